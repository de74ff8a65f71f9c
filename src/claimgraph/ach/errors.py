"""Errors of the ACH board: a bad id, rating, level or board file, told in one line.

Each is an ``AchError`` (what the CLI and the board pages catch) and one of the typed errors of
``claimgraph.errors``, which decides the workbench's HTTP status."""

from __future__ import annotations

from ..errors import BadInput, ClaimgraphError, Conflict, NotFound


class AchError(ClaimgraphError):
    """A request the board cannot carry out (unknown board, hypothesis or evidence; bad rating)."""


class AchBadInput(AchError, BadInput):
    """A bad value: an empty name or hypothesis, an unknown rating or level, a malformed board file."""


class AchNotFound(AchError, NotFound):
    """No such board, hypothesis, evidence item, claim or event, or no override to clear."""


class AchConflict(AchError, Conflict):
    """A board name taken, a hypothesis the board has already."""
