"""Tolls as reports give them (issue 14.4 / 16.2): a count as the subject of a death verb in a reported
clause, a claimant's "said it killed", a toll phrase's object, a bare number a speaker gives in answer
to a toll named before it. The train split of the project-written (synthetic) sentences in
tests/fixtures/figures/toll_reports.jsonl, and cases written for these tests."""

import json
from pathlib import Path

import pytest

from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.reader import SentenceReader

LEX = FigureLexicon.load()
FIXTURE = Path(__file__).parents[1] / "fixtures" / "figures" / "toll_reports.jsonl"


def tolls(text, s=0, back=None):
    out = []
    for r in SentenceReader(text, LEX, []).read(s, len(text), back):
        if r.measure in ("killed", "injured"):
            out.append([r.measure, None if r.low is None else int(r.low), None if r.high is None else int(r.high)])
            out[-1] += [r.group, r.subset]
    return out


def test_train_split_read_exactly():
    rows = [json.loads(line) for line in FIXTURE.read_text().splitlines() if line.strip()]
    train = [r for r in rows if r["split"] == "train"]
    assert len(rows) >= 80 and len(train) >= 60
    wrong = [r["text"] for r in train if sorted(map(str, tolls(r["text"]))) != sorted(map(str, r["tolls"]))]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regiment said it had lost 9 troopers near Gao.", [["killed", 9, 9, "soldiers", False]]),
        ("Some 25 bandits were neutralised in Katsina, police said.", [["killed", 22, 28, "militants", False]]),
        ("The convoy lost 4 trucks on the road to Menaka.", []),  # a person-only verb counts no holdings
        ("The state lost 5 districts to the rebels.", []),
        ("The city fell to the rebels after 3 weeks.", []),
    ],
)
def test_person_only_verbs(text, expected):
    assert tolls(text) == expected


def test_bare_number_a_speaker_gives_answers_the_toll_before_it():
    first = "Gunmen raided the hamlet of Boni at dawn, killing herders and burning the granary."
    text = first + " Survivors said at least 35."
    assert tolls(text, len(first) + 1, 0) == [["killed", 35, None, "civilians", False]]
    # with no toll before it the number is nothing
    first = "Boni is a hamlet of about 400 people."
    assert tolls(first + " Survivors said at least 35.", len(first) + 1, 0) == []
    # victims counted before belong to their own figure: the speaker's number is a total
    text = "The army said 7 gendarmes were killed; witnesses said 20."
    assert tolls(text)[-1] == ["killed", 20, 20, None, False]
