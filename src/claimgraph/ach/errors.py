"""Errors of the ACH board: a bad id, rating, level or board file, told in one line."""

from __future__ import annotations

from ..errors import ClaimgraphError


class AchError(ClaimgraphError):
    """A request the board cannot carry out (unknown board, hypothesis or evidence; bad rating)."""
