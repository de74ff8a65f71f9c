"""JSON (one object or a list of objects) and JSON Lines (one object per line).

Each object is one document: its text comes from ``options.text_field`` (falling back to
``options.text_fallback_fields`` only when that field is absent) and its metadata from the other
``*_field`` names. A text that holds HTML markup (a scraped page kept in a field) is read by the
HTML reader, with the record's own fields winning over what the page says.

A list is read one item at a time (``_list_items``), so a file of millions of tiny values never
sits in memory as Python objects (50 MB of "{}," is ~1.3 GB of dicts); past ``MAX_RECORDS`` the
rest of a file is reported and skipped. JSON nested deeper than Python's parser recurses is one
error line (for its record, in JSON Lines), never a RecursionError.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.encoding import DecodedText, decode, normalize_newlines, undecodable_removals
from claimgraph.ingest.html import html_document, looks_like_html
from claimgraph.ingest.options import ReaderOptions
from claimgraph.ingest.text import text_document
from claimgraph.model import Document, Metadata, Source

# Records (list items, JSON Lines) read from one file: a 50 MB file of real records (a sentence
# of text and some metadata each) holds well under a million; past that it is generated noise,
# whose per-record errors alone would flood the run report and the store.
MAX_RECORDS = 1_000_000
_TOO_DEEP = "JSON nested too deep to read (deeper than Python's parser allows, about 1,000 levels)"
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace
_DECODER = json.JSONDecoder()


class _TooDeep(Exception):
    """json.loads hit the recursion limit: arrays or objects nested thousands deep."""


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:  # the C decoder counts its nesting against the recursion limit and stops cleanly
        raise _TooDeep() from None


def _invalid(exc: json.JSONDecodeError, line: bool = True) -> str:
    where = f"line {exc.lineno} column {exc.colno}" if line else f"column {exc.colno}"
    return f"invalid JSON ({exc.msg}, {where})"


def read_json_bytes(data: bytes, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    text = decode(data, path, binary_check=not _looks_like_json(data))
    yield from _with_replacements(json_records(text, path, options), text)


def read_jsonl_bytes(data: bytes, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    text = decode(data, path, binary_check=not _looks_like_json(data))
    yield from _with_replacements(jsonl_records(text, path, options), text)


def _with_replacements(items: Iterator[Document | InputError], text: str) -> Iterator[Document | InputError]:
    """The records, each with the bytes ``decode`` replaced in its text recorded as removals."""
    if not isinstance(text, DecodedText):
        yield from items
        return
    for item in items:
        if isinstance(item, Document):
            item = item.replace(removals=tuple(undecodable_removals(item.raw_text, text, item.removals)))
        yield item


def _looks_like_json(data: bytes) -> bool:
    """Starts like JSON: then a raw control byte (a NUL in one record's text) is that record's
    error, not a sign of a binary file that loses every good record with it."""
    return data.lstrip(b" \t\r\n\xef\xbb\xbf")[:1] in (b"{", b"[")


def json_records(text: str, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    """A whole-file JSON value: an object is one document, a list gives one per item (record = index)."""
    start = _SPACE.match(text).end()
    if text.startswith("[", start):
        yield from _list_records(text, start, path, options)
        return
    try:
        value = _loads(text)
    except _TooDeep:
        yield InputError(path, _TOO_DEEP)
        return
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several top-level values: JSON Lines saved as .json
            yield from jsonl_records(text, path, options)
        else:
            yield InputError(path, _invalid(exc))
        return
    if isinstance(value, dict):
        yield _record(value, Source(path, "json"), options)
    else:
        yield InputError(path, f"JSON holds a {_json_type(value)}, not an object or a list of objects")


def _list_records(text: str, start: int, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    """The items of a top-level list, read one at a time; a syntax error ends the file with one
    error line after the records before it."""
    index = -1
    try:
        for index, item in enumerate(_list_items(text, start)):
            source = Source(path, "json", str(index))
            if index >= MAX_RECORDS:
                yield InputError(path, f"the list holds over {MAX_RECORDS:,} records: the rest is not read")
                return
            if isinstance(item, dict):
                yield _record(item, source, options)
            else:
                yield InputError(path, f"record is a JSON {_json_type(item)}, not an object", source.record)
    except RecursionError:
        yield InputError(path, _TOO_DEEP, str(index + 1))
        return
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and index >= 0:  # several top-level values: JSON Lines saved as .json
            yield InputError(path, f"{_invalid(exc)}: a second JSON value after the list")
        else:
            yield InputError(path, _invalid(exc))
        return
    if index < 0:
        yield InputError(path, "JSON list holds no records")


def _list_items(text: str, start: int) -> Iterator[Any]:
    """The values of the JSON list that opens at ``text[start]``, each decoded when reached.
    Raises json.JSONDecodeError (as json.loads would) where the text stops being that list."""
    pos = _SPACE.match(text, start + 1).end()
    if text.startswith("]", pos):
        end = pos + 1
    else:
        while True:
            value, pos = _DECODER.raw_decode(text, pos)
            yield value
            pos = _SPACE.match(text, pos).end()
            if text.startswith(",", pos):
                pos = _SPACE.match(text, pos + 1).end()
            elif text.startswith("]", pos):
                end = pos + 1
                break
            else:
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
    rest = _SPACE.match(text, end).end()
    if rest < len(text):
        raise json.JSONDecodeError("Extra data", text, rest)


def jsonl_records(text: str, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    """One object per line (record = 1-based line number); blank lines are skipped."""
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen += 1
        if seen > MAX_RECORDS:
            yield InputError(path, f"the file holds over {MAX_RECORDS:,} records: the rest is not read")
            return
        record = str(number)
        try:
            value = _loads(line)
        except _TooDeep:
            yield InputError(path, _TOO_DEEP, record)
            continue
        except json.JSONDecodeError as exc:
            yield InputError(path, _invalid(exc, line=False), record)
            continue
        if not isinstance(value, dict):
            yield InputError(path, f"record is a JSON {_json_type(value)}, not an object", record)
            continue
        yield _record(value, Source(path, "jsonl", record), options)
    if not seen:
        yield InputError(path, "no text content")


def is_jsonl(text: str) -> bool:
    """True when every non-blank line is a JSON object (and there is at least one)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    for line in lines:
        if not line.lstrip().startswith("{"):
            return False
        try:
            if not isinstance(_loads(line), dict):
                return False
        except _TooDeep:
            continue  # an object nested too deep: jsonl_records reports that line
        except json.JSONDecodeError:
            return False
    return True


def is_json_document(text: str) -> bool:
    """True when the whole text is one JSON object or a list of objects (e.g. pretty-printed)."""
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        value = _loads(text)
    except _TooDeep:
        return True  # json_records reports it
    except json.JSONDecodeError:
        return False
    return isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
    )


def _record(obj: dict[str, Any], source: Source, options: ReaderOptions) -> Document | InputError:
    try:
        return record_document(obj, source, options)
    except InputRejected as exc:
        return InputError(source.path, exc.reason, source.record)
    except Exception as exc:  # a reader failing on one record: its error line, and the file goes on
        return InputError(source.path, f"cannot read the record: {type(exc).__name__}: {exc}", source.record)


def record_document(obj: dict[str, Any], source: Source, options: ReaderOptions) -> Document:
    """One JSON object as a Document; raises InputRejected when it has no usable text."""
    field = _text_field(obj, options)
    value = obj[field]
    if not isinstance(value, str):
        raise InputRejected(f"field '{field}' is a JSON {_json_type(value)}, not a string")
    text = normalize_newlines(value)
    meta = Metadata(
        title=_meta_value(obj.get(options.title_field)),
        author=_meta_value(obj.get(options.author_field)),
        date=_meta_value(obj.get(options.date_field)),
        site=_meta_value(obj.get(options.site_field)),
        url=_meta_value(obj.get(options.url_field)),
    )
    if looks_like_html(text):
        return html_document(text, source, meta)
    return text_document(text, source, meta)


def _text_field(obj: dict[str, Any], options: ReaderOptions) -> str:
    if options.text_field in obj:
        return options.text_field
    for name in options.text_fallback_fields:
        if name in obj:
            return name
    tried = ", ".join(f"'{n}'" for n in (options.text_field, *options.text_fallback_fields))
    raise InputRejected(f"no text field (looked for {tried})")


def _meta_value(value: Any) -> str | None:
    """Strings as given (trimmed); numbers as text (e.g. a year); lists of strings joined (authors)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return ", ".join(v.strip() for v in value if v.strip()) or None
    return None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "list", dict: "object"}[type(value)]
