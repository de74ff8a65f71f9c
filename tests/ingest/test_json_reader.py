"""JSON and JSON Lines: one document per record, one error per bad record."""

from claimgraph.errors import InputError
from claimgraph.ingest import ReaderOptions, jsonfile, read_paths
from claimgraph.model import Document

CUSTOM_FIELDS = ReaderOptions(text_field="story", title_field="headline", url_field="link", date_field="published")


def test_jsonl_bad_lines_are_errors_and_the_rest_is_read(fixtures_dir):
    path = str(fixtures_dir / "ingest" / "records.jsonl")
    items = list(read_paths([path]))
    assert [(type(x).__name__, x.record if isinstance(x, InputError) else x.source.record) for x in items] == [
        ("Document", "1"),
        ("InputError", "2"),
        ("InputError", "3"),
        ("Document", "5"),
        ("InputError", "6"),
        ("Document", "7"),
    ]
    assert items[1] == InputError(path, "invalid JSON (Unterminated string starting at, column 58)", "2")
    assert items[2] == InputError(
        path, "no text field (looked for 'text', 'body', 'content', 'articleBody', 'full_text')", "3"
    )
    assert items[4] == InputError(path, "record is a JSON list, not an object", "6")
    assert str(items[1]).startswith(f"{path}#2: invalid JSON")


def test_jsonl_fields_become_metadata(fixtures_dir):
    first, *_ = read_paths([str(fixtures_dir / "ingest" / "records.jsonl")])
    assert first.source.format == "jsonl"
    assert first.raw_text.startswith("Synthetic record. A district official said on Monday")
    assert (first.meta.title, first.meta.url, first.meta.date, first.meta.author, first.meta.site) == (
        "Border road reopens",
        "https://wire.example/1",
        "2024-03-11",
        "Wire staff",
        "Example Wire",
    )


def test_non_string_metadata_is_made_text(fixtures_dir):
    last = list(read_paths([str(fixtures_dir / "ingest" / "records.jsonl")]))[-1]
    assert last.meta.author == "A. Writer, B. Writer"
    assert last.meta.date == "2024"


def test_html_in_a_fallback_text_field_goes_through_the_html_reader(fixtures_dir):
    doc = list(read_paths([str(fixtures_dir / "ingest" / "records.jsonl")]))[3]
    assert isinstance(doc, Document) and doc.source.record == "5"
    assert "<p>" not in doc.raw_text
    assert "Provincial authorities on Tuesday turned back a group of observers" in doc.raw_text
    assert [r.text for r in doc.removals] == ["Home World", "Copyright Example Wire"]
    assert doc.meta.site == "Example Wire"  # the record's own field
    assert doc.meta.title == "Observers barred from district"  # found in the page


def test_json_list_with_configured_field_names(fixtures_dir):
    path = str(fixtures_dir / "ingest" / "articles.json")
    first, second, third = read_paths([path], CUSTOM_FIELDS)
    assert first.source.format == "json" and first.source.record == "0"
    assert first.raw_text.endswith("\n\nThe group said it stood by its count.")
    assert (first.meta.title, first.meta.url, first.meta.date) == (
        "Spokesman disputes casualty count",
        "https://monitor.example/a/1",
        "2024-01-05",
    )
    assert second == InputError(path, "record is a JSON string, not an object", "1")
    assert third == InputError(path, "no text content", "2")


def test_default_field_names_do_not_match_other_names(fixtures_dir):
    path = str(fixtures_dir / "ingest" / "articles.json")
    assert [x.reason for x in read_paths([path])] == [
        "no text field (looked for 'text', 'body', 'content', 'articleBody', 'full_text')",
        "record is a JSON string, not an object",
        "no text field (looked for 'text', 'body', 'content', 'articleBody', 'full_text')",
    ]


def test_configured_field_wins_over_fallbacks(tmp_path):
    path = tmp_path / "one.json"
    path.write_text('{"text": "SYNTHETIC main text.", "body": "SYNTHETIC other text."}', encoding="utf-8")
    [doc] = read_paths([str(path)])
    assert doc.raw_text == "SYNTHETIC main text." and doc.source.record is None


def test_text_field_must_be_a_string(tmp_path):
    path = tmp_path / "num.jsonl"
    path.write_text('{"text": 42}\n', encoding="utf-8")
    assert list(read_paths([str(path)])) == [InputError(str(path), "field 'text' is a JSON number, not a string", "1")]


def test_invalid_json_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"text": "SYNTHETIC", ', encoding="utf-8")
    [error] = read_paths([str(path)])
    assert error.path == str(path) and error.record is None
    assert error.reason.startswith("invalid JSON (") and "line 1" in error.reason


def test_json_lines_saved_as_json_are_read_as_lines(tmp_path):
    path = tmp_path / "lines.json"
    path.write_text('{"text": "SYNTHETIC one."}\n{"text": "SYNTHETIC two."}\n', encoding="utf-8")
    one, two = read_paths([str(path)])
    assert (one.source.format, one.source.record, two.raw_text) == ("jsonl", "1", "SYNTHETIC two.")


def test_json_scalar_and_empty_list(tmp_path):
    scalar, empty = tmp_path / "scalar.json", tmp_path / "empty_list.json"
    scalar.write_text('"SYNTHETIC"', encoding="utf-8")
    empty.write_text("[]", encoding="utf-8")
    assert [x.reason for x in read_paths([str(scalar), str(empty)])] == [
        "JSON holds a string, not an object or a list of objects",
        "JSON list holds no records",
    ]


# -- bounds: depth, control bytes, records per file ---------------------------------------------


def test_json_nested_100k_deep_is_one_error(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    deep_object = tmp_path / "deep_object.json"
    deep_object.write_text('{"a":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    [list_error] = read_paths([str(deep)])
    [object_error] = read_paths([str(deep_object)])
    assert list_error.reason.startswith("JSON nested too deep to read") and list_error.record == "0"
    assert object_error == InputError(str(deep_object), list_error.reason)


def test_a_deep_jsonl_line_loses_only_that_line(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text(
        '{"text": "SYNTHETIC one."}\n' + '{"a":' * 100_000 + "1" + "}" * 100_000 + '\n{"text": "SYNTHETIC three."}\n',
        encoding="utf-8",
    )
    one, error, three = read_paths([str(path)])
    assert (one.raw_text, three.raw_text) == ("SYNTHETIC one.", "SYNTHETIC three.")
    assert error.record == "2" and error.reason.startswith("JSON nested too deep")


def test_a_raw_control_byte_loses_only_its_line(tmp_path):
    path = tmp_path / "control.jsonl"
    path.write_bytes(
        b'{"text": "SYNTHETIC one."}\n{"text": "bad \x00 byte"}\n{"text": "SYNTHETIC \x01three."}\n'
        b'{"text": "SYNTHETIC four."}\n'
    )
    items = list(read_paths([str(path)]))
    assert [type(x).__name__ for x in items] == ["Document", "InputError", "InputError", "Document"]
    assert items[1].record == "2" and "Invalid control character" in items[1].reason
    assert items[3].raw_text == "SYNTHETIC four."
    # a real binary file is still refused whole
    png = tmp_path / "image.jsonl"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert [x.reason for x in read_paths([str(png)])] == ["binary file, not text"]


def test_list_items_are_read_one_at_a_time(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('[{"text": "SYNTHETIC one."}, {"text": "SYNTHETIC two."}, {"text": ', encoding="utf-8")
    one, two, error = read_paths([str(path)])
    assert (one.source.record, two.raw_text) == ("0", "SYNTHETIC two.")
    assert error.record is None and error.reason.startswith("invalid JSON (Expecting value, line 1")
    spaced = tmp_path / "spaced.json"
    spaced.write_text('\n [ {"text": "SYNTHETIC a."} ,\n {"text": "SYNTHETIC b."} ] \n', encoding="utf-8")
    assert [d.raw_text for d in read_paths([str(spaced)])] == ["SYNTHETIC a.", "SYNTHETIC b."]
    bad = tmp_path / "bad_delimiter.json"
    bad.write_text('[{"text": "SYNTHETIC a."} {"text": "b"}]', encoding="utf-8")
    assert read_paths([str(bad)]).__next__().raw_text == "SYNTHETIC a."
    assert "Expecting ',' delimiter" in list(read_paths([str(bad)]))[-1].reason


def test_records_per_file_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonfile, "MAX_RECORDS", 3)
    lines, listed = tmp_path / "many.jsonl", tmp_path / "many.json"
    lines.write_text('{"text": "SYNTHETIC record."}\n' * 5, encoding="utf-8")
    listed.write_text("[" + ", ".join(['{"text": "SYNTHETIC record."}'] * 5) + "]", encoding="utf-8")
    for path in (lines, listed):
        *documents, last = read_paths([str(path)])
        assert len(documents) == 3 and all(isinstance(d, Document) for d in documents)
        assert last.record is None and last.reason.endswith("over 3 records: the rest is not read")
