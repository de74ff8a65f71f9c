"""Assertion against denial on a small multi-source corpus written for these tests (synthetic; not
copied from any corpus): an accusation and its denial by the accused, one speaker reported two ways
by two outlets (no dispute between sources), an unrelated denial that must stay apart, and a
look-alike denial from another conflict (another country, no shared actor or event) that must not
join the Sudanese dispute; and (a second corpus) another incident of the same kind in the same country
and a denied toll among several tolls of one incident."""

from __future__ import annotations

import json

import pytest

from claimgraph.link.disputes import list_disputes
from claimgraph.link.disputes.denials import one_story
from claimgraph.runner import run
from claimgraph.store import Store

DOCUMENTS = [
    {
        "title": "Army accuses RSF of looting bank",
        "site": "Khartoum Monitor",
        "date": "2024-01-10",
        "text": "The Sudanese army said on Tuesday that RSF fighters looted the central bank branch in Wad Madani "
        "and set fire to its vaults.",
    },
    {
        "title": "RSF rejects looting charge",
        "site": "Darfur Voice",
        "date": "2024-01-11",
        "text": "The Rapid Support Forces denied that their fighters looted the central bank branch in Wad Madani, "
        "saying its troops were guarding the building.",
    },
    {
        "title": "Menaka: colonel speaks",
        "site": "Sahel Post",
        "date": "2024-02-03",
        "text": "Colonel Abdoulaye Maiga said the army had withdrawn from the Menaka camp to regroup near Ansongo.",
    },
    {
        "title": "Menaka: no retreat",
        "site": "Bamako Daily",
        "date": "2024-02-04",
        "text": "Colonel Abdoulaye Maiga denied that the army had withdrawn from the Menaka camp.",
    },
    {
        "title": "Baidoa kidnapping",
        "site": "Mogadishu Times",
        "date": "2024-01-11",
        "text": "Al-Shabaab denied that it had kidnapped the two aid workers seized in Baidoa on Sunday.",
    },
    {
        "title": "Police reject looting reports",
        "site": "Lima Courier",
        "date": "2024-01-11",
        "text": "LIMA, Peru - The police denied that their officers looted the bank branch during the protests "
        "in Juliaca, "
        "saying the reports were false.",
    },
]


@pytest.fixture(scope="module")
def disputes(tmp_path_factory):
    root = tmp_path_factory.mktemp("denials")
    corpus = root / "documents.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    with Store(root / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
        return list_disputes(store, "claims")


def _sources(dispute):
    return {(v["source"], v["role"]) for v in dispute["values"]}


def test_an_accusation_meets_the_accused_denial(disputes):
    found = [d for d in disputes if ("Khartoum Monitor", "affirms") in _sources(d)]
    assert len(found) == 1, [d["why"] for d in disputes]
    assert ("Darfur Voice", "denies") in _sources(found[0])
    assert "similarity" in found[0]["why"] and found[0]["score"] > 0


def test_one_speaker_reported_two_ways_is_no_dispute_between_sources(disputes):
    assert not [d for d in disputes if {"Sahel Post", "Bamako Daily"} <= {s for s, _ in _sources(d)}]


def test_an_unrelated_denial_stays_apart(disputes):
    assert not [d for d in disputes if "Mogadishu Times" in {s for s, _ in _sources(d)}]


def test_a_look_alike_denial_from_another_conflict_joins_no_dispute(disputes):
    assert not [d for d in disputes if "Lima Courier" in {s for s, _ in _sources(d)}]


def _story(doc_id: str, countries=(), names=(), clusters=(), date=None, places=(), events=(), counts=()) -> dict:
    """A ``stories_of_claims`` row as ``denials._incident`` reads it."""
    from claimgraph.link.disputes.denials import _incident

    return _incident(
        {
            "doc_id": doc_id,
            "date": date,
            "clusters": set(clusters),
            "countries": set(countries),
            "names": set(names),
            "places": [
                p if isinstance(p, dict) else dict(zip(("text", "place_id", "admin1", "country"), p, strict=True))
                for p in places
            ],
            "events": [dict(zip(("cluster_id", "date_start", "date_precision"), e, strict=True)) for e in events],
            "figures": [{"measure": "killed", "low": v, "high": v} for v in counts],
        }
    )


def test_one_story_blocks_documents_placed_in_different_countries_only():
    story, other = _story("a", {"AF"}), _story("b", {"BF"})
    assert not one_story(story, other)
    assert one_story(story, _story("b", {"BF", "AF"}))  # a common country
    assert one_story(story, _story("c", {"BF"}, {"taliban"})) is False
    assert one_story(_story("a", {"AF"}, {"taliban"}), _story("b", {"BF"}, {"taliban"}))  # a named actor both name
    assert one_story(_story("a", {"AF"}, clusters={"e1"}), _story("b", {"BF"}, clusters={"e1"}))  # one event cluster
    assert one_story(story, _story("b"))  # placed nowhere: nothing tells its story


def test_one_story_keeps_two_incidents_of_one_country_apart():
    """Two towns of one province, two days of one war, a report dated before the other's event, a town of
    another country than the other's story: two incidents, however alike their words; a town and the
    province it lies in, or the same unresolved name, can be one; places only in two countries say no more
    than the countries; a dateline is no incident's place; one event cluster of the two sentences is one
    incident whatever else they say."""
    from claimgraph.link.disputes.denials import one_story

    town = ("Kupiansk", "geonames:703656", "UA-63", "UA")
    other_town = ("Izium", "geonames:707292", "UA-63", "UA")
    province = ("Kharkiv oblast", "UA-63", "UA-63", "UA")
    told = [(None, None, None)]  # an event the sentence tells of (unclustered, undated)
    a = _story("a", {"UA"}, {"ru-mod"}, places=[town], events=told)
    assert not one_story(a, _story("b", {"UA"}, {"ru-mod"}, places=[other_town], events=told))
    # places only in two countries: one may name an agreement ("the Doha agreement") or a capital
    kunar, doha = ("Kunar", "AF-KNR", "AF-KNR", "AF"), ("Doha", "geonames:290030", "QA.01", "QA")
    assert one_story(_story("a", {"AF"}, places=[kunar], events=told), _story("b", {"AF", "QA"}, places=[doha]))
    assert one_story(a, _story("b", {"UA"}, places=[province], events=told))
    assert one_story(a, _story("b", {"UA"}, places=[("the Kupiansk hospital", None, None, None)], events=told))
    assert one_story(a, _story("b", {"UA"}))  # a denial naming no place
    dushanbe = ("Dushanbe", "geonames:1221874", "TJ-DU", "TJ")
    assert not one_story(_story("a", {"TJ", "AF"}, places=[dushanbe]), _story("b", {"AF"}))  # its story is Afghan
    assert one_story(_story("a", {"TJ"}, places=[dushanbe]), _story("b", {"AF", "TJ"}))
    # a dateline ("BUNIA - The governor said ...") says where the report was written, not where it happened
    dateline = {"text": "BUNIA", "place_id": "geonames:217695", "admin1": "CD-IT", "country": "CD", "first": True}
    goma = ("Goma", "geonames:214974", "CD-NK", "CD")
    bunia = _story("a", {"CD"}, places=[{**dateline, "first": False}], events=told)
    assert one_story(
        _story("a", {"CD"}, places=[dateline], events=told), _story("b", {"CD"}, places=[goma], events=told)
    )
    assert not one_story(bunia, _story("b", {"CD"}, places=[goma], events=told))
    assert one_story(
        _story("a", events=[("c1", None, None)], places=[town]),
        _story("b", events=[("c1", None, None)], places=[other_town]),
    )
    monday, a_fortnight_later = ("c1", "2024-05-13", "day"), ("c2", "2024-05-27", "day")
    assert not one_story(_story("a", {"UA"}, events=[monday]), _story("b", {"UA"}, events=[a_fortnight_later]))
    assert one_story(_story("a", {"UA"}, events=[monday]), _story("b", {"UA"}, events=[("c2", "2024-05-14", "day")]))
    # a statement of the 14th cannot deny what happened on the 27th
    assert not one_story(_story("a", {"UA"}, date="2024-05-14"), _story("b", {"UA"}, events=[a_fortnight_later]))
    assert one_story(_story("a", {"UA"}, date="2024-05-28"), _story("b", {"UA"}, events=[a_fortnight_later]))


def test_a_number_is_never_affirmed_or_denied_by_another_number():
    from claimgraph.link.disputes.denials import _incident, other_counts

    nine, fourteen, none = _story("a", counts=[9.0]), _story("b", counts=[14.0]), _story("c")
    assert other_counts(nine, fourteen)
    assert not other_counts(nine, _story("d", counts=[9.0, 30.0]))  # one count in common
    assert not other_counts(nine, none)  # "denied that any civilians died": no count of its own
    wounded = _incident({**nine, "figures": [{"measure": "injured", "low": 30.0, "high": 30.0}]})
    assert not other_counts(nine, wounded)  # no figure of one measure


BLOCKING = [
    {
        "title": "Shelling in Kadugli",
        "site": "Kordofan Monitor",
        "date": "2024-04-08",
        "text": "KADUGLI, Sudan - Doctors said RSF shelling of the Kadugli hospital on Sunday killed six patients.",
    },
    {
        "title": "RSF rejects Kadugli charge",
        "site": "Nuba Mountains Post",
        "date": "2024-04-09",
        "text": "An RSF commander denied that his forces shelled the hospital in Kadugli "
        "and said no patients were killed.",
    },
    {
        "title": "Shelling in Dilling",
        "site": "Sudan Voice Daily",
        "date": "2024-04-25",
        "text": "Doctors said RSF shelling of the hospital in Dilling on Wednesday killed six patients.",
    },
    {
        "title": "Raid on Tsafe",
        "site": "Zamfara Courier",
        "date": "2025-06-02",
        "text": "GUSAU, Nigeria - The police say 9 dead after bandits raided the Tsafe market on Sunday.",
    },
    {
        "title": "UN on Tsafe",
        "site": "UN OCHA Nigeria (statement)",
        "date": "2025-06-02",
        "text": "OCHA said at least 14 civilians were killed when bandits raided the market in Tsafe.",
    },
    {
        "title": "Tsafe toll",
        "site": "Northwest Thread",
        "date": "2025-06-03",
        "text": "Local vigilantes said 31 people were killed in the Tsafe market raid.",
    },
    {
        "title": "Governor on Tsafe",
        "site": "Abuja Ledger",
        "date": "2025-06-04",
        "text": "The Zamfara governor said the figure of 31 dead given by vigilantes is false "
        "and meant to embarrass the police.",
    },
]


@pytest.fixture(scope="module")
def blocked(tmp_path_factory):
    root = tmp_path_factory.mktemp("blocking")
    corpus = root / "documents.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in BLOCKING), encoding="utf-8")
    with Store(root / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
        return list_disputes(store, "claims")


def test_an_accusation_of_another_incident_joins_no_dispute(blocked):
    """The same accusation about another town's hospital two weeks later (synthetic, Sudan) does not join
    the Kadugli dispute: the denial names Kadugli and was made before the Dilling shelling."""
    sources = [{v["source"] for v in d["values"]} for d in blocked]
    assert {"Kordofan Monitor", "Nuba Mountains Post"} in sources, [d["why"] for d in blocked]
    assert not [s for s in sources if "Sudan Voice Daily" in s], blocked


def test_a_denied_toll_meets_only_the_sources_of_that_toll(blocked):
    """A governor calling the vigilantes' 31 dead false (synthetic, Nigeria) disputes that figure, not the
    police's 9 nor OCHA's 14: different numbers are a disputed figure, not an affirmation of the 31."""
    found = [d for d in blocked if "Abuja Ledger" in {v["source"] for v in d["values"]}]
    assert len(found) == 1, [d["why"] for d in blocked]
    assert {v["source"] for v in found[0]["values"]} == {"Northwest Thread", "Abuja Ledger"}


def test_a_figure_no_one_believes_is_no_sources_value(tmp_path):
    docs = [
        {
            "title": "Goma toll",
            "site": "Kivu Times",
            "date": "2024-03-02",
            "text": "A bomb killed seven people at a market in Goma on Friday, the provincial governor said.",
        },
        {
            "title": "Goma residents",
            "site": "Lake Post",
            "date": "2024-03-03",
            "text": "Residents of Goma said the market bomb on Friday killed at least 40 people. "
            "Nobody here believes seven people died, a trader in Goma said.",
        },
    ]
    corpus = tmp_path / "documents.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    with Store(tmp_path / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
        listed = list_disputes(store, "figures")
    values = [v for d in listed for v in d["values"]]
    assert not [v for v in values if v["source"] == "Lake Post" and v["low"] == 7], values


def test_a_question_or_a_wh_heading_takes_no_side():
    """A heading that asks ("What the army's record does and does not show") or a question denies and
    affirms nothing, whatever its negation; a sentence that says something keeps its stance."""
    from claimgraph.link.disputes.config import load_config
    from claimgraph.link.disputes.denials import stance

    config = load_config()

    def side(text: str, status: str = "asserted", polarity: str = "negative") -> str | None:
        return stance({"text": text, "status": status, "polarity": polarity}, config)

    assert side("What the junta's counter-insurgency record does and does not show") is None
    assert side("Why the ceasefire did not hold") is None
    assert side("Is the Lakurawa group really not in Sokoto?") is None
    assert side("Did the army not shell the market, as residents say?") is None
    assert side("What the ministry said was not true.") == "denies"
    assert side("The army said it did not shell the village.", "reported") == "denies"
    assert side("The group denied the attack.", "denied") == "denies"


def test_a_negation_giving_the_affirmed_count_does_not_deny_it():
    """A spokesman's "the strike killed four civilians and no commander was present" (negative by its
    negation alone) says what "four civilians were killed" says: no dispute between them. A denial cue
    ("denied that four civilians were killed") still denies the count."""
    from claimgraph.link.disputes.config import load_config
    from claimgraph.link.disputes.denials import _gives_its_count

    config = load_config()
    four = [{"value": 4.0, "value_max": None, "unit": "civilians"}]
    affirms = {"stance": "affirms", "status": "asserted", "polarity": "positive", "quantities": four}
    negation = {"stance": "denies", "status": "reported", "polarity": "negative", "quantities": four}
    denial = {**negation, "status": "denied"}
    seven = {**negation, "quantities": [{"value": 7.0, "value_max": None, "unit": "civilians"}]}
    assert _gives_its_count(affirms, negation, config) and _gives_its_count(negation, affirms, config)
    assert not _gives_its_count(affirms, denial, config)
    assert not _gives_its_count(affirms, seven, config)
    assert not _gives_its_count(affirms, {**negation, "quantities": []}, config)


def test_a_pledge_or_refusal_denies_nothing():
    """A negation under "will"/"would"/"won't" of a first person or a verb of consent is a pledge or a refusal
    ("would not allow violations of its airspace", "we will never negotiate"): no side. A claim with another
    negation of its own ("... and that no soldier was killed"), a "cannot", or a "will not" said of what will
    happen still denies."""
    from claimgraph.link.disputes.config import load_config
    from claimgraph.link.disputes.denials import stance

    config = load_config()

    def side(text: str) -> str | None:
        return stance({"text": text, "status": "reported", "polarity": "negative"}, config)

    assert side("The junta said it would not allow foreign drones over Niamey and would respond.") is None
    assert side("We will never negotiate with the kidnappers, the governor said.") is None
    assert side("The ministry won't accept the monitors' figures, a spokesman said.") is None
    assert side("He said the army would not comment and that no soldier was killed in Diffa.") == "denies"
    assert side("The group said it did not carry out the attack on the convoy.") == "denies"
    assert side("Both accounts of the ambush cannot be true, the analyst said.") == "denies"
    # said of what will happen, not of what someone will do: a denial of a prediction
    assert side("The weather service said the Niger would not flood Niamey this year.") == "denies"
