"""What a rejection rejects (link/disputes/rejections.py): the slot values a denying claim's cue governs,
read over the spaCy parse, denied ("not:dead") and said of the name nearest them; an act rejected
("denied killing X") gives no fate. The sentences are written here (synthetic, from no dev set)."""

from __future__ import annotations

import pytest

from claimgraph.events.parse import parser_installed
from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.facts import claim_values, load_slots

pytestmark = pytest.mark.skipif(not parser_installed(), reason="the parser is the `accurate` extra")


def _rejected(text: str, cue: str, speaker_end: int | None = None) -> list[tuple[str, str, str]]:
    """(slot, value, name it is said of) of a claim whose speaker rejects ``text``'s proposition."""
    row = {"text": text, "start": 0, "cue": cue, "status": "denied", "polarity": "negative", "quantities": []}
    if speaker_end is not None:
        row.update(speaker_start=0, speaker_end=speaker_end)
    return [(s.name, v, who[0]) for s, v, _, who in claim_values(row, load_slots(), load_config())]


def test_a_rejection_denies_the_value_it_governs():
    text = "The rebels denied that their commander Omar Diallo was killed in the air strike near Kidal."
    assert _rejected(text, "denied", 10) == [("life status", "not:dead", "Omar Diallo")]
    text = "The ministry rejected claims that the woman held in Izmir is the wife of Abu Talha."
    assert ("kinship", "not:wife", "Abu Talha") in _rejected(text, "rejected", 12)


def test_a_noun_with_its_possessor_names_the_value():
    text = "The movement dismissed reports of Hassan Nur's death as propaganda."
    assert _rejected(text, "dismissed", 12) == [("life status", "not:dead", "Hassan Nur's")]


def test_an_act_rejected_is_no_fate_and_a_description_is_taken_as_given():
    assert _rejected("The army denied killing the elder Haji Karim in Khost.", "denied", 8) == []
    text = "The family rejected reports that the abducted boy is the son of Musa Bello."
    assert _rejected(text, "rejected", 10) == [("kinship", "not:son", "Musa Bello")]


def test_a_value_asserted_beside_the_rejection_is_given_as_it_is():
    text = "The group denied the reports and said its leader Khalid Omar is alive."
    assert _rejected(text, "denied", 9) == [("life status", "alive", "Khalid Omar")]


def test_a_group_rejecting_its_own_act_names_itself_and_a_tie_is_said_of_a_name_only():
    text = "Al-Shabaab denied carrying out the attack on the bus near Garissa."
    assert _rejected(text, "denied", 10) == [("responsibility", "not:responsible", "Al-Shabaab")]
    text = "The Mahdi Army denied responsibility for the bombing of the market in Basra."
    assert _rejected(text, "denied", 14) == [("responsibility", "not:responsible", "The Mahdi Army")]
    # "she" and "his" are either person of the tie: the value is said of the name written
    text = "The ministry denied that she was the wife of the rebel leader Hassan Turabi."
    assert _rejected(text, "denied", 12) == [("kinship", "not:wife", "Hassan Turabi")]


def test_a_fate_rejected_of_a_pronoun_is_the_named_speakers():
    text = "Commander Ibrahim Kone denied that he was wounded in the ambush."
    assert _rejected(text, "denied", 22) == [("life status", "not:injured", "Commander Ibrahim Kone")]


REPORTS = {
    "wire.txt": "Army says bandit leader killed in Zamfara raid\n\n"
    "GUSAU, June 3, 2025 - The Nigerian army said on Tuesday that the bandit leader Dogo Gide was killed in a "
    "raid on his camp in the Tsafe forest.\n",
    "radio.txt": "Bandits deny leader killed\n\n"
    "SOKOTO, June 4, 2025 - A spokesman for the gang denied that Dogo Gide was killed in the raid on the camp "
    "in the Tsafe forest, calling the army's claim propaganda.\n",
}


@pytest.fixture(scope="module")
def listed(fact_disputes_of):
    return fact_disputes_of(REPORTS)[0]


def test_an_assertion_and_its_rejection_by_another_outlet_are_a_fact_dispute(listed):
    fates = [d for d in listed if d["measure"] == "life status"]
    assert len(fates) == 1, [(d["measure"], d["label"]) for d in listed]
    values = {v["value"]: v for v in fates[0]["values"]}
    assert set(values) == {"dead", "not dead"} and "Dogo Gide" in fates[0]["label"]
    assert "denied that Dogo Gide was killed" in values["not dead"]["text"]


def test_a_rejection_no_other_claim_can_meet_is_not_parsed():
    """The parse (and the parser's loading) is spent only on a rejection whose values another claim of the
    run could oppose: one of its slot, said of a shared name word, from another voice."""
    from claimgraph.link.disputes import rejections
    from claimgraph.link.disputes.facts import _rejection_reach, fact_values
    from claimgraph.link.propositions import load_config as proposition_config

    denial = {
        "claim_id": "c1", "text": "A spokesman for the gang denied that Dogo Gide was killed in the raid.", "start": 0,
        "speaker_start": 0, "speaker_end": 24, "speaker_text": "A spokesman for the gang", "cue": "denied",
        "status": "denied", "polarity": "negative", "quantities": [], "site": "radio.example",
    }  # fmt: skip
    reach = _rejection_reach(denial, load_slots(), load_config())
    assert reach[("life status", "gide")] == {"dead", "not:dead"} and ("life status", "spokesman") not in reach
    other = {
        "claim_id": "c2", "text": "The army said the commander Bello Turji was killed in Zamfara.", "start": 0,
        "speaker_start": 0, "speaker_end": 8, "speaker_text": "The army", "cue": "said", "status": "asserted",
        "stance": "affirms", "polarity": "positive", "quantities": [], "site": "wire.example",
    }  # fmt: skip
    rejections._parse.cache_clear()
    assert fact_values(None, [denial, other], load_config(), proposition_config()) == ([], [])
    assert rejections._parse.cache_info().misses == 0  # Bello Turji's fate is no answer to Dogo Gide's


def test_the_rejection_parse_is_the_shared_parse_of_the_whole_text():
    """``rejections._parse`` makes its doc apart from the document parses ``parse_spans`` keeps (so that a
    worker's claims stage drops none of them), and it is the doc ``parse_spans`` makes of the text."""
    from claimgraph.events.parse import parse_spans
    from claimgraph.link.disputes import rejections

    texts = [
        "A spokesman for the gang denied that Dogo Gide was killed in the raid on the camp.",
        "The ministry rejected claims that the woman held in Izmir is the wife of Abu Talha.",
        "THE GROUP DENIED REPORTS THAT ITS LEADER WAS CAPTURED NEAR THE BORDER.",  # read as its lower case
    ]
    for text in texts:
        rejections._parse.cache_clear()
        own, shared = rejections._parse(text), parse_spans(text, [(0, len(text))])[0]
        assert [(t.text, t.tag_, t.dep_, t.head.i) for t in own] == [(t.text, t.tag_, t.dep_, t.head.i) for t in shared]


def test_the_claims_stage_stores_what_the_rejection_gives(tmp_path):
    """A rejecting claim carries its values from the claims stage (``with_rejections``, migration 016), the
    values the disputes step would read over the parse; any other claim carries none."""
    from claimgraph.link.disputes.facts import _stored_rejections
    from claimgraph.runner import run
    from claimgraph.settings import Settings
    from claimgraph.store import Store

    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config, slots = load_config(), load_slots()
    with Store(tmp_path / "store.duckdb") as store:
        run([str(tmp_path / n) for n in sorted(REPORTS)], store, Settings.defaults())
        docs = [r["id"] for r in store.query("SELECT id FROM documents")]
        claims = store.disputes.polar_claims(docs, sorted(config.affirm_statuses), sorted(config.deny_statuses))
    denials = [c for c in claims if c["status"] in config.deny_statuses]
    assert denials and all(c["rejected_values"] is None for c in claims if c not in denials)
    by_name = {s.name: s for s in slots}
    for c in denials:
        stored = _stored_rejections(c["rejected_values"], by_name)
        assert stored == claim_values({**c, "rejected_values": None}, slots, config)
    assert any(v == "not:dead" for c in denials for _, v, _, _ in _stored_rejections(c["rejected_values"], by_name))
