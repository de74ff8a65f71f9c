"""Camp edges (link/camp_edges.py): a rejection that the propositions step put in another proposition
than the assertion it rejects takes the other side of that assertion's contest, while both stay
members of their own propositions (what the disputes step reads); only inside one story. Story: the
train story myanmar-airstrike-denial of tests/fixtures/link/contested_synthetic.yaml (SYNTHETIC), as
written and with the denial datelined in another country."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from claimgraph.link.contested import contested_page
from claimgraph.link.propositions import list_propositions, proposition_members
from claimgraph.runner import run
from claimgraph.store import Store

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "link" / "contested_synthetic.yaml"
STORIES = yaml.safe_load(DATA.read_text(encoding="utf-8"))
DENIAL, ASSERTION = "denied that air fo", "aircraft bombed a school"


def _story(dateline: str | None = None) -> dict[str, str]:
    story = next(s for s in STORIES["stories"] if s["id"] == "myanmar-airstrike-denial")
    assert story["id"] not in STORIES["story_dev_ids"]
    docs = {d["name"]: d["text"] for d in story["docs"]}
    if dateline:
        docs = {name: text.replace("NAYPYITAW", dateline) for name, text in docs.items()}
        assert sum(dateline in t for t in docs.values()) == 1
    return docs


def _run(docs: dict[str, str]) -> tuple[list[list[str]], list[dict]]:
    """(the member texts of each proposition, the contested list) after ``claimgraph run``."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for name, text in docs.items():
            (corpus / name).write_text(text, encoding="utf-8")
        with Store(Path(tmp) / "s.duckdb") as store:
            run([str(corpus)], store, workers=1)
            ids = [p["id"] for p in list_propositions(store)[1]]
            groups = [[m["text"] for m in group] for group in proposition_members(store, ids).values()]
            return groups, contested_page(store)[1]


def _together(groups: list[list[str]], a: str, b: str) -> bool:
    return any(any(a in t for t in g) and any(b in t for t in g) for g in groups)


def _opposed(listed: list[dict], a: str, b: str) -> bool:
    """Whether some contest lists ``a`` on one side and ``b`` on the other."""
    for prop in listed:
        texts = {side: " ".join(m["text"] for m in prop["sides"][side]) for side in ("for", "against")}
        if (a in texts["for"] and b in texts["against"]) or (b in texts["for"] and a in texts["against"]):
            return True
    return False


def test_a_rejection_takes_the_other_side_of_the_assertion_it_rejects():
    """The junta's denial that its aircraft struck a school and the opposition's account of the strike
    are two propositions (similarity 0.34, under the 0.42 that joins two claims) and stay so; the
    assertion's contest sets the denial against it."""
    groups, listed = _run(_story())
    assert not _together(groups, DENIAL, ASSERTION)  # membership as the vectors decide it
    assert _opposed(listed, DENIAL, ASSERTION)
    guest = next(m for p in listed for side in p["sides"].values() for m in side if DENIAL in m["text"])
    assert any(r.startswith("camp: rejects") for r in guest["reasons"])


def test_a_rejection_from_another_story_takes_no_side():
    """The same two documents with the denial datelined in another country (Caracas): nothing tells
    one story (no shared name, event or country), so no contest sets them against each other."""
    groups, listed = _run(_story("CARACAS"))
    assert not _together(groups, DENIAL, ASSERTION)
    assert not _opposed(listed, DENIAL, ASSERTION)
