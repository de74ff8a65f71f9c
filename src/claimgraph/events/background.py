"""Background sentences are no incidents (issue 14, both modes): a question ("Is X concerned about the fighting?"),
and a kind of act named as its clause's subject with no determiner that points at one known act ("Attacks on
schools", "Such attacks", "Fresh airstrikes") whose predicate states a norm or an evaluation ("are grave
violations", "must stop"), a trend ("has intensified", "continues to"), or a possibility ("may follow", "will
resume"). The sentence's mood and the subject's determiner and predicate decide, not its topic: "Airstrikes killed
12 civilians in Idlib on Monday" has the same subject and is an incident. The words: ``data/events/background.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from claimgraph.yamlfiles import load_yaml


@dataclass(frozen=True, slots=True)
class Background:
    subject: re.Pattern  # from a clause's start to the trigger: modifiers only, ending right before it
    predicates: tuple[tuple[str, re.Pattern], ...]  # (modality, the subject's post-modifier then the predicate)
    question: re.Pattern  # the end of an interrogative sentence
    habitual: re.Pattern  # a time adverbial of recurrence
    question_opener: re.Pattern  # an interrogative sentence's first word: the whole sentence asks
    question_clause: re.Pattern  # where a clause starts: otherwise only the last one asks

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> Background:
        path = resources.files("claimgraph") / "data" / "events" / "background.yaml"
        data = load_yaml(path.read_text(encoding="utf-8"))
        try:
            post = data["post_modifier"]
            predicates = tuple(
                (kind, re.compile(rf"{post}(?:{p})", re.IGNORECASE))
                for kind, patterns in data["predicates"].items()
                for p in patterns
            )
            # a trigger may start inside a hyphenated word ("A full-scale assault"): its first part is a modifier
            subject = re.compile(rf"{data['clause_start']}{data['subject_words']}(?:[\w'’]+-)?$", re.IGNORECASE)
            return cls(
                subject,
                predicates,
                re.compile(data["question"]),
                re.compile(data["habitual"], re.IGNORECASE),
                re.compile(data["question_opener"], re.IGNORECASE),
                re.compile(data["question_clause"]),
            )
        except (KeyError, re.error) as err:
            raise ValueError(f"{path}: {err}") from err

    def modality(self, text: str, s_start: int, s_end: int, t_start: int, t_end: int) -> str | None:
        """ "hypothetical" for a trigger in a question or a kind of act whose predicate is only possible or
        future, "generic" for one whose predicate is a norm, an evaluation or a trend; None otherwise."""
        if self._asks(text, s_start, s_end, t_start):
            return "hypothetical"
        if _ends_in_verb(text[t_start:t_end]):
            return None  # a verb trigger ("gunmen attacked") is no subject
        if not self.subject.search(text[s_start:t_start]):
            return None
        for kind, predicate in self.predicates:
            if predicate.match(text, t_end, s_end):
                return kind
        return "generic" if self.habitual.search(text, t_end, s_end) else None

    def _asks(self, text: str, s_start: int, s_end: int, t_start: int) -> bool:
        """Whether the trigger at ``t_start`` stands in what a question asks: the whole sentence where an
        interrogative word opens it, else its last clause."""
        sentence = text[s_start:s_end].rstrip()
        if not self.question.search(sentence):
            return False
        if self.question_opener.match(sentence):
            return True
        clauses = [m.end() for m in self.question_clause.finditer(sentence)]
        return not clauses or t_start - s_start >= clauses[-1]


def _ends_in_verb(trigger: str) -> bool:
    """A trigger ending in a past verb form ("jets had struck", "killed"): not a noun heading a subject."""
    last = trigger.split()[-1].lower() if trigger.split() else ""
    return last.endswith("ed") and not last.endswith(("eed",))
