"""Train the learned event model shipped as src/claimgraph/data/models/events_model.npz (+ .json).

Data: the project-written synthetic corpus data/synthetic/events/<TYPE>.txt, TRAIN lines only (the
split rule is scripts/events_corpus.py's, fixed before any model saw the data); dev figures are
printed from its DEV lines. Its subfolders typing/ (issue 14.1's distinctions: nominal attacks, places that host
people, statements) and typing_violence/ (who fights whom and with what: clashes, one-sided attacks, force against
protesters, remote violence), same format and split, add their TRAIN lines, and their DEV lines are scored apart
so the main corpus's DEV figure stays comparable across sessions. Plus weak trigger labels from SATP *train*
(../shared/datasets/satp_relevant/train.tsv): each trigger-lexicon match of a type SATP's labels cover
is a trigger of that type where the text carries the matching label, and no event where it does not
(other words of those texts are not taught as events: an event the lexicon misses would be taught as
none); then the words of those texts that the first trigger head reads as an event of a SATP group the
text's labels lack are taught as none, and the trigger head is fitted again (``hard_negatives``).
Nothing from SATP dev, MUC-4 or UCDP is read here.

    .venv/bin/python scripts/train_events.py            # train, print dev figures, write the model
    .venv/bin/python scripts/train_events.py --dry-run  # train and print, write nothing

Two multinomial logistic regressions over claimgraph.events.features (the same code the run time
uses): a sentence head (its event type or NONE) and a trigger head over verbs and common nouns (event
type or NONE), combined as EventModel.read combines them. The role head is scripts/train_event_roles.py's
(data/models/events_roles.*), trained on its own. Needs
scikit-learn and spaCy with the pinned weights (the `train` and `accurate` extras); runs on CPU in
about a minute.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))  # claimgraph_eval

from events_corpus import CORPUS, NONE, Example, read_corpus  # noqa: E402  (scripts/ is sys.path[0])

from claimgraph.events.detect import find_triggers  # noqa: E402
from claimgraph.events.features import (  # noqa: E402
    HASH_DIM,
    WordVectors,
    bucket,
    in_vocabulary,
    is_trigger_candidate,
    sentence_features,
    trigger_dense,
    trigger_features,
    vocabulary_stems,
)
from claimgraph.events.learned import MODEL_NAME, combined, is_event, model_dir  # noqa: E402
from claimgraph.events.lexicon import TriggerLexicon  # noqa: E402
from claimgraph.events.parse import load_parser  # noqa: E402
from claimgraph.events.taxonomy import Taxonomy  # noqa: E402
from claimgraph.link.embeddings import STATIC_MODEL_DIR  # noqa: E402
from claimgraph.nlp.sentences import sentence_spans  # noqa: E402
from claimgraph_eval import satp  # noqa: E402

TYPING = (CORPUS / "typing", CORPUS / "typing_violence")
C_TRIGGER = 1.0  # inverse L2 strength; fixed a priori, not searched on dev
# the sentence head's words and pairs are many and sparse: weaker regularisation reads them better
# (two-fold cross-validation on the TRAIN lines, synthetic type weighted F1: C 1 0.794, 3 0.799, 10 0.802;
# chosen there, never on dev)
C_SENTENCE = 10.0
VOCABULARY_PRECISION = 0.3
# a SATP word the first trigger head reads as an event with at least this probability is mined as a hard
# negative where its text lacks the type's label (two-fold cross-validation on SATP train: example F1
# 0.765 -> 0.773, synthetic TRAIN lines 0.799 -> 0.796; fixed there, not on dev)
MINED_EVENT = 0.3


def span_head(sdoc, start: int, end: int):
    """The token of a character span whose head lies outside it (the span's syntactic head)."""
    tokens = [t for t in sdoc if t.idx >= start and t.idx + len(t) <= end]
    for t in tokens:
        if not (start <= t.head.idx < end) or t.head is t:
            return t
    return tokens[0] if tokens else None


def matrix(rows: list[list[str]], dense: list[np.ndarray]) -> sparse.csr_matrix:
    indptr, indices = [0], []
    for row in rows:
        indices.extend(bucket(f) for f in row)
        indptr.append(len(indices))
    hashed = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), HASH_DIM))
    hashed.sum_duplicates()
    return sparse.hstack([hashed, sparse.csr_matrix(np.stack(dense))], format="csr")


class Rows:
    def __init__(self):
        self.features, self.dense, self.labels, self.group = [], [], [], []

    def add(self, features, dense, label, group):
        self.features.append(features)
        self.dense.append(dense)
        self.labels.append(label)
        self.group.append(group)


def examples_rows(
    examples: list[Example], sdocs, lex: TriggerLexicon, vectors: WordVectors, stems, statements: frozenset[str]
):
    """Sentence rows (one per example) and trigger rows (every candidate token). A statement line marks
    only its statement ("accused", "denied"); an event word inside it (``inside_statement``: "accused the
    army of killing") is an event the line leaves unmarked, so it is taught as nothing, never as none
    (else "killing" inside an accusation learns to be no event)."""
    sent, trig = Rows(), Rows()
    for n, (ex, sdoc) in enumerate(zip(examples, sdocs)):
        hits = find_triggers(ex.text, 0, len(ex.text), lex)
        typed = {t.i: h.type for h in hits for t in sdoc if h.start <= t.idx < h.end}
        sentence_types = {h.type for h in hits}
        svec = vectors.mean([t.lower_ for t in sdoc if t.is_alpha])
        sent.add(sentence_features(sdoc, sentence_types), svec, ex.type, n)
        gold = None
        inside = set()
        if ex.type != NONE:
            ((ts, te),) = ex.role_spans("TRIG")
            gold = span_head(sdoc, ts, te)
            inside = {t.i for t in sdoc if ts <= t.idx < te}
        for t in sdoc:
            if not is_trigger_candidate(t, stems):
                continue
            if gold is not None and t.i in inside and t.i != gold.i:
                continue  # another word of the trigger phrase: neither the event's head nor a non-event
            if ex.type in statements and t.i != gold.i and inside_statement(t, gold, typed, stems, statements):
                continue  # an event inside the statement, unmarked: see above
            label = ex.type if gold is not None and t.i == gold.i else NONE
            trig.add(trigger_features(t, typed, sentence_types), trigger_dense(t, vectors, svec), label, n)
    return sent, trig


def inside_statement(token, statement, typed: dict, stems, statements: frozenset[str]) -> bool:
    """A word of a statement line that names a physical event of its own: the trigger lexicon types it
    so, or it is one of the model's trigger words governed by the statement's trigger (its content:
    "accused X of killing", "denied bombing", "condemned the massacre")."""
    kind = typed.get(token.i)
    if kind is not None:
        return kind not in statements
    return in_vocabulary(token.lower_, stems) and statement in token.ancestors


def satp_rows(path: Path, nlp, lex: TriggerLexicon, vectors: WordVectors, stems) -> tuple[Rows, SatpCandidates]:
    """Weak trigger rows from SATP train: the lexicon's matches of SATP-covered types, labelled by the
    text's labels; and every other trigger candidate of those texts (unlabelled, for ``hard_negatives``)."""
    pieces = []
    for text, labels in satp.read(path):
        for s, e in sentence_spans(text):
            hits = find_triggers(text, s, e, lex)
            if hits or any(in_vocabulary(w, stems) for w in text[s:e].lower().split()):
                pieces.append((text[s:e], [(h.start - s, h.end - s, h.type) for h in hits], labels))
    rows, rest = Rows(), SatpCandidates()
    for (_, hits, labels), sdoc in zip(pieces, nlp.pipe(p[0] for p in pieces)):
        typed = {t.i: kind for start, end, kind in hits for t in sdoc if start <= t.idx < end}
        sentence_types = {kind for _, _, kind in hits}
        svec = vectors.mean([t.lower_ for t in sdoc if t.is_alpha])
        heads = {}
        for start, end, kind in hits:
            head = span_head(sdoc, start, end)
            if kind in satp.GROUP_OF and head is not None:
                heads[head.i] = kind
        sentence = len(rest.sentences.labels)
        rest.sentences.add(sentence_features(sdoc, sentence_types), svec, None, sentence)
        for t in sdoc:
            if not is_trigger_candidate(t, stems):
                continue
            row = (trigger_features(t, typed, sentence_types), trigger_dense(t, vectors, svec))
            if t.i in heads:
                kind = heads[t.i]
                rows.add(*row, kind if labels[satp.LABELS.index(satp.GROUP_OF[kind])] else NONE, -1)
            elif t.i not in typed:
                rest.tokens.add(*row, None, sentence)
                rest.labels.append(labels)
    return rows, rest


class SatpCandidates:
    """SATP train's trigger candidates the lexicon does not type, with their sentence rows and the
    text's labels."""

    def __init__(self):
        self.sentences, self.tokens, self.labels = Rows(), Rows(), []


def hard_negatives(sentence_model, trigger_model, rest: SatpCandidates) -> Rows:
    """SATP train words the model reads as an event of a SATP-covered group (P(event) >= MINED_EVENT
    with the type EventModel.read would give) in a text that does NOT carry that group's label: no event.
    SATP labels every violent event of a report, so these are mostly background, planned or generic
    mentions ("the Maoists had killed ...", "plans to attack") and ordinary verbs ("took", "fired" a
    question). The words were no training rows of the model that reads them."""
    if not rest.tokens.labels:
        return Rows()
    sentence = sentence_model.predict_proba(matrix(rest.sentences.features, rest.sentences.dense))
    own = trigger_model.predict_proba(matrix(rest.tokens.features, rest.tokens.dense))
    probs = combined(own, sentence[rest.tokens.group])
    classes = list(trigger_model.classes_)
    none = classes.index(NONE)
    out = Rows()
    for i, (p, o, labels) in enumerate(zip(probs, own, rest.labels)):
        if 1.0 - o[none] < MINED_EVENT:
            continue
        kind = classes[int(np.where(np.arange(len(p)) == none, -1.0, p).argmax())]
        if kind in satp.GROUP_OF and not labels[satp.LABELS.index(satp.GROUP_OF[kind])]:
            out.add(rest.tokens.features[i], rest.tokens.dense[i], NONE, -1)
    return out


def joined(a: Rows, b: Rows) -> Rows:
    out = Rows()
    for rows in (a, b):
        out.features += rows.features
        out.dense += rows.dense
        out.labels += rows.labels
        out.group += rows.group
    return out


def fit(rows: Rows, c: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=300)
    model.fit(matrix(rows.features, rows.dense), rows.labels)
    return model


def sentence_types(sentence_model, trigger_model, sent: Rows, rows: Rows, n_examples: int) -> list[str]:
    """Per example: the likeliest type of its most probable event candidate (as EventModel.read decides,
    with the sentence head: ``is_event``), NONE when no candidate is an event."""
    if list(sentence_model.classes_) != list(trigger_model.classes_):
        raise SystemExit("the sentence and trigger heads learned different label sets")
    sentence = sentence_model.predict_proba(matrix(sent.features, sent.dense))
    own = trigger_model.predict_proba(matrix(rows.features, rows.dense))
    probs = combined(own, sentence[rows.group])
    classes = list(trigger_model.classes_)
    none = classes.index(NONE)
    best: dict[int, tuple[float, str]] = {}
    for g, p, o in zip(rows.group, probs, own):
        label = is_event(o, sentence[g], p, none)
        if label is None:
            continue
        if g not in best or p[label] > best[g][0]:
            best[g] = (float(p[label]), classes[label])
    return [best[i][1] if i in best else NONE for i in range(n_examples)]


def weighted_f1(gold: list[str], predicted: list[str]) -> tuple[float, dict[str, tuple[float, int]]]:
    per = {}
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        per[label] = (2 * prec * rec / (prec + rec) if prec + rec else 0.0, n_gold)
    total = sum(n for _, n in per.values())
    return sum(f * n for f, n in per.values()) / total, per


def head_arrays(model, name: str) -> dict[str, np.ndarray]:
    coef = model.coef_.T  # features x classes
    return {
        f"{name}_sparse": coef[:HASH_DIM].astype(np.float16),
        f"{name}_dense": coef[HASH_DIM:].astype(np.float32),
        f"{name}_bias": model.intercept_.astype(np.float32),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--out", default=str(model_dir()))
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--satp", default=str(REPO.parent / "shared/datasets/satp_relevant/train.tsv"))
    ap.add_argument("--without-satp", action="store_true", help="train on the synthetic corpus only")
    ap.add_argument(
        "--typing",
        nargs="+",
        default=[str(p) for p in TYPING],
        help="extra corpus folders to train on",
    )
    ap.add_argument("--without-typing", action="store_true", help="leave the --typing folders out")
    args = ap.parse_args()
    started = time.monotonic()
    taxonomy = Taxonomy.load()
    examples = read_corpus(Path(args.corpus), frozenset(taxonomy.types))
    folders = [] if args.without_typing else [Path(p) for p in args.typing]
    extras = {folder.name: read_corpus(folder, frozenset(taxonomy.types)) for folder in folders}
    extra = [e for lines in extras.values() for e in lines]
    train = [e for e in examples + extra if not e.dev]
    dev = [e for e in examples if e.dev]
    n_extra = sum(not e.dev for e in extra)
    print(f"corpus: {len(train)} train ({n_extra} of them from {', '.join(extras)}), {len(dev)} dev lines")
    lex = TriggerLexicon.load(taxonomy)
    nlp = load_parser()
    vectors = WordVectors(STATIC_MODEL_DIR)
    train_docs = list(nlp.pipe(e.text for e in train))
    dev_docs = list(nlp.pipe(e.text for e in dev))
    vocabulary = candidate_words(train, train_docs)
    stems = vocabulary_stems(vocabulary)
    print(f"candidate vocabulary: {len(vocabulary)} words, {len(stems)} stems")
    statements = frozenset(name for name, t in taxonomy.types.items() if t.is_statement)
    sent, trig = examples_rows(train, train_docs, lex, vectors, stems, statements)
    sent_dev, trig_dev = examples_rows(dev, dev_docs, lex, vectors, stems, statements)
    if not args.without_satp:
        weak, rest = satp_rows(Path(args.satp), nlp, lex, vectors, stems)
        print(f"SATP train weak trigger rows: {len(weak.labels)} ({Counter(weak.labels).most_common(6)})")
        trig = joined(trig, weak)
    print(f"parsed in {time.monotonic() - started:.0f} s; trigger rows {len(trig.labels)}")
    sentence_model = fit(sent, C_SENTENCE)
    trigger_model = fit(trig, C_TRIGGER)
    if not args.without_satp:  # a second fit with the SATP words the first read as events of a group the text lacks
        mined = hard_negatives(sentence_model, trigger_model, rest)
        print(f"SATP train hard negatives: {len(mined.labels)}; refitting the trigger head")
        trigger_model = fit(joined(trig, mined), C_TRIGGER)
    print(f"trained in {time.monotonic() - started:.0f} s")

    predicted = sentence_types(sentence_model, trigger_model, sent_dev, trig_dev, len(dev))
    gold = [e.type for e in dev]
    wf1, per = weighted_f1(gold, predicted)
    print(f"DEV type weighted F1 (sentence type = its most probable trigger's; NONE a class): {wf1:.3f}")
    for label, (f, n) in per.items():
        print(f"  {label:32s} F1 {f:.3f}  n={n}")
    confusions = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
    print("  most frequent confusions:", ", ".join(f"{g}->{p} {n}" for (g, p), n in confusions.most_common(8)))
    extra_f1 = {}
    for name, lines in extras.items():  # each folder's DEV lines apart, so each figure stays comparable
        extra_dev = [e for e in lines if e.dev]
        if not extra_dev:
            continue
        sent_xdev, trig_xdev = examples_rows(
            extra_dev, list(nlp.pipe(e.text for e in extra_dev)), lex, vectors, stems, statements
        )
        xpredicted = sentence_types(sentence_model, trigger_model, sent_xdev, trig_xdev, len(extra_dev))
        xgold = [e.type for e in extra_dev]
        extra_f1[name] = weighted_f1(xgold, xpredicted)[0]
        xwrong = Counter((g, p) for g, p in zip(xgold, xpredicted) if g != p)
        print(f"{name}/ DEV type weighted F1 ({len(extra_dev)} lines): {extra_f1[name]:.3f}")
        print("  confusions:", ", ".join(f"{g}->{p} {n}" for (g, p), n in xwrong.most_common(8)))
    if args.dry_run:
        return
    out = Path(args.out)
    np.savez_compressed(
        out / f"{MODEL_NAME}.npz",
        **head_arrays(sentence_model, "sentence"),
        **head_arrays(trigger_model, "trigger"),
    )
    meta = {
        "trained_by": "scripts/train_events.py",
        "data": f"data/synthetic/events TRAIN lines ({len(train)}{''.join(f', {n}/ included' for n in extras)})"
        + ("" if args.without_satp else ", weak trigger labels and mined hard negatives from SATP train"),
        "hash_dim": HASH_DIM,
        "sentence_labels": list(sentence_model.classes_),
        "trigger_labels": list(trigger_model.classes_),
        "vocabulary": vocabulary,
        "dev": {"type_weighted_f1": round(wf1, 3)}
        | {f"{n}_type_weighted_f1": round(f, 3) for n, f in extra_f1.items()},
    }
    (out / f"{MODEL_NAME}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out / MODEL_NAME}.npz/.json in {time.monotonic() - started:.0f} s")


def candidate_words(train: list[Example], docs) -> list[str]:
    """The words that make a sentence worth parsing: seen as a trigger at least twice in TRAIN lines,
    in at least VOCABULARY_PRECISION of the lines holding them (a word that is mostly not an event
    would send most sentences to the parser)."""
    as_trigger, in_lines = Counter(), Counter()
    for ex, sdoc in zip(train, docs):
        in_lines.update({t.lower_ for t in sdoc})
        if ex.type != NONE:
            as_trigger.update({t.lower_ for t in _trigger_tokens(ex, sdoc)})
    return sorted(w for w, n in as_trigger.items() if n >= 2 and n / in_lines[w] >= VOCABULARY_PRECISION)


def _trigger_tokens(ex: Example, sdoc):
    ((ts, te),) = ex.role_spans("TRIG")
    return [t for t in sdoc if ts <= t.idx < te and t.is_alpha]


if __name__ == "__main__":
    sys.exit(main())
