"""The workbench: an HTTP API and web pages over a claimgraph store (``claimgraph serve``)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the brief uses this package's map and timeline without needing
    # FastAPI loaded (it takes a second or more to import).
    if name == "create_app":
        from claimgraph.serve.app import create_app

        return create_app
    raise AttributeError(name)
