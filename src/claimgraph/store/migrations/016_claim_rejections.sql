-- 016_claim_rejections: the fact-slot values a rejecting claim gives, read over the parse by the claims
-- stage's worker (claimgraph.link.disputes.rejections.with_rejections; model.Claim.rejected_values), so
-- that the disputes step never loads the parser in the linking process.
--
-- rejected_values  JSON list of {slot, value, masked, holder, holder_words}, "[]" where a rejection
--                  gives none; NULL for every other claim, and for the claims of a store made before
--                  this migration, which the disputes step reads over the parse as before
--                  (link/disputes/facts.fact_values)

ALTER TABLE claims ADD COLUMN rejected_values JSON;
