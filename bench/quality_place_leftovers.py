"""Issue 14.5's place leftovers on the project's synthetic set (bench/data/place_leftovers.yaml): acronyms
whose title-case form is another name ("Fata Borno"), named camps of displaced people ("Kalma camp"), seas
("the Red Sea") and a country's name as a first name ("Chad X of Tulsa").

    PYTHONPATH=src .venv/bin/python bench/quality_place_leftovers.py [--split train|dev|all] [--misses]

Each item runs through the entity stage (entities/extract.py's find_mentions: the dictionary, the shipped CRF
tagger, the locative cues and the gazetteer) in fast and in accurate mode (accurate here reads the CRF's spans
as written; the spaCy-parse tagger of the pipeline's accurate mode is not loaded), and its gold (the file's
header) is checked against the place mentions covering the first occurrence of its name. Scored per kind and
split. ``--misses`` prints each wrong train item (never dev's: develop on train, measure dev once per idea).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.entities.extract import EntityExtractor, find_mentions  # noqa: E402

DATA = REPO / "bench" / "data" / "place_leftovers.yaml"
_LOCAL = ("city", "district", "approximate")


def right(item: dict, mentions) -> bool:
    """Whether the place mentions covering the item's name meet its gold (see the data file's header)."""
    text, name = item["text"], item["name"]
    start = text.find(name)
    covering = [m for m in mentions if m.start <= start and start + len(name) <= m.end]
    found = [m for m in covering if m.place_id]
    if "state" in item:
        return any(
            m.country == item["state"] and (m.actor_type == "state" or m.precision == "country") for m in covering
        )
    if "place" in item:
        return (not found) if item["place"] is None else bool(found) and found[0].place_id == item["place"]
    if "country" in item and item["country"] is None:
        return all(m.country is None for m in found)
    if "not" in item:
        return all(m.country != item["not"] for m in found)
    precisions = _LOCAL if item.get("precision") == "local" else (item.get("precision"),)
    return any(m.country == item["country"] and m.precision in precisions for m in found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev", "all"), default="dev")
    parser.add_argument("--misses", action="store_true", help="print the wrong train items")
    args = parser.parse_args()
    items = [i for i in yaml.safe_load(DATA.read_text(encoding="utf-8")) if args.split in ("all", i["split"])]
    extractor = EntityExtractor.load()
    for mode in ("fast", "accurate"):
        total, good = Counter(), Counter()
        for item in items:
            mentions = find_mentions(item["text"], extractor, mode=mode)
            ok = right(item, mentions)
            total[item["kind"]] += 1
            good[item["kind"]] += ok
            if args.misses and not ok and item["split"] == "train":
                start = item["text"].find(item["name"])
                near = [(m.text, m.place_name, m.country, m.precision) for m in mentions if m.end > start - 30]
                print(f"  [{mode}] {item['name']}: {item['text']}\n      {near[:4]}")
        kinds = ", ".join(f"{k} {good[k]}/{total[k]}" for k in sorted(total))
        print(f"{mode} {args.split} ({len(items)} items): {sum(good.values())}/{len(items)} right; {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
