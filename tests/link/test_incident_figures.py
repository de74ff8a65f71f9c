"""Figures of one incident (link/disputes/denials.py ``incident_test``), which the camps of a proposition
ask of two conflicting figures: two accounts of the Surkh Rod bombing's toll can be set against each
other, the Kunar strike's toll (another incident of the same war, a week later, one province away)
cannot, though the propositions step groups the tolls in one proposition and the claims' documents
share a country (``one_story`` alone lets them meet). The example corpus, fast mode."""

from __future__ import annotations

import pytest

from claimgraph.link.disputes.denials import incident_test, story_test
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
