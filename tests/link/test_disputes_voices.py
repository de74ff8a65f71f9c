"""Two voices inside one report (link/disputes/denials.py): two named speakers of one document can meet inside a
proposition as across it, while one speaker quoted twice cannot. Speakers written for this test (synthetic)."""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.denials import (
    _anchors,
    _same_voice,
    _Speakers,
    _two_voices,
    _voices_matrix,
    score,
)
from claimgraph.link.disputes.values import Value
from claimgraph.link.propositions import source_key
from claimgraph.store import Store

CONFIG = load_config()


def _claim(speaker: str, actor: str | None = None) -> dict:
    return {"speaker_kind": "source", "speaker_text": speaker, "speaker_actor": actor}


def test_two_named_speakers_of_one_report_are_two_voices_and_one_speaker_is_one(tmp_path):
    run_claims = {
        "a": _claim("Colonel Souleymane Dembele"),
        "b": _claim("the rebel spokesman Mohamed Elmaouloud Ramadane"),
        "c": _claim("Dembele"),
    }
    source = {"a": "doc1", "b": "doc1", "c": "doc1", "d": "doc2"}
    ids = ["a", "b", "c", "d"]
    with Store(tmp_path / "s.duckdb") as store:  # "d" is no stored claim: no one's voice, another report's
        voices = _voices_matrix(["a"], ids, source, _Speakers(store, run_claims), CONFIG)
    assert voices.tolist() == [[False, True, False, True]]  # itself, another speaker, itself by surname, another report


def test_a_claim_not_of_this_run_is_one_voice_with_its_own_report(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        speakers = _Speakers(store, {"a": _claim("Colonel Dembele")})
        voices = _voices_matrix(["a"], ["a", "b"], {"a": "doc1", "b": "doc1"}, speakers, CONFIG)
    assert not np.any(voices)


def test_one_speaker_quoted_by_two_outlets_is_one_voice_before_the_nearest_is_chosen(tmp_path):
    """An official's denial carried by two outlets must not be each other's nearest opposite: left out
    only after the nearest was chosen, the pair cost each claim its match with another voice."""
    run_claims = {
        "a": _claim("Interior Ministry spokesman Saad Maan Ibrahim"),
        "b": _claim("Ibrahim"),
        "c": _claim("a police spokesman in Beirut"),
        "d": _claim("the ministry", actor="IRQ-MOI"),
        "e": _claim("the interior ministry", actor="IRQ-MOI"),
    }
    source = {"a": "doc1", "b": "doc2", "c": "doc3", "d": "doc4", "e": "doc5"}
    with Store(tmp_path / "s.duckdb") as store:
        speakers = _Speakers(store, run_claims)
        voices = _voices_matrix(["a", "d"], list(run_claims), source, speakers, CONFIG)
    assert voices.tolist() == [[False, False, True, True, True], [True, True, True, False, False]]


def test_anchor_pairs_are_taken_from_the_most_similar_down():
    """A mutual nearest pair is rare among several copies of one claim: d1's nearest assertion a1 is
    nearer another denial d2, whose nearest is a2. d2-a2 anchor first; d1-a1, both still unpaired,
    anchor too (by mutual nearness alone, d1 and a1 were in no dispute)."""
    scored = [
        ("d1", "a1", 0.60, "The ministry denied the raid took place.", "Witnesses said troops raided the market."),
        ("a1", "d2", 0.70, "Witnesses said troops raided the market.", "Officials denied troops raided the market."),
        ("d2", "a2", 0.75, "Officials denied troops raided the market.", "Troops raided the market, residents said."),
        ("a2", "d2", 0.75, "Troops raided the market, residents said.", "Officials denied troops raided the market."),
    ]
    assert _anchors(scored) == {"d2": "a2", "a2": "d2", "d1": "a1", "a1": "d1"}


def test_anchor_ties_go_by_text_not_by_id():
    """Two copies of one denial, equally near one assertion: the pair taken is the same whatever the
    claims' ids (ids hash the documents' paths)."""

    def pairs(id_b: str, id_c: str) -> dict[str, str]:
        scored = [
            (id_b, "a", 0.5, "Rebels denied shelling the town.", "The army said rebels shelled the town."),
            (id_c, "a", 0.5, "The rebels denied they shelled the town.", "The army said rebels shelled the town."),
        ]
        return _anchors(scored)

    # "Rebels denied shelling the town." comes first by its text, whichever id it has
    assert pairs("x1", "x2")["a"] == "x1" and pairs("x2", "x1")["a"] == "x2"


def _stance_value(role: str, source: str, speaker: str) -> Value:
    return Value("p1", "a claim", "proposition", None, f"doc-{source}", source, role, speaker=speaker,
                 firmness=1.0, role=role)  # fmt: skip


def test_a_dispute_one_outlet_alone_gives_ranks_below_one_between_outlets():
    one = [_stance_value("affirms", "wire.example", "the army"), _stance_value("denies", "wire.example", "the rebels")]
    two = [_stance_value("affirms", "wire.example", "the army"), _stance_value("denies", "radio.example", "the rebels")]
    alone, between = score(one, 0.6, CONFIG.one_outlet_weight), score(two, 0.6, CONFIG.one_outlet_weight)
    assert alone["score"] == round(0.6 * CONFIG.one_outlet_weight, 6) < between["score"] == 0.6
    assert "one outlet gives both sides" in alone["why"] and "one outlet" not in between["why"]


def test_one_speaker_by_full_name_and_title_by_surname_and_by_pronoun_is_one_voice(tmp_path):
    """A spokesman quoted with his title in apposition, later by surname and as "He" (the claims stage
    resolves the pronoun to his full name) is one voice: no dispute of his with himself. The title's
    last name ("Emirate") is not his."""
    run_claims = {
        "a": _claim("Qadir Sulemani Barre, deputy spokesman of the Transitional Council"),
        "b": _claim("Barre"),
        "c": {**_claim("He"), "speaker_name": "Qadir Sulemani Barre"},
        "d": _claim("Council member Hodan Warsame"),
        "e": _claim("She"),
        "f": _claim("She"),
        "g": _claim("The provincial police spokesman"),
        "h": _claim("The district governor"),
    }
    source = dict.fromkeys(run_claims, "doc1")
    with Store(tmp_path / "s.duckdb") as store:
        speakers = _Speakers(store, run_claims)
        voices = _voices_matrix(["a", "e"], list(run_claims), source, speakers, CONFIG)
    # "She" names no one: two unnamed speakers of one report are no two named voices either
    assert voices.tolist() == [[False, False, False, True, False, False, False, False], [False] * 8]
    # "She" and "The ..." name no one: unnamed speakers are never one voice by their first word
    assert speakers.same_voice(["e", "g"], ["f", "h"], CONFIG).tolist() == [[False, False], [False, False]]


def test_a_spokesman_speaks_for_the_body_his_title_names(tmp_path):
    """ "X, deputy spokesman of the Afar Liberation Front" and "The Afar Liberation Front" are one voice, as are
    two spokesmen of one body; a spokesman of another body is another voice."""
    run_claims = {
        "a": _claim("Qadir Sulemani Barre, deputy spokesman of the Afar Liberation Front"),
        "b": _claim("The Afar Liberation Front"),
        "c": _claim("Hodan Warsame, Afar Liberation Front spokeswoman"),
        "d": _claim("Abdi Farah, spokesman of the Puntland Assembly"),
    }
    source = {"a": "doc1", "b": "doc2", "c": "doc3", "d": "doc4"}
    with Store(tmp_path / "s.duckdb") as store:
        speakers = _Speakers(store, run_claims)
        voices = _voices_matrix(["a"], list(run_claims), source, speakers, CONFIG)
    assert voices.tolist() == [[False, False, False, True]]
    assert _same_voice(run_claims["b"], run_claims["c"], CONFIG)
    assert not _same_voice(run_claims["b"], run_claims["d"], CONFIG)


def test_two_linked_bodies_of_one_country_are_two_voices():
    """Resolved names of linked actors often end in their country ("... of Afghanistan"): that word is no
    name of theirs, so a ministry and a government of one country stay two voices."""
    a = {**_claim("The Interior Ministry", actor="xx-moi"), "speaker_name": "Ministry of Interior of Ruritania"}
    b = {**_claim("The Islamic Emirate", actor="xx-gov"), "speaker_name": "Islamic Emirate of Ruritania"}
    c = _claim("Rafiq Dost, deputy spokesman of the Islamic Emirate")
    assert not _same_voice(a, b, CONFIG)
    assert _same_voice(b, c, CONFIG)


def _stored_claims(tmp_path_factory, stored):
    """A copy of a store of the session (inputs run as a user runs them: tests/conftest.py), and its claims
    that can affirm or deny."""
    from stores import copy_store

    store = Store(copy_store(stored, tmp_path_factory.mktemp("voices")))
    doc_ids = sorted(d for d, *_ in store.documents.canonical_signatures())
    claims = store.disputes.polar_claims(doc_ids, sorted(CONFIG.affirm_statuses), sorted(CONFIG.deny_statuses))
    return store, doc_ids, claims


@pytest.fixture(scope="module")
def corpus_claims(tmp_path_factory, disputes_store, examples_store):
    stores = [_stored_claims(tmp_path_factory, disputes_store), _stored_claims(tmp_path_factory, examples_store)]
    yield stores
    for store, _, _ in stores:
        store.close()


def _pairwise(fresh, ids, source, run_claims, stored) -> np.ndarray:
    """``_voices_matrix`` as it was decided pair by pair (``_same_voice``, ``_two_voices`` of the rows)."""
    rows = {**stored, **run_claims}
    out = np.zeros((len(fresh), len(ids)), dtype=bool)
    for a, i in enumerate(fresh):
        for b, j in enumerate(ids):
            if source[i] != source[j]:
                out[a, b] = not (i in rows and j in rows and _same_voice(rows[i], rows[j], CONFIG))
            else:
                out[a, b] = i in run_claims and j != i and j in run_claims and _two_voices(rows[i], rows[j], CONFIG)
    return out


def test_voices_matrix_decides_every_pair_as_two_voices_does(corpus_claims):
    """The matrix built from each claim's voice once is the pairwise decision, on the disputes fixture
    and the example corpus: the run's claims (half the documents) against every claim, earlier ones read
    from the store, as one batch and proposition by proposition of a sort (the speakers' cache kept)."""
    checked_same_source = two_voices = 0
    # both halves of the documents: which half a document falls in follows its id, a hash of its
    # absolute path, so one half alone would test a different split in every checkout
    for (store, doc_ids, claims), half in [(c, h) for c in corpus_claims for h in (0, 1)]:
        assert len(claims) > 10
        run_docs = set(doc_ids[half::2])
        run_claims = {c["claim_id"]: c for c in claims if c["doc_id"] in run_docs}
        ids = [c["claim_id"] for c in claims]
        source = {c["claim_id"]: source_key(c) for c in claims}
        stored = {c["claim_id"]: c for c in store.disputes.speakers_by_id(ids)}
        speakers = _Speakers(store, run_claims)
        fresh = [i for i in ids if i in run_claims]
        expected = _pairwise(fresh, ids, source, run_claims, stored)
        assert _voices_matrix(fresh, ids, source, speakers, CONFIG).tolist() == expected.tolist()
        for k in range(0, len(ids), 7):  # smaller blocks, the cache of voices already filled
            block = ids[k : k + 7]
            new = [i for i in block if i in run_claims]
            if new:
                got = _voices_matrix(new, block, source, speakers, CONFIG)
                assert got.tolist() == _pairwise(new, block, source, run_claims, stored).tolist()
        same = np.array([[source[i] == source[j] and i != j for j in ids] for i in fresh])
        checked_same_source += int(same.sum())
        two_voices += int(expected[same].sum())
    assert checked_same_source > 0
    assert two_voices > 0  # two named speakers of one report do occur
