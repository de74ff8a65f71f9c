"""Statement edges of the actor network: who accuses, denies, threatens, calls on, meets whom, on the project's
synthetic statement set (bench/data/statement_edges.yaml).

    PYTHONPATH=src:bench .venv/bin/python bench/quality_statement_edges.py [--mode fast|accurate]
        [--split train|dev|all] [--errors]

Each item is one document (page date 2025-03-10) run through the pipeline and stored in a fresh store under a
temporary folder; the network (``link.network.network``, what ``claimgraph network`` and the workbench draw)
is read from that store, and an edge belongs to an item when one of its evidence sentences is that item's
document. Only edges of the statement kinds are judged (accuses, alleges, denies, threatens, calls-on, meets,
cooperates): attacks and ontology ties are no statement.

Per gold edge [source, kind, target], the item's predicted edge that matches it best (most of source, target,
kind right; meets and cooperates read in either direction) gives three rows: source right, target right, kind
(type) right; "edge" is all three. Where the item has no predicted edge, all three are wrong. "false edges":
predicted edges that match no gold edge exactly (over all items; items with no gold edge count too), and
precision = exact predicted / predicted. The split is the file's (sha1 of the text, odd = dev).
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
from pathlib import Path

import yaml

from claimgraph.link.network import network
from claimgraph.model import Metadata, Source, new_document
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings
from claimgraph.store import Store

REPO = Path(__file__).resolve().parents[1]
ITEMS = REPO / "bench" / "data" / "statement_edges.yaml"
STATEMENT_KINDS = ("accuses", "alleges", "denies", "threatens", "calls-on", "meets", "cooperates")
SYMMETRIC = ("meets", "cooperates")


def is_dev(text: str) -> bool:
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16) % 2 == 1


def read_items(path: Path = ITEMS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["items"]


def _score(gold: tuple[str, str, str], got: tuple[str, str, str]) -> tuple[bool, bool, bool]:
    """(source, target, kind) right; a symmetric kind reads the pair in either direction."""
    s, k, t = gold
    gs, gk, gt = got
    if k in SYMMETRIC and gk == k and (gs, gt) == (t, s):
        return True, True, True
    return gs == s, gt == t, gk == k


def predicted_edges(items: list[dict], mode: str) -> list[set[tuple[str, str, str]]]:
    """The statement edges the network draws from each item's document, in item order."""
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": mode}))
    with tempfile.TemporaryDirectory(prefix="netrel-edges-") as folder, Store(Path(folder) / "s.duckdb") as store:
        doc_item = {}
        for n, item in enumerate(items):
            doc = pipe(new_document(Source(f"statement/{n}.txt", "txt"), item["text"], Metadata(date="2025-03-10")))
            store.add_document(doc)
            doc_item[doc.id] = n
        graph = network(store)
    out: list[set[tuple[str, str, str]]] = [set() for _ in items]
    for e in graph["edges"]:
        if e["kind"] not in STATEMENT_KINDS:
            continue
        for ev in e["evidence"]:
            if ev["doc_id"] in doc_item:
                out[doc_item[ev["doc_id"]]].add((e["source"], e["kind"], e["target"]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mode", default="accurate", choices=("fast", "accurate"))
    ap.add_argument("--split", default="train", choices=("train", "dev", "all"))
    ap.add_argument("--errors", action="store_true", help="print the items with a wrong or missing edge")
    ap.add_argument("--items", default=str(ITEMS))
    args = ap.parse_args(argv)
    items = [
        i for i in read_items(Path(args.items)) if args.split == "all" or is_dev(i["text"]) == (args.split == "dev")
    ]
    got = predicted_edges(items, args.mode)
    rows = {"source": 0, "target": 0, "kind": 0, "edge": 0}
    n_gold = n_pred = n_exact = 0
    for item, pred in zip(items, got):
        gold = [tuple(e) for e in item["edges"]]
        n_gold += len(gold)
        n_pred += len(pred)
        matched = set()
        wrong = False
        for g in gold:
            best = max((_score(g, p) for p in pred), key=sum, default=(False, False, False))
            for key, right in zip(("source", "target", "kind"), best):
                rows[key] += right
            rows["edge"] += all(best)
            wrong |= not all(best)
            matched |= {p for p in pred if all(_score(g, p))}
        n_exact += len(matched)
        wrong |= len(matched) < len(pred)
        if args.errors and wrong:
            print(f"{item['text']}\n    gold {gold}\n    got  {sorted(pred)}")
    print(f"statement edges, {args.mode} mode, {args.split}: {len(items)} items, {n_gold} gold edges")
    for key, right in rows.items():
        print(f"  {key:<8} {right / max(n_gold, 1):.3f}  ({right}/{n_gold})")
    precision = n_exact / max(n_pred, 1)
    print(f"  predicted {n_pred}, exact {n_exact}, false edges {n_pred - n_exact}, precision {precision:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
