"""WARC files: HTML and text records, skipped records, bad records, and truncated archives."""

import gzip
import importlib.util
import time
import tracemalloc
import zlib

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import ReaderOptions, read_paths
from claimgraph.ingest.warc import MIN_INFLATE_BYTES
from claimgraph.model import Document


def rid(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


@pytest.fixture(scope="module")
def warc_path(fixtures_dir):
    return fixtures_dir / "ingest" / "crawl.warc.gz"


@pytest.fixture(scope="module")
def warc_items(warc_path):
    return list(read_paths([str(warc_path)]))


def test_only_text_and_html_pages_are_read(warc_items, warc_path):
    # warcinfo, request, image/png and a 301 redirect are skipped without a message.
    assert [(type(x).__name__, x.record if isinstance(x, InputError) else x.source.record) for x in warc_items] == [
        ("Document", rid(3)),
        ("Document", rid(4)),
        ("InputError", rid(7)),
        ("Document", rid(8)),
    ]
    assert warc_items[2] == InputError(str(warc_path), "no text content", rid(7))


def test_html_response_record(warc_items):
    doc = warc_items[0]
    assert doc.source.format == "warc"
    assert doc.meta.url == "https://frontier-dispatch.example/region/ministry-denies-camps"
    assert doc.meta.title == "Ministry denies report of new training camps"
    assert doc.meta.site == "Frontier Dispatch"
    assert doc.meta.date == "2024-03-20"  # the page has no date: WARC-Date fills in
    assert "The interior ministry on Sunday rejected a United Nations monitoring report" in doc.raw_text
    texts = [r.text for r in doc.removals]
    assert "Home Region About" in texts
    for r in doc.removals:
        assert doc.raw_text[r.raw_start : r.raw_end] == r.text


def test_text_response_record(warc_items):
    doc = warc_items[1]
    assert doc.raw_text.startswith("SYNTHETIC TEST STATEMENT for claimgraph tests.\nThe provincial council")
    assert (doc.meta.url, doc.meta.date) == ("https://council.example/statements/observers.txt", "2024-03-20")


def test_resource_record_keeps_the_page_date(warc_items):
    doc = warc_items[2 + 1]
    assert doc.meta.url == "https://council.example/statements/observers.html"
    assert doc.meta.date == "2024-02-11"
    assert "invited observers from three universities" in doc.raw_text


def test_record_payload_over_the_limit(warc_path):
    items = list(read_paths([str(warc_path)], ReaderOptions(max_bytes=500)))
    errors = {x.record: x.reason for x in items if isinstance(x, InputError)}
    assert errors[rid(3)] == "record payload is over the 500 bytes limit (--max-size)"
    assert any(isinstance(x, Document) and x.source.record == rid(4) for x in items)


@pytest.mark.parametrize("fraction, documents_before", [(0.3, 0), (0.5, 1), (0.8, 2)])
def test_cut_gzipped_warc_yields_records_so_far_then_one_error(warc_path, tmp_path, fraction, documents_before):
    data = warc_path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * fraction)])
    items = list(read_paths([str(cut)]))
    *before, last = items
    assert isinstance(last, InputError) and last.path == str(cut) and last.record is None
    assert last.reason.startswith("truncated WARC")
    assert all(isinstance(x, Document) or x.record is not None for x in before)
    assert sum(isinstance(x, Document) for x in before) == documents_before
    complete = {x.source.record for x in list(read_paths([str(warc_path)])) if isinstance(x, Document)}
    assert {x.source.record for x in before if isinstance(x, Document)} <= complete


def test_gzipped_warc_missing_only_its_last_bytes_is_truncated(warc_path, tmp_path):
    cut = tmp_path / "short.warc.gz"
    cut.write_bytes(warc_path.read_bytes()[:-5])
    last = list(read_paths([str(cut)]))[-1]
    assert last == InputError(
        str(cut), "truncated WARC: the gzip stream ends inside a record (after 8 complete records)"
    )


def test_cut_uncompressed_warc(warc_path, tmp_path):
    data = gzip.decompress(warc_path.read_bytes())
    whole, cut = tmp_path / "whole.warc", tmp_path / "cut.warc"
    whole.write_bytes(data)
    cut.write_bytes(data[: data.index(b"Officials in the capital said")])  # inside the last record
    assert len([x for x in read_paths([str(whole)]) if isinstance(x, Document)]) == 3
    *before, last = read_paths([str(cut)])
    assert [x.source.record for x in before if isinstance(x, Document)] == [rid(3), rid(4)]
    assert last == InputError(
        str(cut), f"truncated WARC: the file ends inside record {rid(8)} (after 7 complete records)"
    )


def test_a_file_that_is_not_a_warc(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("SYNTHETIC: just some text, not an archive\n", encoding="utf-8")
    [error] = read_paths([str(path)])
    assert error == InputError(str(path), "not a WARC file (no WARC/1.x record header)")


def test_committed_warc_is_what_make_warc_writes(warc_path, tmp_path):
    spec = importlib.util.spec_from_file_location("make_warc", warc_path.with_name("make_warc.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = tmp_path / "crawl.warc.gz"
    module.main()
    assert module.OUT.read_bytes() == warc_path.read_bytes()
    assert warc_path.stat().st_size < 50 * 1024


def test_corrupt_gzipped_warc_reports_what_was_read(warc_path, tmp_path):
    data = bytearray(warc_path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 60] = bytes(b ^ 0x55 for b in data[middle : middle + 60])
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(bytes(data))
    *before, last = read_paths([str(path)])
    assert last.path == str(path) and last.record is None
    assert last.reason.startswith(("truncated or corrupt WARC after", "truncated WARC"))
    assert "\n" not in last.reason and len(last.reason) < 200
    assert [x.source.record for x in before if isinstance(x, Document)] == [rid(3)]


def test_gzipped_text_is_not_a_warc(tmp_path):
    path = tmp_path / "text.warc.gz"
    path.write_bytes(gzip.compress(b"SYNTHETIC: compressed prose\n"))
    assert list(read_paths([str(path)])) == [InputError(str(path), "not a readable WARC file: Unknown archive format")]


# -- bombs: a small .warc.gz that inflates without end must give one error line, in bounded memory --


def _gzip(parts, repeat_zeros_mib: int = 0) -> bytes:
    """One gzip member of ``parts`` followed by that many MiB of zero bytes (level 1: ~200:1, fast)."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = [compressor.compress(part) for part in parts]
    zeros = bytes(1 << 20)
    out += [compressor.compress(zeros) for _ in range(repeat_zeros_mib)]
    return b"".join(out) + compressor.flush()


def _read_bounded(path) -> tuple[list, float, int]:
    """The items, the seconds taken and the peak of Python allocations while reading."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        items = list(read_paths([str(path)]))
        return items, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_endless_header_line_is_one_error_in_bounded_memory(tmp_path):
    bomb = tmp_path / "endless.warc.gz"
    bomb.write_bytes(_gzip([b"WARC/1.0\r\nWARC-Type: resource\r\nX-Long: " + b"A" * (128 << 20)]))
    assert bomb.stat().st_size < 1_000_000
    items, seconds, peak = _read_bounded(bomb)
    assert items == [
        InputError(
            str(bomb),
            "a record's header lines run past 1 MB (an endless header line, or not "
            "a WARC file) (after 0 complete records)",
        )
    ]
    # warcio inflates 16 KB of input at a time (up to ~16 MB out): far below the 128 MB line
    assert peak < 64 << 20 and seconds < 10


def test_gzip_of_zeros_is_one_error(tmp_path):
    bomb = tmp_path / "zeros.warc.gz"
    bomb.write_bytes(_gzip([], repeat_zeros_mib=128))
    items, seconds, peak = _read_bounded(bomb)
    assert len(items) == 1 and "header lines run past 1 MB" in items[0].reason
    assert peak < 64 << 20 and seconds < 10


def test_a_record_inflating_past_the_file_bound_ends_the_file(tmp_path, warc_path):
    # a real crawl first (its documents are kept), then a resource record of 300 MB of zeros
    header = (
        b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: "
        + rid(99).encode()
        + b"\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % (300 << 20)
    )
    bomb = tmp_path / "inflate.warc.gz"
    bomb.write_bytes(warc_path.read_bytes() + _gzip([header], 300))
    assert bomb.stat().st_size < 2_000_000
    started = time.perf_counter()
    *documents, last = list(read_paths([str(bomb)]))
    assert time.perf_counter() - started < 30
    assert sum(isinstance(x, Document) for x in documents) == 3
    assert last.record is None and last.reason.startswith(
        f"the file inflates to over {MIN_INFLATE_BYTES >> 20} MB, the bound for its size"
    )
    assert last.reason.endswith("(after 8 complete records)")
