"""The cheap test before each span rule's regex: strings one of which every match contains.
It may only ever skip a search that could not have matched."""

from __future__ import annotations

import re

from claimgraph.clean import load_rules
from claimgraph.clean.steps import _required


def test_required_strings_read_off_patterns():
    assert _required(re.compile(r"[\u200C\u200D]+(?!\S)")) == ("\u200c", "\u200d")
    assert _required(re.compile(r"(?<=\S)[^\S\n]+#+[^\S\n]*$", re.M)) == ("#",)
    assert _required(re.compile(r"(?:ab|cd)x?")) == ("ab", "cd")
    # nothing every match must contain: no shortcut
    assert _required(re.compile(r"x?\s+")) is None
    assert _required(re.compile(r"a|\d")) is None
    assert _required(re.compile(r"abc", re.I)) is None


def test_every_shipped_span_rule_is_sound_on_its_own_matches(seed_thread_path):
    text = seed_thread_path.read_text(encoding="utf-8")
    for rule in load_rules():
        for pattern in rule.prefilters:
            required = _required(pattern)
            if required is None:
                continue
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    assert any(s in m.group() for s in required), (rule.name, m.group())
