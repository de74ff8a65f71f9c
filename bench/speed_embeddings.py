"""Speed of the sentence embeddings: fast (static table) and accurate (int8 ONNX all-MiniLM-L6-v2) per thread count.

    .venv/bin/python bench/speed_embeddings.py [--shared PATH] [--sentences N] [--threads 1 2]

Sentences: the first N distinct sentences (>= 30 characters) of the FNC-1 train bodies, news sentences of the
kind claims are made of (bench/speed_propositions.py's claim_texts), each encoded once (no cache). Prints
sentences per wall-clock second and per CPU-second (``time.process_time``: all the process's threads), the
mean word pieces per sentence, and the load average, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from speed_propositions import claim_texts  # noqa: E402

from claimgraph.link.embeddings import Embedder, MiniLMEncoder  # noqa: E402


def timed(encode, texts: list[str]) -> tuple[float, float]:
    encode(texts[:20])  # first call: onnxruntime's lazy initialisation, caches
    wall, cpu = time.perf_counter(), time.process_time()
    encode(texts)
    return len(texts) / (time.perf_counter() - wall), len(texts) / (time.process_time() - cpu)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="sentence embedding speed")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--sentences", type=int, default=1000)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="onnxruntime threads (accurate)")
    args = ap.parse_args(argv)
    if not (args.shared / "datasets" / "fnc1" / "train_bodies.csv").is_file():
        print(f"FNC-1 not found under {args.shared}/datasets/fnc1: pass --shared PATH", file=sys.stderr)
        return 2
    texts = claim_texts(args.shared, args.sentences)
    print(f"{len(texts)} FNC-1 body sentences, load average {os.getloadavg()[0]:.1f} at the start")
    wall, cpu = timed(Embedder("fast").encode, texts)
    print(f"fast (static table):            {wall:7.0f} sentences/s wall, {cpu:7.0f} per CPU-s")
    for threads in args.threads:
        encoder = MiniLMEncoder(threads=threads)
        if threads == args.threads[0]:
            pieces = sum(len(encoder.ids(t)) for t in texts) / len(texts)
            print(f"accurate: {pieces:.1f} word pieces per sentence (CLS and SEP included)")
        wall, cpu = timed(encoder.encode, texts)
        print(f"accurate (int8 ONNX), {threads} thread(s): {wall:7.0f} sentences/s wall, {cpu:7.0f} per CPU-s")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
