"""Errors claimgraph reports to the user, typed by what went wrong, and errors about one input.

``NotFound``, ``Ambiguous``, ``Conflict`` and ``BadInput`` say what kind of failure it was, so
that callers map them by type (the workbench to HTTP statuses, serve/app.py) rather than by reading
the message; the CLI prints any ``ClaimgraphError`` as one ``error: ...`` line. Input errors name
the file and the reason, and never stop the run."""

from __future__ import annotations

from dataclasses import dataclass


class ClaimgraphError(Exception):
    """Base class for errors claimgraph reports to the user."""


class NotFound(ClaimgraphError):
    """What was asked for (a document, board, proposition, source, run...) does not exist."""


class Ambiguous(ClaimgraphError):
    """A name or id prefix matches more than one thing."""


class Conflict(ClaimgraphError):
    """The request clashes with what exists (a name taken, an item there already)."""


class BadInput(ClaimgraphError):
    """A value the caller gave is not acceptable (a bad rating, a too-short prefix, an empty name)."""


@dataclass(frozen=True, slots=True)
class InputError:
    """One input that could not be read or processed. Yielded as a value so the run goes on."""

    path: str
    reason: str
    record: str | None = None

    def __str__(self) -> str:
        where = self.path if self.record is None else f"{self.path}#{self.record}"
        return f"{where}: {self.reason}"


class InputRejected(ClaimgraphError):
    """Raised inside a reader for one input; the reader turns it into an InputError."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
