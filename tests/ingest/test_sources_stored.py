"""Feeds and exports through the whole pipeline into a store: forwarded copies stored once, post
spans and feed categories kept, clean-text offsets mapping back into the right post."""

import shutil

import pytest

from claimgraph import runner
from claimgraph.ingest.posts import post_at
from claimgraph.model import FEED_ITEMS_KIND, POSTS_KIND
from claimgraph.settings import Settings
from claimgraph.store import Store

GOOD = ("sahel_wire.rss", "telegram_sahel_channel.json", "telegram_myanmar_group.json", "x_archive")


@pytest.fixture(scope="module")
def stored(fixtures_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stored")
    root = tmp / "sources"
    root.mkdir()
    for name in GOOD:
        src = fixtures_dir / "ingest" / "sources" / name
        shutil.copytree(src, root / name) if src.is_dir() else shutil.copy(src, root / name)
    (root / "x_archive" / "data" / "account.js").unlink()
    store = Store(tmp / "cg.duckdb")
    report = runner.run([str(root)], store, Settings.defaults().with_values({"extract.mode": "fast"}))
    yield store, report
    store.close()


def test_every_item_and_post_is_stored_and_the_second_forward_is_skipped(stored):
    store, report = stored
    assert report.errors == []
    # 3 feed items, 3 + 3 Telegram documents (the forward twice), 4 X documents
    assert (report.added_count, report.skipped) == (12, 1)
    added = [store.documents.get(d.id) for d in report.added]
    forwards = [d for d in added if d.raw_text.startswith("Houthi spokesman says two missiles")]
    # the Telegram forward, and the retweet of the same words: an exact duplicate of it
    assert sorted((d.source.format, d.duplicate_kind) for d in forwards) == [("telegram", None), ("twitter", "exact")]


def test_post_spans_and_categories_come_back_from_the_store(stored):
    store, report = stored
    by_record = {(d.source.format, d.source.record): d for d in report.added}
    thread = store.documents.get(by_record[("telegram", "203")].id)
    assert [p.post_id for p in thread.annotations[POSTS_KIND]] == ["203", "204", "205"]
    item = store.documents.get(by_record[("feed", "sahelwire-2024-0502-001")].id)
    assert item.annotations[FEED_ITEMS_KIND][0].categories == ("Mali", "Security")


def test_a_claim_in_a_thread_maps_back_to_its_post(stored):
    store, report = stored
    thread = next(d for d in report.added if d.source.format == "twitter" and d.source.record.endswith("0001"))
    doc = store.documents.get(thread.id)
    clean_at = doc.clean_text.index("the governor says it was damaged")
    raw_start, raw_end = doc.offsets.to_raw(clean_at, clean_at + len("the governor says it was damaged"))
    assert doc.raw_text[raw_start:raw_end] == "the governor says it was damaged"
    assert post_at(doc, raw_start).post_id == "1790000000000000002"
