"""Does a speed change keep the per-document output? Digest every stage's output, then compare.

    .venv/bin/python bench/same_output.py --save /tmp/ref.json [--docs 300] [--mode fast]
    ... change a stage ...
    .venv/bin/python bench/same_output.py --compare /tmp/ref.json [--docs 300] [--mode fast]

Input: the example corpus, the seeds (when ../shared is there) and the first --docs records of a
benchmark corpus (`bench/throughput.py --corpus DIR` builds one; --corpus names it). For each
document the script keeps a digest of what each stage adds (clean text and removals, language,
entities, events, claims: ``Document.to_dict()`` split by field) and, on --compare, prints the
documents and fields whose output changed, with the first differing value. Exit status 1 when
anything changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from claimgraph.errors import InputError  # noqa: E402
from claimgraph.ingest import read_paths  # noqa: E402
from claimgraph.pipeline import Pipeline  # noqa: E402
from claimgraph.settings import Settings  # noqa: E402

FIELDS = (
    "clean_text",
    "removals",
    "offsets",
    "language",
    "language_score",
    "paragraphs",
    "entities",
    "events",
    "claims",
)


def inputs(corpus: Path | None, docs: int, shared: Path) -> list[str]:
    paths = [str(REPO / "examples" / "corpus")]
    if (shared / "corpus" / "seeds").is_dir():
        paths.append(str(shared / "corpus" / "seeds"))
    if corpus is not None and docs:
        sample = Path("/tmp") / f"same-output-{docs}.jsonl"
        with (
            open(sorted(corpus.glob("*.jsonl"))[0], encoding="utf-8") as fh,
            open(sample, "w", encoding="utf-8") as out,
        ):
            out.writelines(islice(fh, docs))
        paths.append(str(sample))
    return paths


def digests(paths: list[str], mode: str) -> dict[str, dict[str, str]]:
    options = Settings.defaults().with_values({"extract.mode": mode})
    out: dict[str, dict[str, str]] = {}
    for item in Pipeline.from_settings(options).stream(read_paths(paths, options.reader)):
        if isinstance(item, InputError):
            out[f"error:{item.path}:{item.record}"] = {"reason": item.reason}
            continue
        data = item.to_dict()
        out[item.id] = {f: json.dumps(data.get(f), sort_keys=True, ensure_ascii=False) for f in FIELDS}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path)
    action.add_argument("--compare", type=Path)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--mode", choices=("fast", "accurate"), default="fast")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/i2-corpus"))
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args(argv)
    corpus = args.corpus if args.corpus.is_dir() else None
    if corpus is None:
        print(f"no benchmark corpus at {args.corpus}: example corpus and seeds only", file=sys.stderr)
    current = digests(inputs(corpus, args.docs, args.shared), args.mode)
    if args.save:
        args.save.write_text(json.dumps({"mode": args.mode, "docs": current}), encoding="utf-8")
        print(f"saved the output of {len(current)} documents ({args.mode} mode) to {args.save}")
        return 0
    reference = json.loads(args.compare.read_text(encoding="utf-8"))
    if reference["mode"] != args.mode:
        print(f"{args.compare} was saved in {reference['mode']} mode; pass --mode {reference['mode']}")
        return 2
    changed = 0
    for doc_id, fields in reference["docs"].items():
        now = current.get(doc_id)
        if now is None:
            print(f"{doc_id}: missing now")
            changed += 1
            continue
        for name, value in fields.items():
            if now.get(name) != value:
                changed += 1
                a, b = value, now.get(name) or ""
                i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
                print(
                    f"{doc_id} {name}: was ...{a[max(0, i - 80) : i + 120]}...\n"
                    f"{' ' * len(doc_id)} now ...{b[max(0, i - 80) : i + 120]}..."
                )
    extra = set(current) - set(reference["docs"])
    for doc_id in sorted(extra):
        print(f"{doc_id}: new now")
    total = len(reference["docs"])
    print(
        f"{total - len({d for d in reference['docs'] if d not in current})} of {total} documents compared; "
        f"{changed} changed fields, {len(extra)} new documents"
    )
    return 1 if changed or extra else 0


if __name__ == "__main__":
    sys.exit(main())
