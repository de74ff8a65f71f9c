"""The word lists of the status rules beyond the cue's class (``data/claims/<language>/status.yaml``):
reported denials, disputes without a dispute cue, unreal modals and further conditionals. A language
without the file gets empty rules: its statuses come from the cues alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from ..yamlfiles import load_yaml
from .lexicon import PhraseSet


@dataclass(frozen=True)
class StatusRules:
    negation_window: int
    modals: frozenset[str]
    involvement: PhraseSet
    accusations: frozenset[str]
    clause_negators: frozenset[str]
    purpose_openers: frozenset[str]  # "so as not to": a negation of a purpose, no denial
    relative_pronouns: frozenset[str]  # a negation after one restricts a noun ("depots that were not ...")
    subject_pronouns: frozenset[str]  # ... as after a noun and a subject pronoun ("attacks it did not carry out")
    clause_openers: frozenset[str]  # words before "that" or a pronoun that open a clause of the content's own
    falsity: PhraseSet  # less its posture phrases ("lying on the floor"): FalsityWords
    verification: frozenset[str]  # "could not verify": a negation of checking, no denial
    verification_gap: frozenset[str]  # words between that negation and the checking verb ("not been able to")
    silence_verbs: frozenset[str]  # "has not commented": a negation of answering, a party's silence, no denial
    silence_gap: frozenset[str]
    claim_falsity: PhraseSet  # false only when said of a claim: read over the parse, never alone
    epistemic_falsity: frozenset[str]  # of those, the ones that may be said of "that" / "this"
    claim_pronouns: frozenset[str]
    sentence_pronouns: frozenset[str]  # "That is a lie.": the subject of a sentence rejecting the one before
    copulas: tuple[tuple[str, ...], ...]  # "is", "has been": joining that subject to its falsity word
    extraposed: frozenset[str]  # "it is false to say ...": "it" stands for a clause of its own sentence
    weakeners: frozenset[str]  # "far from false", "hardly a lie": the falsity taken back
    rejected_things: frozenset[str]
    refusal_verbs: frozenset[str]  # "reject": of an act or a plan, a refusal or condemnation, no denial
    refused_objects: frozenset[str]  # the acts, plans and demands such a verb refuses
    rejected_pronouns: frozenset[str]
    refutations: frozenset[str]
    dispute_phrases: PhraseSet
    dispute_objects: frozenset[str]
    object_window: int
    unreal_modals: frozenset[str]
    silence: PhraseSet  # "declined to [comment]": with a negation before a report verb, the speaker said nothing
    speech_hedges: frozenset[str]
    conditionals: re.Pattern | None
    conditional_words: frozenset[str]  # one of them is in every sentence the patterns match


_WORD = re.compile(r"[A-Za-z]+")


class FalsityWords(PhraseSet):
    """The falsity words, less a match inside one of the exception phrases ("lying on the floor" says where
    someone lies, not that anyone lies). The exceptions are looked for up to the text's end: the phrase may run
    past the span asked about."""

    def __init__(self, phrases, exceptions, locative: dict | None = None):
        super().__init__(phrases)
        self.exceptions = PhraseSet(exceptions)
        locative = locative or {}
        self.posture = _words(locative.get("verbs"))
        self.place_words = _words(locative.get("place_words"))
        self.window = int(locative.get("window", 0))

    def find(self, text: str, start: int = 0, end: int | None = None) -> tuple[tuple[int, int, str], ...]:
        found = super().find(text, start, end)
        if not found:
            return found
        if self.exceptions.phrases:
            bounds = [(s, e) for s, e, _ in self.exceptions.find(text, start, len(text))]
            found = tuple(f for f in found if not any(s <= f[0] and f[1] <= e for s, e in bounds))
        return tuple(f for f in found if not self._says_where(text, f))

    def _says_where(self, text: str, match: tuple[int, int, str]) -> bool:
        """A posture verb with a distance or a compass word soon after says where something lies ("the camp
        lies about 15 km west of the town", "the village lies north of the river"), not that anyone lies."""
        if match[2].lower() not in self.posture:
            return False
        after = _WORD.findall(text, match[1], min(len(text), match[1] + 80))[: self.window]
        return any(w.lower() in self.place_words for w in after)


def _words(values) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


def load_status_rules(language: str, belief_and_dispute: dict[str, str]) -> StatusRules:
    """``belief_and_dispute``: the cue forms and their classes (cues.yaml's verbs), of which the
    dispute class joins the dispute phrases."""
    path = resources.files("claimgraph") / "data" / "claims" / language / "status.yaml"
    data = load_yaml(path.read_text(encoding="utf-8")) if path.is_file() else {}
    # YAML reads an unquoted false/no/yes as a boolean: every list entry must be a string
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of status rules")
    denial, dispute = data.get("denial") or {}, data.get("dispute") or {}
    try:
        patterns = [re.compile(p, re.IGNORECASE) for p in data.get("conditional_patterns") or ()]
    except re.error as e:
        raise ValueError(f"{path}: bad conditional pattern: {e}") from None
    disputes = [form for form, cls in belief_and_dispute.items() if cls == "dispute"]
    return StatusRules(
        negation_window=int(denial.get("negation_window", 0)),
        modals=_words(denial.get("modals")),
        involvement=PhraseSet(denial.get("involvement") or ()),
        accusations=_words(denial.get("accusations")),
        clause_negators=_words(denial.get("clause_negators")),
        purpose_openers=_words(denial.get("purpose_openers")),
        relative_pronouns=_words(denial.get("relative_pronouns")),
        subject_pronouns=_words(denial.get("subject_pronouns")),
        clause_openers=_words(denial.get("clause_openers")),
        falsity=FalsityWords(
            denial.get("falsity") or (), denial.get("falsity_exceptions") or (), denial.get("falsity_locative")
        ),
        verification=_words(denial.get("verification")),
        verification_gap=_words(denial.get("verification_gap")),
        silence_verbs=_words(denial.get("silence_verbs")),
        silence_gap=_words(denial.get("silence_gap")),
        claim_falsity=PhraseSet(denial.get("claim_falsity") or ()),
        epistemic_falsity=_words(denial.get("epistemic_falsity")),
        claim_pronouns=_words(denial.get("claim_pronouns")),
        sentence_pronouns=_words(denial.get("sentence_pronouns")),
        copulas=tuple(tuple(str(c).lower().split()) for c in denial.get("copulas") or ()),
        extraposed=_words(denial.get("extraposed")),
        weakeners=_words(denial.get("weakeners")),
        rejected_things=_words(denial.get("rejected_things")),
        refusal_verbs=_words(denial.get("refusal_verbs")),
        refused_objects=_words(denial.get("refused_objects")),
        rejected_pronouns=_words(denial.get("rejected_pronouns")),
        refutations=_words(denial.get("refutations")),
        dispute_phrases=PhraseSet([*(dispute.get("phrases") or ()), *(disputes if dispute else ())]),
        dispute_objects=_words(dispute.get("objects")),
        object_window=int(dispute.get("object_window", 0)),
        unreal_modals=_words(data.get("unreal_modals")),
        silence=PhraseSet(data.get("silence") or ()),
        speech_hedges=_words(data.get("speech_hedges")),
        conditional_words=_words(data.get("conditional_words")),
        conditionals=re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE) if patterns else None,
    )
