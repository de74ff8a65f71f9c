"""The hooks a claimgraph plugin may implement (see docs/plugins.md).

A plugin is a module with functions marked ``@hookimpl`` (``from claimgraph.plugins import hookimpl``)
and named like the specifications below, found through the ``claimgraph`` entry-point group of an
installed package. The built-in readers, components and exporters come through the same hooks
(``claimgraph.plugins.builtin``, registered first, so they come first in every list).
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("claimgraph")


@hookspec
def claimgraph_readers():
    """A list of ``claimgraph.ingest.readers.ReaderSpec``: file formats to read, by suffix or by sniffing."""


@hookspec
def claimgraph_components():
    """A list of ``claimgraph.components.ComponentSpec``: per-document components, run after those
    registered before them (the built-in ones first)."""


@hookspec
def claimgraph_exporters():
    """A list of ``claimgraph.exporters.ExporterSpec``: writers for the records of a listing."""


@hookspec
def claimgraph_annotation_kinds():
    """A list of ``(name, dataclass)``: annotation kinds the store keeps (``Document.annotations[name]``
    holds a tuple of instances of the flat dataclass); registered with
    ``claimgraph.store.annotations.register_annotation_kind``."""


@hookspec
def claimgraph_commands(cli):
    """Add click commands to ``cli``, the ``claimgraph`` command group (``@cli.command()``)."""


@hookspec
def claimgraph_routers():
    """A list of ``fastapi.APIRouter``: workbench pages and API routes (the store is
    ``request.app.state.bench.store``)."""
