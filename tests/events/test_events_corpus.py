"""scripts/events_corpus.py: the synthetic event corpus's reader (format, split, errors)."""

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "events_corpus.py"
spec = importlib.util.spec_from_file_location("events_corpus", SCRIPT)
corpus = sys.modules.setdefault("events_corpus", importlib.util.module_from_spec(spec))
spec.loader.exec_module(corpus)  # registered first: its dataclasses look their module up


def test_a_line_gives_its_text_and_role_spans():
    line = "headline | {A1 Rebels} {TRIG seize} {PLACE Walikale} after {TIME two days} of fighting"
    ex = corpus.parse_line(line, "NON_STATE_ACTOR_OVERTAKES_TER", "x.txt:1")
    assert ex.text == "Rebels seize Walikale after two days of fighting"
    assert [(r, ex.text[s:e]) for r, s, e in ex.spans] == [
        ("A1", "Rebels"),
        ("TRIG", "seize"),
        ("PLACE", "Walikale"),
        ("TIME", "two days"),
    ]
    assert ex.dev == corpus.is_dev(line)


@pytest.mark.parametrize(
    "line, reason",
    [
        ("tweet | {TRIG shelled} the port", "unknown style"),
        ("wire | {TRIG shelled} and {TRIG bombed} the port", "one TRIG"),
        ("wire | {WHO militia} {TRIG shelled} the port", "unknown role"),
        ("wire | {TRIG shelled the port", "malformed"),
    ],
)
def test_a_bad_line_names_file_line_and_reason(line, reason):
    with pytest.raises(corpus.CorpusError, match=rf"^x\.txt:3: .*{reason}"):
        corpus.parse_line(line, "ART_MISS_ATTACK", "x.txt:3")


def test_the_committed_corpus_parses_with_both_splits():
    examples = corpus.read_corpus()
    assert {e.type for e in examples} >= {"ATTACK", "APPEAL", "MEET", corpus.NONE}
    assert 0.1 < sum(e.dev for e in examples) / len(examples) < 0.3


def test_the_typing_folder_parses_with_both_splits_and_known_types():
    examples = corpus.read_corpus(corpus.CORPUS / "typing")
    types = {path.stem for path in corpus.CORPUS.glob("*.txt")}
    assert {e.type for e in examples} <= types
    assert {"ATTACK", "ARREST", "HQ_ESTABLISHED", "PEACE_PROTEST", corpus.NONE} <= {e.type for e in examples if e.dev}
    assert 0.1 < sum(e.dev for e in examples) / len(examples) < 0.3


def test_the_violence_typing_folder_parses_and_covers_each_distinction_in_both_splits():
    examples = corpus.read_corpus(corpus.CORPUS / "typing_violence")
    types = {path.stem for path in corpus.CORPUS.glob("*.txt")}
    assert {e.type for e in examples} <= types
    taught = {"ARMED_CLASH", "ATTACK", "FORCE_AGAINST_PROTEST", "REM_EXPLOS", "ART_MISS_ATTACK", "AIR_STRIKE"}
    assert {e.type for e in examples if e.dev} == {e.type for e in examples if not e.dev} == taught
    assert len(examples) >= 150 and 0.1 < sum(e.dev for e in examples) / len(examples) < 0.35
