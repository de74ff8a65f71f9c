-- 011_disputes: where independent sources disagree, written by claimgraph.link.disputes after a run.
--
-- disputes        one row per compared thing: a figure of an event cluster (deaths or injured of a
--                 victim group), a fact of an event cluster (perpetrator, date, place), a measured
--                 quantity outside events (a group's strength by subject, measure and year), or a
--                 proposition some sources affirm and others deny. ``block`` is what its candidates
--                 were blocked by (the event cluster, the subject key or the proposition id), so a
--                 run recomputes only the blocks its documents touch. ``conflict``: values that
--                 cannot all be true remain after updates; ``score`` ranks (divergence x firmness x
--                 independent sources) and ``why`` says how it was reached.
-- dispute_values  each source's value, with its speaker, cue, sentence (clean offsets of its
--                 document), date and status; ``role`` is value | update (a later, higher figure of
--                 the same or an official source: a timeline, not a contradiction) | superseded (the
--                 earlier figure an update replaced) | affirms | denies.

CREATE TABLE disputes (
    id          VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL CHECK (kind IN ('figures', 'facts', 'claims')),
    block       VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    measure     VARCHAR,
    grp         VARCHAR,
    sources     INTEGER NOT NULL,  -- independent sources among the values
    n_values    INTEGER NOT NULL,
    low         DOUBLE,            -- the spread of a figure: smallest and largest value given
    high        DOUBLE,
    divergence  DOUBLE NOT NULL,
    firmness    DOUBLE NOT NULL,
    score       DOUBLE NOT NULL,
    conflict    BOOLEAN NOT NULL,
    updates     INTEGER NOT NULL,
    why         VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL  -- UTC
);

CREATE TABLE dispute_values (
    dispute_id     VARCHAR NOT NULL,
    seq            INTEGER NOT NULL,
    role           VARCHAR NOT NULL,
    doc_id         VARCHAR NOT NULL,
    claim_id       VARCHAR,
    event_id       VARCHAR,
    source         VARCHAR NOT NULL,
    speaker        VARCHAR,
    speaker_actor  VARCHAR,
    official       BOOLEAN NOT NULL,
    cue            VARCHAR,
    sentence_start BIGINT,
    sentence_end   BIGINT,
    text           VARCHAR,
    value          VARCHAR NOT NULL,  -- as shown: "at least 12", "ISKP", "2025-03-07"
    low            DOUBLE,
    high           DOUBLE,            -- NULL with a low: unbounded ("at least")
    qualifier      VARCHAR,
    date           VARCHAR,
    status         VARCHAR,
    polarity       VARCHAR,
    firmness       DOUBLE NOT NULL,
    PRIMARY KEY (dispute_id, seq)
);
