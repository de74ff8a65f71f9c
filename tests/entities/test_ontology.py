"""The actor ontology: the shipped data passes every check, names resolve, user files extend it."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from claimgraph.entities import ACTOR_TYPES, Ontology, OntologyError, normalise_surface
from claimgraph.entities import ontology as ontology_module


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


@pytest.fixture(scope="module")
def entities_fixtures(fixtures_dir: Path) -> Path:
    return fixtures_dir / "entities"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the shipped data


def test_shipped_files_pass_every_loader_check(onto: Ontology) -> None:
    # load() runs all checks (fields, ids, references, cycles, collisions, common words) and raises on any
    assert isinstance(onto.version, int) and onto.version >= 1
    assert len(onto.files) >= 1 and all(f.endswith(".yaml") for f in onto.files)
    assert len(onto) >= 160
    assert len({a.id for a in onto}) == len(onto)


def test_every_actor_type_is_used(onto: Ontology) -> None:
    for actor_type in ACTOR_TYPES:
        assert onto.by_type(actor_type), actor_type
    with pytest.raises(ValueError, match="unknown actor type 'militia'"):
        onto.by_type("militia")


@pytest.mark.parametrize(
    "surface",
    [
        "ISKP",
        "ISIS-K",
        "IS-K",
        "ISK",
        "Islamic State Khorasan Province",
        "Daesh Khorasan",
        "Wilayat Khorasan",
        "Islamic State – Khorasan Province",  # en dash, as in the news seed
        "Islamic State - Khorasan Province",
        "Islamic State-Khorasan Province",
        "islamic state — khorasan province",
        "ولایت خراسان",
        "ولاية خراسان",
    ],
)
def test_iskp_aliases_resolve_to_iskp(onto: Ontology, surface: str) -> None:
    assert [a.id for a in onto.lookup(surface)] == ["iskp"]


def test_iskp_sits_under_islamic_state(onto: Ontology) -> None:
    assert "islamic-state" in [a.id for a in onto.ancestors("iskp")]
    assert [a.id for a in onto.ancestors("iea-moi")] == ["iea", "afghanistan"]
    assert [a.id for a in onto.ancestors("aqis")] == ["al-qaeda"]
    assert onto.ancestors("afghanistan") == [] and onto.ancestors("no-such-id") == []
    assert "iskp" in [a.id for a in onto.children("islamic-state")]


def test_every_state_organ_chain_ends_at_a_state(onto: Ontology) -> None:
    for organ in onto.by_type("state_organ"):
        chain = onto.ancestors(organ.id)
        assert chain and chain[-1].type == "state", organ.id
        assert organ.country == chain[-1].country, organ.id


def test_ttp_is_allied_with_the_taliban_not_part_of_it(onto: Ontology) -> None:
    ttp = onto["ttp"]
    assert ttp.parent is None and "taliban" in ttp.affiliations


def test_marat_imankulov_is_secretary_of_the_kyrgyz_security_council(onto: Ontology) -> None:
    (person,) = onto.lookup("Marat Imankulov")
    assert person.type == "person"
    assert onto.lookup("Марат Иманкулов") == [person]
    council_roles = [r for r in person.roles if r.org == "kg-security-council"]
    assert council_roles and council_roles[0].country == "KG"
    assert "Secretary" in council_roles[0].title
    assert onto["kg-security-council"].country == "KG"
    assert [a.id for a in onto.ancestors("kg-security-council")] == ["kyrgyzstan"]


def test_roles_and_names_are_read_as_typed_values(onto: Ontology) -> None:
    hibatullah = onto["hibatullah-akhundzada"]
    assert any(r.org == "taliban" and r.start == "2016-05" for r in hibatullah.roles)
    zawahiri = onto["ayman-al-zawahiri"]
    assert any(r.org == "al-qaeda" and r.end == "2022" for r in zawahiri.roles)
    assert "أيمن الظواهري" in zawahiri.names["ar"]
    assert hash(zawahiri) == hash(onto.get("ayman-al-zawahiri"))  # usable as a dict key


def test_declared_ambiguities_return_every_actor_with_a_note(onto: Ontology) -> None:
    assert {a.id for a in onto.lookup("GKNB")} == {"kg-gknb", "tj-gknb"}
    assert {a.id for a in onto.lookup("ГКНБ")} == {"kg-gknb", "tj-gknb"}
    assert {a.id for a in onto.lookup("Foreign Office")} == {"pk-mofa", "uk-fcdo"}
    assert "Tajik" in onto.ambiguity("gknb").note
    assert onto.ambiguity("ISKP") is None


def test_common_words_are_not_surface_forms(onto: Ontology) -> None:
    for word in ("IS", "US", "is", "us", "TIP", "APP", "LeT", "at", "dawn", "the news"):
        assert onto.lookup(word) == [], word
    # "Dawn" stays the outlet's display name; its aliases do the matching
    assert onto["dawn"].name == "Dawn"
    assert [a.id for a in onto.lookup("Dawn News")] == ["dawn"]
    assert ("Dawn", "dawn") not in set(onto.surface_forms())


def test_surface_forms_are_stable_and_each_resolves_to_its_actor(onto: Ontology) -> None:
    forms = list(onto.surface_forms())
    assert forms == list(Ontology.load().surface_forms())
    assert len(forms) == len(set(forms))
    for surface, actor_id in forms:
        assert actor_id in [a.id for a in onto.lookup(surface)], surface
    iskp_forms = [s for s, a in forms if a == "iskp"]
    assert iskp_forms[0] == "Islamic State Khorasan Province"  # name first, then aliases, then languages
    assert "ISIS-K" in iskp_forms and "داعش خراسان" in iskp_forms
    assert iskp_forms.count("ولایت خراسان") == 1  # same string under fa and ps: once


def test_schema_matches_the_loader(onto: Ontology) -> None:
    schema_file = resources.files("claimgraph").joinpath("data/ontology/ontology.schema.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    actor = schema["$defs"]["actor"]
    assert tuple(actor["properties"]["type"]["enum"]) == ACTOR_TYPES
    assert set(actor["properties"]) == ontology_module.ACTOR_KEYS
    assert set(actor["properties"]["roles"]["items"]["properties"]) == ontology_module.ROLE_KEYS
    assert set(schema["properties"]) == ontology_module.FILE_KEYS
    assert set(schema["$defs"]["ambiguity"]["properties"]) == ontology_module.AMBIGUOUS_KEYS
    id_pattern = re.compile(schema["$defs"]["id"]["pattern"])
    country_pattern = re.compile(schema["$defs"]["country"]["pattern"])
    for a in onto:
        assert id_pattern.match(a.id)
        assert a.country is None or country_pattern.match(a.country)


# --------------------------------------------------------------------------- the seeds


def _actors_mentioned(onto: Ontology, text: str) -> set[str]:
    haystack = normalise_surface(text)
    found = set()
    for surface, actor_id in onto.surface_forms():
        key = normalise_surface(surface)
        if re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", haystack):
            found.add(actor_id)
    return found


def test_actors_named_in_the_news_seed(onto: Ontology, seed_news_path: Path) -> None:
    found = _actors_mentioned(onto, seed_news_path.read_text(encoding="utf-8"))
    assert {"iskp", "islamic-state", "taliban", "iea", "at-news", "afghanistan", "pakistan"} <= found


def test_actors_named_in_the_thread_seed(onto: Ontology, seed_thread_path: Path) -> None:
    found = _actors_mentioned(onto, seed_thread_path.read_text(encoding="utf-8"))
    assert {
        "marat-imankulov",
        "kg-security-council",
        "iskp",
        "taliban",
        "al-qaeda",
        "ayman-al-zawahiri",
        "united-states",
    } <= found


# --------------------------------------------------------------------------- user files


def test_user_file_adds_actors_and_extends_existing_ones(entities_fixtures: Path) -> None:
    base = Ontology.load()
    onto = Ontology.load([entities_fixtures / "user_actors.yaml"])
    assert len(onto) == len(base) + 1
    assert onto.files[-1].endswith("user_actors.yaml")
    spokesman = onto["sultan-aziz-azam"]
    assert spokesman.roles[0].org == "iskp"
    assert [a.id for a in onto.lookup("Sultan Aziz")] == ["sultan-aziz-azam"]
    # extensions add surfaces but keep everything the package said
    assert [a.id for a in onto.lookup("Daesh-e-Khorasan")] == ["iskp"]
    assert [a.id for a in onto.lookup("دولت اسلامی ولایت خراسان")] == ["iskp"]
    assert [a.id for a in onto.lookup("Taliban fighters")] == ["taliban"]
    assert onto["iskp"].aliases[: len(base["iskp"].aliases)] == base["iskp"].aliases
    assert onto["iskp"].parent == "islamic-state" and onto["iskp"].type == "armed_group"
    assert ("Daesh-e-Khorasan", "iskp") in set(onto.surface_forms())


def test_reused_id_with_another_type_is_an_error_naming_file_and_id(entities_fixtures: Path) -> None:
    path = entities_fixtures / "conflicting_type.yaml"
    with pytest.raises(OntologyError) as info:
        Ontology.load([path])
    message = str(info.value)
    assert str(path) in message and "'iskp'" in message
    assert "armed_group" in message and "media" in message
    assert "\n" not in message


def test_bad_user_file_is_skipped_whole_when_collecting_errors(entities_fixtures: Path, tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.yaml", "actors:\n  - id: x\n    name: [unclosed\n")
    errors: list[OntologyError] = []
    onto = Ontology.load(
        [broken, entities_fixtures / "conflicting_type.yaml", entities_fixtures / "user_actors.yaml"], errors=errors
    )
    assert [e.path for e in errors] == [str(broken), str(entities_fixtures / "conflicting_type.yaml")]
    assert "not valid YAML" in str(errors[0])
    assert "sultan-aziz-azam" in onto and onto["iskp"].type == "armed_group"


def test_missing_user_file_is_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(OntologyError, match=r"nope\.yaml: cannot read"):
        Ontology.load([missing])


@pytest.mark.parametrize(
    "body, reason",
    [
        (
            "  - {id: new-group, name: New Group, type: armed_group, parent: no-such-group}",
            "parent 'no-such-group' is not a known actor id",
        ),
        (
            "  - {id: new-group, name: New Group, type: armed_group, affiliations: [ghost]}",
            "affiliation 'ghost' is not a known actor id",
        ),
        (
            "  - {id: new-person, name: Jane Analyst, type: person, roles: [{title: Chief, org: ghost}]}",
            "role org 'ghost' is not a known actor id",
        ),
        (
            "  - {id: a-group, name: A Group, type: armed_group, parent: b-group}\n"
            "  - {id: b-group, name: B Group, type: armed_group, parent: a-group}",
            "parent cycle",
        ),
        ("  - {id: new-group, name: New Group, type: gang}", "unknown type 'gang'"),
        ("  - {id: New_Group, name: New Group, type: armed_group}", "lowercase slug"),
        ("  - {id: new-group, name: New Group, type: armed_group, alias: [NG]}", "unknown field(s) alias"),
        ("  - {id: new-group, name: New Group, type: armed_group, country: Afghanistan}", "ISO 3166-1"),
        ("  - {id: new-group, type: armed_group}", "a new actor needs 'name'"),
        ("  - {id: new-group, name: New Group, type: armed_group, aliases: [IS]}", "common word 'is'"),
        ("  - {id: new-group, name: New Group, type: armed_group, aliases: [ISIS-K]}", "also names 'iskp'"),
        ("  - {id: iskp, note: A different note}", "'note' cannot be changed"),
        (
            "  - {id: new-group, name: New Group, type: armed_group}\n"
            "  - {id: new-group, name: New Group, type: armed_group}",
            "defined twice",
        ),
        ("  - {id: new-group, name: New Group, type: armed_group, roles: [{title: Emir}]}", "only persons have roles"),
        ("  - {id: new-person, name: Jane Analyst, type: person, roles: [{title: Chief, from: last year}]}", "YYYY"),
    ],
)
def test_user_file_checks(tmp_path: Path, body: str, reason: str) -> None:
    path = write(tmp_path, "mine.yaml", f"version: 1\nactors:\n{body}\n")
    with pytest.raises(OntologyError) as info:
        Ontology.load([path])
    assert str(info.value).startswith(f"{path}: ")
    assert reason in str(info.value)


def test_a_shared_surface_is_allowed_once_declared_ambiguous(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.yaml",
        """\
actors:
  - {id: khorasan-brigade, name: Khorasan Brigade, type: armed_group, aliases: [ISK]}
ambiguous:
  - surface: ISK
    actors: [iskp, khorasan-brigade]
    note: In this case file ISK also abbreviates the Khorasan Brigade.
""",
    )
    onto = Ontology.load([path])
    assert [a.id for a in onto.lookup("isk")] == ["iskp", "khorasan-brigade"]
    assert onto.ambiguity("ISK").note.startswith("In this case file")


def test_ambiguity_must_name_real_holders_of_the_surface(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.yaml",
        """\
ambiguous:
  - surface: ISKP
    actors: [iskp, taliban]
    note: wrong
""",
    )
    with pytest.raises(OntologyError, match="is not a surface form of taliban"):
        Ontology.load([path])


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    "a, b",
    [
        # Arabic script: yeh, kaf, teh marbuta/heh, tatweel, harakat, alef with hamza
        ("ولاية خراسان", "ولایه خراسان"),
        ("كابل", "کابل"),
        ("ولايت", "ولایت"),
        ("على", "علی"),
        ("القاعـــدة", "القاعده"),
        ("أَيْمَن الظَّوَاهِرِي", "ایمن الظواهری"),
        ("هبت‌الله", "هبت الله"),  # ZWNJ
        # dashes, hyphens and apostrophes
        ("Islamic State – Khorasan Province", "islamic state-khorasan province"),
        ("ISIS‐K", "isis-k"),  # U+2010 hyphen
        ("al‑Qa’ida", "al-qa'ida"),  # non-breaking hyphen, right quote
        ("Daʿesh", "da'esh"),
        # case, Latin diacritics, whitespace, a leading "the"
        ("the Taliban", "taliban"),
        ("The  Taliban ", "taliban"),
        ("THE TALIBAN", "taliban"),
        ("Türkiye", "turkiye"),
        ("António Guterres", "antonio guterres"),
        ("Millî İstihbarat Teşkilatı", "milli istihbarat teskilati"),
        ("Ｔａｌｉｂａｎ", "taliban"),  # NFKC full-width
    ],
)
def test_normalise_surface(a: str, b: str) -> None:
    assert normalise_surface(a) == normalise_surface(b)


def test_normalise_surface_exact_forms() -> None:
    assert normalise_surface("  The   Islamic State – Khorasan Province ") == "islamic state-khorasan province"
    assert normalise_surface("Taliban's") == "taliban's"
    assert normalise_surface("theocracy") == "theocracy"  # only the word "the" is dropped
    assert normalise_surface("Иманкулов") == "иманкулов"
    assert normalise_surface("Бортников Й") == "бортников й"  # Cyrillic й keeps its breve
    assert normalise_surface("Соединённые") == "соединенные"
    assert Ontology.normalise_surface("The ISKP") == "iskp"


def test_lookup_uses_the_normalisation(onto: Ontology) -> None:
    assert [a.id for a in onto.lookup("the Taliban")] == ["taliban"]
    assert [a.id for a in onto.lookup("طالبان")] == ["taliban"]
    assert [a.id for a in onto.lookup("Talibán")] == ["taliban"]  # Latin accents go
    assert [a.id for a in onto.lookup("القاعدة")] == ["al-qaeda"]
    assert [a.id for a in onto.lookup("القاعده")] == ["al-qaeda"]
    assert [a.id for a in onto.lookup("Tehrik-e-Taliban Pakistan")] == ["ttp"]
    assert [a.id for a in onto.lookup("Recep Tayyip Erdogan")] == ["recep-tayyip-erdogan"]
    assert onto.lookup("nobody at all") == []
