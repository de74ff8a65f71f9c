"""Cross-document co-reference rules (claimgraph.events.clusters), on the example scenario's E5 strike."""

import pytest

from claimgraph.events.clusters import EventReport, cluster_events
from claimgraph.runner import run
from claimgraph.store import Store


def report(
    event_id,
    doc_id,
    type_="AIR_STRIKE",
    place="geonames:tsowkey",
    admin1="AF-KNR",
    date="2025-03-19",
    actor1=None,
    event_type="Explosions/Remote violence",
    doc_date="2025-03-19",
):
    return EventReport(event_id, doc_id, type_, event_type, place, admin1, "AF", actor1, None, date, date, doc_date)


def test_reports_of_one_strike_share_a_cluster_and_a_lone_report_gets_none():
    reports = [
        report("a:e0", "a"),
        report("b:e3", "b", place="AF-KNR", date=None),  # undated: its document's date
        report("c:e1", "c", date="2025-03-20"),  # a day's lag is the same event
        report("d:e0", "d", date="2025-02-01"),
    ]  # six weeks earlier: another strike
    clusters = cluster_events(reports)
    assert clusters["a:e0"] == clusters["b:e3"] == clusters["c:e1"] == "c:a:e0"
    assert "d:e0" not in clusters


def test_conflicting_perpetrators_or_countries_are_different_events():
    assert cluster_events([report("a:e0", "a", actor1="united-states"), report("b:e0", "b", actor1="pakistan")]) == {}
    other_country = EventReport(
        "b:e0",
        "b",
        "AIR_STRIKE",
        "Explosions/Remote violence",
        "geonames:bajaur",
        "PK-KP",
        "PK",
        None,
        None,
        "2025-03-19",
        "2025-03-19",
        "2025-03-19",
    )
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


def _all_pairs_clusters(reports):
    """The definition: connected components of same_event over every pair (no blocking)."""
    from claimgraph.events.clusters import same_event

    parent = {r.event_id: r.event_id for r in reports}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for i, a in enumerate(reports):
        for b in reports[i + 1 :]:
            if a.event_type == b.event_type and a.event_type != "Statements" and same_event(a, b):
                ra, rb = find(a.event_id), find(b.event_id)
                parent[max(ra, rb)] = min(ra, rb)
    groups = {}
    for r in reports:
        groups.setdefault(find(r.event_id), []).append(r)
    return {r.event_id: "c:" + root for root, rs in groups.items() if len({x.doc_id for x in rs}) > 1 for r in rs}


def test_the_date_sweep_finds_what_comparing_every_pair_finds():
    import random

    rng = random.Random(3)
    places = [("geonames:tsowkey", "AF-KNR"), ("AF-KNR", "AF-KNR"), ("geonames:jalalabad", "AF-NAN"), ("AF", None)]
    reports = []
    for i in range(300):
        place, admin1 = rng.choice(places)
        day = f"2025-03-{rng.randint(1, 28):02d}"
        end = f"2025-03-{min(28, int(day[-2:]) + rng.choice((0, 0, 3))):02d}"
        reports.append(
            EventReport(
                f"d{i % 60}:e{i}",
                f"d{i % 60}",
                rng.choice(("AIR_STRIKE", "REM_EXPLOS")),
                "Explosions/Remote violence",
                place,
                admin1,
                "AF",
                rng.choice((None, None, "united-states", "pakistan")),
                None,
                rng.choice((day, None)),
                end,
                rng.choice((day, None)),
            )
        )
    assert cluster_events(reports) == _all_pairs_clusters(reports)


@pytest.fixture(scope="module")
def strike_stores(tmp_path_factory, examples_dir):
    """Reports of the Surkhrod bombing and the Kunar strike stored in two runs (each run clusters
    only its new events) and the same documents in one run."""
    files = [
        str(examples_dir / name)
        for name in (
            "kabul_ledger_surkhrod_bombing.txt",
            "eastern_horizon_kunar_drone_strike.html",
            "khyber_dispatch_surkhrod_wire.html",
            "moi_statement_surkhrod_dari.txt",
            "balkh_tribune_surkhrod_wire_republished.html",
        )
    ]
    root = tmp_path_factory.mktemp("clusters")
    with Store(root / "two.duckdb") as store:
        run(files[:2], store, workers=1)
        run(files, store, workers=1)
    with Store(root / "one.duckdb") as store:
        run(files, store, workers=1)
    return root / "two.duckdb", root / "one.duckdb"


def test_clustering_new_events_run_by_run_equals_clustering_everything(strike_stores):
    two, one = strike_stores
    with Store(two) as store:
        incremental = {r["id"]: r["cluster_id"] for r in store.query("SELECT id, cluster_id FROM events")}
        everything = cluster_events(store.events.reports())
    with Store(one) as store:
        single = {r["id"]: r["cluster_id"] for r in store.query("SELECT id, cluster_id FROM events")}
    assert {e: c for e, c in incremental.items() if c} == everything == {e: c for e, c in single.items() if c}
    assert len(set(everything.values())) >= 1  # the bombing's reports do form a cluster
