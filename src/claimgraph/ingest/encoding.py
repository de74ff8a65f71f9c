"""Bytes to text: BOMs, UTF-8, legacy encodings, and refusing binary files.

The text a reader returns as ``raw_text`` is the *decoded, newline-normalised* file content
("\\r\\n" and lone "\\r" become "\\n", a BOM is dropped). That string is the "raw" that every
offset in claimgraph refers to: the analyst is shown those characters, never the file's bytes.

A file that is UTF-8 but for a few bad bytes (a stray byte from another encoding, a cut
character) is read as UTF-8 with each bad byte as U+FFFD, rather than whole in a legacy encoding
(which garbles every other non-ASCII character) or not at all; the reader then records each
replacement as an ``undecodable-byte`` removal (``undecodable_removals``), which ``show --removed``
and the workbench list. UTF-16 without a byte-order mark is recognised by its NUL bytes.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

from claimgraph.errors import InputRejected
from claimgraph.model import Removal

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
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}

_NEWLINES = re.compile(r"\r\n?")

UNDECODABLE_RULE = "undecodable-byte"
# Read as UTF-8 with bad bytes replaced when its valid multi-byte characters are at least this
# many times its bad bytes: UTF-8 text with a stray byte has hundreds to one; a legacy-encoded
# file (cp1252, ...) forms a valid UTF-8 pair only by accident ("ß“"), far fewer than its bad bytes.
MIN_UTF8_EVIDENCE = 2
_BAD_BYTE = re.compile("[\udc80-\udcff]+")  # surrogateescape's stand-ins for undecodable bytes
_REPLACEMENTS = re.compile("\ufffd+")
_NON_ASCII = bytes(range(0x80, 0x100))
# UTF-16 without a BOM: ASCII characters (spaces, digits, newlines; all of an English text) have
# a NUL high byte, so NULs crowd one byte position of each pair. Even Persian or Arabic text has
# spaces and punctuation in ~15% of its characters; a binary file has NULs at both positions.
_MIN_UTF16_NUL_SHARE = 0.10
_MAX_UTF16_OTHER_NUL_SHARE = 0.01


class DecodedText(str):
    """Text ``decode`` made with ``replaced_bytes`` undecodable bytes replaced by U+FFFD (a plain
    str when there were none): readers turn those into ``undecodable_removals``."""

    replaced_bytes: int = 0


def undecodable_removals(raw_text: str, decoded: str, kept: tuple[Removal, ...] = ()) -> list[Removal]:
    """``kept`` plus an ``undecodable-byte`` removal for each run of U+FFFD in ``raw_text`` when
    ``decoded`` (the text the reader decoded) had bytes replaced; in start order."""
    if not isinstance(decoded, DecodedText) or not decoded.replaced_bytes:
        return list(kept)
    covered = [(r.raw_start, r.raw_end) for r in kept]
    added = [
        Removal(m.start(), m.end(), UNDECODABLE_RULE, m.group())
        for m in _REPLACEMENTS.finditer(raw_text)
        if not any(start <= m.start() < end for start, end in covered)
    ]
    return sorted([*kept, *added], key=lambda r: (r.raw_start, r.raw_end)) if added else list(kept)


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
        text = _decode_utf16(data, path)
    if text is None:
        if binary_check and looks_binary(data):
            raise InputRejected("binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            mostly_utf8 = _decode_mostly_utf8(data, path)
            if mostly_utf8 is not None:
                return mostly_utf8
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


def _decode_utf16(data: bytes, path: str) -> str | None:
    """UTF-16 without a byte-order mark, told by where its NUL bytes fall; None when it is not."""
    sample = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    pairs = len(sample) // 2
    if pairs == 0 or b"\0" not in sample:
        return None
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd >= _MIN_UTF16_NUL_SHARE and even <= _MAX_UTF16_OTHER_NUL_SHARE:
        encoding = "utf-16-le"
    elif even >= _MIN_UTF16_NUL_SHARE and odd <= _MAX_UTF16_OTHER_NUL_SHARE:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\0" in text or looks_binary(text[:_SNIFF_BYTES].encode("utf-8", "replace")):
        return None
    log.debug("%s: no byte-order mark, decoded as %s", path, encoding)
    return text


def _decode_mostly_utf8(data: bytes, path: str) -> DecodedText | None:
    """UTF-8 with its few bad bytes as U+FFFD, or None when the bytes are not mostly UTF-8."""
    text = data.decode("utf-8", "surrogateescape")
    bad_runs = list(_BAD_BYTE.finditer(text))
    bad = sum(m.end() - m.start() for m in bad_runs)
    non_ascii_bytes = len(data) - len(data.translate(None, _NON_ASCII))
    ascii_chars = len(data) - non_ascii_bytes
    valid = len(text) - ascii_chars - bad  # characters decoded from a valid multi-byte sequence
    if valid < MIN_UTF8_EVIDENCE * bad:
        return None
    log.debug("%s: UTF-8 with %d undecodable bytes, replaced by U+FFFD", path, bad)
    # each bad byte becomes one U+FFFD, so the normalised text's offsets are unaffected by the order
    result = DecodedText(normalize_newlines(_BAD_BYTE.sub(lambda m: "\ufffd" * len(m.group()), text)))
    result.replaced_bytes = bad
    return result


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
