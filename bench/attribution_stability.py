"""Whether the learned attribution's decisions move with the encoder's last bits: PolNeAR dev decoded twice,
once with the shipped int8 MiniLM graph and once with another graph of the same model (the float graph of
scripts/export_minilm.py), and every decision compared.

    .venv/bin/python bench/attribution_stability.py --other DIR [--shared ../shared] [--split dev]

DIR is a model directory laid out as data/models/minilm (meta.json, tokenizer.json, the graph as
model.int8.onnx with the ``token_states`` output): make it from the float graph that
``scripts/export_minilm.py --fp32 FILE`` keeps (``--make-fp32 FILE`` writes DIR from FILE). The int8 graph
and the float one differ far more than two machines running the same int8 graph do (different CPUs' int8
and BLAS kernels move the last bits only), so a decoding that keeps its decisions across the two keeps them
across machines. The int8 decoding is also run with every score moved by --shift (0.01) either way, a
machine's worth of last bits. Printed: the PolNeAR token F1 of each graph, and for each pair of decodings
the scores' spread, the scored words whose tier (sure, weak, not a candidate: ``AttributionModel.cue_tiers``)
differs, the attributions (cue, source and content spans) in one only, and the texts changed.
``--score-only --decimals 9`` decodes as before claims/cue_decision.py (no cue by the parse, no rounding).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.claims.attribution_model import AttributionModel, model_attributions, with_rules  # noqa: E402
from claimgraph.claims.lexicon import load_lexicon  # noqa: E402
from claimgraph.link.embeddings import MINILM_DIR, MiniLMEncoder  # noqa: E402
from claimgraph.nlp.sentences import sentence_spans  # noqa: E402
from claimgraph_eval.polnear import load_split, score  # noqa: E402


def make_fp32(graph: Path, out: Path) -> None:
    """A model directory like data/models/minilm over the float graph ``graph`` (its token states exposed)."""
    import onnx

    meta = json.loads((MINILM_DIR / "meta.json").read_text(encoding="utf-8"))
    meta["normalizer"] = str((MINILM_DIR / meta["normalizer"]).resolve())
    model = onnx.load(str(graph))
    if meta["token_states"] not in {o.name for o in model.graph.output}:
        model.graph.output.append(
            onnx.helper.make_tensor_value_info(meta["token_states"], onnx.TensorProto.FLOAT, None)
        )
    out.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(out / "model.int8.onnx"))
    (out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (out / "tokenizer.json").write_bytes((MINILM_DIR / "tokenizer.json").read_bytes())


_WHERE: dict[int, tuple[int, int]] = {}  # a parsed sentence's (text, sentence), by its identity


def _where(sdoc) -> tuple[int, int]:
    return _WHERE[id(sdoc)]


def decode(model: AttributionModel, docs, spans, parsed, lex):
    """Per text: the raw cue scores and tiers of every scored word, keyed (text, sentence, word), and the
    attributions found (the model's with the rules', as accurate mode runs them)."""
    scores, tiers, found = {}, {}, []
    for n, (doc, sents, sdocs) in enumerate(zip(docs, spans, parsed)):
        for k, sdoc in sdocs.items():
            raw = model.cue_scores(sdoc, lex)
            _WHERE[id(sdoc)] = (n, k)
            for i, p in raw.items():
                scores[(n, k, i)] = p
            rounded = {i: model.decision.rounded(p) for i, p in raw.items()}  # as ``candidates`` compares them
            for i, tier in model.cue_tiers(sdoc, rounded, lex).items():
                tiers[(n, k, i)] = tier
        atts, absorbed = model_attributions(doc.text, sents, sdocs, model, lex)
        atts, _ = with_rules(doc.text, sents, atts, absorbed, lex)
        found.append([a for per in atts for a in per])
    return scores, tiers, found


def _parsed(args):
    """[(text, sentence spans, every sentence's parse)]: from scripts/train_attribution.py's cache where
    --cache names one, else parsed here."""
    if args.cache is not None:
        sys.path.insert(0, str(REPO / "scripts"))
        from train_attribution import parsed_split

        items = parsed_split(args.shared, args.split, args.cache)
        return items[: args.texts] if args.texts else items
    from claimgraph.events.parse import SentenceParses, load_parser

    docs = load_split(args.shared / "datasets" / "polnear" / args.split)
    docs = docs[: args.texts] if args.texts else docs
    parses = SentenceParses(load_parser())
    out = []
    for d in docs:
        sents = sentence_spans(d.text, "en")
        out.append((d, sents, parses.parse(d.text, sents)))
    return out


def _model(args) -> AttributionModel:
    """The shipped model, its cue decision as the options give it."""
    model = AttributionModel.load()
    if args.score_only:  # no cue by the parse: every decision the scores' (the decoding before cuecal)
        model.decision = replace(model.decision, saying_verbs=frozenset(), according=frozenset())
    if args.decimals is not None:
        model.decision = replace(model.decision, decimals=args.decimals)
    return model


def _compare(name: str, a, b) -> None:
    """Print how two decodings' tiers and attributions differ."""
    (sa, ta, fa), (sb, tb, fb) = a, b
    common = sorted(set(sa) & set(sb))
    diff = np.array([abs(sa[k] - sb[k]) for k in common])
    spread = f"mean {diff.mean():.4f}, p95 {np.quantile(diff, 0.95):.4f}, max {diff.max():.4f}"
    flips = [k for k in common if ta.get(k) != tb.get(k)]
    sure = sum(1 for k in flips if "sure" in (ta.get(k), tb.get(k)))
    changed = sum(1 for x, y in zip(fa, fb) if sorted(map(_key, x)) != sorted(map(_key, y)))
    atts_a = {(n, _key(x)) for n, atts in enumerate(fa) for x in atts}
    atts_b = {(n, _key(x)) for n, atts in enumerate(fb) for x in atts}
    print(f"{name}: |score difference| {spread}")
    print(f"  tier flips {len(flips)} of {len(common)} scored words ({sure} into or out of sure)")
    print(f"  attributions {len(atts_a)} / {len(atts_b)}, in one only {len(atts_a ^ atts_b)}; texts changed {changed}")


def _key(a) -> tuple:
    return (a.cue_start, a.cue_end, a.source_start, a.source_end, a.content_start, a.content_end)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--other", type=Path, required=True, help="the other graph's model directory")
    ap.add_argument("--make-fp32", type=Path, help="write --other first from this float graph")
    ap.add_argument("--cache", type=Path, help="scripts/train_attribution.py's parse cache (default: parse here)")
    ap.add_argument("--shift", type=float, default=0.01, help="the score shift that stands for another machine")
    ap.add_argument("--score-only", action="store_true", help="no cue by the parse (CueDecision.says)")
    ap.add_argument("--decimals", type=int, help="the cue decision's rounding (default: data/claims/en's)")
    ap.add_argument("--texts", type=int, default=0, help="only the first N texts (0: all)")
    args = ap.parse_args(argv)
    if args.make_fp32:
        make_fp32(args.make_fp32, args.other)
    from claimgraph.claims.attribution_encoder import TokenStates

    lex = load_lexicon("en")
    shipped, other = _model(args), _model(args)
    other._encoder = TokenStates(MiniLMEncoder(args.other), args.other)
    docs, spans, parsed = [], [], []
    for d, sents, sdocs in _parsed(args):
        chosen = [k for k, (s, e) in enumerate(sents) if shipped.is_candidate(d.text, s, e)]
        docs.append(d)
        spans.append(sents)
        parsed.append({k: sdocs[k] for k in chosen})
    runs = {}
    for name, model in (("int8", shipped), ("other", other)):
        runs[name] = decode(model, docs, spans, parsed, lex)
        s = {x.name: 100 * x.f1 for x in score(docs, runs[name][2])}
        print(f"{name:>6}: " + ", ".join(f"{k} {v:.2f}" for k, v in s.items()), flush=True)
    raw: dict[tuple[int, int], dict[int, float]] = {}
    for (n, k, i), p in runs["int8"][0].items():
        raw.setdefault((n, k), {})[i] = p
    for shift in (-args.shift, args.shift):
        # the int8 scores moved by a machine's worth of last bits, every word at once
        shipped.cue_scores = lambda sdoc, lex, shift=shift: {i: p + shift for i, p in raw.get(_where(sdoc), {}).items()}
        runs[f"{shift:+}"] = decode(shipped, docs, spans, parsed, lex)
    _compare("int8 and the other graph", runs["int8"], runs["other"])
    for shift in (-args.shift, args.shift):
        _compare(f"int8 and its scores {shift:+}", runs["int8"], runs[f"{shift:+}"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
