"""The attackers' own dead are a dispute of their own, whoever counts them (issue 16.2): a voice that counts
the attackers apart gives its other counts of the victims; the attackers' dead are one count however they
are named ("35 terrorists", "six of the group's fighters"); and an official count of them is a party's, no
update of the group's own count. An armed group allied with a state fights on the forces' side, and a bound
written with a negation ("no more than 1,500") denies nothing. Synthetic values written for this test (Chad,
Uganda, Yemen, Iraq), none from bench/data/side_stories.yaml."""

from __future__ import annotations

from claimgraph.entities.ontology import load_cached
from claimgraph.link.disputes import _actor_type, _tolls
from claimgraph.link.disputes.values import Value, _negated_by_own_qualifier


def _value(number, group, *, source, date="2026-03-02", speaker=None, actor=None, official=False, high=None):
    return Value(
        block="c:raid",
        label="attack in Ngouboua, 2026-03-01",
        measure="killed",
        group=group,
        doc_id=source,
        source=source,
        value=str(number),
        low=float(number),
        high=float(number) if high is None else high,
        qualifier="exact",
        speaker=speaker or source,
        speaker_actor=actor,
        official=official,
        cue="said",
        text=f"{number} were killed.",
        date=date,
        firmness=0.7,
    )


def test_a_voice_counting_the_attackers_apart_gives_its_totals_of_the_victims():
    values = [
        _value(60, None, source="Lake Wire", speaker="the group", actor="boko-haram"),
        _value(4, "militants", source="Lake Wire", speaker="the group", actor="boko-haram"),
        _value(9, None, source="N'Djamena Post", speaker="the army"),
        _value(40, "militants", source="N'Djamena Post", speaker="the army"),
    ]
    found = _tolls(values)
    victims = {v.value for v in found[("c:raid", "killed")][0]}
    attackers = {v.value for v in found[("c:raid", "killed", "militants")][0]}
    assert victims == {"60", "9"} and attackers == {"4", "40"}
    assert found[("c:raid", "killed")][1]["conflict"] and found[("c:raid", "killed", "militants")][1]["conflict"]


def test_the_attackers_dead_are_one_count_however_named():
    values = [
        _value(3, "soldiers", source="A"),
        _value(35, "militants", source="State TV", official=True),
        _value(6, "adf", source="Monitor"),
    ]
    found = _tolls(values, load_cached())
    attackers = found[("c:raid", "killed", "militants")]
    assert {v.value for v in attackers[0]} == {"35", "6"} and attackers[1]["conflict"]


def test_an_official_count_of_the_attackers_is_no_update_of_the_groups_own():
    values = [
        _value(5, "soldiers", source="Army statement", date="2026-03-02", official=True),
        _value(2, "militants", source="Group channel", date="2026-03-01", actor="houthis"),
        _value(50, "militants", source="Army statement", date="2026-03-02", official=True),
    ]
    attackers = _tolls(values)[("c:raid", "killed", "militants")]
    assert attackers[1]["conflict"] and not attackers[1]["updates"]
    assert {v.role for v in attackers[0]} == {"value"}


def test_a_state_allied_armed_groups_dead_are_the_forces():
    ontology = load_cached()
    assert ontology.armed_side("vdp") == "forces" and ontology.armed_side("jnim") == "militants"
    assert _actor_type("vdp", ontology) == "state_auxiliary"
    found = _tolls([_value(7, "vdp", source="A"), _value(12, "soldiers", source="B")], ontology)
    assert list(found) == [("c:raid", "killed")]


def test_a_bound_written_with_a_negation_denies_nothing():
    sentence = "The insurgents number no more than 1,500 today, the governor said."
    figure = {"text": "no more than 1,500", "sentence": sentence, "start": 21, "sentence_start": 0}
    assert _negated_by_own_qualifier(figure)
    denied = "The governor denied that no more than 1,500 insurgents remain."
    other = {"text": "no more than 1,500", "sentence": denied, "start": 27, "sentence_start": 0}
    assert not _negated_by_own_qualifier(other)


def test_a_strength_naming_no_group_is_the_group_its_incident_names(tmp_path):
    import json

    from click.testing import CliRunner

    from claimgraph.cli import main

    reports = [
        {
            "site": "Chad Ministry of Defence (communique)",
            "date": "2025-09-16",
            "title": "Communique on the Kaiga attack",
            "text": "On Sunday 14 September 2025 an army post in Kaiga Kindjiria was attacked by terrorists, who were "
            "repelled. The terrorists left on the islands of the lake are now fewer than 300, the ministry said.",
        },
        {
            "site": "Lake Chad Courier",
            "date": "2025-09-15",
            "title": "Army post attacked in Kaiga Kindjiria",
            "text": "Gunmen attacked an army post in Kaiga Kindjiria on Sunday 14 September 2025. Boko Haram claimed "
            "the attack on Monday.",
        },
        {
            "site": "Sahel Studies Review",
            "date": "2025-09-30",
            "title": "Boko Haram on the lake",
            "text": "Boko Haram is believed to have some 2,000 fighters on the islands of Lake Chad, researchers say.",
        },
    ]
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    db = str(tmp_path / "store.duckdb")
    ran = CliRunner().invoke(main, ["run", str(corpus), "--db", db, "--workers", "1", "--mode", "fast"])
    assert ran.exit_code == 0, ran.output
    shown = CliRunner().invoke(main, ["disputes", "--db", db, "--kind", "figures", "--json"])
    strengths = [d for d in json.loads(shown.output) if d["measure"] == "strength"]
    assert [d["label"] for d in strengths] == ["strength: boko-haram"]
    assert {v["value"] for v in strengths[0]["values"]} == {"fewer than 300", "some 2,000 fighters"}
