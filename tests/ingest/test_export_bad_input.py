"""Bad feeds and exports: one clear line each, the rest of the input is still read."""

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest import ReaderOptions, read_paths
from claimgraph.model import Document


@pytest.fixture(scope="module")
def bad_dir(fixtures_dir):
    return fixtures_dir / "ingest" / "sources" / "bad"


def _read(path, options=None):
    return list(read_paths([str(path)], options or ReaderOptions()))


def test_malformed_xml_is_named_and_read_leniently(bad_dir):
    path = bad_dir / "malformed_feed.rss"
    error, *docs = _read(path)
    assert error == InputError(
        str(path),
        "malformed XML (mismatched tag, line 28 column 30): read leniently, items past the fault may be missing",
    )
    assert [d.meta.title for d in docs][:1] == ["Convoy ambushed near Ménaka, regional officials say"]
    assert all(isinstance(d, Document) for d in docs)


def test_a_feed_that_is_an_html_page(bad_dir):
    path = bad_dir / "html_page.rss"
    assert _read(path) == [InputError(str(path), "not an RSS or Atom feed: the file is an HTML page")]


def test_an_xml_file_that_is_no_feed(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://ex.example/</loc></url></urlset>')
    assert _read(path) == [InputError(str(path), "not an RSS or Atom feed (root element <urlset>)")]


def test_a_feed_whose_bytes_are_not_in_its_declared_encoding(bad_dir):
    path = bad_dir / "not_utf8_feed.xml"
    assert _read(path) == [
        InputError(
            str(path),
            "not text in the encoding the feed declares (document declared as utf-8, but parsed as windows-1252)",
        )
    ]


def test_an_empty_feed_and_a_binary_one(tmp_path):
    empty = tmp_path / "empty.atom"
    empty.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>Nothing yet</title></feed>')
    assert _read(empty) == [InputError(str(empty), "feed holds no items")]
    binary = tmp_path / "image.rss"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(64))
    assert _read(binary) == [InputError(str(binary), "binary file, not text")]


def test_malformed_json_exports(bad_dir):
    telegram, tweets, outbox = (
        bad_dir / n for n in ("telegram_truncated.json", "tweets_truncated.js", "outbox_malformed.json")
    )
    assert _read(telegram) == [
        InputError(
            str(telegram),
            "invalid JSON in the Telegram export (Expecting property name enclosed in double quotes, line 51 column 4)",
        )
    ]
    assert _read(tweets) == [
        InputError(str(tweets), "invalid JSON in the X archive (Unterminated string starting at, line 6 column 21)")
    ]
    assert _read(outbox) == [
        InputError(str(outbox), "invalid JSON in the Mastodon outbox (Expecting ',' delimiter, line 7 column 5)")
    ]


def test_a_non_utf8_export_is_refused_not_guessed(bad_dir):
    path = bad_dir / "telegram_cp1252.json"
    assert _read(path) == [
        InputError(str(path), "not UTF-8 (byte 0x97 at offset 232): a Telegram export is written in UTF-8")
    ]


def test_bad_messages_are_one_line_each_and_the_rest_is_read(bad_dir):
    path = str(bad_dir / "telegram_bad_messages.json")
    items = _read(path)
    assert [x for x in items if isinstance(x, InputError)] == [
        InputError(path, "message is not a JSON object", "messages[1]"),
        InputError(path, "message text is neither a string nor a list of parts", "33"),
        InputError(path, "message has no id", "messages[3]"),
    ]
    assert [d.source.record for d in items if isinstance(d, Document)] == ["31", "35"]


def test_an_export_over_the_post_limit_is_read_up_to_it(fixtures_dir):
    path = fixtures_dir / "ingest" / "sources" / "telegram_sahel_channel.json"
    items = _read(path, ReaderOptions(max_records=3))  # the service entry, 202 and 203 count
    assert items[0] == InputError(str(path), "export holds more than 3 posts: read the first 3")
    assert [d.source.record for d in items[1:]] == ["202", "203"]


def test_a_directory_with_good_and_bad_sources_reads_every_good_one(fixtures_dir):
    root = fixtures_dir / "ingest" / "sources"
    items = list(read_paths([str(root)]))
    failed = sorted({x.path[len(str(root)) + 1 :] for x in items if isinstance(x, InputError)})
    assert failed == [
        "bad/html_page.rss",
        "bad/malformed_feed.rss",
        "bad/not_utf8_feed.xml",
        "bad/outbox_malformed.json",
        "bad/telegram_bad_messages.json",
        "bad/telegram_cp1252.json",
        "bad/telegram_truncated.json",
        "bad/tweets_truncated.js",
        "x_archive/data/account.js",
    ]
    read = [x for x in items if isinstance(x, Document)]
    by_format = {fmt: sum(d.source.format == fmt for d in read) for fmt in ("feed", "telegram", "twitter", "mastodon")}
    # feeds 3 (malformed, read leniently) + 3 + 2 + 1 + 1; Telegram 2 (bad messages) + 3 + 3; X 4; Mastodon 2
    assert by_format == {"feed": 10, "telegram": 8, "twitter": 4, "mastodon": 2}


def test_malformed_xml_with_nothing_to_recover_is_one_line(tmp_path):
    path = tmp_path / "cut.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Cut', encoding="utf-8")
    (error,) = _read(path)
    assert error.reason.startswith("malformed XML (") and "read leniently" not in error.reason
