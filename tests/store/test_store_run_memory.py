"""A run caps DuckDB's memory lower than the store's default while it streams documents in."""

from __future__ import annotations

import duckdb

from claimgraph.settings import Settings
from claimgraph.store import Store
from claimgraph.store import store as store_module


def _setting(limit: str) -> str:
    return (
        duckdb.connect(config={"memory_limit": limit}).execute("SELECT current_setting('memory_limit')").fetchone()[0]
    )


def _current(store: Store) -> str:
    return store.query("SELECT current_setting('memory_limit') AS m")[0]["m"]


def test_a_run_caps_duckdb_lower_and_the_store_gets_its_cap_back(tmp_path):
    with Store(tmp_path / "cap.duckdb") as store:
        assert _current(store) == _setting(store_module.MEMORY_LIMIT)
        run_id = store.start_run(["input.txt"])
        assert _current(store) == _setting(store_module.RUN_MEMORY_LIMIT)
        store.lift_memory_limit()  # before the after-run steps
        assert _current(store) == _setting(store_module.MEMORY_LIMIT)
        store.start_run(["input.txt"])
        store.finish_run(run_id, 0, 0, 0)  # a run that ends early gets it back too
        assert _current(store) == _setting(store_module.MEMORY_LIMIT)


def test_run_documents_are_the_runs_own_in_ingest_order(tmp_path, seed_news_path, seed_thread_path):
    from claimgraph import runner

    with Store(tmp_path / "docs.duckdb") as store:
        first = runner.run([str(seed_news_path)], store, Settings.defaults().with_values({"extract.mode": "fast"}))
        second = runner.run([str(seed_thread_path)], store, Settings.defaults().with_values({"extract.mode": "fast"}))
        assert [row[0] for row in store.documents.of_run(first.run_id)] == [first.added[0].id]
        assert [row[0] for row in store.documents.of_run(second.run_id)] == [second.added[0].id]
        assert list(store.documents.of_run(second.run_id, duplicates_only=True)) == []
        assert list(store.documents.of_run("no-such-run")) == []
