"""Child process for the kill test: adds generated documents to a store, reporting each commit.

Run as ``python kill_writer.py STORE_PATH COUNT``; prints ``added N`` (flushed) after each
committed document. The test imports ``make_documents`` to know what every document must hold.
"""

from __future__ import annotations

import random
import sys

from claimgraph.model import OffsetMap, Paragraph, Removal, Segment, Source, new_document

WORDS = (
    "taliban iskp kabul attack province officials said security forces statement claimed "
    "responsibility district police commander killed wounded border group fighters"
).split()


def make_documents(count: int, seed: int = 7):
    """Deterministic documents, each with many removals and paragraphs so a transaction takes a while."""
    rng = random.Random(seed)
    docs = []
    for i in range(count):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) for _ in range(rng.randint(5, 40))
        ]
        clean = "\n\n".join(paragraphs)
        header = f"NAV {i}\n"
        raw = header + clean
        removals = tuple(Removal(0, len(header), f"rule{k}", header) for k in range(rng.randint(10, 150)))
        spans, start = [], 0
        for p in paragraphs:
            spans.append(Paragraph(start, start + len(p), "en", rng.random()))
            start += len(p) + 2
        docs.append(
            new_document(Source(f"gen/{i}.txt", "txt"), raw).replace(
                clean_text=clean,
                removals=removals,
                paragraphs=tuple(spans),
                offsets=OffsetMap([Segment(0, len(clean), len(header), len(raw), True)]),
                language="en",
                language_score=0.99,
                content_hash=f"{i:064x}",
            )
        )
    return docs


def main(path: str, count: int) -> None:
    from claimgraph.store import Store

    store = Store(path)
    added = 0
    for doc in make_documents(count):
        if store.add_document(doc, bytes(8 * 16)):
            added += 1
            print(f"added {added}", flush=True)
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
