-- 013_link_tables_unindexed: sentence_embeddings and proposition_claims without their primary keys.
--
-- DuckDB writes a table's whole key index again at every checkpoint that follows a change to the
-- table, however small the change. Every link adds the new claims' vectors and rewrites the touched
-- propositions' sums and members, so each link paid for re-serialising an index of every stored
-- vector (~0.5-1 s CPU at 2,000 stored documents; 0.03-0.06 s without it) and of every member
-- (~0.17 s), growing with the store. The keys stay unique because each table has one writer:
-- store/vectors.py adds only keys not stored yet and deletes a key before writing it again;
-- store/propositions.py (``replace``) deletes a proposition's members before writing them, and
-- places only claims in no proposition. Reads join the wanted keys against a scan of the key
-- column: the indexes were not used for them.

ALTER TABLE sentence_embeddings RENAME TO sentence_embeddings_005;

CREATE TABLE sentence_embeddings (
    key    VARCHAR NOT NULL,
    mode   VARCHAR NOT NULL,
    dim    INTEGER NOT NULL,
    vector FLOAT[] NOT NULL
);

INSERT INTO sentence_embeddings SELECT key, mode, dim, vector FROM sentence_embeddings_005;

DROP TABLE sentence_embeddings_005;

ALTER TABLE proposition_claims RENAME TO proposition_claims_005;

CREATE TABLE proposition_claims (
    proposition_id VARCHAR NOT NULL,
    claim_id       VARCHAR NOT NULL,
    doc_id         VARCHAR NOT NULL,
    similarity     DOUBLE,
    side           VARCHAR CHECK (side IN ('for', 'against', 'neutral')),
    relation       VARCHAR CHECK (relation IN ('supports', 'contradicts', 'neither')),
    relation_score DOUBLE,
    reasons        VARCHAR[]
);

INSERT INTO proposition_claims SELECT * FROM proposition_claims_005;

DROP TABLE proposition_claims_005;
