"""ACH rating accuracy on synthetic boards (issue 16.6).

    PYTHONPATH=$PWD/src OMP_NUM_THREADS=1 .venv/bin/python bench/quality_ach.py [--split dev] [--errors]
        [--kind all|responsibility|content]

bench/data/ach_boards.yaml (synthetic, project-written before any code; split: sha1 of the board id,
first hex digit < 8 train, else dev; recorded in bench/data/ach_boards_split.txt): boards of 2-3
hypotheses (mostly who did it) and evidence sentences with gold PARC ratings. Each board's evidence
is rated as ``ach.boards._rate`` rates it (fast embeddings, the FNC-1 stance model,
``propose.rate_matrix``), every claim taken as asserted and undisputed. Reported per split: exact
accuracy over cells, within one step on the scale CC C N I II (NA counts only when both are NA), sign
agreement (C-side CC/C, N-side N/NA, I-side I/II) and NA precision / recall.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from pathlib import Path

import yaml

from claimgraph.ach.boards import _embedder, _stance_model
from claimgraph.ach.propose import rate_matrix

DATA = Path(__file__).parent / "data" / "ach_boards.yaml"
PLACE = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}


def split_of(board_id: str) -> str:
    return "train" if int(hashlib.sha1(board_id.encode()).hexdigest()[0], 16) < 8 else "dev"


def side(rating: str) -> str:
    return "C" if rating in ("CC", "C") else "I" if rating in ("I", "II") else "N"


def near(a: str, b: str) -> bool:
    if "NA" in (a, b):
        return a == b
    return abs(PLACE[a] - PLACE[b]) <= 1


def rate_board(board: dict, embedder, model) -> list[list[str]]:
    texts = [e["text"] for e in board["evidence"]]
    hyps = board["hypotheses"]
    similarity = embedder.encode(texts) @ embedder.encode(hyps).T
    stance = model.predict_proba([(h, t) for t in texts for h in hyps]).reshape(len(texts), len(hyps), 4)
    cells = rate_matrix(texts, [None] * len(texts), [False] * len(texts), hyps, similarity, stance)
    return [[c.rating for c in row] for row in cells]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="train", choices=("train", "dev"))
    ap.add_argument("--errors", action="store_true")
    # responsibility: the first 18 boards ("who did it"); content: session 15's "what happened" boards
    # (one doer, rival targets and harm; `kind: content` in the file)
    ap.add_argument("--kind", default="all", choices=("all", "responsibility", "content"))
    args = ap.parse_args()
    boards = [
        b
        for b in yaml.safe_load(DATA.read_text())["boards"]
        if split_of(b["id"]) == args.split and args.kind in ("all", b.get("kind", "responsibility"))
    ]
    embedder, model = _embedder(), _stance_model()
    n = exact = within = sign = 0
    na = Counter()
    for board in boards:
        for ev, got in zip(board["evidence"], rate_board(board, embedder, model)):
            for j, (g, p) in enumerate(zip(ev["gold"], got)):
                n += 1
                exact += g == p
                within += near(g, p)
                sign += side(g) == side(p)
                na["tp"] += g == "NA" and p == "NA"
                na["fp"] += g != "NA" and p == "NA"
                na["fn"] += g == "NA" and p != "NA"
                if args.errors and g != p:
                    print(f"  {board['id']} H{j + 1} gold {g} got {p}: {ev['text'][:110]}")
    print(f"{args.split} ({args.kind}): {len(boards)} boards, {n} cells")
    print(f"  exact {exact / n:.3f} ({exact}/{n})  within one {within / n:.3f}  sign {sign / n:.3f} ({sign}/{n})")
    p = na["tp"] / max(na["tp"] + na["fp"], 1)
    r = na["tp"] / max(na["tp"] + na["fn"], 1)
    print(f"  NA precision {p:.2f} recall {r:.2f} ({na['tp']} of {na['tp'] + na['fn']})")


if __name__ == "__main__":
    main()
