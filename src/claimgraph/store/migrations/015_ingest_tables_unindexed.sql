-- 015_ingest_tables_unindexed: the extraction tables (removals, paragraphs, entities, events,
-- claims) without their (doc_id, seq) primary keys.
--
-- As migration 013 found for the link tables: DuckDB writes a table's whole key index again at every
-- checkpoint that follows any change to the table. A run checkpoints every 16 MiB of log while it
-- stores documents, and each of those checkpoints re-wrote the indexes of every stored mention,
-- event and claim (at 2,000 stored documents: 0.63 s CPU and ~4 s wall per checkpoint for the five
-- tables, 0.04 s and 0.3 s without keys), growing with the store. The keys stay unique because the
-- tables have one writer, Store._flush: a document's rows are written only with the document, once
-- (add_rows skips an id stored already or added in the open batch), seq numbering each document's
-- rows. No read used the indexes: DuckDB answers `doc_id = ?` (and `doc_id = ? AND seq = ?`) with a
-- sequential scan on a two-column key (EXPLAIN shows SEQ_SCAN).
-- The columns and their order are migration 001-004's.

ALTER TABLE removals RENAME TO removals_001;

CREATE TABLE removals (
    doc_id    VARCHAR NOT NULL,
    seq       INTEGER NOT NULL,
    raw_start INTEGER NOT NULL,
    raw_end   INTEGER NOT NULL,
    rule      VARCHAR NOT NULL,
    text      VARCHAR NOT NULL
);

INSERT INTO removals SELECT * FROM removals_001;

DROP TABLE removals_001;

ALTER TABLE paragraphs RENAME TO paragraphs_001;

CREATE TABLE paragraphs (
    doc_id         VARCHAR NOT NULL,
    seq            INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    language       VARCHAR,
    language_score DOUBLE
);

INSERT INTO paragraphs SELECT * FROM paragraphs_001;

DROP TABLE paragraphs_001;

ALTER TABLE entities RENAME TO entities_002;

CREATE TABLE entities (
    doc_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    "start" BIGINT,
    "end" BIGINT,
    "text" VARCHAR,
    "type" VARCHAR,
    "actor_id" VARCHAR,
    "actor_name" VARCHAR,
    "actor_type" VARCHAR,
    "place_id" VARCHAR,
    "place_name" VARCHAR,
    "admin1" VARCHAR,
    "country" VARCHAR,
    "lat" DOUBLE,
    "lon" DOUBLE,
    "precision" VARCHAR,
    "role" VARCHAR,
    "role_org" VARCHAR,
    "method" VARCHAR,
    "score" DOUBLE
);

INSERT INTO entities SELECT * FROM entities_002;

DROP TABLE entities_002;

ALTER TABLE events RENAME TO events_003;

CREATE TABLE events (
    doc_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    "id" VARCHAR,
    "type" VARCHAR,
    "event_type" VARCHAR,
    "sentence_start" BIGINT,
    "sentence_end" BIGINT,
    "trigger_start" BIGINT,
    "trigger_end" BIGINT,
    "trigger" VARCHAR,
    "confidence" DOUBLE,
    "actor1" VARCHAR,
    "actor1_text" VARCHAR,
    "actor2" VARCHAR,
    "actor2_text" VARCHAR,
    "place_id" VARCHAR,
    "location" VARCHAR,
    "admin1" VARCHAR,
    "country" VARCHAR,
    "lat" DOUBLE,
    "lon" DOUBLE,
    "precision" VARCHAR,
    "date_start" VARCHAR,
    "date_end" VARCHAR,
    "date_precision" VARCHAR,
    "date_text" VARCHAR,
    "fatalities" BIGINT,
    "fatalities_qualifier" VARCHAR,
    "injured" BIGINT,
    "injured_qualifier" VARCHAR,
    "weapon" VARCHAR,
    "claimed" BOOLEAN,
    "claims_event" VARCHAR,
    "negated" BOOLEAN,
    "modality" VARCHAR,
    "mentions" VARCHAR[],
    "cluster_id" VARCHAR
);

INSERT INTO events SELECT * FROM events_003;

DROP TABLE events_003;

ALTER TABLE claims RENAME TO claims_004;

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
    "speaker_name" VARCHAR
);

INSERT INTO claims SELECT * FROM claims_004;

DROP TABLE claims_004;
