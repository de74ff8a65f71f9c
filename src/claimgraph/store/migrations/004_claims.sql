-- 004_claims: claims: attributed, graded assertions with speaker/cue/content spans. Columns mirror
-- claimgraph.model.Claim (hedges/evidence_cues as lists, quantities as JSON).
-- Regenerate the CREATE TABLE with `python -m claimgraph.store.annotations claims` when the
-- dataclass changes before release; after release, add a new migration instead.

CREATE TABLE claims (
    doc_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    "id" VARCHAR,
    "start" BIGINT,
    "end" BIGINT,
    "text" VARCHAR,
    "content_start" BIGINT,
    "content_end" BIGINT,
    "speaker_text" VARCHAR,
    "speaker_start" BIGINT,
    "speaker_end" BIGINT,
    "speaker_actor" VARCHAR,
    "speaker_kind" VARCHAR,
    "cue" VARCHAR,
    "cue_start" BIGINT,
    "cue_end" BIGINT,
    "status" VARCHAR,
    "evidence" VARCHAR,
    "polarity" VARCHAR,
    "hedges" VARCHAR[],
    "evidence_cues" VARCHAR[],
    "quantities" JSON,
    "checkworthiness" DOUBLE,
    "parent" VARCHAR,
    "disputed_by" VARCHAR,
    "speaker_head" VARCHAR,
    "speaker_name" VARCHAR,
    PRIMARY KEY (doc_id, seq)
);
