"""The DuckDB store: round trips, idempotent re-ingest, id prefixes, runs, schema versions."""

from __future__ import annotations

import duckdb
import pytest

from claimgraph.errors import ClaimgraphError, InputError, InputRejected
from claimgraph.model import Metadata, OffsetMap, Paragraph, Removal, Source, TextBuilder, new_document
from claimgraph.store import Store, available_migrations


def cleaned(raw: str, source: Source, meta: Metadata | None = None):
    """A document cleaned by hand: the first line is navigation, whitespace runs collapse."""
    nav_end = raw.index("\n") + 1
    builder = TextBuilder()
    i = nav_end
    while i < len(raw):
        j = i
        if raw[i] == " ":
            while j < len(raw) and raw[j] == " ":
                j += 1
            if j - i > 1:
                builder.substitute(i, j, " ")
            else:
                builder.copy(i, j, raw[i:j])
        else:
            while j < len(raw) and raw[j] != " ":
                j += 1
            builder.copy(i, j, raw[i:j])
        i = j
    clean, offsets = builder.build()
    doc = new_document(source, raw, meta, [Removal(0, nav_end, "navigation", raw[:nav_end])])
    return doc.replace(clean_text=clean, offsets=offsets)


@pytest.fixture
def full_doc():
    raw = (
        "Home / World / Asia\nKABUL  –  The Taliban said on Tuesday   that ISKP had been defeated.\n\n"
        "المتحدث قال إن التنظيم انتهى.\n\nAnalysts disagreed."
    )
    doc = cleaned(
        raw,
        Source("feeds/2023-05.jsonl", "jsonl", "17"),
        Metadata(
            title="Taliban claim ISKP defeated",
            author="Staff",
            date="2023-05-02",
            site="Example News",
            url="https://example.org/a",
        ),
    )
    first, second, third = doc.clean_text.split("\n\n")
    s2 = len(first) + 2
    s3 = s2 + len(second) + 2
    return doc.replace(
        language="en",
        language_score=0.9871234567,
        paragraphs=(
            Paragraph(0, len(first), "en", 0.99),
            Paragraph(s2, s2 + len(second), "ar", 0.97),
            Paragraph(s3, s3 + len(third), "en", None),
        ),
        content_hash="ab" * 32,
        duplicate_of="0123456789abcdef",
        duplicate_kind="near",
        duplicate_similarity=0.8671875,
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "claimgraph.duckdb") as s:
        yield s


def plain_doc(n: int, text: str | None = None):
    text = text or f"Report number {n} on the security situation."
    return new_document(Source(f"in/{n}.txt", "txt"), text).replace(clean_text=text)


def test_document_round_trip(store, full_doc):
    assert len(full_doc.offsets.segments) > 1 and full_doc.removals
    assert store.add_document(full_doc, b"\x00\x01" * 512)
    back = store.documents.get(full_doc.id)
    assert back == full_doc
    assert back.offsets == OffsetMap.from_list(full_doc.offsets.to_list())
    # the offset map still leads from clean text to the exact raw characters
    start = back.clean_text.index("The Taliban")
    a, b = back.offsets.to_raw(start, start + len("The Taliban said on Tuesday that"))
    assert back.raw_text[a:b] == "The Taliban said on Tuesday   that"


def test_round_trip_survives_reopening(tmp_path, full_doc):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.add_document(full_doc, None)
    with Store(path) as store:
        assert store.documents.get(full_doc.id) == full_doc
        assert store.schema_version == available_migrations()[-1].version


def test_adding_again_is_a_no_op(store, full_doc):
    assert store.add_document(full_doc, None) is True
    before = store.documents.counts()
    assert store.add_document(full_doc.replace(clean_text="changed"), None) is False
    assert store.documents.counts() == before
    assert store.documents.get(full_doc.id).clean_text == full_doc.clean_text
    assert store.has_document(full_doc.id) and not store.has_document("ffffffffffffffff")


def test_id_prefixes_work_like_git(store):
    ids = ["abcd000000000001", "abcd100000000002", "abce000000000003"]
    docs = {i: plain_doc(n).replace(id=i) for n, i in enumerate(ids)}
    for doc in docs.values():
        store.add_document(doc, None)
    assert store.documents.get("abce") == docs["abce000000000003"]
    assert store.documents.get("abcd1") == docs["abcd100000000002"]
    assert store.documents.get(" abcd000000000001\n") == docs["abcd000000000001"]
    with pytest.raises(ClaimgraphError, match="'abcd' is ambiguous: it matches abcd000000000001, abcd100000000002"):
        store.documents.get("abcd")
    with pytest.raises(ClaimgraphError, match="at least 4"):
        store.documents.get("abc")
    with pytest.raises(ClaimgraphError, match="no document with id or prefix 'abcf'"):
        store.documents.get("abcf")
    with pytest.raises(ClaimgraphError, match="no document"):
        store.documents.get("abcd%")  # LIKE wildcards are plain characters here


def test_list_documents_in_ingest_order(store, full_doc):
    docs = [plain_doc(n) for n in range(5)] + [full_doc]
    for doc in docs:
        store.add_document(doc, None)
    listed = store.documents.summaries()
    assert [row["id"] for row in listed] == [d.id for d in docs]
    assert listed[-1] == {
        "id": full_doc.id,
        "title": "Taliban claim ISKP defeated",
        "author": "Staff",
        "date": "2023-05-02",
        "site": "Example News",
        "url": "https://example.org/a",
        "source_path": "feeds/2023-05.jsonl",
        "source_format": "jsonl",
        "source_record": "17",
        "language": "en",
        "chars": len(full_doc.clean_text),
        "duplicate_of": "0123456789abcdef",
        "duplicate_kind": "near",
    }
    assert [r["id"] for r in store.documents.summaries(limit=2, offset=3)] == [d.id for d in docs[3:5]]
    assert [r["id"] for r in store.documents.summaries(offset=4)] == [d.id for d in docs[4:]]


def test_canonical_signatures_and_counts(store):
    canonical = plain_doc(1).replace(content_hash="h1")
    short = plain_doc(2, "Too short.").replace(content_hash="h2")
    exact = plain_doc(3).replace(
        content_hash="h1", duplicate_of=canonical.id, duplicate_kind="exact", duplicate_similarity=1.0
    )
    near = plain_doc(4).replace(
        content_hash="h4", duplicate_of=canonical.id, duplicate_kind="near", duplicate_similarity=0.9
    )
    store.add_document(canonical, b"\x07" * 1024)
    store.add_document(short, None)
    store.add_document(exact, b"\x07" * 1024)
    store.add_document(near, b"\x08" * 1024)
    assert list(store.documents.canonical_signatures(batch_size=1)) == [
        (canonical.id, "h1", b"\x07" * 1024),
        (short.id, "h2", None),
    ]
    counts = store.documents.counts()
    assert counts == {
        "documents": 4,
        "canonical": 2,
        "exact_duplicates": 1,
        "near_duplicates": 1,
        "removals": 0,
        "paragraphs": 0,
        "runs": 0,
        "input_errors": 0,
        "superseded": 0,
    }


def test_runs_and_input_errors(store):
    run = store.start_run(["corpus/a.jsonl", "corpus/b.html"])
    store.add_document(plain_doc(1), None, run_id=run)
    store.record_error(run, InputError("corpus/a.jsonl", "line is not valid JSON", "12"))
    store.record_error(run, InputError("corpus/b.html", "empty after cleaning"))
    assert store.get_run(run)["finished_at"] is None  # a killed run looks like this
    store.finish_run(run, added=1, skipped=0, errors=2)
    recorded = store.get_run(run)
    assert recorded["inputs"] == ["corpus/a.jsonl", "corpus/b.html"]
    assert (recorded["documents_added"], recorded["documents_skipped"], recorded["errors"]) == (1, 0, 2)
    assert recorded["finished_at"] >= recorded["started_at"]
    assert [str(e) for e in store.run_errors(run)] == [
        "corpus/a.jsonl#12: line is not valid JSON",
        "corpus/b.html: empty after cleaning",
    ]
    assert store.documents.counts()["runs"] == 1 and store.documents.counts()["input_errors"] == 2
    with pytest.raises(ClaimgraphError, match="no run"):
        store.finish_run("nope", 0, 0, 0)


def test_unstorable_text_is_rejected_whole(store):
    bad = plain_doc(1, "Text with a lone surrogate \udc80 from a broken decode.")
    with pytest.raises(InputRejected, match="lone surrogate"):
        store.add_document(bad, None)
    assert store.documents.counts()["documents"] == 0
    assert store.add_document(plain_doc(2), None)  # the store goes on working


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "s.duckdb"
    for _ in range(2):
        Store(path).close()
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert rows == [(m.version, m.name) for m in available_migrations()]
    assert rows[0] == (1, "documents")


def test_a_store_newer_than_the_code_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO schema_migrations VALUES (999, 'from_the_future', now()::TIMESTAMP)")
    with pytest.raises(ClaimgraphError, match="schema version 999 is newer"):
        Store(path)
    with pytest.raises(ClaimgraphError, match="newer"):
        Store(path, read_only=True)


def test_read_only_store(tmp_path, full_doc):
    path = tmp_path / "s.duckdb"
    with pytest.raises(ClaimgraphError, match="no such store"):
        Store(path, read_only=True)
    with Store(path) as store:
        store.add_document(full_doc, None)
    with Store(path, read_only=True) as store:
        assert store.documents.get(full_doc.id[:6]) == full_doc


def test_a_file_that_is_not_a_store_fails_clearly(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are not the droids\n" * 100)
    with pytest.raises(ClaimgraphError, match="notes.duckdb: cannot open store"):
        Store(path)


def test_a_closed_store_says_so(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.close()
    store.close()  # closing twice is fine
    with pytest.raises(ClaimgraphError, match="closed"):
        store.documents.counts()


def test_a_store_in_a_missing_folder_fails_clearly(tmp_path):
    with pytest.raises(ClaimgraphError, match="cannot open store"):
        Store(tmp_path / "no" / "such" / "folder" / "s.duckdb")


def _migrate_to(con, version: int) -> None:
    """Make the store behind ``con`` what the migrations up to ``version`` left: an older store to open."""
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        "applied_at TIMESTAMP NOT NULL)"
    )
    for m in available_migrations():
        if m.version <= version:
            con.execute(m.sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [m.version, m.name])


def test_migration_013_keeps_the_link_tables_rows_without_their_key_indexes(tmp_path):
    # a store of version 12, written as that version's migrations left it
    path = tmp_path / "v12.duckdb"
    with duckdb.connect(str(path)) as con:
        _migrate_to(con, 12)
        con.execute("INSERT INTO sentence_embeddings VALUES ('k1', 'fast', 2, [0.5, -1.25]), ('k2', 'fast', 2, [1, 0])")
        con.execute(
            "INSERT INTO proposition_claims VALUES ('p1', 'c1', 'd1', 0.75, 'for', 'supports', 0.5, ['the label'])"
        )
    with Store(path) as store:
        assert store.schema_version == available_migrations()[-1].version >= 13
        assert sorted(store.vectors.read(["k1", "k2", "k3"])["k1"].tolist()) == [-1.25, 0.5]
        assert store.query("SELECT * FROM proposition_claims") == [
            {
                "proposition_id": "p1",
                "claim_id": "c1",
                "doc_id": "d1",
                "similarity": 0.75,
                "side": "for",
                "relation": "supports",
                "relation_score": 0.5,
                "reasons": ["the label"],
            }
        ]
        keyed = store.query(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
            "AND table_name IN ('sentence_embeddings', 'proposition_claims')"
        )
        assert keyed == []  # no index re-serialised at each checkpoint (migration 013)
    with duckdb.connect(str(path)) as con, pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO proposition_claims (proposition_id, claim_id, doc_id, side) VALUES ('p', 'c', 'd', 'up')"
        )


def test_migration_014_leaves_the_claims_of_an_older_store_without_account_fields(tmp_path):
    """A store of version 13 keeps its claims; the fields the contested rules read (migration 014)
    are NULL for them, which the linker counts as before (tests/link/test_contested_sides.py)."""
    path = tmp_path / "v13.duckdb"
    with duckdb.connect(str(path)) as con:
        _migrate_to(con, 13)
        con.execute(
            'INSERT INTO claims (doc_id, seq, id, start, "end", text, content_start, content_end) '
            "VALUES ('d1', 0, 'd1:c1', 0, 12, 'It happened.', 0, 11)"
        )
    with Store(path) as store:
        assert store.schema_version == available_migrations()[-1].version >= 14
        row = store.query("SELECT * FROM claims")[0]
        assert row["text"] == "It happened."
        assert [row[k] for k in ("has_predicate", "generic_speaker", "sentence_key", "speaker_key")] == [None] * 4


def test_migration_015_keeps_the_extraction_tables_rows_without_their_key_indexes(tmp_path, full_doc):
    # a store as the migrations before 015 left it, holding one row in each extraction table
    path = tmp_path / "v14.duckdb"
    tables = ("removals", "paragraphs", "entities", "events", "claims")
    with duckdb.connect(str(path)) as con:
        _migrate_to(con, 14)
        # a column an earlier migration added keeps its values (015 copies each table as it stands)
        con.execute("ALTER TABLE claims ADD COLUMN added_before BOOLEAN")
        con.execute("INSERT INTO removals VALUES ('d1', 0, 0, 9, 'nav', 'Home News')")
        con.execute("INSERT INTO paragraphs VALUES ('d1', 0, 0, 40, 'en', 0.99)")
        con.execute(
            'INSERT INTO entities (doc_id, seq, start, "end", text, type) '
            "VALUES ('d1', 0, 3, 12, 'Jalalabad', 'Location')"
        )
        con.execute("INSERT INTO events (doc_id, seq, id, type, fatalities) VALUES ('d1', 0, 'e1', 'SUICIDE_BOMB', 12)")
        con.execute(
            "INSERT INTO claims (doc_id, seq, id, text, hedges, added_before) "
            "VALUES ('d1', 0, 'c1', 'Twelve died.', ['reportedly'], true)"
        )
        before = {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
        # the columns then: a later migration may add one (016: claims' rejected values)
        columns = {t: ", ".join(f'"{d[0]}"' for d in con.execute(f"SELECT * FROM {t}").description) for t in tables}
    with Store(path) as store:
        assert store.schema_version == available_migrations()[-1].version >= 15
        con = store._connection()
        assert {t: con.execute(f"SELECT {columns[t]} FROM {t}").fetchall() for t in tables} == before
        keyed = store.query(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
            f"AND table_name IN {(*tables, 'annotation_figures')}"
        )
        # no index re-serialised at each checkpoint during ingest (migration 015); a kind's table
        # made now has none either (annotations.create_table_sql)
        assert keyed == []
        # unique without the key: a document's rows are written once, with the document
        doc = full_doc
        assert store.add_document(doc)
        assert not store.add_document(doc)
        assert store.documents.get(doc.id) == doc
        counts = store.query(
            "SELECT count(*) AS n, count(DISTINCT seq) AS seqs FROM paragraphs WHERE doc_id = ?", [doc.id]
        )
        assert counts == [{"n": len(doc.paragraphs), "seqs": len(doc.paragraphs)}]
    with duckdb.connect(str(path)) as con, pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO claims (doc_id, seq) VALUES (NULL, 1)")  # the columns' NOT NULL stays


def test_migration_016_leaves_the_claims_of_an_older_store_without_rejected_values(tmp_path):
    """A store of version 15 keeps its claims, with no rejected values (NULL): the disputes step reads
    those claims' rejections over the parse, as before (link/disputes/facts.fact_values)."""
    path = tmp_path / "v15.duckdb"
    with duckdb.connect(str(path)) as con:
        _migrate_to(con, 15)
        con.execute(
            'INSERT INTO claims (doc_id, seq, id, start, "end", text, content_start, content_end, status) '
            "VALUES ('d1', 0, 'd1:c1', 0, 30, 'He denied that X was killed.', 0, 29, 'denied')"
        )
    with Store(path) as store:
        assert store.schema_version == available_migrations()[-1].version >= 16
        assert store.query("SELECT rejected_values FROM claims")[0]["rejected_values"] is None
