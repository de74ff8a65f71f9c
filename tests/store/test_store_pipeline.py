"""Seeds through language detection, dedup and the store, then a second run that starts from the store."""

from __future__ import annotations

from claimgraph.dedup import DuplicateIndex
from claimgraph.language import detect_language
from claimgraph.model import Source, new_document
from claimgraph.store import Store


def clean_doc(text: str, path: str):
    return new_document(Source(path, "txt"), text).replace(clean_text=text)


def run(store: Store, index: DuplicateIndex, docs):
    run_id = store.start_run(sorted({d.source.path for d in docs}))
    added = skipped = 0
    results = []
    for doc in docs:
        doc = index.check(detect_language(doc))
        signature = index.signature(doc)
        if doc.duplicate_of is None:
            index.add(doc, signature)
        if store.add_document(doc, signature, run_id=run_id):
            added += 1
        else:
            skipped += 1
        results.append(doc)
    store.finish_run(run_id, added, skipped, 0)
    return results


def test_two_runs_over_the_seeds(tmp_path, seed_news_path, seed_thread_path):
    news = seed_news_path.read_text(encoding="utf-8")
    thread = seed_thread_path.read_text(encoding="utf-8")
    republished = news.replace("KABUL –", "KABUL (Agencies) –") + "\n\nThis article first appeared elsewhere."
    path = tmp_path / "seeds.duckdb"

    first_docs = [
        clean_doc(news, str(seed_news_path)),
        clean_doc(thread, str(seed_thread_path)),
        clean_doc(republished, "mirror/iskp.txt"),
    ]
    with Store(path) as store:
        first = run(store, DuplicateIndex(), first_docs)
        assert [(d.language, d.duplicate_kind) for d in first] == [("en", None), ("en", None), ("en", "near")]
        assert first[2].duplicate_of == first[0].id
        for doc in first:
            assert store.documents.get(doc.id) == doc

    # Second run: a new process would rebuild the index from the store, then see the same inputs
    # again (skipped: same ids) plus a re-formatted copy of the thread (an exact duplicate).
    with Store(path) as store:
        index = DuplicateIndex().load(store.documents.canonical_signatures())
        assert len(index) == 2
        second_docs = first_docs + [clean_doc(thread.upper().replace("\n", "\n\n"), "copies/thread.md")]
        second = run(store, index, second_docs)
        assert second[:3] == first  # identical decisions from the rebuilt index
        assert (second[3].duplicate_of, second[3].duplicate_kind) == (first[1].id, "exact")
        counts = store.documents.counts()
        assert (counts["documents"], counts["canonical"], counts["near_duplicates"], counts["exact_duplicates"]) == (
            4,
            2,
            1,
            1,
        )
        assert counts["runs"] == 2
