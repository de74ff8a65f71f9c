-- 010_superseded: versions of an edited input. A document read from the same place as a stored one
-- (same source_path and source_record: the locator its id hashes) with other text supersedes it:
-- the old version stays, as history, with a row here naming the version that replaced it. Every
-- listing and every linking step (event clusters, propositions, ACH evidence) reads the current
-- versions only: documents with no row here. A table of its own rather than a column of documents:
-- DuckDB 1.5 cannot replay an ALTER TABLE of documents from its write-ahead log (007_document_counts).
--
-- doc_id     the old version (one row per document: a version is superseded once)
-- by_doc_id  the version that replaced it (the current one, or itself superseded later)

CREATE TABLE superseded (
    doc_id    VARCHAR PRIMARY KEY,
    by_doc_id VARCHAR NOT NULL,
    "at"      TIMESTAMP NOT NULL  -- UTC
);
