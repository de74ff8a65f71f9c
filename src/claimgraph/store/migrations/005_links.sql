-- 005_links: links across documents: cached sentence embeddings and propositions (claims from
-- different documents about the same thing), written by claimgraph.link.propositions.
--
-- sentence_embeddings  one vector per distinct sentence and embedding mode; key =
--                      link.embeddings.sentence_key(text, mode) (sha1 of mode and text), so a
--                      sentence repeated across documents or runs is encoded once.
-- propositions         one row per proposition (topic cluster of claims); label = the text of its
--                      most central claim (label_claim_id); claims / documents / sources count its
--                      members, contested_score is link.contested's score (0 when one side is empty).
-- proposition_claims   one row per claim of a canonical document: its proposition, cosine to the
--                      proposition's centroid, and its side relative to the label claim
--                      ('for' | 'against' | 'neutral'), with the claim-vs-claim relation behind it
--                      (supports | contradicts | neither) and the reasons. Claims of duplicate
--                      documents have no row: a repost is not another source.

CREATE TABLE sentence_embeddings (
    key    VARCHAR PRIMARY KEY,
    mode   VARCHAR NOT NULL,
    dim    INTEGER NOT NULL,
    vector FLOAT[] NOT NULL
);

CREATE TABLE propositions (
    id              VARCHAR PRIMARY KEY,
    mode            VARCHAR NOT NULL,
    label_claim_id  VARCHAR,
    label           VARCHAR,
    claims          INTEGER NOT NULL,
    documents       INTEGER NOT NULL,
    sources         INTEGER NOT NULL,
    contested_score DOUBLE NOT NULL DEFAULT 0,
    updated_at      TIMESTAMP NOT NULL  -- UTC
);

CREATE TABLE proposition_claims (
    proposition_id VARCHAR NOT NULL,
    claim_id       VARCHAR PRIMARY KEY,
    doc_id         VARCHAR NOT NULL,
    similarity     DOUBLE,
    side           VARCHAR CHECK (side IN ('for', 'against', 'neutral')),
    relation       VARCHAR CHECK (relation IN ('supports', 'contradicts', 'neither')),
    relation_score DOUBLE,
    reasons        VARCHAR[]
);
