-- 007_document_counts: per document, how many removals, entity mentions, events and claims point
-- into it, written with the document by Store.add_document (they never change afterwards). The
-- workbench's document list shows them for each page; counting them per request scanned all four
-- child tables (~0.4 s a page on a 10,000-document store under load). A table of its own rather
-- than columns of documents: DuckDB 1.5 cannot replay an ALTER TABLE of documents (whose
-- ingest_seq defaults to a sequence) from its write-ahead log after a crash.

CREATE TABLE document_counts (
    doc_id   VARCHAR NOT NULL,
    removals INTEGER NOT NULL,
    entities INTEGER NOT NULL,
    events   INTEGER NOT NULL,
    claims   INTEGER NOT NULL
);

-- stores written before this migration: count what they hold
INSERT INTO document_counts
SELECT d.id,
       (SELECT count(*) FROM removals r WHERE r.doc_id = d.id),
       (SELECT count(*) FROM entities e WHERE e.doc_id = d.id),
       (SELECT count(*) FROM events v WHERE v.doc_id = d.id),
       (SELECT count(*) FROM claims c WHERE c.doc_id = d.id)
FROM documents d;
