"""Features of the learned attribution model (claims/attribution_features.py): the cue classes read as
features, on the shipped file and on bad files."""

from __future__ import annotations

import pytest

from claimgraph.claims.attribution_features import cue_classes, read_cue_classes
from claimgraph.events.features import stem


@pytest.mark.parametrize(
    ("word", "kind", "expected"),
    [
        ("lambasted", "verbs", "judgment"),  # a long-tail cue verb: its class, by its inflection
        ("vowing", "verbs", "commitment"),
        ("urged", "verbs", "directive"),
        ("denies", "verbs", "judgment"),
        ("told", "verbs", "speech"),  # an irregular form, listed as a word of its own
        ("feared", "verbs", "cognition"),
        ("showed", "verbs", "evidence"),
        ("criticism", "nouns", "judgment"),
        ("polls", "nouns", "evidence"),
    ],
)
def test_a_cue_word_has_its_class_in_any_form(word, kind, expected):
    verbs, nouns = cue_classes("en")
    table = verbs if kind == "verbs" else nouns
    assert expected in table[stem(word)]


def test_an_event_verb_has_no_cue_class():
    verbs, _ = cue_classes("en")
    for word in ("killed", "bombed", "flooded", "arrived"):
        assert stem(word) not in verbs


def test_a_language_without_the_file_has_no_classes():
    assert cue_classes("xx") == ({}, {})


def test_a_malformed_file_is_named(tmp_path):
    bad = tmp_path / "cue_classes.yaml"
    bad.write_text("verbs:\n  speech: say\nnouns: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cue_classes\.yaml: verbs\.speech is not a list"):
        read_cue_classes(bad)
    bad.write_text("nouns: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cue_classes\.yaml: no mapping of 'verbs'"):
        read_cue_classes(bad)
