"""claimgraph's own readers, components and exporters, registered through the plugin hooks."""

from __future__ import annotations

import pluggy

from claimgraph.components import BUILTIN_COMPONENTS, FIGURES_COMPONENTS
from claimgraph.exporters import BUILTIN_EXPORTERS
from claimgraph.ingest.readers import BUILTIN_READERS

hookimpl = pluggy.HookimplMarker("claimgraph")


@hookimpl
def claimgraph_readers():
    return list(BUILTIN_READERS)


@hookimpl
def claimgraph_components():
    return [*BUILTIN_COMPONENTS, *FIGURES_COMPONENTS]


@hookimpl
def claimgraph_exporters():
    return list(BUILTIN_EXPORTERS)
