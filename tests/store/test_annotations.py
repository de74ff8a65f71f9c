"""Entities, events and claims survive the store unchanged, and the tables match the dataclasses."""

from __future__ import annotations

from claimgraph.model import Claim, Event, Mention, Quantity, Source, new_document
from claimgraph.store import Store
from claimgraph.store.annotations import ANNOTATION_TABLES, column_types


def test_migrated_tables_match_the_dataclasses(tmp_path):
    with Store(tmp_path / "cg.duckdb") as store:
        con = store._connection()
        for spec in ANNOTATION_TABLES:
            rows = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [spec.table],
            ).fetchall()
            stored = {name: kind for name, kind in rows}
            assert list(stored)[:2] == ["doc_id", "seq"]
            expected = column_types(spec.item)
            assert list(stored)[2:] == list(expected), spec.table
            for name, kind in expected.items():
                assert stored[name] == kind, (spec.table, name)


def test_annotations_round_trip(tmp_path):
    text = "Officials said at least 12 people were killed in Jalalabad by ISKP."
    doc = new_document(Source("note.txt", "txt"), text).replace(clean_text=text)
    doc = doc.replace(
        entities=(
            Mention(
                48,
                57,
                "Jalalabad",
                "Location",
                place_id="geonames:1138958",
                lat=34.43,
                lon=70.45,
                precision="city",
                method="gazetteer",
            ),
            Mention(
                61,
                65,
                "ISKP",
                "Organisation",
                actor_id="iskp",
                actor_name="Islamic State Khorasan Province",
                actor_type="armed_group",
                method="ontology",
            ),
        ),
        events=(
            Event(
                "e1",
                "SUICIDE_BOMB",
                "Explosions/Remote violence",
                0,
                len(text),
                38,
                44,
                "killed",
                0.8,
                actor1="iskp",
                fatalities=12,
                fatalities_qualifier="at_least",
                claimed=None,
            ),
        ),
        claims=(
            Claim(
                "c1",
                0,
                len(text),
                text,
                15,
                len(text),
                speaker_text="Officials",
                speaker_start=0,
                speaker_end=9,
                speaker_kind="source",
                cue="said",
                cue_start=10,
                cue_end=14,
                status="reported",
                hedges=("reportedly",),
                quantities=(Quantity(15, 26, "at least 12", 12.0, "people", "at_least"),),
                checkworthiness=0.9,
            ),
        ),
    )
    with Store(tmp_path / "cg.duckdb") as store:
        assert store.add_document(doc)
        back = store.documents.get(doc.id)
    assert back.entities == doc.entities
    assert back.events == doc.events
    assert back.claims == doc.claims
