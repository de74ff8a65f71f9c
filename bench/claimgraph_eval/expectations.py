"""Checking extracted claims against a hand-written list of expected claims (a test set).

The list is YAML: ``documents`` maps a file name to its expected claims; each expected claim names
the words its content must contain (``content``) and any of the fields it must have (``speaker``:
words of the speaker span; ``speaker_actor``, ``speaker_name``, ``speaker_head``, ``speaker_kind``,
``cue``, ``status``, ``evidence``,
``polarity``, ``disputed_by``, ``quantity``: a value among its quantities; ``nested``: true when it
must have a parent claim). ``bench/quality_claims.py`` and the tests read the seeds' list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claimgraph.model import Claim, Document

_FIELDS = (
    "speaker_actor",
    "speaker_name",
    "speaker_head",
    "speaker_kind",
    "cue",
    "status",
    "evidence",
    "polarity",
    "disputed_by",
)


@dataclass(frozen=True)
class Result:
    expected: dict[str, Any]
    claim: Claim | None
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def load_expected(path: Path) -> dict[str, list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise ValueError(f"{path}: expected a mapping with a 'documents' mapping")
    return data["documents"]


def _problem(doc: Document, claim: Claim, exp: dict[str, Any]) -> str | None:
    if "speaker" in exp and exp["speaker"].lower() not in (claim.speaker_text or "").lower():
        return f"speaker {claim.speaker_text!r}, expected one containing {exp['speaker']!r}"
    for name in _FIELDS:
        if name in exp and getattr(claim, name) != exp[name]:
            return f"{name} {getattr(claim, name)!r}, expected {exp[name]!r}"
    if "quantity" in exp and not any(q.value == exp["quantity"] for q in claim.quantities):
        return f"quantities {[q.text for q in claim.quantities]}, expected the value {exp['quantity']}"
    if exp.get("nested") and claim.parent is None:
        return "not nested in another claim"
    return None


def check_document(doc: Document, expected: list[dict[str, Any]]) -> list[Result]:
    """For each expected claim: the best claim whose content contains its words, and what is wrong."""
    results = []
    for exp in expected:
        words = exp["content"].lower()
        candidates = [c for c in doc.claims if words in doc.clean_text[c.content_start : c.content_end].lower()]
        if not candidates:
            results.append(Result(exp, None, f"no claim whose content contains {exp['content']!r}"))
            continue
        problems = [(c, _problem(doc, c, exp)) for c in candidates]
        claim, problem = next(((c, p) for c, p in problems if p is None), problems[0])
        results.append(Result(exp, claim, problem))
    return results


def check_expected(expected: dict[str, list[dict[str, Any]]], directory: Path) -> list[Result]:
    """Run the per-document pipeline on each listed file of ``directory`` and check its claims."""
    from claimgraph.runner import extract

    results = []
    for name, claims in expected.items():
        docs = [d for d in extract([str(directory / name)]) if isinstance(d, Document)]
        if not docs:
            results.extend(Result(exp, None, f"{name}: could not be read") for exp in claims)
            continue
        results.extend(check_document(docs[0], claims))
    return results
