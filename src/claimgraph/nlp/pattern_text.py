"""What a regular expression's own text says about its matches, read without running it: the
strings every match begins with (``prefixes``) and strings one of which every match contains
(``required_strings``). Stages use them to skip text no pattern can match with one cheap scan: of
the lower-cased text for a case-insensitive pattern (events, claims, dates), of the text itself for
a case-sensitive one (``case_sensitive=True``: the clean stage's span rules).

Only plain pieces are read -- literals, escapes of one character, small classes, ``\\d``, groups,
alternatives, quantifiers, ``\\b`` and lookarounds (which take no character); anything else counts
as "any text". So an answer may let through text that cannot match, but never hides text that can.
The pattern's text is read by this module, not by CPython's private ``re._parser``.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import product

_DIGITS = frozenset("0123456789")
# A character that a case-insensitive ASCII letter matches although it is not ASCII ("ſ" matches
# "s", "ı" "i", "K" "k"): once lower-cased it may no longer spell the letter a pattern has.
_FOLDS_TO_ASCII = re.compile(r"[^\x00-\x7f](?<=(?i:[a-z0-9_]))")
_VERBOSE = re.compile(r"\(\?[aiLmsu]*x")  # spaces in a verbose pattern are not characters to match
_IGNORE_CASE = re.compile(r"\(\?[aLmsux]*i[aLmsux]*\)")  # a whole pattern made case-insensitive


def closing(pattern: str, i: int) -> int:
    """Index of the parenthesis closing the one at ``pattern[i]``."""
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = class_end(pattern, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    raise ValueError(f"unbalanced parenthesis in {pattern!r}")


def class_end(pattern: str, i: int) -> int:
    """Index after the character class opening at ``pattern[i]`` (``[]x]`` and ``[x\\]]`` hold a "]")."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


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
            i = class_end(pattern, i)
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


_MAX_CLASS = 64  # a case-sensitive class of more characters (a range of a script) counts as any text
_CONTROL_ESCAPES = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def _escaped(pattern: str, i: int) -> tuple[str | None, int]:
    """(the one character the escape at ``pattern[i]`` (a backslash) stands for, or None for a class,
    an assertion or a group reference; the index after the escape)."""
    c = pattern[i + 1]
    if c in "xuU":
        n = {"x": 2, "u": 4, "U": 8}[c]
        return chr(int(pattern[i + 2 : i + 2 + n], 16)), i + 2 + n
    if c == "N":
        end = pattern.index("}", i)
        return unicodedata.lookup(pattern[i + 3 : end]), end + 1
    if c.isdigit():  # an octal escape or a group reference: neither is read
        end = i + 2
        while end < len(pattern) and end < i + 4 and pattern[end].isdigit():
            end += 1
        return None, end
    if c in _CONTROL_ESCAPES:
        return _CONTROL_ESCAPES[c], i + 2
    return (c if not c.isalnum() else None), i + 2


def _class_members(members: str, case_sensitive: bool) -> frozenset[str] | None:
    """The characters of a class like ``[- ]``, ``[sz]``, ``[0-3]``, lower-case unless
    ``case_sensitive``; None if not plain. The case-insensitive reading takes ASCII classes without
    escapes; the case-sensitive one also escapes of one character (``\\u200B``) and other scripts,
    up to _MAX_CLASS characters."""
    if members.startswith("^") or not case_sensitive and ("\\" in members or not members.isascii()):
        return None
    items: list[tuple[str, bool]] = []  # (character, whether it is a "-" that may make a range)
    i = 0
    while i < len(members):
        if members[i] == "\\":
            ch, i = _escaped(members, i)
            if ch is None:  # \s, \w, \d ...: too many characters
                return None
            items.append((ch, False))
        else:
            items.append((members[i], members[i] == "-"))
            i += 1
    out: set[str] = set()
    k = 0
    while k < len(items):
        if k + 2 < len(items) and items[k + 1][1]:
            low, high = ord(items[k][0]), ord(items[k + 2][0])
            if case_sensitive and high - low >= _MAX_CLASS:
                return None
            out.update(map(chr, range(low, high + 1)))
            k += 3
        else:
            out.add(items[k][0])
            k += 1
    if case_sensitive:
        return frozenset(out) if len(out) <= _MAX_CLASS else None
    return frozenset(ch.lower() for ch in out)


# the flags part of a group opening; a case-sensitive reading of a group with "i" in it is "any text"
_GROUP_OPENING = re.compile(r"\?(?:(?P<flags>[aiLmsux]*)(?:-[aiLmsux]*)?:|P<\w+>)")


def _items(branch: str, case_sensitive: bool = False) -> Iterator[tuple[str, object, int, float]]:
    """(kind, value, fewest, most) for each item of one branch. Kinds: "chars" (value: the characters
    it matches, lower-case unless ``case_sensitive``), "group" (value: its pattern), "empty" (takes
    no character) and "any"."""
    i = 0
    while i < len(branch):
        c = branch[i]
        kind, value = "any", None
        if c == "\\":
            escape = branch[i + 1]
            ch, i = _escaped(branch, i)
            if escape == "b":
                kind = "empty"
            elif escape == "d" and not case_sensitive:  # (read case-sensitively, \d is any Unicode digit)
                kind, value = "chars", _DIGITS
            elif ch is not None and (case_sensitive or ch.isascii()):
                kind, value = "chars", frozenset(ch if case_sensitive else ch.lower())
        elif c == "(":
            end = closing(branch, i)
            inner = branch[i + 1 : end]
            i = end + 1
            if not inner.startswith("?"):
                kind, value = "group", inner
            elif inner[1:2] in ("=", "!") or inner[1:3] in ("<=", "<!"):
                kind = "empty"  # a lookaround
            elif (opening := _GROUP_OPENING.match(inner)) is not None:
                if not (case_sensitive and "i" in (opening.group("flags") or "")):
                    kind, value = "group", inner[opening.end() :]
        elif c == "[":
            end = class_end(branch, i)
            members = _class_members(branch[i + 1 : end - 1], case_sensitive)
            i = end
            if members is not None:
                kind, value = "chars", members
        else:
            i += 1
            if c not in ".^$*+?{}|)" and (case_sensitive or c.isascii()):
                kind, value = "chars", frozenset(c if case_sensitive else c.lower())
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


def required_strings(pattern: str, most: int = 256, case_sensitive: bool = False) -> set[str] | None:
    """Strings at least one of which is in every match of ``pattern`` (lower-case: in the lower-cased
    text, unless ``case_sensitive``); None when its text guarantees none. Each branch gives its best
    run of consecutive plain items (the longest shortest string, then the fewest strings, at most
    ``most``)."""
    if _VERBOSE.search(pattern) or case_sensitive and _IGNORE_CASE.match(pattern):
        return None
    out: set[str] = set()
    for branch in alternatives(pattern):
        found = _required_in_branch(branch, most, case_sensitive)
        if found is None:
            return None
        out |= found
    return _without_longer(out)


def _required_in_branch(branch: str, most: int, case_sensitive: bool) -> set[str] | None:
    runs: list[set[str]] = []
    run = {""}  # what the current run of plain items spells
    for kind, value, low, high in _items(branch, case_sensitive):
        spelled = _language(kind, value, low, high, most, case_sensitive)
        if spelled is not None and len(run) * len(spelled) <= most:
            run = {a + b for a, b in product(run, spelled)}
            continue
        runs.append(run)
        run = spelled if spelled is not None else {""}
        if spelled is None and low >= 1:  # a repeated item taken at least once: what it takes once
            if kind == "group":
                inner = required_strings(value, most, case_sensitive)
                if inner is not None:
                    runs.append(inner)
            elif kind == "chars" and len(value) <= most:
                runs.append(set(value))
    runs.append(run)
    runs = [r for r in runs if "" not in r]  # a run that may be empty guarantees nothing
    if not runs:
        return None
    return max(runs, key=lambda r: (min(map(len, r)), -len(r)))


def _language(kind: str, value, low: int, high: float, most: int, case_sensitive: bool) -> set[str] | None:
    """Every string the item matches, or None when that is not plain or more than ``most``."""
    if kind == "empty" or high == 0:
        return {""}
    if kind == "chars":
        once: set[str] | None = set(value)
    elif kind == "group":
        once = _group_language(value, most, case_sensitive)
    else:
        return None
    if once is None or high > 1:
        return None
    return once | {""} if low == 0 else once


def _group_language(pattern: str, most: int, case_sensitive: bool) -> set[str] | None:
    out: set[str] = set()
    for branch in alternatives(pattern):
        spelled = {""}
        for kind, value, low, high in _items(branch, case_sensitive):
            item = _language(kind, value, low, high, most, case_sensitive)
            if item is None or len(spelled) * len(item) > most:
                return None
            spelled = {a + b for a, b in product(spelled, item)}
        out |= spelled
    return out if len(out) <= most else None


def _without_longer(strings: set[str]) -> set[str]:
    """Drop each string that contains another: finding the shorter one is enough."""
    return {s for s in strings if not any(t != s and t in s for t in strings)}


def trie_alternation(strings: Iterable[str]) -> str:
    """``strings`` as one alternation shaped like a trie, so the regex engine tests each character
    once instead of every string in turn. Every string matches: where one is a prefix of another
    ("in", "inside"; "suburb", "suburbs") the rest of the longer one is an optional greedy group, so
    the longer is tried first and the shorter where what follows rules the longer out (a ``\\b``
    after the alternation, say). "" matches anywhere; no strings match nowhere."""
    trie: dict = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return "(?!)"

    def emit(node: dict) -> str:
        parts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        if len(parts) > 1:
            body = "(?:" + "|".join(parts) + ")"
            return body + "?" if "" in node else body
        return f"(?:{parts[0]})?" if "" in node else parts[0]

    return emit(trie)


def word_trie(phrases: Iterable[str]) -> str:
    """The phrases lower-cased and single-spaced, as ``trie_alternation`` shapes them: the word lists of
    the figures lexicon, the locative cues and the actor phrases (data files that write "Police  Station"
    and "police station" alike)."""
    return trie_alternation({" ".join(p.lower().split()) for p in phrases})


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
    return char.isascii() or (
        char != "Σ" and len(low) == 1 and low.upper().lower() == low and char.isalnum() == low.isalnum()
    )


# ``lowered`` of a whole document, kept for the last few: each sentence's checks read the same one
# (same offsets as the text), as the events stage's sentences share one sentence split.
lowered_document = functools.lru_cache(maxsize=8)(lowered)
