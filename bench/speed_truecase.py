"""What truecasing (claimgraph.nlp.truecase, setting extract.truecase) costs the accurate mode's entities and
learned events stages: CPU ms per ~4 KB article (bench/speed_events.py's articles from the example corpus)
with truecasing on and off, on the articles as written and on the same articles in capitals.

    PYTHONPATH=src:bench .venv/bin/python bench/speed_truecase.py [--docs 60] [--rounds 2]

CPU time of this process, best of --rounds: the per-core figure when other work shares the machine.
"""

from __future__ import annotations

import argparse
import time

from speed_events import FALLBACK, LEXICON, articles

from claimgraph.entities.extract import EntityExtractor, extract_entities
from claimgraph.events.learned import EventModel
from claimgraph.events.learned_stage import detect_events_learned


def cpu_ms(docs, extractor: EntityExtractor, model: EventModel, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for doc in docs:
            detect_events_learned(extract_entities(doc, extractor), model, fallback=FALLBACK)
        best = min(best, (time.process_time() - start) * 1000 / len(docs))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    written = articles(args.docs)
    capitals = [d.replace(clean_text=d.clean_text.upper(), raw_text=d.raw_text.upper()) for d in written]
    capitals = [d for d in capitals if len(d.clean_text) == len(d.raw_text)]
    print("| truecasing | articles | CPU ms per article (entities + learned events) |")
    print("|---|---|---|")
    for on in (False, True):
        extractor = EntityExtractor.load(truecase=on)
        model = EventModel.load(LEXICON, truecase=on)
        for name, docs in (("as written", written), ("in capitals", capitals)):
            ms = cpu_ms(docs, extractor, model, args.rounds)
            print(f"| {'on' if on else 'off'} | {name} ({len(docs)}) | {ms:.1f} |")


if __name__ == "__main__":
    main()
