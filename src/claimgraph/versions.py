"""Edited inputs during a run: a document read from where a stored document was read (the same path
and record, ``Source.locator``), with other text, is a new version of it (store/versions.py says
what superseding means in the store and why the locator, not the URL, says "the same input").

Re-running on an unchanged input adds nothing (its documents have the ids already stored and are
skipped before this); an edited one gets a new id, and ``EditedInputs.supersede_stale`` then
finds the stored version and marks it superseded.
"""

from __future__ import annotations

import numpy as np

from claimgraph.dedup import DuplicateIndex
from claimgraph.ingest.paths import STDIN
from claimgraph.model import Document, Source
from claimgraph.store import Store

_UINT64 = (1 << 64) - 1


def _key(source: Source) -> int:
    # Python's string hash: stable within the process, which is all the run's look-up needs
    return hash(source.locator) & _UINT64


class EditedInputs:
    """One per run. Knows the locators of the stored current documents (a 64-bit key each: a store
    look-up per document cost 1-5 ms on 10k-100k documents, where a new input's key is looked up
    in memory and the store is asked only when the key is known)."""

    def __init__(self, store: Store, index: DuplicateIndex):
        self.store = store
        self.index = index
        keys = np.fromiter(
            (_key(Source(path, "", record)) for path, record in store.versions.current_locators()), dtype=np.uint64
        )
        self._stored = np.unique(keys)  # sorted
        self._added: set[int] = set()  # keys of the documents this run wrote

    def _seen(self, key: int) -> bool:
        at = int(np.searchsorted(self._stored, np.uint64(key)))
        return key in self._added or (at < len(self._stored) and int(self._stored[at]) == key)

    def supersede_stale(self, doc: Document) -> str | None:
        """When ``doc`` is a new version of an input the store holds: mark the stored version
        superseded by ``doc`` (written with the open batch, so call it inside ``Store.batch``
        before writing ``doc``) and take it out of the duplicate index, so that ``doc`` is not
        called a near duplicate of the text it replaces. Returns the old version's id.

        Standard input is never a new version of anything: every input read from it has path "-"."""
        if doc.source.path == STDIN:
            return None
        key = _key(doc.source)
        seen = self._seen(key)
        self._added.add(key)
        if not seen:
            return None
        old = self.store.versions.current_version(doc.source)
        if old is None or old == doc.id:
            return None
        self.store.versions.supersede(old, doc.id)
        self.index.retire(old)
        return old
