"""Figures of one incident (link/disputes/denials.py ``incident_test``), which the camps of a proposition
ask of two conflicting figures: two accounts of the Surkh Rod bombing's toll can be set against each
other, the Kunar strike's toll (another incident of the same war, a week later, one province away)
cannot, though the propositions step groups the tolls in one proposition and the claims' documents
share a country (``one_story`` alone lets them meet). The example corpus, fast mode."""

from __future__ import annotations

import pytest

from claimgraph.link.disputes.denials import incident_test, read_stories, story_test, story_tests
from claimgraph.runner import run
from claimgraph.settings import Settings
from claimgraph.store import Store

SETTINGS = Settings.defaults().with_values({"extract.mode": "fast"})
MINISTRY = "As a result, five worshippers were martyred"  # the Ministry of Interior's statement
UNAMA = "at least 11 civilians were killed"  # UNAMA's statement on the bombing
KUNAR = "Taliban officials in Kunar said four civilians had been killed"


@pytest.fixture(scope="module")
def store(tmp_path_factory, examples_dir):
    with Store(tmp_path_factory.mktemp("incident") / "s.duckdb") as store:
        run([str(examples_dir)], store, SETTINGS, workers=1)
        yield store


def _claim(store, text: str) -> str:
    ids = [r["id"] for r in store.query("SELECT id, text FROM claims") if text in " ".join(r["text"].split())]
    assert ids, text
    return ids[0]


def test_two_accounts_of_one_bombing_are_one_incident(store):
    assert incident_test(store)(_claim(store, MINISTRY), _claim(store, UNAMA))


def test_a_toll_of_another_incident_is_not(store):
    ministry, kunar = _claim(store, MINISTRY), _claim(store, KUNAR)
    assert story_test(store)(ministry, kunar)  # one country, nothing in the sentences apart
    assert not incident_test(store)(ministry, kunar)


def test_stories_read_ahead_in_one_query_answer_as_pair_by_pair(store):
    # the camps read the stories of every pair they may ask of first (``read_stories``): one query, and the
    # tests then answer from what was read, as each pair read on its own did
    ids = [_claim(store, text) for text in (MINISTRY, UNAMA, KUNAR)]
    same_story, one_incident = story_tests(store)
    queries = []
    repository = store.disputes
    reading = repository.stories_of_claims
    repository.stories_of_claims = lambda claim_ids: queries.append(list(claim_ids)) or reading(claim_ids)
    try:
        read_stories(one_incident, ids)
        pairs = [(a, b) for a in ids for b in ids if a != b]
        assert [same_story(a, b) for a, b in pairs] == [story_test(store)(a, b) for a, b in pairs]
        assert [one_incident(a, b) for a, b in pairs] == [incident_test(store)(a, b) for a, b in pairs]
    finally:
        del repository.stories_of_claims
    assert queries[0] == sorted(ids)
    # the shared tests asked nothing more; each fresh test above read its own pair (one query each)
    assert len(queries) == 1 + 2 * len(pairs)
