"""SATP's four labels (../shared/datasets/satp_relevant) and which of our event types each stands for.

The label set is SATP's; the grouping of our types under it is ACLED's (fixed before any model was
trained); a text with none of the three violent labels is ``other``.
"""

from __future__ import annotations

from pathlib import Path

LABELS = ("armed_assault", "bombing", "kidnapping", "other")
MAP = {
    "armed_assault": {
        "ATTACK",
        "ARMED_CLASH",
        "GOV_REGAINS_TERIT",
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "MOB_VIOL",
        "FORCE_AGAINST_PROTEST",
        "SEX_VIOL",
    },
    "bombing": {"SUIC_BOMB", "REM_EXPLOS", "GRENADE", "AIR_STRIKE", "ART_MISS_ATTACK", "CHEM_WEAP"},
    "kidnapping": {"ABDUCT_DISSAP"},
}
GROUP_OF = {t: label for label, types in MAP.items() for t in types}


def read(path: Path) -> list[tuple[str, list[bool]]]:
    """(text, one boolean per label) per line of a SATP TSV."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text, *labels = line.split("\t")
        if len(labels) != len(LABELS):
            raise ValueError(f"{path}:{number}: expected text and {len(LABELS)} labels")
        rows.append((text, [v == "1" for v in labels]))
    return rows
