"""Plugins with pluggy, as datasette does: the built-in hooks, then every package's entry points in
the ``claimgraph`` group (``pm.load_setuptools_entrypoints("claimgraph")``). See docs/plugins.md.

``registry()`` is what the rest of claimgraph reads: the readers, components, exporters and
workbench routers of every plugin, the built-in ones first. It is built once per process, since
the installed entry points do not change while it runs.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pluggy

from claimgraph.components import ComponentSpec
from claimgraph.exporters import ExporterSpec
from claimgraph.ingest.readers import ReaderSpec
from claimgraph.plugins import builtin, hookspecs

hookimpl = pluggy.HookimplMarker("claimgraph")
ENTRY_POINT_GROUP = "claimgraph"


def plugin_manager() -> pluggy.PluginManager:
    """A plugin manager with the hook specifications, the built-in plugin and the installed plugins."""
    pm = pluggy.PluginManager("claimgraph")
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name="claimgraph.builtin")
    pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return pm


def _collect(results: list[list]) -> tuple:
    """A hook's results in registration order: pluggy calls the last registered plugin first."""
    return tuple(item for result in reversed(results) for item in (result or ()))


@dataclass(frozen=True)
class Registry:
    pm: pluggy.PluginManager
    components: tuple[ComponentSpec, ...]
    readers: Mapping[str, ReaderSpec]  # format -> reader
    readers_by_suffix: tuple[tuple[str, ReaderSpec], ...]  # longest suffix first
    sniffers: tuple[ReaderSpec, ...]  # readers that sniff text, in registration order
    byte_sniffers: tuple[ReaderSpec, ...]  # readers that recognise a file's bytes, in registration order
    exporters: tuple[ExporterSpec, ...]
    annotation_kinds: tuple[tuple[str, type], ...]

    def claimed_by_content(self, data: bytes, fmt: str | None) -> ReaderSpec | None:
        """The first reader that recognises ``data`` by its bytes and may claim a file of format
        ``fmt`` (None: of unknown kind), or None."""
        return next((r for r in self.byte_sniffers if (fmt is None or fmt in r.within) and r.sniff_bytes(data)), None)

    def exporter(self, subject: str, name: str) -> ExporterSpec | None:
        """The exporter ``name`` for ``subject``; a plugin's of the same name wins over a built-in one."""
        return next((e for e in reversed(self.exporters) if e.subject == subject and e.name == name), None)

    def exporter_names(self, subject: str) -> list[str]:
        return sorted({e.name for e in self.exporters if e.subject == subject})

    def routers(self) -> list:
        return list(_collect(self.pm.hook.claimgraph_routers()))

    def add_commands(self, cli) -> None:
        self.pm.hook.claimgraph_commands(cli=cli)


@functools.cache
def registry() -> Registry:
    """Every plugin's contributions, collected once per process (installed entry points do not change
    while it runs); annotation kinds are registered with the store here."""
    pm = plugin_manager()
    readers: dict[str, ReaderSpec] = {}
    for reader in _collect(pm.hook.claimgraph_readers()):
        readers[reader.format] = reader  # a later plugin's reader of a format replaces an earlier one
    suffixes = {suffix: reader for reader in readers.values() for suffix in reader.suffixes}
    kinds = _collect(pm.hook.claimgraph_annotation_kinds())
    if kinds:
        from claimgraph.store import annotations  # the store only when a plugin stores its own kind

        for name, item in kinds:
            annotations.register_annotation_kind(name, item)
    return Registry(
        pm=pm,
        components=_collect(pm.hook.claimgraph_components()),
        readers=MappingProxyType(readers),
        readers_by_suffix=tuple(sorted(suffixes.items(), key=lambda kv: len(kv[0]), reverse=True)),
        sniffers=tuple(r for r in readers.values() if r.sniff is not None),
        byte_sniffers=tuple(r for r in readers.values() if r.sniff_bytes is not None),
        exporters=_collect(pm.hook.claimgraph_exporters()),
        annotation_kinds=kinds,
    )


def registered_components() -> tuple[ComponentSpec, ...]:
    return registry().components
