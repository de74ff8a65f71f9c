"""Figures of one incident (link/disputes/denials.py ``incident_test``), which the camps of a proposition
ask of two conflicting figures: two reports of one bombing can set their tolls against each other, a
toll of another incident of the same war cannot. Documents: SYNTHETIC, written for this test (a
bombing in Kandahar reported by a ministry and a hospital, an airstrike in Herat two weeks later)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.link.disputes.denials import incident_test
from claimgraph.runner import run
from claimgraph.store import Store

DOCS = {
    "kandahar_ministry.txt": (
        "Statement on the Kandahar mosque attack\n\n"
        "KANDAHAR, 4 May 2026 - A suicide bomber detonated explosives inside the Eidgah mosque in Kandahar "
        "city during Friday prayers. The provincial police said seven worshippers were killed and 20 wounded.\n"
    ),
    "kandahar_hospital.txt": (
        "Doctors count higher toll after Kandahar mosque bombing\n\n"
        "KANDAHAR, 5 May 2026 - A doctor at Mirwais Regional Hospital said at least 18 worshippers were "
        "killed in Friday's bombing of the Eidgah mosque in Kandahar.\n"
    ),
    "herat_strike.txt": (
        "Airstrike hits village in Herat\n\n"
        "HERAT, 21 May 2026 - An airstrike struck a village in Shindand district of Herat province on "
        "Wednesday. District officials said three civilians were killed.\n"
    ),
}


@pytest.fixture(scope="module")
def tolls(tmp_path_factory):
    """(the incident test over the store, claim id of each document's toll)."""
    tmp = tmp_path_factory.mktemp("incident")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    store = Store(tmp / "s.duckdb")
    run([str(corpus)], store, workers=1)
    claims = store.query("SELECT c.id, c.text, d.source_path FROM claims c JOIN documents d ON d.id = c.doc_id")
    found = {Path(c["source_path"]).name: c["id"] for c in claims if "killed" in c["text"]}
    yield incident_test(store), found
    store.close()


def test_two_reports_of_one_bombing_are_one_incident(tolls):
    same, found = tolls
    assert same(found["kandahar_ministry.txt"], found["kandahar_hospital.txt"])


def test_a_toll_of_another_incident_is_not(tolls):
    same, found = tolls
    assert not same(found["kandahar_ministry.txt"], found["herat_strike.txt"])
    assert not same(found["kandahar_hospital.txt"], found["herat_strike.txt"])
