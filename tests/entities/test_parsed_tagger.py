"""Accurate mode's entity tagger over the spaCy parse (entities/parsed.py) and the shared parse."""

from __future__ import annotations

import pytest

from claimgraph.entities.parsed import parse_features

pytest.importorskip("spacy", reason="the parse tagger needs the `events` extra")

from claimgraph.components import Resources  # noqa: E402
from claimgraph.entities.extract import find_mentions  # noqa: E402
from claimgraph.events.parse import parse_spans, shared_parser  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402

TEXT = (
    "Nigerian troops said on Monday that two helicopters struck Boko Haram camps near Maiduguri.\n\n"
    "The ministry pledged $ 5 million to families in Borno, said Ahmed Musa, a spokesman."
)
SPANS = [(0, TEXT.index("\n")), (TEXT.index("The ministry"), len(TEXT))]


def test_tokens_take_the_attributes_of_the_spacy_token_covering_them():
    # spaCy's "al-Assad" is one token; the tagger's "al", "-", "Assad" all read its attributes
    attributes = [(0, "B-PERSON", "NNP"), (9, "O", "VBD")]
    features = parse_features(attributes, [0, 2, 3, 9])
    assert all("p:ent=B-PERSON" in f and "p:tag=NNP" in f for f in features[:3])
    assert "p:ent=O" in features[3] and "p:-1ent=PERSON|O" in features[3]
    assert "p:+1ent=PERSON|PERSON" in features[0] and not any(a.startswith("p:+1") for a in features[3])


def test_a_sentence_is_parsed_once_per_document_for_every_stage():
    entities = parse_spans(TEXT, SPANS, needs=("tagger", "ner"))
    assert entities[0].ents and entities[0][0].tag_ and not entities[0].has_annotation("DEP")
    events = parse_spans(TEXT, SPANS[1:])  # the same docs, the dependency parse added
    assert events[0] is entities[1] and events[0].has_annotation("DEP")
    # annotated in two steps as in one pass
    whole = list(shared_parser().pipe(TEXT[s:e] for s, e in SPANS))
    assert [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in events[0]] == [
        (t.tag_, t.dep_, t.head.i, t.ent_type_) for t in whole[1]
    ]
    assert parse_spans(TEXT + " ", SPANS)[0] is not entities[0]  # another document: parsed anew


def test_accurate_mode_tags_with_the_parse_and_fast_mode_does_not():
    resources = Resources(Settings.defaults().with_values({"extract.entity_tagger": "crf-parse"}))
    assert resources.parse_tagger is not None and resources.entities.parse_tagger is resources.parse_tagger
    shared_parser()
    found = {(m.text, m.type) for m in find_mentions(TEXT, resources.entities, mode="accurate", sentences=SPANS)}
    assert {("Monday", "Temporal"), ("$ 5 million", "Money"), ("Ahmed Musa", "Person")} <= found
    fast = Resources(Settings.defaults().with_values({"extract.mode": "fast", "extract.entity_tagger": "crf-parse"}))
    assert fast.parse_tagger is None


def test_the_default_crf_setting_keeps_the_word_feature_tagger():
    assert Settings.defaults().extract.entity_tagger == "crf"
    resources = Resources(Settings.defaults().with_values({"extract.entity_tagger": "crf"}))
    assert resources.parse_tagger is None and resources.entities.parse_tagger is None
    assert {m.type for m in find_mentions(TEXT, resources.entities, mode="accurate")} >= {"Temporal", "Person"}
