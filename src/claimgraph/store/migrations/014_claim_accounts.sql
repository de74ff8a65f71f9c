-- 014_claim_accounts: what the contested rules read of each claim, written by the claims stage
-- (claimgraph.claims.accounts; model.Claim's last four fields).
--
-- has_predicate    whether the claim's content has a predicate (a fragment, "the strike in X", has none)
-- generic_speaker  whether its speaker is an indefinite or generic pronoun ("one", "someone")
-- sentence_key     its sentence, as a hash of the sentence's words (a copy in another outlet shares it)
-- speaker_key      its speaker as the rules compare speakers of one sentence; NULL for the author who
--                  only reports others there
--
-- Claims of a store made before this migration keep NULL in all four, and the linker counts them as
-- it did (every member an account, each claim a sentence of its own).

ALTER TABLE claims ADD COLUMN has_predicate BOOLEAN;
ALTER TABLE claims ADD COLUMN generic_speaker BOOLEAN;
ALTER TABLE claims ADD COLUMN sentence_key VARCHAR;
ALTER TABLE claims ADD COLUMN speaker_key VARCHAR;
