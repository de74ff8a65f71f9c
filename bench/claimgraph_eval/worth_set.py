"""The project-written check-worthiness set (tests/fixtures/claims/checkworthiness_sentences.tsv):
graded lines, their split, and one sentence's score as the claim stage computes it.

The split was fixed before training: sha1 of the sentence (UTF-8) as an integer, ``% 3 == 0`` is dev,
the rest train. Grades 0-3; a line is positive (checkable) at grade >= 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from claimgraph_eval.status_set import split_of

WORTH_SET = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "claims" / "checkworthiness_sentences.tsv"


@dataclass(frozen=True)
class WorthLine:
    sentence: str
    grade: int
    split: str

    @property
    def positive(self) -> bool:
        return self.grade >= 2


def load_worth_set(path: Path = WORTH_SET) -> list[WorthLine]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or fields[0] not in ("0", "1", "2", "3"):
            raise ValueError(f"{path}:{n}: expected 'grade<TAB>sentence' with a grade 0-3")
        out.append(WorthLine(fields[1], int(fields[0]), split_of(fields[1])))
    return out


def attributed(text: str, lex) -> bool:
    """Whether the attribution rules find a cue in the one-sentence text (as the claim stage asks)."""
    from claimgraph.claims.attribution import attributions_by_sentence

    return bool(attributions_by_sentence(text, [(0, len(text))], lex)[0][0])


def quantity_count(text: str) -> int:
    from claimgraph.nlp.quantities import find_quantities

    return len(find_quantities(text, 0, len(text)))


def stage_score(text: str, lex) -> float:
    """The score the claim stage gives the sentence (through the public ``checkworthiness`` and
    ``with_attribution``, which the shipped code of every version has)."""
    from claimgraph.claims.detect import checkworthiness, with_attribution

    own = checkworthiness(text, 0, len(text), lex, quantities=lambda: quantity_count(text))
    return (with_attribution(own) if attributed(text, lex) else own).score


def average_precision(scores: list[float], positive: list[bool]) -> float:
    """Average precision of ranking by score (ties broken against the positives: no credit for ties)."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], positive[i]))
    hits, total, out = 0, sum(positive), 0.0
    for rank, i in enumerate(order, 1):
        if positive[i]:
            hits += 1
            out += hits / rank
    return out / total if total else 0.0
