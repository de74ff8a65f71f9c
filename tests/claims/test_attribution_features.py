"""The role head's dependency path over a sentence's index lists (claims/attribution_features.Tree,
``tree_path``): the same relation and second step as ``path_to``'s walk over spaCy tokens, for every
pair of words of project-written sentences in several styles."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy", reason="the role features read the spaCy parse (the events extra)")

from claimgraph.claims.attribution_features import Tree, path_to, quote_depth, role_features, tree_path  # noqa: E402
from claimgraph.events.parse import ParserMissing, load_parser  # noqa: E402

try:
    PARSER = load_parser()
except ParserMissing:  # pragma: no cover - the events extra without the weights
    pytest.skip("the pinned parser weights are not installed", allow_module_level=True)

SENTENCES = (
    "The army said in a statement on Tuesday that its troops had killed 12 insurgents near Marawi.",
    "“We were not there,” a spokesman for the rebels told Reuters by telephone, denying the attack.",
    "Police in Lagos denied reports that officers fired on protesters, calling them fake news.",
    "Two soldiers were wounded when a roadside bomb hit their patrol, according to local officials.",
    "Ukraine's defence ministry claimed responsibility for the strike; Moscow said it downed all drones.",
    "Residents said gunmen, who arrived on motorcycles, burned the market and left before dawn.",
)


def test_tree_path_is_path_to_for_every_pair_of_words():
    for text in SENTENCES:
        sdoc = PARSER(text)
        tree = Tree(sdoc)
        for cue in sdoc:
            for t in sdoc:
                assert tree_path(tree, cue.i, t.i) == path_to(cue, t), (text, cue.text, t.text)


def test_role_features_with_the_tree_are_the_same_features():
    sdoc = PARSER(SENTENCES[1])
    quotes, tree = quote_depth(sdoc), Tree(sdoc)
    cue = next(t for t in sdoc if t.lower_ == "told")
    for t in sdoc:
        assert role_features(cue, t, quotes, {cue.i}, tree) == role_features(cue, t, quotes, {cue.i})
