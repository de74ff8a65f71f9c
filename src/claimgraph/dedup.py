"""Exact and near-duplicate detection.

The same wire story, statement or thread is scraped many times: re-published by other outlets,
re-posted with a different header, lightly edited. Counting it once matters for an analyst (ten
copies of one claim are not ten sources), so every document is compared with the canonical
documents seen before it:

* exact duplicates share a ``content_hash`` of the normalised clean text (case, whitespace and
  punctuation do not count);
* near duplicates have an estimated Jaccard similarity of word 5-shingles at or above a threshold,
  found with MinHash LSH (datasketch) and verified on the MinHash signatures.

A duplicate always points to the canonical (first-seen, non-duplicate) document, never to another
duplicate, so the copies of a story form a star around one document.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from .errors import ClaimgraphError
from .model import Document

# Fixed so signatures stored in one run compare with signatures computed in the next.
MINHASH_SEED = 1
# 64-bit permutations: the stored signature is plain little-endian uint64 hash values.
MINHASH_SCHEME = "affine64"
_SIGNATURE_DTYPE = np.dtype("<u8")

# Unicode assigns punctuation only in planes 0 and 1 (planes 2-3 are CJK ideographs, 14 tags and
# variation selectors, 15-16 private use): scanning those two keeps the one-off build at ~0.2 s.
_LAST_PLANE_WITH_PUNCTUATION = 0x20000
_punctuation_table: dict[int, None] | None = None


def _punctuation() -> dict[int, None]:
    """A ``str.translate`` table deleting every Unicode punctuation character (categories P*),
    built once. (Deleting with translate is ~2x faster than a regex of the same character class.)

    Only punctuation goes: symbols and combining marks (Arabic harakat, Devanagari vowel signs)
    carry meaning and must stay.
    """
    global _punctuation_table
    if _punctuation_table is None:
        _punctuation_table = {cp: None for cp in range(_LAST_PLANE_WITH_PUNCTUATION)
                              if unicodedata.category(chr(cp)).startswith("P")}
    return _punctuation_table


def normalise(text: str) -> str:
    """Casefold, drop punctuation, collapse whitespace: the form both hashes are computed on."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(text.translate(_punctuation()).split())


def content_hash(clean_text: str) -> str:
    """sha256 (hex) of the normalised text: re-formatted copies of a text get the same hash."""
    return hashlib.sha256(normalise(clean_text).encode("utf-8", "surrogatepass")).hexdigest()


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


class DuplicateIndex:
    """Canonical documents seen so far, for exact and near-duplicate look-ups (one per run; not thread-safe).

    Typical use: ``index = DuplicateIndex().load(store.canonical_signatures())``, then once per
    document, in ingest order::

        doc = index.check(doc)
        sig = index.signature(doc)
        if doc.duplicate_of is None:
            index.add(doc, sig)
        store.add_document(doc, sig)
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if shingle < 1:
            raise ValueError(f"shingle must be at least 1, got {shingle}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self._template = MinHash(num_perm=num_perm, seed=MINHASH_SEED, scheme=MINHASH_SCHEME)
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._order: dict[str, int] = {}  # canonical doc id -> position in ingest order
        self._by_hash: dict[str, str] = {}  # content hash -> canonical doc id
        self._signatures: dict[str, np.ndarray] = {}  # canonical doc id -> hash values
        # check() and signature() are called back to back on the same text: compute once.
        self._last: tuple[str, np.ndarray | None] | None = None
        self._last_text: tuple[str, str, str] | None = None  # (clean text, normalised, digest)

    def __len__(self) -> int:
        """Number of canonical documents in the index."""
        return len(self._order)

    # -- signatures ---------------------------------------------------------------------------

    def _hashvalues(self, normalised: str, digest: str) -> np.ndarray | None:
        if self._last is not None and self._last[0] == digest:
            return self._last[1]
        words = normalised.split()
        if len(words) < self.shingle:
            values = None  # too short to shingle: exact matching only
        else:
            k = self.shingle
            shingles = {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}
            m = MinHash(num_perm=self.num_perm, seed=MINHASH_SEED, scheme=MINHASH_SCHEME,
                        permutations=self._template.permutations)
            m.update_batch([s.encode("utf-8", "surrogatepass") for s in shingles])
            values = m.hashvalues.astype(_SIGNATURE_DTYPE, copy=False)
        self._last = (digest, values)
        return values

    def _normalised(self, text: str) -> tuple[str, str]:
        """(normalised text, its sha256 hex digest), remembered for the last text."""
        if self._last_text is not None and self._last_text[0] is text:
            return self._last_text[1], self._last_text[2]
        normalised = normalise(text)
        digest = hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()
        self._last_text = (text, normalised, digest)
        return normalised, digest

    def signature(self, doc: Document) -> bytes | None:
        """The document's MinHash signature as bytes (``num_perm`` little-endian uint64 values),
        or None when the text has fewer words than the shingle size."""
        normalised, digest = self._normalised(doc.clean_text)
        values = self._hashvalues(normalised, digest)
        return None if values is None else values.tobytes()

    def _decode(self, signature: bytes, doc_id: str) -> np.ndarray:
        values = np.frombuffer(signature, dtype=_SIGNATURE_DTYPE)
        if len(values) != self.num_perm:
            raise ClaimgraphError(
                f"signature of document {doc_id} has {len(values)} hash values, this index uses "
                f"num_perm={self.num_perm}: rebuild the index with the num_perm the signatures were made with")
        return values

    def _minhash(self, values: np.ndarray) -> MinHash:
        return MinHash(seed=MINHASH_SEED, scheme=MINHASH_SCHEME, hashvalues=values,
                       permutations=self._template.permutations)

    # -- look-up and registration ---------------------------------------------------------------

    def check(self, doc: Document) -> Document:
        """Return ``doc`` with ``content_hash`` set and, when it duplicates a canonical document,
        ``duplicate_of``, ``duplicate_kind`` ("exact" | "near") and ``duplicate_similarity``."""
        normalised, digest = self._normalised(doc.clean_text)
        not_duplicate = dict(duplicate_of=None, duplicate_kind=None, duplicate_similarity=None)

        canonical = self._by_hash.get(digest)
        if canonical is not None and canonical != doc.id:
            return doc.replace(content_hash=digest, duplicate_of=canonical, duplicate_kind="exact",
                               duplicate_similarity=1.0)
        if canonical == doc.id:  # the canonical document itself, seen again
            return doc.replace(content_hash=digest, **not_duplicate)

        values = self._hashvalues(normalised, digest)
        if values is not None and self._signatures:
            best_id, best = None, -1.0
            # LSH only proposes candidates; the estimated Jaccard decides.
            for candidate in self._lsh.query(self._minhash(values)):
                if candidate == doc.id:
                    continue
                similarity = _jaccard(values, self._signatures[candidate])
                # ties go to the earliest canonical document, so decisions do not depend on set order
                if similarity > best or (similarity == best and best_id is not None
                                         and self._order[candidate] < self._order[best_id]):
                    best_id, best = candidate, similarity
            if best_id is not None and best >= self.threshold:
                return doc.replace(content_hash=digest, duplicate_of=best_id, duplicate_kind="near",
                                   duplicate_similarity=best)
        return doc.replace(content_hash=digest, **not_duplicate)

    def add(self, doc: Document, signature: bytes | None) -> None:
        """Register a canonical (non-duplicate) document that later documents are compared with."""
        if doc.duplicate_of is not None:
            raise ValueError(f"document {doc.id} is a duplicate of {doc.duplicate_of}: only canonical "
                             "documents go into the index")
        digest = doc.content_hash or content_hash(doc.clean_text)
        self._register(doc.id, digest, signature)

    def _register(self, doc_id: str, digest: str, signature: bytes | None) -> None:
        if doc_id in self._order:
            return
        self._order[doc_id] = len(self._order)
        self._by_hash.setdefault(digest, doc_id)
        if signature is not None:
            values = self._decode(signature, doc_id)
            self._signatures[doc_id] = values
            self._lsh.insert(doc_id, self._minhash(values), check_duplication=False)

    def load(self, rows: Iterable[tuple[str, str | None, bytes | None]]) -> "DuplicateIndex":
        """Fill the index from stored ``(doc_id, content_hash, signature)`` of canonical documents,
        in ingest order (``Store.canonical_signatures()``), at the start of a run; returns self."""
        for doc_id, digest, signature in rows:
            if digest is not None:
                self._register(doc_id, digest, signature)
        return self
