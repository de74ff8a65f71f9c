"""The per-document chain: registered components in order, their requires/assigns checked, a failing
document turned into a one-line InputError with its traceback in the log."""

from __future__ import annotations

import logging

import pytest

from claimgraph.components import BUILTIN_COMPONENTS, ComponentSpec
from claimgraph.errors import InputError
from claimgraph.model import Document, Source, new_document
from claimgraph.pipeline import Pipeline, PipelineError
from claimgraph.settings import Settings

NOTE = "Officials in Kabul said on Monday that the road to Jalalabad was closed after an attack.\n"


def _refuse_short(resources) -> callable:
    def refuse(doc: Document) -> Document:
        if len(doc.clean_text) < 20:
            raise ValueError(f"only {len(doc.clean_text)} characters")
        return doc

    return refuse


def test_the_builtin_components_run_in_order_on_a_document():
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": "fast"}))
    assert pipe.names == ("clean", "language", "entities", "events", "claims", "figures")
    doc = pipe(new_document(Source("note.txt", "txt"), NOTE))
    assert doc.clean_text.startswith("Officials in Kabul") and doc.language == "en"
    assert any(m.place_name == "Kabul" for m in doc.entities)
    assert [e.type for e in doc.events] == ["ATTACK"]
    assert [c.speaker_text for c in doc.claims] == ["Officials in Kabul"]


def test_a_component_before_what_it_requires_is_refused():
    by_name = {spec.name: spec for spec in BUILTIN_COMPONENTS}
    order = [by_name["clean"], by_name["entities"], by_name["language"]]
    with pytest.raises(PipelineError, match="component 'entities' requires language, which no component before"):
        Pipeline.from_settings(Settings.defaults(), order)


def test_a_component_must_assign_document_fields():
    bad = ComponentSpec("bad", _refuse_short, requires=("raw_text",), assigns=("sentiment",))
    with pytest.raises(PipelineError, match="assigns sentiment: not Document fields"):
        Pipeline.from_settings(Settings.defaults(), [*BUILTIN_COMPONENTS[:1], bad])
    twice = [*BUILTIN_COMPONENTS[:1], BUILTIN_COMPONENTS[0]]
    with pytest.raises(PipelineError, match="'clean' is registered twice"):
        Pipeline.from_settings(Settings.defaults(), twice)


def test_a_failing_document_is_one_line_for_the_user_and_a_traceback_in_the_log(caplog):
    strict = ComponentSpec("strict", _refuse_short, requires=("clean_text",), assigns=("clean_text",))
    pipe = Pipeline.from_settings(Settings.defaults(), [*BUILTIN_COMPONENTS[:2], strict])
    short = new_document(Source("short.txt", "txt"), "Too short.\n")
    with caplog.at_level(logging.DEBUG, logger="claimgraph.pipeline"):
        out = list(pipe.stream([short, new_document(Source("note.txt", "txt"), NOTE)]))
    assert out[0] == InputError("short.txt", "processing failed: ValueError: only 10 characters")
    assert isinstance(out[1], Document) and out[1].language == "en"
    record = next(r for r in caplog.records if r.name == "claimgraph.pipeline")
    assert record.levelno == logging.DEBUG and "short.txt" in record.getMessage()
    assert record.exc_info and "only 10 characters" in str(record.exc_info[1])
