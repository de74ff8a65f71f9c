"""Place and perpetrator disputes only where the sources cannot all be right (issue 16.2): nested
places, places one outlet names together, two unlinked doers and a hedged name ("suspected X") are
no dispute; two provinces and an unlinked name against a linked group are, with the accounts counted
as they are listed. Multi-report inputs: tests/fixtures/disputes_nested/reports.yaml (synthetic)."""

from __future__ import annotations

import pytest
import yaml

from claimgraph.link.disputes import _facts
from claimgraph.link.disputes.perpetrators import perpetrator_key, shown_as
from claimgraph.link.disputes.values import Value


def _incidents(fixtures_dir):
    return yaml.safe_load((fixtures_dir / "disputes_nested" / "reports.yaml").read_text(encoding="utf-8"))["incidents"]


def _value(incident: dict, n: int, report: dict) -> Value | None:
    """A report's value as values._facts_of gives it."""
    v = Value(
        block=incident["name"],
        label=incident["name"],
        measure=incident["measure"],
        group=None,
        doc_id=f"d:{n}",
        source=report["source"],
        value="",
        speaker=report["speaker"] or report["source"],
        text=report["sentence"],
        firmness=0.8,
    )
    if incident["measure"] == "place":
        place = report["place"]
        v.value, v.key = place["name"], place["id"]
        v.qualifier = "|".join(x or "" for x in (place["country"], place["admin1"]))
    else:
        doer = report["doer"]
        v.key = perpetrator_key(doer["actor"], doer["text"])
        v.value = shown_as(doer["actor"], doer["text"])
        if v.key is None:
            return None
    return v


def _summary(incident: dict) -> dict:
    values = [_value(incident, n, r) for n, r in enumerate(incident["reports"])]
    found = _facts([v for v in values if v is not None])
    return found[(incident["name"], incident["measure"])][1]


@pytest.mark.parametrize("index", range(6))
def test_a_dispute_only_where_the_reports_cannot_all_be_right(fixtures_dir, index):
    incident = _incidents(fixtures_dir)[index]
    summary = _summary(incident)
    if incident["dispute"] is False:
        assert not summary["conflict"], (incident["name"], summary["why"])
    else:
        assert summary["conflict"], incident["name"]
        assert f"give {incident['dispute']} accounts" in summary["why"], summary["why"]


def test_a_place_that_takes_no_side_is_not_listed_as_an_account(fixtures_dir):
    # "Burkina Faso" is compatible with Djibo and with Kaya: it is neither side of the dispute
    incident = next(i for i in _incidents(fixtures_dir) if "Burkina Faso" in i["name"])
    why = _summary(incident)["why"]
    assert "2 independent sources give 2 accounts" in why
    assert "Djibo: Sahel Dispatch" in why and "Kaya: Ouaga Matin" in why
    assert "West Africa Wire" not in why.partition("; score")[0]


def test_a_hedged_name_is_the_name():
    assert perpetrator_key(None, "suspected Lakurawa") == perpetrator_key(None, "Lakurawa")
    assert perpetrator_key(None, "the alleged Lakurawa") == perpetrator_key(None, "Lakurawa")
    # an unlinked phrase naming an ontology actor before its generic word is that actor
    assert perpetrator_key(None, "presumed al-Shabaab militants") == "al-shabaab"
    # a phrase that names no one stays no value, hedged or not
    assert perpetrator_key(None, "suspected gunmen") is None
    assert perpetrator_key(None, "armed men") is None


def test_a_users_actor_and_its_parent_are_one_doer(fixtures_dir):
    # doers are compared by the store's run's actors (its --ontology files), not the shipped ones alone
    from claimgraph.entities.ontology import load_cached
    from claimgraph.link.disputes import _doers_compatible

    files = (str(fixtures_dir / "disputes_nested" / "user_actors.yaml"),)
    ontology = load_cached(files)
    block = "raid on a fishing camp near Baga"

    def doer(n, source, actor, text):
        v = Value(block, block, "perpetrator", None, f"d:{n}", source, text, speaker=source, firmness=0.8)
        v.key = perpetrator_key(actor, text, ontology)
        return v

    values = [
        doer(0, "Lake Chad Monitor", "lake-islands-brigade", "the Lake Islands Brigade"),
        doer(1, "Borno Daily", "iswap", "ISWAP"),
    ]
    assert perpetrator_key(None, "suspected Tumbun Brigade fighters", ontology) == "lake-islands-brigade"
    assert _doers_compatible(*values, ontology)
    assert not _facts(values, ontology)[(block, "perpetrator")][1]["conflict"]
    assert _facts(values)[(block, "perpetrator")][1]["conflict"]  # the shipped actors alone cannot tell
