"""Speed of proposition clustering on 100k claim-like sentences.

    .venv/bin/python bench/speed_propositions.py [--shared PATH] [--claims N] [--mode fast|accurate]
    .venv/bin/python bench/speed_propositions.py --after-run BASE_DIR ADD_DIR --db PATH [--workers N] [--mode M]
    .venv/bin/python bench/speed_propositions.py --store COPY.duckdb [--keep-embeddings] [--save JSON] [--compare JSON]

Claims: the distinct sentences of the FNC-1 article bodies (news sentences about contested
stories, ~25k of 30+ characters) and their headlines; to reach N the rest are word-dropout
variants of them (each drops ~15% of the words at random, seed 1), the way one statement is
repeated in other words by other sources. Times, separately: sentence embeddings, topic terms
and claim vectors, and the clustering itself (``assign_to_centroids`` then ``refine_assignments``
with the shipped thresholds) that ``update_propositions`` runs; the store is not involved.

``--after-run``: the after-run steps of a real ``claimgraph run`` (runner.run with an ACH board
holding the seeds' two hypotheses; --mode as ``run --mode``): ``run`` BASE_DIR into a new store at --db,
then ``run`` ADD_DIR
into it, printing for each run its wall time and the seconds spent in event clustering,
propositions and ACH re-proposal (corpora: bench/throughput.py's builder, e.g. 2,000 + 100 docs).

``--store DB``: ``update_propositions`` from scratch on DB, a COPY of a store made by ``claimgraph
run`` (it is changed): its propositions, members and cached vectors (``sentence_embeddings``: the
claims' and the centroid sums) are emptied first, as before a run's after-run step, unless
--keep-embeddings. Prints CPU seconds (``time.process_time``: every thread of the process, DuckDB's
too), wall seconds and the step's peak RSS (VmHWM, reset just before it). ``--save JSON`` writes the
outcome (each proposition's label and members, each member's side and relation); ``--compare JSON``
counts what differs from a saved outcome (membership as sets of claim ids, sides, relations, labels).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.link.embeddings import Embedder  # noqa: E402
from claimgraph.link.propositions import (
    assign_to_centroids,
    claim_vectors,
    load_config,
    refine_assignments,
    topic_terms,
)
from claimgraph.nlp.sentences import sentence_spans  # noqa: E402
from claimgraph.settings import Settings
from claimgraph_eval.fnc1 import load_fnc1  # noqa: E402

HYPOTHESES = [
    "ISKP is a significant and growing threat in Afghanistan",
    "ISKP is reduced to remnants contained by the Taliban",
]
AFTER_RUN_STEPS = ("cluster_new_events", "update_propositions", "repropose_all")


def claim_texts(shared: Path, n: int, seed: int = 1) -> list[str]:
    pairs, bodies = load_fnc1(shared / "datasets" / "fnc1")
    seen: dict[str, None] = {}
    for body in bodies.values():
        for start, end in sentence_spans(body):
            text = " ".join(body[start:end].split())
            if len(text) >= 30:
                seen.setdefault(text)
    for p in pairs:
        seen.setdefault(" ".join(p.headline.split()))
    base = list(seen)
    rng = random.Random(seed)
    out = base[:n]
    while len(out) < n:
        words = rng.choice(base).split()
        kept = [w for w in words if rng.random() > 0.15] or words
        out.append(" ".join(kept))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="proposition clustering speed")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--mode", choices=("fast", "accurate"), default="fast")
    ap.add_argument("--after-run", nargs=2, type=Path, metavar=("BASE_DIR", "ADD_DIR"))
    ap.add_argument("--db", type=Path, help="new store for --after-run")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--store", type=Path, help="a copy of a store: re-cluster it from scratch, timed")
    ap.add_argument("--keep-embeddings", action="store_true", help="--store: keep the cached claim vectors")
    ap.add_argument("--save", type=Path, help="--store: write the outcome to this JSON file")
    ap.add_argument("--compare", type=Path, help="--store: compare the outcome with this saved one")
    args = ap.parse_args(argv)
    if args.after_run:
        return after_run(args.after_run, args.db, args.workers, args.mode)
    if args.store:
        return store_run(args.store, args.keep_embeddings, args.save, args.compare)
    if not (args.shared / "datasets" / "fnc1" / "train_bodies.csv").is_file():
        print(f"FNC-1 not found under {args.shared}/datasets/fnc1: pass --shared PATH", file=sys.stderr)
        return 1
    config = load_config()
    texts = claim_texts(args.shared, args.claims)
    embedder = Embedder(args.mode)
    embedder.encode(texts[:10])  # load the model before the clock starts

    started = time.perf_counter()
    embeddings = np.vstack([embedder.encode(texts[i : i + 4096]) for i in range(0, len(texts), 4096)])
    t_embed = time.perf_counter() - started

    started = time.perf_counter()
    vectors = claim_vectors(embeddings, [topic_terms(t, (), config) for t in texts], config)
    t_terms = time.perf_counter() - started

    started = time.perf_counter()
    labels, sums, _ = assign_to_centroids(vectors, None, config.assign_threshold, config.block_size)
    t_assign = time.perf_counter() - started
    started = time.perf_counter()
    labels, sums = refine_assignments(vectors, labels, sums, config.assign_threshold, config.block_size)
    t_refine = time.perf_counter() - started

    sizes = np.bincount(labels)
    sizes = sizes[sizes > 0]
    print(f"{len(texts)} claims ({args.mode} embeddings, {vectors.shape[1]} dims per claim vector):")
    print(f"  embeddings       {t_embed:8.1f} s  ({len(texts) / t_embed:,.0f} sentences/s)")
    print(f"  topic terms      {t_terms:8.1f} s")
    print(f"  assign           {t_assign:8.1f} s")
    print(f"  refine           {t_refine:8.1f} s")
    print(
        f"  clustering total {t_assign + t_refine:8.1f} s  (goal < 600 s); all stages "
        f"{t_embed + t_terms + t_assign + t_refine:.1f} s"
    )
    print(
        f"  {len(sizes)} propositions; largest {sizes.max()}, singletons {(sizes == 1).sum()}, "
        f"median size {int(np.median(sizes))}"
    )
    return 0


def after_run(inputs: list[Path], db: Path, workers: int, mode: str) -> int:
    from claimgraph import runner
    from claimgraph.ach import create_board
    from claimgraph.store import Store

    if db is None or db.exists():
        print("--after-run needs --db PATH of a store that does not exist yet", file=sys.stderr)
        return 1
    spent: dict[str, float] = {}

    def timed(name, step):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return step(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    for name in AFTER_RUN_STEPS:
        setattr(runner, name, timed(name, getattr(runner, name)))
    with Store(db) as store:
        create_board(store, "ISKP", HYPOTHESES)
        for path in inputs:
            spent.clear()
            started = time.perf_counter()
            report = runner.run(
                [str(path)], store, Settings.defaults().with_values({"extract.mode": mode}), workers=workers
            )
            wall = time.perf_counter() - started
            after = sum(spent.values())
            counts = store.query(
                "SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM claims) AS claims, "
                "(SELECT count(*) FROM propositions) AS propositions"
            )[0]
            print(
                f"run {path}: {len(report.added)} documents added in {wall:.1f} s; store now {counts['docs']} "
                f"documents, {counts['claims']} claims, {counts['propositions']} propositions"
            )
            print(
                "  "
                + ", ".join(f"{name} {spent.get(name, 0.0):.1f} s" for name in AFTER_RUN_STEPS)
                + f"; after-run steps {after:.1f} s = {100 * after / wall:.0f}% of the run"
            )
    return 0


def _peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def store_run(db: Path, keep_embeddings: bool, save: Path | None, compare: Path | None) -> int:
    from claimgraph.link.propositions import update_propositions
    from claimgraph.store import Store

    if not db.is_file():
        print(f"{db}: no such store", file=sys.stderr)
        return 1
    with Store(db) as store:
        with store.batch() as s:
            con = s._connection()  # emptying link tables: no public writer, and this is a copy
            con.execute("DELETE FROM proposition_claims")
            con.execute("DELETE FROM propositions")
            con.execute(
                "DELETE FROM sentence_embeddings" + (" WHERE mode LIKE 'proposition-sums:%'" if keep_embeddings else "")
            )
        counts = store.query(
            "SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM claims) AS claims"
        )[0]
        rss_before = _peak_rss_mib()
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
        cpu, wall = time.process_time(), time.perf_counter()
        result = update_propositions(store)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        peak = _peak_rss_mib()
        print(
            f"{db}: {counts['docs']} documents, {counts['claims']} claims; update_propositions {cpu:.1f} CPU s "
            f"({1000 * cpu / max(counts['docs'], 1):.2f} ms per document), {wall:.1f} s wall; RSS {rss_before:.0f} MiB "
            f"before, peak {peak:.0f} MiB during the step; {result}"
        )
        outcome = proposition_outcome(store)
    if save:
        save.write_text(json.dumps(outcome))
    if compare:
        print(compare_outcomes(json.loads(compare.read_text()), outcome))
    return 0


def proposition_outcome(store) -> dict:
    """Each proposition's label and members, each member's proposition, side, relation and similarity."""
    props = {
        r["id"]: {"label": r["label_claim_id"], "contested_score": r["contested_score"], "members": []}
        for r in store.query("SELECT id, label_claim_id, contested_score FROM propositions")
    }
    members = {}
    for r in store.query(
        "SELECT proposition_id, claim_id, side, relation, similarity FROM proposition_claims ORDER BY claim_id"
    ):
        props[r["proposition_id"]]["members"].append(r["claim_id"])
        members[r["claim_id"]] = [r["proposition_id"], r["side"], r["relation"], r["similarity"]]
    return {"propositions": props, "members": members}


def compare_outcomes(before: dict, after: dict) -> str:
    """What differs between two outcomes, counted."""
    sets_before = {frozenset(p["members"]) for p in before["propositions"].values()}
    sets_after = {frozenset(p["members"]) for p in after["propositions"].values()}
    mb, ma = before["members"], after["members"]
    common = mb.keys() & ma.keys()
    moved = [c for c in common if mb[c][0] != ma[c][0]]
    same_prop = [c for c in common if mb[c][0] == ma[c][0]]
    sides = [c for c in same_prop if mb[c][1] != ma[c][1]]
    relations = [c for c in same_prop if mb[c][2] != ma[c][2]]
    labels = [
        p
        for p in before["propositions"].keys() & after["propositions"].keys()
        if before["propositions"][p]["label"] != after["propositions"][p]["label"]
    ]
    scores = [
        p
        for p in before["propositions"].keys() & after["propositions"].keys()
        if abs(before["propositions"][p]["contested_score"] - after["propositions"][p]["contested_score"]) > 1e-9
    ]
    sim = max((abs(mb[c][3] - ma[c][3]) for c in same_prop), default=0.0)
    lines = [
        f"propositions {len(before['propositions'])} before, {len(after['propositions'])} after; "
        f"member sets identical: {len(sets_before & sets_after)}, only before: {len(sets_before - sets_after)}, "
        f"only after: {len(sets_after - sets_before)}",
        f"members {len(mb)} before, {len(ma)} after; in only one: {len(mb.keys() ^ ma.keys())}; "
        f"in another proposition: {len(moved)}",
        f"same proposition, other side: {len(sides)}; other relation: {len(relations)}; "
        f"labels differing: {len(labels)}; contested scores differing: {len(scores)}; "
        f"largest similarity difference {sim:.2e}",
    ]
    for c in (moved + sides + relations)[:10]:
        lines.append(f"  {c}: before {mb[c][:3]} after {ma[c][:3]}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
