"""Split the project-written toll-victim sentences (toll_victims.jsonl) by a stable hash of the text:
sha1(text) first hex digit 0-b -> train, c-f -> dev. Writes the split into each line; run after editing.

Usage: python data/figures/make_split.py
"""

import hashlib
import json
from pathlib import Path

PATH = Path(__file__).with_name("toll_victims.jsonl")


def split_of(text: str) -> str:
    return "train" if hashlib.sha1(text.encode()).hexdigest()[0] in "0123456789ab" else "dev"


def main() -> None:
    rows = [json.loads(line) for line in PATH.read_text().splitlines() if line.strip()]
    PATH.write_text("".join(json.dumps({**r, "split": split_of(r["text"])}) + "\n" for r in rows))


if __name__ == "__main__":
    main()
