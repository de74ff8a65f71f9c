"""Analysis of Competing Hypotheses (ACH): boards of hypotheses and evidence with proposed ratings.

    boards(store) / board(store, board_id)           every board / one board with cells and scores
    create_board(store, name, hypotheses, description=)  -> board id
    add_hypothesis(store, board_id, text)            -> hypothesis id (H1, H2, ...)
    add_evidence(store, board_id, claim_or_event_id) -> evidence id (E1, E2, ...)
    propose(store, board_id)                         choose evidence, propose ratings and weights
    set_rating / set_weight / clear_override         analyst overrides (kept apart from proposals)
    export_board(store, board_id, fmt="csv"|"json")
    apply_board_file(store, path)                    a board from YAML (examples/boards/iskp.yaml)

The scale, weights and scores: data/ach/scale.yaml, ach/scoring.py and docs/ach.md.
"""

from .boardfile import apply_board_file, read_board_file
from .boards import (
    add_evidence,
    add_hypothesis,
    audit,
    board,
    boards,
    clear_override,
    create_board,
    propose,
    repropose_all,
    resolve_board,
    set_rating,
    set_weight,
)
from .errors import AchBadInput, AchConflict, AchError, AchNotFound
from .export import export_board

__all__ = [
    "AchBadInput",
    "AchConflict",
    "AchError",
    "AchNotFound",
    "add_evidence",
    "add_hypothesis",
    "apply_board_file",
    "audit",
    "board",
    "boards",
    "clear_override",
    "create_board",
    "export_board",
    "propose",
    "read_board_file",
    "repropose_all",
    "resolve_board",
    "set_rating",
    "set_weight",
]
