"""CPU of event clustering per added document as the store grows (issue 16.8: linking must not grow
with the store).

    .venv/bin/python bench/speed_clusters.py [--copies 100] [--measure 5 25 100]

The reports of bench/data/coref_pairs.yaml (synthetic) go through the pipeline once; the store then
receives COPIES copies of them, each copy's document and event dates moved 60 days later than the
copy before (new ids, so each copy is a new day's coverage of new incidents), and after each copy
``cluster_new_events`` clusters that copy's documents as the run's linking step does. Printed: the
CPU ms per added document of that call when the store holds the given numbers of copies. Blocking
(date windows, then family and place/name keys) should keep it flat.
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from claimgraph.events.clusters import cluster_new_events
from claimgraph.events.coref import Coref
from claimgraph.ingest.text import text_document
from claimgraph.model import Document, Metadata, Source, document_id
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings
from claimgraph.store import Store
from claimgraph.store.rows import document_rows
from claimgraph_eval.coref import load_families


def base_documents() -> list[Document]:
    pipe = Pipeline.from_settings(Settings.defaults())
    reports = [r for family in load_families("all") for r in family["reports"]]
    return [
        pipe(text_document(r["text"], Source(f"{r['id']}.txt", "txt"), Metadata(title=r["id"], date=r["date"])))
        for r in reports
    ]


def _shift(value: str | None, days: int) -> str | None:
    if not value:
        return value
    return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat()


def copy_of(doc: Document, k: int) -> Document:
    days = 60 * k
    source = Source(f"copy{k}/{doc.source.path}", doc.source.format)
    new_id = document_id(source, doc.raw_text)
    events = tuple(
        dataclasses.replace(
            e, id=e.id.replace(doc.id, new_id), date_start=_shift(e.date_start, days), date_end=_shift(e.date_end, days)
        )
        for e in doc.events
    )
    claims = tuple(dataclasses.replace(c, id=c.id.replace(doc.id, new_id)) for c in doc.claims)
    meta = dataclasses.replace(doc.meta, date=_shift(doc.meta.date, days))
    return dataclasses.replace(doc, id=new_id, source=source, meta=meta, events=events, claims=claims)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--measure", type=int, nargs="+", default=[5, 25, 100])
    args = parser.parse_args()
    base = base_documents()
    coref = Coref()
    print(f"{len(base)} reports per copy; clustering CPU per added document when the store holds N copies:")
    with tempfile.TemporaryDirectory(prefix="claimgraph-speed-clusters-") as tmp:
        with Store(Path(tmp) / "s.duckdb") as store:
            run_id = store.start_run(["bench/speed_clusters.py"], None)
            for k in range(1, args.copies + 1):
                docs = [copy_of(d, k) for d in base]
                with store.batch():
                    for d in docs:
                        store.add_rows(document_rows(d), None, run_id=run_id, known_new=True, document=d)
                cpu = time.process_time()
                cluster_new_events(store, [d.id for d in docs], coref)
                spent = time.process_time() - cpu
                if k in args.measure:
                    stored = store.query("SELECT count(*) AS n FROM events")[0]["n"]
                    print(f"  {k:4d} copies ({k * len(base):6d} documents, {stored:6d} events): "
                          f"{1000 * spent / len(docs):.2f} ms CPU per document")  # fmt: skip


if __name__ == "__main__":
    main()
