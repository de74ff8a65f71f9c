"""DuplicateIndex against datasketch: the same signatures and banding as its MinHash and MinHashLSH, the same
candidates and decisions from the compact LSH."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from claimgraph.dedup import MINHASH_SCHEME, MINHASH_SEED, DuplicateIndex, lsh_bands, normalise
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Source, new_document

# More than one block of rows and more than one merge of the unsorted keys (dedup._UNSORTED_KEYS).
SIGNATURES = 5000


def doc(text: str, path: str):
    return new_document(Source(path, "txt"), text).replace(clean_text=text)


def reference_check(
    lsh: MinHashLSH, order: dict, signatures: dict, threshold: float, doc_id: str, values: np.ndarray, template: MinHash
):
    """The decision the index made with datasketch's LSH before it became compact."""
    query = MinHash(seed=MINHASH_SEED, scheme=MINHASH_SCHEME, hashvalues=values, permutations=template.permutations)
    best_id, best = None, -1.0
    for candidate in lsh.query(query):
        if candidate == doc_id:
            continue
        similarity = float(np.count_nonzero(values == signatures[candidate])) / len(values)
        if similarity > best or (similarity == best and best_id is not None and order[candidate] < order[best_id]):
            best_id, best = candidate, similarity
    return (best_id, best) if best_id is not None and best >= threshold else (None, None)


@pytest.fixture(scope="module")
def signatures() -> list[np.ndarray]:
    """Families of signatures: a random base and variants with some values replaced, so that many
    share some bands with their base and with each other, some share all, most share none."""
    rng = np.random.default_rng(7)
    out = []
    while len(out) < SIGNATURES:
        base = rng.integers(0, 1 << 63, size=128, dtype=np.uint64)
        out.append(base)
        for _ in range(rng.integers(0, 6)):
            variant = base.copy()
            changed = rng.choice(128, size=rng.integers(0, 60), replace=False)
            variant[changed] = rng.integers(0, 1 << 63, size=len(changed), dtype=np.uint64)
            out.append(variant)
    return out[:SIGNATURES]


def test_banding_is_datasketchs():
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    assert lsh_bands(0.8, 128) == (lsh.b, lsh.r) == (9, 13)
    assert lsh_bands(0.5, 64) == (MinHashLSH(threshold=0.5, num_perm=64).b, MinHashLSH(threshold=0.5, num_perm=64).r)


@pytest.mark.parametrize("num_perm", [2, 16, 64, 128, 256])
def test_banding_is_datasketchs_for_every_threshold(num_perm):
    for threshold in np.round(np.arange(0.0, 1.0001, 0.05), 2):
        try:
            expected = MinHashLSH(threshold=float(threshold), num_perm=num_perm)
        except ValueError as exc:  # one band only: refused by both
            with pytest.raises(ValueError, match=re.escape(str(exc))):
                lsh_bands(float(threshold), num_perm)
        else:
            assert lsh_bands(float(threshold), num_perm) == (expected.b, expected.r), threshold


def test_signatures_are_datasketchs_minhash():
    """The signature of a text is datasketch's affine64 MinHash of its normalised word 5-shingles."""
    rnd = random.Random(5)
    words = [
        "Kabul",
        "attack",
        "said",
        "ministry",
        "Daesh",
        "Кабул",
        "حمله",
        "police",
        "2026",
        "the",
        "a",
        "Kunar",
        "isn't",
    ]
    index = DuplicateIndex()
    for n in [5, 6, 9, 40, 400, 3000]:
        text = " ".join(rnd.choice(words) for _ in range(n))
        tokens = normalise(text).split()
        expected = MinHash(num_perm=128, seed=MINHASH_SEED, scheme=MINHASH_SCHEME)
        expected.update_batch([" ".join(tokens[i : i + 5]).encode("utf-8") for i in range(len(tokens) - 4)])
        assert index.signature(doc(text, f"s/{n}.txt")) == expected.hashvalues.astype("<u8").tobytes()


def test_candidates_are_datasketchs_on_many_signatures(signatures):
    index = DuplicateIndex()
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    template = MinHash(num_perm=128, seed=MINHASH_SEED, scheme=MINHASH_SCHEME)
    digest = "00" * 32
    index.load((f"d{i}", digest, values.tobytes()) for i, values in enumerate(signatures))
    for i, values in enumerate(signatures):
        lsh.insert(
            f"d{i}",
            MinHash(seed=MINHASH_SEED, scheme=MINHASH_SCHEME, hashvalues=values, permutations=template.permutations),
            check_duplication=False,
        )
    assert len(index) == SIGNATURES
    rng = np.random.default_rng(11)
    probes = signatures[::7] + [rng.integers(0, 1 << 63, size=128, dtype=np.uint64) for _ in range(50)]
    shared = 0
    for values in probes:
        expected = set(
            lsh.query(
                MinHash(seed=MINHASH_SEED, scheme=MINHASH_SCHEME, hashvalues=values, permutations=template.permutations)
            )
        )
        rows = index._signed_rows.take(index._candidates(values))
        assert {index._ids[int(row)] for row in rows} == expected
        shared += len(expected) > 1
    assert shared > 50  # the probes do meet other signatures, not only themselves


def test_decisions_are_the_datasketch_indexs_on_edited_texts():
    """Texts edited a little or a lot around the threshold, checked and added in order by both."""
    rnd = random.Random(3)
    vocabulary = [f"w{i}" for i in range(3000)]
    bases = [[rnd.choice(vocabulary) for _ in range(rnd.randint(40, 120))] for _ in range(150)]
    texts = []
    for _ in range(1500):
        words = list(rnd.choice(bases))
        for _ in range(rnd.choice([0, 1, 2, 3, 5, 8, 15])):  # replace a few words: similarity spreads around 0.8
            words[rnd.randrange(len(words))] = rnd.choice(vocabulary)
        texts.append(" ".join(words))

    index = DuplicateIndex()
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    template = MinHash(num_perm=128, seed=MINHASH_SEED, scheme=MINHASH_SCHEME)
    order: dict[str, int] = {}
    stored: dict[str, np.ndarray] = {}
    by_hash: dict[str, str] = {}
    kinds = []
    for i, text in enumerate(texts):
        checked = index.check(doc(text, f"t/{i}.txt"))
        values = np.frombuffer(index.signature(checked), dtype="<u8")
        exact = by_hash.get(checked.content_hash)
        if exact is not None:
            expected = (exact, "exact", 1.0)
        else:
            best_id, best = reference_check(lsh, order, stored, 0.8, checked.id, values, template)
            expected = (best_id, "near" if best_id else None, best)
        assert (checked.duplicate_of, checked.duplicate_kind, checked.duplicate_similarity) == expected
        kinds.append(expected[1])
        if checked.duplicate_of is None:
            index.add(checked, values.tobytes())
            order[checked.id] = len(order)
            stored[checked.id] = values
            by_hash.setdefault(checked.content_hash, checked.id)
            lsh.insert(
                checked.id,
                MinHash(
                    seed=MINHASH_SEED, scheme=MINHASH_SCHEME, hashvalues=values, permutations=template.permutations
                ),
                check_duplication=False,
            )
    assert {"exact", "near", None} <= set(kinds)


def test_adding_the_same_document_twice_keeps_one_row(signatures):
    index = DuplicateIndex()
    index.load(
        [("a", "11" * 32, signatures[0].tobytes()), ("a", "11" * 32, signatures[0].tobytes()), ("b", "22" * 32, None)]
    )
    assert len(index) == 2


def test_a_content_hash_that_is_not_a_digest_fails_clearly(signatures):
    with pytest.raises(ClaimgraphError, match="content hash of document x"):
        DuplicateIndex().load([("x", "not-a-digest", signatures[0].tobytes())])
