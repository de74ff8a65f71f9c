"""Fixtures shared by the whole suite.

The seeds and datasets live in ``../shared`` beside the clone (CI and developer machines have it;
a user's clone does not). Tests that need them take the ``shared_dir`` fixture and skip, saying
why, when it is absent. Everything else runs on fixtures the project owns (``tests/fixtures``,
``examples/corpus``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
EXAMPLES = REPO / "examples" / "corpus"
SHARED = Path(os.environ.get("CLAIMGRAPH_SHARED", REPO.parent / "shared"))

SEED_NEWS = "000_c66624d27a4d3d23.txt"
SEED_THREAD = "004_c550f1b556a36240.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus" / "seeds").is_dir():
        pytest.skip(
            f"{SHARED} is absent: seeds and datasets ship beside the repo on CI and developer "
            "machines only (set CLAIMGRAPH_SHARED to point elsewhere)"
        )
    return SHARED


@pytest.fixture(scope="session")
def seed_news_path(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "seeds" / SEED_NEWS


@pytest.fixture(scope="session")
def seed_thread_path(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "seeds" / SEED_THREAD


@pytest.fixture(scope="session")
def entity_extractor():
    """The entity stage's shipped resources (ontology, gazetteer, tagger), loaded once for the session:
    nothing caches them per process, so tests share one the way a pipeline's components do."""
    from claimgraph.entities.extract import EntityExtractor

    return EntityExtractor.load()


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def accurate_embeddings() -> None:
    """Skip unless onnxruntime, which runs the accurate embeddings' int8 all-MiniLM-L6-v2, is installed
    (the `accurate` extra; the `test` extra has it too)."""
    import importlib.util

    if importlib.util.find_spec("onnxruntime") is None:
        pytest.skip("accurate embeddings need onnxruntime: pip install 'claimgraph[accurate]'")


@pytest.fixture
def local_site():
    """A web site on 127.0.0.1 in a thread (tests/local_http.py), stopped after the test."""
    from local_http import LocalSite

    with LocalSite() as site:
        yield site
