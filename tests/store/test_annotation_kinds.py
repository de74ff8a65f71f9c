"""A plugin's annotation kind: registered from its dataclass, stored with the document in a table
made from the dataclass, read back equal, and carried through the Parquet layout."""

from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb
import pytest

from claimgraph.engines.parquet import annotations_column, document_columns, read_documents, row_converter
from claimgraph.errors import BadInput, Conflict
from claimgraph.model import Quantity, Source, new_document
from claimgraph.store import Store
from claimgraph.store.annotations import register_annotation_kind


@dataclass(frozen=True, slots=True)
class Sentiment:
    start: int
    end: int
    label: str
    score: float | None = None
    cues: tuple[str, ...] = ()
    amounts: tuple[Quantity, ...] = ()
    negated: bool = False


def _document():
    text = "Officials said the strike was a grave mistake. Others welcomed it."
    doc = new_document(Source("note.txt", "txt"), text).replace(clean_text=text)
    return doc.replace(
        annotations={
            "sentiment": (
                Sentiment(0, 46, "negative", 0.75, cues=("grave", "mistake")),
                Sentiment(
                    47, 66, "positive", None, amounts=(Quantity(0, 6, "Others", None, None, None),), negated=True
                ),
            )
        }
    )


def test_a_registered_kind_round_trips_through_the_store(tmp_path):
    register_annotation_kind("sentiment", Sentiment)
    doc = _document()
    with Store(tmp_path / "cg.duckdb") as store:
        assert store.add_document(doc)
        back = store.documents.get(doc.id)
        columns = [
            r[0]
            for r in store._connection()
            .execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'annotation_sentiment' "
                "ORDER BY ordinal_position"
            )
            .fetchall()
        ]
    assert back.annotations == doc.annotations
    assert back == doc.replace(annotations=back.annotations)
    assert columns == ["doc_id", "seq", "start", "end", "label", "score", "cues", "amounts", "negated"]
    # opened again (read-only): the table is found, the items come back
    with Store(tmp_path / "cg.duckdb", read_only=True) as store:
        assert store.documents.get(doc.id).annotations == doc.annotations


def test_a_document_without_plugin_kinds_keeps_its_json_form():
    doc = _document()
    assert doc.to_dict()["annotations"]["sentiment"][0]["cues"] == ("grave", "mistake")
    assert "annotations" not in doc.replace(annotations={}).to_dict()
    assert "annotations" not in doc.replace(annotations={"sentiment": ()}).to_dict()


def _write_parquet(out_dir, docs):
    """The documents table as the Spark job writes it (``to_dict()`` plus the extra columns), by DuckDB."""
    (out_dir / "documents").mkdir(parents=True)
    rows = [
        {
            **doc.to_dict(),
            "minhash": None,
            "annotations": annotations_column(doc.to_dict().get("annotations")),
            "input_index": 0,
            "input_file": "note.txt",
            "position": i,
        }
        for i, doc in enumerate(docs)
    ]
    (out_dir / "rows.json").write_text(json.dumps(rows), encoding="utf-8")
    duckdb.execute(
        f"COPY (SELECT * FROM read_json('{out_dir / 'rows.json'}')) "
        f"TO '{out_dir / 'documents' / 'part-0.parquet'}' (FORMAT parquet)"
    )


def test_a_registered_kind_round_trips_through_the_parquet_layout(tmp_path):
    register_annotation_kind("sentiment", Sentiment)
    doc = _document()
    plain = new_document(Source("other.txt", "txt"), "No opinion here.").replace(clean_text="No opinion here.")
    _write_parquet(tmp_path / "out", [doc, plain])
    back = [d for d, _ in read_documents(tmp_path / "out")]
    assert back[0].annotations == doc.annotations
    assert back[0] == doc and back[1] == plain
    # the Spark row of a document: the kinds as JSON text, null without any
    names = [name for name, _ in document_columns()]
    row = dict(
        zip(
            names,
            row_converter()({**plain.to_dict(), "minhash": None, "input_index": 0, "input_file": "x", "position": 0}),
        )
    )
    assert row["annotations"] is None
    row = dict(
        zip(
            names,
            row_converter()({**doc.to_dict(), "minhash": None, "input_index": 0, "input_file": "x", "position": 0}),
        )
    )
    assert json.loads(row["annotations"])["sentiment"][0]["label"] == "negative"


def test_bad_kinds_are_refused():
    with pytest.raises(Conflict):
        register_annotation_kind("claims", Sentiment)
    with pytest.raises(BadInput):
        register_annotation_kind("Bad-Name", Sentiment)
    with pytest.raises(BadInput):
        register_annotation_kind("sets", dict)

    @dataclass(frozen=True)
    class Other:
        label: str

    register_annotation_kind("sentiment", Sentiment)
    with pytest.raises(Conflict):
        register_annotation_kind("sentiment", Other)
