"""Bytes to text: BOMs, UTF-8, legacy encodings, and refusing binary files.

The text a reader returns as ``raw_text`` is the *decoded, newline-normalised* file content
("\\r\\n" and lone "\\r" become "\\n", a BOM is dropped). That string is the "raw" that every
offset in claimgraph refers to: the analyst is shown those characters, never the file's bytes.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

from claimgraph.errors import InputRejected

log = logging.getLogger(__name__)

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# How much of the start of a file the binary sniff looks at, and the share of control bytes
# (other than tab, newline, vertical tab, form feed, carriage return) beyond which it is not text.
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.10
_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) | {0x7F}

# When charset-normalizer scores several single-byte encodings the same (common for mostly-ASCII
# text), prefer the one the web actually uses: Windows-1252 is the WHATWG default legacy encoding.
_TIE_BREAK_PREFERENCE = ("cp1252",)

# Declared labels that browsers (WHATWG Encoding) read as Windows-1252.
_WHATWG_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                   "us-ascii": "cp1252", "ascii": "cp1252"}

_NEWLINES = re.compile(r"\r\n?")


def normalize_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes near the start: an image, archive, PDF, ... not text."""
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return False
    if b"\0" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return controls / len(sample) > _MAX_CONTROL_SHARE


def decode(data: bytes, path: str, declared: str | None = None, *, binary_check: bool = True) -> str:
    """Decode a file's bytes to newline-normalised text.

    Order: a BOM (UTF-8, UTF-16, UTF-32) wins; then strict UTF-8; then ``declared`` (an HTML meta
    charset or HTTP Content-Type charset, if the caller has one); then charset-normalizer's guess.
    Raises ``InputRejected`` for an empty input, binary content, or bytes no encoding explains.
    ``path`` is only used to log which encoding was chosen. ``binary_check=False`` skips the
    binary sniff, for formats whose own parser tells a stray control byte from a binary file.
    """
    if not data:
        raise InputRejected("empty file")
    text = _decode_with_bom(data)
    if text is None:
        if binary_check and looks_binary(data):
            raise InputRejected("binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_declared(data, declared, path)
            if text is None:
                text = _decode_detected(data, path)
    return normalize_newlines(text)


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                reason = f"invalid {encoding.upper()} text after its byte-order mark ({exc.reason})"
                raise InputRejected(reason) from None
    return None


def _decode_declared(data: bytes, declared: str | None, path: str) -> str | None:
    if not declared:
        return None
    label = declared.strip().lower()
    encoding = _WHATWG_ALIASES.get(label, label)
    try:
        codecs.lookup(encoding)
        text = data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    log.debug("%s: decoded with its declared charset %s", path, encoding)
    return text


def _decode_detected(data: bytes, path: str) -> str:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputRejected("cannot detect text encoding")
    encoding = best.encoding
    tied = [m for m in matches if m.chaos == best.chaos and m.coherence == best.coherence]
    preferred = [p for m in tied for p in _TIE_BREAK_PREFERENCE if p in m.could_be_from_charset]
    if preferred:
        encoding = preferred[0]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:  # the detector samples large files; the rest may not fit its guess
        raise InputRejected("cannot detect text encoding") from None
    log.debug("%s: not UTF-8, decoded as detected %s", path, encoding)
    return text
