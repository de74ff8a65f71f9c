"""Full-text search over clean text with DuckDB's fts extension, loaded offline from its package.

The index lives in an in-memory DuckDB of its own, so searching never writes to the store (which
may be open read-only) and the store file never carries an index that goes stale. It is built on
the first search and rebuilt when the number of stored documents changes (the store only grows).
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import duckdb

from claimgraph.errors import ClaimgraphError
from claimgraph.store import Store

SNIPPET_CHARS = 240


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

    def _ensure(self) -> duckdb.DuckDBPyConnection:
        count = self.store.counts()["documents"]
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
        if self._con is not None:
            self._con.close()
        self._con, self._indexed = con, len(rows)
        return con

    def search(self, query: str, limit: int = 20, offset: int = 0) -> tuple[int, list[dict]]:
        """(number of matching documents, one page of hits with id, title, score and a snippet)."""
        with self._lock:
            con = self._ensure()
            if not self._indexed:
                return 0, []
            rows = con.execute(
                "SELECT id, title, body, score FROM (SELECT *, fts_main_docs.match_bm25(id, ?) AS score FROM docs) "
                "WHERE score IS NOT NULL ORDER BY score DESC, id", [query]).fetchall()
        hits = [{"id": i, "title": t or None, "score": round(s, 4), "snippet": snippet(b, query)}
                for i, t, b, s in rows[offset: offset + limit]]
        return len(rows), hits

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """The part of ``text`` around the first query term it contains (plain text, not markup)."""
    terms = [t for t in re.findall(r"\w+", query.lower()) if len(t) > 1]
    lower = text.lower()
    hits = [p for p in (lower.find(t) for t in terms) if p >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width // 3)
    piece = text[start: start + width].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
