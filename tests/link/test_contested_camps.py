"""Camps from member-vs-member relations (link/contested_camps.py) on the project's synthetic
multi-source stories (tests/fixtures/link/contested_synthetic.yaml ``stories``: SYNTHETIC, split train
/ dev by the sha1 of the id, recorded in the file; the rules were written from train, session 10, branch
contested4; bench/quality_contested_stories.py scores every story end to end)."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
import yaml

from claimgraph.link.contested import contested_page
from claimgraph.link.contested_camps import _camps, _reporters, _with_label, in_claim
from claimgraph.link.relation import load_config, number_conflicts
from claimgraph.model import Quantity
from claimgraph.nlp.quantities import find_quantities
from claimgraph.runner import run
from claimgraph.store import Store

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "link" / "contested_synthetic.yaml"
STORIES = yaml.safe_load(DATA.read_text(encoding="utf-8"))


def _is_dev(story_id: str) -> bool:
    return int(hashlib.sha1(story_id.encode()).hexdigest()[:8], 16) % 4 == 0


def test_story_split_is_the_recorded_one():
    assert [s["id"] for s in STORIES["stories"] if _is_dev(s["id"])] == STORIES["story_dev_ids"]


def _run(story_id: str) -> list[dict]:
    story = next(s for s in STORIES["stories"] if s["id"] == story_id)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for d in story["docs"]:
            (corpus / d["name"]).write_text(d["text"], encoding="utf-8")
        with Store(Path(tmp) / "s.duckdb") as store:
            run([str(corpus)], store, workers=1)
            return contested_page(store)[1]


def test_conflicting_figures_far_from_the_label_form_two_camps():
    """A train story: the rights group's count of detainees and the attorney general's, worded apart
    (combined similarity 0.56, below the label's relation gate): before, the attorney general was
    neutral and nothing was contested."""
    listed = _run("venezuela-detentions-count")
    assert len(listed) == 1
    sides = {side: " ".join(m["text"] for m in listed[0]["sides"][side]) for side in ("for", "against")}
    assert "1,200 protesters" in sides["for"] and "150 people" not in sides["for"]
    assert "150 people" in sides["against"] and "1,200" not in sides["against"]
    reasons = [r for m in listed[0]["sides"]["against"] for r in m["reasons"]]
    assert any(r.startswith("side: contradicts") and "numbers conflict on detained" in r for r in reasons)


def test_agreeing_sources_stay_uncontested():
    assert _run("burkina-agreement-three-sources") == []


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("the post stands 200 metres inside the border", "the post is more than two kilometres away", True),
        ("the town was held for five days", "the attackers were driven out within 24 hours", True),
        ("the camp lies 3 km from the river", "the camp is about 3,000 metres from the river", False),
        ("the siege lasted two weeks", "after 14 days of siege", False),
    ],
)
def test_distances_and_durations_compare_across_units(a, b, conflict):
    found = number_conflicts(a, find_quantities(a), b, find_quantities(b), load_config())
    assert bool(found) is conflict, found


def test_stored_quantities_are_read_at_the_claims_offsets():
    """Stored quantities hold document offsets; the outcome word around a figure is read in the
    claim's own text ("150 people were detained" counts detainees, not "people")."""
    text = "The attorney general said only 150 people were detained."
    at = 40  # where the claim starts in its document
    q = find_quantities(text)[0]
    row = {"start": at, "text": text, "quantities": None}
    moved = in_claim(lambda r: (Quantity(q.start + at, q.end + at, q.text, q.value, q.unit, q.qualifier),))(row)
    assert (moved[0].start, moved[0].end) == (q.start, q.end)
    other = "Security forces detained 1,200 protesters."
    conflicts = number_conflicts(text, moved, other, find_quantities(other), load_config())
    assert conflicts and conflicts[0].startswith("numbers conflict on detained")


def _member(claim_id, doc, sentence, speaker):
    return {"claim_id": claim_id, "doc_id": doc, "sentence_key": sentence, "speaker_key": speaker, "text": claim_id}


def test_camps_grow_from_the_sided_members_and_leave_the_unrelated_neutral():
    members = [_member(x, x, x, x) for x in ("label", "far", "farther", "aside")]
    sides = [("for", "supports", 1.0, ["the proposition's label"])] + [("neutral", None, None, [])] * 3
    edges = [(0, 1, ["polarity differs: positive vs negative"]), (1, 2, ["numbers conflict on km: '3 km' vs '20 km'"])]
    out = _camps(members, list(sides), [1.0, 0.5, 0.4, 0.3], edges)
    assert [s[0] for s in out] == ["for", "against", "for", "neutral"]
    assert out[2][3][0].startswith("side: contradicts 'far' (against): numbers conflict")


def test_a_contradicting_pair_away_from_the_label_takes_sides_by_nearness():
    members = [_member(x, x, x, x) for x in ("label", "near", "far")]
    sides = [("for", "supports", 1.0, [])] + [("neutral", None, None, ["side: too far from the label"])] * 2
    out = _camps(members, list(sides), [1.0, 0.5, 0.4], [(1, 2, ["polarity differs: positive vs negative"])])
    assert [s[0] for s in out] == ["for", "for", "against"]
    assert out[1][3] == ["side: the camp closest to the label"]


def test_the_author_who_only_reports_takes_the_reported_side():
    members = [_member("denial", "A", "s1", "the army"), _member("wrapper", "A", "s1", None)]
    sides = [("for", "supports", 1.0, []), ("against", "contradicts", 0.9, ["polarity differs"])]
    assert [s[0] for s in _reporters(members, sides)] == ["for", "for"]
    both = [*members, _member("accusation", "A", "s1", "villagers")]
    sides3 = [*sides, ("against", "contradicts", 0.9, [])]
    assert [s[0] for s in _reporters(both, sides3)] == ["for", "neutral", "against"]
    # an author asserting beyond the claims it reports keeps its own side
    own = [members[0], _member("wrapper", "A", "s1", "author:")]
    assert [s[0] for s in _reporters(own, sides)] == ["for", "against"]


def test_the_labels_speaker_in_the_labels_sentence_is_the_labels_camp():
    """ "X rejected the claim that its units fired first, saying Y began": X's rejection is not against
    X's own assertion (train story armenia-shelling-who-started)."""
    label = {**_member("saying", "A", "s1", "x"), "sentence_key": "s1"}
    members = [label, _member("rejection", "A", "s1", "x"), _member("other", "A", "s1", "y")]
    sides = [("for", "supports", 1.0, []), ("against", "contradicts", 0.9, ["polarity differs"])] + [
        ("against", "contradicts", 0.9, [])
    ]
    out = _with_label(label, members, sides)
    assert [s[0] for s in out] == ["for", "for", "against"]
    assert out[1][3][0] == "side: the label's speaker in the label's sentence"
