"""Reading figures back across documents (store.figures.FigureRepository), as the disputes stage does."""

from claimgraph.model import FIGURES_KIND, Metadata, Source, new_document
from claimgraph.store import Store
from claimgraph.store.figures import FigureRepository


def test_figures_by_document_event_and_subject(tmp_path, fast_pipeline):
    pipe = fast_pipeline
    wire = pipe(
        new_document(
            Source("wire.txt", "txt"),
            "A car bomb killed at least 14 people in Mogadishu on Sunday, police said.",
            Metadata(date="2022-10-31"),
        )
    )
    report = pipe(
        new_document(
            Source("report.txt", "txt"),
            "Analysts estimate that al-Shabaab has between 7,000 and 12,000 fighters.",
            Metadata(date="2022-11-02"),
        )
    )
    with Store(tmp_path / "cg.duckdb") as store:
        repo = FigureRepository(store)
        assert repo.of_documents([wire.id]) == []  # no figure stored yet: no table, nothing listed
        store.add_document(wire)
        store.add_document(report)
        assert repo.of_documents([wire.id]) == list(wire.annotations[FIGURES_KIND])
        [toll] = repo.of_events([wire.events[0].id])
        assert (toll.low, toll.high, toll.speaker_text, toll.date) == (14, None, "police", "2022-10-30")
        [strength] = repo.about(["al-shabaab"], measure="strength")
        assert (strength.low, strength.high, strength.event_id) == (7000, 12000, None)
        assert repo.about(["al-shabaab"], measure="camps") == []


def test_figures_in_context_carry_what_disputes_compare(tmp_path, fast_pipeline):
    pipe = fast_pipeline
    wire = pipe(
        new_document(
            Source("wire.txt", "txt"),
            "A car bomb killed at least 14 people in Mogadishu on Sunday, police said.",
            Metadata(date="2022-10-31"),
        )
    )
    with Store(tmp_path / "cg.duckdb") as store:
        assert store.figures.in_context([wire.id]) == []  # no table yet
        store.add_document(wire)
        [row] = store.figures.in_context([wire.id])
        [figure] = wire.annotations[FIGURES_KIND]
        assert (row["doc_id"], row["low"], row["event_id"]) == (wire.id, figure.low, figure.event_id)
        assert row["sentence"] == wire.clean_text[figure.sentence_start : figure.sentence_end]
        assert row["doc_date"] == "2022-10-31" and row["event_type"] == wire.events[0].event_type
        assert store.figures.in_context(["no-such-document"]) == []


def test_each_figure_carries_its_own_documents_actors(tmp_path, fast_pipeline):
    pipe = fast_pipeline
    texts = (
        "Al-Shabaab fighters killed 12 soldiers near Baidoa on Monday, the Somali army said.",
        "The Taliban said a drone strike killed 9 civilians in Khost province on Tuesday.",
    )
    docs = [pipe(new_document(Source(f"d{i}.txt", "txt"), t, Metadata(date="2023-05-02"))) for i, t in enumerate(texts)]
    with Store(tmp_path / "cg.duckdb") as store:
        for doc in docs:
            store.add_document(doc)
        rows = store.figures.in_context([d.id for d in docs])
        named = {
            d.id: sorted(
                {r["actor_id"] for r in store.query("SELECT actor_id FROM entities WHERE doc_id = ?", [d.id])} - {None}
            )
            for d in docs
        }
        assert {r["doc_id"] for r in rows} == set(named) and all(named.values())
        assert named[docs[0].id] != named[docs[1].id]
        for r in rows:  # sorted, and of the figure's own document only
            assert r["doc_actors"] == named[r["doc_id"]]
