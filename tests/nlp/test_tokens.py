"""The one tokeniser module: each purpose's tokenisation, on the example corpus, and defined only there."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from claimgraph.entities.ner import tokenize
from claimgraph.nlp.tokens import (
    LETTERED_WORD,
    WORD_OR_MARK,
    WORD_START,
    lean_tokens,
    stance_tokens,
    tagger_token_pattern,
    topic_words,
)

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"
LINE = next(
    line
    for line in (CORPUS / "kabul_ledger_surkhrod_bombing.txt").read_text(encoding="utf-8").splitlines()
    if "al-Tajiki" in line
)
DETENTIONS = (CORPUS / "hindu_kush_observer_kabul_detentions.txt").read_text(encoding="utf-8")


def test_claim_words_and_marks_keep_offsets_and_compounds():
    tokens = [(m.start(), m.end(), m.group()) for m in WORD_OR_MARK.finditer(LINE)]
    assert all(LINE[s:e] == t for s, e, t in tokens)
    words = [t for _, _, t in tokens]
    assert "al-Tajiki" in words and '"' in words and "(" in words and "ISKP" in words
    assert "Taliban's" in [m.group() for m in WORD_OR_MARK.finditer(DETENTIONS)]
    assert WORD_OR_MARK.findall("They didn't say.") == ["They", "didn't", "say", "."]


def test_checkworthiness_words_need_a_letter():
    words = LETTERED_WORD.findall("Amaq, 25, was higher – than 7 others.")
    assert words == ["Amaq,", "was", "higher", "than", "others."]


def test_word_starts():
    assert [m.start() for m in WORD_START.finditer("A suicide bomber")] == [0, 2, 10]


def test_stance_topic_and_lean_tokens_differ_where_their_models_need():
    text = "The Taliban's cross-border raid: 12 killed, officials said."
    assert stance_tokens(text) == ["the", "taliban's", "cross", "border", "raid", "12", "killed", "officials", "said"]
    assert topic_words(text.lower()) == [
        "the",
        "taliban's",
        "cross-border",
        "raid",
        "12",
        "killed",
        "officials",
        "said",
    ]
    assert lean_tokens(text) == ["the", "taliban's", "cross", "border", "raid", ":", "killed", ",", "officials", "said"]


def test_tagger_tokens_are_re3d_tokens():
    abbreviations = [
        line.strip()
        for line in (resources.files("claimgraph") / "data" / "lexicons" / "ner" / "abbreviations.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip() and not line.startswith("#")
    ]
    pattern = tagger_token_pattern(abbreviations)
    text = "Gen. Smith met U.S. envoys; J. Doe paid $2.80 for 3,000 rounds."
    assert [m.group() for m in pattern.finditer(text)] == [
        "Gen.",
        "Smith",
        "met",
        "U.S.",
        "envoys",
        ";",
        "J.",
        "Doe",
        "paid",
        "$",
        "2",
        ".",
        "80",
        "for",
        "3",
        ",",
        "000",
        "rounds",
        ".",
    ]
    assert [(m.start(), m.end(), m.group()) for m in pattern.finditer(DETENTIONS)] == tokenize(DETENTIONS)


def test_each_tokeniser_is_defined_only_in_nlp_tokens():
    sources = [
        r"\w+(?:[-'’]\w+)*|n't|[^\w\s]",
        r"[^\s]*[^\W\d_][^\s]*",
        r"[a-z0-9]+(?:'[a-z]+)?",
        r"[a-z0-9]+(?:[-'][a-z0-9]+)*",
        r"[a-z]+(?:'[a-z]+)?|[,;:]",
        r"|(?:[^\W\d_]\.){2,}",
    ]
    package = REPO / "src" / "claimgraph"
    for path in package.rglob("*.py"):
        if path != package / "nlp" / "tokens.py":
            code = path.read_text(encoding="utf-8")
            assert not [s for s in sources if s in code], path
