"""Counts that are not what they are read as (issues 14.4 and 16.2): an age is no count ("a 52-year-old
farmer", "Soldier, 22, killed", "aged 7 and 9"), a step on a toll is no toll of its own ("two more bodies",
"another three died"; "a fourth soldier died" says the toll stands at four at least), and what happened to the
people counted is no size of their group ("23 members of the NPA surrendered"). The sentence reader
(``figures.reader``) asks these; the words are data (data/figures/counts.yaml).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from claimgraph.nlp.pattern_text import word_trie
from claimgraph.yamlfiles import load_yaml

# words a scan for what happened to a count runs across: an of-phrase ("members of the New People's Army"),
# auxiliaries and adverbs ("have reportedly"); any other function word ends it
_ACROSS = frozenset(
    "of the a an its their his her our have has had were was are is been all both reportedly allegedly also "
    "later subsequently since then now".split()
)
_ENDS = frozenset("in at on near from with by and or but who which that when after before while as for to".split())
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SCAN_WORDS = 8
_AGE_KEY = re.compile(r"\b(?:old|aged|age)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CountRules:
    ages: re.Pattern  # an age phrase anywhere
    age_aside: re.Pattern  # an age right after a noun: ", aged 7 and 9,", " aged 60", ", 40,", " (40)"
    age_of: re.Pattern  # "of 70" right after one person's noun
    age_comma: re.Pattern
    step_before: re.Pattern  # ends right before a count
    step_after: re.Pattern  # starts right after a number
    ordinals: dict[str, int]
    ordinal: re.Pattern
    happened: frozenset[str]
    being: frozenset[str]
    age_of_heads: frozenset[str]


@functools.cache
def load_rules() -> CountRules:
    data = load_yaml((resources.files("claimgraph") / "data" / "figures" / "counts.yaml").read_text(encoding="utf-8"))
    quantities = load_yaml(
        (resources.files("claimgraph") / "data" / "lexicons" / "quantities.yaml").read_text(encoding="utf-8")
    )
    presence = load_yaml(
        (resources.files("claimgraph") / "data" / "figures" / "presence.yaml").read_text(encoding="utf-8")
    )
    words = [w for w in quantities["units"] if w not in ("a", "an", "zero")]
    number = r"(?:\d{1,3}|" + word_trie(words) + r"(?:-" + word_trie(words) + r")?)"
    ages = [p.replace("{N}", number) for p in data["ages"]]
    aged = [p for p in ages if not p.startswith(number)]  # the ones a noun may be followed by
    ordinals = {k.lower(): int(v) for k, v in data["ordinals"].items()}
    return CountRules(
        ages=re.compile("|".join(f"(?:{p})" for p in ages), re.IGNORECASE),
        age_aside=re.compile(
            r"\s*,?\s*(?:" + "|".join(f"(?:{p})" for p in aged) + r")\s*,?|" + data["age_comma"], re.IGNORECASE
        ),
        age_of=re.compile(r"\s+of\s+\d{1,3}\b", re.IGNORECASE),
        age_comma=re.compile(data["age_comma"]),
        step_before=re.compile(r"\b(?:" + word_trie(data["step_before"]) + r")\s+$", re.IGNORECASE),
        step_after=re.compile(r"\s+(?:" + word_trie(data["step_after"]) + r")\b", re.IGNORECASE),
        ordinals=ordinals,
        ordinal=re.compile(r"\b(?:" + word_trie(list(ordinals)) + r")\b", re.IGNORECASE),
        happened=frozenset(w.lower() for w in data["happened"]),
        # the words of being somewhere a count of a force in a place uses ("crossed into", "arrived in") too
        being=frozenset(w.lower() for w in [*data["being"], *presence["presence_words"]]),
        age_of_heads=frozenset(w.lower() for w in data["age_of_heads"]),
    )


def age_spans(text: str, s: int, e: int, person_heads: frozenset[str], rules: CountRules) -> list[tuple[int, int]]:
    """The spans of ``text[s:e]`` that give someone's age: their numbers are no counts. A bare number between
    commas (or in parentheses) is an age only right after a capitalised word or one person's noun ("Ahmed Nur,
    40,", "a farmer, 58,"), never after a count ("12 soldiers, 40 civilians")."""
    # every age phrase holds "old", "aged" or "age": a cheap first test (the phrases start at a number word)
    spans = [(m.start(), m.end()) for m in rules.ages.finditer(text, s, e)] if _AGE_KEY.search(text, s, e) else []
    for m in rules.age_comma.finditer(text, s, e):
        before = _WORD.findall(text[max(s, m.start() - 30) : m.start()])
        if before and (before[-1][:1].isupper() or before[-1].lower() in person_heads):
            spans.append((m.start(), m.end()))
    for m in rules.age_of.finditer(text, s, e):
        before = _WORD.findall(text[max(s, m.start() - 20) : m.start()])
        if before and before[-1].lower() in rules.age_of_heads:
            spans.append((m.start(), m.end()))
    return spans


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def skip_age(text: str, pos: int, e: int, rules: CountRules) -> int:
    """Where the words after an age told right after a noun start (", aged 7 and 9, were killed" -> at "were"),
    else ``pos``."""
    m = rules.age_aside.match(text, pos, e)
    if m is None or not re.search(r"\d|[a-z]", m.group()):
        return pos
    comma = re.match(r"\s*,", text[m.end() : e])
    return m.end() + (comma.end() if comma else 0)


def is_step(text: str, start: int, num_end: int, s: int, e: int, rules: CountRules) -> bool:
    """Whether the count at ``start`` (its number ending at ``num_end``) adds to a toll told elsewhere:
    "another three", "a further four", "two more", "six additional"."""
    return bool(rules.step_before.search(text, max(s, start - 16), start)) or bool(
        rules.step_after.match(text, num_end, e)
    )


def ordinal_in(text: str, start: int, end: int, rules: CountRules) -> int | None:
    """The ordinal of a one-person phrase ("A fourth soldier", "Fifth civilian"), else None."""
    m = rules.ordinal.search(text, start, end)
    return rules.ordinals[m.group().lower()] if m else None


def happened_after(text: str, pos: int, e: int, rules: CountRules) -> bool:
    """Whether a verb saying something happened to the people counted follows the count ending at ``pos``,
    across its of-phrase and auxiliaries: "23 members of the New People's Army surrendered", "140 members have
    defected", "15 fighters escaped". A word of being somewhere or something ("based", "deployed", "estimated")
    is no such verb; a clause break or another function word ends the scan."""
    last = pos
    for k, w in enumerate(_WORD.finditer(text, pos, e)):
        if k >= _SCAN_WORDS or text[last : w.start()].strip():
            return False  # punctuation between: the phrase ended
        last, word = w.end(), w.group().lower()
        if word in _ACROSS:
            continue
        if word in rules.being or word in _ENDS:
            return False
        if word in rules.happened or (word.endswith("ed") and len(word) > 4 and w.group()[:1].islower()):
            return True
    return False
