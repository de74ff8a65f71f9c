"""read_paths: directories, dispatch, standard input, and every kind of bad input."""

import io
import os
import shutil
import sys

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import ReaderOptions, file_format, read_paths
from claimgraph.model import Document


@pytest.fixture
def corpus_dir(tmp_path, fixtures_dir):
    """A small tree: nested directories, a hidden file and directory, unsupported and bad files."""
    src = fixtures_dir / "ingest"
    root = tmp_path / "corpus"
    (root / "b_pages").mkdir(parents=True)
    (root / "a_text" / "deeper").mkdir(parents=True)
    (root / ".cache").mkdir()
    shutil.copy(src / "news_page.html", root / "b_pages" / "page.HTM")
    shutil.copy(src / "statement.md", root / "a_text" / "statement.md")
    shutil.copy(src / "legacy_cp1252.txt", root / "a_text" / "deeper" / "legacy.txt")
    shutil.copy(src / "empty.txt", root / "a_text" / "empty.txt")
    shutil.copy(src / "binary_image.txt", root / "c_binary.txt")
    (root / "notes.xyz").write_text("SYNTHETIC: not a supported type", encoding="utf-8")
    (root / "README").write_text("SYNTHETIC: no extension", encoding="utf-8")
    (root / ".hidden.txt").write_text("SYNTHETIC: hidden", encoding="utf-8")
    (root / ".cache" / "x.txt").write_text("SYNTHETIC: in a hidden directory", encoding="utf-8")
    return root


def describe(item):
    if isinstance(item, InputError):
        return ("error", os.path.basename(item.path), item.reason)
    return ("doc", os.path.basename(item.source.path), item.source.format)


def test_directory_is_walked_sorted_recursively_skipping_hidden(corpus_dir):
    assert [describe(x) for x in read_paths([str(corpus_dir)])] == [
        ("error", "README", "unsupported file type (no extension)"),
        ("doc", "legacy.txt", "txt"),  # a_text/deeper/ sorts before a_text/empty.txt
        ("error", "empty.txt", "empty file"),
        ("doc", "statement.md", "md"),
        ("doc", "page.HTM", "html"),
        ("error", "c_binary.txt", "binary file, not text"),
        ("error", "notes.xyz", "unsupported file type .xyz"),
    ]


def test_paths_are_read_in_the_order_given_and_errors_do_not_stop_the_run(corpus_dir, tmp_path):
    missing = str(tmp_path / "nowhere.txt")
    items = list(read_paths([missing, str(corpus_dir / "a_text" / "statement.md"), str(corpus_dir / "notes.xyz")]))
    assert items[0] == InputError(missing, "no such file or directory")
    assert isinstance(items[1], Document) and items[1].meta.title == "Council calls for independent observers"
    assert isinstance(items[2], Document)  # named explicitly: an unknown extension is tried as text


def test_formats_by_extension():
    assert file_format("crawl.WARC.gz") == "warc"
    assert file_format("a/b/page.htm") == "html"
    assert file_format("feed.ndjson") == "jsonl"
    assert file_format("backup.tar.gz") is None
    assert file_format(".txt") is None


def test_empty_file(fixtures_dir):
    path = str(fixtures_dir / "ingest" / "empty.txt")
    assert list(read_paths([path])) == [InputError(path, "empty file")]


def test_binary_file(fixtures_dir):
    path = str(fixtures_dir / "ingest" / "binary_image.txt")
    assert list(read_paths([path])) == [InputError(path, "binary file, not text")]


def test_undecodable_file(tmp_path):
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(128, 256)) * 3)
    assert list(read_paths([str(path)])) == [InputError(str(path), "cannot detect text encoding")]


def test_file_over_the_size_limit_is_refused_from_its_size_alone(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(int(73.4 * 1024 * 1024))  # sparse: never written, never read
    assert list(read_paths([str(path)])) == [
        InputError(str(path), "file is 73.4 MB, over the 50 MB limit (--max-size)")
    ]


def test_size_limit_is_an_option(fixtures_dir):
    path = str(fixtures_dir / "ingest" / "news_page.html")
    [error] = read_paths([path], ReaderOptions(max_bytes=2048))
    assert error == InputError(path, "file is 3.9 KB, over the 2 KB limit (--max-size)")


def test_missing_path():
    assert list(read_paths(["/no/such/claimgraph/input.txt"])) == [
        InputError("/no/such/claimgraph/input.txt", "no such file or directory")
    ]


def stdin_of(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_html_is_sniffed(monkeypatch, fixtures_dir):
    stdin_of(monkeypatch, (fixtures_dir / "ingest" / "news_page.html").read_bytes())
    [doc] = read_paths(["-"])
    assert doc.source.path == "-" and doc.source.format == "html"
    assert doc.meta.author == "Samira Qadiri"
    assert any("Subscribe to our newsletter" in r.text for r in doc.removals)


def test_stdin_jsonl_is_sniffed(monkeypatch):
    stdin_of(monkeypatch, b'{"text": "SYNTHETIC first record."}\n\n{"text": "SYNTHETIC second.", "title": "Two"}\n')
    first, second = read_paths(["-"])
    assert (first.source.format, first.source.record, first.raw_text) == ("jsonl", "1", "SYNTHETIC first record.")
    assert (second.source.record, second.meta.title) == ("3", "Two")


def test_stdin_text_is_the_fallback(monkeypatch):
    stdin_of(monkeypatch, b'SYNTHETIC. {"not": "json"} on a line with prose\r\nsecond line\n')
    [doc] = read_paths(["-"])
    assert doc.source.format == "txt"
    assert doc.raw_text == 'SYNTHETIC. {"not": "json"} on a line with prose\nsecond line\n'


def test_stdin_text_stream_without_a_byte_buffer(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("SYNTHETIC. Plain words from a text stream.\n"))
    [doc] = read_paths(["-"])
    assert doc.raw_text == "SYNTHETIC. Plain words from a text stream.\n"


def test_stdin_empty_and_too_large(monkeypatch):
    stdin_of(monkeypatch, b"")
    assert list(read_paths(["-"])) == [InputError("-", "empty input")]
    stdin_of(monkeypatch, b"x" * 3000)
    assert list(read_paths(["-"], ReaderOptions(max_bytes=1024))) == [
        InputError("-", "input is over the 1 KB limit (--max-size)")
    ]


def test_size_wording():
    from claimgraph.ingest.options import format_size

    assert [format_size(n) for n in (int(73.4 * 1024 * 1024), 50 * 1024 * 1024, 512 * 1024, 4000, 500)] == [
        "73.4 MB",
        "50 MB",
        "0.5 MB",
        "3.9 KB",
        "500 bytes",
    ]


def test_stdin_jsonl_holding_html_is_jsonl(monkeypatch):
    stdin_of(monkeypatch, b'{"text": "<p>SYNTHETIC paragraph one.</p><p>Two.</p>", "title": "T"}\n')
    [doc] = read_paths(["-"])
    assert (doc.source.format, doc.source.record, doc.meta.title) == ("jsonl", "1", "T")
    assert doc.raw_text == "SYNTHETIC paragraph one.\n\nTwo."


def test_stdin_pretty_printed_json(monkeypatch):
    stdin_of(monkeypatch, b'[\n  {"text": "SYNTHETIC one."},\n  {"text": "SYNTHETIC two."}\n]\n')
    one, two = read_paths(["-"])
    assert (one.source.format, one.source.record, two.raw_text) == ("json", "0", "SYNTHETIC two.")


def test_paths_may_be_path_objects(fixtures_dir):
    [doc] = read_paths([fixtures_dir / "ingest" / "statement.md"])
    assert doc.source.path == str(fixtures_dir / "ingest" / "statement.md")
