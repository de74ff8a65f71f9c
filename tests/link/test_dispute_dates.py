"""Disputed event dates, a group's own strength and relayed wire copy, through a run (issue 16.2). Reports
written for these tests (a synthetic camp attack in Darfur, the Arakan Army's size); none is from a corpus."""

import json

import pytest

from claimgraph.link.disputes import _days_compatible, list_disputes
from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.values import Value, part_of_day
from claimgraph.runner import run
from claimgraph.store import Store

DOCS = [
    {"site": "Darfur Evening News", "date": "2025-03-15", "title": "Camp stormed",
     "text": "Fighters of the Rapid Support Forces stormed the Kassala camp near Kutum on Friday night, "
             "killing 17 people, camp leaders said."},
    {"site": "Nile Wire Service", "date": "2025-03-16", "title": "Attack on Kassala camp kills 17",
     "text": "The Rapid Support Forces attacked the Kassala camp near Kutum in the early hours of Sunday, "
             "killing 17 displaced people, a medical source said."},
    {"site": "Kutum Relief Committee", "date": "2025-03-17", "title": "Statement on the camp attack",
     "text": "The attack on the Kassala camp near Kutum happened not on Sunday, as some outlets reported, "
             "but on Friday night. The RSF killed 17 people."},
    {"site": "Arakan Army (statement)", "date": "2024-12-02", "title": "Statement",
     "text": "Our forces number 40,000 soldiers across Rakhine, the Arakan Army's spokesman said."},
    {"site": "Mekong Defence Review", "date": "2024-12-04", "title": "How big is the Arakan Army?",
     "text": "The Arakan Army has about 15,000 fighters in Rakhine, a security analyst said."},
    {"site": "Port Sudan Daily", "date": "2025-05-05", "title": "Depot hit",
     "text": "A drone strike set a fuel depot in Port Sudan ablaze on Sunday, the wire agencies reported."},
]  # fmt: skip


@pytest.fixture(scope="module")
def disputes(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dispute-dates")
    corpus = tmp / "docs.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    with Store(tmp / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
        speakers = [c.get("speaker_text") for c in store.claims.find() if "Port Sudan" in c["text"]]
        return list_disputes(store, "facts") + list_disputes(store, "figures"), speakers


def test_a_camp_attack_dated_friday_and_sunday_is_a_date_dispute(disputes):
    found, _ = disputes
    [dates] = [d for d in found if d["measure"] == "date"]
    by_source = {v["source"]: v["value"] for v in dates["values"]}
    assert by_source["Darfur Evening News"] == by_source["Kutum Relief Committee"] == "2025-03-14"
    assert by_source["Nile Wire Service"] == "2025-03-16"


def test_a_spokesmans_our_forces_is_his_groups_strength(disputes):
    found, _ = disputes
    [strength] = [d for d in found if d["measure"] == "strength"]
    assert "arakan-army" in strength["label"]
    assert {v["source"] for v in strength["values"]} == {"Arakan Army (statement)", "Mekong Defence Review"}


def test_relayed_wire_agencies_are_no_speaker(disputes):
    _, speakers = disputes
    assert speakers and not any(s and "agencies" in s for s in speakers)


def _day(source, day, sentence, date_text):
    v = Value("c:x:e0", "attack", "date", None, f"doc-{source}", source, day, key=day)
    v.qualifier = part_of_day(sentence, date_text, load_config())
    return v


def test_late_on_one_day_and_early_on_the_next_agree():
    late = _day("A", "2025-03-14", "Jets bombed the monastery late on Friday night.", "on Friday night")
    early = _day("B", "2025-03-15", "Jets bombed it in the early hours of Saturday.", "Saturday")
    sunday = _day("C", "2025-03-16", "Jets bombed it in the early hours of Sunday.", "Sunday")
    plain = _day("D", "2025-03-15", "Jets bombed it on Saturday.", "on Saturday")
    assert (late.qualifier, early.qualifier, plain.qualifier) == ("late", "early", "")
    assert _days_compatible(late, early) and _days_compatible(early, late)
    assert not _days_compatible(late, sunday) and not _days_compatible(late, plain)
