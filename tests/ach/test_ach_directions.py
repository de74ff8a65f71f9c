"""Direction words (data/ach/directions.yaml): where a sentence stands on the strength axis."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.ach import AchError, read_board_file
from claimgraph.ach.propose import lean, select_evidence


def strength(text: str) -> float:
    return lean(text).scores["strength"]


@pytest.mark.parametrize(
    "text, sign",
    [
        ("ISKP is a significant and growing threat in Afghanistan", 1),
        ("ISKP is reduced to remnants contained by the Taliban", -1),
        # negation turns a pole word round
        ("ISKP has refrained from claiming responsibility for any attacks over the past eight weeks", -1),
        ("there were no bombings in the north this winter", -1),
        ("the Taliban can never defeat ISKP single-handedly", 1),
        # the clause after "yet" outweighs the one before it
        ("Efforts to eliminate ISKP have seen key commanders fall, yet the threat persists.", 1),
        # a doubted report counts against what it reports
        ("commentators abroad treat an unverified claim as proof that ISKP is resurgent", -1),
        # an intensifier goes with the pole word after it
        ("indicating a significant reduction in their engagement in militant activities", -1),
        # a concession clause counts half
        ("ISKP poses a genuine threat, despite the government's denial of their significance", 1),
        ("The report was published on Monday.", 0),
    ],
)
def test_strength_axis(text, sign):
    value = strength(text)
    assert (value > 0) - (value < 0) == sign, lean(text)


def test_select_evidence_takes_turns_and_respects_the_floor():
    similarity = np.array([[0.9, 0.1], [0.8, 0.2], [0.1, 0.7], [0.3, 0.3]])
    assert select_evidence(similarity, 3, 0.5) == [0, 2, 1]
    assert select_evidence(similarity, 10, 0.5) == [0, 2, 1]  # row 3 is below the floor everywhere
    assert select_evidence(np.zeros((0, 2)), 5, 0.5) == []


@pytest.mark.parametrize(
    "content, needle",
    [
        ("name: X\n", "hypotheses must be a list"),
        ("hypotheses: [a, b]\n", "needs a name"),
        ("name: X\nhypotheses: [a, '']\n", "hypotheses must be a list"),
        ("name: X\nhypotheses: [a]\nevidence: 3\n", "evidence must be a list"),
        ("- just\n- a list\n", "mapping"),
        ("name: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_board_files(tmp_path, content, needle):
    path = tmp_path / "board.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AchError) as info:
        read_board_file(path)
    assert needle in str(info.value) and str(path) in str(info.value) and "\n" not in str(info.value)


def test_example_board_file_reads():
    from pathlib import Path

    spec = read_board_file(Path(__file__).resolve().parents[2] / "examples" / "boards" / "iskp.yaml")
    assert spec["name"] == "ISKP threat"
    assert spec["hypotheses"] == [
        "ISKP is a significant and growing threat in Afghanistan",
        "ISKP is reduced to remnants contained by the Taliban",
    ]
