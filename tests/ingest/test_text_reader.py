"""Plain text and Markdown files, including the two real seed documents."""

from claimgraph.errors import InputError
from claimgraph.ingest import read_paths
from claimgraph.ingest.text import markdown_title
from claimgraph.model import Document, document_id


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_seed_news_page_is_read_as_text(seed_news_path):
    doc = only(read_paths([str(seed_news_path)]))
    assert isinstance(doc, Document)
    assert doc.source.format == "txt" and doc.source.record is None
    assert doc.raw_text == seed_news_path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    assert doc.raw_text.startswith("Home / Latest / International community faces critical decision")
    assert "Islamic State – Khorasan Province (ISKP)" in doc.raw_text
    assert doc.meta.title is None  # only Markdown headings give a title
    assert doc.id == document_id(doc.source, doc.raw_text)


def test_seed_thread_is_read_as_text(seed_thread_path):
    doc = only(read_paths([str(seed_thread_path)]))
    assert isinstance(doc, Document)
    assert "Marat Imankulov" in doc.raw_text
    assert "[Thread] ⬇️" in doc.raw_text
    assert doc.removals == ()


def test_reading_twice_gives_the_same_document_id(seed_thread_path):
    first = only(read_paths([str(seed_thread_path)]))
    second = only(read_paths([str(seed_thread_path)]))
    assert first.id == second.id


def test_markdown_heading_is_the_title(fixtures_dir):
    doc = only(read_paths([str(fixtures_dir / "ingest" / "statement.md")]))
    assert doc.source.format == "md"
    assert doc.meta.title == "Council calls for independent observers"
    assert doc.raw_text.startswith("# Council calls")  # raw text is kept whole


def test_markdown_title_rules():
    assert markdown_title("\n\n## Closing heading ##\ntext") == "Closing heading"
    assert markdown_title("Plain first line\n# Later heading") is None
    assert markdown_title("#hashtag is not a heading") is None


def test_legacy_encodings_are_decoded(fixtures_dir):
    cp1252, arabic = read_paths(
        [str(fixtures_dir / "ingest" / "legacy_cp1252.txt"), str(fixtures_dir / "ingest" / "arabic_windows1256.txt")]
    )
    assert "Señora bridge" in cp1252.raw_text and "\r" not in cp1252.raw_text
    assert "ولاية ننكرهار" in arabic.raw_text


def test_explicit_file_with_unknown_extension_is_tried_as_text(tmp_path):
    path = tmp_path / "statement.log"
    path.write_text("SYNTHETIC. The ministry issued a short statement.\n", encoding="utf-8")
    doc = only(read_paths([str(path)]))
    assert isinstance(doc, Document) and doc.source.format == "txt"
    assert doc.raw_text == "SYNTHETIC. The ministry issued a short statement.\n"


def test_explicit_binary_file_with_unknown_extension_is_an_error(tmp_path, fixtures_dir):
    path = tmp_path / "photo.jpeg"
    path.write_bytes((fixtures_dir / "ingest" / "binary_image.txt").read_bytes())
    error = only(read_paths([str(path)]))
    assert error == InputError(str(path), "unsupported file type .jpeg: binary file, not text")


def test_whitespace_only_text_has_no_text_content(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n", encoding="utf-8")
    assert only(read_paths([str(path)])) == InputError(str(path), "no text content")
