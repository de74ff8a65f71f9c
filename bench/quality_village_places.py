"""Villages named beside the unit that holds them (issue 14.5, session 13 vplace) on the project's synthetic set
(bench/data/village_places.yaml): "Kuriga, Kaduna State", "Mukondi, Beni territory", "Ogossagou (Bankass cercle)",
"near Bourzanga, 40 km north of Kongoussi".

    PYTHONPATH=src:bench .venv/bin/python bench/quality_village_places.py [--split train|dev|all] [--misses]

Each item runs through the entity stage (entities/extract.py's find_mentions: the dictionary, the shipped CRF
tagger, the locative cues and the gazetteer) in fast and in accurate mode (accurate reads the CRF's spans as
written; the spaCy-parse tagger of the pipeline's accurate mode is not loaded). The item's place is the reading of
the mention covering the village's name, else (no reading: a village the tables do not hold) the first place
read after it, the unit that holds it. Scored: country right, admin1 right (the gold division's name read by the
gazetteer in the gold country), and "abroad": the village itself read in another country, the defect this set is
about. ``--misses`` prints each wrong train item (never dev's: develop on train, measure dev once per idea).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.entities.extract import EntityExtractor, find_mentions  # noqa: E402

DATA = REPO / "bench" / "data" / "village_places.yaml"
# a division's name with the word news writes after it: some are read only so ("Plateau State", "Mopti region")
_DESIGNATORS = ("region", "state", "province", "governorate", "oblast", "department")


def gold_admin1(item: dict, gazetteer) -> set[str]:
    """The codes of the first-level divisions of the item's country that its admin1 name reads."""
    plain = item["admin1"].split("|")
    names = plain + [f"{name} {w}" for name in plain for w in _DESIGNATORS]
    found = {gazetteer.get(pid) for name in names for pid in gazetteer.located_ids(name)}
    return {p.admin1 for p in found if p is not None and p.kind == "admin1" and p.country == item["country"]}


def item_place(item: dict, mentions):
    """(the village's own reading or None, the place scored: the village's, else the first read after it)."""
    text, name = item["text"], item["name"]
    start = text.find(name)
    end = start + len(name)
    own = [m for m in mentions if m.place_id and m.start <= start and end <= m.end]
    if own:
        return own[0], own[0]
    after = sorted((m for m in mentions if m.place_id and m.start >= end), key=lambda m: m.start)
    return None, (after[0] if after else None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev", "all"), default="dev")
    parser.add_argument("--misses", action="store_true", help="print the wrong train items")
    args = parser.parse_args()
    items = [i for i in yaml.safe_load(DATA.read_text(encoding="utf-8")) if args.split in ("all", i["split"])]
    extractor = EntityExtractor.load()
    codes = [gold_admin1(i, extractor.gazetteer) for i in items]
    for item, c in zip(items, codes):
        if not c:
            print(f"  gold admin1 not read: {item['admin1']} ({item['country']})")
    for mode in ("fast", "accurate"):
        country = admin1 = abroad = 0
        for item, gold in zip(items, codes):
            own, place = item_place(item, find_mentions(item["text"], extractor, mode=mode))
            country += place is not None and place.country == item["country"]
            admin1 += place is not None and place.admin1 in gold
            abroad += own is not None and own.country != item["country"]
            if args.misses and item["split"] == "train" and (place is None or place.admin1 not in gold):
                got = (place.text, place.place_name, place.admin1, place.country, place.precision) if place else None
                print(f"  [{mode}] {item['name']} ({item['admin1']}, {item['country']}): {got}\n      {item['text']}")
        n = len(items)
        print(
            f"{mode} {args.split} ({n} items): country {country}/{n} ({country / n:.3f}), "
            f"admin1 {admin1}/{n} ({admin1 / n:.3f}), village read abroad {abroad}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
