"""A perpetrator dispute compares doers of one act (issue 16.2, link/disputes/acts.py): the attackers' raid and the
army's counter-attack, one side's seizure of a town and the other side's losses are different acts of one event
cluster, and their doers are no rival doers; a backer or an ally named beside the doer is no doer, and a report
naming a coalition is no rival of one naming one of its members. Two doers of one act (the massacre of the
villagers) stay a dispute, however each side calls the victims. Values and sentences written for this test
(Syria, Libya, Burkina Faso, Somalia, Sudan, Cameroon, Nigeria), none from bench/data/act_stories.yaml."""

from __future__ import annotations

from claimgraph.entities.ontology import load_cached
from claimgraph.link.disputes import _facts
from claimgraph.link.disputes.acts import TERRITORY, VIOLENCE, Act, act_of, apart, by_act, words_side
from claimgraph.link.disputes.perpetrators import backer_named, co_doers, doer_key, perpetrator_key
from claimgraph.link.disputes.values import FIELDS, Value

BLOCK = "c:raid"


def _value(key, act, *, source, value=None, allies=()):
    return Value(
        block=BLOCK,
        label="attack in Djibo, 2026-02-01",
        measure="perpetrator",
        group=None,
        doc_id=source,
        source=source,
        value=value or key,
        key=key,
        qualifier="stated",
        speaker=source,
        text="...",
        date="2026-02-02",
        firmness=0.7,
        act=act,
        allies=allies,
    )


def _disputed(values):
    """{dispute key: the doers of a conflicting dispute} as ``_facts`` splits and compares them."""
    found = _facts(values, load_cached())
    return {key: sorted(v.key for v in vs) for key, (vs, summary) in found.items() if summary["conflict"]}


ARMY_KILLS_JNIM = Act(VIOLENCE, "militants", "jnim", "forces")
JNIM_KILLS_SOLDIERS = Act(VIOLENCE, "forces", "burkina-faso", "militants")


def test_a_counter_attack_is_no_rival_doer():
    values = [
        _value("jnim", JNIM_KILLS_SOLDIERS, source="Sahel Wire"),
        _value("burkina-faso", ARMY_KILLS_JNIM, source="AIB"),
    ]
    assert apart(values[0], values[1], load_cached())
    assert _disputed(values) == {}


def test_a_seized_town_and_the_other_sides_losses_are_two_acts():
    values = [
        _value("rsf", Act(TERRITORY, doer_side="militants"), source="Darfur Desk"),
        _value("sudan", Act(VIOLENCE, "militants", "rsf", "forces"), source="SAF statement"),
    ]
    split, main = by_act(values, load_cached())
    assert sorted(name for name, _ in split) == ["militants", TERRITORY]
    assert _disputed(values) == {}


def test_two_doers_of_one_massacre_stay_a_dispute_however_the_victims_are_called():
    # the group's own outlet calls the villagers it killed a militia; the governor calls them civilians
    values = [
        _value("is-sahel", Act(VIOLENCE, "forces", "text:militia", "militants"), source="Amaq"),
        _value("jnim", Act(VIOLENCE, "civilians", None, "militants"), source="Governor"),
        _value("burkina-faso", ARMY_KILLS_JNIM, source="AIB"),  # the pursuit of the attackers: another act
    ]
    assert _disputed(values) == {(BLOCK, "perpetrator"): ["is-sahel", "jnim"]}


def test_a_claim_of_no_known_act_joins_the_act_most_sources_tell():
    values = [
        _value("is-sahel", Act(None), source="Amaq"),  # "IS claimed the attack": no act of it read
        _value("jnim", Act(VIOLENCE, "civilians", None, "militants"), source="Governor"),
        _value("jnim", Act(VIOLENCE, "civilians", None, "militants"), source="Radio Omega"),
        _value("burkina-faso", ARMY_KILLS_JNIM, source="AIB"),
    ]
    assert _disputed(values) == {(BLOCK, "perpetrator"): ["is-sahel", "jnim", "jnim"]}


def test_an_attack_on_unnamed_victims_is_not_the_act_that_struck_its_doers_side():
    # "the mujahideen attacked a village" (no victims read) beside "the army killed 20 militants"
    values = [
        _value("al-shabaab", Act(VIOLENCE, None, None, "militants"), source="Shahada"),
        _value("somalia", Act(VIOLENCE, "militants", None, "forces"), source="SONNA"),
        _value("somalia", Act(VIOLENCE, "militants", None, "forces"), source="Hiiraan"),
    ]
    assert _disputed(values) == {}
    # a doer of neither side (unlinked words) may be the same act's
    values[0] = _value("text:clan militia", Act(VIOLENCE, None, None, None), source="Radio Kulmiye")
    assert _disputed(values) == {(BLOCK, "perpetrator"): ["somalia", "somalia", "text:clan militia"]}


def test_an_act_of_another_name_is_its_own_dispute_and_says_so():
    values = [
        _value("jnim", JNIM_KILLS_SOLDIERS, source="Sahel Wire"),
        _value("is-sahel", JNIM_KILLS_SOLDIERS, source="Amaq"),
        _value("burkina-faso", ARMY_KILLS_JNIM, source="AIB"),
        _value("burkina-faso", ARMY_KILLS_JNIM, source="RTB"),
        _value("burkina-faso", ARMY_KILLS_JNIM, source="Ouaga Matin"),
    ]
    found = _facts(values, load_cached())
    ours = found[(BLOCK, "perpetrator", "forces")]
    assert ours[1]["conflict"] and ours[0][0].label.endswith("(against security forces)")
    assert not found[(BLOCK, "perpetrator")][1]["conflict"]


def test_a_coalition_is_no_rival_of_its_member():
    sentence = "The statement said the coalition LNA-Wagner shelled the outskirts of Tripoli on Monday."
    allies = co_doers(sentence, "Wagner", sentence.index("shelled"), "wagner")
    assert allies == ("lna",)
    values = [
        _value("wagner", Act(VIOLENCE, "civilians"), source="Tripoli Post", allies=allies),
        _value("lna", Act(VIOLENCE, "civilians"), source="GNU statement"),
    ]
    assert _disputed(values) == {}


def test_names_joined_by_and_in_the_subject_are_one_doer_not_an_accusation_and_a_claim():
    sentence = "Houthi and Hezbollah fighters fired rockets at the port."
    assert co_doers(sentence, "Houthi", sentence.index("fired"), "houthis") == ("hezbollah",)
    sentence = "Police blamed al-Shabaab and ISIS-Somalia claimed the attack."
    assert co_doers(sentence, "al-Shabaab", sentence.index("blamed"), "al-shabaab") == ()


def test_a_backer_or_an_ally_is_no_doer():
    sentence = "With the support of Turkish drones, the rebels seized the village of Tal Rifaat."
    assert backer_named(sentence, "Turkish drones", sentence.index("seized"))
    sentence = "The army and allied Wagner mercenaries shelled the town."
    assert backer_named(sentence, "Wagner mercenaries", sentence.index("shelled"))
    sentence = "Iran-backed fighters attacked a US base in Syria."
    assert backer_named(sentence, "Iran", sentence.index("attacked"))
    sentence = "Allied Democratic Forces rebels killed 12 villagers near Oicha."  # a name, not an ally
    assert not backer_named(sentence, "Allied Democratic Forces", sentence.index("killed"))


def test_an_act_reads_its_victims_side():
    ontology = load_cached()

    def row(type_, actor2=None, actor2_text=None, sentence="", claims_event=None, id_="e1"):
        return {
            "event_id": id_,
            "type": type_,
            "actor2": actor2,
            "actor2_text": actor2_text,
            "sentence": sentence,
            "claims_event": claims_event,
        }

    assert act_of(row("ATTACK", actor2_text="the army base"), {}, (), ontology).target == "forces"
    assert act_of(row("ATTACK", actor2_text="a displaced persons camp"), {}, (), ontology).target == "civilians"
    assert act_of(row("ATTACK", actor2="arakan-army"), {}, (), ontology).target == "militants"
    assert act_of(row("ATTACK"), {}, ("soldiers",), ontology).target == "forces"  # from its toll's victims
    assert act_of(row("NON_STATE_ACTOR_OVERTAKES_TER", actor2_text="town"), {}, (), ontology).family == TERRITORY
    # a claim tells the act it is tied to; with none read, an act of no known family
    act = row("AIR_STRIKE", actor2_text="villagers", id_="e0")
    claim = row("ATTRIB", claims_event="e0")
    assert act_of(claim, {"e0": act}, (), ontology).target == "civilians"
    assert act_of(row("ATTRIB"), {}, (), ontology).family is None
    # an ally the parse took for the second party is no victim
    sentence = "Sudanese troops and allied Joint Force fighters shelled Nyala."
    assert (
        act_of(
            row("ART_MISS_ATTACK", actor2_text="allied Joint Force fighters", sentence=sentence), {}, (), ontology
        ).target
        is None
    )
    assert words_side("our positions") is None


def test_an_act_is_never_stored():
    assert "act" not in FIELDS and "allies" not in FIELDS


def test_a_generic_doer_of_a_named_group_is_the_group():
    sentence = "Ten farmers were killed near Bamenda by fighters of the Ambazonia Defence Forces, the governor said."
    row = {
        "type": "ATTACK",
        "actor1": None,
        "actor1_text": "fighters",
        "sentence": sentence,
        "trigger_start": sentence.index("killed"),
        "sentence_start": 0,
    }
    assert doer_key(row) == perpetrator_key(None, "Ambazonia Defence Forces") == "ambazonia-defence-forces"
    # victims' words are no doer, whoever they belong to
    sentence = "Residents of Benin City attacked the police station."
    row |= {"actor1_text": "Residents", "sentence": sentence, "trigger_start": sentence.index("attacked")}
    assert doer_key(row) is None
