"""Small towns of conflict coverage on the project's synthetic set (bench/data/small_towns.yaml).

    PYTHONPATH=src .venv/bin/python bench/quality_small_towns.py [--split train|dev|all] [--misses]

Each item is run through the entity stage (the dictionary, the shipped CRF tagger, the locative cues
and the gazetteer: entities/extract.py's find_mentions) in fast and in accurate mode (accurate here
reads the CRF's spans as written; the spaCy-parse tagger of the pipeline's accurate mode is not
loaded). Scored per split:

- towns: a name the item lists as a town is right when a place mention covering it resolves to a
  town or district centre (precision city/district) of the listed country;
- traps: a name the item lists as no place (null) is a false place when any mention covering it has
  a place; a name listed with a country is a false place when it resolves to another country (no
  reading at all is no false place).

``--misses`` prints each wrong train item (never dev's: develop on train, measure dev once per idea).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.entities.extract import EntityExtractor, find_mentions  # noqa: E402

DATA = REPO / "bench" / "data" / "small_towns.yaml"


def _covering(text: str, name: str, mentions) -> list:
    """The place mentions that cover an occurrence of ``name`` in ``text``."""
    start = text.find(name)
    out = []
    while start >= 0:
        end = start + len(name)
        out += [m for m in mentions if m.place_id and m.start <= start and end <= m.end]
        start = text.find(name, end)
    return out


def score(items: list[dict], extractor: EntityExtractor, mode: str, misses: bool) -> dict:
    towns = right = traps = false = 0
    for item in items:
        text = item["text"]
        mentions = find_mentions(text, extractor, mode=mode)
        wrong = []
        for name, country in (item.get("towns") or {}).items():
            towns += 1
            found = _covering(text, name, mentions)
            if any(m.country == country and m.precision in ("city", "district") for m in found):
                right += 1
            else:
                wrong.append(f"town {name}={country}: {[(m.place_name, m.country, m.precision) for m in found]}")
        for name, country in (item.get("traps") or {}).items():
            traps += 1
            found = _covering(text, name, mentions)
            if any(country is None or m.country != country for m in found):
                false += 1
                wrong.append(f"trap {name}={country}: {[(m.place_name, m.country) for m in found]}")
        if misses and wrong and item["split"] == "train":
            print(f"  {text}\n    " + "\n    ".join(wrong))
    return {"towns": towns, "right": right, "traps": traps, "false": false}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev", "all"), default="dev")
    parser.add_argument("--misses", action="store_true", help="print the wrong train items")
    args = parser.parse_args()
    items = [i for i in yaml.safe_load(DATA.read_text(encoding="utf-8")) if args.split in ("all", i["split"])]
    extractor = EntityExtractor.load()
    for mode in ("fast", "accurate"):
        started = time.perf_counter()
        s = score(items, extractor, mode, args.misses)
        took = time.perf_counter() - started
        print(
            f"{mode} {args.split} ({len(items)} items): "
            f"towns {s['right']}/{s['towns']} = {s['right'] / s['towns']:.3f}, "
            f"false places on traps {s['false']}/{s['traps']} ({took:.1f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
