"""Where an event happened, across reports (issue 14.5 / 16.1 / 16.2): the synthetic dateline stories.

    PYTHONPATH=src .venv/bin/python bench/quality_evplace.py [--split dev] [--mode fast] [--store DIR]

Every report of bench/data/dateline_stories.yaml (synthetic: wire reports filed from a capital, local
outlets, statements, briefs; several stories share a dateline city, a day and a province) becomes one
text file, and all go through one ``claimgraph run``. With ``--vague``, the stories of vaguely dated
reports instead (pairs of incidents in one town a week apart, "last week's bombing"). Scored within a split
(sha1 of the story's group or id, see the file's header):

- place: of the violent events the reports hold (not negated, not hypothetical, no claim of
  responsibility), the share whose location is one of its report's gold names; "at dateline": those
  placed at the city the report was filed from when the gold names another place;
- clusters: pairwise over the split's reports, two reports joined when an event of one shares a cluster
  with an event of the other; a story is one incident, two stories two;
- place disputes: how many the run lists over the split's stories (none is true: each story names one
  place, at finer or coarser levels).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tempfile
import unicodedata
from itertools import combinations
from pathlib import Path

import yaml
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.errors import InputError
from claimgraph.ingest.paths import read_path

REPO = Path(__file__).resolve().parents[1]
STORIES = REPO / "bench" / "data" / "dateline_stories.yaml"
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_DATELINE = re.compile(r"^([A-Z][A-Z'’ .-]+?)(?:,| \(| –| -)")


def split_of(story: dict) -> str:
    """sha1 of the story's group (two incidents a vaguely dated report may bridge), else of its id."""
    key = story.get("group", story["id"])
    return "dev" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 3 == 0 else "train"


def stories(split: str | None = None, vague: bool = False) -> list[dict]:
    """The dateline stories, or with ``vague`` the stories of vaguely dated reports (those with a group)."""
    data = yaml.safe_load(STORIES.read_text(encoding="utf-8"))["stories"]
    return [s for s in data if ("group" in s) == vague and (split is None or split_of(s) == split)]


def report_text(r: dict) -> str:
    return f"{r['headline']}\n{r['outlet']}\n{r['date']}\n\n{r['body']}\n"


def _plain(name: str | None) -> str:
    return unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower().strip()


def write_corpus(folder: Path, chosen: list[dict]) -> dict[str, tuple[str, dict]]:
    """file name -> (story id, report), one text file per report."""
    files = {}
    for s in chosen:
        for i, r in enumerate(s["reports"]):
            name = f"{s['id']}-{i}.txt"
            (folder / name).write_text(report_text(r), encoding="utf-8")
            files[name] = (s["id"], r)
    return files


def run(folder: Path, db: Path, mode: str) -> None:
    inputs = sorted(str(p) for p in folder.glob("*.txt"))
    result = CliRunner().invoke(main, ["run", *inputs, "--db", str(db), "--workers", "1", "--mode", mode])
    if result.exit_code != 0:
        raise SystemExit(result.output)


def score(db: Path, files: dict[str, tuple[str, dict]], folder: Path) -> dict:
    files_paths = [folder / name for name in files]
    paths = {doc.id: path for path in files_paths for doc in read_path(str(path)) if not isinstance(doc, InputError)}
    events = json.loads(CliRunner().invoke(main, ["events", "--db", str(db), "--json"]).output)
    disputes = json.loads(CliRunner().invoke(main, ["disputes", "--db", str(db), "--json"]).output)
    by_doc: dict[str, list[dict]] = {}
    for e in events:
        by_doc.setdefault(e["doc_id"], []).append(e)
    right = total = at_dateline = 0
    clusters: dict[str, set[str]] = {}
    story_of: dict[str, str] = {}
    wrong: list[str] = []
    for doc_id, path in paths.items():
        story, report = files[Path(path).name]
        story_of[doc_id] = story
        gold = {_plain(n) for n in report["place"]}
        filed = _DATELINE.match(report["body"])
        filed_at = _plain(filed.group(1)) if filed else None
        for e in by_doc.get(doc_id, []):
            if e["event_type"] not in VIOLENT or e["negated"] or e["modality"] or e["type"] == "ATTRIB":
                continue
            total += 1
            where = _plain(e["location"])
            right += where in gold
            if where not in gold:
                wrong.append(f"{story}: {e['location']} ({e['notes'][:70]})")
                at_dateline += bool(filed_at) and where == filed_at and filed_at not in gold
            if e["cluster_id"]:
                clusters.setdefault(doc_id, set()).add(e["cluster_id"])
    tp = fp = fn = 0
    for a, b in combinations(sorted(story_of), 2):
        joined = bool(clusters.get(a, set()) & clusters.get(b, set()))
        same = story_of[a] == story_of[b]
        tp, fp, fn = tp + (joined and same), fp + (joined and not same), fn + (same and not joined)
        if joined != same:
            wrong.append(f"{'joined' if joined else 'apart'}: {Path(paths[a]).name} / {Path(paths[b]).name}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    places = [d for d in disputes if d["kind"] == "facts" and "place" in d["label"].lower()]
    return {
        "events": total,
        "place": round(right / total, 3) if total else 0.0,
        "at_dateline": at_dateline,
        "pairs_same": tp + fn,
        "P": round(p, 3),
        "R": round(r, 3),
        "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "place_disputes": len(places),
        "place_dispute_labels": [d["label"] for d in places],
        "wrong": wrong,
    }


def main_(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("train", "dev"), default="train")
    parser.add_argument("--mode", choices=("fast", "accurate", "both"), default="both")
    parser.add_argument("--store", type=Path, help="folder for the stores (default: a temporary one)")
    parser.add_argument("--errors", action="store_true", help="list the events placed wrong")
    parser.add_argument("--vague", action="store_true", help="the stories of vaguely dated reports instead")
    args = parser.parse_args(argv)
    chosen = stories(args.split, args.vague)
    modes = ("fast", "accurate") if args.mode == "both" else (args.mode,)
    with tempfile.TemporaryDirectory() as tmp:
        base = args.store or Path(tmp)
        for mode in modes:
            folder = base / f"{args.split}-{mode}{'-vague' if args.vague else ''}"
            folder.mkdir(parents=True, exist_ok=True)
            db = folder / "store.duckdb"
            if db.exists():
                db.unlink()
            files = write_corpus(folder, chosen)
            run(folder, db, mode)
            result = score(db, files, folder)
            wrong = result.pop("wrong")
            print(f"{args.split} {mode}: {len(chosen)} stories, {len(files)} reports:", json.dumps(result))
            if args.errors:
                print("\n".join("  " + w for w in wrong))


if __name__ == "__main__":
    main_()
