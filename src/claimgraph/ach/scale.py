"""The PARC ACH rating scale and weight levels, read from data/ach/scale.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..yamlfiles import load_yaml
from .errors import AchBadInput

SCALE_PATH = Path(__file__).resolve().parents[1] / "data" / "ach" / "scale.yaml"


@dataclass(frozen=True)
class Scale:
    labels: dict[str, str]  # rating code -> label
    inconsistency: dict[str, float]  # rating code -> contribution to the inconsistency score
    values: dict[str, float | None]  # rating code -> place on the scale (None: not applicable)
    levels: dict[str, float]  # low / medium / high -> weight

    @property
    def ratings(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def check_rating(self, rating: str) -> str:
        code = (rating or "").strip().upper().replace("/", "")
        if code not in self.labels:
            raise AchBadInput(f"unknown rating {rating!r} (expected one of {', '.join(self.labels)})")
        return code

    def check_level(self, level: str, what: str) -> str:
        value = (level or "").strip().lower()
        if value not in self.levels:
            raise AchBadInput(f"unknown {what} level {level!r} (expected one of {', '.join(self.levels)})")
        return value


def load_scale(path: Path = SCALE_PATH) -> Scale:
    data = load_yaml(path.read_text(encoding="utf-8"))
    ratings = data["ratings"]
    return Scale(
        labels={code: r["label"] for code, r in ratings.items()},
        inconsistency={code: float(r["inconsistency"]) for code, r in ratings.items()},
        values={code: (None if r["value"] is None else float(r["value"])) for code, r in ratings.items()},
        levels={name: float(w) for name, w in data["levels"].items()},
    )
