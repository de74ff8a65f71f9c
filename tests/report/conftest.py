"""The store the brief tests read, built once per session: a few example documents, the hostile
fixtures and the annotated document (``tests/serve/workbench_store.py``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "workbench_store", Path(__file__).resolve().parents[1] / "serve" / "workbench_store.py"
)
workbench_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(workbench_store)


@pytest.fixture(scope="session")
def brief_store(tmp_path_factory, fixtures_dir: Path, examples_dir: Path) -> Path:
    """A few example documents, the hostile fixtures and the annotated document."""
    inputs = [
        examples_dir / "kabul_ledger_surkhrod_bombing.txt",
        examples_dir / "kabul_ledger_surkhrod_bombing_repost.txt",
        examples_dir / "statements_feed.jsonl",
    ]
    inputs += [fixtures_dir / "hostile" / name for name in workbench_store.HOSTILE_FILES]
    return workbench_store.build_store(tmp_path_factory.mktemp("brief") / "store.duckdb", inputs)
