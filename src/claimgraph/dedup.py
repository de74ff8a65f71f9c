"""Exact and near-duplicate detection.

The same wire story, statement or thread is scraped many times: re-published by other outlets,
re-posted with a different header, lightly edited. Counting it once matters for an analyst (ten
copies of one claim are not ten sources), so every document is compared with the canonical
documents seen before it:

* exact duplicates share a ``content_hash`` of the normalised clean text (case, whitespace and
  punctuation do not count);
* near duplicates have an estimated Jaccard similarity of word 5-shingles at or above a threshold,
  found with MinHash LSH and verified on the MinHash signatures.

A duplicate always points to the canonical (first-seen, non-duplicate) document, never to another
duplicate, so the copies of a story form a star around one document.

The index must remember every canonical document of the store, so its size per document decides a
long run's memory: the LSH is the compact one below (flat numpy arrays, ~1.2 KB per canonical
document with the 1 KB signature, against ~3.9 KB in datasketch's ``MinHashLSH`` with its bytes
band keys and a Python set per bucket). It returns the candidates ``MinHashLSH`` would, so the
decisions are the same, and the signatures and the banding are the ones datasketch 2.0's
``MinHash(scheme="affine64")`` and ``MinHashLSH`` compute (tested against datasketch, which the
`test` extra installs; the core install does without it and the scipy it needs).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from functools import cache

import numpy as np

from .errors import ClaimgraphError
from .model import Document

# Fixed so signatures stored in one run compare with signatures computed in the next.
MINHASH_SEED = 1
# 64-bit permutations: the stored signature is plain little-endian uint64 hash values.
MINHASH_SCHEME = "affine64"
_SIGNATURE_DTYPE = np.dtype("<u8")
# Rows per storage block: arrays grow a block at a time, so growing never copies what is held (a
# doubling array would briefly hold twice the signatures: 2 GiB at a million documents) and at
# most one block is allocated but unused.
_BLOCK_ROWS = 1024
# Keys added since the last merge are kept unsorted and scanned whole; merging them into the
# sorted arrays copies those, so fewer, larger merges are cheaper and the scan stays ~10 us.
_UNSORTED_KEYS = 2048
_UINT64 = (1 << 64) - 1

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
        _punctuation_table = {
            cp: None for cp in range(_LAST_PLANE_WITH_PUNCTUATION) if unicodedata.category(chr(cp)).startswith("P")
        }
    return _punctuation_table


def normalise(text: str) -> str:
    """Casefold, drop punctuation, collapse whitespace: the form both hashes are computed on."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(text.translate(_punctuation()).split())


def content_hash(clean_text: str) -> str:
    """sha256 (hex) of the normalised text: re-formatted copies of a text get the same hash."""
    return hashlib.sha256(normalise(clean_text).encode("utf-8", "surrogatepass")).hexdigest()


# The MurmurHash3 64-bit finalizer, a bijection that mixes each input hash before the permutations.
_FMIX_SHIFT = np.uint64(33)
_FMIX_MULTIPLIERS = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))


def minhash_permutations(num_perm: int, seed: int = MINHASH_SEED) -> np.ndarray:
    """(a, b), shape (2, num_perm): the permutations h -> a*h + b mod 2**64 (``a`` odd, so each
    is a bijection), drawn as datasketch's ``MinHash(seed=seed, scheme="affine64")`` draws them."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 63, num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = gen.randint(0, 1 << 64, num_perm, dtype=np.uint64)
    return np.array([a, b])


def minhash(items: list[bytes], permutations: np.ndarray) -> np.ndarray:
    """The MinHash signature (uint64, one value per permutation) of a non-empty set of byte
    strings: each hashed with the first 8 bytes of its sha1 (little-endian), mixed, permuted, and
    the minimum kept per permutation. uint64 arithmetic wraps: that is the modulo 2**64."""
    hv = np.frombuffer(b"".join(hashlib.sha1(item).digest()[:8] for item in items), dtype="<u8")
    hv = hv.astype(np.uint64).reshape(-1, 1)
    hv = hv ^ (hv >> _FMIX_SHIFT)
    hv = hv * _FMIX_MULTIPLIERS[0]
    hv = hv ^ (hv >> _FMIX_SHIFT)
    hv = hv * _FMIX_MULTIPLIERS[1]
    hv = hv ^ (hv >> _FMIX_SHIFT)
    a, b = permutations
    return (hv * a + b).min(axis=0)


@cache
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) that minimise the sum of the false positive probability (the
    integral over similarities below the threshold of 1 - (1 - s^r)^b) and the false negative one
    (the integral above it of (1 - s^r)^b), first such pair by bands then rows: the banding
    datasketch's ``MinHashLSH`` picks. The integrands are polynomials of degree r*b <= num_perm,
    which Gauss-Legendre quadrature with num_perm/2 + 1 nodes integrates exactly (datasketch
    uses scipy's adaptive quad). 0.8 and 128 permutations give 9 bands of 13 values."""
    if num_perm < 2:
        raise ValueError("Too few permutation functions")
    pairs = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)], dtype=np.float64)
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def integral(lo: float, hi: float, below: bool) -> np.ndarray:
        s = (hi - lo) / 2 * nodes + (hi + lo) / 2
        miss = (1 - s[None, :] ** pairs[:, 1:2]) ** pairs[:, 0:1]  # P(no band agrees) at similarity s
        return (hi - lo) / 2 * ((1 - miss if below else miss) @ weights)

    error = integral(0.0, threshold, True) + integral(threshold, 1.0, False)
    b, r = (int(x) for x in pairs[int(np.argmin(error))])
    if b < 2:  # one band is exact matching on r values: refused, as MinHashLSH refuses it
        raise ValueError("The number of bands are too small (b < 2)")
    return b, r


class _Rows:
    """A growing table of fixed-shape rows, stored in blocks of ``_BLOCK_ROWS``."""

    def __init__(self, shape: tuple[int, ...], dtype: np.dtype | type):
        self._shape = shape
        self._dtype = np.dtype(dtype)
        self._blocks: list[np.ndarray] = []
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, value) -> int:
        """Store ``value`` as the next row; returns its row number."""
        block, at = divmod(self._count, _BLOCK_ROWS)
        if block == len(self._blocks):
            self._blocks.append(np.empty((_BLOCK_ROWS, *self._shape), self._dtype))
        self._blocks[block][at] = value
        self._count += 1
        return self._count - 1

    def __getitem__(self, row: int) -> np.ndarray:
        return self._blocks[row // _BLOCK_ROWS][row % _BLOCK_ROWS]

    def take(self, rows: np.ndarray) -> np.ndarray:
        """The given rows, stacked."""
        return np.stack([self[int(row)] for row in rows]) if len(rows) else np.empty((0, *self._shape), self._dtype)


class _Strings:
    """Growing list of strings in one byte buffer (a ``str`` object costs ~50 bytes more than its text)."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._ends = _Rows((), np.int64)

    def append(self, text: str) -> int:
        self._buffer += text.encode("utf-8", "surrogatepass")
        return self._ends.append(len(self._buffer))

    def __getitem__(self, row: int) -> str:
        start = int(self._ends[row - 1]) if row else 0
        return self._buffer[start : int(self._ends[row])].decode("utf-8", "surrogatepass")


class _KeyIndex:
    """Rows 0, 1, 2 ... each with a few 64-bit keys; finds the rows that have one of the given keys.
    The keys of all but the newest rows are one sorted uint64 array with the rows beside it (12 bytes
    a key, binary search); the newest rows' keys wait in a small unsorted block that a look-up scans
    whole, merged into the sorted arrays when it is full. A key matches whatever key position it
    sits in: callers check what a row really holds (a 64-bit key can collide)."""

    def __init__(self, keys_per_row: int):
        self._keys = np.empty(0, np.uint64)
        self._rows = np.empty(0, np.int32)
        self._unsorted = np.empty((_UNSORTED_KEYS, keys_per_row), np.uint64)
        self._sorted_count = 0  # rows whose keys are in the sorted arrays
        self._count = 0

    def append(self, keys: np.ndarray) -> None:
        """Add the next row with these keys."""
        waiting = self._count - self._sorted_count
        self._unsorted[waiting] = keys
        self._count += 1
        if waiting + 1 == _UNSORTED_KEYS:
            self._merge()

    def _merge(self) -> None:
        waiting = self._unsorted[: self._count - self._sorted_count]
        keys = waiting.ravel()
        rows = np.repeat(np.arange(self._sorted_count, self._count, dtype=np.int32), waiting.shape[1])
        order = np.argsort(keys, kind="stable")
        at = np.searchsorted(self._keys, keys[order], side="right")
        self._keys = np.insert(self._keys, at, keys[order])
        self._rows = np.insert(self._rows, at, rows[order])
        self._sorted_count = self._count

    def find(self, keys: np.ndarray) -> np.ndarray:
        """Sorted distinct rows that have at least one of ``keys``."""
        starts = np.searchsorted(self._keys, keys, side="left")
        ends = np.searchsorted(self._keys, keys, side="right")
        found = [self._rows[start:end] for start, end in zip(starts.tolist(), ends.tolist()) if end > start]
        waiting = self._unsorted[: self._count - self._sorted_count]
        if len(waiting):
            hits = np.flatnonzero((waiting == keys).any(axis=1))
            if len(hits):
                found.append(hits.astype(np.int32) + self._sorted_count)
        if not found:
            return np.empty(0, np.int32)
        return np.unique(np.concatenate(found)) if len(found) > 1 else np.unique(found[0])


def _string_key(text: str) -> np.ndarray:
    # Python's string hash: fast, and stable within the process, which is all an in-memory index needs
    return np.array([hash(text) & _UINT64], np.uint64)


def _digest_values(digest: str, doc_id: str | None = None) -> np.ndarray:
    """A sha256 hex digest as four uint64 (32 bytes instead of a 113-byte str)."""
    try:
        raw = bytes.fromhex(digest)
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise ClaimgraphError(f"content hash of document {doc_id} is not a sha256 hex digest: {digest!r}")
    return np.frombuffer(raw, dtype="<u8")


class DuplicateIndex:
    """Canonical documents seen so far, for exact and near-duplicate look-ups (one per run; not thread-safe).

    Typical use: ``index = DuplicateIndex().load(store.documents.canonical_signatures())``, then once per
    document, in ingest order::

        doc = index.check(doc)
        sig = index.signature(doc)
        if doc.duplicate_of is None:
            index.add(doc, sig)
        store.add_document(doc, sig)

    Canonical documents are rows 0, 1, 2 ... in the order they were added, so "the earliest" is
    the smallest row. Per row: the id, the content hash, and (when the text was long enough) the
    signature with its LSH band keys.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if shingle < 1:
            raise ValueError(f"shingle must be at least 1, got {shingle}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self._permutations = minhash_permutations(num_perm)
        self._ids = _Strings()  # row -> document id
        self._id_keys = _KeyIndex(1)  # hash of the id -> rows
        self._digests = _Rows((4,), np.uint64)  # row -> sha256 of the normalised text
        self._digest_keys = _KeyIndex(1)  # first 8 bytes of the digest -> rows
        # documents with a signature: signature row -> row, the signature, its band keys
        self._signed_rows = _Rows((), np.int32)
        self._signatures = _Rows((num_perm,), _SIGNATURE_DTYPE)
        self._band_keys: _KeyIndex | None = None  # made with the banding, on first use
        self._retired: set[int] = set()  # rows of documents superseded during the run (``retire``)
        self._bands = 0
        self._band_rows = 0
        # check() and signature() are called back to back on the same text: compute once.
        self._last: tuple[str, np.ndarray | None] | None = None
        self._last_text: tuple[str, str, str] | None = None  # (clean text, normalised, digest)

    def __len__(self) -> int:
        """Number of canonical documents in the index."""
        return len(self._digests)

    # -- signatures ---------------------------------------------------------------------------

    def _hashvalues(self, normalised: str, digest: str) -> np.ndarray | None:
        if self._last is not None and self._last[0] == digest:
            return self._last[1]
        words = normalised.split()
        if len(words) < self.shingle:
            values = None  # too short to shingle: exact matching only
        else:
            k = self.shingle
            shingles = {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}
            values = minhash([s.encode("utf-8", "surrogatepass") for s in shingles], self._permutations)
            values = values.astype(_SIGNATURE_DTYPE, copy=False)
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
                f"num_perm={self.num_perm}: rebuild the index with the num_perm the signatures were made with"
            )
        return values

    # -- LSH ------------------------------------------------------------------------------------

    def _bands_of(self, values: np.ndarray) -> np.ndarray:
        """One 64-bit key per band: the band's hash values folded with fixed odd multipliers."""
        if self._band_keys is None:
            self._bands, self._band_rows = lsh_bands(self.threshold, self.num_perm)
            self._band_keys = _KeyIndex(self._bands)
            # any fixed values would do: equal keys only make candidates, checked on the values
            self._multipliers = np.random.default_rng(MINHASH_SEED).integers(
                1, 1 << 62, size=self._band_rows, dtype=np.uint64
            ) * np.uint64(2) + np.uint64(1)
        bands = values[: self._bands * self._band_rows].reshape(self._bands, self._band_rows)
        return (bands * self._multipliers).sum(axis=1, dtype=np.uint64)  # wraps modulo 2**64

    def _candidates(self, values: np.ndarray) -> np.ndarray:
        """Signature rows sharing at least one whole band with ``values``: what ``MinHashLSH.query``
        returns (its buckets are keyed by the band's values themselves)."""
        found = self._band_keys.find(self._bands_of(values))
        if not len(found):
            return found
        width = self._bands * self._band_rows
        mine = values[:width].reshape(self._bands, self._band_rows)
        theirs = self._signatures.take(found)[:, :width].reshape(len(found), self._bands, self._band_rows)
        return found[(theirs == mine).all(axis=2).any(axis=1)]

    def _row_of_id(self, doc_id: str) -> int | None:
        for row in self._id_keys.find(_string_key(doc_id)):
            if self._ids[int(row)] == doc_id:
                return int(row)
        return None

    def _canonical_of_digest(self, digest: str) -> str | None:
        """The id of the earliest canonical document with this content hash."""
        values = _digest_values(digest)
        for row in self._digest_keys.find(values[:1]):  # rows come sorted: the earliest first
            if int(row) not in self._retired and np.array_equal(self._digests[int(row)], values):
                return self._ids[int(row)]
        return None

    # -- look-up and registration ---------------------------------------------------------------

    def check(self, doc: Document) -> Document:
        """Return ``doc`` with ``content_hash`` set and, when it duplicates a canonical document,
        ``duplicate_of``, ``duplicate_kind`` ("exact" | "near") and ``duplicate_similarity``."""
        normalised, digest = self._normalised(doc.clean_text)
        not_duplicate = dict(duplicate_of=None, duplicate_kind=None, duplicate_similarity=None)

        canonical = self._canonical_of_digest(digest)
        if canonical is not None and canonical != doc.id:
            return doc.replace(
                content_hash=digest, duplicate_of=canonical, duplicate_kind="exact", duplicate_similarity=1.0
            )
        if canonical == doc.id:  # the canonical document itself, seen again
            return doc.replace(content_hash=digest, **not_duplicate)

        values = self._hashvalues(normalised, digest)
        if values is not None and len(self._signatures):
            # LSH only proposes candidates; the estimated Jaccard decides.
            candidates = self._candidates(values)
            rows = self._signed_rows.take(candidates)
            keep = [int(row) not in self._retired and self._ids[int(row)] != doc.id for row in rows]
            candidates, rows = candidates[keep], rows[keep]
            if len(candidates):
                agreeing = np.count_nonzero(self._signatures.take(candidates) == values, axis=1)
                # ties go to the earliest canonical document (rows are in ingest order)
                best = int(np.argmax(agreeing))  # the first of the maxima, and rows ascend
                similarity = float(agreeing[best]) / len(values)
                if similarity >= self.threshold:
                    return doc.replace(
                        content_hash=digest,
                        duplicate_of=self._ids[int(rows[best])],
                        duplicate_kind="near",
                        duplicate_similarity=similarity,
                    )
        return doc.replace(content_hash=digest, **not_duplicate)

    def add(self, doc: Document, signature: bytes | None) -> None:
        """Register a canonical (non-duplicate) document that later documents are compared with."""
        if doc.duplicate_of is not None:
            raise ValueError(
                f"document {doc.id} is a duplicate of {doc.duplicate_of}: only canonical documents go into the index"
            )
        digest = doc.content_hash or content_hash(doc.clean_text)
        self._register(doc.id, digest, signature)

    def retire(self, doc_id: str) -> None:
        """Take a canonical document out of the look-ups: a new version of its input superseded it,
        and a later document (that new version first) is no duplicate of text no longer current."""
        row = self._row_of_id(doc_id)
        if row is not None:
            self._retired.add(row)

    def _register(self, doc_id: str, digest: str, signature: bytes | None) -> None:
        if self._row_of_id(doc_id) is not None:
            return
        digest_values = _digest_values(digest, doc_id)
        values = None if signature is None else self._decode(signature, doc_id)  # fail before storing anything
        row = self._ids.append(doc_id)
        self._id_keys.append(_string_key(doc_id))
        self._digests.append(digest_values)
        self._digest_keys.append(digest_values[:1])
        if values is not None:
            bands = self._bands_of(values)
            self._signed_rows.append(row)
            self._signatures.append(values)
            self._band_keys.append(bands)

    def load(self, rows: Iterable[tuple[str, str | None, bytes | None]]) -> DuplicateIndex:
        """Fill the index from stored ``(doc_id, content_hash, signature)`` of canonical documents,
        in ingest order (``Store.documents.canonical_signatures()``), at the start of a run; returns self."""
        for doc_id, digest, signature in rows:
            if digest is not None:
                self._register(doc_id, digest, signature)
        return self
