-- 013_proposition_vectors: the propositions' summed member vectors and reference centroids
-- (link/propositions.py, link/propositions_refresh.py; key and mode as they were in
-- sentence_embeddings), as raw little-endian float32 bytes. A run rewrites those of every
-- proposition it touches; as FLOAT[] lists in sentence_embeddings (1,152 values each, beside every
-- sentence vector) DuckDB's checkpoint rewrote and recompressed the list column each time: ~1.2 s
-- of a 100-document run at 2,000 stored documents, against ~0.2 s as BLOBs in a table of their own.
-- Rows written before this migration stay in sentence_embeddings and are read from there until
-- their proposition is next written (store/vectors.py).

CREATE TABLE proposition_vectors (
    key    VARCHAR PRIMARY KEY,
    mode   VARCHAR NOT NULL,
    vector BLOB NOT NULL
);
