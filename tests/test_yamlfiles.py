"""The package's YAML reader: data files are lists of words and codes, so YAML 1.1's word booleans stay
words (Norway's code `NO`, the preposition `on`, `yes`, `off`), and only true/false are booleans."""

from claimgraph.entities.extract import load_demonyms
from claimgraph.entities.matcher import surface_keys
from claimgraph.entities.places import Gazetteer
from claimgraph.yamlfiles import load_yaml


def test_word_booleans_stay_strings_and_true_false_stay_booleans():
    data = load_yaml("words: [on, off, yes, no, Yes, NO]\nNO: Norway\nflag: true\nother: False\nn: 3\n")
    assert data["words"] == ["on", "off", "yes", "no", "Yes", "NO"]
    assert data["NO"] == "Norway"
    assert data["flag"] is True and data["other"] is False and data["n"] == 3


def test_a_norwegian_is_from_norway():
    """`NO:` in country_aliases.yaml was read as the boolean False, so the demonym pointed at no country."""
    demonyms = load_demonyms(Gazetteer.load())
    assert {demonyms[key] for key in surface_keys("Norwegian")} == {"NO"}
