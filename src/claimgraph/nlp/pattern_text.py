"""What a case-insensitive regular expression's own text says about its matches, read without
running it: the strings every match begins with (``prefixes``) and strings one of which every match
contains (``required_strings``). Stages use them to skip text no pattern can match with one cheap
scan of the lower-cased text.

Only plain pieces are read -- literals, escaped punctuation, small classes, ``\\d``, groups,
alternatives, quantifiers, ``\\b`` and lookarounds (which take no character); anything else counts
as "any text". So an answer may let through text that cannot match, but never hides text that can.
"""

from __future__ import annotations

import functools
import math
import re
from itertools import product
from typing import Iterator

_DIGITS = frozenset("0123456789")
# A character that a case-insensitive ASCII letter matches although it is not ASCII ("ſ" matches
# "s", "ı" "i", "K" "k"): once lower-cased it may no longer spell the letter a pattern has.
_FOLDS_TO_ASCII = re.compile(r"[^\x00-\x7f](?<=(?i:[a-z0-9_]))")
_VERBOSE = re.compile(r"\(\?[aiLmsu]*x")  # spaces in a verbose pattern are not characters to match


def closing(pattern: str, i: int) -> int:
    """Index of the parenthesis closing the one at ``pattern[i]``."""
    depth, j, in_class = 0, i, False
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise ValueError(f"unbalanced parenthesis in {pattern!r}")


def alternatives(pattern: str) -> list[str]:
    """The top-level branches of ``a|b|(c|d)``."""
    out, start, i = [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "(":
            i = closing(pattern, i) + 1
            continue
        if c == "[":
            i = pattern.index("]", i + 2) + 1
            continue
        if c == "|":
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return out + [pattern[start:]]


def _quantifier(pattern: str, i: int) -> tuple[int, float, int]:
    """(fewest, most repeats of the item ending before ``i``, index after its quantifier)."""
    if i < len(pattern) and pattern[i] in "?*+":
        low, high = {"?": (0, 1), "*": (0, math.inf), "+": (1, math.inf)}[pattern[i]]
        i += 1
    elif (braces := re.match(r"\{(\d*)(,?)(\d*)\}", pattern[i:])) is not None:
        low = int(braces.group(1) or 0)
        high = int(braces.group(3)) if braces.group(3) else (math.inf if braces.group(2) else low)
        i += braces.end()
    else:
        return 1, 1, i
    if i < len(pattern) and pattern[i] in "?+":  # lazy or possessive: the same characters
        i += 1
    return low, high, i


def _class_members(members: str) -> frozenset[str] | None:
    """The lower-case characters of a class like ``[- ]``, ``[sz]``, ``[0-3]``; None if not plain."""
    if members.startswith("^") or "\\" in members or not members.isascii():
        return None
    out: set[str] = set()
    i = 0
    while i < len(members):
        if i + 2 < len(members) and members[i + 1] == "-":
            out.update(chr(c).lower() for c in range(ord(members[i]), ord(members[i + 2]) + 1))
            i += 3
        else:
            out.add(members[i].lower())
            i += 1
    return frozenset(out)


def _items(branch: str) -> Iterator[tuple[str, object, int, float]]:
    """(kind, value, fewest, most) for each item of one branch. Kinds: "chars" (value: the lower-case
    characters it matches), "group" (value: its pattern), "empty" (takes no character) and "any"."""
    i = 0
    while i < len(branch):
        c = branch[i]
        kind, value = "any", None
        if c == "\\":
            escaped = branch[i + 1]
            i += 2
            if escaped == "b":
                kind = "empty"
            elif escaped == "d":
                kind, value = "chars", _DIGITS
            elif escaped.isascii() and not escaped.isalnum():
                kind, value = "chars", frozenset(escaped)
        elif c == "(":
            end = closing(branch, i)
            inner = branch[i + 1:end]
            i = end + 1
            if not inner.startswith("?"):
                kind, value = "group", inner
            elif inner[1:2] in ("=", "!") or inner[1:3] in ("<=", "<!"):
                kind = "empty"  # a lookaround
            elif (opening := re.match(r"\?(?:[aiLmsux]*-?[aiLmsux]*:|P<\w+>)", inner)) is not None:
                kind, value = "group", inner[opening.end():]
        elif c == "[":
            end = branch.index("]", i + 2)
            members = _class_members(branch[i + 1:end])
            i = end + 1
            if members is not None:
                kind, value = "chars", members
        else:
            i += 1
            if c not in ".^$*+?{}|)" and c.isascii():
                kind, value = "chars", frozenset(c.lower())
        low, high, i = _quantifier(branch, i)
        yield kind, value, low, high


def prefixes(pattern: str, length: int) -> set[str]:
    """Lower-case strings every match of ``pattern`` begins with, each ``length`` characters long or
    shorter where the text stops being plain (``\\w``, after a repeat) or a match may end. "" means
    a match may begin with anything."""
    if _VERBOSE.search(pattern):
        return {""}
    return {s for s, _ in _prefixes(pattern, length)}


def _prefixes(pattern: str, length: int) -> set[tuple[str, bool]]:
    """(prefix, whether the match may go on after it as the pattern's text says)."""
    out: set[tuple[str, bool]] = set()
    for branch in alternatives(pattern):
        current = {("", True)}
        for kind, value, low, high in _items(branch):
            if not any(more for _, more in current):
                break
            if kind == "empty" or high == 0:
                continue
            if kind == "chars":
                item = {(c, True) for c in value}
            elif kind == "group":
                item = _prefixes(value, length)
            else:
                item = {("", False)}
            if high > 1:
                item = {(s, False) for s, _ in item}  # what follows a repeat is not plain
            if low == 0:
                item.add(("", True))
            grown = set()
            for s, more in current:
                if not more:
                    grown.add((s, False))
                    continue
                for t, t_more in item:
                    joined = s + t
                    grown.add((joined[:length], False) if len(joined) >= length else (joined, t_more))
            current = grown
        out |= current
    return out


def required_strings(pattern: str, most: int = 256) -> set[str] | None:
    """Lower-case strings at least one of which is in every match of ``pattern``; None when its text
    guarantees none. Each branch gives its best run of consecutive plain items (the longest shortest
    string, then the fewest strings, at most ``most``)."""
    if _VERBOSE.search(pattern):
        return None
    out: set[str] = set()
    for branch in alternatives(pattern):
        found = _required_in_branch(branch, most)
        if found is None:
            return None
        out |= found
    return _without_longer(out)


def _required_in_branch(branch: str, most: int) -> set[str] | None:
    runs: list[set[str]] = []
    run = {""}  # what the current run of plain items spells
    for kind, value, low, high in _items(branch):
        spelled = _language(kind, value, low, high, most)
        if spelled is not None and len(run) * len(spelled) <= most:
            run = {a + b for a, b in product(run, spelled)}
            continue
        runs.append(run)
        run = spelled if spelled is not None else {""}
        if spelled is None and kind == "group" and low >= 1:
            inner = required_strings(value, most)
            if inner is not None:
                runs.append(inner)
    runs.append(run)
    runs = [r for r in runs if "" not in r]  # a run that may be empty guarantees nothing
    if not runs:
        return None
    return max(runs, key=lambda r: (min(map(len, r)), -len(r)))


def _language(kind: str, value, low: int, high: float, most: int) -> set[str] | None:
    """Every string the item matches (lower-case), or None when that is not plain or more than ``most``."""
    if kind == "empty" or high == 0:
        return {""}
    if kind == "chars":
        once: set[str] | None = set(value)
    elif kind == "group":
        once = _group_language(value, most)
    else:
        return None
    if once is None or high > 1:
        return None
    return once | {""} if low == 0 else once


def _group_language(pattern: str, most: int) -> set[str] | None:
    out: set[str] = set()
    for branch in alternatives(pattern):
        spelled = {""}
        for kind, value, low, high in _items(branch):
            item = _language(kind, value, low, high, most)
            if item is None or len(spelled) * len(item) > most:
                return None
            spelled = {a + b for a, b in product(spelled, item)}
        out |= spelled
    return out if len(out) <= most else None


def _without_longer(strings: set[str]) -> set[str]:
    """Drop each string that contains another: finding the shorter one is enough."""
    return {s for s in strings if not any(t != s and t in s for t in strings)}


def trie_alternation(strings: set[str]) -> str:
    """``strings`` as one alternation shaped like a trie, so the regex engine tests each character
    once instead of every string in turn. A string that is a prefix of another ends its branch: ""
    matches anywhere; no strings match nowhere."""
    if not strings:
        return "(?!)"
    trie: dict = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if "" in node:
            return ""
        parts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return emit(trie)


def needs_scan(pattern: str) -> re.Pattern | None:
    """A search of lower-cased text that finds something wherever ``pattern`` could match (its
    ``required_strings`` as one trie); None when the pattern's text guarantees no string."""
    strings = required_strings(pattern)
    return re.compile(trie_alternation(strings)) if strings else None


def lowered(text: str) -> str | None:
    """``text`` lower-cased, offset for offset, when matching lower-case patterns in it is exactly
    case-insensitive matching in ``text``; None when lower-casing could hide or change a match: a
    character that lowers to several, one an ASCII letter matches only case-insensitively ("ſ",
    "ı", the Kelvin sign), or one ``lowers_plainly`` rejects. Scanning the lower-cased text without
    IGNORECASE lets the regex engine skip to the characters a pattern can start with."""
    low = text.lower()
    if text.isascii():
        return low
    if len(low) != len(text) or _FOLDS_TO_ASCII.search(text) or not all(map(lowers_plainly, set(text))):
        return None
    return low


@functools.lru_cache(maxsize=4096)
def lowers_plainly(char: str) -> bool:
    """Whether ``char`` lowers to one character that is its own lower case's lower case — not "İ"
    (two characters), "ſ" or "ı" (IGNORECASE also equates them with "s" and "i"), nor "Σ" (whose lower
    case depends on the next letter) — and stays a word character or not."""
    low = char.lower()
    return char.isascii() or (char != "Σ" and len(low) == 1 and low.upper().lower() == low
                              and char.isalnum() == low.isalnum())


# ``lowered`` of a whole document, kept for the last few: each sentence's checks read the same one
# (same offsets as the text), as the events stage's sentences share one sentence split.
lowered_document = functools.lru_cache(maxsize=8)(lowered)
