"""One bad byte neither garbles nor rejects a UTF-8 file: it is read as UTF-8 with that byte as
U+FFFD, recorded as an ``undecodable-byte`` removal; UTF-16 without a byte-order mark is read."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from claimgraph.clean import clean_document, load_rules
from claimgraph.cli import main
from claimgraph.errors import InputRejected
from claimgraph.ingest import read_paths
from claimgraph.ingest.encoding import UNDECODABLE_RULE, DecodedText, decode

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module

ENGLISH = "The ministry’s spokesman said “no camps” exist near Kunduz — café owners disagreed.\n"
DARI = "وزارت دفاع افغانستان اعلام کرد که نیروهای امنیتی در ولایت کندز مستقر شده‌اند.\n"


def test_one_bad_byte_in_utf8_is_replaced_not_read_as_cp1252():
    text = decode(ENGLISH.encode() * 5 + b"A stray \x96 byte.\n", "x.txt")
    assert isinstance(text, DecodedText) and text.replaced_bytes == 1
    assert text == ENGLISH * 5 + "A stray \ufffd byte.\n"  # every other character as written


def test_dari_with_one_stray_byte_is_accepted():
    text = decode(DARI.encode() * 3 + b"\xff" + DARI.encode(), "dari.txt")
    assert text == DARI * 3 + "\ufffd" + DARI and text.replaced_bytes == 1


def test_legacy_encodings_are_still_detected_whole():
    # cp1252 German: "ß“" happens to be a valid UTF-8 pair, far fewer than the bad bytes
    german = "Die Straße „Fuß“ führt über die Brücke; Grüße aus München.\n" * 3
    assert decode(german.encode("cp1252"), "de.txt") == german
    assert not isinstance(decode(german.encode("cp1252"), "de.txt"), DecodedText)


def test_utf16_without_a_bom_is_detected():
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode((ENGLISH * 3).encode(encoding), "x.txt") == ENGLISH * 3
        assert decode((DARI * 3).encode(encoding), "dari.txt") == DARI * 3
    # NULs at both positions of the byte pairs: binary, as before
    with pytest.raises(InputRejected, match="^binary file, not text$"):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "image.txt")


def test_a_utf16_file_is_read(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_bytes((DARI + ENGLISH).encode("utf-16-le"))
    [doc] = read_paths([str(path)])
    assert doc.raw_text == DARI + ENGLISH and doc.removals == ()


def test_the_replacement_is_a_removal_listed_by_show_removed(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(ENGLISH.encode() * 2 + b"Officials in Kabul said \x96 the road was closed on Monday.\n")
    [doc] = read_paths([str(path)])
    [removal] = doc.removals
    assert (removal.rule, removal.text) == (UNDECODABLE_RULE, "\ufffd")
    assert doc.raw_text[removal.raw_start] == "\ufffd"
    clean = clean_document(doc, RULES)
    assert "\ufffd" not in clean.clean_text and "Officials in Kabul said the road" in clean.clean_text
    assert any(r.rule == UNDECODABLE_RULE for r in clean.removals)
    assert UNDECODABLE_RULE in load_rules().descriptions()
    db = str(tmp_path / "s.duckdb")
    assert CliRunner().invoke(main, ["run", str(path), "--db", db, "--quiet", "--workers", "1"]).exit_code == 0
    shown = CliRunner().invoke(main, ["show", doc.id, "--removed", "--db", db])
    assert shown.exit_code == 0 and UNDECODABLE_RULE in shown.output


def test_json_records_and_html_pages_record_replacements_too(tmp_path):
    lines = tmp_path / "posts.jsonl"
    lines.write_bytes(
        b'{"text": "' + DARI.strip().encode() + b'"}\n{"text": "Kabul \xff said ' + ENGLISH.strip().encode() + b'"}\n'
    )
    dari, english = read_paths([str(lines)])
    assert dari.removals == () and [r.rule for r in english.removals] == [UNDECODABLE_RULE]
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body><p>" + ENGLISH.strip().encode() + b"</p><p>Kabul \xff said so.</p></body></html>")
    [doc] = read_paths([str(page)])
    assert UNDECODABLE_RULE in [r.rule for r in doc.removals]
    assert all(doc.raw_text[r.raw_start : r.raw_end] == r.text for r in doc.removals)
