"""Where an event happened when its report was filed elsewhere (events/detect.py, events/slots.py): the
dateline ("MAIDUGURI, Nigeria (Reuters) -") places an event only where neither its sentence nor the headline
or lead it tells of again names a place; on the synthetic dateline stories (bench/data/dateline_stories.yaml,
TRAIN stories only: the dev stories are measured by bench/quality_evplace.py)."""

import hashlib
import json
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.events.taxonomy import STATEMENTS
from claimgraph.ingest.paths import read_path

STORIES = Path(__file__).resolve().parents[2] / "bench" / "data" / "dateline_stories.yaml"
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@pytest.fixture(scope="module")
def fast(fast_pipeline):
    return fast_pipeline


def _split(story_id):
    """As the file's header records: sha1 of the story's group, else of its id, int % 3 == 0 -> dev."""
    [story] = [s for s in _stories() if s["id"] == story_id]
    key = story.get("group", story_id)
    return "dev" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 3 == 0 else "train"


def _stories():
    return yaml.safe_load(STORIES.read_text(encoding="utf-8"))["stories"]


def report_text(r):
    return f"{r['headline']}\n{r['outlet']}\n{r['date']}\n\n{r['body']}\n"


def _plain(name):
    """A place name without marks or case ("Aţ Ţārmīyah" is "at tarmiyah")."""
    return unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()


def _story(story_id):
    [story] = [s for s in _stories() if s["id"] == story_id]
    assert _split(story_id) == "train"
    return story


def _violent_places(pipe, tmp_path, report):
    path = tmp_path / "report.txt"
    path.write_text(report_text(report), encoding="utf-8")
    [doc] = list(read_path(str(path)))
    doc = pipe(doc)
    return [e.location for e in doc.events if e.event_type in VIOLENT and not e.negated and e.type != "ATTRIB"]


def test_the_split_is_recorded():
    ids = [s["id"] for s in _stories()]
    assert len(ids) == len(set(ids)) >= 30 and all(len(s["reports"]) >= 2 for s in _stories())
    dev = sorted(i for i in ids if _split(i) == "dev")
    assert dev == [
        "af-spin-boldak-blast", "bj-karimama-soldiers", "cf-bambari-clash", "co-jamundi-explosive",
        "et-finote-selam-drone", "ht-mirebalais-gangs", "in-jiribam-attack", "ml-boulkessi-post",
        "ml-menaka-army-post", "ml-menaka-village-killings", "ng-zangon-kataf-attack", "ph-jolo-bombing",
        "pk-bannu-police", "pk-peshawar-mosque", "sd-el-fasher-shelling", "so-beledweyne-car-bomb",
        "ye-marib-missile", "ye-taiz-market-shelling", "ye-taiz-sniper-attack",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("story_id", "index"),
    [
        ("ng-malam-fatori-base", 1),  # the lede names no place; the headline names the town
        ("iq-tarmiyah-ambush", 1),  # the lede's only place is its own dateline ("BAGHDAD –")
        ("ua-kramatorsk-missile", 1),  # the lede tells the headline's strike again as another type
        ("ng-kajuru-abduction", 0),  # "killed in the raid": the raid that abducted villagers
        ("cd-rutshuru-shelling", 1),  # no dateline place at all: "died in the shelling" is the camp's
        ("ne-banibangou-ambush", 0),  # the sentence's own place beats the dateline
    ],
)
def test_an_event_told_again_is_where_its_headline_or_lead_puts_it(fast, tmp_path, story_id, index):
    report = _story(story_id)["reports"][index]
    gold = {_plain(p) for p in report["place"]}
    places = [_plain(p) for p in _violent_places(fast, tmp_path, report)]
    filed_at = _plain(report["body"].split(" ", 1)[0].rstrip(","))
    assert any(p in gold for p in places) and filed_at not in places, places


def test_the_dateline_still_places_a_report_of_the_city_it_was_filed_from(fast, tmp_path):
    report = _story("so-mogadishu-hotel")["reports"][1]
    assert set(_violent_places(fast, tmp_path, report)) == {"Mogadishu"}


def test_a_statement_is_never_placed_by_the_dateline(fast, tmp_path):
    report = _story("cd-masiani-massacre")["reports"][0]
    path = tmp_path / "report.txt"
    path.write_text(report_text(report), encoding="utf-8")
    doc = fast(next(iter(read_path(str(path)))))
    assert all(e.location != "Goma" for e in doc.events if e.event_type == STATEMENTS)


def test_reports_filed_from_one_city_join_their_incidents_cluster_not_the_other_one(tmp_path):
    """Two incidents of one day in one province, each told by reports filed from Maiduguri: the town's
    reports are one cluster (the army's lede names no place, its headline the town), the market bombing's
    another."""
    files = {}
    for story_id in ("ng-malam-fatori-base", "ng-gwoza-market"):
        for i, report in enumerate(_story(story_id)["reports"]):
            path = tmp_path / f"{story_id}-{i}.txt"
            path.write_text(report_text(report), encoding="utf-8")
            files[str(path)] = story_id
    db = tmp_path / "store.duckdb"
    result = CliRunner().invoke(main, ["run", *sorted(files), "--db", str(db), "--workers", "1", "--mode", "fast"])
    assert result.exit_code == 0, result.output
    docs = {doc.id: files[path] for path in files for doc in read_path(path)}
    listed = CliRunner().invoke(main, ["events", "--db", str(db), "--json"])
    clusters: dict[str, set[str]] = {}
    for e in json.loads(listed.output):
        if e["cluster_id"] and e["event_type"] in VIOLENT:
            clusters.setdefault(e["cluster_id"], set()).add(e["doc_id"])
    stories_of = [{docs[d] for d in members} for members in clusters.values()]
    assert all(len(s) == 1 for s in stories_of), stories_of  # no cluster spans the two incidents
    town = [m for m in clusters.values() if docs[next(iter(m))] == "ng-malam-fatori-base"]
    assert any(len(m) == 3 for m in town), town  # the wire, the army and the local paper


def test_a_headline_the_dateline_alone_placed_takes_its_ledes_own_place(fast, tmp_path):
    # the headline names no place, the bureau is abroad, the lede names the town: the act is the town's
    report = {
        "headline": "Gunmen kill five police officers at checkpoint",
        "outlet": "Test Wire",
        "date": "4 April 2025",
        "body": "ABUJA (Test Wire) - Gunmen killed five police officers at a checkpoint in Gusau, Zamfara state, on "
        "Friday, a police spokesman said.",
    }
    places = _violent_places(fast, tmp_path, report)
    assert places and "Abuja" not in places and "Gusau" in places, places
