"""Two voices inside one report (link/disputes/denials.py): two named speakers of one document can meet inside a
proposition as across it, while one speaker quoted twice cannot. Speakers written for this test (synthetic)."""

from __future__ import annotations

import numpy as np

from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.denials import _voices_matrix

CONFIG = load_config()


def _claim(speaker: str, actor: str | None = None) -> dict:
    return {"speaker_kind": "source", "speaker_text": speaker, "speaker_actor": actor}


def test_two_named_speakers_of_one_report_are_two_voices_and_one_speaker_is_one():
    run_claims = {
        "a": _claim("Colonel Souleymane Dembele"),
        "b": _claim("the rebel spokesman Mohamed Elmaouloud Ramadane"),
        "c": _claim("Dembele"),
    }
    source = {"a": "doc1", "b": "doc1", "c": "doc1", "d": "doc2"}
    ids = ["a", "b", "c", "d"]
    voices = _voices_matrix(["a"], ids, source, run_claims, CONFIG)
    assert voices.tolist() == [[False, True, False, True]]  # itself, another speaker, itself by surname, another report


def test_a_claim_not_of_this_run_is_one_voice_with_its_own_report():
    voices = _voices_matrix(["a"], ["a", "b"], {"a": "doc1", "b": "doc1"}, {"a": _claim("Colonel Dembele")}, CONFIG)
    assert not np.any(voices)
