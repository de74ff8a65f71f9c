"""Places named with their unit, spelled otherwise, or only in a dateline (issue 14.5, session 15 placectx) on the
project's synthetic set (bench/data/place_context.yaml).

    PYTHONPATH=src:bench .venv/bin/python bench/quality_place_context.py [--split train|dev|all] [--misses]

Three kinds of item (the file's header): ``unit`` ("Kani township, Sagaing Region") and ``spelling`` ("Kyaukphyu",
"Al-Fashir") run through the entity stage (find_mentions, fast and accurate mode as quality_village_places.py
does); ``dateline`` items are wire reports run through ``claimgraph run`` per mode, scored on their violent events.
Scored per kind and mode:
- unit: right when the name's own reading, else the first place read after it, lies in the gold country and
  admin1; abroad: the name's own reading lies in another country;
- spelling: right when the name's own reading is a town in the gold country and admin1;
- dateline: of the violent events (not negated or hypothetical), the share placed in the gold admin1 and country;
  at dateline: the wrong ones placed at the bureau city.
``--misses`` prints each wrong train item (never dev's: develop on train, measure dev once per idea).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import unicodedata
from pathlib import Path

import yaml
from click.testing import CliRunner
from quality_village_places import gold_admin1, item_place

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.cli import main  # noqa: E402
from claimgraph.entities.extract import EntityExtractor, find_mentions  # noqa: E402
from claimgraph.ingest.paths import read_path  # noqa: E402

DATA = REPO / "bench" / "data" / "place_context.yaml"
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_TOWNS = ("city", "district")


def split_of(item: dict) -> str:
    """The file header's rule: train where sha1 of the text is even."""
    return "train" if int(hashlib.sha1(item["text"].encode("utf-8")).hexdigest(), 16) % 2 == 0 else "dev"


def _plain(name: str | None) -> str:
    return unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower().strip()


def entity_scores(items: list[dict], codes: list[set[str]], extractor, mode: str, misses: bool) -> dict:
    out = {"unit": [0, 0, 0], "spelling": [0, 0, 0]}  # right, n, abroad
    for item, gold in zip(items, codes):
        own, place = item_place(item, find_mentions(item["text"], extractor, mode=mode))
        if item["kind"] == "spelling":
            place = own if own is not None and own.precision in _TOWNS else None
        ok = place is not None and place.country == item["country"] and place.admin1 in gold
        row = out[item["kind"]]
        row[0] += ok
        row[1] += 1
        row[2] += own is not None and own.country != item["country"]
        if misses and not ok and item["split"] == "train":
            got = (own.text, own.place_name, own.admin1, own.country, own.precision) if own else None
            print(f"  [{mode}] {item['kind']} {item['name']} ({item['admin1']}, {item['country']}): {got}")
    return out


def dateline_scores(items: list[dict], codes: list[set[str]], mode: str, misses: bool, gazetteer) -> dict:
    right = total = at_dateline = 0
    with tempfile.TemporaryDirectory(prefix="placectx-bench-") as tmp:
        folder = Path(tmp)
        names = {}
        for i, item in enumerate(items):
            path = folder / f"r{i:02d}.txt"
            path.write_text(f"{item['headline']}\nBench Wire\n1 March 2026\n\n{item['text']}\n", encoding="utf-8")
            names[path.name] = i
        db = folder / "store.duckdb"
        inputs = sorted(str(p) for p in folder.glob("*.txt"))
        result = CliRunner().invoke(main, ["run", *inputs, "--db", str(db), "--workers", "1", "--mode", mode])
        if result.exit_code != 0:
            raise SystemExit(result.output)
        docs = {d.id: names[Path(p).name] for p in inputs for d in read_path(p) if hasattr(d, "id")}
        events = json.loads(CliRunner().invoke(main, ["events", "--db", str(db), "--json"]).output)
        for e in events:
            if e["doc_id"] not in docs or e["event_type"] not in VIOLENT or e["negated"] or e["modality"]:
                continue
            i = docs[e["doc_id"]]
            item = items[i]
            gold_names = {_plain(p.name) for c in codes[i] if (p := gazetteer.get(c)) is not None}
            ok = _plain(e["admin1"]) in gold_names
            bureau = _plain(item["text"].split(",")[0])
            total += 1
            right += ok
            at_dateline += not ok and _plain(e["location"]) == bureau
            if misses and not ok and item["split"] == "train":
                print(f"  [{mode}] dateline {item['name']}: {e['location']} / {e['admin1']} ({e['notes'][:60]})")
    return {"right": right, "events": total, "at_dateline": at_dateline}


def main_() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev", "all"), default="dev")
    parser.add_argument("--misses", action="store_true", help="print the wrong train items")
    args = parser.parse_args()
    items = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for item in items:
        item["split"] = split_of(item)
    items = [i for i in items if args.split in ("all", i["split"])]
    extractor = EntityExtractor.load()
    codes = [gold_admin1(i, extractor.gazetteer) for i in items]
    for item, c in zip(items, codes):
        if not c:
            print(f"  gold admin1 not read: {item['admin1']} ({item['country']})")
    ent = [(i, c) for i, c in zip(items, codes) if i["kind"] != "dateline"]
    dl = [(i, c) for i, c in zip(items, codes) if i["kind"] == "dateline"]
    for mode in ("fast", "accurate"):
        scores = entity_scores([i for i, _ in ent], [c for _, c in ent], extractor, mode, args.misses)
        for kind, (right, n, abroad) in scores.items():
            share = right / n if n else 0.0
            print(f"{mode} {args.split} {kind} ({n} items): right {right}/{n} ({share:.3f}), read abroad {abroad}")
        d = dateline_scores([i for i, _ in dl], [c for _, c in dl], mode, args.misses, extractor.gazetteer)
        share = d["right"] / d["events"] if d["events"] else 0.0
        print(
            f"{mode} {args.split} dateline ({len(dl)} reports): events placed right {d['right']}/{d['events']} "
            f"({share:.3f}), at the dateline {d['at_dateline']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main_())
