"""The entity stage on real documents: the seeds, the example corpus, a user ontology file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimgraph.components import Resources
from claimgraph.entities.extract import EntityExtractor, extract_entities
from claimgraph.entities.ontology import Ontology
from claimgraph.ingest import ReaderOptions, read_paths
from claimgraph.model import ENTITY_TYPES, Document, Source, new_document
from claimgraph.render.terminal import entity_markup
from claimgraph.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "entities"


def _expected_actors(seed_path: Path) -> set[str]:
    """The hand-made actor list of a seed (tests/fixtures/entities/seed_actors.yaml)."""
    table = yaml.safe_load((FIXTURES / "seed_actors.yaml").read_text(encoding="utf-8"))
    return set(table[seed_path.name])


def _process(pipe, path: Path) -> list[Document]:
    """``path`` read and run through ``pipe`` (the session's accurate pipeline: tests/conftest.py)."""
    return [pipe(item) for item in read_paths([str(path)], ReaderOptions())]


@pytest.fixture(scope="module")
def news(accurate_pipeline, seed_news_path) -> Document:
    return _process(accurate_pipeline, seed_news_path)[0]


@pytest.fixture(scope="module")
def thread(accurate_pipeline, seed_thread_path) -> Document:
    return _process(accurate_pipeline, seed_thread_path)[0]


@pytest.fixture(scope="module")
def corpus(accurate_pipeline, examples_dir) -> list[Document]:
    return _process(accurate_pipeline, examples_dir)


def _actors(doc: Document) -> set[str]:
    return {m.actor_id for m in doc.entities if m.actor_id}


def _first(doc: Document, text: str):
    return next(m for m in doc.entities if m.text == text)


@pytest.mark.parametrize("seed", ["news", "thread"])
def test_seed_actors_are_exactly_the_expected_ones(seed, request):
    doc = request.getfixturevalue(seed)
    assert _actors(doc) == _expected_actors(Path(doc.source.path))


@pytest.mark.parametrize("seed", ["news", "thread"])
def test_offsets_point_at_the_text_in_clean_and_raw(seed, request):
    doc = request.getfixturevalue(seed)
    assert doc.entities and list(doc.entities) == sorted(doc.entities, key=lambda m: (m.start, m.end))
    as_json = doc.to_dict()
    verbatim = 0
    for m, j in zip(doc.entities, as_json["entities"]):
        assert doc.clean_text[m.start : m.end] == m.text
        assert m.type in ENTITY_TYPES
        raw = doc.raw_text[j["raw_start"] : j["raw_end"]]
        if " ".join(raw.split()) == m.text:
            verbatim += 1
        assert raw == m.text or " ".join(raw.split()) == " ".join(m.text.split())
    assert verbatim == len(doc.entities)


def test_news_seed_actors_and_places(news):
    assert _first(news, "ISKP").actor_id == "iskp"
    dashed = _first(news, "Islamic State – Khorasan Province")
    assert (dashed.actor_id, dashed.actor_name) == ("iskp", "Islamic State Khorasan Province")
    assert _first(news, "Taliban").actor_id == "taliban"
    nangarhar, kunar = _first(news, "Nangarhar"), _first(news, "Kunar")
    assert (nangarhar.place_id, nangarhar.precision, nangarhar.type) == ("AF-NAN", "admin1", "Location")
    assert (kunar.place_id, kunar.admin1, kunar.country) == ("AF-KNR", "AF-KNR", "AF")
    kabul = _first(news, "KABUL")  # the dateline
    assert (kabul.place_name, kabul.precision, kabul.country) == ("Kabul", "city", "AF")
    assert kabul.lat == pytest.approx(34.53, abs=0.05) and kabul.lon == pytest.approx(69.17, abs=0.05)
    afghan = _first(news, "Afghan")
    assert (afghan.type, afghan.country) == ("Nationality", "AF")


def test_a_state_is_one_mention_with_actor_and_place(news):
    state = _first(news, "Afghanistan")
    assert (state.actor_id, state.place_id, state.country, state.type) == (
        "afghanistan",
        "country:AF",
        "AF",
        "Location",
    )
    assert state.lat is not None and state.method == "ontology"


def test_thread_person_with_role_and_coref(thread):
    imankulov = _first(thread, "Marat Imankulov")
    assert (imankulov.type, imankulov.actor_id) == ("Person", "marat-imankulov")
    assert imankulov.role == "Secretary of the Security Council"
    assert (imankulov.role_org, imankulov.country) == ("kg-security-council", "KG")
    council = _first(thread, "Security Council of Kyrgyzstan")
    assert (council.actor_id, council.country) == ("kg-security-council", "KG")
    assert _first(thread, "Kyrgyzstan").actor_id == "kyrgyzstan"
    later = thread.clean_text.index("Imankulov himself")
    coref = next(m for m in thread.entities if m.start == later)
    assert (coref.text, coref.method, coref.actor_id, coref.role) == (
        "Imankulov",
        "coref",
        "marat-imankulov",
        "Secretary of the Security Council",
    )


def test_thread_us_al_qaeda_kabul_and_pronoun(thread):
    us = [m for m in thread.entities if m.text == "US"]
    assert len(us) == 3 and all(m.actor_id == "united-states" and m.place_id == "country:US" for m in us)
    assert _first(thread, "Al-Qaeda").actor_id == "al-qaeda"
    kabul = _first(thread, "Kabul")
    assert (kabul.precision, kabul.admin1) == ("city", "AF-KAB") and kabul.lat and kabul.lon
    zawahiri = _first(thread, "Ayman al-Zawahiri")
    assert (zawahiri.role, zawahiri.role_org) == ("leader", "al-qaeda")
    his = next(m for m in thread.entities if m.text == "his")
    assert (his.type, his.method, his.actor_id) == ("Person", "coref", "ayman-al-zawahiri")


def test_stage_is_pure_and_deterministic(thread):
    extractor = Resources(Settings.defaults()).entities  # the pipeline's: accurate mode's parse tagger included
    again = extract_entities(thread, extractor)
    assert again.entities == thread.entities
    assert extract_entities(thread.replace(entities=()), extractor).entities == thread.entities


def test_tagger_adds_general_types(thread):
    types = {m.type for m in thread.entities if m.method == "model"}
    assert {"Quantity", "Temporal"} <= types
    seven_thousand = _first(thread, "7,000")
    assert seven_thousand.type == "Quantity"


def test_example_corpus_links_every_iskp_spelling(corpus):
    spellings = {m.text for d in corpus for m in d.entities if m.actor_id == "iskp"}
    assert {"ISKP", "Islamic State Khorasan Province"} <= spellings
    # no mention of a spelling of ISKP is left unlinked
    for doc in corpus:
        for m in doc.entities:
            if m.text in spellings:
                assert m.actor_id == "iskp", (doc.source.path, m)


def test_example_corpus_places_and_organs(corpus):
    by_text = {}
    for doc in corpus:
        for m in doc.entities:
            by_text.setdefault(m.text, m)
    assert by_text["Surkh Rod"].admin1 == "AF-NAN" and by_text["Surkh Rod"].precision == "district"
    assert by_text["Jalalabad"].place_id == "geonames:1139715"
    assert by_text["Chawkay"].admin1 == "AF-KNR"
    assert by_text["Torkham"].place_id == "landmark:torkham"
    assert by_text["Ministry of Interior"].actor_id == "iea-moi"
    saqib = by_text["Mawlawi Abdul Rahim Saqib"]
    assert (saqib.type, saqib.role, saqib.actor_id) == ("Person", "spokesman", None)


def test_spellings_fixture(accurate_pipeline, fixtures_dir):
    doc = _process(accurate_pipeline, fixtures_dir / "entities" / "iskp_spellings.txt")[0]
    iskp = [m.text for m in doc.entities if m.actor_id == "iskp"]
    assert {
        "Islamic State – Khorasan Province",
        "Islamic State-Khorasan Province",
        "ISIS-K",
        "IS-K",
        "Daesh Khorasan",
        "ولاية خراسان",
    } <= set(iskp)
    assert [m.text for m in doc.entities if m.actor_id == "united-states"] == ["US"]  # not "us"
    assert [m.text for m in doc.entities if m.actor_id == "un"] == ["UN"]  # not French "un"
    karimi = _first(doc, "Rahmatullah Karimi")
    assert (karimi.method, karimi.actor_id, karimi.country) == ("role", None, "AF")
    assert karimi.role == "deputy governor of Nangarhar province"


def test_user_ontology_adds_an_actor(accurate_pipeline, fixtures_dir, tmp_path, entity_extractor):
    text = tmp_path / "shura.txt"
    text.write_text(
        "Elders of the Sultanpur Elders Shura met in Surkh Rod. The SES asked for calm.\n", encoding="utf-8"
    )
    doc = _process(accurate_pipeline, text)[0]
    assert "sultanpur-elders-shura" not in _actors(doc)
    ontology = Ontology.load((str(fixtures_dir / "entities" / "user_actor_shura.yaml"),))
    extractor = EntityExtractor(ontology, entity_extractor.gazetteer, entity_extractor.tagger)
    linked = extract_entities(doc, extractor)
    shura = [m for m in linked.entities if m.actor_id == "sultanpur-elders-shura"]
    assert [m.text for m in shura] == ["Sultanpur Elders Shura", "SES"]


def test_entity_markup_is_non_overlapping_and_labelled(thread):
    markup = entity_markup(thread)
    assert markup and all(a[1] <= b[0] for a, b in zip(markup, markup[1:]))
    label = next(lbl for start, end, lbl, _ in markup if thread.clean_text[start:end] == "Marat Imankulov")
    assert label == "Person: Marat Imankulov (Secretary of the Security Council)"
    assert all(style for *_, style in markup)


def test_blank_document_has_no_entities(entity_extractor):
    doc = new_document(Source("blank.txt", "txt"), "  \n ").replace(clean_text="  \n ")
    assert extract_entities(doc, entity_extractor).entities == ()


def test_after_compass_reads_the_words_before_a_name_as_the_whole_text_search_did():
    from claimgraph.entities.extract import COMPASS_BEFORE, after_compass

    texts = [
        "Shelling in Eastern Ukraine killed two.",
        "A blast in south-western  \n Pakistan; SW Pakistan blast; NE Syria; central Mali.",
        "The Southern\u00a0Sudan talks. SouthernMali. Northern Ireland. west Africa. Midwestern Iowa.",
        "northern Mali",
        "In  northern   Mali and in non-northern Niger, troops in the north Kivu.",
        "SOUTH-EASTERN NIGERIA: gunmen in \tNorth\nMali",
    ]
    checked = found = 0
    for text in texts:
        for start in range(len(text) + 1):
            assert after_compass(text, start) == (COMPASS_BEFORE.search(text, 0, start) is not None), (text, start)
            checked += 1
            found += after_compass(text, start)
    assert checked > 300 and found > 15
