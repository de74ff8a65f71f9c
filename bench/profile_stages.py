"""CPU per document of each pipeline stage, best of several passes, and where one stage spends it.

    .venv/bin/python bench/profile_stages.py --corpus DIR [--docs 200] [--passes 3] [--mode fast]
    .venv/bin/python bench/profile_stages.py --corpus DIR --mode fast --profile entities [--top 30]

DIR: a benchmark corpus of JSONL shards (`bench/throughput.py --distinct --corpus DIR` builds one).
Each pass runs every component over each document in turn, as the pipeline does (the first document
once before, so one-off loads are not counted), and then what a worker does after them: the store's rows
(`runner.rows_for_store`) and pickling them for the parent. Times are CPU time of this process
(`time.process_time`): on a shared machine the best of a few passes says most about the code, and
the load average is printed with them.

``--calls`` adds the CPU time and the number of calls per document of the shared heavy calls (the
MiniLM token states, the spaCy parse of a document's sentences), timed directly: the sampler below
reads the main thread's stack when it holds the GIL, so calls that release it (onnxruntime, spaCy's
parser) get more than their share of the samples on a loaded machine.

``--profile STAGE`` samples the Python stack of that stage every millisecond or so (a thread reading
``sys._current_frames``; no tracing, so small functions are not inflated the way cProfile inflates
them) and prints the functions with the largest shares of the samples: where the stage spends its
time by itself ("self") and below it ("total"). "rows" profiles the store rows.
"""

from __future__ import annotations

import argparse
import collections
import os
import pickle
import sys
import threading
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.ingest import read_paths  # noqa: E402
from claimgraph.pipeline import Pipeline  # noqa: E402
from claimgraph.runner import rows_for_store  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402

SAMPLE_SECONDS = 0.001


class StackSampler:
    """Counts the functions on the main thread's stack while ``active``."""

    def __init__(self):
        self.own: collections.Counter = collections.Counter()
        self.total: collections.Counter = collections.Counter()
        self.samples = 0
        self.active = False
        self._main = threading.main_thread().ident
        threading.Thread(target=self._run, name="stack-sampler", daemon=True).start()

    @staticmethod
    def _name(frame) -> str:
        path = frame.f_code.co_filename
        for marker in ("/src/", "site-packages/", "/lib/python"):
            if marker in path:
                path = path.split(marker, 1)[1]
                break
        return f"{path}:{frame.f_code.co_name}"

    def _run(self) -> None:
        while True:
            time.sleep(SAMPLE_SECONDS)
            frame = sys._current_frames().get(self._main) if self.active else None
            if frame is None:
                continue
            self.samples += 1
            self.own[self._name(frame)] += 1
            seen = set()
            while frame is not None:
                name = self._name(frame)
                if name not in seen:
                    seen.add(name)
                    self.total[name] += 1
                frame = frame.f_back

    def report(self, top: int) -> None:
        n = max(self.samples, 1)
        print(f"{self.samples} samples")
        for title, counter in (("self", self.own), ("total", self.total)):
            print(f"--- {title}")
            for name, count in counter.most_common(top):
                print(f"{100 * count / n:5.1f}%  {name}")


def timed_calls() -> dict[str, list[float]]:
    """Wrap the shared heavy calls so that each adds its CPU time and one call to its entry (seconds, calls);
    ``main`` wraps them after the warm-up document."""
    from claimgraph.events import parse
    from claimgraph.link import embeddings

    found: dict[str, list[float]] = {}
    for owner, attribute, name in (
        (embeddings.MiniLMEncoder, "piece_states", "MiniLM token states (piece_states)"),
        (parse._DocumentParses, "get", "spaCy parse of a stage's sentences"),
    ):
        entry = found.setdefault(name, [0.0, 0])
        call = getattr(owner, attribute)

        def timed(*a, _call=call, _entry=entry, **k):
            t = time.process_time()
            try:
                return _call(*a, **k)
            finally:
                _entry[0] += time.process_time() - t
                _entry[1] += 1

        setattr(owner, attribute, timed)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--mode", choices=("fast", "accurate"), default="fast")
    parser.add_argument("--profile", metavar="STAGE", help="sample this stage's Python stack (or 'rows')")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--calls", action="store_true", help="time the encoder's and the parser's calls directly")
    args = parser.parse_args(argv)

    started = time.process_time()
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": args.mode}))
    inputs = list(islice(read_paths([str(args.corpus)]), args.docs))
    if not inputs:
        print(f"{args.corpus}: no documents", file=sys.stderr)
        return 2
    pipe(inputs[0])
    names = [*pipe.names, "rows", "pickle"]
    if args.profile and args.profile not in names[:-1]:
        print(f"--profile: one of {', '.join(names[:-1])}", file=sys.stderr)
        return 2
    print(f"pipeline built and warmed in {time.process_time() - started:.2f} CPU s; load {os.getloadavg()}")
    sampler = StackSampler() if args.profile else None
    calls = timed_calls() if args.calls else None
    seconds: dict[str, list[float]] = {name: [] for name in names}
    steps = [*pipe.components, (None, rows_for_store)]
    for _ in range(args.passes):
        spent = dict.fromkeys(names, 0.0)
        docs = []
        # document by document, as the pipeline runs (``Pipeline.__call__``): the stages of one document
        # share what it keeps per document (the sentence parses of events.parse), which a stage-by-stage
        # loop would make each stage redo
        for doc in inputs:
            for spec, step in steps:
                name = spec.name if spec is not None else "rows"
                if sampler is not None:
                    sampler.active = name == args.profile
                t = time.process_time()
                doc = step(doc)
                spent[name] += time.process_time() - t
                if sampler is not None:
                    sampler.active = False
            docs.append(doc)
        for name in names[:-1]:
            seconds[name].append(spent[name])
        t = time.process_time()
        pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL)
        seconds["pickle"].append(time.process_time() - t)
    n = len(inputs)
    print(f"{n} documents, {args.passes} passes, {args.mode} mode: CPU ms per document, best / median of the passes")
    for name in names:
        ms = sorted(1000 * s / n for s in seconds[name])
        print(f"  {name:12s} {ms[0]:7.2f} {ms[len(ms) // 2]:7.2f}")
    print(f"  {'all':12s} {sum(1000 * min(seconds[name]) / n for name in names):7.2f}  (sum of the bests)")
    print(f"load {os.getloadavg()}")
    if calls is not None:
        print(f"shared calls, all passes: CPU ms / calls per document (of {args.passes} x {n})")
        for name, (spent, count) in calls.items():
            print(f"  {name:36s} {1000 * spent / (n * args.passes):7.2f} {count / (n * args.passes):7.1f}")
    if sampler is not None:
        print(f"where {args.profile} spends its time:")
        sampler.report(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
