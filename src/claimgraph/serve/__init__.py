"""The workbench: an HTTP API and web pages over a claimgraph store (``claimgraph serve``)."""

from claimgraph.serve.app import create_app

__all__ = ["create_app"]
