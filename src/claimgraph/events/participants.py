"""Who a violent act's first actor may not be (issue 14 slots, 16.2; both modes): a party whose own losses the
sentence tells ("the M23 lost five fighters", "the army suffered heavy casualties") took part but is not the
doer, so it becomes the act's second actor; a news outlet reports an act and does not carry it out, so an
outlet read as the doer gives way to the group whose channel it is (Amaq: Islamic State; its report of an
attack is the group's claim), or to no one (Reuters, a local radio). The loss verbs are data
(``data/events/actors.yaml``, ``loss_verbs``).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from importlib.resources import files

from claimgraph.entities.ontology import Ontology, load_cached
from claimgraph.model import Event, Mention

from ..yamlfiles import load_yaml

# the rest of a name the actor's words cut short ("AFC" of "the AFC/M23 lost"), then an auxiliary or adverb
_GAP = r"[\w/'’-]*\s*(?:(?:has|have|had|also|reportedly|allegedly|only|itself|themselves)\s+)*"


@functools.lru_cache(maxsize=1)
def loss_after() -> re.Pattern[str]:
    """The words right after a party that tell its own losses ("lost", "has suffered")."""
    path = files("claimgraph") / "data" / "events" / "actors.yaml"
    verbs = sorted((str(v).lower() for v in load_yaml(path.read_text(encoding="utf-8"))["loss_verbs"]), key=len)
    return re.compile(_GAP + r"(?:" + "|".join(re.escape(v) for v in reversed(verbs)) + r")\b", re.IGNORECASE)


def _doer_end(event: Event, text: str) -> int:
    """Where the first actor's words end in the event's sentence (the last time before the trigger, else the
    first after it); -1 where they are not there."""
    words = event.actor1_text or ""
    if not words:
        return -1
    at = text.rfind(words, event.sentence_start, event.trigger_start)
    at = text.find(words, event.sentence_start, event.sentence_end) if at < 0 else at
    return at + len(words) if at >= 0 else -1


def not_doers(event: Event, text: str, actors: list[Mention], ontology: Ontology | None = None) -> Event:
    """``event`` (a violent act) with a loser or an outlet out of its first actor; ``actors``: its sentence's."""
    end = _doer_end(event, text)
    if end >= 0 and loss_after().match(text, end, event.sentence_end):
        # "X lost 3 fighters": X is who the act was done to, or the side that lost
        moved = {"actor2": event.actor1, "actor2_text": event.actor1_text} if event.actor2_text is None else {}
        return dataclasses.replace(event, actor1=None, actor1_text=None, **moved)
    if event.actor1 is None or not any(m.actor_id == event.actor1 and m.actor_type == "media" for m in actors):
        return event
    ontology = ontology or load_cached()
    actor = ontology.get(event.actor1)
    while actor is not None and actor.type == "media":  # an outlet of an outlet of a group: the group
        actor = ontology.get(actor.parent) if actor.parent else None
    if actor is None:
        return dataclasses.replace(event, actor1=None, actor1_text=None)
    return dataclasses.replace(event, actor1=actor.id, actor1_text=actor.name)
