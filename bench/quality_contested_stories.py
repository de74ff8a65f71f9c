"""Contested propositions on the project's synthetic multi-source stories, end to end.

Each story of ``tests/fixtures/link/contested_synthetic.yaml`` (``stories``: SYNTHETIC, a few short
documents each, gold contested yes/no and the sentences of each camp) goes through ``claimgraph run``
into a fresh store of its own; then the contested list is read as ``claimgraph contested`` gives it.

A story is right when the list is empty exactly where gold has no contest. Its sides are right when
some listed proposition has a member of each gold camp on a side, and every camp's members on a side
sit on one side, the other camp's on the other (members of sentences no camp names are context and
are not scored). Split: ``--split train`` (default) or ``dev`` (the recorded ``story_dev_ids``).

    PYTHONPATH=src OMP_NUM_THREADS=1 .venv/bin/python bench/quality_contested_stories.py [--split dev] [-v]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import yaml

from claimgraph.link.contested import contested_page
from claimgraph.link.propositions import list_propositions, proposition_members
from claimgraph.runner import run
from claimgraph.store import Store

DATA = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "link" / "contested_synthetic.yaml"
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def _norm(text: str) -> str:
    return " ".join(text.split())


def camp_sentences(story: dict) -> dict[str, list[str]]:
    """camp -> the sentences (normalised) holding its gold phrases."""
    sentences = [_norm(s) for d in story["docs"] for s in _SENTENCE.split(d["text"]) if s.strip()]
    return {
        camp: [next(s for s in sentences if phrase in s) for phrase in phrases]
        for camp, phrases in (story.get("camps") or {}).items()
    }


def camp_of(text: str, camps: dict[str, list[str]]) -> str | None:
    """The camp whose sentence holds the member's text (or is held by it: a dateline before it)."""
    text = _norm(text)
    for camp, sentences in camps.items():
        if any(text in s or s in text for s in sentences):
            return camp
    return None


def judge(story: dict, listed: list[dict], grouped: list[set[str]]) -> dict:
    """``grouped``: the camps each proposition of the store holds members of."""
    camps = camp_sentences(story)
    sides_right = False
    for prop in listed:
        seen = {side: {camp_of(m["text"], camps) for m in prop["sides"][side]} - {None} for side in ("for", "against")}
        if len(seen["for"]) == 1 and len(seen["against"]) == 1 and seen["for"] != seen["against"]:
            sides_right = True
    predicted = bool(listed)
    return {
        "id": story["id"],
        "gold": story["contested"],
        "predicted": predicted,
        "right": predicted == story["contested"],
        "sides_right": sides_right if story["contested"] else None,
        # whether both gold camps have members in one proposition (else no side decision can find them)
        "grouped": any(len(g) >= 2 for g in grouped) if story["contested"] else None,
    }


def run_story(story: dict, workdir: Path) -> tuple[list[dict], list[set[str]]]:
    """(the contested list, the gold camps of each proposition's members)."""
    camps = camp_sentences(story)
    corpus = workdir / story["id"]
    corpus.mkdir()
    for d in story["docs"]:
        (corpus / d["name"]).write_text(d["text"], encoding="utf-8")
    with Store(workdir / f"{story['id']}.duckdb") as store:
        run([str(corpus)], store, workers=1)
        ids = [p["id"] for p in list_propositions(store)[1]]
        members = proposition_members(store, ids).values()
        grouped = [{camp_of(m["text"], camps) for m in group} - {None} for group in members]
        return contested_page(store)[1], grouped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("train", "dev"), default="train")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each story's listed sides")
    args = parser.parse_args(argv)
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    dev = set(data["story_dev_ids"])
    stories = [s for s in data["stories"] if (s["id"] in dev) == (args.split == "dev")]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for story in stories:
            listed, grouped = run_story(story, Path(tmp))
            r = judge(story, listed, grouped)
            results.append(r)
            flag = "ok " if r["right"] and r["sides_right"] is not False else "BAD"
            print(
                f"{flag} {r['id']}: gold {r['gold']}, listed {len(listed)}, sides right {r['sides_right']}, "
                f"camps in one proposition {r['grouped']}"
            )
            if args.verbose:
                for prop in listed:
                    print(f"    {prop['score']:.2f} {prop['label'][:90]}")
                    for side in ("for", "against"):
                        for m in prop["sides"][side]:
                            print(f"      {side:7} {m['status']:8} {_norm(m['text'])[:100]}")
    contests = [r for r in results if r["gold"]]
    print(
        f"{args.split}: {len(results)} stories ({len(contests)} contests): contested right "
        f"{sum(r['right'] for r in results)}/{len(results)}; contests found {sum(r['predicted'] for r in contests)}"
        f"/{len(contests)}, with sides right {sum(bool(r['sides_right']) for r in contests)}/{len(contests)}; "
        f"false contests {sum(r['predicted'] for r in results if not r['gold'])}/{len(results) - len(contests)}; "
        f"contests with both camps in one proposition {sum(bool(r['grouped']) for r in contests)}/{len(contests)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
