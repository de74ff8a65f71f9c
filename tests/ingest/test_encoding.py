"""Bytes to text: BOMs, UTF-8, legacy code pages, binary and undecodable input."""

import codecs

import pytest

from claimgraph.errors import InputRejected
from claimgraph.ingest.encoding import decode, looks_binary


def test_utf8_is_decoded_strictly_and_newlines_normalised():
    assert decode(b"Kabul\r\nKunduz\rHerat\n", "x.txt") == "Kabul\nKunduz\nHerat\n"


@pytest.mark.parametrize(
    "bom, encoding",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_marks_pick_the_encoding_and_are_dropped(bom, encoding):
    text = "ولاية ننكرهار\r\nNangarhar"
    assert decode(bom + text.encode(encoding), "x.txt") == "ولاية ننكرهار\nNangarhar"


def test_cp1252_text_is_detected(fixtures_dir):
    text = decode((fixtures_dir / "ingest" / "legacy_cp1252.txt").read_bytes(), "legacy_cp1252.txt")
    assert "Café owner José Ortíz" in text
    assert "the “Valley Courier”" in text
    assert "Señora bridge" in text  # cp1250 would read this byte as "ń"
    assert "\r" not in text


def test_windows_1256_arabic_is_detected(fixtures_dir):
    text = decode((fixtures_dir / "ingest" / "arabic_windows1256.txt").read_bytes(), "arabic_windows1256.txt")
    assert "قال مسؤولون محليون في ولاية ننكرهار" in text
    assert "يوم الأربعاء" in text


def test_a_declared_charset_is_used_when_the_bytes_are_not_utf8():
    data = "Señora — “quoted”".encode("cp1252")
    assert decode(data, "page.html", declared="windows-1252") == "Señora — “quoted”"
    assert decode(data, "page.html", declared="iso-8859-1") == "Señora — “quoted”"  # read as browsers do


def test_a_wrong_or_unknown_declared_charset_falls_back_to_detection(fixtures_dir):
    data = (fixtures_dir / "ingest" / "arabic_windows1256.txt").read_bytes()
    assert "ننكرهار" in decode(data, "x.html", declared="no-such-charset")


def test_binary_content_is_rejected(fixtures_dir):
    data = (fixtures_dir / "ingest" / "binary_image.txt").read_bytes()
    assert looks_binary(data)
    with pytest.raises(InputRejected, match="^binary file, not text$"):
        decode(data, "binary_image.txt")


def test_many_control_bytes_without_nul_are_binary():
    assert looks_binary(bytes(range(1, 32)) * 10)
    assert not looks_binary(b"tab\tand\fform feed\r\n" * 10)


def test_bytes_no_encoding_explains_are_rejected():
    with pytest.raises(InputRejected, match="^cannot detect text encoding$"):
        decode(bytes(range(128, 256)) * 3, "x.txt")


def test_empty_bytes_are_rejected():
    with pytest.raises(InputRejected, match="^empty file$"):
        decode(b"", "x.txt")
