"""Helpers for tests that share a store built once (the session's stores in tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_store(path: Path, folder: Path) -> Path:
    """A private copy of a shared store in ``folder``, for a test that writes to it or serves it (a server
    holds its file open): the session's stores are read-only."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, folder / path.name)
    return folder / path.name
