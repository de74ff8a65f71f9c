"""A document's story countries (link.disputes.denials.story_countries): a country its reports name in
passing is no place of its story, so two reports of incidents in two countries, each naming the
United States once, are two stories. Reports written for this test (synthetic; not copied from any
corpus)."""

from __future__ import annotations

import json

import pytest

from claimgraph.link.disputes.denials import _Stories, one_story, story_countries
from claimgraph.runner import run
from claimgraph.store import Store

DOCUMENTS = [
    {
        "title": "Gunman kills guard at Nairobi memorial",
        "site": "Coast Herald",
        "text": "A gunman shot dead a soldier guarding the war memorial in Nairobi, Kenya, on Wednesday, "
        "Kenyan police said. The Kenyan government said the attacker was later killed by police in Nairobi. "
        "The U.S. embassy in Kenya closed for the day.",
    },
    {
        "title": "Graves found near Arequipa",
        "site": "Andes Daily",
        "text": "Peruvian investigators found a mass grave outside Arequipa, Peru, prosecutors said. One of "
        "the victims was later identified by relatives in Arequipa, Peruvian officials said. A U.S. "
        "forensic team has offered to help.",
    },
]


def test_a_country_named_in_passing_is_no_place_of_the_story():
    row = {"countries": {"KE", "US"}, "event_countries": set(), "country_mentions": {"KE": 4, "US": 1}}
    assert story_countries(row, 0.5) == {"KE"}
    assert story_countries(row, 0.0) == {"KE", "US"}  # every country named, as before
    assert story_countries({**row, "event_countries": {"US"}}, 0.5) == {"KE", "US"}  # an event there is its story
    assert story_countries({"countries": {"KE"}}, 0.5) == {"KE"}  # a row without counts keeps its countries
    even = {"countries": {"UA", "RU"}, "event_countries": set(), "country_mentions": {"UA": 3, "RU": 2}}
    assert story_countries(even, 0.5) == {"UA", "RU"}  # two sides of one war, both named often


@pytest.fixture(scope="module")
def store_claims(tmp_path_factory):
    root = tmp_path_factory.mktemp("story-countries")
    corpus = root / "documents.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    store = Store(root / "store.duckdb")
    run([str(corpus)], store, workers=1)
    titles = {d["id"]: d["title"] for d in store.documents.summaries()}
    claims = store.disputes.claims(sorted(titles))
    yield store, [(titles[c["doc_id"]], c["claim_id"]) for c in claims]
    store.close()


def test_reports_of_two_countries_naming_one_more_in_passing_are_two_stories(store_claims):
    store, claims = store_claims
    kenya = [c for t, c in claims if t.startswith("Gunman")]
    peru = [c for t, c in claims if t.startswith("Graves")]
    assert kenya and peru
    apart, before = _Stories(store), _Stories(store, country_share=0.0)
    apart.read(kenya + peru)
    before.read(kenya + peru)
    # a sentence naming no place of its own ("One of the victims was later identified") is its document's story
    assert not any(one_story(apart._rows[a], apart._rows[b]) for a in kenya for b in peru)
    assert any(one_story(before._rows[a], before._rows[b]) for a in kenya for b in peru)
