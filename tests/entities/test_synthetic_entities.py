"""The project-written entity sentences (data/synthetic/entities) read as the training script reads them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "train_entities_accurate.py"

pytest.importorskip("pycrfsuite")
pytest.importorskip("scipy")


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("train_entities_accurate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_line_reads_with_its_split(script):
    train, dev = script.read_synthetic(script.SYNTHETIC), script.read_synthetic(script.SYNTHETIC, "DEV")
    assert (len(train), len(dev)) == (56, 13)
    for words, labels, text, starts in train + dev:
        assert len(words) == len(labels) == len(starts)
        assert all(text[s : s + len(w)] == w for w, s in zip(words, starts))
    types = {label[2:] for _, labels, _, _ in train for label in labels if label != "O"}
    assert {"Weapon", "MilitaryPlatform", "Money", "DocumentReference", "Nationality"} <= types


def test_a_mark_with_an_unknown_type_names_the_line(script, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("# header | not a line\nwire | {Vehicle two tanks} moved.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.txt:2: unknown entity type 'Vehicle'"):
        script.read_synthetic(bad)
