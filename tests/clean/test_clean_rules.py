"""Loading, extending and validating the cleaning rules data files."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimgraph.clean as clean_pkg
from claimgraph.clean import CleaningRules, RulesError, clean_document, load_rules
from claimgraph.clean.rules import KINDS
from claimgraph.model import Source, new_document

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module


def clean(text: str, rules: CleaningRules | None = None) -> str:
    return clean_document(new_document(Source("inline.txt", "txt"), text), rules).clean_text


def test_packaged_rules_are_named_described_and_ordered():
    rules = load_rules()
    names = rules.names()
    assert len(names) == len(set(names))
    assert all(r.kind in KINDS and r.description for r in rules)
    # spans cut first, structure last (the order rules.yaml documents)
    assert names[0] == "invisible-char"
    assert names[-3:] == ["split-join", "repeated-line", "repeated-paragraph"]
    assert names.index("separator") < names.index("split-join")
    assert names.index("title") < names.index("byline")
    # not cached per process (a pipeline's Resources compile them once): two loads are equal
    again = load_rules()
    assert again is not rules and again == rules


def test_no_debris_literals_in_python_code():
    phrases = [p for r in load_rules() for p in r.phrases if len(p) > 6]
    assert "جاري تحميل الاقتراحات" in phrases
    code = "".join(p.read_text(encoding="utf-8").casefold() for p in Path(clean_pkg.__file__).parent.glob("*.py"))
    assert not [p for p in phrases if p in code]
    assert "check also" not in code and "about admin" not in code


def test_extra_rules_extend_replace_and_disable(fixtures_dir):
    rules = load_rules(extra=[fixtures_dir / "clean" / "extra_rules.yaml"])
    names = rules.names()
    assert "cookie-consent" not in names
    # a new rule goes after the last packaged rule of its kind
    last_line_rule = max(i for i, r in enumerate(rules) if r.kind == "line" and r.name != "kabul-times-promo")
    assert names.index("kabul-times-promo") == last_line_rule + 1
    text = (
        "The governor met elders in Asadabad on Monday.\n\nSubscribe to The Kabul Times for daily news\n\n"
        "Tap to load more posts\n\nWe use cookies to give you the best experience."
    )
    assert clean(text, rules) == (
        "The governor met elders in Asadabad on Monday.\n\nWe use cookies to give you the best experience."
    )
    assert (
        clean(text) == "The governor met elders in Asadabad on Monday.\n\n"
        "Subscribe to The Kabul Times for daily news\n\nTap to load more posts"
    )


def test_a_rules_file_can_replace_the_packaged_one(tmp_path):
    path = tmp_path / "only_arrows.yaml"
    path.write_text(
        "rules:\n  - name: arrows\n    kind: line\n    description: arrows only\n    patterns: ['[⬇↓]+\\ufe0f?']\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert rules.names() == ["arrows"]
    assert clean("Check Also\n⬇️\nText", rules) == "Check Also\n\nText"


def test_without_rules_only_whitespace_and_nfc_are_normalised():
    assert clean("  Check   Also\u0301 \n\n\n⬇️  ", CleaningRules(())) == "Check Alsó\n\n⬇️"


@pytest.mark.parametrize(
    "name, reason",
    [
        ("bad_pattern_rules.yaml", "rule 'broken' has a bad pattern"),
        ("bad_yaml_rules.yaml", "not valid YAML"),
        ("missing_rules.yaml", "cannot read rules file"),
    ],
)
def test_bad_rules_files_give_a_one_line_error_naming_the_file(fixtures_dir, name, reason):
    path = fixtures_dir / "clean" / name
    with pytest.raises(RulesError) as err:
        load_rules(extra=[path])
    message = str(err.value)
    assert message.startswith(f"{path}: ") and reason in message and "\n" not in message


@pytest.mark.parametrize(
    "spec, reason",
    [
        ("- name: x\n  kind: teleport\n  description: d\n", "has kind 'teleport'"),
        ("- name: x\n  kind: line\n  patterns: ['a']\n", "needs a description"),
        ("- name: x\n  kind: block\n  extent: forever\n  description: d\n  patterns: ['a']\n", "extent 'forever'"),
        ("- name: x\n  kind: span\n  description: d\n  patterns: ['<<nope>>']\n", "undefined <<nope>>"),
        ("- name: x\n  kind: byline\n  description: d\n  patterns: [{field: site, pattern: 'AT'}]\n", "no (?P<value>"),
        ("- name: x\n  kind: lexicon\n  description: d\n", "has no phrases"),
        ("- name: repeated-line\n  enabled: false\n- name: repeated-line\n  enabled: false\n", "unknown rule"),
    ],
)
def test_invalid_rules_are_rejected_with_the_reason(tmp_path, spec, reason):
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n" + "\n".join("  " + line for line in spec.splitlines()) + "\n", encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(extra=[path])
    assert reason in str(err.value) and str(err.value).startswith(str(path))


def test_numeric_parameters_are_checked(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - name: repeated-line\n    kind: repeated-line\n    description: d\n    min_chars: many\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match="min_chars must be a whole number"):
        load_rules(extra=[path])


def test_every_removal_rule_has_a_description(seed_news_path):
    doc = clean_document(
        new_document(Source(str(seed_news_path), "txt"), seed_news_path.read_text(encoding="utf-8")), RULES
    )
    reasons = load_rules().descriptions()
    assert all(reasons.get(r.rule) for r in doc.removals)
    assert "breadcrumb" in reasons and "whitespace" in reasons


def test_extra_rule_placed_before_a_named_rule(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - name: drop-editor-notes\n    kind: span\n    before: separator\n"
        "    description: bracketed editor notes\n    patterns: [' ?\\[Ed\\.[^\\]]*\\]']\n",
        encoding="utf-8",
    )
    rules = load_rules(extra=[path])
    assert rules.names().index("drop-editor-notes") == rules.names().index("separator") - 1
    assert clean("Officials denied it [Ed. updated]. More later.", rules) == "Officials denied it. More later."
