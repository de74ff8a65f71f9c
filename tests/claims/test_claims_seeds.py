"""The claim stage on the two real seed documents: the expected claims of the hand-written test set
(tests/fixtures/claims/seed_claims.yaml), non-claims, offsets and nesting."""

from __future__ import annotations

import pytest

from claimgraph.model import CLAIM_STATUSES, EVIDENCE_GRADES, Document
from claimgraph.runner import extract
from claimgraph_eval.expectations import check_document, load_expected


@pytest.fixture(scope="module")
def expected(fixtures_dir):
    return load_expected(fixtures_dir / "claims" / "seed_claims.yaml")


@pytest.fixture(scope="module")
def news(seed_news_path) -> Document:
    [doc] = [d for d in extract([str(seed_news_path)]) if isinstance(d, Document)]
    return doc


@pytest.fixture(scope="module")
def thread(seed_thread_path) -> Document:
    [doc] = [d for d in extract([str(seed_thread_path)]) if isinstance(d, Document)]
    return doc


def _linking_available() -> bool:
    try:
        from claimgraph.entities.extract import extract_entities  # noqa: F401
    except ImportError:
        return False
    return True


def test_news_page_expected_claims(news, expected, seed_news_path):
    results = check_document(news, expected[seed_news_path.name])
    assert [r.problem for r in results if not r.ok] == []


def test_thread_expected_claims(thread, expected, seed_thread_path):
    results = check_document(thread, expected[seed_thread_path.name])
    assert [r.problem for r in results if not r.ok] == []


def test_taliban_assertion_is_nested_in_the_outlets_disputing_claim(news):
    inner = next(c for c in news.claims if c.cue == "assertions")
    outer = next(c for c in news.claims if c.id == inner.parent)
    assert outer.speaker_kind == "author" and outer.speaker_text == "AT News"
    assert outer.start <= inner.start and inner.end <= outer.end
    assert "challenged by the persistent attacks" in news.clean_text[outer.content_start : outer.content_end]
    assert inner.disputed_by == "AT News"


def test_speaker_linked_to_the_ontology(thread):
    if not _linking_available():
        pytest.skip("claimgraph.entities.extract is not there yet: speaker linking has no mentions to use")
    kyrgyz = next(c for c in thread.claims if c.cue == "allegations")
    assert kyrgyz.speaker_actor == "marat-imankulov"
    assert thread.clean_text[kyrgyz.speaker_start : kyrgyz.speaker_end].endswith("Marat Imankulov")


def test_exhortation_and_boilerplate_are_not_claims(news, thread):
    def claimed(doc, words):
        return [c for c in doc.claims if words in c.text]

    assert claimed(thread, "It is essential to delve into") == []
    assert claimed(thread, "countries need to reassess their approach") == []
    assert claimed(news, "About admin") == []
    assert claimed(news, "Check Also") == []


def test_every_claim_is_well_formed(news, thread):
    for doc in (news, thread):
        assert doc.claims, doc.source.path
        assert len({c.id for c in doc.claims}) == len(doc.claims)
        for n, c in enumerate(doc.claims, 1):
            assert c.id == f"{doc.id}:c{n}"
            assert c.status in CLAIM_STATUSES and c.evidence in EVIDENCE_GRADES
            assert 0.0 <= c.checkworthiness <= 1.0
            assert c.text == doc.clean_text[c.start : c.end]
            assert c.start <= c.content_start < c.content_end <= c.end
            for s, e in ((c.speaker_start, c.speaker_end), (c.cue_start, c.cue_end)):
                if s is not None:
                    assert c.start <= s < e <= c.end
            if c.cue is not None:
                assert doc.clean_text[c.cue_start : c.cue_end] == c.cue
            for q in c.quantities:
                assert doc.clean_text[q.start : q.end] == q.text


def test_raw_offsets_point_at_the_same_words(news, thread):
    for doc in (news, thread):
        for item in doc.to_dict()["claims"]:
            for key in ("", "content_", "speaker_", "cue_"):
                start, end = item[key + "start"], item[key + "end"]
                if start is None:
                    assert item["raw_" + key + "start"] is None
                    continue
                raw = doc.raw_text[item["raw_" + key + "start"] : item["raw_" + key + "end"]]
                # cleaning may collapse whitespace or re-join a thread post: compare the words
                assert raw.split()[:1] == doc.clean_text[start:end].split()[:1]
                assert raw.split()[-1:] == doc.clean_text[start:end].split()[-1:]
