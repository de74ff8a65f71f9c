"""Errors claimgraph reports to the user, typed by what went wrong, and errors about one input.

``NotFound``, ``Ambiguous``, ``Conflict`` and ``BadInput`` say what kind of failure it was, so
that callers map them by type (the workbench to HTTP statuses, serve/app.py) rather than by reading
the message; the CLI prints any ``ClaimgraphError`` as one ``error: ...`` line. Input errors name
the file and the reason, and never stop the run."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What must not reach a terminal or a one-line report raw: control characters (newline, ESC,
# C1), bidirectional overrides (they reorder what follows) and lone surrogates (the bytes of a
# file name that is not UTF-8, as Python's surrogateescape keeps them; UTF-8 cannot encode them).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escaped(text: str) -> str:
    """``text`` safe to print on one line and to store as UTF-8: control characters as \\n, \\xNN;
    an undecodable file-name byte (surrogateescape) as \\xNN; other unsafe characters as \\uNNNN."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
        """``PATH[#RECORD]: REASON`` on one line, every part ``escaped``."""
        where = self.path if self.record is None else f"{self.path}#{self.record}"
        return f"{escaped(where)}: {escaped(self.reason)}"


class InputRejected(ClaimgraphError):
    """Raised inside a reader for one input; the reader turns it into an InputError."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
