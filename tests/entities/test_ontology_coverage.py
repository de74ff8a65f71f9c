"""States beyond the curated ones, and groups named by their members' plural (data/ontology/).

Sentences are written for these tests in wire style and come from no evaluation set.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.entities.extract import EntityExtractor, find_mentions
from claimgraph.entities.ontology import Ontology

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


@pytest.fixture(scope="module")
def extractor():
    return EntityExtractor.load(tagger=False)


def _actors(text, extractor):
    return [(m.text, m.actor_id) for m in find_mentions(text, extractor, mode="fast") if m.actor_id]


@pytest.mark.parametrize(("name", "country"), [("Kenya", "KE"), ("Mali", "ML"), ("Colombia", "CO"), ("Myanmar", "MM")])
def test_every_sovereign_state_is_a_state_actor(ontology, name, country):
    (actor,) = ontology.lookup(name)
    assert (actor.type, actor.country) == ("state", country)


def test_a_territory_is_no_state_and_a_curated_state_is_not_generated_again(ontology):
    assert ontology.lookup("Guam") == []
    assert [a.id for a in ontology.by_type("state") if a.country == "AF"] == ["afghanistan"]


def test_a_state_acting_in_a_sentence_is_linked(extractor):
    found = _actors("Kenya deployed more troops to the border after the attack in Mandera, officials said.", extractor)
    assert ("Kenya", "kenya") in found


def test_a_group_named_by_its_members_plural(extractor):
    found = _actors("The Houthis said they fired drones at a tanker; the Houthi movement gave no toll.", extractor)
    assert found[:2] == [("Houthis", "houthis"), ("Houthi movement", "houthis")]


def test_the_generated_states_file_is_current():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_states.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
