"""Actor and place mentions for event slots when the entities stage has not run.

The entities stage (``Document.entities``) is the source of truth; this fallback finds only what
is certain without a tagger: ontology names and aliases as written, and capitalised names the
gazetteer resolves. It lets the events stage stand alone (``claimgraph extract`` on a document
with no entities, benchmarks, the classifier) with the same Mention type.
"""

from __future__ import annotations

import functools
import re

from claimgraph.entities.ontology import Ontology
from claimgraph.entities.places import Gazetteer
from claimgraph.model import Mention

_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}\b")


@functools.lru_cache(maxsize=4)  # per ontology object: a run has one
def _actor_pattern(ontology: Ontology) -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    exact = dict(ontology.case_sensitive_forms())
    folded = {s.casefold(): a for s, a in ontology.surface_forms() if s not in exact and len(s) > 2}

    def alternation(forms):
        return r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])"

    return re.compile(alternation(exact)), re.compile(alternation(folded), re.IGNORECASE), exact


def _place_fields(place) -> dict:
    return dict(
        place_id=place.id,
        place_name=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        precision=place.precision,
    )


def find_mentions(text: str, ontology: Ontology | None = None, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Actors of ``ontology`` and places of ``gazetteer`` (default: the shipped ones) in ``text``,
    non-overlapping, in text order."""
    ontology = ontology if ontology is not None else Ontology.load()
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
    exact_re, folded_re, exact = _actor_pattern(ontology)
    resolved: dict[str, object] = {}  # a surface repeats in a text: resolve it once

    def _place(surface: str):
        if surface not in resolved:
            resolved[surface] = gazetteer.resolve(surface)
        return resolved[surface]

    spans: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (exact_re, folded_re):
        for m in pattern.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            actors = ontology.lookup(m.group(0))
            if not actors:
                continue
            actor = actors[0]
            fields = {}
            if actor.type == "state":
                place = _place(m.group(0))
                if place is not None:
                    fields = _place_fields(place)
            spans.append(
                Mention(
                    m.start(),
                    m.end(),
                    m.group(0),
                    "Organisation" if actor.type != "person" else "Person",
                    actor_id=actor.id,
                    actor_name=actor.name,
                    actor_type=actor.type,
                    method="ontology",
                    **fields,
                )
            )
            taken.append((m.start(), m.end()))
    for m in _CAPITALISED.finditer(text):
        if any(m.start() < e and m.end() > s for s, e in taken):
            continue
        words = m.group(0).split()
        # longest resolvable prefix: "Kabul On Friday" → Kabul
        for n in range(len(words), 0, -1):
            surface = " ".join(words[:n])
            place = _place(surface)
            if place is not None:
                end = m.start() + len(surface)
                spans.append(Mention(m.start(), end, surface, "Location", method="gazetteer", **_place_fields(place)))
                taken.append((m.start(), end))
                break
    spans.sort(key=lambda x: x.start)
    return spans
