"""The learned role head ships in its own model files (data/models/events_roles.*), apart from the trigger heads."""

import pytest

from claimgraph.events.features import HASH_DIM
from claimgraph.events.learned import ROLE_MODEL_NAME, ModelUnavailable, load_heads, model_dir


def test_role_head_loads_from_its_own_files():
    (head,) = load_heads(model_dir(), ROLE_MODEL_NAME, ("role",))
    assert set(head.labels) == {"A1", "A2", "VIC", "PLACE", "TIME", "INST", "NONE"}
    assert head.sparse.shape == (HASH_DIM, len(head.labels))


def test_missing_role_files_name_the_file(tmp_path):
    with pytest.raises(ModelUnavailable, match="events_roles"):
        load_heads(tmp_path, ROLE_MODEL_NAME, ("role",))


def test_role_phrase_keeps_the_people_behind_a_quantity_and_drops_a_trailing_day():
    pytest.importorskip("spacy", reason="the parser is the `accurate` extra")
    from claimgraph.events.features import phrase_span
    from claimgraph.events.parse import load_parser

    nlp = load_parser()
    sdoc = nlp("Riot police beat dozens of opposition supporters outside the court in Harare.")
    head = next(t for t in sdoc if t.lower_ == "dozens")
    start, end = phrase_span(head)
    assert sdoc[start:end].text == "dozens of opposition supporters"
    sdoc = nlp("Gunmen shot Mayor Carlos Rivas yesterday near his home.")
    head = next(t for t in sdoc if t.lower_ == "rivas")
    start, end = phrase_span(head)
    assert "yesterday" not in sdoc[start:end].text
