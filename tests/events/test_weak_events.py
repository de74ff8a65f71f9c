"""Weak events (events/weak.py): a title or lead telling of a violent act in words the trigger lexicon does
not read ("Gunmen target police convoy", "Two policemen shot") gives its document one low-confidence
general event, so the document can join its incident's cluster; near misses and documents with an event
give none. Read on the TRAIN lines of the synthetic weak-headline set (data/synthetic/events/weak_headlines/,
split by the corpus's sha1 rule) and on reports written for these tests."""

import sys
from pathlib import Path

import pytest

from claimgraph.events.weak import WeakActs, WeakEventsDataError
from claimgraph.model import Metadata, Source, new_document
from claimgraph.runner import run
from claimgraph.settings import Settings
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from events_corpus import read_corpus  # noqa: E402

# acts told before their victim ("Explosive device injures soldier"), by a noun with no doer before it
# ("Terror strikes wedding hall"), or by "die" (natural deaths die too: "Veteran reporter dies aged 84"): left
# out of the weak path
KNOWN_MISSES = {
    "Explosive device injures soldier near Kidal",
    "Terror strikes wedding hall in Kabul",
    "Fresh violence in Djugu as militia enter villages",
    "Shooting in Kidal again tonight, stay inside",
    "Two soldiers die in Cabo Delgado insurgency",
    "Three soldiers died when their patrol came under fire near Gao on Monday, the army said.",
}


@pytest.fixture(scope="module")
def fast(fast_pipeline):
    return fast_pipeline


def _events(pipe, text, date="2025-03-10"):
    doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date=date)))
    return [e for e in doc.events if not e.negated and e.modality is None]


def _weak(events):
    acts = WeakActs.load()
    return [e for e in events if e.type == acts.type and e.confidence == acts.confidence]


def test_every_train_report_gets_an_event_and_no_near_miss_a_weak_one(fast):
    lines = [e for e in read_corpus(REPO / "data" / "synthetic" / "events" / "weak_headlines") if not e.dev]
    assert len(lines) >= 60
    for line in lines:
        events = _events(fast, line.text)
        if line.type == "NONE":
            assert not _weak(events), line.text
        elif line.text not in KNOWN_MISSES:
            assert [e for e in events if e.event_type != "Statements"], line.text


def test_a_weak_event_takes_its_sentence_slots_and_the_act_as_trigger(fast):
    (event,) = _events(fast, "Gunmen target police convoy in Zamfara")
    assert (event.type, event.trigger, event.confidence) == ("ATTACK", "target", 0.3)
    assert event.location == "Zamfara" and event.date_start is None
    (event,) = _events(fast, "Gunmen targeted a police station in Ecuador's Guayaquil late on Sunday, officials said.")
    assert event.trigger == "targeted" and event.location == "Guayaquil" and event.date_start == "2025-03-09"


def test_no_weak_event_without_a_doer_or_victim_before_the_act_or_beside_a_detected_event(fast):
    assert not _weak(_events(fast, "Police target drink drivers in festive crackdown"))
    assert not _weak(_events(fast, "Government targets rebels with new amnesty offer"))
    assert not _weak(_events(fast, "Militants hit by new US sanctions"))  # the doer is the act's object
    assert not _weak(_events(fast, "Rebels strike deal with junta over mining rights"))
    # a detected event of the document stands for its incident
    events = _events(fast, "Gunmen target police convoy in Zamfara\n\nGunmen attacked a police convoy on Sunday.")
    assert events and not _weak(events)


def test_an_act_only_vowed_or_denied_makes_no_weak_event(fast):
    assert not _events(fast, "Militants vow to target army posts in Sinai")
    assert not _weak(_events(fast, "Rebels deny they hit UN compound in Bangassou"))


def test_a_weak_report_joins_the_cluster_of_its_incident(tmp_path):
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text(
        '{"title": "wire", "date": "2025-03-10", "site": "wire", '
        '"text": "Gunmen attacked a police convoy in Zamfara on Sunday, killing two officers, police said."}\n'
        '{"title": "local", "date": "2025-03-10", "site": "local", "text": "Gunmen target police convoy in Zamfara"}\n',
        encoding="utf-8",
    )
    with Store(tmp_path / "s.duckdb") as store:
        run([str(corpus)], store, Settings.defaults().with_values({"extract.mode": "fast"}))
        reports = store.events.reports()
    assert len({r.doc_id for r in reports}) == 2  # the title alone holds a (weak) event
    assert len({r.cluster_id for r in reports}) == 1 and reports[0].cluster_id is not None


def test_a_malformed_words_file_names_itself_and_the_reason(tmp_path):
    bad = tmp_path / "weak_events.yaml"
    bad.write_text("type: ATTACK\nconfidence: 0.3\ndoers: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(WeakEventsDataError, match="weak_events.yaml"):
        WeakActs.load(bad)
