"""The ``claimgraph`` command line.

``base.py`` holds the group and the foundation commands (run, docs, show, extract, schema); every
other module in this package adds the commands of one stage (entities, events, claims, ...) to the
same group. They are imported here, so adding a module is all it takes to add commands; plugins add
theirs through the ``claimgraph_commands`` hook (docs/plugins.md).
"""

from __future__ import annotations

import importlib
import pkgutil

from claimgraph.cli.base import main
from claimgraph.plugins import registry

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")
registry().add_commands(main)

__all__ = ["main"]
