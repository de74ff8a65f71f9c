"""A risen toll ("death toll from X rises to 38") co-refers with the earlier, lower count of its incident
(events/coref.py ``_update``, data/events/coref.yaml ``risen_toll``). Headlines written for these tests
(synthetic, several conflicts), not taken from the UCDP set that bench/quality_coref_real.py measures."""

import dataclasses
import json

import pytest

from claimgraph.events.clusters import EventReport, cluster_events
from claimgraph.events.coref import Coref, same_event
from claimgraph.runner import run
from claimgraph.settings import Settings
from claimgraph.store import Store


@pytest.fixture(scope="module")
def coref():
    return Coref()


def headline(event_id, sentence, day="2024-02-10", place="country:SO", admin1=None, type_="REM_EXPLOS", country="SO"):
    return EventReport(
        event_id, event_id.split(":")[0], type_, "Explosions/Remote violence", place, admin1, country, None, None,
        None, None, day, sentence=sentence,
    )  # fmt: skip


@pytest.mark.parametrize(
    "sentence, risen",
    [
        ("Death toll in Kabul wedding hall bombing climbs to 63", 63),
        ("Number of dead from Goma shelling rises to twelve", 12),
        ("Mogadishu hotel siege: toll rises to at least 40, police say", 40),
        ("Toll from Maiduguri mosque blasts has gone up to 27 - officials", 27),
        ("Death toll now up to 9 in Jenin camp per the ministry", 9),
        ("Toll stands at 30 after Maiduguri blasts", None),  # a standing count: no rise said
        ("Juba clashes: toll unclear as 12 hurt", None),
        ("Protesters block toll road near Lagos; 3 arrested", None),
    ],
)
def test_a_risen_toll_is_read_with_the_count_it_rose_to(coref, sentence, risen):
    (mention,) = coref.mentions([headline("a:e0", sentence)])
    assert mention.risen == risen


def test_a_risen_toll_joins_the_first_lower_count_of_its_incident(coref):
    """The first report's count differs from the update's, so no shared count links them; the update links
    a count of at least half of it, never one dated after it, and not another town's."""
    first = headline("a:e0", "Suicide car bomb kills 18 near army base in Somalia")
    update = headline("b:e0", "Death toll from Somalia army base bombing rises to 27", day="2024-02-11")
    assert same_event(first, update, coref)
    assert not same_event(first, dataclasses.replace(update, sentence=update.sentence.replace("27", "61")), coref)
    assert not same_event(dataclasses.replace(first, doc_date="2024-02-12"), update, coref)  # it rose before?
    baidoa = dataclasses.replace(first, place_id="geonames:64013", admin1="SO-BY")
    kismayo = dataclasses.replace(update, place_id="geonames:55671", admin1="SO-JH")
    assert not same_event(baidoa, kismayo, coref)
    assert same_event(baidoa, update, coref)  # the update names only the country: places do not differ


def test_without_a_rise_two_different_counts_stay_apart(coref):
    """Two country-only headlines with different counts are two incidents unless one says the toll rose."""
    a = headline("a:e0", "Bomb kills 14 soldiers in Mali", country="ML", place="country:ML")
    b = headline("b:e0", "Bomb kills 9 soldiers in Mali", country="ML", place="country:ML")
    assert not same_event(a, b, coref)


def test_a_risen_toll_of_other_victims_is_another_incident(coref):
    first = headline("a:e0", "Gunmen kill 20 soldiers in northern Burkina Faso", type_="ATTACK", country="BF")
    toll = "Toll of Burkina Faso market attack rises to 31 civilians"
    update = headline("b:e0", toll, type_="ATTACK", country="BF", day="2024-02-11")
    assert not same_event(first, update, coref)


def test_blocking_compares_a_risen_toll_with_the_counts_it_may_update(coref):
    """Clustering (blocked candidates) joins what the pairwise decision joins: the update shares no count
    with the first report, so blocking must carry the counts it may update."""
    reports = [
        headline("a:e0", "Suicide car bomb kills 18 near army base in Somalia"),
        headline("b:e0", "Death toll from Somalia army base bombing rises to 27", day="2024-02-11"),
        headline("c:e0", "Landmine kills 3 herders in Somalia", day="2024-02-11"),
    ]
    clusters = cluster_events(reports, coref)
    assert clusters["a:e0"] == clusters["b:e0"] and "c:e0" not in clusters


UPDATES = [  # a local paper's first count, a wire's later toll, and another incident of the same days
    ("local", "2024-03-02", "Bomb blast kills 22 at crowded market in Nigeria's northeast"),
    ("wire", "2024-03-03", "Death toll from Nigeria market bombing rises to 35, officials say"),
    ("radio", "2024-03-03", "Gunmen kill 4 farmers in Nigeria's Benue state"),
]


def test_a_run_joins_a_toll_update_to_the_first_report(tmp_path):
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text(
        "".join(json.dumps({"title": s, "site": s, "date": d, "text": t}) + "\n" for s, d, t in UPDATES)
    )  # fmt: skip
    with Store(tmp_path / "store.duckdb") as store:
        run([str(corpus)], store, Settings.defaults().with_values({"extract.mode": "fast"}), workers=1)
        rows = store.query(
            "SELECT d.title, e.cluster_id FROM events e JOIN documents d ON d.id = e.doc_id "
            "WHERE e.cluster_id IS NOT NULL"
        )
    clusters: dict[str, set[str]] = {}
    for row in rows:
        clusters.setdefault(row["cluster_id"], set()).add(row["title"])
    assert list(clusters.values()) == [{"local", "wire"}]


def test_a_risen_toll_with_no_incident_word_gets_a_weak_event_that_joins_the_first_report(tmp_path):
    """ "Mogadishu: death toll climbs to 25" names no incident the trigger lexicon reads: the weak path
    (data/events/weak_events.yaml) gives it one low-confidence ATTACK, which the update link joins to the
    first report; a flood's risen toll gets none."""
    reports = [
        ("wire", "2024-05-06", "Car bomb kills 16 outside Mogadishu police academy"),
        ("post", "2024-05-07", "Mogadishu: death toll climbs to 25"),
        ("local", "2024-05-07", "Flood death toll rises to 30 in Beledweyne"),
    ]
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text(
        "".join(json.dumps({"title": s, "site": s, "date": d, "text": t}) + "\n" for s, d, t in reports)
    )  # fmt: skip
    with Store(tmp_path / "store.duckdb") as store:
        run([str(corpus)], store, Settings.defaults().with_values({"extract.mode": "fast"}), workers=1)
        rows = store.query("SELECT d.title, e.type, e.cluster_id FROM events e JOIN documents d ON d.id = e.doc_id")
    # the flood's toll is no violence: no weak ATTACK, no cluster (the trigger lexicon may read a disaster)
    assert all(r["type"] != "ATTACK" and not r["cluster_id"] for r in rows if r["title"] == "local")
    post = [r for r in rows if r["title"] == "post"]
    assert [r["type"] for r in post] == ["ATTACK"]
    wire = [r for r in rows if r["title"] == "wire"]
    assert post[0]["cluster_id"] and post[0]["cluster_id"] in {r["cluster_id"] for r in wire}
