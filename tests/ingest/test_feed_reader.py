"""RSS 0.91/1.0/2.0 and Atom feeds: one document per item, with its metadata and categories."""

import io

from claimgraph.errors import InputError
from claimgraph.ingest import ReaderOptions, file_format, read_paths, read_stdin
from claimgraph.ingest.feeds import is_feed
from claimgraph.model import FEED_ITEMS_KIND, Document, Metadata


def _read(path):
    return list(read_paths([str(path)]))


def test_rss2_items_are_documents_with_title_link_date_author_and_categories(fixtures_dir):
    path = fixtures_dir / "ingest" / "sources" / "sahel_wire.rss"
    first, second, third = _read(path)
    assert first.source.format == "feed" and first.source.record == "sahelwire-2024-0502-001"
    assert first.meta == Metadata(
        title="Convoy ambushed near Ménaka, regional officials say",
        author="Aminata Coulibaly",
        date="2024-05-02T08:14:00+00:00",
        site="Sahel Wire Digest",
        url="https://sahelwire.example/2024/05/menaka-convoy-ambush",
    )
    item = first.annotations[FEED_ITEMS_KIND][0]
    assert (item.guid, item.categories, item.feed_url) == (
        "sahelwire-2024-0502-001",
        ("Mali", "Security"),
        "https://sahelwire.example/",
    )
    # content:encoded wins over the description; its HTML rendered as a page's visible text
    assert first.raw_text == (
        "Convoy ambushed near Ménaka, regional officials say\n\n"
        "A supply convoy was attacked on Wednesday on the road north of Ménaka, two regional officials said.\n\n"
        "The officials said at least six drivers were killed. The claim could not be independently verified.\n\n"
        "Read the timeline."
    )
    # RSS's "email (Name)" author is the name; a +0100 date is given in UTC
    assert second.meta.author == "Ibrahim Sawadogo"
    assert second.meta.date == "2024-05-03T16:40:00+00:00"
    assert second.raw_text.endswith(
        "destroyed a militant camp.\n\nResidents reported civilian casualties, which the army denied."
    )
    # a description that starts with the title is not headed by it twice; no guid: the link is the record
    assert third.raw_text.startswith("Niger junta extends curfew in Tillabéri. The interior ministry")
    assert third.source.record == "https://sahelwire.example/2024/05/tillaberi-curfew"


def test_atom_entries_rss1_and_rss091_latin1(fixtures_dir):
    sources = fixtures_dir / "ingest" / "sources"
    hodeidah, taiz = _read(sources / "yemen_coast.atom")
    assert (hodeidah.meta.author, hodeidah.meta.date, hodeidah.meta.site) == (
        "Nadia al-Hakimi",
        "2024-05-05T18:30:00+00:00",
        "Yemen Coast Watch",
    )
    assert hodeidah.annotations[FEED_ITEMS_KIND][0].categories == ("Yemen", "Red Sea")
    assert taiz.meta.date == "2024-05-06T09:00:00+00:00"  # no published date: the updated one
    assert taiz.raw_text == (
        "Aid agencies warn of fuel shortages in Taiz\n\n"
        "Two aid agencies said fuel deliveries to Taiz had fallen by half since March."
    )
    (lashio,) = _read(sources / "myanmar_monitor.xml")
    assert (lashio.source.format, lashio.meta.author, lashio.meta.date) == (
        "feed",
        "Field desk",
        "2024-05-07T03:45:00+00:00",
    )
    assert lashio.annotations[FEED_ITEMS_KIND][0].categories == ("Shan State",)
    (vovchansk,) = _read(sources / "ukraine_notes_091.rss")  # declared ISO-8859-1
    assert "two homes and a café in Vovchansk" in vovchansk.raw_text
    assert vovchansk.meta.date is None and vovchansk.meta.site == "Kharkiv Front Notes"


def test_the_same_item_in_two_copies_of_a_feed_is_one_document(fixtures_dir, tmp_path):
    original = fixtures_dir / "ingest" / "sources" / "yemen_coast.atom"
    copy = tmp_path / "yemen_coast_saved_later.atom"
    copy.write_bytes(original.read_bytes())
    assert [d.id for d in _read(original)] == [d.id for d in _read(copy)]


def test_feeds_are_recognised_by_suffix_and_by_content(fixtures_dir, tmp_path):
    assert [file_format(n) for n in ("a.rss", "a.atom", "a.xml")] == ["feed", "feed", "feed"]
    data = (fixtures_dir / "ingest" / "sources" / "sahel_wire.rss").read_bytes()
    assert is_feed(data) and not is_feed(b"<!DOCTYPE html><html><body>x</body></html>")
    unnamed = tmp_path / "download"
    unnamed.write_bytes(data)
    assert [d.source.format for d in _read(unnamed)] == ["feed"] * 3

    class Stdin:
        buffer = io.BytesIO(data)

    assert [d.meta.site for d in read_stdin(stream=Stdin())] == ["Sahel Wire Digest"] * 3


def test_a_feed_over_the_item_limit_is_read_up_to_it_with_one_line(tmp_path):
    items = "".join(
        f"<item><title>SYNTHETIC report {i} from Kherson</title><link>https://ex.example/{i}</link>"
        f"<description>Shelling reported in district {i}.</description></item>"
        for i in range(30)
    )
    path = tmp_path / "flood.rss"
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Flood</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    out = list(read_paths([str(path)], ReaderOptions(max_records=10)))
    assert sum(isinstance(x, Document) for x in out) == 10
    assert out[-1] == InputError(str(path), "feed holds more than 10 items: read the first 10")
    too_big = list(read_paths([str(path)], ReaderOptions(max_bytes=1000)))
    assert len(too_big) == 1 and "over the 1000 bytes limit (--max-size)" in too_big[0].reason
