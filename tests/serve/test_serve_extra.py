"""`claimgraph serve` on a core install (no `serve` extra) says in one line what to install."""

from __future__ import annotations

import subprocess
import sys

from claimgraph.cli.serve import SERVE_MODULES

# A core install lacks the workbench's packages: the child interpreter is made to lack them too
# (a None entry in sys.modules makes `import` fail and importlib's find_spec return None).
_CORE_INSTALL = """
import sys
for name in {modules!r}:
    sys.modules[name] = None
from claimgraph.cli import main
sys.argv = ["claimgraph", "serve", "--db", {db!r}]
main()
"""


def test_serve_without_the_serve_extra_names_the_extra(tmp_path):
    db = tmp_path / "absent.duckdb"
    code = _CORE_INSTALL.format(modules=SERVE_MODULES, db=str(db))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        "error: the workbench needs the serve extra (missing fastapi, uvicorn, python_multipart, "
        "duckdb_extension_fts): pip install 'claimgraph[serve]' (in a clone: pip install '.[serve]')\n"
    )
    assert not db.exists()
