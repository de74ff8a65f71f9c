"""The stored documents (``store.documents``): one rebuilt in full (``get``, by id or unique
prefix), the lists the CLI and the workbench page through, their languages, sources, offsets, and
what the store holds. Writing a document is ``Store``'s own (``add_document``): it is one
transaction with everything that points into it, written with the open batch.

Listings and counts come back as dicts: they are the JSON answers (``/api/documents``, ``docs
--json``, ``/api/stats``) as they are; ``link.propositions.source_key`` reads claim, member and
document rows alike by key."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import Ambiguous, BadInput, NotFound
from ..model import Document, Metadata, OffsetMap, Paragraph, Removal, Source
from .annotations import read_annotations
from .listing import Listing, paged
from .versions import current

if TYPE_CHECKING:
    from .store import Store


class Holdings(NamedTuple):
    """What the store holds, duplicates and old versions of edited inputs aside."""

    documents: int
    events: int  # distinct events: a cluster counts once; negated and hypothetical events not at all
    claims: int
    propositions: int
    contested: int


# A shorter prefix would match most of a large store (git uses the same floor).
MIN_PREFIX = 4

# the columns of the documents a list shows, as the workbench and `claimgraph docs` name them
_SUMMARY = (
    "d.id, d.title, d.author, d.date, d.site, d.url, d.source_path, d.source_format, d.source_record, "
    "d.language, d.chars, d.duplicate_of, d.duplicate_kind"
)


class RunDocument(NamedTuple):
    """What a run report says of one document the run added."""

    id: str
    source_path: str
    source_format: str
    source_record: str | None
    title: str | None
    language: str | None
    chars: int
    duplicate_of: str | None
    duplicate_kind: str | None


class SearchText(NamedTuple):
    """What the full-text index reads of one current document."""

    id: str
    title: str
    text: str


class DocumentRepository:
    """Whole-store reads of the ``documents`` table (and the counts of what points into it)."""

    def __init__(self, store: Store):
        self.store = store

    def count(self) -> int:
        return self.store.query("SELECT count(*) AS n FROM documents")[0]["n"]

    def languages(self) -> list[str]:
        """The languages of the stored documents, by code."""
        return [
            r["language"]
            for r in self.store.query(
                "SELECT DISTINCT language FROM documents WHERE language IS NOT NULL ORDER BY language"
            )
        ]

    def canonical_language_counts(self) -> dict[str, int]:
        """language -> canonical (current) documents in it, most documents first."""
        return {
            r["language"]: r["n"]
            for r in self.store.query(
                "SELECT language, count(*) AS n FROM documents WHERE language IS NOT NULL "
                f"AND duplicate_of IS NULL AND {current('id')} GROUP BY language ORDER BY n DESC, language"
            )
        }

    def title(self, doc_id: str) -> str | None:
        rows = self.store.query("SELECT title FROM documents WHERE id = ?", [doc_id])
        return rows[0]["title"] if rows else None

    def canonical_sources(self) -> list[dict[str, Any]]:
        """(id, site, author, source_path) of every canonical (current) document."""
        return self.store.query(
            f"SELECT id, site, author, source_path FROM documents WHERE duplicate_of IS NULL AND {current('id')}"
        )

    def offset_maps(self, doc_ids: Iterable[str]) -> dict[str, OffsetMap]:
        """The clean-to-raw offset map of each of ``doc_ids``."""
        ids = list(doc_ids)
        if not ids:
            return {}
        return {
            r["id"]: OffsetMap.from_list(json.loads(r["offsets"]))
            for r in self.store.query("SELECT id, offsets FROM documents WHERE list_contains(?, id)", [ids])
        }

    def annotation_counts(self) -> dict[str, int]:
        """How many entities, events and claims the store holds."""
        return self.store.query(
            "SELECT (SELECT count(*) FROM entities) AS entities, "
            "(SELECT count(*) FROM events) AS events, (SELECT count(*) FROM claims) AS claims"
        )[0]

    def holdings(self) -> Holdings:
        return Holdings(
            **self.store.query(f"""
            SELECT (SELECT count(*) FROM documents d WHERE duplicate_of IS NULL AND {current()}) AS documents,
                   (SELECT count(DISTINCT coalesce(cluster_id, id)) FROM events
                     WHERE NOT coalesce(negated, false) AND modality IS NULL AND {current("doc_id")}
                       -- a duplicate document's events are never clustered: counted, each would be one more event
                       AND doc_id NOT IN (SELECT id FROM documents WHERE duplicate_of IS NOT NULL)) AS events,
                   (SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc_id
                     WHERE d.duplicate_of IS NULL AND {current()}) AS claims,  -- what `claimgraph claims` lists
                   (SELECT count(*) FROM propositions) AS propositions,
                   (SELECT count(*) FROM propositions WHERE contested_score > 0) AS contested""")[0]
        )

    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id of the one document whose id is or starts with ``id_or_prefix``."""
        key = id_or_prefix.strip()
        with self.store._lock:
            con = self.store._connection()
            if con.execute("SELECT 1 FROM documents WHERE id = ?", [key]).fetchone():
                return key
            if len(key) < MIN_PREFIX:
                raise BadInput(f"no document {key!r} (an id prefix needs at least {MIN_PREFIX} characters)")
            matches = [
                r[0]
                for r in con.execute(
                    "SELECT id FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT 6", [key]
                ).fetchall()
            ]
        if not matches:
            raise NotFound(f"no document with id or prefix {key!r}")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
            raise Ambiguous(f"document prefix {key!r} is ambiguous: it matches {shown}")
        return matches[0]

    def get(self, id_or_prefix: str) -> Document:
        """The stored document, rebuilt in full; a unique id prefix of at least 4 characters works."""
        doc_id = self.resolve_id(id_or_prefix)
        store = self.store
        with store._lock:
            con = store._connection()
            row = con.execute(
                "SELECT id, source_path, source_format, source_record, title, author, date, site, url, "
                "language, language_score, raw_text, clean_text, content_hash, duplicate_of, duplicate_kind, "
                "duplicate_similarity, offsets FROM documents WHERE id = ?",
                [doc_id],
            ).fetchone()
            removals = con.execute(
                "SELECT raw_start, raw_end, rule, text FROM removals WHERE doc_id = ? ORDER BY seq", [doc_id]
            ).fetchall()
            paragraphs = con.execute(
                'SELECT start, "end", language, language_score FROM paragraphs WHERE doc_id = ? ORDER BY seq', [doc_id]
            ).fetchall()
            annotations = read_annotations(con, doc_id, store._annotation_kinds(con))
        (
            doc_id,
            path,
            fmt,
            record,
            title,
            author,
            date,
            site,
            url,
            language,
            language_score,
            raw_text,
            clean_text,
            digest,
            duplicate_of,
            duplicate_kind,
            duplicate_similarity,
            offsets,
        ) = row
        return Document(
            id=doc_id,
            source=Source(path=path, format=fmt, record=record),
            raw_text=raw_text,
            meta=Metadata(title=title, author=author, date=date, site=site, url=url),
            clean_text=clean_text,
            removals=tuple(Removal(*r) for r in removals),
            offsets=OffsetMap.from_list(json.loads(offsets)),
            language=language,
            language_score=language_score,
            paragraphs=tuple(Paragraph(*p) for p in paragraphs),
            content_hash=digest,
            duplicate_of=duplicate_of,
            duplicate_kind=duplicate_kind,
            duplicate_similarity=duplicate_similarity,
            **annotations,
        )

    def summaries(
        self, limit: int | None = None, offset: int = 0, include_superseded: bool = False
    ) -> list[dict[str, Any]]:
        """One summary dict per current document, in ingest order (`claimgraph docs`);
        ``include_superseded``: old versions of edited inputs too, and every row says which version
        replaced it (``superseded_by``, None for a current one)."""
        which = (
            ", s.by_doc_id AS superseded_by FROM documents d LEFT JOIN superseded s ON s.doc_id = d.id "
            if include_superseded
            else f" FROM documents d WHERE {current()} "
        )
        sql, params = paged(f"SELECT {_SUMMARY}{which}ORDER BY d.ingest_seq", [], limit, offset)
        with self.store._lock:
            cursor = self.store._connection().execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def page(
        self,
        *,
        limit: int,
        offset: int = 0,
        source: str | None = None,
        language: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> tuple[int, list[dict[str, Any]]]:
        """(total matching, one page of document summaries with their annotation counts) in ingest
        order, for the workbench. ``source`` matches a substring of the source path or the site;
        dates compare as ISO strings, so a partial date ("2025-03") sorts before every day of that
        month."""
        where, params = [current("id")], {}
        if source:
            where.append(
                "(contains(lower(source_path), lower($source)) OR contains(lower(coalesce(site, '')), lower($source)))"
            )
            params["source"] = source
        if language:
            where.append("language = $language")
            params["language"] = language
        if date_from:
            where.append("date >= $date_from")
            params["date_from"] = date_from
        if date_to:
            # "2025-03-31" must include "2025-03-31T10:00": compare against the day's last string
            where.append("date <= $date_to")
            params["date_to"] = date_to + "\uffff"
        clause = f"WHERE {' AND '.join(where)}"
        store = self.store
        # pages asked for again in the same state of the store are kept (see Listing)
        pages = store.derived("document_pages", lambda store: Listing({}))
        filters = (source, language, date_from, date_to)
        total = pages.page(
            ("total", *filters), lambda: store.query(f"SELECT count(*) AS n FROM documents {clause}", params)
        )[0]["n"]
        rows = pages.page(
            (*filters, offset, limit),
            lambda: store.query(
                f"SELECT {_SUMMARY}, "
                "coalesce(n.removals, 0) AS removals, coalesce(n.entities, 0) AS entities, "
                "coalesce(n.events, 0) AS events, coalesce(n.claims, 0) AS claims "
                f"FROM (SELECT * FROM documents {clause} ORDER BY ingest_seq LIMIT $limit OFFSET $offset) d "
                "LEFT JOIN document_counts n ON n.doc_id = d.id ORDER BY d.ingest_seq",
                {**params, "limit": limit, "offset": offset},
            ),
        )
        return total, rows

    def canonical_signatures(self, batch_size: int = 1000) -> Iterator[tuple[str, str, bytes | None]]:
        """(doc_id, content_hash, signature) of every canonical document, in ingest order, for
        ``DuplicateIndex.load``. Read in batches on a cursor of its own."""
        with self.store._lock:
            cursor = self.store._connection().cursor()
            cursor.execute(
                "SELECT id, content_hash, minhash FROM documents d WHERE duplicate_of IS NULL "
                f"AND content_hash IS NOT NULL AND {current()} ORDER BY ingest_seq"
            )
        try:
            while True:
                rows = cursor.fetchmany(batch_size)
                if not rows:
                    return
                yield from ((doc_id, digest, None if sig is None else bytes(sig)) for doc_id, digest, sig in rows)
        finally:
            cursor.close()

    def of_run(
        self,
        run_id: str,
        *,
        duplicates_only: bool = False,
        limit: int | None = None,
        offset: int = 0,
        batch_size: int = 1000,
    ) -> Iterator[RunDocument]:
        """The documents run ``run_id`` added, in ingest order, read in batches on a cursor of its
        own: a run report reads its documents back from here instead of holding them."""
        sql, params = paged(
            "SELECT id, source_path, source_format, source_record, title, language, chars, "
            "duplicate_of, duplicate_kind FROM documents WHERE run_id = ?"
            + (" AND duplicate_of IS NOT NULL" if duplicates_only else "")
            + " ORDER BY ingest_seq",
            [run_id],
            limit,
            offset,
        )
        with self.store._lock:
            cursor = self.store._connection().cursor()
            cursor.execute(sql, params)
        try:
            while rows := cursor.fetchmany(batch_size):
                yield from (RunDocument(*row) for row in rows)
        finally:
            cursor.close()

    def counts(self) -> dict[str, int]:
        """How many documents (canonical, exact and near duplicates; superseded: old versions of
        edited inputs, counted in the others too), removals, paragraphs, runs and input errors the
        store holds."""
        with self.store._lock:
            row = (
                self.store._connection()
                .execute("""
                SELECT (SELECT count(*) FROM documents),
                       (SELECT count(*) FROM documents WHERE duplicate_of IS NULL),
                       (SELECT count(*) FROM documents WHERE duplicate_kind = 'exact'),
                       (SELECT count(*) FROM documents WHERE duplicate_kind = 'near'),
                       (SELECT count(*) FROM removals),
                       (SELECT count(*) FROM paragraphs),
                       (SELECT count(*) FROM runs),
                       (SELECT count(*) FROM input_errors),
                       (SELECT count(*) FROM superseded)
            """)
                .fetchone()
            )
        names = (
            "documents",
            "canonical",
            "exact_duplicates",
            "near_duplicates",
            "removals",
            "paragraphs",
            "runs",
            "input_errors",
            "superseded",
        )
        return dict(zip(names, row))

    def search_texts(self) -> list[SearchText]:
        """Every current document's id, title and clean text, for building a full-text index."""
        with self.store._lock:
            rows = (
                self.store._connection()
                .execute(
                    f"SELECT id, coalesce(title, ''), clean_text FROM documents WHERE {current('id')} ORDER "
                    "BY ingest_seq"
                )
                .fetchall()
            )
        return [SearchText(*row) for row in rows]
