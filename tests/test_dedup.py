"""Exact and near-duplicate detection on the seeds and on project-owned reports."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimgraph.dedup import DuplicateIndex, content_hash, normalise
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Source, new_document


def clean_doc(text: str, path: str):
    return new_document(Source(path, "txt"), text).replace(clean_text=text)


def ingest(index: DuplicateIndex, doc):
    """What the pipeline does per document: check, then register it when it is canonical."""
    doc = index.check(doc)
    signature = index.signature(doc)
    if doc.duplicate_of is None:
        index.add(doc, signature)
    return doc, signature


def edited(text: str) -> str:
    """One paragraph reworded and a sentence added, as an outlet re-publishing a wire story does."""
    paragraphs = text.split("\n\n")
    paragraphs[1] = paragraphs[1].replace(" the ", " a ", 1).replace(".", ", officials said.", 1)
    paragraphs.insert(3, "The ministry said the figures would be reviewed.")
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="module")
def report(fixtures_dir: Path) -> str:
    return (fixtures_dir / "dedup" / "report.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def unrelated(fixtures_dir: Path) -> str:
    return (fixtures_dir / "dedup" / "unrelated.txt").read_text(encoding="utf-8")


def test_content_hash_ignores_case_whitespace_and_punctuation(report):
    reformatted = "  " + report.upper().replace(" ", "   ").replace("\n\n", "\n").replace(",", "") + "\n"
    assert content_hash(reformatted) == content_hash(report)
    assert content_hash(report.replace("two", "three")) != content_hash(report)
    assert normalise("ISKP’s «attack» — 7,000 fighters!") == "iskps attack 7000 fighters"


def test_content_hash_keeps_combining_marks():
    # Arabic short vowels are marks, not punctuation: removing them would merge different words.
    assert normalise("كَتَبَ") == "كَتَبَ"
    assert content_hash("كَتَبَ") != content_hash("كتب")


def test_exact_duplicate(report):
    index = DuplicateIndex()
    first, _ = ingest(index, clean_doc(report, "a.txt"))
    assert first.duplicate_of is None and first.content_hash == content_hash(report)
    copy = clean_doc("\n" + report.replace(" ", "  ").lower(), "b.txt")
    checked = index.check(copy)
    assert (checked.duplicate_of, checked.duplicate_kind, checked.duplicate_similarity) == (first.id, "exact", 1.0)
    assert checked.content_hash == first.content_hash


def test_near_duplicate(report):
    index = DuplicateIndex()
    first, _ = ingest(index, clean_doc(report, "a.txt"))
    checked = index.check(clean_doc(edited(report), "b.txt"))
    assert checked.duplicate_of == first.id and checked.duplicate_kind == "near"
    assert 0.8 <= checked.duplicate_similarity < 1.0
    assert checked.content_hash != first.content_hash


def test_near_duplicate_of_the_news_seed(seed_news_path):
    text = seed_news_path.read_text(encoding="utf-8")
    index = DuplicateIndex()
    first, _ = ingest(index, clean_doc(text, "seed.txt"))
    checked = index.check(clean_doc(edited(text), "republished.txt"))
    assert (checked.duplicate_of, checked.duplicate_kind) == (first.id, "near")


def test_different_documents_are_not_flagged(report, unrelated):
    index = DuplicateIndex()
    ingest(index, clean_doc(report, "a.txt"))
    checked, _ = ingest(index, clean_doc(unrelated, "b.txt"))
    assert checked.duplicate_of is None and checked.duplicate_kind is None
    assert checked.duplicate_similarity is None
    assert len(index) == 2


def test_the_seeds_are_not_duplicates_of_each_other(seed_news_path, seed_thread_path):
    index = DuplicateIndex()
    news, _ = ingest(index, clean_doc(seed_news_path.read_text(encoding="utf-8"), str(seed_news_path)))
    thread, _ = ingest(index, clean_doc(seed_thread_path.read_text(encoding="utf-8"), str(seed_thread_path)))
    assert news.duplicate_of is None and thread.duplicate_of is None


def test_a_duplicate_of_a_duplicate_points_to_the_canonical(report):
    index = DuplicateIndex()
    canonical, _ = ingest(index, clean_doc(report, "a.txt"))
    near, _ = ingest(index, clean_doc(edited(report), "b.txt"))
    assert near.duplicate_of == canonical.id
    # An exact copy of the near duplicate, and a further edit of it, both point at the canonical.
    copy_of_near, _ = ingest(index, clean_doc(edited(report).upper(), "c.txt"))
    assert (copy_of_near.duplicate_of, copy_of_near.duplicate_kind) == (canonical.id, "near")
    edit_of_near, _ = ingest(index, clean_doc(edited(report) + "\n\nA correction was appended later.", "d.txt"))
    assert edit_of_near.duplicate_of == canonical.id
    assert len(index) == 1


def test_the_canonical_document_checked_again_is_not_its_own_duplicate(report):
    index = DuplicateIndex()
    canonical, _ = ingest(index, clean_doc(report, "a.txt"))
    again = index.check(canonical)
    assert again.duplicate_of is None and again.content_hash == canonical.content_hash


def test_short_documents_match_exactly_only():
    index = DuplicateIndex()
    first, signature = ingest(index, clean_doc("Kabul airport closed.", "a.txt"))
    assert signature is None
    assert index.check(clean_doc("KABUL  airport closed", "b.txt")).duplicate_kind == "exact"
    assert index.check(clean_doc("Kabul airport reopened.", "c.txt")).duplicate_of is None


def test_signature_is_uint64_hash_values(report):
    index = DuplicateIndex(num_perm=64)
    signature = index.signature(clean_doc(report, "a.txt"))
    values = np.frombuffer(signature, dtype="<u8")
    assert len(signature) == 64 * 8 and len(values) == 64
    # the same text gives the same signature in another index: the seed is fixed
    assert DuplicateIndex(num_perm=64).signature(clean_doc(report, "b.txt")) == signature


def test_only_canonical_documents_can_be_added(report):
    index = DuplicateIndex()
    ingest(index, clean_doc(report, "a.txt"))
    duplicate = index.check(clean_doc(report, "b.txt"))
    with pytest.raises(ValueError, match="duplicate"):
        index.add(duplicate, index.signature(duplicate))


def test_rebuilding_from_signatures_gives_identical_decisions(report, unrelated, seed_news_path, seed_thread_path):
    news = seed_news_path.read_text(encoding="utf-8")
    thread = seed_thread_path.read_text(encoding="utf-8")
    first_run = [clean_doc(t, f"first/{i}.txt") for i, t in enumerate([report, news, thread, edited(news)])]
    probes = [
        clean_doc(t, f"probe/{i}.txt")
        for i, t in enumerate(
            [
                report,
                edited(report),
                unrelated,
                news.lower(),
                edited(news),
                thread + "\n\nOne more post.",
                "Short text.",
            ]
        )
    ]

    index = DuplicateIndex()
    stored = []  # what the store keeps for canonical documents: (doc_id, content_hash, signature)
    for doc in first_run:
        doc, signature = ingest(index, doc)
        if doc.duplicate_of is None:
            stored.append((doc.id, doc.content_hash, signature))
    rebuilt = DuplicateIndex()
    assert rebuilt.load(stored) is rebuilt  # fills the index it is called on
    assert len(rebuilt) == len(index) == 3

    decisions = [index.check(p) for p in probes]
    assert [rebuilt.check(p) for p in probes] == decisions
    kinds = [d.duplicate_kind for d in decisions]
    assert kinds == ["exact", "near", None, "exact", "near", "near", None]


def test_loading_signatures_of_another_size_fails_clearly(report):
    signature = DuplicateIndex(num_perm=64).signature(clean_doc(report, "a.txt"))
    with pytest.raises(ClaimgraphError, match="num_perm"):
        DuplicateIndex(num_perm=128).load([("abcd", content_hash(report), signature)])


def test_a_retired_document_is_no_longer_matched(report):
    # an edited input's new version superseded it (claimgraph.versions): neither its new version nor
    # a later copy of its old text is called its duplicate; other canonical documents still match
    index = DuplicateIndex()
    old, _ = ingest(index, clean_doc(report, "desk/report.txt"))
    other_text = (
        "The provincial council called on all parties to allow independent observers into the northern "
        "districts so that the competing accounts of last week's clashes can be checked."
    )
    other, _ = ingest(index, clean_doc(other_text, "desk/other.txt"))
    assert other.duplicate_of is None
    assert (
        ingest(
            DuplicateIndex().load([(old.id, old.content_hash, index.signature(old))]),
            clean_doc(edited(report), "desk/report.txt"),
        )[0].duplicate_of
        == old.id
    )  # near, before retiring
    index.retire(old.id)
    new, _ = ingest(index, clean_doc(edited(report), "desk/report.txt"))
    assert new.duplicate_of is None
    copy, _ = ingest(index, clean_doc(report, "mirror/report.txt"))
    assert copy.duplicate_of == new.id and copy.duplicate_kind == "near"  # the current version, not the old one
    assert ingest(index, clean_doc(other_text, "mirror/other.txt"))[0].duplicate_of == other.id  # exact
