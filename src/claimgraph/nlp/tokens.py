"""The tokenisations the stages need, one for each purpose, named by it.

They are not merged into one word regex: each stage's output was built on its own (a trained model's
features, lexicon word sets, hashed topic terms, offsets of cue windows), so re-splitting the words
of one would change that stage's output. What they share is that each purpose has exactly one
tokeniser, here, used wherever that purpose occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words and marks with their offsets, as the claim stage reads a sentence (cues, speakers, evidence
# windows, lexicon word sets): hyphenated and apostrophe'd words stay whole ("al-Zawahiri",
# "Taliban's"), "n't" stands alone, and each punctuation mark is a token of its own.
WORD_OR_MARK = re.compile(r"\w+(?:[-'’]\w+)*|n't|[^\w\s]")

# The words a sentence is scored on as a claim (checkworthiness): whitespace-separated runs holding a
# letter, punctuation attached ("Kabul," is one word), so a figure or a dash alone is not a word.
LETTERED_WORD = re.compile(r"[^\s]*[^\W\d_][^\s]*")

# Where a word begins: where an event trigger may start.
WORD_START = re.compile(r"\b\w")

# The stance model's words (lower-cased ASCII letters and digits, an apostrophe ending kept:
# "group's", "don't"): its shipped weights were trained on features counted over exactly these tokens.
_STANCE_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# A proposition's topic words: lower-case, hyphenated compounds whole ("cross-border"), as the
# clustering's hashed bag of words was tuned on.
_TOPIC_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

# An ACH lean's words: lower-case letter words, with the clause marks that bound a contrast or a
# concession kept as tokens of their own.
_LEAN_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[,;:]")


def stance_tokens(text: str) -> list[str]:
    """The words of ``text`` as the stance model and its cue windows count them."""
    return _STANCE_WORD.findall(text.lower())


def topic_words(low: str) -> list[str]:
    """The words of ``low`` (already lower-cased and normalised) a proposition's topic terms come from."""
    return _TOPIC_WORD.findall(low)


def lean_tokens(text: str) -> list[str]:
    """The words and clause marks (",", ";", ":") of ``text``, lower-cased, for an ACH lean."""
    return _LEAN_TOKEN.findall(text.lower())


def tagger_token_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    """The entity tagger's tokens (re3d's, which its CRF was trained on), given the abbreviations
    that keep their full stop. re3d splits every punctuation mark off ("al - Assad", "$ 2 . 80",
    "3 , 000") but keeps dotted initialisms (U.S., a.m.), single initials (J.) and those abbreviations."""
    abbrev_alt = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    return re.compile(
        rf"(?:{abbrev_alt})(?!\w)"  # Gen. / Dec. / Mr.
        r"|(?:[^\W\d_]\.){2,}"  # U.S. / a.m. / J.D.
        r"|[A-Z]\.(?=\s+[A-Z])"  # initial before a name: "J. Smith"
        r"|[^\W_]+"  # a word or number run
        r"|[^\w\s]|_",  # any other single character
    )
