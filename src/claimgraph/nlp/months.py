"""The one month table: month names and abbreviations (lower case) -> month number.

The names are data (``data/lexicons/months.yaml``), not ``calendar.month_name``, whose names follow
the process locale. A constant of the language, not a resource a run configures: read once at import.
"""

from __future__ import annotations

from importlib import resources

from ..yamlfiles import load_yaml


def _read() -> dict[str, int]:
    data = load_yaml(
        resources.files("claimgraph").joinpath("data", "lexicons", "months.yaml").read_text(encoding="utf-8")
    )
    return {name.lower(): int(number) for number, names in data.items() for name in names}


MONTHS: dict[str, int] = _read()
