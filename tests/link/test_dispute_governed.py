"""A rejection compared by the content its cue governs (link/disputes/governed.py, issue 16.3): reports
written for these tests (synthetic), not taken from any bench set."""

from __future__ import annotations

import json

import pytest

from claimgraph.link.disputes import list_disputes
from claimgraph.link.disputes.governed import _share, arguments, governed_text
from claimgraph.runner import run
from claimgraph.store import Store


def _claim(text: str, content: str | None = None, actors=()) -> dict:
    at = text.index(content) if content else 0
    content = content or text
    return {
        "text": text,
        "start": 100,
        "content_start": 100 + at,
        "content_end": 100 + at + len(content),
        "actors": list(actors),
    }


def test_the_governed_content_is_what_the_cue_governs():
    c = _claim("The ministry denied that soldiers shelled the camp.", "soldiers shelled the camp")
    assert governed_text(c) == ("soldiers shelled the camp", False)


def test_a_claim_noun_gives_way_to_the_claim_it_names():
    rejected = _claim("The ministry rejected reports of civilian deaths in Ndah.", "reports of civilian deaths in Ndah")
    assert governed_text(rejected)[0] == "civilian deaths in Ndah"
    # no speaker read: the whole sentence is the content, the claim noun still names what is rejected
    baseless = _claim("A police spokesman described as baseless the claim that officers beat detainees in Kano.")
    assert governed_text(baseless) == ("officers beat detainees in Kano", False)


def test_negations_are_left_out_of_what_is_rejected():
    c = _claim(
        "No artillery fire from our units hit the Bria market, the ministry said.",
        "No artillery fire from our units hit the Bria market",
    )
    assert governed_text(c) == ("artillery fire from our units hit the Bria market", True)


def test_arguments_are_names_and_actors_not_days_nor_an_opening_word():
    c = _claim(
        "Soldiers burned homes in Ndah on Thursday, residents said.",
        "Soldiers burned homes in Ndah on Thursday",
        actors=["cf-faca"],
    )
    assert arguments(c, *governed_text(c)) == {"ndah", "actor:cf-faca"}
    two = _claim(
        "Gunmen attacked a convoy near Kurar Mota in Lower Kurram, police said.",
        "Gunmen attacked a convoy near Kurar Mota in Lower Kurram",
    )
    assert arguments(two, *governed_text(two)) == {"kurar mota", "lower kurram"}


def test_a_name_is_shared_when_its_words_are_all_of_the_others():
    assert _share(frozenset({"culkin"}), frozenset({"macaulay culkin"}))
    assert not _share(frozenset({"new york times"}), frozenset({"new jersey"}))
    assert _share(frozenset({"actor:x"}), frozenset({"actor:x", "bria"}))


DOCUMENTS = [
    {
        "title": "Village burned near Bambari",
        "site": "Ouaka Radio",
        "date": "2024-03-08",
        "text": "Residents said soldiers and their foreign allies burned dozens of homes in the village of Ndassima "
        "on Thursday.",
    },
    {
        "title": "Defence ministry statement",
        "site": "Bangui Official Gazette",
        "date": "2024-03-09",
        "text": "The defence ministry in Bangui rejected accusations that government troops had set fire to "
        "houses in Ndassima, calling the accounts a smear campaign by armed groups seeking to derail the "
        "peace process.",
    },
    {
        "title": "Ministry on Birao",
        "site": "Vakaga Observer",
        "date": "2024-03-09",
        "text": "The interior ministry rejected claims that its police had extorted traders at the Birao cattle "
        "market, saying the checkpoints there were legal.",
    },
]


@pytest.fixture(scope="module")
def disputes(tmp_path_factory):
    root = tmp_path_factory.mktemp("governed")
    corpus = root / "documents.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    with Store(root / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
        return list_disputes(store, "claims")


def _sources(dispute) -> set[tuple[str, str]]:
    return {(v["source"], v["role"]) for v in dispute["values"]}


def test_a_rejection_worded_apart_meets_the_assertion_it_rejects(disputes):
    found = [d for d in disputes if ("Ouaka Radio", "affirms") in _sources(d)]
    assert len(found) == 1, [d["why"] for d in disputes]
    assert ("Bangui Official Gazette", "denies") in _sources(found[0])


def test_a_rejection_of_something_else_joins_no_dispute(disputes):
    assert not [d for d in disputes if "Vakaga Observer" in {s for s, _ in _sources(d)}]
