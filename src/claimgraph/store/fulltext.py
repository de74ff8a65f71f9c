"""A full-text index of the stored documents: DuckDB's fts extension in an in-memory DuckDB of
its own, loaded offline from its package, so searching never writes to the store (which may be
open read-only) and the store file never carries an index that goes stale.

The extension tokenises, stems and drops stop words, for the documents and for each query; this
module hands out its tables (postings, lengths, dictionary) as arrays, and the ranking is the
caller's (serve/search.py scores BM25 over them)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import duckdb
import numpy as np

from ..errors import ClaimgraphError


def fts_extension_path() -> Path:
    """The fts extension file the duckdb-extension-fts package ships for this duckdb version."""
    try:
        import duckdb_extension_fts
    except ImportError as exc:
        raise ClaimgraphError(
            "full-text search needs the serve extra: pip install 'claimgraph[serve]' (in a clone: '.[serve]')"
        ) from exc
    path = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if not path.is_file():
        raise ClaimgraphError(f"no fts extension for duckdb {duckdb.__version__} at {path}")
    return path


class TermIndex:
    """One build of the fts index over (id, title, body) texts. Each read runs on a cursor of its
    own, so searches run in parallel."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    @classmethod
    def build(cls, texts: Iterable[tuple[str, str, str]]) -> TermIndex | None:
        """The index of ``texts`` ((id, title, body) each); None when there are none."""
        rows = [{"id": i, "title": t, "body": b} for i, t, b in texts]
        if not rows:
            fts_extension_path()  # no index to build, but a missing extension is still told
            return None
        con = duckdb.connect()
        try:
            con.execute(f"LOAD '{fts_extension_path()}'")
            con.execute("CREATE TABLE docs (id VARCHAR, title VARCHAR, body VARCHAR)")
            # one JSON parameter: binding each value separately is ~100x slower (see store.py)
            con.execute(
                "INSERT INTO docs SELECT unnest(from_json($rows::JSON, "
                '\'[{"id": "VARCHAR", "title": "VARCHAR", "body": "VARCHAR"}]\'), recursive := true)',
                {"rows": json.dumps(rows, ensure_ascii=False)},
            )
            con.execute(
                "PRAGMA create_fts_index('docs', 'id', 'title', 'body', stemmer = 'english', "
                "stopwords = 'english', overwrite = 1)"
            )
        except BaseException:
            con.close()
            raise
        return cls(con)

    def _rows(self, sql: str, params: dict | None = None) -> list[tuple]:
        cursor = self.con.cursor()
        try:
            return cursor.execute(sql, params or {}).fetchall()
        finally:
            cursor.close()

    def _arrays(self, sql: str) -> dict[str, np.ndarray]:
        cursor = self.con.cursor()
        try:
            return cursor.execute(sql).fetchnumpy()
        finally:
            cursor.close()

    def stats(self) -> tuple[int, float]:
        """(documents, their average length in terms)."""
        return self._rows("SELECT num_docs, avgdl FROM fts_main_docs.stats")[0]

    def documents(self) -> dict[str, np.ndarray]:
        """``docid``, ``name`` (the document id) and ``len`` (terms) of every document, by docid."""
        return self._arrays("SELECT docid, name, len FROM fts_main_docs.docs ORDER BY docid")

    def term_frequencies(self) -> dict[str, np.ndarray]:
        """``termid``, ``docid`` and ``tf`` of every (term, document) pair, by term then document."""
        return self._arrays(
            "SELECT termid, docid, count(*) AS tf FROM fts_main_docs.terms GROUP BY termid, docid "
            "ORDER BY termid, docid"
        )

    def dictionary(self) -> list[tuple[int, str]]:
        """(termid, term) of every term."""
        return self._rows("SELECT termid, term FROM fts_main_docs.dict")

    def query_terms(self, query: str) -> list[str]:
        """The distinct stemmed terms of ``query``, as the index has the documents'."""
        return [
            r[0]
            for r in self._rows("SELECT DISTINCT stem(unnest(fts_main_docs.tokenize($q)), 'english')", {"q": query})
        ]

    def texts(self, ids: list[str]) -> dict[str, tuple[str | None, str]]:
        """id -> (title, body) of the documents ``ids``."""
        return {
            i: (t, b)
            for i, t, b in self._rows(
                "SELECT id, title, body FROM docs WHERE id IN (SELECT unnest($ids::VARCHAR[]))", {"ids": ids}
            )
        }

    def close(self) -> None:
        self.con.close()
