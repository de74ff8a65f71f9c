"""Reading re3d-style CoNLL files."""

from __future__ import annotations

import pytest

from claimgraph_eval.conll import read_conll


def test_read_conll_reads_sentences_and_names_a_bad_line(fixtures_dir):
    sentences = read_conll(fixtures_dir / "entities" / "tiny.conll")
    assert len(sentences) == 2
    assert sentences[1] == (["The", "Pentagon", "said"], ["B-Organisation", "I-Organisation", "O"])
    with pytest.raises(ValueError, match=r"malformed\.conll:3: expected 'token<TAB>label'"):
        read_conll(fixtures_dir / "entities" / "malformed.conll")
