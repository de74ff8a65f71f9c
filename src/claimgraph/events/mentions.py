"""Actor and place mentions for event slots when the entities stage has not run.

The entities stage (``Document.entities``) is the source of truth; this fallback finds only what
is certain without a tagger: ontology names and aliases as written, and capitalised names the
gazetteer resolves. It lets the events stage stand alone (``claimgraph extract`` on a document
with no entities, benchmarks, the classifier) with the same Mention type.
"""

from __future__ import annotations

import re

from claimgraph.entities.ontology import Ontology
from claimgraph.entities.places import Gazetteer, Place
from claimgraph.model import Mention

_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}\b")


def place_fields(place: Place | Mention, name_field: str = "place_name") -> dict:
    """The place fields of a gazetteer ``place``, or of a Mention located in one, as keyword
    arguments: a Mention's (``name_field="place_name"``) or an Event's (``"location"``)."""
    located = isinstance(place, Mention)
    return {
        "place_id": place.place_id if located else place.id,
        name_field: place.place_name if located else place.name,
        "admin1": place.admin1,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision,
    }


class FallbackMentions:
    """``finder(text)``: actors of ``ontology`` and places of ``gazetteer`` in ``text``, non-overlapping,
    in text order. The ontology's names are compiled into two regexes here, so build it once per run
    (the events component does) and call it per document."""

    def __init__(self, ontology: Ontology, gazetteer: Gazetteer):
        self.ontology, self.gazetteer = ontology, gazetteer
        # each country's state actor: "Pakistani troops" act for the state of Pakistan (events/slots.py)
        self.states = {a.country: a for a in ontology.by_type("state") if a.country}
        exact = dict(ontology.case_sensitive_forms())
        folded = {s.casefold(): a for s, a in ontology.surface_forms() if s not in exact and len(s) > 2}

        def alternation(forms):
            forms = sorted(forms, key=len, reverse=True)
            return r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"

        self.exact_re = re.compile(alternation(exact))
        self.folded_re = re.compile(alternation(folded), re.IGNORECASE)

    @classmethod
    def load(cls, ontology: Ontology | None = None, gazetteer: Gazetteer | None = None) -> FallbackMentions:
        """From the given ontology and gazetteer, the shipped ones where not given."""
        ontology = ontology if ontology is not None else Ontology.load()
        return cls(ontology, gazetteer if gazetteer is not None else Gazetteer.load())

    def __call__(self, text: str) -> list[Mention]:
        return find_mentions(text, self)


def find_mentions(text: str, finder: FallbackMentions) -> list[Mention]:
    """Actors and places of ``finder``'s ontology and gazetteer in ``text``, non-overlapping, in text order."""
    ontology, gazetteer = finder.ontology, finder.gazetteer
    exact_re, folded_re = finder.exact_re, finder.folded_re
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
                    fields = place_fields(place)
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
                spans.append(Mention(m.start(), end, surface, "Location", method="gazetteer", **place_fields(place)))
                taken.append((m.start(), end))
                break
    spans.sort(key=lambda x: x.start)
    return spans
