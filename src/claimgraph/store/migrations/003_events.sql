-- 003_events: events detected in sentences (CASE 2021 / ACLED types plus statement types) with their
-- slots. Columns mirror claimgraph.model.Event.
-- Regenerate the CREATE TABLE with `python -m claimgraph.store.annotations events` when the
-- dataclass changes before release; after release, add a new migration instead.

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
    "cluster_id" VARCHAR,
    PRIMARY KEY (doc_id, seq)
);
