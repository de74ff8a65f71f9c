"""Claims disputes decided on what is asserted (link/disputes/predicates.py, issue 16.3), on a small corpus
written for these tests (synthetic; not copied from any corpus nor from bench/data/claim_pairs.yaml): an
assertion and its rejection worded apart that name one village, and an assertion and a denial of another
act by the same actors in the same town, which must stay apart."""

from __future__ import annotations

import json

import pytest

from claimgraph.events.coref import CorefSettings
from claimgraph.link.disputes import list_disputes
from claimgraph.link.disputes.predicates import acts, acts_agree, predicate_source, predicate_text
from claimgraph.runner import run
from claimgraph.store import Store

DOCUMENTS = [
    {
        "title": "Shells hit Kalinde clinic",
        "site": "Lakeside Courier",
        "date": "2024-06-03",
        "text": "Nurses said army shells struck the maternity ward of the Kalinde clinic on Sunday night, killing a "
        "nurse.",
    },
    {
        "title": "Ministry on Kalinde",
        "site": "Ministry of Defence (statement)",
        "date": "2024-06-04",
        "text": "The defence ministry said its units did not fire on the clinic in Kalinde.",
    },
    {
        "title": "Militia seizes cattle near Omboro",
        "site": "Highland Times",
        "date": "2024-07-08",
        "text": "Herders in Omboro said fighters of the Red Hill militia drove away 300 head of cattle on Friday.",
    },
    {
        "title": "Militia denies",
        "site": "Red Hill Militia (post)",
        "date": "2024-07-09",
        "text": "The Red Hill militia denied that its fighters had poisoned the wells of Omboro.",
    },
]


@pytest.fixture(scope="module")
def disputes(tmp_path_factory):
    root = tmp_path_factory.mktemp("predicates")
    corpus = root / "documents.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    with Store(root / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
        return list_disputes(store, "claims")


def _sources(dispute) -> set[str]:
    return {v["source"] for v in dispute["values"]}


def test_a_rejection_worded_apart_meets_the_assertion_of_one_place(disputes):
    found = [d for d in disputes if {"Lakeside Courier", "Ministry of Defence (statement)"} <= _sources(d)]
    assert len(found) == 1, [d["why"] for d in disputes]


def test_a_denial_of_another_act_by_the_same_actors_stays_apart(disputes):
    assert not [d for d in disputes if {"Highland Times", "Red Hill Militia (post)"} <= _sources(d)]


def test_the_predicate_leaves_out_speaker_names_and_numbers():
    text = "Residents of Omboro said fighters of the Red Hill militia drove away 300 head of cattle."
    claim = {"text": text, "start": 100, "speaker_start": 100, "speaker_end": 119}  # "Residents of Omboro"
    assert predicate_source(claim).split() == text.split()[3:]
    assert predicate_text(claim) == "said fighters of the militia drove away head of cattle."
    assert predicate_text(None) == "" and predicate_text({"text": ""}) == ""


def test_acts_that_can_be_one_follow_event_coreference():
    coref = CorefSettings.load()
    statements = frozenset({"DENY", "ACCUSE"})
    strike, attack = acts(["AIR_STRIKE", "DENY"], statements), acts(["ATTACK"], statements)
    assert strike == {"AIR_STRIKE"}
    assert acts_agree(strike, attack, coref)  # a general type of the same family
    assert not acts_agree(frozenset({"PROPERTY_DISTRUCT"}), frozenset({"ART_MISS_ATTACK"}), coref)
    assert not acts_agree(frozenset({"AIR_STRIKE"}), frozenset({"SUIC_BOMB"}), coref)  # two specific types
    assert acts_agree(frozenset(), strike, coref)  # a sentence telling of no act says nothing against it
