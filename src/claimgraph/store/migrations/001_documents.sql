-- 001_documents: documents with their provenance, ingest runs and the inputs they could not read.
--
-- documents     one row per ingested document; id = 16 hex chars of sha256(source locator, raw text),
--               so re-ingesting the same input is a no-op. ingest_seq orders documents as ingested.
--               offsets is the clean->raw OffsetMap as JSON [[clean_start, clean_end, raw_start,
--               raw_end, verbatim 0|1], ...]. minhash is the MinHash signature (num_perm
--               little-endian uint64) that rebuilds the duplicate index at the start of a run;
--               duplicate_of always names a canonical document (one whose duplicate_of is NULL).
-- removals      raw spans that cleaning took out, and the rule that did it; seq = order in the document.
-- paragraphs    clean-text spans between blank lines, each with its own language.
-- runs          one row per ingest run; finished_at IS NULL means the run was killed or still goes on.
-- input_errors  one row per input a run could not read or process, with the reason.
--
-- Indices: only the primary keys. They serve every look-up the store makes (a document by id,
-- its removals and paragraphs by (doc_id, seq)) and enforce the one-row-per-id rule that makes
-- re-ingest idempotent. Other columns (content_hash, duplicate_of, language) are filtered by
-- DuckDB's columnar scans, which are fast at corpus sizes; each extra ART index would cost on
-- every insert and stay in memory.

CREATE SEQUENCE documents_ingest_seq;

CREATE TABLE documents (
    id                   VARCHAR PRIMARY KEY,
    ingest_seq           BIGINT NOT NULL DEFAULT nextval('documents_ingest_seq'),
    source_path          VARCHAR NOT NULL,
    source_format        VARCHAR NOT NULL,
    source_record        VARCHAR,
    title                VARCHAR,
    author               VARCHAR,
    date                 VARCHAR,  -- ISO 8601 as found: may be partial ("2023-05")
    site                 VARCHAR,
    url                  VARCHAR,
    language             VARCHAR,
    language_score       DOUBLE,
    raw_text             VARCHAR NOT NULL,
    clean_text           VARCHAR NOT NULL,
    chars                INTEGER NOT NULL,  -- len(clean_text) in characters
    content_hash         VARCHAR,
    duplicate_of         VARCHAR,
    duplicate_kind       VARCHAR CHECK (duplicate_kind IN ('exact', 'near')),
    duplicate_similarity DOUBLE,
    offsets              JSON NOT NULL,
    minhash              BLOB,
    ingested_at          TIMESTAMP NOT NULL,  -- UTC
    run_id               VARCHAR
);

CREATE TABLE removals (
    doc_id    VARCHAR NOT NULL,
    seq       INTEGER NOT NULL,
    raw_start INTEGER NOT NULL,
    raw_end   INTEGER NOT NULL,
    rule      VARCHAR NOT NULL,
    text      VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE paragraphs (
    doc_id         VARCHAR NOT NULL,
    seq            INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    language       VARCHAR,
    language_score DOUBLE,
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE runs (
    id                VARCHAR PRIMARY KEY,
    started_at        TIMESTAMP NOT NULL,  -- UTC
    finished_at       TIMESTAMP,           -- UTC; NULL while running or after a kill
    inputs            JSON NOT NULL,       -- the paths the run was given
    documents_added   INTEGER,
    documents_skipped INTEGER,
    errors            INTEGER
);

CREATE TABLE input_errors (
    run_id VARCHAR NOT NULL,
    path   VARCHAR NOT NULL,
    record VARCHAR,
    reason VARCHAR NOT NULL,
    "at"   TIMESTAMP NOT NULL  -- UTC; "at" is a keyword
);
