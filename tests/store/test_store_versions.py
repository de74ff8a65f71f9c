"""Edited inputs: a document read again from the same path (and record) with other text supersedes
the stored version; listings and linking read the current versions only; an unchanged input
still adds nothing."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from claimgraph import runner
from claimgraph.model import Source, new_document
from claimgraph.settings import Settings
from claimgraph.store import Store

FAST = Settings.defaults().with_values({"extract.mode": "fast"})
# the Surkh Rod attack as four outlets, a repost and the ministry report it: claims that share
# propositions, events that share clusters
SURKH_ROD = [
    "kabul_ledger_surkhrod_bombing.txt",
    "kabul_ledger_surkhrod_bombing_repost.txt",
    "khyber_dispatch_surkhrod_wire.html",
    "balkh_tribune_surkhrod_wire_republished.html",
    "statements_feed.jsonl",
]
EDITED = "kabul_ledger_surkhrod_bombing.txt"
ADDED_SENTENCE = (
    "\nOn Saturday a district official said the death toll had risen to 19, and police said they had "
    "arrested two suspects.\n"
)


def _copy(examples_dir: Path, root: Path, names: list[str]) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for name in names:
        shutil.copy(examples_dir / name, corpus / name)
    return corpus


def _edit_article(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "killing at least 12 worshippers" in text
    path.write_text(
        text.replace("killing at least 12 worshippers", "killing at least 19 worshippers") + ADDED_SENTENCE,
        encoding="utf-8",
    )


def _ids_of(store: Store, path: Path) -> list[str]:
    return [r["id"] for r in store.documents.summaries(include_superseded=True) if r["source_path"] == str(path)]


@pytest.fixture(scope="module")
def edited(tmp_path_factory, examples_dir):
    """A store after a run over SURKH_ROD, an edit of one article and a second run, with the two
    versions' ids and what the first run stored of the old version."""
    root = tmp_path_factory.mktemp("edited")
    corpus = _copy(examples_dir, root, SURKH_ROD)
    store = Store(root / "cg.duckdb")
    runner.run([str(corpus)], store, FAST)
    (old_id,) = _ids_of(store, corpus / EDITED)
    old_claims = {c["id"] for c in store.claims.find(doc_id=old_id)}
    old_members = store.query("SELECT count(*) AS n FROM proposition_claims WHERE doc_id = ?", [old_id])[0]["n"]
    # propositions whose every member is a claim of the old version
    only_old = {
        r["proposition_id"]
        for r in store.query(
            "SELECT proposition_id FROM proposition_claims GROUP BY 1 HAVING bool_and(doc_id = ?)", [old_id]
        )
    }
    _edit_article(corpus / EDITED)
    report = runner.run([str(corpus)], store, FAST)
    new_id = next(i for i in _ids_of(store, corpus / EDITED) if i != old_id)
    yield {
        "store": store,
        "corpus": corpus,
        "old": old_id,
        "new": new_id,
        "old_claims": old_claims,
        "old_members": old_members,
        "only_old": only_old,
        "report": report,
    }
    store.close()


def test_the_new_version_supersedes_the_old_one(edited):
    store, old, new = edited["store"], edited["old"], edited["new"]
    assert edited["report"].added_count == 1 and edited["report"].skipped == len(SURKH_ROD) - 1 + 3  # 4 records
    assert store.versions.superseded_by(old) == new and store.versions.superseded_by(new) is None
    # kept as history: the old version is still there, whole
    assert "killing at least 12 worshippers" in store.documents.get(old).clean_text
    assert "killing at least 19 worshippers" in store.documents.get(new).clean_text


def test_the_new_version_is_not_a_duplicate_of_the_old_one(edited):
    store, old, new = edited["store"], edited["old"], edited["new"]
    new_doc = store.documents.get(new)
    assert new_doc.duplicate_of is None and new_doc.duplicate_kind is None
    # the repost copied the old version: it stays that version's duplicate (not promoted), so the
    # story still counts once, through the new version
    repost = next(r for r in store.documents.summaries() if r["source_path"].endswith("_repost.txt"))
    assert repost["duplicate_of"] == old


def test_claims_lists_the_new_version_and_none_of_the_old(edited):
    store, old, new = edited["store"], edited["old"], edited["new"]
    listed = store.claims.find()
    doc_ids = {c["doc_id"] for c in listed}
    assert old not in doc_ids and new in doc_ids
    assert not edited["old_claims"] & {c["id"] for c in listed}
    new_claims = store.claims.find(doc_id=new)
    assert len(new_claims) == len(edited["old_claims"]) + 1  # the added sentence is one more claim
    assert any("arrested two suspects" in c["text"] for c in new_claims)
    assert {c["id"] for c in store.claims.find(doc_id=old)} == edited["old_claims"]  # named: still readable
    # the workbench's list and the brief's counts read the same
    total, rows = store.claims.page(limit=500)
    assert total == len(rows) and old not in {r["doc_id"] for r in rows} and new in {r["doc_id"] for r in rows}
    assert store.documents.holdings().claims == len(listed)


def test_docs_list_one_document_per_input(edited):
    store, corpus, old, new = edited["store"], edited["corpus"], edited["old"], edited["new"]
    path = str(corpus / EDITED)
    assert [r["id"] for r in store.documents.summaries() if r["source_path"] == path] == [new]
    both = {
        r["id"]: r["superseded_by"]
        for r in store.documents.summaries(include_superseded=True)
        if r["source_path"] == path
    }
    assert both == {old: new, new: None}
    total, rows = store.documents.page(limit=100)
    assert total == len(rows) and old not in {r["id"] for r in rows}
    assert store.documents.counts()["superseded"] == 1


def test_linking_stops_counting_the_old_version(edited):
    store, old, new = edited["store"], edited["old"], edited["new"]
    assert edited["old_members"] > 0  # the old version's claims were in propositions
    assert store.propositions.superseded_members() == []
    member_docs = {r.doc_id for r in store.propositions.taken_sides()}
    members = store.propositions.members(store.propositions.ids())
    assert old not in {m["doc_id"] for m in members} and new in {m["doc_id"] for m in members}
    # each proposition's counts are of its current members
    for p in store.propositions.ranked():
        mine = [m for m in members if m["proposition_id"] == p["id"]]
        assert p["claims"] == len(mine) and p["documents"] == len({m["doc_id"] for m in mine})
    assert old not in member_docs
    # a proposition left without members is dropped, with its summed vector and reference centroid
    assert edited["only_old"] and not edited["only_old"] & set(store.propositions.ids())
    sums = store.query(
        "SELECT starts_with(mode, 'proposition-sums:reference:') AS reference, count(*) AS n FROM sentence_embeddings "
        "WHERE starts_with(mode, 'proposition-sums:') GROUP BY ALL ORDER BY reference"
    )
    assert [r["n"] for r in sums] == [store.propositions.count()] * 2
    # its events left their clusters; the new version's events are clustered
    assert store.events.superseded_in_clusters() == []
    assert old not in {r.doc_id for r in store.events.reports()}
    _, events = store.events.page()
    assert old not in {e["doc_id"] for e in events}
    assert any(r.doc_id == new and r.cluster_id for r in store.events.reports())


def test_rerunning_unchanged_inputs_adds_nothing(edited):
    store = edited["store"]
    before = store.documents.counts()
    report = runner.run([str(edited["corpus"])], store, FAST)
    assert report.added_count == 0
    after = store.documents.counts()
    assert after["documents"] == before["documents"] and after["superseded"] == before["superseded"] == 1


def test_a_jsonl_record_with_new_content_supersedes_that_record_only(tmp_path, examples_dir):
    corpus = _copy(examples_dir, tmp_path, ["statements_feed.jsonl"])
    feed = corpus / "statements_feed.jsonl"
    with Store(tmp_path / "cg.duckdb") as store:
        runner.run([str(corpus)], store, FAST)
        before = {r["source_record"]: r["id"] for r in store.documents.summaries()}
        lines = feed.read_text(encoding="utf-8").splitlines()
        record = json.loads(lines[1])
        record["text"] += "\nThe ministry said on Saturday that two suspects had been arrested in Jalalabad."
        lines[1] = json.dumps(record, ensure_ascii=False)
        feed.write_text("\n".join(lines) + "\n", encoding="utf-8")

        report = runner.run([str(corpus)], store, FAST)
        assert report.added_count == 1 and report.skipped == len(lines) - 1
        after = {r["source_record"]: r["id"] for r in store.documents.summaries()}
        assert set(after) == set(before) and after["2"] != before["2"]
        assert {k: v for k, v in after.items() if k != "2"} == {k: v for k, v in before.items() if k != "2"}
        assert store.versions.superseded_by(before["2"]) == after["2"]
        assert store.documents.get(after["2"]).duplicate_of is None  # not a near duplicate of line 2's old text
        assert before["2"] not in {c["doc_id"] for c in store.claims.find()}


def _rewrite_warc(source: Path, target: Path, record_id: str, edit) -> None:
    """Copy a WARC, passing one response record's HTML through ``edit``; every header (the record
    id included) stays."""
    with open(source, "rb") as fh, open(target, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for record in ArchiveIterator(fh):
            payload = record.content_stream().read()
            if record.rec_headers.get_header("WARC-Record-ID") == record_id:
                payload = edit(payload.decode("utf-8")).encode("utf-8")
            headers = dict(record.rec_headers.headers)
            for computed in ("Content-Length", "WARC-Block-Digest", "WARC-Payload-Digest", "Content-Type"):
                headers.pop(computed, None)
            if record.rec_type == "warcinfo":
                out_record = writer.create_warc_record(
                    None,
                    "warcinfo",
                    payload=io.BytesIO(payload),
                    warc_content_type=record.content_type,
                    warc_headers_dict=headers,
                )
            else:
                out_record = writer.create_warc_record(
                    headers.get("WARC-Target-URI"),
                    record.rec_type,
                    payload=io.BytesIO(payload),
                    http_headers=record.http_headers,
                    warc_headers_dict=headers,
                )
            if record.http_headers is not None:
                record.http_headers.remove_header("Content-Length")
            writer.write_record(out_record)


def test_a_warc_record_with_new_content_supersedes_that_record(tmp_path, examples_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    warc = corpus / "crawl.warc.gz"
    shutil.copy(examples_dir / "crawl.warc.gz", warc)
    rid = "<urn:uuid:5b0e4d1a-0c1f-4b2e-9a61-1d2e3f4a5b02>"
    with Store(tmp_path / "cg.duckdb") as store:
        runner.run([str(corpus)], store, FAST)
        before = {r["source_record"]: r["id"] for r in store.documents.summaries()}
        assert rid in before and len(before) == 3

        edited = tmp_path / "edited.warc.gz"
        _rewrite_warc(
            warc,
            edited,
            rid,
            lambda html: html.replace(
                "leaving hundreds of trucks stranded on both sides.",
                "leaving hundreds of trucks stranded on both "
                "sides. Officials said on Tuesday that the crossing would stay closed for a week.",
                1,
            ),
        )
        shutil.move(edited, warc)
        with gzip.open(warc, "rb") as fh:
            assert b"stay closed for a week" in fh.read()

        report = runner.run([str(corpus)], store, FAST)
        assert report.added_count == 1 and report.skipped == 2
        after = {r["source_record"]: r["id"] for r in store.documents.summaries()}
        assert set(after) == set(before) and after[rid] != before[rid]
        assert store.versions.superseded_by(before[rid]) == after[rid]
        assert "stay closed for a week" in store.documents.get(after[rid]).clean_text
        assert store.documents.get(after[rid]).duplicate_of is None


def _text(path: str, text: str, record: str | None = None):
    return new_document(Source(path, "txt", record), text).replace(clean_text=text)


ARTICLE = (
    "Officials in Herat said on Monday that twelve people were detained after clashes near the border "
    "crossing, and that the road to the crossing was closed for the day. Traders at the crossing said that "
    "hundreds of trucks were stranded on both sides and that the firing continued for nearly three hours. "
    "The provincial council called on all parties to allow independent observers into the district so that "
    "the competing accounts of the clashes could be checked."
)


def test_standard_input_is_never_a_version_of_an_earlier_input(tmp_path):
    # every input read from standard input has path "-": two of them are two documents, not versions
    with Store(tmp_path / "cg.duckdb") as store:
        for text in (ARTICLE, ARTICLE.replace("twelve", "fourteen")):
            writer = runner.StoreWriter(store, ["-"], 0.8)
            with store.batch():
                writer.write(_text("-", text))
            writer.finish()
        assert len(store.documents.summaries()) == 2 and store.documents.counts()["superseded"] == 0


def test_versions_in_one_batch_and_across_runs(tmp_path):
    # the same locator twice in one batch (a re-read during the run): the later one is current;
    # a later run's version supersedes that one in turn, and the chain is kept
    first, second, third = (
        _text("/in/feed.jsonl", ARTICLE.replace("twelve", n), "3") for n in ("ten", "eleven", "thirteen")
    )
    other = _text(
        "/in/feed.jsonl",
        "The council said on Sunday that it had invited observers from three universities "
        "to visit the northern districts.",
        "4",
    )
    with Store(tmp_path / "cg.duckdb") as store:
        writer = runner.StoreWriter(store, ["/in/feed.jsonl"], 0.8)
        with store.batch():
            writer.write(first)
            writer.write(second)
            writer.write(other)  # another record of the file: no version of it
        writer.finish()
        writer = runner.StoreWriter(store, ["/in/feed.jsonl"], 0.8)
        with store.batch():
            writer.write(third)
        writer.finish()
        assert store.versions.superseded_by(first.id) == second.id
        assert store.versions.superseded_by(second.id) == third.id
        assert [r["source_record"] for r in store.documents.summaries()] == ["4", "3"]
        # near-identical texts: each version would be a near duplicate of the one before it
        assert all(r["duplicate_of"] is None for r in store.documents.summaries(include_superseded=True))
