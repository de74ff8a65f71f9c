"""Speed of the stance model (fast mode) and of both embedding modes.

    .venv/bin/python bench/speed_stance.py [--shared PATH] [--pairs N] [--no-accurate]

Pairs: FNC-1 dev headline/body pairs (bodies ~20 sentences, each body shared by ~30 headlines
as in the data), and the same number of pairs where every text is distinct (no reuse, the worst
case). Sentences: the FNC-1 dev bodies' sentences. Each timing includes feature extraction; the
models are loaded (and warmed on one batch) before the clock starts.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.link.embeddings import Embedder  # noqa: E402
from claimgraph.link.stance import StanceModel  # noqa: E402
from claimgraph.nlp.sentences import sentence_spans  # noqa: E402
from claimgraph_eval.fnc1 import load_fnc1, split_by_body  # noqa: E402


def rate(n: int, fn) -> float:
    started = time.perf_counter()
    fn()
    return n / max(time.perf_counter() - started, 1e-9)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="stance pairs/s and embedding sentences/s")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--pairs", type=int, default=2000)
    ap.add_argument("--sentences", type=int, default=5000)
    ap.add_argument("--no-accurate", action="store_true", help="skip the accurate embedding mode")
    args = ap.parse_args(argv)
    data = args.shared / "datasets" / "fnc1"
    if not (data / "train_stances.csv").is_file():
        print(f"error: FNC-1 not found under {data}: pass --shared PATH", file=sys.stderr)
        return 2
    pairs, bodies = load_fnc1(data)
    _, dev = split_by_body(pairs)
    shared_bodies = [(p.headline, bodies[p.body_id]) for p in dev[: args.pairs]]
    # distinct texts: each body once, cut at a different sentence count so no two are equal
    texts = list(dict.fromkeys(bodies[p.body_id] for p in dev))
    distinct = []
    for i, p in enumerate(dev[: args.pairs]):
        body = texts[i % len(texts)]
        distinct.append((p.headline, body[: max(200, len(body) - 7 * (i // len(texts)))] + f" ({i})"))
    sentences = []
    for body in texts:
        sentences += [body[s:e] for s, e in sentence_spans(body)]
    sentences = sentences[: args.sentences]

    print(f"cores available: {len(os.sched_getaffinity(0))}; load average {os.getloadavg()[0]:.1f}")
    model = StanceModel.load(mode="fast")
    model.predict(shared_bodies[:50])
    for name, batch in (("FNC-1 dev pairs", shared_bodies), ("every text distinct", distinct)):
        per_s = rate(len(batch), lambda batch=batch: model.predict(batch))
        print(f"stance, fast mode, {name} ({len(batch)}): {per_s:.0f} pairs/s ({1000 / per_s:.2f} ms/pair)")

    fast = Embedder("fast")
    fast.encode(sentences[:100])
    print(
        f"embeddings, fast: {rate(len(sentences), lambda: fast.encode(sentences)):.0f} sentences/s "
        f"({len(sentences)} FNC-1 body sentences)"
    )
    if not args.no_accurate:
        try:
            accurate = Embedder("accurate")
        except Exception as exc:  # noqa: BLE001 - report and go on
            print(f"embeddings, accurate: unavailable ({exc})")
            return 0
        sample = sentences[:1000]
        accurate.encode(sample[:32])
        print(
            f"embeddings, accurate: {rate(len(sample), lambda: accurate.encode(sample)):.0f} sentences/s "
            f"({len(sample)} sentences)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
