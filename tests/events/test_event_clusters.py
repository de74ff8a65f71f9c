"""Cross-document co-reference (claimgraph.events.clusters, events/coref.py): reports of one incident
from several outlets form one cluster, other incidents stay apart; on reports written for these
tests (not the pair set that bench/quality_disputes.py measures) and the example scenario."""

import dataclasses
import json
import random
from datetime import timedelta

import pytest

from claimgraph.events.clusters import EventReport, cluster_events, cluster_sources, independent_sources
from claimgraph.events.coref import Coref, same_event
from claimgraph.runner import run
from claimgraph.store import Store

STRIKE = "A drone strike hit a compound in Chawkay district of Kunar, killing four people."


def report(
    event_id,
    doc_id,
    type_="AIR_STRIKE",
    place="geonames:1144905",
    admin1="AF-KNR",
    date="2025-03-19",
    actor1=None,
    event_type="Explosions/Remote violence",
    doc_date="2025-03-19",
    sentence=STRIKE,
    **more,
):
    return EventReport(
        event_id, doc_id, type_, event_type, place, admin1, "AF", actor1, None, date, date, doc_date,
        sentence=sentence, date_precision="day" if date else None, **more,
    )  # fmt: skip


@pytest.fixture(scope="module")
def coref():
    return Coref()


def test_compass_regions_read_the_gazetteer_co_reference_is_given():
    # the linking step builds one gazetteer for all its steps and passes it (runner.StoreWriter.link)
    from claimgraph.entities.places import Gazetteer

    held = Gazetteer.load()
    assert Coref(gazetteer=lambda: held).compass_regions.gazetteer is held


def test_reports_of_one_strike_share_a_cluster_and_a_strike_weeks_earlier_gets_none(coref):
    reports = [
        report("a:e0", "a"),
        report("b:e3", "b", place="AF-KNR", date=None, doc_date="2025-03-21"),  # undated: its document's week
        report("c:e1", "c", sentence="Four civilians died when a drone struck a house in Chawkay, Kunar."),
        report("d:e0", "d", date="2025-02-01", doc_date="2025-02-01"),
    ]
    clusters = cluster_events(reports, coref)
    assert clusters["a:e0"] == clusters["b:e3"] == clusters["c:e1"] == "c:a:e0"
    assert "d:e0" not in clusters


def test_the_same_town_on_another_day_is_another_incident(coref):
    monday = report("a:e0", "a", date="2025-03-17", doc_date="2025-03-17")
    next_monday = report("b:e0", "b", date="2025-03-24", doc_date="2025-03-24")
    assert not same_event(monday, next_monday, coref)


def test_a_reference_year_is_not_the_date_of_the_event(coref):
    """ "the deadliest since 2015": the report counts as undated (its document's week), not as 2015."""
    dated = report("a:e0", "a", date="2025-03-19")
    since = report("b:e0", "b", date="2015-01-01", doc_date="2025-03-20", date_text="since 2015")
    since = dataclasses.replace(since, date_end="2015-12-31", date_precision="year")
    assert same_event(dated, since, coref)
    in_2015 = dataclasses.replace(since, date_text="in 2015")  # a report of an incident of 2015
    assert not same_event(dated, in_2015, coref)


def test_conflicting_perpetrators_or_countries_are_different_events_but_an_outlet_is_no_perpetrator(coref):
    us, pk = report("a:e0", "a", actor1="united-states"), report("b:e0", "b", actor1="pakistan")
    assert not same_event(us, pk, coref)
    wire = dataclasses.replace(pk, actor1="reuters", actor1_type="media")  # "Reuters said"
    assert same_event(us, wire, coref)
    other_country = dataclasses.replace(report("b:e0", "b"), place_id="geonames:1183880", admin1="PK-KP", country="PK")
    assert not same_event(report("a:e0", "a"), other_country, coref)


def test_neighbouring_types_may_corefer_two_specific_types_and_statements_never(coref):
    bombing = report("a:e0", "a", type_="SUIC_BOMB", sentence="A suicide bomber struck a market in Chawkay, Kunar.")
    general = report("b:e0", "b", type_="REM_EXPLOS", sentence="An explosion at a market in Chawkay killed five.")
    attack = report("c:e0", "c", type_="ATTACK", event_type="Violence against civilians", sentence=general.sentence)
    assert set(cluster_events([bombing, general, attack], coref)) == {"a:e0", "b:e0", "c:e0"}
    strike = report("d:e0", "d", sentence="A drone strike hit a market in Chawkay, Kunar.")
    assert not same_event(bombing, strike, coref)
    denials = [report(f"{d}:e0", d, type_="DENY", event_type="Statements") for d in "ab"]
    assert cluster_events(denials, coref) == {}


def test_a_claim_of_responsibility_tells_of_the_attack_it_claims(coref):
    """A group's claim (ATTRIB) is a report of the attack it claims, of any type of the attack's family: it
    joins the bombing of its town a day later; a claim naming another town does not, nor does a claim join a
    protest."""
    bombing = report("a:e0", "a", type_="SUIC_BOMB", sentence="A suicide bomber struck a market in Chawkay, Kunar.")
    claim = report(
        "b:e0", "b", type_="ATTRIB", event_type="Strategic developments", date="2025-03-20",
        doc_date="2025-03-20", sentence="A militant group claimed responsibility for the Chawkay market bombing.",
    )  # fmt: skip
    assert same_event(bombing, claim, coref)
    elsewhere = dataclasses.replace(
        claim, place_id="geonames:1138958", sentence="A militant group claimed responsibility for the Kabul bombing."
    )
    assert not same_event(bombing, elsewhere, coref)
    protest = report("c:e0", "c", type_="PEACE_PROTEST", event_type="Protests", sentence=claim.sentence)
    assert not same_event(protest, claim, coref)


def test_a_hypothetical_event_joins_no_cluster(coref):
    planned = dataclasses.replace(report("b:e0", "b"), modality="hypothetical")  # "a strike would follow"
    assert cluster_events([report("a:e0", "a"), planned], coref) == {}


def test_an_unknown_village_links_reports_by_name_but_the_country_alone_does_not(coref):
    def mali(event_id, sentence, date="2024-03-11"):
        return EventReport(
            event_id, event_id[0], "ATTACK", "Violence against civilians", "country:ML", None, "ML", None, None,
            date, date, date, sentence=sentence, date_precision="day",
        )  # fmt: skip

    a = mali("a:e0", "Gunmen killed nine herders near Tessit in the Gao region, officials said.")
    b = mali("b:e0", "Nine herders were shot dead by armed men outside Tessit, a local official said.")
    c = mali("c:e0", "Gunmen killed nine herders near Boni in Mali, officials said.")
    assert same_event(a, b, coref)
    assert not same_event(a, c, coref)  # same country, same day, another village


def test_headlines_naming_only_the_country_corefer_when_they_give_one_count(coref):
    """Wire headlines often name only the country: the same count on the same day links them (with
    similar sentences); another count, or a town each of its own, does not."""

    def headline(event_id, sentence, place="country:SO", admin1=None):
        return EventReport(
            event_id, event_id[0], "REM_EXPLOS", "Explosions/Remote violence", place, admin1, "SO", None, None,
            None, None, "2024-08-02", sentence=sentence,
        )  # fmt: skip

    a = headline("a:e0", "Roadside bomb kills four soldiers in southern Somalia: officials")
    b = headline("b:e0", "Four Somali troops killed as bomb hits convoy")
    c = headline("c:e0", "Bomb kills eleven soldiers in Somalia")
    early = headline("d:e0", "Three soldiers dead after roadside blast in Somalia")  # a first toll, one apart
    assert same_event(a, b, coref)
    assert same_event(a, early, coref)
    assert not same_event(a, c, coref)
    in_town = dataclasses.replace(a, place_id="geonames:53654", admin1="SO-BN")  # one side's town: compatible
    assert same_event(in_town, b, coref)
    other_town = dataclasses.replace(b, place_id="geonames:64013", admin1="SO-BK")  # two towns: two places
    assert not same_event(in_town, other_town, coref)


def test_one_specific_type_with_the_very_same_count_links_headlines_worded_apart(coref):
    """Two air strikes that kill the very same number in one country on one day are most likely one, even
    when the outlets word them apart (cosine 0.41); two general "attacks" worded so stay apart, and so do
    air strikes with other counts."""

    def headline(event_id, type_, sentence):
        return EventReport(
            event_id, event_id[0], type_, "Explosions/Remote violence", "country:YE", None, "YE", None, None,
            None, None, "2023-05-14", sentence=sentence,
        )  # fmt: skip

    wire = "Coalition warplanes kill 9 suspected Houthi fighters, Saudi media report"
    local = "Nine rebels dead in Yemen airstrikes"
    assert same_event(headline("a:e0", "AIR_STRIKE", wire), headline("b:e0", "AIR_STRIKE", local), coref)
    assert not same_event(headline("a:e0", "ATTACK", wire), headline("b:e0", "ATTACK", local), coref)
    other = "Four rebels dead in Yemen airstrikes"
    assert not same_event(headline("a:e0", "AIR_STRIKE", wire), headline("b:e0", "AIR_STRIKE", other), coref)


def test_compass_regions_of_one_country_that_exclude_each_other_are_two_places(coref):
    """A headline naming "northeast Nigeria" and one naming "northwest Nigeria", or a town in the
    country's far south-west, tell of two incidents even with one toll; a province inside the region
    (Borno, in the north-east) or a headline with no region stays compatible."""

    def headline(event_id, sentence, place="country:NG", admin1=None):
        return EventReport(
            event_id, event_id[0], "ATTACK", "Violence against civilians", place, admin1, "NG", None, None,
            None, None, "2021-06-14", sentence=sentence,
        )  # fmt: skip

    northeast = headline("a:e0", "Gunmen kill 12 villagers in northeast Nigeria: officials")
    assert coref.mentions([northeast])[0].compass == ("north", "east")
    northwest = headline("b:e0", "Gunmen kill 12 villagers in Nigeria's northwest")
    assert not same_event(northeast, northwest, coref)
    plain = headline("c:e0", "Twelve villagers killed by gunmen in Nigeria")
    assert same_event(northeast, plain, coref)
    borno = headline("d:e0", "Gunmen kill 12 villagers in Nigeria's Borno", place="NG-BO", admin1="NG-BO")
    assert same_event(northeast, borno, coref)
    lagos = headline("e:e0", "Gunmen kill 12 people in Lagos, Nigeria", place="geonames:2332459", admin1="NG-LA")
    assert not same_event(northeast, lagos, coref)
    # a compass word inside a name ("North Waziristan", "South Sudan") is no region
    names = ["Six soldiers killed in North Waziristan", "Attack in South Sudan kills 3"]
    assert [coref.compass_regions.named(s) for s in names] == [None, None]


def test_a_capitalised_compass_word_in_a_group_or_region_name_is_no_region(coref):
    """ "Islamic State West Africa Province", "East Africa" name a group and a region, not the west or
    east of a country ("Africa" is only a word of a country's name); a region written with capitals before
    a country's name or demonym still reads ("Northwest Pakistan", "Northern Nigerian town")."""
    named = coref.compass_regions.named
    assert named("Islamic State West Africa Province said its fighters attacked a base in Malam Fatori") is None
    assert named("East Africa force deploys to Mogadishu") is None
    group_then_region = "Fighters of Islamic State West Africa Province attacked a base in north-east Nigeria"
    assert named(group_then_region) == ("north", "east")
    assert named("Gunmen kill 7 in Northwest Pakistan") == ("north", "west")
    assert named("Northern Nigerian town attacked") == ("north", None)


def test_a_dated_headline_joins_the_lede_of_another_outlet_naming_the_group_in_full(coref):
    """Two outlets' reports of one attack on one town and day: the group's full name ("... West Africa
    Province") is no compass region that would rule the town out."""

    def report_of(event_id, sentence, actor1=None):
        return EventReport(
            event_id, event_id[0], "ARMED_CLASH", "Battles", "geonames:2347033", "NG-BO", "NG", actor1, None,
            "2024-06-03", "2024-06-03", "2024-06-04", sentence=sentence, date_precision="day",
            actor1_text="ISWAP" if actor1 else None,
        )  # fmt: skip

    headline = report_of("a:e0", "Troops repel ISWAP attack on Malam Fatori base", actor1="iswap")
    lede = report_of(
        "b:e0",
        "MAIDUGURI, 4 June 2024 – Islamic State West Africa Province said on Tuesday that its fighters killed 23 "
        "soldiers in an attack on an army base in Malam Fatori, Borno State, in north-east Nigeria on Monday.",
    )
    assert same_event(headline, lede, coref)


def test_one_toll_of_different_victims_is_two_incidents_but_police_and_soldiers_are_one_kin(coref):
    """A count shared by two headlines naming only the country links them unless they count different
    victims ("four civilians" / "four militants"); a paramilitary constable is a policeman to one
    outlet and security personnel to another, so state forces' groups agree."""

    def headline(event_id, sentence):
        return EventReport(
            event_id, event_id[0], "REM_EXPLOS", "Explosions/Remote violence", "country:SO", None, "SO", None, None,
            None, None, "2024-08-02", sentence=sentence,
        )  # fmt: skip

    civilians = headline("a:e0", "Roadside bomb kills four civilians in Somalia: officials")
    militants = headline("b:e0", "Bomb blast kills four militants in Somalia")
    assert coref.mentions([civilians])[0].victims == {("killed", "civilians")}
    assert not same_event(civilians, militants, coref)
    police = headline("c:e0", "Roadside bomb kills four policemen in Somalia: officials")
    security = headline("d:e0", "Four security personnel killed as roadside bomb hits patrol in Somalia")
    assert same_event(police, security, coref)


def test_undated_reports_of_one_place_days_apart_are_different_incidents(coref):
    """An undated report tells of the days just before its page's date, not of the whole week."""
    first = report("a:e0", "a", date=None, doc_date="2025-03-17")
    four_days_later = report("b:e0", "b", date=None, doc_date="2025-03-21")
    next_day = report("c:e0", "c", date=None, doc_date="2025-03-18")
    assert not same_event(first, four_days_later, coref)
    assert same_event(first, next_day, coref)


def test_a_group_named_in_both_reports_is_who_not_where(coref):
    """Two attacks by one group on one day in villages no gazetteer knows: the group's name blocks
    them together but does not link them; nor does any name link two different known towns."""

    def report_of(event_id, sentence):
        return EventReport(
            event_id, event_id[0], "ATTACK", "Violence against civilians", "country:NG", None, "NG", None, None,
            "2024-05-04", "2024-05-04", "2024-05-04", sentence=sentence, date_precision="day", actor1_text="ISWAP",
        )  # fmt: skip

    a = report_of("a:e0", "Fighters of ISWAP attacked Gajiram on Saturday, killing six farmers.")
    b = report_of("b:e0", "Fighters of ISWAP attacked Malam Fatori on Saturday, killing six farmers.")
    assert not same_event(a, b, coref)
    kunar = report("c:e0", "c", sentence="A drone strike near the Taliban base in Chawkay killed four.")
    nangarhar = dataclasses.replace(
        report("d:e0", "d", sentence="A drone strike near the Taliban base in Surkh Rod killed four."),
        place_id="geonames:1453103",
        admin1="AF-NAN",
    )
    assert not same_event(kunar, nangarhar, coref)


def _all_pairs_clusters(reports, coref):
    """The definition: connected components of the decision over every pair (no blocking) among precisely
    dated reports placed below the province; then each vaguely dated report (or one placed only at the
    province, the country or nowhere) joins the components it matches, the one with most matched reports
    first (then the most similar), where every two of their precisely dated reports lie within the slack
    and share a town where both have one, and the two share a site where both have one; pairs of two such
    reports last."""
    mentions = coref.mentions(reports)
    parent = {m.report.event_id: m.report.event_id for m in mentions}
    slack = timedelta(days=coref.settings.slack_days)

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    def dated(root):
        return [m for m in mentions if find(m.report.event_id) == root and coref.dated(m)]

    def agree(x, y):
        towns = {m.report.place_id for m in (x, y) if m.place_level == "place"}
        apart = x.days[0] > y.days[1] + slack or y.days[0] > x.days[1] + slack
        return not apart and (len(towns) < 2 or x.place_level != "place" or y.place_level != "place")

    def sites(root):
        return set().union(*(coref.sites(m) for m in mentions if find(m.report.event_id) == root))

    def join(a, b):
        ra, rb = find(a.report.event_id), find(b.report.event_id)
        sa, sb = sites(ra), sites(rb)
        if sa and sb and not sa & sb:
            return
        if ra != rb and all(agree(x, y) for x in dated(ra) for y in dated(rb)):
            parent[max(ra, rb)] = min(ra, rb)

    def order(a, b):
        return (-coref.similarity(a, b), sorted([(m.days, m.report.sentence or "") for m in (a, b)]))

    partners, both = {}, []
    for i, a in enumerate(mentions):
        for b in mentions[i + 1 :]:
            if not coref.same(a, b):
                continue
            if coref.confined(a) and coref.confined(b):
                both.append((a, b))
            elif coref.confined(a) or coref.confined(b):
                v, other = (a, b) if coref.confined(a) else (b, a)
                partners.setdefault(v.report.event_id, (v, []))[1].append(other)
            else:
                ra, rb = find(a.report.event_id), find(b.report.event_id)
                parent[max(ra, rb)] = min(ra, rb)
    for v, others in sorted(partners.values(), key=lambda p: (p[0].days, p[0].report.sentence or "")):
        by_root = {}
        for o in others:
            by_root.setdefault(find(o.report.event_id), []).append(o)
        for group in sorted(by_root.values(), key=lambda g: (-len(g), min(order(v, o) for o in g))):
            join(v, min(group, key=lambda o: order(v, o)))
    for a, b in sorted(both, key=lambda p: order(*p)):
        join(a, b)
    groups = {}
    for m in mentions:
        groups.setdefault(find(m.report.event_id), []).append(m.report)
    return {r.event_id: "c:" + root for root, rs in groups.items() if len({x.doc_id for x in rs}) > 1 for r in rs}


def test_blocking_finds_what_comparing_every_pair_finds(coref):
    rng = random.Random(3)
    places = [("geonames:1144905", "AF-KNR"), ("AF-KNR", "AF-KNR"), ("geonames:1147290", "AF-NAN"), ("AF", None)]
    sentences = [STRIKE, "A drone strike in Chawkay killed four.", "Shelling hit Asadabad.", "Clashes in Jalalabad."]
    reports = []
    for i in range(300):
        place, admin1 = rng.choice(places)
        day = f"2025-03-{rng.randint(1, 28):02d}"
        end = f"2025-03-{min(28, int(day[-2:]) + rng.choice((0, 0, 3))):02d}"
        reports.append(
            EventReport(
                f"d{i % 60}:e{i}", f"d{i % 60}", rng.choice(("AIR_STRIKE", "REM_EXPLOS", "ATTACK")),
                "Explosions/Remote violence", place, admin1, "AF",
                rng.choice((None, None, "united-states", "pakistan")), None, rng.choice((day, None)), end,
                rng.choice((day, None)), sentence=rng.choice(sentences), date_precision=rng.choice(("day", "week")),
            )
        )  # fmt: skip
    assert cluster_events(reports, coref) == _all_pairs_clusters(reports, coref)


OUTLETS = [  # one incident told by a wire, a local paper and a post, a copy of the wire, and another day's attack
    ("wire", "2024-06-10", "Gunmen attacked the market in Dori, Burkina Faso, on Sunday, killing 14 traders."),
    ("local", "2024-06-11", "Fourteen traders died in Sunday's attack on the Dori market, the prefect of Dori said."),
    ("post", "2024-06-09", "Attack on the market in Dori right now, many dead. Pray for Dori."),
    (
        "radio",
        "2024-06-10",
        "Dori market: traders killed by gunmen on Sunday.\n\nIt was the deadliest attack since 2015.",
    ),
    ("copy", "2024-06-10", "Gunmen attacked the market in Dori, Burkina Faso, on Sunday, killing 14 traders."),
    ("wire", "2024-06-17", "Gunmen attacked the market in Dori, Burkina Faso, on Sunday, killing three people."),
]


@pytest.fixture(scope="module")
def outlet_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("outlets")
    corpus = root / "reports.jsonl"
    corpus.write_text(
        "".join(json.dumps({"title": f"{site}-{date}", "site": site, "date": date, "text": text}) + "\n"
                for site, date, text in OUTLETS)
    )  # fmt: skip
    with Store(root / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
    return root / "store.duckdb"


def test_one_incident_from_three_outlets_is_one_cluster_and_the_next_week_another(outlet_store):
    with Store(outlet_store) as store:
        rows = store.query(
            "SELECT d.title, e.cluster_id FROM events e JOIN documents d ON d.id = e.doc_id "
            "WHERE e.cluster_id IS NOT NULL"
        )
        (sources,) = cluster_sources(store)
    clusters = {}
    for row in rows:
        clusters.setdefault(row["cluster_id"], set()).add(row["title"])
    assert list(clusters.values()) == [{"wire-2024-06-10", "local-2024-06-11", "post-2024-06-09", "radio-2024-06-10"}]
    assert sources.first_report == "2024-06-09"
    # the copy was stored as a duplicate of the wire: one report, one source
    assert sources.independent_sources == 4 and len(sources.reports) == 4


def test_the_deadliest_since_2015_is_this_attack_not_one_of_2015(outlet_store):
    """Whether the events stage reads "since 2015" as a second event's date or as no date, every
    event of the radio report joins the Dori cluster."""
    with Store(outlet_store) as store:
        rows = store.query(
            "SELECT e.date_start, e.date_text, e.cluster_id FROM events e JOIN documents d ON d.id = e.doc_id "
            "WHERE d.title = 'radio-2024-06-10'"
        )
    assert rows and all(r["cluster_id"] for r in rows)


def test_documents_of_one_site_or_copying_one_sentence_are_one_source():
    reports = [
        {"doc_id": "a", "site": "Wire", "sentence": "Gunmen killed 14 traders in Dori."},
        {"doc_id": "b", "site": "Daily", "sentence": "Gunmen killed 14 traders in Dori!"},  # republished wire
        {"doc_id": "c", "site": "wire", "sentence": "The toll of the Dori attack rose to 20."},  # same outlet
        {"doc_id": "d", "site": "Radio", "sentence": "Fourteen traders died in Dori."},
    ]
    assert independent_sources(reports) == 2


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


# one incident named by two types of one family that ACLED files under different event types
# ("clashes" are Battles, "attacked" Violence against civilians)
CLASH_AND_ATTACK = [
    ("army", "2024-06-10", "Soldiers clashed with militants in Dori, Burkina Faso, on Sunday, the army said."),
    ("radio", "2024-06-10", "Gunmen attacked the market in Dori, Burkina Faso, on Sunday, killing 14 traders."),
]


def _clusters_by_title(path):
    with Store(path) as store:
        rows = store.query(
            "SELECT d.title, e.type, e.cluster_id FROM events e JOIN documents d ON d.id = e.doc_id "
            "WHERE e.cluster_id IS NOT NULL"
        )
    return sorted((r["title"], r["type"]) for r in rows)


def test_a_run_in_parts_reads_back_the_stored_reports_of_every_type_that_may_corefer(tmp_path):
    files = []
    for site, day, text in CLASH_AND_ATTACK:
        path = tmp_path / f"{site}.jsonl"
        path.write_text(json.dumps({"title": site, "site": site, "date": day, "text": text}) + "\n")
        files.append(str(path))
    found = {}
    for name, parts in (("one", [files]), ("two", [files[:1], files[1:]]), ("reversed", [files[1:], files[:1]])):
        with Store(tmp_path / f"{name}.duckdb") as store:
            for part in parts:
                run(part, store, workers=1)
        found[name] = _clusters_by_title(tmp_path / f"{name}.duckdb")
    assert ("army", "ARMED_CLASH") in found["one"] and ("radio", "ATTACK") in found["one"]
    assert found["two"] == found["one"] == found["reversed"]


def test_the_types_read_back_span_the_family(coref):
    attack = report("a:e0", "a", type_="ATTACK", event_type="Violence against civilians")
    assert {"Battles", "Explosions/Remote violence"} <= set(coref.candidate_event_types([attack]))
    bombing = report("b:e0", "b", type_="SUIC_BOMB")
    assert "Protests" not in coref.candidate_event_types([bombing])


# Two incidents of one town a week apart and a later report dating its incident only to a week (written for
# this test: a district of Burkina Faso, invented outlets)
CAMP = "Gunmen attacked the displacement camp in Djibo on Sunday, killing five people."
MARKET = "A drone strike hit the cattle market in Djibo on Saturday, killing 30 traders."
LAST_WEEK = "Last week's drone strike on the Djibo cattle market has emptied the town's stalls."


def _djibo(event_id, doc_id, type_, day, sentence, precision="day", end=None):
    return dataclasses.replace(
        report(event_id, doc_id, type_=type_, place="geonames:2361405", admin1="BF-SAH", date=day, doc_date=day,
               sentence=sentence),
        country="BF", date_end=end or day, date_precision=precision,
    )  # fmt: skip


def test_a_vaguely_dated_report_joins_one_of_two_incidents_of_its_week_never_both(coref):
    camp = [_djibo("a:e0", "a", "ATTACK", "2025-03-02", CAMP), _djibo("b:e0", "b", "ATTACK", "2025-03-02", CAMP)]
    market = [
        _djibo("c:e0", "c", "AIR_STRIKE", "2025-03-08", MARKET),
        _djibo("d:e0", "d", "AIR_STRIKE", "2025-03-09", "Thirty traders died in Saturday's drone strike on Djibo."),
    ]
    vague = _djibo("e:e0", "e", "AIR_STRIKE", "2025-03-03", LAST_WEEK, precision="week", end="2025-03-09")
    mention = coref.mentions([vague])[0]
    assert coref.vague(mention) and same_event(vague, camp[0], coref) and same_event(vague, market[0], coref)
    clusters = cluster_events([*camp, *market, vague], coref)
    assert clusters["a:e0"] == clusters["b:e0"] != clusters["c:e0"] == clusters["d:e0"] == clusters["e:e0"]
    alone = cluster_events([*camp, vague], coref)  # with one incident of its week, it joins that one
    assert alone["a:e0"] == alone["e:e0"]
    assert cluster_events(list(reversed([*camp, *market, vague])), coref) == clusters


def test_reports_two_days_apart_are_one_incident_only_when_town_and_toll_or_doer_agree(coref):
    """Outlets misdate an incident by a day or two ("on Wednesday" / "on Friday"): one town and one count,
    or one named doer, keep them one cluster, whose date the disputes step then sets against itself; the
    same town's report with another toll and no doer stays another incident."""
    kw = {"type_": "ATTACK", "event_type": "Violence against civilians", "doc_date": "2025-04-20"}
    wednesday = report(
        "a:e0", "a", date="2025-04-16", sentence="Gunmen killed 10 villagers in Chawkay on Wednesday.", **kw
    )
    friday = report("b:e0", "b", date="2025-04-18", sentence="Ten villagers were killed in Chawkay on Friday.", **kw)
    other = report("c:e0", "c", date="2025-04-18", sentence="Gunmen killed four farmers in Chawkay on Friday.", **kw)
    named = report("d:e0", "d", date="2025-04-18", actor1="ttp", sentence="The TTP attacked Chawkay on Friday.", **kw)
    by_ttp = dataclasses.replace(wednesday, actor1="ttp", sentence="The TTP raided Chawkay on Wednesday.")
    assert same_event(wednesday, friday, coref)
    assert not same_event(wednesday, other, coref)
    assert same_event(by_ttp, named, coref)
    four_days = dataclasses.replace(friday, date_start="2025-04-20", date_end="2025-04-20")
    assert not same_event(wednesday, four_days, coref)


def test_doers_of_opposite_sides_are_two_incidents_unless_one_side_counts_the_other_s_dead(coref):
    """An armed group's raid and soldiers' killing of detainees in the same district, reported undated in
    the days between, are two incidents; "militants attacked a post, killing three soldiers" and "soldiers
    repelled an attack; three soldiers died" tell one fight from either side; a group's self-name ("Soldiers of the
    Caliphate") names no side. Sentences written for this test."""

    def told(event_id, actor1_text, sentence, type_="ATTACK"):
        return report(
            event_id, event_id[0], type_=type_, event_type="Violence against civilians", date=None,
            doc_date="2025-03-20", sentence=sentence, actor1_text=actor1_text,
        )  # fmt: skip

    raid = told("a:e0", "Insurgents", "Insurgents killed six villagers in a raid on a village in Chawkay district.")
    reprisal = told("b:e0", "Soldiers", "Soldiers killed detainees in a village in Chawkay district, residents said.")
    assert not same_event(raid, reprisal, coref)
    by_name = told("c:e0", "Soldiers of the Caliphate", "Soldiers of the Caliphate raided a village in Chawkay.")
    assert same_event(raid, by_name, coref)
    post = told("d:e0", "militants", "Militants attacked an army post in Chawkay district, killing three soldiers.")
    repelled = told(
        "e:e0", "Troops", "Troops repelled an attack on their post in Chawkay district; three soldiers died."
    )
    assert same_event(post, repelled, coref)


def test_two_villages_no_gazetteer_knows_put_in_one_district_are_two_places(coref):
    """Villages the gazetteer does not know resolve to their district: reports naming each its own village
    after a locative word ("at Sangin", "the village of Nawa") are two places; a name they share links them."""

    def told(event_id, sentence):
        return report(event_id, event_id[0], type_="ATTACK", event_type="Violence against civilians", sentence=sentence)

    one = told("a:e0", "Gunmen killed four farmers at Dewagal, in Chawkay district, residents said.")
    other = told("b:e0", "Four farmers were shot dead in the village of Shurtan in Chawkay on Wednesday.")
    again = told("c:e0", "Gunmen shot dead four farmers in Dewagal, a village of Chawkay district.")
    assert not same_event(one, other, coref)
    assert same_event(one, again, coref)


# Two incidents of one province a day apart in two towns, and a report placed only at the province that matches
# both (synthetic, written for this test: towns of Kunar, invented outlets)
ASMAR = "Gunmen attacked a police checkpoint in Asmar on Monday, killing four policemen, officials said."
ASADABAD = "Gunmen attacked a police checkpoint in Asadabad on Tuesday, killing four policemen, officials said."
KUNAR = "Gunmen attacked a police checkpoint in Kunar province on Tuesday, killing four policemen, officials said."


def _kunar(event_id, town, day, sentence, location):
    return report(event_id, event_id[0], type_="ATTACK", place=town, date=day, doc_date=day, sentence=sentence,
                  location=location, event_type="Violence against civilians")  # fmt: skip


def test_a_report_placed_only_at_the_province_joins_one_of_two_towns_incidents_never_both(coref):
    asmar = [_kunar(f"{d}:e0", "geonames:1148205", "2025-03-17", ASMAR, "Asmar") for d in "ab"]
    asadabad = [_kunar(f"{d}:e0", "geonames:1148311", "2025-03-18", ASADABAD, "Asadabad") for d in "cd"]
    province = _kunar("e:e0", "AF-KNR", "2025-03-18", KUNAR, "Kunar")
    mention = coref.mentions([province])[0]
    assert coref.confined(mention) and not coref.vague(mention) and not coref.sites(mention)
    assert same_event(province, asmar[0], coref) and same_event(province, asadabad[0], coref)
    assert not same_event(asmar[0], asadabad[0], coref)
    clusters = cluster_events([*asmar, *asadabad, province], coref)
    assert clusters["a:e0"] == clusters["b:e0"] != clusters["c:e0"] == clusters["d:e0"]
    assert clusters["e:e0"] in (clusters["a:e0"], clusters["c:e0"])
    assert cluster_events(list(reversed([*asmar, *asadabad, province])), coref) == clusters
    alone = cluster_events([*asmar, province], coref)  # with one of the two incidents, it joins that one
    assert alone["a:e0"] == alone["e:e0"]


def test_an_armed_group_named_in_two_stories_is_no_place_that_links_them(coref):
    # a second event of a sentence has no doer of its own; the group's name is still who, not where
    aimed = "A drone strike aimed at JNIM fighters hit a weekly market, killing 11 civilians."
    suspected = "An explosive device blew up a bus on Thursday, killing seven passengers; JNIM was suspected."
    strike = report("a:e0", "a", type_="AIR_STRIKE", place=None, admin1=None, date="2024-06-05", sentence=aimed)
    bomb = report("b:e0", "b", type_="REM_EXPLOS", place=None, admin1=None, date="2024-06-06", sentence=suspected)
    strike, bomb = (dataclasses.replace(r, country="ML") for r in (strike, bomb))
    assert "jnim" in coref.mentions([strike])[0].doers
    assert not same_event(strike, bomb, coref)


def test_a_town_named_only_before_province_places_the_report_at_the_province(coref):
    def taiz(sentence):
        r = report("a:e0", "a", place="geonames:70225", admin1="YE-TA", sentence=sentence, location="Taiz")
        return coref.mentions([dataclasses.replace(r, country="YE")])[0]

    province = taiz("An air strike hit a market in Taiz province on Wednesday, killing eight civilians.")
    city = taiz("A car bomb exploded at a checkpoint in Taiz on Thursday, killing four soldiers.")
    assert province.place_level == "admin1" and not coref.sites(province)
    assert city.place_level == "place" and "geonames:70225" in coref.sites(city)
