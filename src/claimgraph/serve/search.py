"""Search: words (BM25 over clean text) and meaning (cosine over claim embeddings).

Words: DuckDB's fts extension over the documents (``store.fulltext.TermIndex``: an in-memory
DuckDB of its own, never the store file), scored here. The index is built on the first search and
rebuilt when the number of stored documents changes (the store only grows).

Meaning: the query and every claim of a canonical document embedded with the fast static
embeddings (``link.embeddings``); claims ranked by cosine. Claim vectors already in the store's
``sentence_embeddings`` table are read, not recomputed; the missing ones are encoded once and,
when the store is writable, saved there for the next process. The matrix is rebuilt when the
number of claims changes.
"""

from __future__ import annotations

import math
import re
import threading

import numpy as np

from claimgraph.store import Store
from claimgraph.store.fulltext import TermIndex

SNIPPET_CHARS = 240
SEARCH_MODES = ("words", "semantic")  # the search page calls them "words" and "meaning"
# Static embeddings put any two sentences about Afghan security at cosine ~0.4-0.6; a hit must
# be closer than that to count (the list is still ranked, best first).
MIN_SIMILARITY = 0.5
EMBEDDING_MODE = "fast"


# Okapi BM25 as the fts extension's match_bm25 computes it: k = 1.2, b = 0.75, over every field,
# documents with any of the query's terms.
BM25_K, BM25_B = 1.2, 0.75


class SearchIndex:
    """BM25 search over document titles and clean text.

    DuckDB's fts extension tokenises, stems and drops stop words, for the documents and for each
    query; the scoring is done here, over the index's postings held as arrays by term: its
    ``match_bm25`` scores every document of the store for each query (43 ms on 10,000 documents),
    while a query's own postings are a few thousand rows."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._index: _Postings | None = None
        self._indexed = -1  # documents in the index; -1: not built
        self.semantic = SemanticIndex(store)

    def _ensure(self) -> _Postings | None:
        count = self.store.documents.count()
        if count == self._indexed:
            return self._index
        texts = self.store.documents.search_texts()
        terms = TermIndex.build(texts)
        index = None if terms is None else _Postings(terms)
        # the old index is not closed here: a search may still be reading it (it goes with its last user)
        # stored documents, not indexed ones: old versions of edited inputs are stored but not indexed
        self._index, self._indexed = index, count
        return index

    def search(self, query: str, limit: int = 20, offset: int = 0, mode: str = "words") -> tuple[int, list[dict]]:
        """(number of matching documents, one page of hits with id, title, score and a snippet).
        ``mode="semantic"``: claims by meaning instead (``SemanticIndex.search``)."""
        if mode == "semantic":
            return self.semantic.search(query, limit=limit, offset=offset)
        if mode != "words":
            raise ValueError(f"unknown search mode {mode!r} (one of {', '.join(SEARCH_MODES)})")
        with self._lock:
            index = self._ensure()
        if index is None:
            return 0, []
        total, rows = index.search(query, limit, offset)
        hits = [
            {"id": i, "title": t or None, "score": round(s, 4), "snippet": snippet(b, query)} for i, t, b, s in rows
        ]
        return total, hits

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.terms_index.close()
                self._index = None


class _Postings:
    """One build of the full-text index: the fts extension's tables (``terms``: the documents' text,
    the tokeniser and stemmer) and, from them, each term's postings as slices of two arrays sorted
    by term, with each posting's BM25 term weight computed once."""

    def __init__(self, terms: TermIndex):
        self.terms_index = terms
        num_docs, avgdl = terms.stats()
        docs = terms.documents()
        size = int(docs["docid"].max()) + 1
        self.names = np.empty(size, dtype=object)
        self.names[docs["docid"]] = docs["name"]
        self.name_order = np.argsort(np.argsort(self.names.astype(str)))  # ties go by id: ranks sort faster
        lengths = np.zeros(size, dtype=np.float64)
        lengths[docs["docid"]] = docs["len"]
        found = terms.term_frequencies()
        self.docids = found["docid"].astype(np.int64)
        tf = found["tf"].astype(np.float64)
        self.weights = tf * (BM25_K + 1) / (tf + BM25_K * ((1 - BM25_B) + BM25_B * (lengths[self.docids] / avgdl)))
        termids = found["termid"]
        starts = np.flatnonzero(np.r_[True, termids[1:] != termids[:-1]]) if len(termids) else np.zeros(0, np.int64)
        ends = np.r_[starts[1:], len(termids)].astype(np.int64)
        slice_of = {int(t): (int(a), int(b)) for t, a, b in zip(termids[starts], starts, ends)}
        self.terms: dict[str, tuple[int, int, float]] = {}  # term -> postings start, end, idf
        for termid, term in terms.dictionary():
            if termid in slice_of:
                start, end = slice_of[termid]
                df = end - start
                # idf as match_bm25 has it: DuckDB's log is base 10
                self.terms[term] = (start, end, math.log10((num_docs - df + 0.5) / (df + 0.5) + 1))
        self.size = size

    def search(self, query: str, limit: int, offset: int) -> tuple[int, list[tuple]]:
        """(documents with any of the query's terms, the page's (id, title, body, score) best first;
        equal scores by id)."""
        postings = [self.terms[w] for w in self.terms_index.query_terms(query) if w in self.terms]
        if not postings:
            return 0, []
        scores = np.zeros(self.size, dtype=np.float64)
        for start, end, idf in postings:  # a term's postings name each document once
            scores[self.docids[start:end]] += idf * self.weights[start:end]
        matched = np.flatnonzero(scores)
        # copies of a text score alike up to the order of the additions: ties go by id
        rounded = np.round(scores[matched], 9)
        ranked = matched[np.lexsort((self.name_order[matched], -rounded))][offset : offset + limit]
        if not len(ranked):
            return len(matched), []
        ids = [str(n) for n in self.names[ranked]]
        text = self.terms_index.texts(ids)
        return len(matched), [(i, *text[i], float(scores[d])) for i, d in zip(ids, ranked)]


class SemanticIndex:
    """Claims ranked by the cosine of their sentence embedding with the query's."""

    def __init__(self, store: Store, min_similarity: float = MIN_SIMILARITY):
        self.store = store
        self.min_similarity = min_similarity
        self._lock = threading.Lock()
        self._cache = None
        self._claims: list[dict] = []
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        # (claims, superseded documents) in the store when the matrix was built; -1: not built
        self._indexed: tuple[int, int] | int = -1

    def _embedding_cache(self):
        from claimgraph.link import embeddings

        if self._cache is None:
            embedder = embeddings.Embedder(EMBEDDING_MODE)
            persistent = getattr(embeddings, "StoreEmbeddingCache", None)
            # a read-only store cannot keep new vectors: they stay in this process's memory
            self._cache = (
                persistent(embedder, self.store)
                if persistent and not self.store.read_only
                else embeddings.EmbeddingCache(embedder)
            )
        return self._cache

    def _ensure(self) -> None:
        # a new version of an edited input may hold as many claims as the old one it takes out
        count = (self.store.claims.count(), self.store.versions.count())
        if count == self._indexed:
            return
        rows = self.store.claims.canonical_for_search()
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

        cache.update(self.store.vectors.read_lists(list(dict.fromkeys(sentence_key(t, EMBEDDING_MODE) for t in texts))))

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
        hits = [
            {
                "id": c["id"],
                "doc_id": c["doc_id"],
                "title": c["doc_title"],
                "text": c["text"],
                "speaker": c["speaker_text"] or c["speaker_kind"],
                "status": c["status"],
                "score": round(float(scores[i]), 4),
            }
            for i in best[offset:end]
            for c in (claims[i],)
        ]
        return total, hits


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """The part of ``text`` around the first query term it contains (plain text, not markup)."""
    terms = [t for t in re.findall(r"\w+", query.lower()) if len(t) > 1]
    lower = text.lower()
    hits = [p for p in (lower.find(t) for t in terms) if p >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width // 3)
    piece = text[start : start + width].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
