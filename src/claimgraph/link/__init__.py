"""Across sources: sentence embeddings, stance (headline vs body) and claim-vs-claim relations.

embeddings.Embedder(mode)        fast (static, numpy-only) or accurate (all-MiniLM-L6-v2)
stance.StanceModel.load()        agree / disagree / discuss / unrelated, trained on FNC-1
relation.claim_relation(a, b)    supports / contradicts / neither between two claims
"""
