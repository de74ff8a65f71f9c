"""Where the learned attribution's cue recall is lost, on a held-out slice of PolNeAR TRAIN (never dev).

    .venv/bin/python scripts/train_attribution_cue_misses.py [--shared ../shared] [--cache /tmp/attr-cache]
        [--fold-model /tmp/attr-cue-fold] [--every-word] [--examples 2]

The held-out slice is every 6th train text from the second (``items[1::6]``, as scripts/attribution_holdout.py
uses it); the model that decodes it is fitted on the other 5/6 by scripts/train_attribution.py's recipe with
the contextual cue head (cached in --fold-model: ~7 minutes at load ~12 the first time; thresholds and the
cue reranker are the shipped model's). It prints the slice's scores, then every gold cue word token the
decoding misses, counted by kind:

- ``whole``: no predicted cue overlaps the gold cue; ``boundary``: one does, this word is outside it
  (``left`` / ``right`` of it);
- why: ``ungated`` (its sentence is not parsed: no gate word, quotation mark or colon), ``unscored``
  (the cue head never scores the word: not a verb, colon or vocabulary word), else the head's score
  (``<0.1``: below the reranker's floor, ``<0.4``, ``>=0.4``: scored as a cue but dropped or split off by
  the decoding or the reranker);
- the word's tag (two letters) and dependency label.

Then, for the gold cues no predicted cue touches although one of their words is scored 0.4 or more, what
lost them (counted in their word tokens): the reranker rejected their candidate, the decoding of a cue unit
gave no attribution, or the unit of sure words is headed by a word that heads no cue (``_headed``: a
preposition, adverb, auxiliary, particle ...), labelled by that word's tag and dependency.

``--every-word`` has the cue head score every word of a parsed sentence (not only verbs, colons and
the vocabulary), the widest candidate set the head can take without retraining: it was trained on
every word.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import train_attribution as T  # noqa: E402

from claimgraph.claims import attribution_model as AM  # noqa: E402
from claimgraph.claims.attribution_features import quote_depth  # noqa: E402
from claimgraph.claims.attribution_rerank import features  # noqa: E402

SLICE = (1, 6)  # items[1::6], the slice scripts/attribution_holdout.py holds out


class _EveryWord:
    """A vocabulary holding every word (``--every-word``)."""

    def __contains__(self, word: str) -> bool:
        return True


def fit_fold(items, states, out: Path, lex) -> None:
    """train_attribution.py's model (contextual cue head) fitted on the texts outside the slice, with the
    shipped thresholds and reranker."""
    keep = [k for k in range(len(items)) if k % SLICE[1] != SLICE[0]]
    T.fit_model([items[k] for k in keep], lex, [states[k] for k in keep], out, T.CONTEXT_DIMS)
    meta = json.loads((out / f"{AM.MODEL_NAME}.json").read_text(encoding="utf-8"))
    shipped = json.loads((AM.model_dir() / f"{AM.MODEL_NAME}.json").read_text(encoding="utf-8"))
    for key in ("cue_threshold", "unlisted_cue_threshold"):
        meta[key] = shipped[key]
    (out / f"{AM.MODEL_NAME}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    shutil.copy(AM.model_dir() / "attribution_rerank.json", out / "attribution_rerank.json")


def _overlaps(a: int, b: int, spans) -> bool:
    return any(s < b and a < e for s, e in spans)


def missed_kinds(model, held, predictions, lex, examples: int) -> tuple[Counter, dict]:
    """(counts by kind, a few examples of each) of the gold cue word tokens no predicted cue covers."""
    kinds: Counter = Counter()
    shown: dict[tuple, list[str]] = {}
    for (doc, spans, sdocs), atts in zip(held, predictions):
        predicted = [(a.cue_start, a.cue_end) for a in atts]
        gold_cues = [s for g in doc.attributions for s in g.cue]
        for (start, end), sdoc in zip(spans, sdocs):
            scores = None
            for t in sdoc:
                a, b = start + t.idx, start + t.idx + len(t.text)
                if not _overlaps(a, b, gold_cues) or _overlaps(a, b, predicted):
                    continue
                if scores is None:
                    gated = model.is_candidate(doc.text, start, end)
                    scores = model.cue_scores(sdoc, lex) if gated else {}
                gold = next(g for g in doc.attributions if _overlaps(a, b, g.cue))
                near = [(p, q) for p, q in predicted if any(x < q and p < y for x, y in gold.cue)]
                if not gated:
                    why = "ungated"
                elif t.i not in scores:
                    why = "unscored"
                else:
                    p = scores[t.i]
                    why = "<0.1" if p < 0.1 else "<0.4" if p < 0.4 else ">=0.4"
                where = "boundary" if near else "whole"
                side = ("left" if b <= near[0][0] else "right") if near else ""
                kind = (where, why, side, t.tag_[:2], t.dep_)
                for k in ((where,), (where, why), kind):
                    kinds[k] += 1
                if len(shown.setdefault(kind, [])) < examples:
                    gold_text = " ".join(doc.text[x:y] for x, y in gold.cue)
                    found = [doc.text[p:q] for p, q in predicted if start <= p < end]
                    shown[kind].append(f"{doc.text[start:end][:110]!r} -- {t.text!r} of {gold_text!r}, found {found}")
    return kinds, shown


def dropped_kinds(model, held, predictions, lex) -> Counter:
    """What lost the gold cues that a word scored 0.4 or more and no predicted cue touches (their tokens)."""
    kinds: Counter = Counter()
    for (doc, spans, sdocs), atts in zip(held, predictions):
        predicted = [(a.cue_start, a.cue_end) for a in atts]
        for (start, end), sdoc in zip(spans, sdocs):
            golds = [g for g in doc.attributions if any(start <= x < end for x, _ in g.cue)]
            if not golds or not model.is_candidate(doc.text, start, end):
                continue
            scores = model.cue_scores(sdoc, lex)
            candidates = model.candidates(sdoc, start, doc.text, lex)
            quotes = quote_depth(sdoc)
            for g in golds:
                if any(_overlaps(p, q, g.cue) for p, q in predicted):
                    continue
                words = [t for t in sdoc if _overlaps(start + t.idx, start + t.idx + len(t.text), g.cue)]
                if max((scores.get(t.i, 0.0) for t in words), default=0.0) < 0.4:
                    continue
                found = [c for c in candidates if _overlaps(c.attribution.cue_start, c.attribution.cue_end, g.cue)]
                if found:
                    p = max(model.reranker.probability(features(c, sdoc, quotes, len(candidates))) for c in found)
                    kind = "candidate rejected by the reranker" if p < model.reranker.threshold else "kept, then lost"
                else:
                    sure = {i for i, p in scores.items() if p >= model.cue_threshold}
                    units = [u for u in AM._units(sdoc, sure) if any(t.i in u for t in words)]
                    if not units:
                        kind = "in no unit of sure words"
                    elif AM._headed(sdoc, units[0]) is not None:
                        kind = "decoded to no attribution"
                    else:
                        top = sdoc[min(units[0], key=lambda i: AM._depth(sdoc[i]))]
                        kind = f"unit headed by {top.tag_[:2]} / {top.dep_}, no cue"
                kinds[kind] += len(words)
    return kinds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/attr-cache"))
    ap.add_argument("--fold-model", type=Path, default=Path("/tmp/attr-cue-fold"))
    ap.add_argument("--every-word", action="store_true", help="the cue head scores every word of a sentence")
    ap.add_argument("--examples", type=int, default=2)
    ap.add_argument("--top", type=int, default=40, help="kinds listed (most frequent first)")
    args = ap.parse_args(argv)
    lex = T.load_lexicon("en")
    items = T.parsed_split(args.shared, "train", args.cache)
    states = T.token_states(items, "train", args.cache)
    if not (args.fold_model / f"{AM.MODEL_NAME}.npz").is_file():
        fit_fold(items, states, args.fold_model, lex)
    held, held_states = items[SLICE[0] :: SLICE[1]], states[SLICE[0] :: SLICE[1]]
    model = AM.AttributionModel.load(args.fold_model)
    T.use_cached_states(model, held, held_states)
    if args.every_word:
        model.vocabulary = _EveryWord()
    predictions = T.predict(model, held, lex)
    print(f"held-out train slice: {len(held)} texts" + (", every word scored" if args.every_word else ""))
    for s in T.score([d for d, _, _ in held], predictions):
        print(f"  {s.name:<22}P {100 * s.precision:5.1f}  R {100 * s.recall:5.1f}  F1 {100 * s.f1:5.2f}")
    kinds, shown = missed_kinds(model, held, predictions, lex, args.examples)
    print("missed gold cue word tokens by kind (where, why, side, tag, dependency):")
    for kind, n in kinds.most_common(args.top):
        print(f"{n:6d}  {' / '.join(k for k in kind if k)}")
        for line in shown.get(kind, []):
            print(f"          {line}")
    print("gold cues with a word scored >= 0.4 that no predicted cue touches, what lost them (word tokens):")
    for kind, n in dropped_kinds(model, held, predictions, lex).most_common():
        print(f"{n:6d}  {kind}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
