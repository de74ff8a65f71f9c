"""Reading PolNeAR brat files and scoring attributions, on a tiny project-owned fixture and, when the
shared datasets are there, on a few real dev files."""

from __future__ import annotations

import pytest

from claimgraph.claims.attribution import find_attributions
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.nlp.sentences import sentence_spans
from claimgraph_eval.polnear import load_split, read_ann, score


def _predict(doc):
    return [a for s, e in sentence_spans(doc.text, "en") for a in find_attributions(doc.text, s, e, load_lexicon())]


def test_fixture_split_uses_the_first_annotator_and_scores_exactly(fixtures_dir):
    [doc] = load_split(fixtures_dir / "eval" / "polnear")
    assert doc.name == "town_news_0001"
    [gold] = doc.attributions  # from the _aaaa file; the _bbbb file has no complete attribution
    assert doc.text[slice(*gold.source[0])] == "The mayor"
    scores = {s.name: s for s in score([doc], [_predict(doc)])}
    for name in ("source", "cue", "content", "attribution exact", "attribution partial"):
        assert scores[name].f1 == 1.0, name


def test_bad_offsets_name_the_line():
    with pytest.raises(ValueError, match="line 1"):
        read_ann("T1\tSource ten 20\tx\n")


def test_real_dev_files_parse(shared_dir):
    docs = load_split(shared_dir / "datasets" / "polnear" / "dev")[:3]
    assert docs and all(d.attributions for d in docs)
    for d in docs:
        for g in d.attributions:
            assert all(0 <= s < e <= len(d.text) for s, e in g.cue)
