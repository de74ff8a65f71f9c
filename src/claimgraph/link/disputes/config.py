"""The dispute settings (data/models/disputes.yaml), read once per linking step by its caller."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ...errors import ClaimgraphError
from ...yamlfiles import load_yaml

CONFIG_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "disputes.yaml"
TAXONOMY_PATH = Path(__file__).resolve().parents[2] / "data" / "events" / "taxonomy.yaml"


@dataclass(frozen=True)
class DisputeConfig:
    official_actor_types: frozenset[str]
    measure_of: dict[str, str]  # unit word -> measure of a non-event quantity
    event_measures: frozenset[str]  # the measures of an event's figures that are compared
    deny_statuses: frozenset[str]
    affirm_statuses: frozenset[str]
    type_labels: dict[str, str]  # event type -> its ACLED label, for naming clusters
    match_similarity: float  # combined similarity at which a denial meets the assertion it denies
    generic_speaker_heads: frozenset[str]
    negation_weight: float  # how much a denial read from a negation alone counts (one with a cue: 1)
    # a speaker's last word that names no one in particular
    fact_similarity: float  # masked similarity at which two claims giving exclusive values dispute (facts.py)
    fact_holder_words: int  # most words between a value and the name it is said of (facts.holder)
    # how much a dispute counts whose two sides only one outlet reports (two voices it quotes): its sources
    # are not independent of each other as two outlets' are (issue 16.6)
    one_outlet_weight: float
    # masked similarity at which two counts no event cluster joins count the same thing (unclustered.py)
    figure_similarity: float
    # two tallies over one period: reports at most this many days apart (tallies.py)
    tally_same_end_days: int
    # a speaker with no resolved actor whose words name a state organ ("the North Darfur health ministry")
    official_speaker: re.Pattern
    # words around a date saying late or early in its day: a day-apart pair across one midnight agrees
    late_in_day: re.Pattern
    early_in_day: re.Pattern
    # a country a document's entity mentions name at least this share as often as its most named one is
    # a country of its story (denials.story_countries); fewer mentions are passing references
    story_country_share: float
    # the governed contents' similarity at which an assertion and a rejection sharing an argument meet
    # below match_similarity (governed.py)
    governed_similarity: float = 1.01
    # the statuses of a denial matched by its governed content: a rejection someone says
    governed_statuses: frozenset[str] = frozenset()
    # two estimates of a subject's measure (a group's strength) whose reports are at most this many days apart
    # (or one undated) are of one time and may conflict; further apart they are a timeline (figures.same_period)
    quantity_span_days: int = 183


def type_labels(path: Path = TAXONOMY_PATH) -> dict[str, str]:
    """Event type -> its label in data/events/taxonomy.yaml ("SUIC_BOMB" -> "Suicide bomb")."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        labels = {name: spec["label"] for group in data["event_types"].values() for name, spec in group.items()}
        labels.update({name: spec["label"] for name, spec in data["statement_types"].items()})
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ClaimgraphError(f"{path}: cannot read the event types' labels: {exc!r}") from exc
    return labels


def load_config(path: Path = CONFIG_PATH) -> DisputeConfig:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        return DisputeConfig(
            frozenset(data["official_actor_types"]),
            {w.lower(): m for m, words in data["measures"].items() for w in words},
            frozenset(data["event_measures"]),
            frozenset(data["deny_statuses"]),
            frozenset(data["affirm_statuses"]),
            type_labels(),
            float(data["match_similarity"]),
            frozenset(w.lower() for w in data["generic_speaker_heads"]),
            float(data["negation_weight"]),
            float(data["fact_similarity"]),
            int(data["fact_holder_words"]),
            float(data["one_outlet_weight"]),
            float(data["figure_similarity"]),
            int(data["tally_same_end_days"]),
            re.compile(
                r"\b(?:" + "|".join(re.escape(w) for w in data["official_speaker_words"]) + r")\b", re.IGNORECASE
            ),
            re.compile("|".join(data["late_in_day"]), re.IGNORECASE),
            re.compile("|".join(data["early_in_day"]), re.IGNORECASE),
            float(data["story_country_share"]),
            float(data["governed_similarity"]),
            frozenset(data["governed_statuses"]),
            int(data["quantity_span_days"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise ClaimgraphError(f"{path}: cannot read the dispute settings: {exc!r}") from exc
