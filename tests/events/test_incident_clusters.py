"""One incident, one cluster; two incidents, two clusters (issue 16.1, events/coref.py, events/clusters.py): a
headline or a statement naming two incidents bridges neither, a headline takes its body's days, an undated report
never bridges two incidents of one town days apart, a report tied back to an incident ("over the X bombing") joins
it days later. Reports written for these tests (South Sudan, Burkina Faso, Mozambique, Niger)."""

import dataclasses

import pytest

from claimgraph.events.clusters import EventReport, cluster_events
from claimgraph.events.coref import Coref


def report(event_id, doc_id, sentence, *, place=None, location=None, date=None, doc_date="2025-06-10", **more):
    return EventReport(
        event_id, doc_id, more.pop("type_", "ATTACK"), "Violence against civilians", place, "SS-UN" if place else None,
        "SS", None, None, date, date, doc_date, sentence=sentence, date_precision="day" if date else None,
        location=location, **more,
    )  # fmt: skip


@pytest.fixture(scope="module")
def coref():
    return Coref()


def test_a_statement_naming_two_incidents_bridges_neither(coref):
    bentiu = report(
        "a:e0", "a", "Gunmen attacked a cattle camp near Bentiu on Sunday, killing 14 herders, officials said.",
        place="geonames:1", location="Bentiu", date="2025-06-08",
    )  # fmt: skip
    leer = report(
        "b:e0", "b", "Shells struck the market in Leer on Monday, killing six traders, witnesses said.",
        place="geonames:2", location="Leer", date="2025-06-09", type_="ART_MISS_ATTACK",
    )  # fmt: skip
    title = "Statement on the Bentiu cattle camp attack and the Leer market shelling"
    both = report("c:e0", "c", title, place="geonames:2", location="Leer", trigger_offset=title.index("shelling"))
    [m] = coref.mentions([both])
    assert m.several and "bentiu" not in m.names  # its own part's names: the Leer market shelling
    clusters = cluster_events([bentiu, leer, both], coref)
    assert "a:e0" not in clusters or clusters["a:e0"] != clusters.get("b:e0")


def test_one_place_named_twice_is_not_two_incidents(coref):
    text = "Gunmen attacked Bentiu and burned homes in Bentiu's market, killing nine."
    [m] = coref.mentions([report("a:e0", "a", text, place="geonames:1", location="Bentiu", trigger_offset=7)])
    assert not m.several


def test_a_headline_takes_the_days_its_body_gives(coref):
    head = report("a:e0", "a", "Attack on Djibo army base", place="geonames:3", location="Djibo", doc_date="2025-06-12")
    body = report(
        "a:e1", "a", "Jihadists attacked the army base in Djibo on Monday, killing 15 soldiers.",
        place="geonames:3", location="Djibo", date="2025-06-09", doc_date="2025-06-12",
    )  # fmt: skip
    m, _ = coref.mentions([head, body])
    assert [str(d) for d in m.days] == ["2025-06-09", "2025-06-09"] and not m.undated  # dates its cluster too


def test_an_undated_report_never_bridges_two_incidents_of_one_town_days_apart(coref):
    base = report(
        "a:e0", "a", "Jihadists attacked the army base in Djibo on Monday, killing 15 soldiers.",
        place="geonames:3", location="Djibo", date="2025-06-09", doc_date="2025-06-09",
    )  # fmt: skip
    water = report(
        "b:e0", "b", "Jihadists killed four women fetching water outside Djibo on Thursday.",
        place="geonames:3", location="Djibo", date="2025-06-12", doc_date="2025-06-12",
    )  # fmt: skip
    statement = report(
        "c:e0", "c", "Our fighters attacked the enemy in Djibo and killed many of them.",
        place="geonames:3", location="Djibo", doc_date="2025-06-11",
    )  # fmt: skip
    clusters = cluster_events([base, water, statement], coref)
    assert "c:e0" in clusters and clusters.get("a:e0") != clusters.get("b:e0")


def test_an_arrest_over_the_bombing_days_later_joins_the_bombing(coref):
    coref = Coref(dataclasses.replace(coref.settings, lookback_days=14))  # the shipped setting keeps it off
    bombing = report(
        "a:e0", "a", "A bomb exploded at the Kaga fish market on Sunday, killing seven people, police said.",
        place="geonames:4", location="Kaga", date="2025-06-01", doc_date="2025-06-01", type_="REM_EXPLOS",
    )  # fmt: skip
    text = "Police said on Friday they had arrested three men over the Kaga fish market bombing."
    arrest = report(
        "b:e0", "b", text, place="geonames:4", location="Kaga", doc_date="2025-06-06", type_="REM_EXPLOS",
        trigger_offset=text.index("bombing"),
    )  # fmt: skip
    [m] = coref.mentions([arrest])
    assert coref.vague(m)  # it looks back, so it may join one cluster and bridge none
    clusters = cluster_events([bombing, arrest], coref)
    assert clusters.get("a:e0") == clusters.get("b:e0") is not None


def test_a_village_no_gazetteer_knows_written_as_the_place_is_its_site(coref):
    text = "An air strike destroyed a house in the village of Ngoyamba on Monday, killing three."
    m = coref.mentions([report("a:e0", "a", text, location="Ngoyamba", date="2025-06-09", type_="AIR_STRIKE")])[0]
    assert "ngoyamba" in coref.sites(m)


def test_a_list_of_one_events_places_is_not_two_incidents(coref):
    text = "Fighting raged in Malakal and northern Renk all day, the army said."
    [m] = coref.mentions([report("a:e0", "a", text, place="geonames:5", location="Malakal", trigger_offset=0)])
    assert not m.several


def test_an_incident_named_as_the_time_of_another_does_not_look_back(coref):
    text = "Shots were heard again in Pibor this morning, one week after the massacre."
    later = report("a:e0", "a", text, place="geonames:6", location="Pibor", trigger_offset=text.index("massacre"))
    [m] = coref.mentions([later])
    assert not coref.vague(m)  # its document's last days, as any undated report
