"""Group figures against whole tolls, and who may supersede whom (link/disputes/figures.py), on the
synthetic pairs of tests/fixtures/disputes/figure_group_pairs.yaml (split recorded in its header)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from claimgraph.link.disputes.figures import compare
from claimgraph.link.disputes.values import INF, Value

PAIRS = yaml.safe_load(
    (Path(__file__).parents[1] / "fixtures" / "disputes" / "figure_group_pairs.yaml").read_text(encoding="utf-8")
)["pairs"]


def _interval(r: dict) -> tuple[float, float]:
    n, q = float(r["n"]), r.get("q", "exact")
    return {"exact": (n, n), "at_least": (n, INF), "at_most": (0.0, n), "range": (n, float(r.get("m", n)))}[q]


def _value(r: dict) -> Value:
    low, high = _interval(r)
    return Value(
        block="c:x",
        label="x",
        measure="killed",
        group=r.get("group"),
        doc_id=r["text"],
        source=r["source"],
        value=r.get("value", r["text"]),
        text=r["text"] if "value" in r else None,
        low=low,
        high=high,
        qualifier=r.get("q", "exact"),
        speaker=r.get("speaker"),
        official=bool(r.get("official")),
        cue="said" if r.get("speaker") else None,  # an outlet's own words carry no cue
        date=r["date"],
        firmness=0.7,
    )


def _split(pair: dict) -> str:
    digest = hashlib.sha1(f"{pair['a']['text']}\n{pair['b']['text']}".encode()).hexdigest()
    return "dev" if int(digest, 16) % 3 == 0 else "train"


def _outcome(pair: dict) -> str:
    summary = compare([_value(pair["a"]), _value(pair["b"])])
    if summary["conflict"]:
        return "conflict"
    return "update" if summary["updates"] else "compatible"


def test_split_is_recorded():
    splits = [_split(p) for p in PAIRS]
    assert len(PAIRS) >= 20 and len({p["id"] for p in PAIRS}) == len(PAIRS)
    assert (splits.count("train"), splits.count("dev")) == (19, 6)


@pytest.mark.parametrize("pair", PAIRS, ids=[p["id"] for p in PAIRS])
def test_pair(pair):
    assert _outcome(pair) == pair["expect"]


def test_a_group_figure_is_a_lower_bound_of_another_sources_whole_toll():
    total = {"text": "Seven people were killed.", "source": "A", "speaker": "residents", "date": "2025-03-19", "n": 7}
    group = {"source": "B", "speaker": "police", "date": "2025-03-19", "group": "civilians"}
    assert _outcome({"a": total, "b": {**group, "text": "Five civilians were killed.", "n": 5}}) == "compatible"
    assert _outcome({"a": {**total, "n": 4}, "b": {**group, "text": "Five civilians died.", "n": 5}}) == "conflict"


def test_an_authority_never_supersedes_another_authoritys_figure():
    ministry = _value(
        {
            "text": "14 injured",
            "source": "A",
            "speaker": "the ministry",
            "official": True,
            "date": "2025-03-07",
            "n": 14,
        }
    )
    mission = _value(
        {
            "text": "26 injured",
            "source": "B",
            "speaker": "the UN mission",
            "official": True,
            "date": "2025-03-09",
            "n": 26,
        }
    )
    summary = compare([ministry, mission])
    assert summary["conflict"] and summary["updates"] == 0
    assert (ministry.role, mission.role) == ("value", "value")
