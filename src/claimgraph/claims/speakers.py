"""Linking a speaker span to an actor of the ontology.

The entity stage's mentions come first: a mention inside the speaker span that carries an actor id
is the speaker (a person before an organisation: "the Secretary of the Security Council of
Kyrgyzstan, Marat Imankulov" is Imankulov). Without mentions (the entity stage did not run) the
ontology is looked up directly with the span's capitalised word sequences.
"""

from __future__ import annotations

import functools

from claimgraph.model import Document, Mention

from .lexicon import TOKEN

_MAX_NGRAM = 6
_PRONOUNS = frozenset("he she they it we i you him her them his its their".split())


@functools.lru_cache(maxsize=1)
def _ontology():
    from claimgraph.entities.ontology import Ontology

    return Ontology.load()


def _rank(actor_type: str | None, length: int, start: int) -> tuple:
    return (actor_type == "person", length, -start)


def link_speaker(doc: Document, start: int, end: int) -> tuple[str | None, str | None]:
    """(actor id, actor name) for the speaker span [start, end), or (None, None)."""
    text = doc.clean_text
    if text[start:end].strip().lower() in _PRONOUNS:
        return None, None
    inside: list[Mention] = [m for m in doc.entities if m.actor_id and start <= m.start and m.end <= end]
    if inside:
        best = max(inside, key=lambda m: _rank(m.actor_type, m.end - m.start, m.start))
        return best.actor_id, best.actor_name
    ontology = _ontology()
    tokens = [m for m in TOKEN.finditer(text, start, end) if m.group(0)[:1].isalnum()]
    best_key, best = None, (None, None)
    for i, first in enumerate(tokens):
        if not first.group(0)[:1].isupper() and first.group(0).lower() != "the":
            continue
        for n in range(min(_MAX_NGRAM, len(tokens) - i), 0, -1):
            last = tokens[i + n - 1]
            surface = text[first.start():last.end()]
            if not any(t.group(0)[:1].isupper() for t in tokens[i:i + n]):
                continue
            actors = ontology.lookup(surface)
            if len(actors) == 1:  # an ambiguous surface is not a link
                key = _rank(actors[0].type, last.end() - first.start(), first.start())
                if best_key is None or key > best_key:
                    best_key, best = key, (actors[0].id, actors[0].name)
                break
    return best
