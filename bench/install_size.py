"""How much disk does installing claimgraph take? A fresh venv, one pip install, per-distribution sizes.

    python3.11 bench/install_size.py                 # the core install (pip install .)
    python3.11 bench/install_size.py '.[serve]'      # with an extra; any pip target works
    python3.11 bench/install_size.py . --top 30 --json

A distribution's size is the sum of the files its RECORD lists (what pip would remove on uninstall,
bytecode caches included where pip wrote them). pip and setuptools, which `python -m venv` puts in
every venv, are left out of the total: they are not claimgraph's dependencies. MB are 10^6 bytes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# What `python -m venv` installs by itself.
VENV_BOOTSTRAP = {"pip", "setuptools"}

# Runs inside the new venv: its own importlib.metadata sees only what was installed there.
_MEASURE = """
import importlib.metadata as md, json, os
sizes = {}
for dist in md.distributions():
    total = 0
    for f in dist.files or ():
        try:
            total += os.path.getsize(dist.locate_file(f))
        except OSError:
            pass
    sizes[f"{dist.metadata['Name']}=={dist.version}"] = total
print(json.dumps(sizes))
"""


def measure(target: str, python: str) -> dict[str, int]:
    """{name==version: bytes} of every distribution a fresh venv holds after `pip install target`."""
    with tempfile.TemporaryDirectory(prefix="claimgraph-size-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", target], check=True, cwd=REPO)
        out = subprocess.run([str(venv / "bin" / "python"), "-c", _MEASURE], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", default=".", help="pip install target, run from the repository root")
    parser.add_argument("--python", default="python3.11", help="interpreter that creates the venv")
    parser.add_argument("--top", type=int, default=20, help="distributions to list, largest first")
    parser.add_argument("--json", action="store_true", help="print every distribution's size as JSON")
    args = parser.parse_args()

    sizes = {
        name: size
        for name, size in measure(args.target, args.python).items()
        if name.split("==")[0].lower() not in VENV_BOOTSTRAP
    }
    if args.json:
        print(
            json.dumps(
                {"target": args.target, "total_bytes": sum(sizes.values()), "distributions": sizes},
                indent=1,
                sort_keys=True,
            )
        )
        return 0
    print(
        f"pip install {args.target}: {sum(sizes.values()) / 1e6:.0f} MB in {len(sizes)} distributions "
        f"(without {' and '.join(sorted(VENV_BOOTSTRAP))})"
    )
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"{size / 1e6:8.1f} MB  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
