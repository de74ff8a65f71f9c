"""Errors about one input: they name the file and the reason, and never stop the run."""

from __future__ import annotations

from dataclasses import dataclass


class ClaimgraphError(Exception):
    """Base class for errors claimgraph reports to the user."""


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
