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
