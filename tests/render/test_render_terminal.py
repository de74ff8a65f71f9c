"""The terminal view of a document: its entities, events and claims marked in the clean text."""

from __future__ import annotations

from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.model import Claim, Event, Mention, Source, new_document
from claimgraph.render.terminal import ENTITY_STYLES, STATUS_STYLES, entity_markup, highlighted, marks, rating_markup
from claimgraph.store import Store


def _doc():
    text = "ISKP claimed the attack in Jalalabad, officials said."
    doc = new_document(Source("n.txt", "txt"), text).replace(clean_text=text)
    return doc.replace(
        entities=(
            Mention(0, 4, "ISKP", "Organisation", actor_id="iskp", actor_name="Islamic State Khorasan Province"),
            Mention(27, 36, "Jalalabad", "Location"),
        ),
        events=(Event("e1", "ATTRIB", "Strategic developments", 0, 37, 5, 12, "claimed", 0.9),),
        claims=(Claim("c1", 0, len(text), text, 0, 36, speaker_text="officials", status="reported"),),
    )


def test_marks_and_labels_follow_their_spans():
    doc = _doc()
    assert [m[:3] for m in marks(doc, entities=True)] == [
        (0, 4, "Organisation: Islamic State Khorasan Province"),
        (27, 36, "Location"),
    ]
    plain = highlighted(doc, entities=True, events=True, claims=True).plain
    assert plain.startswith(
        "ISKP [Organisation: Islamic State Khorasan Province] claimed [ATTRIB] the attack in Jalalabad [Location],"
    )
    assert plain.endswith("said. [reported·unsupported·officials]")


def test_no_marks_is_the_clean_text():
    doc = _doc()
    assert highlighted(doc).plain == doc.clean_text


def test_nested_mentions_give_way_to_the_longer_one():
    text = "Tehrik-i-Taliban Pakistan fighters crossed"
    doc = (
        new_document(Source("n.txt", "txt"), text)
        .replace(clean_text=text)
        .replace(
            entities=(
                Mention(0, 25, "Tehrik-i-Taliban Pakistan", "Organisation", actor_id="ttp", actor_name="TTP"),
                Mention(17, 25, "Pakistan", "Location", place_name="Pakistan"),
                Mention(26, 34, "fighters", "Person", role="combatant"),
            )
        )
    )
    assert entity_markup(doc) == [
        (0, 25, "Organisation: TTP", ENTITY_STYLES["Organisation"]),
        (26, 34, "Person (combatant)", ENTITY_STYLES["Person"]),
    ]


def test_each_mark_is_styled_over_its_own_text():
    doc = _doc()
    text = highlighted(doc, entities=True, claims=True)
    styled = {(str(s.style), text.plain[s.start : s.end]) for s in text.spans}
    assert (ENTITY_STYLES["Organisation"], "ISKP") in styled and (ENTITY_STYLES["Location"], "Jalalabad") in styled
    # the claim covers the whole text: its style runs over every character of it, and over no label
    claim = [
        text.plain[s.start : s.end]
        for s in sorted(text.spans, key=lambda s: s.start)
        if str(s.style) == STATUS_STYLES["reported"]
    ]
    assert "".join(claim) == doc.clean_text


def test_show_prints_the_marked_text(tmp_path):
    doc = _doc()
    db = tmp_path / "store.duckdb"
    with Store(db) as store:
        store.add_document(doc)
    result = CliRunner().invoke(main, ["show", doc.id, "--db", str(db), "--entities", "--events", "--claims"])
    assert result.exit_code == 0, result.output
    expected = highlighted(doc, entities=True, events=True, claims=True).plain
    shown = " ".join(result.output.split())  # the console wraps long lines
    assert shown.startswith(doc.id) and shown.endswith(" ".join(expected.split()))


def test_ach_ratings_are_coloured_and_overrides_starred():
    assert rating_markup("II", override=True) == "[bold red]II*[/]"
    assert rating_markup("C") == "[green]C[/]"
    assert rating_markup(None) == "-" and rating_markup("?") == "?"  # not a rating: shown as it is
