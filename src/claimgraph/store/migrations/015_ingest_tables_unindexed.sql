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
--
-- Each table is copied as it stands (CREATE TABLE AS keeps every column, its type and its order,
-- whichever migrations added columns before this one) and given back its NOT NULL columns (001-004).

ALTER TABLE removals RENAME TO removals_keyed;
CREATE TABLE removals AS SELECT * FROM removals_keyed;
DROP TABLE removals_keyed;
ALTER TABLE removals ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE removals ALTER COLUMN seq SET NOT NULL;
ALTER TABLE removals ALTER COLUMN raw_start SET NOT NULL;
ALTER TABLE removals ALTER COLUMN raw_end SET NOT NULL;
ALTER TABLE removals ALTER COLUMN rule SET NOT NULL;
ALTER TABLE removals ALTER COLUMN text SET NOT NULL;

ALTER TABLE paragraphs RENAME TO paragraphs_keyed;
CREATE TABLE paragraphs AS SELECT * FROM paragraphs_keyed;
DROP TABLE paragraphs_keyed;
ALTER TABLE paragraphs ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE paragraphs ALTER COLUMN seq SET NOT NULL;
ALTER TABLE paragraphs ALTER COLUMN start SET NOT NULL;
ALTER TABLE paragraphs ALTER COLUMN "end" SET NOT NULL;

ALTER TABLE entities RENAME TO entities_keyed;
CREATE TABLE entities AS SELECT * FROM entities_keyed;
DROP TABLE entities_keyed;
ALTER TABLE entities ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE entities ALTER COLUMN seq SET NOT NULL;

ALTER TABLE events RENAME TO events_keyed;
CREATE TABLE events AS SELECT * FROM events_keyed;
DROP TABLE events_keyed;
ALTER TABLE events ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE events ALTER COLUMN seq SET NOT NULL;

ALTER TABLE claims RENAME TO claims_keyed;
CREATE TABLE claims AS SELECT * FROM claims_keyed;
DROP TABLE claims_keyed;
ALTER TABLE claims ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE claims ALTER COLUMN seq SET NOT NULL;
