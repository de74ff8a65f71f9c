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
def fast_pipeline():
    """The fast mode's pipeline with the shipped settings, built once per session: building one loads the
    ontology, gazetteer, tagger and lexicons (seconds), and a pipeline is pure, so tests only call it."""
    from claimgraph.pipeline import Pipeline
    from claimgraph.settings import Settings

    return Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": "fast"}))


@pytest.fixture(scope="session")
def accurate_pipeline():
    """The accurate mode's (the default) pipeline with the shipped settings, built once per session."""
    from claimgraph.pipeline import Pipeline
    from claimgraph.settings import Settings

    return Pipeline.from_settings(Settings.defaults())


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


def _cli_run(tmp_path_factory, name: str, inputs: list[str]) -> tuple[Path, str]:
    """``inputs`` stored as a user stores them, `claimgraph run` with the default settings and one worker,
    into a new store: (the store, what the command printed)."""
    from click.testing import CliRunner

    from claimgraph.cli import main

    db = tmp_path_factory.mktemp(name) / "store.duckdb"
    result = CliRunner().invoke(main, ["run", *inputs, "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db, result.output


@pytest.fixture(scope="session")
def disputes_run(tmp_path_factory, fixtures_dir: Path) -> tuple[Path, str]:
    """The synthetic dispute fixtures (tests/fixtures/disputes: three incidents, their sources disagreeing)
    run once per session (``_cli_run``): a run is seconds and several packages read its store. Read-only:
    copy it to write or serve (tests/stores.py)."""
    return _cli_run(tmp_path_factory, "disputes-run", sorted(str(p) for p in (fixtures_dir / "disputes").glob("*.txt")))


@pytest.fixture(scope="session")
def disputes_store(disputes_run: tuple[Path, str]) -> Path:
    """The store of ``disputes_run`` (read-only)."""
    return disputes_run[0]


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory, examples_dir: Path) -> Path:
    """The example corpus run once per session (``_cli_run``), as ``disputes_run``. Read-only: copy it to
    write or serve (tests/stores.py)."""
    return _cli_run(tmp_path_factory, "examples-run", [str(examples_dir)])[0]
