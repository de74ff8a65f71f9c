"""Boards from YAML files (examples/boards/iskp.yaml):

    name: ISKP threat
    description: ...            # optional
    hypotheses:
      - ISKP is a significant and growing threat in Afghanistan
      - ISKP is reduced to remnants contained by the Taliban
    evidence: [claim or event ids]   # optional: the analyst's own items, besides the proposed ones

Applying a file creates the board, or adds to the board of that name the hypotheses and evidence
it does not have yet (nothing is removed: overrides and earlier items stay), then proposes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..yamlfiles import load_yaml
from .boards import add_evidence, add_hypothesis, create_board, propose
from .errors import AchBadInput, AchError


def read_board_file(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise AchBadInput(f"{path}: cannot read the board file: {exc}") from exc
    except yaml.YAMLError as exc:
        raise AchBadInput(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict):
        raise AchBadInput(f"{path}: a board file is a mapping with name and hypotheses")
    name = data.get("name")
    hypotheses = data.get("hypotheses")
    if not isinstance(name, str) or not name.strip():
        raise AchBadInput(f"{path}: the board needs a name")
    if (
        not isinstance(hypotheses, list)
        or not hypotheses
        or not all(isinstance(h, str) and h.strip() for h in hypotheses)
    ):
        raise AchBadInput(f"{path}: hypotheses must be a list of non-empty texts")
    evidence = data.get("evidence") or []
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        raise AchBadInput(f"{path}: evidence must be a list of claim or event ids")
    description = data.get("description")
    return {
        "name": name.strip(),
        "description": description if isinstance(description, str) else None,
        "hypotheses": hypotheses,
        "evidence": evidence,
    }


def apply_board_file(store, path: str | Path) -> str:
    """Create or update the board the file describes and propose its ratings; returns the board id."""
    spec = read_board_file(path)
    board_id = store.boards.id_of_name(spec["name"])
    if board_id is not None:
        have = store.boards.hypothesis_texts(board_id)
        for text in spec["hypotheses"]:
            if " ".join(text.split()) not in have:
                add_hypothesis(store, board_id, text)
    else:
        board_id = create_board(store, spec["name"], spec["hypotheses"], description=spec["description"])
    for ref in spec["evidence"]:
        try:
            add_evidence(store, board_id, ref)
        except AchError as exc:
            raise type(exc)(f"{path}: {exc}") from exc
    propose(store, board_id)
    return board_id
