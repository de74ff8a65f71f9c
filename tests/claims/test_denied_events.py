"""An act a speaker denies or calls false is no report of it (claims/denied_events.py): marked "denied", kept
out of clusters and values, its place only where its own sentence names one. Fast mode's pipeline; sentences
written for these tests (not the bench set's)."""

from __future__ import annotations

import pytest

from claimgraph.claims.denied_events import DeniedWords
from claimgraph.model import Metadata, Source, new_document


@pytest.fixture(scope="module")
def pipe(fast_pipeline):
    return fast_pipeline


def _events(pipe, text):
    doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date="2025-03-10")))
    return {e.trigger.lower(): e for e in doc.events if not e.negated}


def _with(events, word):
    found = [e for t, e in events.items() if word in t]
    assert found, sorted(events)
    return found[0]


def test_a_denied_strike_is_marked_and_not_placed_at_the_dateline(pipe):
    text = (
        "ADDIS ABABA, May 2 - The defence ministry dismissed as propaganda reports that its troops had shelled "
        "a school in the town on Friday."
    )
    event = _with(_events(pipe, text), "shelled")
    assert event.modality == "denied"
    assert event.location is None and event.place_id is None  # the capital is where it was denied


def test_a_report_called_false_keeps_the_place_its_sentence_names(pipe):
    text = "Claims that militia fighters torched a clinic in Bunia are fabricated, the regional governor said."
    event = _with(_events(pipe, text), "torched")
    assert event.modality == "denied"
    assert event.location == "Bunia"


def test_a_real_attack_beside_a_denial_of_something_else_stays_a_report(pipe):
    text = "Gunmen attacked a bus near Mubi on Monday, killing nine. The army denied that the road had been closed."
    assert _with(_events(pipe, text), "attacked").modality is None


def test_a_denied_involvement_leaves_the_act_real(pipe):
    text = "The group denied any role in the bombing that killed seven people at a bus station in Quetta."
    events = _events(pipe, text)
    assert all(e.modality is None for e in events.values() if e.event_type != "Statements"), events


def test_the_speakers_own_account_after_the_denial_stays_a_report(pipe):
    text = "Rebel leaders denied that they had executed prisoners, saying their fighters had seized the airport."
    events = _events(pipe, text)
    assert _with(events, "seized").modality is None


def test_the_word_lists_load():
    words = DeniedWords.load()
    assert words.involvement.find("denied any involvement in it")
    assert words.report_nouns.find("reports that")


def test_an_act_named_as_a_thing_is_not_denied(pipe):
    text = "The navy rejects the cowardly attack on its patrol boat off Buchanan, in which three sailors died."
    events = _events(pipe, text)
    assert all(e.modality != "denied" for e in events.values()), events


def test_a_new_clause_after_a_completed_rejection_is_no_denied_act(pipe):
    text = "The ministry said the allegations were baseless, and confirmed that soldiers had clashed with rebels."
    assert _with(_events(pipe, text), "clashed").modality is None


def test_events_lists_a_denied_act_only_when_asked(tmp_path):
    import json

    from click.testing import CliRunner

    from claimgraph.cli import main

    text = tmp_path / "statement.txt"
    text.write_text(
        "Army statement\n\nReports that soldiers looted shops in Kadugli on Sunday are baseless, the army said.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "store.duckdb")
    runner = CliRunner()
    assert runner.invoke(main, ["run", str(text), "--db", db, "--mode", "fast", "--workers", "1"]).exit_code == 0
    listed = json.loads(runner.invoke(main, ["events", "--db", db, "--json"]).output)
    asked = json.loads(runner.invoke(main, ["events", "--db", db, "--json", "--include-hypothetical"]).output)
    assert not [r for r in listed if r["modality"] == "denied"]
    assert [r for r in asked if r["modality"] == "denied" and r["location"] == "Kadugli"], asked
