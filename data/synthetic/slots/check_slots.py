"""Check (never fix) the project-written slot evaluation set slots_dev.jsonl.

Usage: python data/synthetic/slots/check_slots.py [path]   (default: slots_dev.jsonl next to this file)
Checks JSON per line, fields and their types, ids, styles, types, date shape and consistency with doc_date
(a weekday named in the text must be the gold day's weekday, within the week before the page date), toll
intervals, empty slots for NONE, duplicates, and that no sentence is also a line of the training corpus.
Exit status 1 on any problem.
"""

import datetime as dt
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "events"
# The 30 CASE 2021 types and the six statement types of the event corpus (APPEAL and MEET are not yet in
# src/claimgraph/data/events/taxonomy.yaml), plus NONE for sentences with no specific event.
TYPES = set(
    "ABDUCT_DISSAP AGREEMENT AIR_STRIKE ARMED_CLASH ARREST ART_MISS_ATTACK ATTACK CHANGE_TO_GROUP_ACT CHEM_WEAP "
    "DISR_WEAP FORCE_AGAINST_PROTEST GOV_REGAINS_TERIT GRENADE HQ_ESTABLISHED MOB_VIOL NON_STATE_ACTOR_OVERTAKES_TER "
    "NON_VIOL_TERRIT_TRANSFER OTHER PEACE_PROTEST PROPERTY_DISTRUCT PROTEST_WITH_INTER REM_EXPLOS SEX_VIOL SUIC_BOMB "
    "VIOL_DEMONSTR ORG_CRIME NATURAL_DISASTER MAN_MADE_DISASTER DIPLO ATTRIB "
    "ACCUSE DENY THREATEN COOPERATE APPEAL MEET NONE".split()
)
STYLES = {"headline", "lead", "wire", "local", "statement", "post"}
PRECISIONS = {"day", "week", "month", "year", "range"}
FIELDS = {"id", "style", "doc_date", "text", "type", "date", "deaths", "injured", "place", "actor1", "actor2"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MIN_ITEMS = 200


def iso(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def check_date(rec: dict, doc: dt.date) -> list[str]:
    when = rec["date"]
    if when is None:
        return []
    if not isinstance(when, dict) or set(when) != {"start", "end", "precision"}:
        return ["date must be null or {start, end, precision}"]
    start, end = iso(when["start"]), iso(when["end"])
    if start is None or end is None:
        return ["date start/end must be ISO dates"]
    problems = [] if when["precision"] in PRECISIONS else [f"unknown precision {when['precision']!r}"]
    if start > end:
        problems.append("date start after end")
    if start > doc:
        problems.append("event date after the page date")
    named = [i for i, day in enumerate(WEEKDAYS) if re.search(rf"\b{day}\b", rec["text"], re.I)]
    # "said on Sunday ... a day earlier" names the statement's day, not the event's: skip those.
    relative = re.search(r"\bearlier\b|\bbefore\b|\d{1,2} [A-Z][a-z]+", rec["text"])
    if when["precision"] == "day" and named and not relative:
        if start.weekday() not in named and start != doc:
            problems.append(f"text names {[WEEKDAYS[i] for i in named]} but gold day is a {WEEKDAYS[start.weekday()]}")
        if not 0 <= (doc - start).days < 7:
            problems.append("weekday resolved more than a week before the page date")
    return problems


def check_tolls(rec: dict) -> list[str]:
    problems = []
    for key in ("deaths", "injured"):
        if not isinstance(rec[key], list):
            problems.append(f"{key} must be a list")
            continue
        for entry in rec[key]:
            if not isinstance(entry, dict) or set(entry) != {"group", "low", "high", "speaker"}:
                problems.append(f"{key} entry must be {{group, low, high, speaker}}")
                continue
            low, high = entry["low"], entry["high"]
            if not isinstance(entry["group"], str) or not entry["group"]:
                problems.append(f"{key} group must be a non-empty string")
            if not isinstance(low, int) or low < 0:
                problems.append(f"{key} low must be a non-negative integer")
            elif high is not None and (not isinstance(high, int) or high < low):
                problems.append(f"{key} high must be null or an integer >= low")
            if entry["speaker"] is not None and not isinstance(entry["speaker"], str):
                problems.append(f"{key} speaker must be a string or null")
    return problems


def check_record(rec: dict) -> list[str]:
    missing = FIELDS - set(rec)
    if missing:
        return [f"missing fields {sorted(missing)}"]
    problems = [] if rec.get("synthetic") is True else ["synthetic must be true"]
    if not re.fullmatch(r"s\d{3,}", str(rec["id"])):
        problems.append("id must look like s001")
    if rec["style"] not in STYLES:
        problems.append(f"unknown style {rec['style']!r}")
    if rec["type"] not in TYPES:
        problems.append(f"unknown type {rec['type']!r}")
    if not isinstance(rec["text"], str) or len(rec["text"]) < 15:
        problems.append("text must be a sentence")
    doc = iso(rec["doc_date"])
    if doc is None:
        return problems + ["doc_date must be an ISO date"]
    problems += check_date(rec, doc) + check_tolls(rec)
    place = rec["place"]
    if place is not None and (not isinstance(place, dict) or set(place) != {"name", "admin1", "country"}):
        problems.append("place must be null or {name, admin1, country}")
    for key in ("actor1", "actor2"):
        if rec[key] is not None and not isinstance(rec[key], str):
            problems.append(f"{key} must be a string or null")
    if rec["type"] == "NONE" and (rec["date"] or rec["deaths"] or rec["injured"] or rec["place"] or rec["actor1"]):
        problems.append("a NONE sentence carries no slots")
    return problems


def corpus_texts() -> set[str]:
    texts = set()
    for path in CORPUS.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                texts.add(re.sub(r"\{[A-Z0-9]+ |\}", "", line.split("|", 1)[-1]).strip().lower())
    return texts


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def nearest(text: str, corpus: set[str], limit: float = 0.45) -> str | None:
    """A corpus line sharing most of the sentence's words (Jaccard >= limit): a paraphrase would leak."""
    mine = words(text)
    for other in corpus:
        theirs = words(other)
        if mine and len(mine & theirs) / len(mine | theirs) >= limit:
            return other
    return None


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else HERE / "slots_dev.jsonl"
    in_corpus, seen_ids, seen_texts, failed, count = corpus_texts(), set(), set(), False, 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        count += 1
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            print(f"{path.name}:{number}: not JSON ({err})")
            failed = True
            continue
        problems = check_record(rec) if isinstance(rec, dict) else ["not a JSON object"]
        if rec.get("id") in seen_ids:
            problems.append("duplicate id")
        text = str(rec.get("text", "")).strip().lower()
        if text in seen_texts:
            problems.append("duplicate text")
        if text in in_corpus:
            problems.append("sentence is also in the training corpus")
        else:
            near = nearest(text, in_corpus)
            if near:
                problems.append(f"close paraphrase of a corpus line: {near[:70]}")
        seen_ids.add(rec.get("id"))
        seen_texts.add(text)
        for problem in problems:
            print(f"{path.name}:{number}: {rec.get('id')}: {problem}")
        failed |= bool(problems)
    if count < MIN_ITEMS:
        print(f"{path.name}: {count} items, want at least {MIN_ITEMS}")
        failed = True
    print(f"{path.name}: {count} items checked, {'problems found' if failed else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
