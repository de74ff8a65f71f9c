"""Cross-document co-reference rules (claimgraph.events.clusters), on the example scenario's E5 strike."""

from claimgraph.events.clusters import EventReport, cluster_events


def report(event_id, doc_id, type_="AIR_STRIKE", place="geonames:tsowkey", admin1="AF-KNR", date="2025-03-19",
           actor1=None, event_type="Explosions/Remote violence", doc_date="2025-03-19"):
    return EventReport(event_id, doc_id, type_, event_type, place, admin1, "AF", actor1, None, date, date, doc_date)


def test_reports_of_one_strike_share_a_cluster_and_a_lone_report_gets_none():
    reports = [report("a:e0", "a"), report("b:e3", "b", place="AF-KNR", date=None),  # undated: its document's date
               report("c:e1", "c", date="2025-03-20"),  # a day's lag is the same event
               report("d:e0", "d", date="2025-02-01")]  # six weeks earlier: another strike
    clusters = cluster_events(reports)
    assert clusters["a:e0"] == clusters["b:e3"] == clusters["c:e1"] == "c:a:e0"
    assert "d:e0" not in clusters


def test_conflicting_perpetrators_or_countries_are_different_events():
    assert cluster_events([report("a:e0", "a", actor1="united-states"), report("b:e0", "b", actor1="pakistan")]) == {}
    other_country = EventReport("b:e0", "b", "AIR_STRIKE", "Explosions/Remote violence", "geonames:bajaur", "PK-KP",
                                "PK", None, None, "2025-03-19", "2025-03-19", "2025-03-19")
    assert cluster_events([report("a:e0", "a"), other_country]) == {}


def test_a_general_type_joins_a_specific_one_of_its_acled_group_but_statements_never_cluster():
    bombing = report("a:e0", "a", type_="SUIC_BOMB", place="AF-NAN", admin1="AF-NAN")
    general = report("b:e0", "b", type_="REM_EXPLOS", place="AF-NAN", admin1="AF-NAN")
    assert set(cluster_events([bombing, general])) == {"a:e0", "b:e0"}
    denials = [report(f"{d}:e0", d, type_="DENY", event_type="Statements") for d in "ab"]
    assert cluster_events(denials) == {}


def test_a_hypothetical_event_joins_no_cluster():
    import dataclasses

    planned = dataclasses.replace(report("b:e0", "b"), modality="hypothetical")  # "a strike would follow"
    assert cluster_events([report("a:e0", "a"), planned]) == {}
