"""What several event tests share: a document of one text dated 2025-03-10 through a pipeline, and its
events (negated ones left out)."""

from __future__ import annotations

from claimgraph.model import Metadata, Source, new_document


def events_of(pipe, text):
    doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date="2025-03-10")))
    return [e for e in doc.events if not e.negated]


def event_of(pipe, text, type_):
    """The first event of ``type_``; the assertion lists what was found instead."""
    events = [e for e in events_of(pipe, text) if e.type == type_]
    assert events, [(e.type, e.trigger) for e in events_of(pipe, text)]
    return events[0]
