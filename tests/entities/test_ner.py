"""The re3d entity-type tagger: tokeniser, sentence splitter, BIO spans, number repair, shipped model."""

from __future__ import annotations

import pytest

from claimgraph.entities.ner import (
    ENTITY_TYPES,
    EntityMention,
    EntityTagger,
    Lexicons,
    bio_spans,
    repair_number_spans,
    split_sentences,
    tokenize,
)

# The dev macro F1 (percent) recorded in docs/models/entities.md for the shipped model.
RECORDED_DEV_MACRO_F1 = 45.5

DRONE_SENTENCE = "Two MQ-9 Reaper drones struck a compound in Kunar on 3 March, killing 5 fighters, the Pentagon said."


@pytest.fixture(scope="module")
def tagger() -> EntityTagger:
    return EntityTagger.load()


def spans_of(mentions: list[EntityMention]) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in mentions}


# ------------------------------------------------------------------ tokenising and sentences


def test_tokenize_follows_re3d_style_and_offsets_round_trip():
    text = "Col. J. Smith of the U.S. Army paid $2.80 for 3,000 al-Qaeda leaflets at 5 a.m. on Dec. 5."
    tokens = tokenize(text)
    assert [t[2] for t in tokens] == [
        "Col.",
        "J.",
        "Smith",
        "of",
        "the",
        "U.S.",
        "Army",
        "paid",
        "$",
        "2",
        ".",
        "80",
        "for",
        "3",
        ",",
        "000",
        "al",
        "-",
        "Qaeda",
        "leaflets",
        "at",
        "5",
        "a.m.",
        "on",
        "Dec.",
        "5",
        ".",
    ]
    assert all(text[start:end] == tok for start, end, tok in tokens)


def test_split_sentences_respects_abbreviations_and_blank_lines():
    text = "Gen. Smith arrived in Kabul. He met U.S. officials.\n\nA new paragraph starts here"
    sentences = [[t[2] for t in s] for s in split_sentences(text)]
    assert sentences == [
        ["Gen.", "Smith", "arrived", "in", "Kabul", "."],
        ["He", "met", "U.S.", "officials", "."],
        ["A", "new", "paragraph", "starts", "here"],
    ]


def test_split_sentences_joins_a_wrapped_line():
    text = "The attack killed several\npeople near the border.\nOfficials denied it."
    sentences = [" ".join(t[2] for t in s) for s in split_sentences(text)]
    assert sentences == ["The attack killed several people near the border .", "Officials denied it ."]


# ------------------------------------------------------------------ lexicons


def test_lexicons_match_multiword_phrases_in_either_number():
    lexicons = Lexicons({"weapon": ["rocket-propelled grenade"], "platform": ["MQ-9 Reaper"]})
    words = ["three", "rocket", "-", "propelled", "grenades", "and", "an", "MQ", "-", "9", "Reaper"]
    marks = lexicons.match(words)
    assert marks[1] == {"weapon=B"} and marks[4] == {"weapon=I"}
    assert marks[7] == {"platform=B"} and marks[10] == {"platform=I"}
    assert marks[0] == marks[5] == set()


# ------------------------------------------------------------------ scoring


def test_bio_spans():
    assert bio_spans(["B-Person", "I-Person", "O", "B-Location"]) == [(0, 2, "Person"), (3, 4, "Location")]
    assert bio_spans(["O", "I-Weapon", "I-Weapon"]) == [(1, 3, "Weapon")]  # stray I- starts a span


# ------------------------------------------------------------------ number repair


def test_repair_extends_split_numbers_and_makes_currency_sums_money():
    words = ["About", "30", ",", "000", "troops", "and", "£", "59", ".", "5", "million"]
    labels = ["O", "O", "O", "B-Quantity", "O", "O", "O", "B-Quantity", "I-Quantity", "I-Quantity", "I-Quantity"]
    repaired = repair_number_spans(words, labels)
    assert bio_spans(repaired) == [(1, 4, "Quantity"), (6, 11, "Money")]


def test_repair_leaves_other_types_alone():
    words = ["on", "Dec.", "5", "to", "922"]
    labels = ["O", "B-Temporal", "I-Temporal", "O", "B-Quantity"]
    assert repair_number_spans(words, labels) == labels


# ------------------------------------------------------------------ the shipped model


def test_model_loads_the_same_and_uses_re3d_labels(tagger):
    # nothing caches the model per process (a pipeline's Resources load it once): two loads agree
    again = EntityTagger.load()
    assert (again.model_path, again.clusters) == (tagger.model_path, tagger.clusters)
    assert again.tag_tokens([t[2] for t in tokenize(DRONE_SENTENCE)]) == tagger.tag_tokens(
        [t[2] for t in tokenize(DRONE_SENTENCE)]
    )
    labels = tagger.tag_tokens([t[2] for t in tokenize(DRONE_SENTENCE)])
    allowed = {"O"} | {f"{p}-{t}" for t in ENTITY_TYPES for p in "BI"}
    assert labels and set(labels) <= allowed
    assert tagger.tag_tokens([]) == []
    assert tagger.entities("") == tagger.entities(" \n\n ") == tagger.entities("...") == []


def test_tags_a_drone_strike_sentence(tagger):
    found = spans_of(tagger.entities(DRONE_SENTENCE))
    # the model misses "MQ-9 Reaper drones" here (platform recall is its weak spot: see the card)
    assert ("Kunar", "Location") in found
    assert ("3 March", "Temporal") in found
    assert ("5", "Quantity") in found
    assert ("the Pentagon", "Organisation") in found


def test_tags_platforms_in_a_strike_report(tagger):
    found = spans_of(tagger.entities("The strikes destroyed two ISIL tanks and an MQ-9 Reaper was lost."))
    assert ("MQ-9 Reaper", "MilitaryPlatform") in found
    assert ("ISIL tanks", "MilitaryPlatform") in found
    assert ("two", "Quantity") in found


def test_tags_a_coalition_briefing(tagger, fixtures_dir):
    text = (fixtures_dir / "entities" / "briefing.txt").read_text(encoding="utf-8")
    mentions = tagger.entities(text)
    found = spans_of(mentions)
    assert ("Coalition military forces", "Organisation") in found
    assert ("Tuesday", "Temporal") in found
    assert ("Col. John Dorrian", "Person") in found
    assert ("rocket-propelled grenades", "Weapon") in found
    assert ("£59.5 million", "Money") in found
    assert ("Mosul", "Location") in found
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.type in ENTITY_TYPES and 0.0 < m.score <= 1.0


def test_offsets_round_trip_on_the_seed_documents(tagger, seed_news_path, seed_thread_path):
    for path in (seed_news_path, seed_thread_path):
        text = path.read_text(encoding="utf-8")
        mentions = tagger.entities(text)
        assert mentions, f"no entities in {path.name}"
        assert all(text[m.start : m.end] == m.text for m in mentions)
        assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))  # ordered, no overlap
        assert any(m.type == "Location" and m.text == "Afghanistan" for m in mentions)


def test_dev_macro_f1_matches_the_recorded_figure(shared_dir):
    from quality_entities import evaluate  # bench/ is on pytest's pythonpath

    _, macro, _ = evaluate(shared_dir / "datasets" / "re3d" / "dev.txt")
    assert 100 * macro >= RECORDED_DEV_MACRO_F1 - 0.5
