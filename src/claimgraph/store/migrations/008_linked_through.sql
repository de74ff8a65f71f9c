-- 008_linked_through: how far the after-run steps (event clusters, propositions, ACH re-proposal)
-- have got, as the ingest_seq of the last document they have seen. A run links what it stored
-- every LINK_DOCUMENTS documents and at its end; a run killed or interrupted before linking leaves
-- its documents above the mark, and the next run (or load) links them even if it adds nothing.
-- (runs.finished_at cannot say it: a run interrupted by Ctrl-C is finished without its steps.)

CREATE TABLE linked_through (
    ingest_seq BIGINT NOT NULL,
    linked_at  TIMESTAMP NOT NULL  -- UTC
);

-- stores written before this migration: everything stored has been linked
INSERT INTO linked_through SELECT coalesce(max(ingest_seq), 0), now() FROM documents;
