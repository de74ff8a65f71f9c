"""Fixtures for the workbench tests: one store built once per session, and apps over it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from workbench_store import HOSTILE_FILES, TEST_HOSTS, build_store  # noqa: E402  (this directory is on sys.path)

from claimgraph.serve import create_app


@pytest.fixture(scope="session")
def workbench_inputs(request, examples_dir: Path, fixtures_dir: Path) -> list[Path]:
    """The example corpus, the hostile fixtures and, where shared/ is present, the two seeds."""
    inputs = [examples_dir] + [fixtures_dir / "hostile" / name for name in HOSTILE_FILES]
    try:
        inputs += [request.getfixturevalue("seed_news_path"), request.getfixturevalue("seed_thread_path")]
    except pytest.skip.Exception:
        pass  # the seeds are absent on a user's clone; the rest still runs
    return inputs


@pytest.fixture(scope="session")
def board_files(examples_dir: Path) -> list[Path]:
    """The example ACH board (H1 growing threat / H2 remnants), applied after the run."""
    return [examples_dir.parent / "boards" / "iskp.yaml"]


@pytest.fixture(scope="session")
def built_store(tmp_path_factory, workbench_inputs, board_files) -> Path:
    return build_store(tmp_path_factory.mktemp("workbench") / "store.duckdb", workbench_inputs, board_files)


@pytest.fixture()
def store_copy(built_store: Path, tmp_path: Path) -> Path:
    """A private copy of the session store (a server holds its store file open)."""
    path = tmp_path / "store.duckdb"
    shutil.copy(built_store, path)
    return path


@pytest.fixture(scope="module")
def client(built_store: Path, tmp_path_factory):
    path = tmp_path_factory.mktemp("client") / "store.duckdb"
    shutil.copy(built_store, path)
    with TestClient(create_app(path, allowed_hosts=TEST_HOSTS, data_dir=path.parent / "data")) as c:
        yield c
