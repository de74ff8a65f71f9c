"""JSON (one object or a list of objects) and JSON Lines (one object per line).

Each object is one document: its text comes from ``options.text_field`` (falling back to
``options.text_fallback_fields`` only when that field is absent) and its metadata from the other
``*_field`` names. A text that holds HTML markup (a scraped page kept in a field) is read by the
HTML reader, with the record's own fields winning over what the page says.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from claimgraph.errors import InputError, InputRejected
from claimgraph.ingest.encoding import decode, normalize_newlines
from claimgraph.ingest.html import html_document, looks_like_html
from claimgraph.ingest.options import ReaderOptions
from claimgraph.ingest.text import text_document
from claimgraph.model import Document, Metadata, Source


def read_json_bytes(data: bytes, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    yield from json_records(decode(data, path), path, options)


def read_jsonl_bytes(data: bytes, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    yield from jsonl_records(decode(data, path), path, options)


def json_records(text: str, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    """A whole-file JSON value: an object is one document, a list gives one per item (record = index)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several top-level values: JSON Lines saved as .json
            yield from jsonl_records(text, path, options)
        else:
            yield InputError(path, f"invalid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})")
        return
    if isinstance(value, dict):
        yield _record(value, Source(path, "json"), options)
    elif isinstance(value, list):
        if not value:
            yield InputError(path, "JSON list holds no records")
        for index, item in enumerate(value):
            source = Source(path, "json", str(index))
            if isinstance(item, dict):
                yield _record(item, source, options)
            else:
                yield InputError(path, f"record is a JSON {_json_type(item)}, not an object", source.record)
    else:
        yield InputError(path, f"JSON holds a {_json_type(value)}, not an object or a list of objects")


def jsonl_records(text: str, path: str, options: ReaderOptions) -> Iterator[Document | InputError]:
    """One object per line (record = 1-based line number); blank lines are skipped."""
    seen = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        record = str(number)
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(path, f"invalid JSON ({exc.msg}, column {exc.colno})", record)
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
            if not isinstance(json.loads(line), dict):
                return False
        except json.JSONDecodeError:
            return False
    return True


def is_json_document(text: str) -> bool:
    """True when the whole text is one JSON object or a list of objects (e.g. pretty-printed)."""
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return False
    return isinstance(value, dict) or (isinstance(value, list) and bool(value)
                                       and all(isinstance(v, dict) for v in value))


def _record(obj: dict[str, Any], source: Source, options: ReaderOptions) -> Document | InputError:
    try:
        return record_document(obj, source, options)
    except InputRejected as exc:
        return InputError(source.path, exc.reason, source.record)


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
