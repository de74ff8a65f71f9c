"""A part of a count is a sub-group value, never the event's toll (issue 14.4): "including three police
officers", "four children among them", "19 of the wounded are critical", "18 of the wounded died
overnight", and a force's "25,000 of our fighters" keeps its unit. The sentences of
tests/fixtures/figures/subgroup_tolls.jsonl are synthetic, written for this test before any output was
read, across conflicts (Nigeria, Somalia, Syria, Yemen, Mali, Ukraine, DRC, Myanmar, Pakistan, Niger,
Haiti, Burkina Faso, Colombia, Mozambique); split by sha1 of the text (dev where int(sha1, 16) % 3 == 0).
The train rows must read exactly; the dev score is recorded in docs/quality.md (14 tolls2)."""

import json
from pathlib import Path

import pytest

from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.reader import SentenceReader, main_toll, reported

LEX = FigureLexicon.load()
ROWS = [
    json.loads(line) for line in (Path(__file__).parents[1] / "fixtures" / "figures" / "subgroup_tolls.jsonl").open()
]


def _low(r):
    return None if r is None else int(r.low)


def _read(text):
    readings = SentenceReader(text, LEX, []).read(0, len(text))
    kept = [
        [r.measure, r.group, int(r.low), None if r.high is None else int(r.high)]
        for r in reported(readings)
        if r.measure in ("killed", "injured")
    ]
    return _low(main_toll(readings, "killed")), _low(main_toll(readings, "injured")), sorted(kept, key=str)


def _right(row) -> bool:
    return _read(row["text"]) == (row["killed"], row["injured"], sorted(row["reported"], key=str))


def test_the_split_is_the_recorded_hash_split():
    import hashlib

    for row in ROWS:
        dev = int(hashlib.sha1(row["text"].encode()).hexdigest(), 16) % 3 == 0
        assert row["split"] == ("dev" if dev else "train")
    assert len([r for r in ROWS if "killed" in r]) >= 30


@pytest.mark.parametrize(
    "row", [r for r in ROWS if r["split"] == "train" and "killed" in r], ids=lambda r: r["text"][:40]
)
def test_train_tolls_and_sub_groups(row):
    assert _right(row)


def test_dev_score_as_recorded():
    dev = [r for r in ROWS if r["split"] == "dev" and "killed" in r]
    assert sum(map(_right, dev)) >= 13  # 13/16 (5/16 before): three sub-groups named after "were" are lost


def test_a_partitive_is_never_the_toll():
    # the trap: the toll is given elsewhere; the sentence's count of some of the dead is no total
    assert _read("Two of the dead were children, medics said.") == (None, None, [])
    assert _read("Fourteen people were killed, including three police officers.") == (
        14,
        None,
        [["killed", "police", 3, None], ["killed", None, 14, 14]],
    )


def test_a_force_counted_in_part_keeps_its_unit(run):
    for row in (r for r in ROWS if "strength" in r):
        doc = run(row["text"])
        got = [[int(f.low), f.high] for f in doc.annotations.get("figures", ()) if f.measure == "strength"]
        assert got == ([row["strength"]] if row["strength"] else []), row["text"]
