"""The figures lexicon: the shipped file loads; a bad one is refused naming the file and why."""

import pytest

from claimgraph.figures.lexicon import FigureLexicon, FigureLexiconError


def test_the_shipped_lexicon_loads():
    lex = FigureLexicon.load()
    assert lex.group_of["villagers"] == "civilians" and lex.before_words["shot dead"] == "killed"
    assert "Chinese" in lex.nationalities and lex.number.fullmatch("twenty-five")


def test_a_bad_lexicon_names_its_file(tmp_path):
    bad = tmp_path / "figures.yaml"
    bad.write_text("groups:\n  civilians: [villagers]\n  pirates: [buccaneers]\n", encoding="utf-8")
    with pytest.raises(FigureLexiconError, match="figures.yaml"):
        FigureLexicon.load(bad)
    bad.write_text("groups: [not, a, mapping\n", encoding="utf-8")
    with pytest.raises(FigureLexiconError, match="not a usable figures lexicon"):
        FigureLexicon.load(bad)
