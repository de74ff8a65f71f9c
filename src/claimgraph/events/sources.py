"""Who speaks about an event and whom they name as its doer: the roles of an event a source reports.

Word order and a role head trained on plain clauses read the subject of a sentence as the doer. In news the
subject is often a source speaking about the event in its complement, and the doer is named by a frame:
- "Police said the attack ... was carried out by a criminal gang", "was the work of X" -> X;
- "The army blamed X for the attack", "accused X of killing", "X was blamed for the bombing" -> X;
- "X claimed responsibility for the attack", "X said it carried out the attack", "X said they attacked" -> X
  (the claimant is the doer as it claims; the claim's own event keeps X as its speaker);
- "A police convoy came under attack from X" -> X, the subject the target;
- "Six soldiers killed in militant attack" -> the noun's modifier, the subject the victim;
- otherwise an actor1 that is the subject of a verb of saying, condemning or blaming before the trigger
  ("UNAMA condemned the attack", "the provincial governor said the killing ...") is a source: no actor1.
The words are data (data/events/sources.yaml). Both modes apply these frames after their own roles: the
frames are surer than word order or the role head where they match, and leave an event alone where none does.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import yaml

from claimgraph.model import Event, Mention

from ..yamlfiles import load_yaml

_KEYS = (
    "reporting",
    "blame_before",
    "blamed_after",
    "claim_verbs",
    "own_act",
    "agent_cues",
    "repel_verbs",
    "under_fire",
    "killed_in",
    "violent_nouns",
)
_DET = r"(?:(?:the|a|an|its|their|his|her|this|that|last|\w+['’]s)\s+)?"
_GAP_WORDS = r"(?:[\w'’-]+\s+){0,3}?"
# no clause boundary between a frame's cue and the trigger it frames
_BREAK = re.compile(r"[;.!?]|\b(?:but|while|whereas|although)\b")


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class SourceFrames:
    reporting: re.Pattern  # right after a subject: it speaks ("Police said", "UNAMA, the UN mission, condemned")
    blame_before: re.Pattern  # before an actor: "blamed ", "accused "
    blame_gap: re.Pattern  # between the blamed actor and the trigger: " for the ", " of "
    blamed_gap: re.Pattern  # " was blamed for the "
    claim_gap: re.Pattern  # " claimed responsibility for the ", " said it carried out the ", " said they "
    agent_after: re.Pattern  # after the trigger, up to the doer: " on the station was carried out by "
    under_fire: re.Pattern  # " came under " ... trigger ... " from "
    killed_in: re.Pattern  # "killed in " + modifiers + a violent noun
    repelled: re.Pattern  # "repel " + modifiers + a violent noun: "Troops repel ISWAP attack"

    @classmethod
    def load(cls, path=None) -> SourceFrames:
        path = path or resources.files("claimgraph") / "data" / "events" / "sources.yaml"
        try:
            data = load_yaml(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ValueError(f"{path}: cannot read the source frames: {exc}") from exc
        missing = [k for k in _KEYS if not isinstance(data, dict) or not isinstance(data.get(k), list)]
        if missing:
            raise ValueError(f"{path}: expected lists {', '.join(missing)}")
        w = {k: [str(x).lower() for x in data[k]] for k in _KEYS}
        flags = re.IGNORECASE
        return cls(
            reporting=re.compile(
                rf"^\s*(?:,[^,;.]{{1,60}},\s*)?(?:(?:has|have|had|also|\w+ly)\s+)*(?:{_alt(w['reporting'])})\b", flags
            ),
            blame_before=re.compile(rf"\b(?:{_alt(w['blame_before'])})\s+(?:(?:the|an?)\s+)?$", flags),
            blame_gap=re.compile(rf"^\s+(?:responsible\s+)?(?:for|of)\s+{_DET}{_GAP_WORDS}$", flags),
            blamed_gap=re.compile(
                rf"^\s+(?:(?:was|were|is|are|has been|have been|had been|being)\s+)(?:\w+ly\s+)?"
                rf"(?:{_alt(w['blamed_after'])})\s+(?:for|of)\s+{_DET}{_GAP_WORDS}$",
                flags,
            ),
            claim_gap=re.compile(
                rf"^\s+(?:(?:has|have|had|also|later|quickly)\s+)*(?:"
                rf"(?:{_alt(w['claim_verbs'])})\s+(?:responsibility\s+for\s+|to\s+have\s+(?:carried\s+out\s+)?)?{_DET}{_GAP_WORDS}"
                rf"|(?:said|says|claimed|claims|announced|stated)\s+(?:that\s+)?(?:it|they)\s+(?:(?:had|has|have)\s+)?"
                rf"(?:(?:{_alt(w['own_act'])})\s+{_DET}{_GAP_WORDS})?)$",
                flags,
            ),
            agent_after=re.compile(
                rf"^[^;.!?]{{0,80}}?\b(?:(?:was|were|had\s+been|has\s+been|have\s+been|been)\s+)?"
                rf"(?:{_alt(w['agent_cues'])})\s+(?:(?:the|a|an)\s+)?$",
                flags,
            ),
            under_fire=re.compile(rf"\b(?:{_alt(w['under_fire'])})\s+(?:(?:heavy|an?|the)\s+)?$", flags),
            killed_in=re.compile(
                rf"\b(?:{_alt(w['killed_in'])})\s+(?:in|during|by)\s+(?:(?:an?|the)\s+)?"
                rf"(?P<mod>(?:[\w'’-]+\s+){{1,3}}?)(?:{_alt(w['violent_nouns'])})\b",
                flags,
            ),
            repelled=re.compile(
                rf"\b(?:{_alt(w['repel_verbs'])})\s+(?:(?:an?|the)\s+)?"
                rf"(?P<mod>(?:[\w'’-]+\s+){{1,3}}?)(?:{_alt(w['violent_nouns'])})\b",
                flags,
            ),
        )

    def apply(
        self, event: Event, text: str, actors: list[Mention], demonyms: list[Mention], places: list[Mention] = ()
    ) -> Event:
        """``event`` with the doer (and target) the frames around its trigger name; unchanged where none does.
        ``actors``: the sentence's actor candidates in text order (known actors and descriptions); ``places``:
        its places, which a blame frame may name for their government ("Moscow accuses Kyiv of shelling")."""
        s, e, ts, te = event.sentence_start, event.sentence_end, event.trigger_start, event.trigger_end
        doer, target = self._framed_doer(text, s, e, ts, te, actors, demonyms, places)
        if doer is None and event.actor1_text and self._speaker(text, s, ts, event.actor1_text):
            return dataclasses.replace(event, actor1=None, actor1_text=None)
        if doer is None and event.actor1_text and self._victim_subject(text, s, e, ts, te, event.actor1_text):
            return dataclasses.replace(event, actor1=None, actor1_text=None)
        if doer is None:
            return event
        changes = {"actor1": doer.actor_id, "actor1_text": doer.text}
        if target is not None:
            changes.update(actor2=target.actor_id, actor2_text=target.text)
        elif event.actor2_text and _same(event.actor2_text, doer.text):
            changes.update(actor2=None, actor2_text=None)  # the doer was read as the target
        return dataclasses.replace(event, **changes)

    def _framed_doer(self, text, s, e, ts, te, actors, demonyms, places=()) -> tuple[Mention | None, Mention | None]:
        after = [m for m in actors if m.start >= te]
        for m in after:  # "the attack on X was carried out by Y": the first actor right after the cue
            if self.agent_after.match(text[te : m.start]):
                return m, None
        for m in after:  # "X came under attack from Y"
            if re.fullmatch(r"\s*(?:from|by)\s+(?:(?:the|an?)\s+)?", text[te : m.start], re.IGNORECASE):
                cue = self.under_fire.search(text, s, ts)
                if cue is not None:
                    subject = [
                        a for a in actors if a.end <= cue.start() and not _BREAK.search(text, a.end, cue.start())
                    ]
                    return m, (subject[-1] if subject else _subject_phrase(text, s, cue.start()))
            break
        before = sorted((m for m in (*actors, *places) if s <= m.start and m.end <= ts), key=lambda m: m.start)
        for m in reversed(before):
            between = text[m.end : ts]
            if _BREAK.search(between):
                break
            if self.blame_gap.match(between) and self.blame_before.search(text, max(s, m.start - 30), m.start):
                return m, None
            if m.place_id and not m.actor_id:
                continue  # a place names a doer only as the one blamed
            if self.blamed_gap.match(between) or self.claim_gap.match(between):
                return m, None
        repelled = self._repelled(text, s, e, ts, te, actors, demonyms)
        return repelled if repelled[0] is not None else self._killed_in(text, s, e, ts, te, actors, demonyms)

    def _repelled(self, text, s, e, ts, te, actors, demonyms) -> tuple[Mention | None, Mention | None]:
        """ "Troops repel ISWAP attack", "police foiled a Taliban raid": the attack's modifier is its doer;
        the subject who repelled it is its target, not its doer."""
        for m in _around_trigger(self.repelled, text, s, e, ts, te):
            if (doer := _modifier_actor(m, actors, demonyms)) is not None:
                before = [a for a in actors if a.end <= m.start() and not _BREAK.search(text, a.end, m.start())]
                return doer, (before[-1] if before else _subject_phrase(text, s, m.start()))
        return None, None

    def _killed_in(self, text, s, e, ts, te, actors, demonyms) -> tuple[Mention | None, Mention | None]:
        """ "Six soldiers killed in militant attack": the modifier's actor is the doer, the subject the victim."""
        for m in _around_trigger(self.killed_in, text, s, e, ts, te):
            if (doer := _modifier_actor(m, actors, demonyms)) is not None:
                victims = [a for a in actors if a.end <= m.start()]
                return doer, (victims[-1] if victims else None)
        return None, None

    def _victim_subject(self, text: str, s: int, e: int, ts: int, te: int, actor_text: str) -> bool:
        """Whether actor1 is the subject of "killed in an attack" around the trigger, which names no doer."""
        m = next(_around_trigger(self.killed_in, text, s, e, ts, te), None)
        if m is None:
            return False
        at = text.rfind(actor_text, s, m.start())
        return at >= 0 and not _BREAK.search(text, at, m.start())

    def _speaker(self, text: str, s: int, ts: int, actor_text: str) -> bool:
        """Whether the event's actor1 (its last occurrence before the trigger) is the subject of a verb of
        saying, condemning or blaming that stands before the trigger: a source, not the doer."""
        at = text.rfind(actor_text, s, ts)
        if at < 0:
            return False
        cue = self.reporting.match(text, at + len(actor_text), ts)
        return cue is not None and cue.end() <= ts


def _around_trigger(pattern: re.Pattern, text: str, s: int, e: int, ts: int, te: int):
    """The matches of ``pattern`` in the sentence [s, e) that hold the trigger [ts, te), in text order."""
    return (m for m in pattern.finditer(text, s, e) if m.start() <= ts < m.end() or m.start() <= te <= m.end() + 1)


def _modifier_actor(m: re.Match, actors: list[Mention], demonyms: list[Mention]) -> Mention | None:
    """The first actor or demonym inside the match's ``mod`` group: "ISWAP" of "repel ISWAP attack"."""
    lo, hi = m.start("mod"), m.end("mod")
    return next((a for a in (*actors, *demonyms) if lo <= a.start and a.end <= hi), None)


# the noun phrase a clause opens with, right before its verb: "A police convoy" of "A police convoy came under"
_SUBJECT = re.compile(r"(?:^|[,;:]\s*)(?:(?:the|a|an)\s+)?(?P<np>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+$", re.IGNORECASE)
_NOT_SUBJECT = frozenset("it they he she we i you who which that this there".split())


def _subject_phrase(text: str, s: int, end: int) -> Mention | None:
    """The phrase right before ``end`` that opens its clause, as a description (no pronoun)."""
    m = _SUBJECT.search(text, s, end)
    if m is None or m.group("np").lower() in _NOT_SUBJECT:
        return None
    return Mention(m.start("np"), m.end("np"), m.group("np"), "Description")


def _same(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a


@functools.lru_cache(maxsize=1)
def shipped() -> SourceFrames:
    """The package's source frames, read once per process."""
    return SourceFrames.load()


# an actor given only as a pronoun names no one: a claimant named elsewhere in the document stands for it
_PRONOUNS = frozenset(("they", "he", "she", "it", "we", "them", "him", "her"))
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def claimants_as_actor1(events: list[Event], is_name: Callable[[str], bool] | None = None) -> list[Event]:
    """A document-level step (both modes): a violent event whose sentence names no perpetrator (or only a pronoun,
    or only a description such as "gunmen" where the claimant is a known group) takes the claimant of the claim of
    responsibility linked to it ("... the FMLN claimed responsibility for the attack"), which is often in another
    sentence. The event stays ``claimed`` and the claim keeps its claimant as speaker: the perpetrator is who
    claims it. A claimant counts when it is a known actor or, with ``is_name``, a name: the speaker the claims
    reader takes for the claimant is often a description ("a spokesman", "media sources")."""
    by_id = {e.id: i for i, e in enumerate(events)}
    out = list(events)
    for claim in events:
        target = by_id.get(claim.claims_event) if claim.claims_event else None
        # an accusation's first actor is the accuser, not the doer (link.disputes reads its accused)
        if target is None or claim.type == "ACCUSE" or claim.negated or claim.modality or claim.actor1_text is None:
            continue
        if claim.actor1 is None and (is_name is None or not is_name(claim.actor1_text)):
            continue
        event = out[target]
        described = event.actor1 is None and claim.actor1 is not None and _description(event.actor1_text)
        unnamed = event.actor1_text is None or event.actor1_text.lower() in _PRONOUNS or described
        if unnamed and (claim.actor1 is None or event.actor2 != claim.actor1):
            text = " ".join(_ARTICLE.sub("", claim.actor1_text).split())
            out[target] = dataclasses.replace(event, actor1=claim.actor1, actor1_text=text)
    return out


def _description(text: str | None) -> bool:
    """A doer given by description only ("Gunmen", "unidentified attackers"): no word of it written as a name
    past the first."""
    words = (text or "").split()
    return bool(words) and not any(w[:1].isupper() for w in words[1:]) and not words[0].isupper()
