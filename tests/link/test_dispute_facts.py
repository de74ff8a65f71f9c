"""Disputed facts outside events (link/disputes/facts.py): value slots read from claims, and two
reports giving one person's fate or family tie values that cannot both be true, through `claimgraph
run` and `claimgraph disputes --kind facts`. The reports are written here (synthetic, not from any dev
set)."""

from __future__ import annotations

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.link.disputes.config import load_config
from claimgraph.link.disputes.facts import claim_values, is_counted, load_slots, slot_values


def _values(text: str) -> dict[str, str]:
    return {slot.name: cls for slot, cls, _ in slot_values(text, load_slots(), counted=is_counted({"text": text}))}


def _held(text: str, **claim) -> list[tuple[str, str, str]]:
    """(slot, value, name it is said of) of a claim that affirms ``text``."""
    row = {"text": text, "stance": "affirms", "status": "asserted", "polarity": "positive", "quantities": [], **claim}
    return [(s.name, v, who[0]) for s, v, _, who in claim_values(row, load_slots(), load_config())]


def test_a_claim_gives_one_value_of_a_slot_and_the_rest_is_masked():
    found = slot_values("Police said the rebel leader was killed in the raid.", load_slots(), counted=False)
    assert [(s.name, cls) for s, cls, _ in found] == [("life status", "dead")]
    assert found[0][2] == "Police said the rebel leader was in the raid."


def test_values_that_can_hold_together_are_one_value_and_exclusive_ones_none():
    assert _values("The mayor was wounded but survived the ambush.") == {"life status": "alive+injured"}
    assert _values("The commander was killed or captured in the raid.") == {}
    assert _values("The man detained is the nephew of the governor.")["kinship"] == "nephew"
    assert _values("The man detained is the nephew of the governor.")["life status"] == "captured"
    assert _values("He is not dead, his brother says.")["life status"] == "not:dead"
    assert _values("The colonel hasn't been captured.")["life status"] == "not:captured"


def test_a_toll_states_no_ones_fate_but_a_date_is_no_count():
    assert _values("The strike killed 30 people in the market.") == {}
    assert _values("On 4 March 2025 the commander was reported alive.") == {"life status": "alive"}


def test_a_value_is_said_of_the_name_nearest_it_not_of_a_place_a_day_or_the_speaker():
    assert _held("Rebel leader Joseph Kony was killed near Obo on Monday.") == [("life status", "dead", "Joseph Kony")]
    # the detention is the woman's, far from the leader's name; the tie is the leader's
    text = "Officials said a woman detained at the border last week is the wife of the militia leader Musa Adamu."
    assert _held(text, start=0, speaker_start=0, speaker_end=9) == [("kinship", "wife", "Musa Adamu")]
    # the toll of farmers is no one's fate; the commander's survival is his
    text = "The group said its commander Ali Dawud is alive and that the raid in Bama killed only farmers."
    assert _held(text) == [("life status", "alive", "Ali Dawud")]


def test_exclusive_pairs_are_the_files():
    life = next(s for s in load_slots() if s.name == "life status")
    assert life.conflict("dead", "alive") and life.conflict("alive+injured", "dead")
    assert not life.conflict("alive", "injured") and not life.conflict("captured", "alive")
    assert life.conflict("not:dead", "dead") and not life.conflict("not:dead", "alive")
    kin = next(s for s in load_slots() if s.name == "kinship")
    assert kin.conflict("son", "nephew") and not kin.conflict("son", "son")


def test_a_bad_slots_file_names_itself(tmp_path):
    bad = tmp_path / "slots.yaml"
    bad.write_text(
        "negations: [not]\nslots:\n  fate:\n    classes: {dead: [dead]}\n    exclusive: [[dead, undead]]\n",
        encoding="utf-8",
    )
    with pytest.raises(ClaimgraphError, match="slots.yaml"):
        load_slots(bad)


REPORTS = {
    "wire.txt": "Officials say militia commander Tomas Okello killed in air strike\n\n"
    "KAMPALA, May 12, 2025 - Army officials said on Monday that the militia commander Tomas Okello was "
    "killed in an air strike on a camp near Kitgum.\n",
    "radio.txt": "Militia says commander alive after Kitgum strike\n\n"
    "GULU, May 13, 2025 - A militia spokesman said the commander Tomas Okello is alive after the air strike "
    "on a camp near Kitgum.\n",
    "paper.txt": "Kitgum strike: commander dead, say officials\n\n"
    "LIRA, May 14, 2025 - Local officials said the militia commander Tomas Okello died in the air strike on "
    "a camp near Kitgum.\n",
}


@pytest.fixture(scope="module")
def listed(fact_disputes_of):
    return fact_disputes_of(REPORTS)


def test_dead_against_alive_is_a_fact_dispute_with_sources_speakers_and_sentences(listed):
    items, _ = listed
    fates = [d for d in items if d["measure"] == "life status"]
    assert len(fates) == 1, [(d["measure"], d["label"]) for d in items]
    d = fates[0]
    assert d["kind"] == "facts" and d["conflict"] and d["score"] > 0
    assert "Okello" in d["label"] and d["label"].startswith("life status: ")
    by_value = {}
    for v in d["values"]:
        by_value.setdefault(v["value"], []).append(v)
    assert set(by_value) == {"dead", "alive"}
    assert len(by_value["dead"]) == 2  # two outlets give the death, one the survival
    alive = by_value["alive"][0]
    assert "spokesman" in alive["speaker"] and "is alive after the air strike" in alive["text"]
    assert alive["sentence_end"] > alive["sentence_start"] >= 0


def test_the_terminal_listing_shows_value_speaker_and_sentence(listed):
    _, shown = listed
    assert "life status: Tomas Okello" in shown
    assert "- alive: A militia spokesman" in shown
    assert "was killed in an air strike on a camp near Kitgum" in shown


# -- perpetrators (link/disputes/perpetrators.py): one doer however it is written -------------------------


def test_aliases_a_province_and_a_groups_outlet_are_one_doer():
    from claimgraph.link.disputes.perpetrators import perpetrator_key, same_doer

    assert perpetrator_key("amaq", "its Amaq news agency") == "islamic-state"  # the outlet counts as its parent
    assert perpetrator_key("voice-of-khorasan", "Voice of Khorasan") == "iskp"  # an outlet of an outlet
    assert perpetrator_key("reuters", "Reuters") is None  # a news agency carries out no attack
    assert same_doer("iskp", "iskp") and same_doer("islamic-state", "iskp") and same_doer("aqap", "al-qaeda")
    assert not same_doer("iskp", "taliban") and not same_doer("iswap", "boko-haram")
    assert not same_doer("iskp", "text:criminals")


def test_a_vague_phrase_is_no_value_and_an_alternative_is_one():
    from claimgraph.link.disputes.perpetrators import TEXT, perpetrator_key

    for vague in ("the group", "gunmen", "unidentified attackers", "a suicide bomber", "its fighters", "the strike"):
        assert perpetrator_key(None, vague) is None, vague
    assert perpetrator_key(None, "criminals") == TEXT + "criminals"
    # a state force with no named owner is an unidentified party, never a side against a named actor (perpjunk)
    assert perpetrator_key(None, "the army") is None and perpetrator_key(None, "security forces") is None
    assert perpetrator_key(None, "a local militia") == TEXT + "local militia"


@pytest.fixture(scope="module")
def example_facts(tmp_path_factory, examples_store):
    import json

    from click.testing import CliRunner
    from stores import copy_store

    from claimgraph.cli import main

    # the session's run of the example corpus (tests/conftest.py), copied for this module
    db = str(copy_store(examples_store, tmp_path_factory.mktemp("examples")))
    shown = CliRunner().invoke(main, ["disputes", "--db", db, "--kind", "facts", "--json"])
    assert shown.exit_code == 0, shown.output
    return json.loads(shown.output)


def test_the_example_bombing_opposes_the_claimant_and_the_ministrys_criminals_not_its_names(example_facts):
    bombing = next(d for d in example_facts if d["measure"] == "perpetrator" and "ISKP" in str(d["values"]))
    values = [v["value"] for v in bombing["values"]]
    assert "criminals" in values
    assert "the group" not in values
    # ISKP's two names and its news agency are one account, so the accounts are at least two fewer than the values
    accounts = int(bombing["why"].split(" give ")[1].split()[0])
    assert {"ISKP", "Islamic State Khorasan Province", "Amaq"} <= set(values)
    assert accounts <= len(values) - 2
