"""Fast mode of the entity stage: the seeds' actors and places as in accurate mode, general types
from cue windows only, and the option reaching every engine's stages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.entities.extract import extract_entities
from claimgraph.entities.ner import FAST_TYPES
from claimgraph.ingest import ReaderOptions, read_paths
from claimgraph.model import Document, Source, new_document
from claimgraph.nlp.sentences import sentence_spans
from claimgraph.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "entities"


def _process(path: Path, pipe) -> Document:
    """``path`` read and run through ``pipe``: the session's fast pipeline, or its accurate one, whose entity
    tagger is the shipped word-feature CRF ("crf"; tests/conftest.py)."""
    return next(pipe(item) for item in read_paths([str(path)], ReaderOptions()))


@pytest.fixture(scope="module")
def fast_news(fast_pipeline, seed_news_path) -> Document:
    return _process(seed_news_path, fast_pipeline)


@pytest.fixture(scope="module")
def fast_thread(fast_pipeline, seed_thread_path) -> Document:
    return _process(seed_thread_path, fast_pipeline)


def _first(doc: Document, text: str):
    return next(m for m in doc.entities if m.text == text)


@pytest.mark.parametrize("seed", ["fast_news", "fast_thread"])
def test_fast_mode_finds_exactly_the_expected_actors(seed, request):
    doc = request.getfixturevalue(seed)
    expected = yaml.safe_load((FIXTURES / "seed_actors.yaml").read_text(encoding="utf-8"))[Path(doc.source.path).name]
    assert {m.actor_id for m in doc.entities if m.actor_id} == set(expected)
    for m in doc.entities:
        assert doc.clean_text[m.start : m.end] == m.text
        if m.method == "model":
            assert m.type in FAST_TYPES  # names come from the dictionary and role phrases only


def test_fast_mode_places_and_persons(fast_news, fast_thread):
    nangarhar, kunar = _first(fast_news, "Nangarhar"), _first(fast_news, "Kunar")
    assert (nangarhar.place_id, kunar.place_id, kunar.country) == ("AF-NAN", "AF-KNR", "AF")
    kabul = _first(fast_thread, "Kabul")
    assert (kabul.precision, kabul.admin1) == ("city", "AF-KAB")
    assert kabul.lat == pytest.approx(34.53, abs=0.05) and kabul.lon == pytest.approx(69.17, abs=0.05)
    imankulov = _first(fast_thread, "Marat Imankulov")
    assert (imankulov.actor_id, imankulov.role, imankulov.role_org) == (
        "marat-imankulov",
        "Secretary of the Security Council",
        "kg-security-council",
    )
    assert _first(fast_thread, "Security Council of Kyrgyzstan").actor_id == "kg-security-council"
    assert all(m.actor_id == "united-states" for m in fast_thread.entities if m.text == "US")


def test_fast_mode_keeps_the_accurate_general_types_of_the_seeds(seed_thread_path, fast_thread, accurate_pipeline):
    # the same CRF in both modes: the shipped accurate tagger is that CRF ("crf-parse" also reads the parse:
    # entities/parsed.py), so the session's accurate pipeline is the one to compare with
    assert Settings.defaults().extract.entity_tagger == "crf"
    accurate = _process(seed_thread_path, accurate_pipeline)
    general = {(m.start, m.end, m.type) for m in accurate.entities if m.method == "model" and m.type in FAST_TYPES}
    fast = {(m.start, m.end, m.type) for m in fast_thread.entities if m.method == "model"}
    assert ("7,000" in fast_thread.clean_text) and _first(fast_thread, "7,000").type == "Quantity"
    assert fast == general  # the cue windows hold every general-type mention of the thread
    # what fast mode gives up: unlinked names the tagger finds in accurate mode
    assert any(m.method == "model" and m.type not in FAST_TYPES for m in accurate.entities)


def test_cue_windows_cover_numbers_and_cue_words_only(entity_extractor):
    text = (
        "The delegation met officials in the capital. Two MQ-9 Reaper drones struck a compound on "
        "3 March. Talks went on."
    )
    tagger = entity_extractor.tagger
    windows = [text[a:b] for a, b in tagger.cue_windows(text, sentence_spans(text))]
    assert len(windows) == 1 and "Two MQ-9 Reaper" in windows[0] and "3 March" in windows[0]
    assert "delegation" not in windows[0] and "Talks" not in windows[0]
    found = {(m.text, m.type) for m in tagger.fast_entities(text, sentence_spans(text))}
    assert ("3 March", "Temporal") in found


def test_unknown_mode_is_refused(entity_extractor):
    doc = new_document(Source("x.txt", "txt"), "Kabul")
    with pytest.raises(ValueError, match="entity mode must be one of accurate, fast"):
        extract_entities(doc.replace(clean_text="Kabul"), entity_extractor, mode="quick")


def test_engine_stages_and_cli_take_the_mode(seed_thread_path, fast_pipeline):
    item = next(iter(read_paths([str(seed_thread_path)], ReaderOptions())))
    staged = next(iter(fast_pipeline.stream([item])))
    assert {m.type for m in staged.entities if m.method == "model"} <= set(FAST_TYPES)
    result = CliRunner().invoke(main, ["extract", str(seed_thread_path), "--mode", "fast"])
    assert result.exit_code == 0, result.output
    entities = json.loads(result.output.splitlines()[0])["entities"]
    assert {e["type"] for e in entities if e["method"] == "model"} <= set(FAST_TYPES)
    bad = CliRunner().invoke(main, ["extract", str(seed_thread_path), "--mode", "quick"])
    assert bad.exit_code != 0 and "--mode" in bad.output
