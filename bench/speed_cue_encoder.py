"""Accurate mode's two shared heavy calls, read apart: who calls the MiniLM token states and on which sentences,
what each onnxruntime session option does to them, and what each spaCy component costs.

    .venv/bin/python bench/speed_cue_encoder.py --corpus DIR [--docs 20] [--rounds 4]

DIR: a benchmark corpus of JSONL shards (`bench/throughput.py --distinct --corpus DIR` builds one). The
pipeline runs the first --docs documents once (accurate mode, as `bench/profile_stages.py` does) and records
the encoder's inputs and the sentences the parse is asked for; then, in this one process:
* counts per document: sentences, those the attribution gate lets through (``AttributionModel.is_candidate``),
  encoder calls and who made them, kept states served, word pieces, words the cue head scores;
* the token-states graph (``cut_session``) under each session option alone, every recorded sentence on every
  session, the sessions' order rotated each round (CPU ms per sentence), and whether its states are the
  shipped session's bit for bit;
* the spaCy pipeline's components over the recorded sentences (CPU ms per document, each round).
Times are process CPU time; on a shared machine only the ratios within one round mean much.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
import traceback
from itertools import islice
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.claims import attribution_model as A  # noqa: E402
from claimgraph.events import parse as P  # noqa: E402
from claimgraph.ingest import read_paths  # noqa: E402
from claimgraph.link import embeddings as E  # noqa: E402
from claimgraph.link.graph_cut import one_sentence  # noqa: E402
from claimgraph.pipeline import Pipeline  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402


def record(corpus: Path, n: int) -> tuple[collections.Counter, list[np.ndarray], list[str]]:
    """Run the pipeline over ``n`` documents; the counts, the encoder's inputs and the parsed sentences."""
    pipe = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": "accurate"}))
    counts, feeds, parsed = collections.Counter(), [], []
    piece_states, call, cue_scores, get = (
        E.MiniLMEncoder.piece_states,
        A.LearnedAttribution.__call__,
        A.AttributionModel.cue_scores,
        P._DocumentParses.get,
    )

    def states(self, words):
        feed, _ = self.word_piece_feed(words)
        counts["encoder calls"] += 1
        counts["  served from kept states"] += feed.tobytes() in self._states
        counts[f"  made by {traceback.extract_stack(limit=5)[0].name}"] += 1
        counts["  word pieces"] += feed.shape[1]
        feeds.append(feed)
        return piece_states(self, words)

    def attributions(self, text, sentences, lex):
        counts["sentences"] += len(sentences)
        counts["  through the attribution gate"] += sum(self.model.is_candidate(text, s, e) for s, e in sentences)
        return call(self, text, sentences, lex)

    def scores(self, sdoc, lex):
        out = cue_scores(self, sdoc, lex)
        counts["  words of the encoded sentences"] += len(sdoc) if out else 0
        counts["  words the cue head scores"] += len(out)
        return out

    def parses(self, parser, text, spans, needs, truecaser=None):
        fresh = parser is not self.parser or text != self.text
        new = [s for s in dict.fromkeys(spans) if fresh or s not in self.docs]
        docs = get(self, parser, text, spans, needs, truecaser)
        parsed.extend(docs[spans.index(s)].text for s in new)
        counts["sentences parsed"] += len(new)
        return docs

    E.MiniLMEncoder.piece_states, A.LearnedAttribution.__call__ = states, attributions
    A.AttributionModel.cue_scores, P._DocumentParses.get = scores, parses
    try:
        for doc in islice(read_paths([str(corpus)]), n):
            pipe(doc)
    finally:
        E.MiniLMEncoder.piece_states, A.LearnedAttribution.__call__ = piece_states, call
        A.AttributionModel.cue_scores, P._DocumentParses.get = cue_scores, get
    return counts, feeds, parsed


def session_options(feeds: list[np.ndarray], rounds: int) -> None:
    import onnxruntime as ort

    meta = json.loads((E.MINILM_DIR / "meta.json").read_text())
    graph = one_sentence((E.MINILM_DIR / "model.int8.onnx").read_bytes(), meta["token_states"], meta["one_sentence"])
    level = ort.GraphOptimizationLevel

    def session(**options):
        o = ort.SessionOptions()
        o.intra_op_num_threads = o.inter_op_num_threads = 1
        o.add_session_config_entry("session.intra_op.allow_spinning", "0")  # as cut_session
        for key, value in options.items():
            if key.startswith("config:"):
                o.add_session_config_entry(key[len("config:") :], value)
            else:
                setattr(o, key, value)
        return ort.InferenceSession(graph, o, providers=["CPUExecutionProvider"])

    sessions = {
        "shipped (cut_session)": session(),
        "shipped again (SEQUENTIAL)": session(execution_mode=ort.ExecutionMode.ORT_SEQUENTIAL),  # the default: noise
        "optimisation DISABLE_ALL": session(graph_optimization_level=level.ORT_DISABLE_ALL),
        "optimisation BASIC": session(graph_optimization_level=level.ORT_ENABLE_BASIC),
        "optimisation EXTENDED": session(graph_optimization_level=level.ORT_ENABLE_EXTENDED),
        "no memory pattern": session(enable_mem_pattern=False),
        "no CPU memory arena": session(enable_cpu_mem_arena=False),
        "no pre-packed weights": session(**{"config:session.disable_prepacking": "1"}),
        "dynamic_block_base 4": session(**{"config:session.dynamic_block_base": "4"}),
    }

    def run(s, feed):
        return s.run(None, {"input_ids": feed, "attention_mask": np.ones_like(feed)})[0]

    shipped = [run(sessions["shipped (cut_session)"], f) for f in feeds]
    spent = dict.fromkeys(sessions, 0.0)
    names = list(sessions)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            started = time.process_time()
            for feed in feeds:
                run(sessions[name], feed)
            spent[name] += time.process_time() - started
    base = spent[names[0]]
    print(f"token-states graph, {len(feeds)} sentences x {rounds} rounds: CPU ms per sentence, ratio, same states")
    for name, s in sessions.items():
        same = all(np.array_equal(run(s, f), want) for f, want in zip(feeds, shipped))
        print(f"  {name:26s} {1000 * spent[name] / (rounds * len(feeds)):6.3f}  {spent[name] / base:5.3f}  {same}")


def components(parsed: list[str], n: int, rounds: int) -> None:
    nlp = P.shared_parser()
    print(f"spaCy over the {len(parsed)} parsed sentences: CPU ms per document, each round")
    for _ in range(rounds):
        started = time.process_time()
        docs = [nlp.make_doc(s) for s in parsed]
        spent = {"make_doc": time.process_time() - started}
        for name in ("tok2vec", "tagger", "parser"):
            started = time.process_time()
            docs = list(nlp.get_pipe(name).pipe(docs))
            spent[name] = time.process_time() - started
        print("  " + "  ".join(f"{k} {1000 * v / n:.1f}" for k, v in spent.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    counts, feeds, parsed = record(args.corpus, args.docs)
    print(f"per document ({args.docs} documents of {args.corpus}):")
    for name, value in counts.items():
        print(f"  {value / args.docs:8.1f}  {name}")
    session_options(feeds, args.rounds)
    components(parsed, args.docs, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
