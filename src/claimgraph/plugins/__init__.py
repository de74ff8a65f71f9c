"""What is registered: the built-in components (plugins come in through the same functions)."""

from __future__ import annotations

from claimgraph.components import BUILTIN_COMPONENTS, ComponentSpec


def registered_components() -> tuple[ComponentSpec, ...]:
    return BUILTIN_COMPONENTS
