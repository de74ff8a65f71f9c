-- 006_ach: Analysis of Competing Hypotheses boards, written by claimgraph.ach.
--
-- ach_boards            one row per board; name is unique (a board file names its board).
-- ach_hypotheses        the board's hypotheses, H1, H2, ... in the order given.
-- ach_evidence          claims and events on the board, E1, E2, ...; ref_kind/ref_id name the claim
--                       or event. added_by 'proposed' rows are chosen by claimgraph.ach.propose and
--                       may be dropped from view by a later proposal (active = false), never deleted,
--                       so an evidence id and its overrides stay valid; 'analyst' rows stay active.
--                       credibility / relevance: the proposed weight levels (low | medium | high)
--                       and why.
-- ach_ratings           the proposed rating of each evidence x hypothesis cell (PARC scale:
--                       CC, C, N, NA, I, II) with the stance probabilities and the reason; rewritten
--                       by every proposal.
-- ach_rating_overrides  an analyst's rating for a cell, with who, when and why: apart from the
--                       proposals, so re-runs and re-proposals never touch it.
-- ach_weight_overrides  an analyst's credibility and/or relevance level for an evidence item.
-- ach_audit             every override set or cleared, in order (the overrides tables hold the
--                       current ones only).

CREATE TABLE ach_boards (
    id          VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL UNIQUE,
    description VARCHAR,
    created_at  TIMESTAMP NOT NULL,  -- UTC
    proposed_at TIMESTAMP            -- UTC; last proposal, NULL before the first
);

CREATE TABLE ach_hypotheses (
    board_id   VARCHAR NOT NULL,
    id         VARCHAR NOT NULL,
    seq        INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (board_id, id)
);

CREATE TABLE ach_evidence (
    board_id           VARCHAR NOT NULL,
    id                 VARCHAR NOT NULL,
    seq                INTEGER NOT NULL,
    ref_kind           VARCHAR NOT NULL CHECK (ref_kind IN ('claim', 'event')),
    ref_id             VARCHAR NOT NULL,
    doc_id             VARCHAR NOT NULL,
    added_by           VARCHAR NOT NULL CHECK (added_by IN ('proposed', 'analyst')),
    active             BOOLEAN NOT NULL,
    relevance_score    DOUBLE,
    credibility        VARCHAR CHECK (credibility IN ('low', 'medium', 'high')),
    credibility_reason VARCHAR,
    relevance          VARCHAR CHECK (relevance IN ('low', 'medium', 'high')),
    relevance_reason   VARCHAR,
    created_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (board_id, id),
    UNIQUE (board_id, ref_kind, ref_id)
);

CREATE TABLE ach_ratings (
    board_id      VARCHAR NOT NULL,
    evidence_id   VARCHAR NOT NULL,
    hypothesis_id VARCHAR NOT NULL,
    rating        VARCHAR NOT NULL CHECK (rating IN ('CC', 'C', 'N', 'NA', 'I', 'II')),
    stance        JSON,     -- {"agree": p, "disagree": p, "discuss": p, "unrelated": p}
    reason        VARCHAR,
    proposed_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (board_id, evidence_id, hypothesis_id)
);

CREATE TABLE ach_rating_overrides (
    board_id      VARCHAR NOT NULL,
    evidence_id   VARCHAR NOT NULL,
    hypothesis_id VARCHAR NOT NULL,
    rating        VARCHAR NOT NULL CHECK (rating IN ('CC', 'C', 'N', 'NA', 'I', 'II')),
    analyst       VARCHAR NOT NULL,
    note          VARCHAR,
    "at"          TIMESTAMP NOT NULL,  -- UTC
    PRIMARY KEY (board_id, evidence_id, hypothesis_id)
);

CREATE TABLE ach_weight_overrides (
    board_id    VARCHAR NOT NULL,
    evidence_id VARCHAR NOT NULL,
    credibility VARCHAR CHECK (credibility IN ('low', 'medium', 'high')),
    relevance   VARCHAR CHECK (relevance IN ('low', 'medium', 'high')),
    analyst     VARCHAR NOT NULL,
    note        VARCHAR,
    "at"        TIMESTAMP NOT NULL,  -- UTC
    PRIMARY KEY (board_id, evidence_id)
);

CREATE TABLE ach_audit (
    board_id      VARCHAR NOT NULL,
    evidence_id   VARCHAR NOT NULL,
    hypothesis_id VARCHAR,           -- NULL for a weight override
    action        VARCHAR NOT NULL,  -- set-rating | set-weight | clear-rating | clear-weight
    value         VARCHAR,
    analyst       VARCHAR,
    note          VARCHAR,
    "at"          TIMESTAMP NOT NULL
);
