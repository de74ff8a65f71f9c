-- 009_run_settings: the settings each run used (claimgraph.settings.Settings.to_dict(), files named
-- by absolute path), so that the workbench's uploads and `claimgraph load` process and decide
-- duplicates the way the store's runs did. Its own table, not a column of runs: an ALTER of a table
-- cannot be replayed from DuckDB 1.5's WAL after a kill (see 007_document_counts).

CREATE TABLE run_settings (
    run_id   VARCHAR PRIMARY KEY,
    settings JSON NOT NULL
);
