"""The pinned parser: spaCy imported without torch parses as it does with torch loaded."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from claimgraph.events.parse import parser_installed

_PARSE = """
import json, sys
if sys.argv[1] == "torch-first":
    import torch  # noqa: F401
from claimgraph.events.parse import load_parser, parse_spans
parser = load_parser()
texts = [
    "The Taliban denied that its commander was killed in the strike on Tuesday.",
    "Officials said at least 12 people were killed when gunmen attacked a checkpoint near Jalalabad.",
    "REPORTS THAT THE GOVERNOR IS DEAD ARE FALSE, THE ARMY SAID.",
]
out = [[(t.tag_, t.dep_, t.head.i) for t in parse_spans(x, [(0, len(x))], parser=parser)[0]] for x in texts]
print(json.dumps({"parse": out, "torch": sys.modules.get("torch") is not None}))
"""


def _parsed(order: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _PARSE, order], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.skipif(not parser_installed() or importlib.util.find_spec("torch") is None, reason="needs spaCy and torch")
def test_spacy_imported_without_torch_parses_as_with_it():
    without, with_torch = _parsed("alone"), _parsed("torch-first")
    assert not without["torch"] and with_torch["torch"]  # the import left torch out only where none was loaded
    assert without["parse"] == with_torch["parse"]
