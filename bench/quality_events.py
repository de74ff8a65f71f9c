"""Event quality: SATP dev F1 per label, MUC-4 dev role-filler F1, CASE 2021 sample accuracy and our
60-snippet accuracy. Prints a Markdown section; ``--write`` appends/replaces it in docs/quality.md.

    .venv/bin/python bench/quality_events.py [--shared ../shared] [--write]

Nothing here is trained or tuned on the dev sets it reports (the method is a trigger lexicon).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from docs_section import write_section

from claimgraph.clean import clean_document, load_rules
from claimgraph.entities.extract import EntityExtractor, extract_entities
from claimgraph.events import detect_events
from claimgraph.events.classify import EventClassifier, classify_lines
from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.mentions import FallbackMentions
from claimgraph.ingest import ReaderOptions, read_paths
from claimgraph.language import detect_language, load_identifier
from claimgraph.model import Source, new_document
from claimgraph_eval.detection import DetectionScore, gold_path, is_listed, is_violent, load_gold, score_document
from claimgraph_eval.metrics import per_label_prf, prf

REPO = Path(__file__).resolve().parents[1]
SECTION = "## Events"

# SATP's four labels from our event types (the label set is SATP's, the grouping is ACLED's).
SATP_LABELS = ("armed_assault", "bombing", "kidnapping", "other")
SATP_MAP = {
    "armed_assault": {
        "ATTACK",
        "ARMED_CLASH",
        "GOV_REGAINS_TERIT",
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "MOB_VIOL",
        "FORCE_AGAINST_PROTEST",
        "SEX_VIOL",
    },
    "bombing": {"SUIC_BOMB", "REM_EXPLOS", "GRENADE", "AIR_STRIKE", "ART_MISS_ATTACK", "CHEM_WEAP"},
    "kidnapping": {"ABDUCT_DISSAP"},
}
MUC_ROLES = {
    "perpetrator organisation": ("perp_organization_id",),
    "target": ("phys_tgt_id", "hum_tgt_name"),
    "instrument": ("incident_instrument_id",),
}


LEXICON = TriggerLexicon.load()  # read once, as the events component does
EXTRACTOR = EntityExtractor.load()  # the ontology, gazetteer and tagger, loaded once as a pipeline does
FALLBACK = FallbackMentions(EXTRACTOR.ontology, EXTRACTOR.gazetteer)  # built once, as the events component does


def events_of(doc):
    doc = extract_entities(doc, EXTRACTOR)
    return detect_events(doc, fallback=FALLBACK, lexicon=LEXICON)


IDENTIFIER = load_identifier()


def make_doc(text: str, name: str, rules):
    doc = new_document(Source(name, "txt"), text)
    doc = detect_language(clean_document(doc, rules), IDENTIFIER)
    return events_of(doc)


def satp(shared: Path, rules) -> list[str]:
    rows = [
        line.rstrip("\n").split("\t") for line in (shared / "datasets/satp_relevant/dev.tsv").open(encoding="utf-8")
    ]
    gold, predicted = [], []  # one row per text, one column per SATP label
    for i, (text, *labels) in enumerate(rows):
        doc = make_doc(text, f"satp-dev-{i}", rules)
        types = {e.type for e in doc.events if is_listed(e) and e.confidence >= 0.7}
        found = {label for label, members in SATP_MAP.items() if types & members} or {"other"}
        gold.append([g == "1" for g in labels])
        predicted.append([label in found for label in SATP_LABELS])
    lines = ["| label | P | R | F1 | gold |", "|---|---|---|---|---|"]
    f1s = []
    for label, (p, r, f, n_gold) in per_label_prf(gold, predicted, SATP_LABELS).items():
        f1s.append(f)
        lines.append(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} | {n_gold} |")
    lines.append(f"| macro | | | {sum(f1s) / len(f1s):.3f} | {len(rows)} texts |")
    return lines


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.upper()).split())


def muc4(shared: Path, rules) -> list[str]:
    data = json.loads((shared / "datasets/muc4/dev.json").read_text(encoding="utf-8"))
    counts = {role: {"exact": [0, 0, 0], "overlap": [0, 0, 0]} for role in MUC_ROLES}
    for docid, item in data.items():
        doc = make_doc(item["doc"], docid, rules)
        violent = [e for e in doc.events if is_violent(e) and is_listed(e)]
        predicted = {
            "perpetrator organisation": {e.actor1_text for e in violent if e.actor1_text},
            "target": {e.actor2_text for e in violent if e.actor2_text},
            "instrument": {e.weapon for e in violent if e.weapon},
        }
        for role, keys in MUC_ROLES.items():
            gold = [[_norm(a) for a in aliases] for k in keys for aliases in item["roles"][k]]
            preds = {_norm(p) for p in predicted[role]}
            for mode in ("exact", "overlap"):

                def hit(p, aliases, mode=mode):
                    return p in aliases if mode == "exact" else any(p in a or a in p for a in aliases if a and p)

                tp_pred = sum(1 for p in preds if any(hit(p, al) for al in gold))
                found = sum(1 for al in gold if any(hit(p, al) for p in preds))
                c = counts[role][mode]
                c[0] += found
                c[1] += len(preds) - tp_pred
                c[2] += len(gold) - found
    lines = ["| role | match | P | R | F1 |", "|---|---|---|---|---|"]
    for role in MUC_ROLES:
        for mode in ("exact", "overlap"):
            tp, fp, fn = counts[role][mode]
            p, r, f = prf(tp, tp + fp, tp + fn)
            lines.append(f"| {role} | {mode} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return lines, len(data)


def case_samples(shared: Path) -> tuple[int, int]:
    folder = shared / "datasets/case2021_task2"
    gold = dict(line.split("\t") for line in (folder / "sample_output.txt").read_text().splitlines() if line)
    with open(folder / "sample_input.txt", encoding="utf-8") as handle:
        predicted = dict(classify_lines(handle))
    return sum(predicted.get(k) == v for k, v in gold.items()), len(gold)


# bench/quality_events.py on the code before the issue-4 fixes (commit f517c9b), from docs/quality.md then
MUC_BASELINE = "F1 exact/overlap: perpetrator organisation 0.024/0.110, target 0.000/0.021, instrument 0.392/0.474"
SATP_BASELINE = "0.699"
# The same check run on the code before the issue-4 fixes (commit f517c9b, 2026-11-22), for comparison.
DETECTION_BASELINE = "P 0.348, R 0.941 (16 right, 30 false or duplicate, 1 missed)"


def detection(shared: Path, rules) -> DetectionScore:
    """Precision/recall of listed events on the hand-labelled documents (tests/fixtures/events/detection_gold.yaml)."""
    total = DetectionScore()
    for entry in load_gold(REPO / "tests/fixtures/events/detection_gold.yaml"):
        [raw] = list(read_paths([str(gold_path(entry["path"], REPO, shared))], ReaderOptions()))
        doc = events_of(detect_language(clean_document(raw, rules), IDENTIFIER))
        total = total + score_document(doc, entry["events"], entry["path"])
    return total


def snippets() -> tuple[int, int, list[str]]:
    path = REPO / "tests/fixtures/events/case_snippets.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    classifier = EventClassifier()
    wrong = [f"{i} ({g} → {classifier.classify_text(t)})" for i, g, t in rows if classifier.classify_text(t) != g]
    return len(rows) - len(wrong), len(rows), wrong


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--write", action="store_true", help="write the section into docs/quality.md")
    args = ap.parse_args()
    shared = Path(args.shared)
    rules = load_rules()
    started = time.monotonic()
    satp_lines = satp(shared, rules)
    muc_lines, muc_docs = muc4(shared, rules)
    case_ok, case_n = case_samples(shared)
    snip_ok, snip_n, wrong = snippets()
    found = detection(shared, rules)
    out = [
        SECTION,
        "",
        "Method: trigger lexicon (`data/events/triggers.yaml`) over sentences, typed in `data/events/taxonomy.yaml`;",
        "modality cues mark hypothetical/generic events (left out of lists); a definite mention that refers back",
        '("the attack") becomes a further mention of the earlier event; roles from passive/active voice, "by X",',
        "possessives and on/against/targeting phrases over the entities stage's mentions and noun phrases. No model",
        "is trained; nothing was tuned on SATP dev or MUC-4 dev. Only listed events count (not negated, hypothetical",
        "or generic). Command: `.venv/bin/python bench/quality_events.py --write`",
        f"({time.monotonic() - started:.0f} s, {time.strftime('%Y-%m-%d')}, machine shared by ~8 jobs).",
        "",
        "**Detection precision** on 5 hand-labelled documents (3 example-corpus articles, the 2 seeds;",
        "`tests/fixtures/events/detection_gold.yaml`, 17 required events): listed events that are a labelled event",
        "(each once; a second listing of one event is a duplicate = false positive).",
        "",
        "| | P | R | right | false/duplicate | missed |",
        "|---|---|---|---|---|---|",
        f"| now | {found.precision:.3f} | {found.recall:.3f} | {found.true_positives} | {found.false_positives} |"
        f" {found.false_negatives} |",
        "",
        f"Before the precision fixes: {DETECTION_BASELINE}. The labels were written before looking at the",
        "output, but the modality and co-reference cues were then corrected on these five documents, so this is a",
        "development figure, not a held-out one."
        + (f" Still wrong: {'; '.join(found.extras)}." if found.extras else ""),
        "",
        "**SATP dev** (232 texts; a text gets a label when an event of a mapped type with confidence ≥ 0.7 is",
        "detected; `other` when none is). Anchor: ConfliBERT 88.7 F1 on SATP relevance (a different, binary task).",
        "",
        *satp_lines,
        "",
        f"**MUC-4 dev** ({muc_docs} documents) role fillers from violent events: perpetrator organisation =",
        "actor1 text, target = actor2 text (gold: physical and human targets), instrument = weapon. `exact`:",
        "the filler equals a gold alias; `overlap`: one contains the other. Targets may be descriptions",
        '("police station"), not only known actors.',
        "",
        *muc_lines,
        "",
        f"Before the issue-4 fixes (commit f517c9b): {MUC_BASELINE}; SATP macro F1 {SATP_BASELINE}.",
        "",
        f"**CASE 2021 samples**: {case_ok}/{case_n} correct (`claimgraph classify-events`). The lexicon's protest",
        "patterns were written with these five in view, so this is not a held-out figure.",
        "",
        f"**Our snippets** (`tests/fixtures/events/case_snippets.tsv`, 2 per CASE type): {snip_ok}/{snip_n}"
        f" = {snip_ok / snip_n:.1%}. Written by us; the lexicon was corrected for 4 misses seen on them, so this",
        "measures coverage of the types, not generalisation." + (f" Misses: {', '.join(wrong)}." if wrong else ""),
        "Anchor: the best CASE 2021 system reached 77.1% weighted F1 on all 30 types with ACLED training data.",
        "",
    ]
    text = "\n".join(out)
    print(text)
    if args.write:
        write_section(REPO / "docs/quality.md", SECTION, text, "# Quality")


if __name__ == "__main__":
    sys.exit(main())
