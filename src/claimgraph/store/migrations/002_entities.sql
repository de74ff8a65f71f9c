-- 002_entities: entity mentions: clean-text spans with their re3d type and, where linked, the ontology actor
-- and/or gazetteer place (with coordinates). Columns mirror claimgraph.model.Mention.
-- Regenerate the CREATE TABLE with `python -m claimgraph.store.annotations entities` when the
-- dataclass changes before release; after release, add a new migration instead.

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
    "score" DOUBLE,
    PRIMARY KEY (doc_id, seq)
);
