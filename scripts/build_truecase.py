"""Build the truecasing table src/claimgraph/data/lexicons/truecase.tsv.gz (claimgraph.nlp.truecase).

Each word's usual casing in running news text: the form it is most often written in, counted in
- PolNeAR *train* texts (../shared/datasets/polnear/train/text/, US news articles),
- FNC-1 article bodies of the stance model's *train* split (claimgraph_eval.fnc1.split_by_body),
- the article-extraction benchmark's ground-truth article bodies (news and blog pages),
- the project's synthetic event corpus (data/synthetic/events/, TRAIN lines),
not counting a sentence's first word (its capital says nothing) nor any sentence written in capitals; plus
the names of the ontology's actors and of the gazetteer's countries, capitals and towns (a name's words
count MIN_COUNT times, so a name seen nowhere else is still known). A word is kept when seen at least
MIN_COUNT times. Last, the whole words of the (uncased) MiniLM word-piece vocabulary that were counted
nowhere are kept in lower case: a word of the English vocabulary never seen capitalised is more likely a
common word than a name. MUC-4, SATP and every dev split are not read.

    .venv/bin/python scripts/build_truecase.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from events_corpus import CORPUS, read_corpus  # noqa: E402

from claimgraph.nlp.sentences import sentence_spans  # noqa: E402
from claimgraph.nlp.truecase import TABLE, WORD, is_shouting  # noqa: E402
from claimgraph_eval.fnc1 import load_fnc1, split_by_body  # noqa: E402

OUT = REPO / "src/claimgraph/data/lexicons" / TABLE
MIN_COUNT = 2
PLACES = REPO / "src/claimgraph/data/places"
ONTOLOGY = REPO / "src/claimgraph/data/ontology"
STATIC = REPO / "src/claimgraph/data/models/minilm_static"


def count_text(text: str, counts: defaultdict[str, Counter]) -> None:
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if is_shouting(sentence):
            continue
        for n, hit in enumerate(WORD.finditer(sentence)):
            word = hit.group(0)
            if n == 0 or (hit.start() > 0 and sentence[hit.start() - 1] in "\"'“‘(["):
                continue  # a sentence's (or quotation's) first word is capitalised whatever it is
            counts[word.lower()][word] += 1


def texts(shared: Path):
    for path in sorted((shared / "datasets/polnear/train/text").glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    pairs, bodies = load_fnc1(shared / "datasets/fnc1")
    train, _ = split_by_body(pairs)
    for body_id in sorted({p.body_id for p in train}):
        yield bodies[body_id]
    truth = json.loads((shared / "datasets/article_extraction/ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        yield truth[key].get("articleBody") or ""
    for example in read_corpus(CORPUS):
        if not example.dev:
            yield example.text


def names() -> list[str]:
    out = []
    for path in sorted(ONTOLOGY.glob("*.yaml")):
        for actor in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("actors", []):
            out.append(actor.get("name", ""))
            out.extend(actor.get("aliases", []))
    for table, columns in (("countries.tsv", ("name", "other_names", "capital")), ("towns.tsv", ("name",))):
        with open(PLACES / table, encoding="utf-8") as handle:
            rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
            for row in rows:
                out.extend(v for c in columns for v in (row.get(c) or "").split("|"))
    return out


def vocabulary_words() -> list[str]:
    """The whole alphabetic words of the static MiniLM model's word-piece vocabulary (lower case)."""
    vocab = json.loads((STATIC / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    return [w for w in vocab if len(w) >= 2 and w.isalpha() and w.islower()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    args = ap.parse_args()
    counts: defaultdict[str, Counter] = defaultdict(Counter)
    n = 0
    for text in texts(Path(args.shared)):
        count_text(text, counts)
        n += 1
    for name in names():
        for hit in WORD.finditer(name):
            word = hit.group(0)
            if word[:1].isupper():  # "of" in "Islamic State of Iraq" says nothing new
                counts[word.lower()][word] += MIN_COUNT
    kept = {
        key: form.most_common(1)[0][0]
        for key, form in counts.items()
        if sum(form.values()) >= MIN_COUNT and len(form.most_common(1)[0][0]) == len(key)
    }
    for word in vocabulary_words():
        kept.setdefault(word, word)
    kept = sorted(kept.values())
    header = (
        "# The usual casing of words in news text (claimgraph.nlp.truecase); one word per line, as usually written.\n"
        "# Generated by scripts/build_truecase.py from PolNeAR train, FNC-1 train bodies, article-extraction\n"
        "# ground truth, the synthetic event corpus's TRAIN lines, the ontology's and gazetteer's names and\n"
        "# the MiniLM word-piece vocabulary's whole words (lower case, where counted nowhere).\n"
    )
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as handle:  # mtime 0: the same bytes each build
        handle.write((header + "\n".join(kept) + "\n").encode("utf-8"))
    cased = sum(1 for w in kept if not w.islower())
    print(f"{n} texts; {len(kept)} words kept ({cased} not lower case) -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    sys.exit(main())
