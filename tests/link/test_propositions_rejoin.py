"""Rejection-aware grouping (link/propositions.py ``_rejoin``): a rejection joins the proposition of
the assertion it rejects, worded apart or not, and only inside one story. Story: the train story
myanmar-airstrike-denial of tests/fixtures/link/contested_synthetic.yaml (SYNTHETIC), as written and
with the denial datelined in another country."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from claimgraph.link.propositions import list_propositions, proposition_members
from claimgraph.runner import run
from claimgraph.store import Store

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "link" / "contested_synthetic.yaml"
STORIES = yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _groups(docs: dict[str, str]) -> list[list[str]]:
    """The member texts of each proposition after ``claimgraph run`` over ``docs`` (name -> text)."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for name, text in docs.items():
            (corpus / name).write_text(text, encoding="utf-8")
        with Store(Path(tmp) / "s.duckdb") as store:
            run([str(corpus)], store, workers=1)
            ids = [p["id"] for p in list_propositions(store)[1]]
            return [[" ".join(m["text"].split()) for m in group] for group in proposition_members(store, ids).values()]


def _together(groups: list[list[str]], a: str, b: str) -> bool:
    return any(any(a in t for t in g) and any(b in t for t in g) for g in groups)


def test_a_rejection_joins_the_assertion_it_rejects():
    """Train story: the junta's denial that its aircraft struck a school and the opposition's account
    of the strike were two propositions (similarity 0.34, under the 0.42 that joins two claims)."""
    story = next(s for s in STORIES["stories"] if s["id"] == "myanmar-airstrike-denial")
    assert story["id"] not in STORIES["story_dev_ids"]
    groups = _groups({d["name"]: d["text"] for d in story["docs"]})
    assert _together(groups, "denied that air fo", "aircraft bombed a school")


def test_a_rejection_from_another_story_stays_apart():
    """The same two documents with the denial datelined in another country (Caracas): nothing tells
    one story (no shared name, event or country), so the denial keeps its own proposition."""
    story = next(s for s in STORIES["stories"] if s["id"] == "myanmar-airstrike-denial")
    docs = {d["name"]: d["text"].replace("NAYPYITAW", "CARACAS") for d in story["docs"]}
    assert sum("CARACAS" in t for t in docs.values()) == 1
    assert not _together(_groups(docs), "denied that air fo", "aircraft bombed a school")
