"""Search: words (BM25 over clean text) and meaning (cosine over claim embeddings).

Words: DuckDB's fts extension, loaded offline from its package. The index lives in an in-memory
DuckDB of its own, so searching never writes to the store (which may be open read-only) and the
store file never carries an index that goes stale. It is built on the first search and rebuilt
when the number of stored documents changes (the store only grows).

Meaning: the query and every claim of a canonical document embedded with the fast static
embeddings (``link.embeddings``); claims ranked by cosine. Claim vectors already in the store's
``sentence_embeddings`` table are read, not recomputed; the missing ones are encoded once and,
when the store is writable, saved there for the next process. The matrix is rebuilt when the
number of claims changes.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import duckdb
import numpy as np

from claimgraph.errors import ClaimgraphError
from claimgraph.store import Store

SNIPPET_CHARS = 240
SEARCH_MODES = ("words", "semantic")  # the search page calls them "words" and "meaning"
# Static embeddings put any two sentences about Afghan security at cosine ~0.4-0.6; a hit must
# be closer than that to count (the list is still ranked, best first).
MIN_SIMILARITY = 0.5
EMBEDDING_MODE = "fast"


def fts_extension_path() -> Path:
    """The fts extension file the duckdb-extension-fts package ships for this duckdb version."""
    try:
        import duckdb_extension_fts
    except ImportError as exc:
        raise ClaimgraphError("full-text search needs the duckdb-extension-fts package") from exc
    path = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if not path.is_file():
        raise ClaimgraphError(f"no fts extension for duckdb {duckdb.__version__} at {path}")
    return path


class SearchIndex:
    """BM25 search over document titles and clean text."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._indexed = -1  # documents in the index; -1: not built
        self.semantic = SemanticIndex(store)

    def _ensure(self) -> duckdb.DuckDBPyConnection:
        count = self.store.query("SELECT count(*) AS n FROM documents")[0]["n"]
        if self._con is not None and count == self._indexed:
            return self._con
        con = duckdb.connect()
        con.execute(f"LOAD '{fts_extension_path()}'")
        rows = [{"id": i, "title": t, "body": b} for i, t, b in self.store.search_texts()]
        con.execute("CREATE TABLE docs (id VARCHAR, title VARCHAR, body VARCHAR)")
        if rows:
            # one JSON parameter: binding each value separately is ~100x slower (see store.py)
            con.execute("INSERT INTO docs SELECT unnest(from_json($rows::JSON, "
                        "'[{\"id\": \"VARCHAR\", \"title\": \"VARCHAR\", \"body\": \"VARCHAR\"}]'), recursive := true)",
                        {"rows": json.dumps(rows, ensure_ascii=False)})
            con.execute("PRAGMA create_fts_index('docs', 'id', 'title', 'body', stemmer = 'english', "
                        "stopwords = 'english', overwrite = 1)")
        # the old index is not closed here: a search may still be reading it (it goes with its last user)
        self._con, self._indexed = con, len(rows)
        return con

    def search(self, query: str, limit: int = 20, offset: int = 0, mode: str = "words") -> tuple[int, list[dict]]:
        """(number of matching documents, one page of hits with id, title, score and a snippet).
        ``mode="semantic"``: claims by meaning instead (``SemanticIndex.search``)."""
        if mode == "semantic":
            return self.semantic.search(query, limit=limit, offset=offset)
        if mode != "words":
            raise ValueError(f"unknown search mode {mode!r} (one of {', '.join(SEARCH_MODES)})")
        with self._lock:
            con = self._ensure()
            if not self._indexed:
                return 0, []
        # A cursor per search, so searches run in parallel; a rebuild replaces the index's
        # connection without closing it, so this one lives while a search holds it.
        cursor = con.cursor()
        try:
            matches = "FROM (SELECT id, fts_main_docs.match_bm25(id, $q) AS score FROM docs) WHERE score IS NOT NULL"
            rows = cursor.execute(
                "SELECT h.id, d.title, d.body, h.score, h.total FROM (SELECT id, score, count(*) OVER () AS total "
                f"{matches} ORDER BY score DESC, id LIMIT $limit OFFSET $offset) h JOIN docs d ON d.id = h.id "
                "ORDER BY h.score DESC, h.id", {"q": query, "limit": limit, "offset": offset}).fetchall()
            total = rows[0][4] if rows else cursor.execute(f"SELECT count(*) {matches}", {"q": query}).fetchone()[0]
        finally:
            cursor.close()
        hits = [{"id": i, "title": t or None, "score": round(s, 4), "snippet": snippet(b, query)}
                for i, t, b, s, _ in rows]
        return total, hits

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


class SemanticIndex:
    """Claims ranked by the cosine of their sentence embedding with the query's."""

    def __init__(self, store: Store, min_similarity: float = MIN_SIMILARITY):
        self.store = store
        self.min_similarity = min_similarity
        self._lock = threading.Lock()
        self._cache = None
        self._claims: list[dict] = []
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._indexed = -1  # claims in the store when the matrix was built; -1: not built

    def _embedding_cache(self):
        from claimgraph.link import embeddings

        if self._cache is None:
            embedder = embeddings.Embedder(EMBEDDING_MODE)
            persistent = getattr(embeddings, "StoreEmbeddingCache", None)
            # a read-only store cannot keep new vectors: they stay in this process's memory
            self._cache = (persistent(embedder, self.store) if persistent and not self.store.read_only
                           else embeddings.EmbeddingCache(embedder))
        return self._cache

    def _ensure(self) -> None:
        count = self.store.query("SELECT count(*) AS n FROM claims")[0]["n"]
        if count == self._indexed:
            return
        rows = self.store.query(
            "SELECT c.id, c.doc_id, c.text, c.speaker_text, c.speaker_kind, c.status, d.title AS doc_title "
            "FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.duplicate_of IS NULL "
            "ORDER BY d.ingest_seq, c.seq")
        # one hit per sentence of a document: a claim nested in another often repeats its text
        seen: set[tuple[str, str]] = set()
        claims = []
        for row in rows:
            key = (row["doc_id"], row["text"])
            if row["text"] and key not in seen:
                seen.add(key)
                claims.append(row)
        cache = self._embedding_cache()
        if not hasattr(cache, "store"):
            self._load_stored(cache, [c["text"] for c in claims])
        self._matrix = cache.encode([c["text"] for c in claims]) if claims else np.zeros((0, 0), np.float32)
        self._claims, self._indexed = claims, count

    def _load_stored(self, cache, texts: list[str]) -> None:
        """Fill an in-memory cache with the vectors the store already holds for ``texts``."""
        from claimgraph.link.embeddings import sentence_key

        if not self.store.query("SELECT count(*) AS n FROM information_schema.tables "
                                "WHERE table_name = 'sentence_embeddings'")[0]["n"]:
            return
        keys = list(dict.fromkeys(sentence_key(t, EMBEDDING_MODE) for t in texts))
        rows = self.store.query("SELECT key, vector FROM sentence_embeddings WHERE key IN "
                                "(SELECT unnest($keys::VARCHAR[]))", {"keys": keys})
        cache.update((r["key"], r["vector"]) for r in rows)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
        """(claims at least ``min_similarity`` close to the query, one page of them, best first).
        Each hit: claim ``id``, ``doc_id``, ``title`` (the document's), ``text``, ``speaker``,
        ``status`` and ``score`` (the cosine)."""
        with self._lock:
            self._ensure()
            claims, matrix, embedder = self._claims, self._matrix, self._embedding_cache().embedder
        if not claims:
            return 0, []
        # the matrix is replaced, never changed, so the arithmetic runs outside the lock
        scores = matrix @ embedder.encode([query])[0]
        total = int((scores >= self.min_similarity).sum())
        end = min(offset + limit, total)
        if end <= offset:
            return total, []
        # only the best ``end`` need sorting: a partition first, then a stable sort of those
        best = np.argpartition(-scores, end - 1)[:end] if end < len(scores) else np.arange(len(scores))
        best = best[np.lexsort((best, -scores[best]))]
        hits = [{"id": c["id"], "doc_id": c["doc_id"], "title": c["doc_title"], "text": c["text"],
                 "speaker": c["speaker_text"] or c["speaker_kind"], "status": c["status"],
                 "score": round(float(scores[i]), 4)}
                for i in best[offset:end] for c in (claims[i],)]
        return total, hits


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """The part of ``text`` around the first query term it contains (plain text, not markup)."""
    terms = [t for t in re.findall(r"\w+", query.lower()) if len(t) > 1]
    lower = text.lower()
    hits = [p for p in (lower.find(t) for t in terms) if p >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width // 3)
    piece = text[start: start + width].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
