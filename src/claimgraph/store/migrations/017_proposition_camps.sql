-- 017_proposition_camps: a proposition's contest beyond its members (link/propositions.py ``_camp_edges``).
--
-- A rejection and the assertion it rejects are often worded apart and land in two propositions
-- ("the army denied its aircraft struck the school" / "an aircraft bombed a school in the village"):
-- neither proposition shows the contest. Moving the rejection into the assertion's proposition did
-- (session 10, branch pgroup) but the disputes step pairs affirmations and denials inside a
-- proposition first, and the moved rejection lost its own anchor there. So membership stays as the
-- vectors decide it, and the contested list reads the camps here beside it; the disputes step never
-- reads this table.
--
-- proposition_id  the proposition whose contest the row belongs to
-- claim_id        a claim taking a side in that contest
-- doc_id          its document
-- answers         a guest (a member of another proposition): the claim of this proposition it rejects;
--                 NULL: a member of this proposition whose side in the contest (with its guests) is not
--                 its side to the label, which proposition_claims keeps
-- similarity      its combined similarity to the proposition's label
-- side            its side in the contest
-- reasons         why (the camps' 'side: ' reason first)
--
-- Written by store/propositions.py ``replace`` with the proposition's members (deleted with them), so
-- without a key, as proposition_claims (013).

CREATE TABLE proposition_camps (
    proposition_id VARCHAR NOT NULL,
    claim_id       VARCHAR NOT NULL,
    doc_id         VARCHAR NOT NULL,
    answers        VARCHAR,
    similarity     DOUBLE,
    side           VARCHAR CHECK (side IN ('for', 'against', 'neutral')),
    reasons        VARCHAR[]
);
