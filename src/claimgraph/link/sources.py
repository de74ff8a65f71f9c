"""Source profiles: per source (outlet, author, thread account), how it claims and whom it agrees with.

A source is ``propositions.source_key`` of a document (its site, else its author, else its file).
Only canonical documents count: a repost or near duplicate is not a second voice. Agreement comes
from the propositions (link/propositions.py): two sources with claims on the same side of a
proposition agree on it, on opposite sides disagree (neutral members count for neither).

The credibility weight (0 ... 1) combines the shares of cited, unverified, hedged and disputed
claims with the balance of agreements over disagreements; coefficients in
data/ach/credibility.yaml, the formula in docs/ach.md. It is a prior for weighting evidence in an
ACH board, not a verdict on the source.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from ..errors import Ambiguous, NotFound
from ..yamlfiles import load_yaml
from .propositions import source_key

CREDIBILITY_PATH = Path(__file__).resolve().parents[1] / "data" / "ach" / "credibility.yaml"
SHARES = ("hedged", "unsupported", "unverified", "reported", "disputed", "cites")


class UnknownSource(NotFound):
    """No stored document speaks for the source asked for."""


def credibility_coefficients(path: Path = CREDIBILITY_PATH) -> dict[str, Any]:
    return load_yaml(path.read_text(encoding="utf-8"))


def credibility(
    shares: dict[str, float], agreements: int, disagreements: int, coefficients: dict[str, Any] | None = None
) -> float:
    """The credibility weight from a source's claim shares and its agreement balance."""
    c = coefficients or credibility_coefficients()
    value = float(c["base"])
    value += sum(float(w) * shares.get(name, 0.0) for name, w in c["shares"].items())
    value += float(c["corroboration"]) * (agreements - disagreements) / (agreements + disagreements + 1)
    return round(min(1.0, max(0.0, value)), 3)


def source_profiles(store) -> list[dict[str, Any]]:
    """One profile per source, most claims first (then by name)."""
    docs = store.documents.canonical_sources()
    source_of = {d["id"]: source_key(d) for d in docs}
    profiles: dict[str, dict[str, Any]] = {}
    for key in source_of.values():
        p = profiles.setdefault(key, {"source": key, "documents": 0, "claims": 0, **{f"{s}_count": 0 for s in SHARES}})
        p["documents"] += 1
    for c in store.claims.canonical_grades():
        p = profiles[source_of[c.doc_id]]
        p["claims"] += 1
        p["hedged_count"] += c.status == "hedged"
        p["reported_count"] += c.status == "reported"
        # disputed: its speaker contests someone's claim, the author contests it, or another source
        # disagrees with it in a dispute (link/disputes: the figures, facts and claims disputes)
        p["disputed_count"] += c.status == "disputed" or c.disputed_by is not None or c.in_dispute
        p["unsupported_count"] += c.evidence == "unsupported"
        p["unverified_count"] += c.evidence == "unverified"
        p["cites_count"] += c.evidence == "cites"
    agree, disagree = _agreement(store, source_of)
    coefficients = credibility_coefficients()  # read once for all the profiles
    for key, p in profiles.items():
        n = p["claims"]
        p["shares"] = {s: round(p[f"{s}_count"] / n, 3) if n else 0.0 for s in SHARES}
        p["agreements"] = dict(sorted(agree[key].items(), key=lambda kv: (-kv[1], kv[0])))
        p["disagreements"] = dict(sorted(disagree[key].items(), key=lambda kv: (-kv[1], kv[0])))
        p["agreement_total"] = sum(agree[key].values())
        p["disagreement_total"] = sum(disagree[key].values())
        p["credibility"] = (
            credibility(p["shares"], p["agreement_total"], p["disagreement_total"], coefficients)
            if n
            else float(coefficients["base"])
        )
    return sorted(profiles.values(), key=lambda p: (-p["claims"], p["source"]))


def cached_source_profiles(store) -> list[dict[str, Any]]:
    """``source_profiles(store)``, computed once per state of the store (``Store.derived``): it
    reads every claim and proposition member (seconds on a 10k-document store), and the workbench
    asks for it on every request. Do not change what it returns."""
    return store.derived("source_profiles", source_profiles)


def source_profile(store, key: str) -> dict[str, Any]:
    """The profile of one source, by its key (exact, else the one key it is a case-blind part of)."""
    profiles = cached_source_profiles(store)
    for p in profiles:
        if p["source"] == key:
            return p
    matches = [p for p in profiles if key.lower() in p["source"].lower()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise Ambiguous(f"source {key!r} is ambiguous: it matches {', '.join(p['source'] for p in matches[:5])}")
    raise UnknownSource(f"no source {key!r} (claimgraph sources lists them)")


def _agreement(store, source_of: dict[str, str]) -> tuple[dict, dict]:
    """Per source: other source -> number of propositions where they take the same / opposite side."""
    sides: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # proposition -> side -> sources
    for r in store.propositions.taken_sides():
        key = source_of.get(r.doc_id)
        if key is not None:
            sides[r.proposition_id][r.side].add(key)
    agree: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    disagree: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for by_side in sides.values():
        pro, con = by_side.get("for", set()), by_side.get("against", set())
        for group in (pro, con):
            for a in group:
                for b in group:
                    if a != b:
                        agree[a][b] += 1
        for a in pro:
            for b in con:
                if a != b:
                    disagree[a][b] += 1
                    disagree[b][a] += 1
    return agree, disagree
