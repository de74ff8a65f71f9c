"""A person speaker named with his office ("X, Ministry of Interior spokesman, said", "said Colonel Y,
a spokesman for the Pakistan Army", "according to Z, who commands the Frontier Corps") speaks for that
organisation: the claim's speaker actor is the organisation (the ontology's, or the one the entity stage
links with the story's country), the speaker name stays the person's. A former office, an organisation
the person only speaks to or criticises, a village or a role with no organisation give no actor.

SYNTHETIC: sentences written for this test (wire, statements, local press; 14 countries), not real
reporting. Split by sha1 of the text (first 8 hex digits as an integer, mod 3 == 0: dev), recorded in the
table; the rules were written from the train rows, the dev rows measured once (docs/quality.md, "Speakers
named with their office"). The tests check the train rows; the dev rows are only scored there.
"""

from __future__ import annotations

import hashlib

import pytest

from claimgraph.claims import extract_claims
from claimgraph.clean import clean_document, load_rules
from claimgraph.entities.extract import EntityExtractor, extract_entities
from claimgraph.model import Metadata, Source, new_document

EXTRACTOR = EntityExtractor.load()

# (text, first word of the speaker span, gold speaker actor, split, style and country / trap)
CASES = [
    (
        "Mawlawi Abdul Wahid Haqyar, Ministry of Interior spokesman, said 11 people were killed in the "
        "blast in Jalalabad on Friday.",
        "Mawlawi",
        "iea-moi",
        "dev",
        "statement AF",
    ),
    (
        "Four militants were arrested in Quetta overnight, Ministry of Interior spokesman Qadir Jamali "
        "told reporters in the Balochistan capital.",
        "Ministry",
        "pk-moi",
        "train",
        "wire PK",
    ),
    (
        "Thirty inmates escaped from the Kuje prison near Abuja after the attack, Ministry of Interior "
        "spokesman Aliyu Bello said on Wednesday.",
        "Ministry",
        None,
        "dev",
        "wire NG: no Nigerian organ known",
    ),
    (
        "The attackers killed 12 soldiers at the base outside Maiduguri, said Colonel Aminu Yusuf, a "
        "spokesman for the Nigerian army.",
        "Colonel",
        "ng-army",
        "train",
        "wire NG: the Nigerian Army (in the ontology since actors2)",
    ),
    (
        "Major General Tariq Mehmood, director general of ISPR, told a news conference in Rawalpindi that"
        " 11 terrorists had been killed in North Waziristan.",
        "Major",
        "ispr",
        "dev",
        "press PK",
    ),
    (
        "Two soldiers died in the exchange of fire near Wana, said Lieutenant Colonel Rizwan Malik, a "
        "spokesman for the Pakistan Army.",
        "Lieutenant",
        "pk-army",
        "train",
        "wire PK",
    ),
    (
        "Abdiaziz Abu Musab, spokesman for al-Shabaab's military operations, said 20 soldiers had died in"
        " the raid on the base near Mogadishu.",
        "Abdiaziz",
        "al-shabaab",
        "dev",
        "wire SO",
    ),
    (
        "Abu Hudhaifa al-Bambari, a spokesman for JNIM, said the group had taken 30 soldiers prisoner "
        "near Boulkessi in central Mali.",
        "Abu",
        "jnim",
        "train",
        "wire ML",
    ),
    (
        "Lawrence Kanyinda, M23's political spokesman, said on Sunday that the rebels had not entered Goma.",
        "Lawrence",
        "m23",
        "dev",
        "press CD",
    ),
    (
        "Ahmad Nasser, a spokesman for Hamas in Gaza, said 40 people had been killed in the overnight "
        "strikes on Khan Younis.",
        "Ahmad",
        "hamas",
        "train",
        "wire PS",
    ),
    (
        "Antonio Gallo, a commander of the ELN, told local radio in Arauca that the group had freed three hostages.",
        "Antonio",
        "eln",
        "train",
        "local press CO",
    ),
    (
        "Nurlan Osmonov, head of the GKNB press service, told reporters in Bishkek that three suspects "
        "had been detained in Osh.",
        "Nurlan",
        "kg-gknb",
        "train",
        "press KG: GKNB by story country",
    ),
    (
        "Two militants were killed on the border, said Saidjon Rahmonov, a spokesman for the GKNB, in "
        "Dushanbe on Tuesday.",
        "Saidjon",
        "tj-gknb",
        "train",
        "wire TJ: GKNB by story country",
    ),
    (
        "Ayesha Qureshi, the Foreign Office spokeswoman, told the weekly briefing in Islamabad that "
        "Pakistan had lodged a strong protest.",
        "Ayesha",
        "pk-mofa",
        "dev",
        "press PK: Foreign Office by story country",
    ),
    (
        "Daniel Hughes, a Foreign Office spokesman, said in London that two British nationals had been "
        "detained in Tehran.",
        "Daniel",
        "uk-fcdo",
        "train",
        "wire GB: Foreign Office by story country",
    ),
    (
        "Olga Petrova, a spokeswoman for the Russian Foreign Ministry, said in Moscow that the talks had "
        "been postponed.",
        "Olga",
        "ru-mfa",
        "dev",
        "wire RU",
    ),
    (
        "Maria Lopez, a spokeswoman for the UN mission in Afghanistan (UNAMA), said 26 civilians had been"
        " injured in the Kabul blast.",
        "Maria",
        "unama",
        "dev",
        "wire AF",
    ),
    (
        "Elena Varga, spokeswoman for the UN human rights office (OHCHR), told reporters in Geneva that "
        "14 civilians were killed in Kharkiv.",
        "Elena",
        "ohchr",
        "train",
        "wire UA",
    ),
    (
        "Captain Jane Ellis, a spokeswoman for US Central Command, said the strike in eastern Syria had "
        "killed two Islamic State leaders.",
        "Captain",
        "centcom",
        "train",
        "wire SY",
    ),
    (
        "Ali Rezaei, a spokesman for the Revolutionary Guards, told state television in Tehran that the "
        "drones had been shot down.",
        "Ali",
        "irgc",
        "train",
        "state TV IR",
    ),
    (
        "Spokesman for the Islamic Emirate, Mawlawi Saifullah Zaki, said in a statement that nine "
        "fighters were killed in Panjshir.",
        "Spokesman",
        "iea",
        "dev",
        "statement AF: title first",
    ),
    (
        "Fifteen soldiers were killed in the raid near Monguno, said Abu Khalid al-Borno, an ISWAP "
        "commander, in an audio message.",
        "Abu",
        "iswap",
        "train",
        "audio NG",
    ),
    (
        "TTP spokesman Asadullah Wazir claimed the attack on the police station in Bannu in a message to reporters.",
        "TTP",
        "ttp",
        "train",
        "press PK: org before the title",
    ),
    (
        "According to Brigadier Faisal Iqbal, who commands the Frontier Corps in Balochistan, six "
        "attackers were killed near Turbat.",
        "Brigadier",
        "fc",
        "train",
        "press PK: who commands",
    ),
    (
        "Eight civilians were wounded, according to Colonel Imran Khattak, who heads the ISPR office in Peshawar.",
        "Colonel",
        "ispr",
        "train",
        "wire PK: who heads",
    ),
    (
        "Qasim Rahmani, a former Ministry of Defence spokesman, now an opposition politician in Kabul, "
        "said the official figures were inflated.",
        "Qasim",
        None,
        "dev",
        "trap AF: former",
    ),
    (
        "The families were never told where the bodies were, said Farid Noorzai, who was speaking to the "
        "Ministry of Interior on their behalf in Kabul.",
        "Farid",
        None,
        "dev",
        "trap AF: speaking to",
    ),
    (
        "Gul Agha, a farmer from Sultanpur village in Nangarhar, said 17 people were buried on Saturday.",
        "Gul",
        None,
        "train",
        "trap AF: village",
    ),
    (
        "Abdul Ghani, an elder from Chaparhar district, said the Taliban had searched every house.",
        "Abdul",
        None,
        "train",
        "trap AF: district",
    ),
    (
        "Hassan Omar, a hospital official in Mogadishu, said 25 wounded had been admitted overnight.",
        "Hassan",
        None,
        "dev",
        "trap SO: role without organisation",
    ),
    (
        "Mohammed Bashir, a driver who works for the UN refugee agency UNHCR, said the convoy had been "
        "stopped at Torkham.",
        "Mohammed",
        None,
        "dev",
        "trap AF/PK: works for",
    ),
    (
        "Tariq Aziz, a critic of the Pakistan Army, said in Lahore that the operation had displaced thousands.",
        "Tariq",
        None,
        "train",
        "trap PK: critic of",
    ),
    (
        "Ahmad Zia, whose brother is a Taliban commander, told reporters in Ghazni that the road had been mined.",
        "Ahmad",
        None,
        "train",
        "trap AF: whose brother",
    ),
    (
        "Abdul Basir, a spokesman, said in Herat that the border crossing would reopen on Monday.",
        "Abdul",
        None,
        "dev",
        "trap AF: spokesman of nothing",
    ),
    (
        "According to Dr Hamid Sultani, who heads the regional hospital in Jalalabad, 40 wounded were brought in.",
        "Dr",
        None,
        "dev",
        "trap AF: heads a hospital",
    ),
    (
        "Yusuf Karimi, a former TTP commander who surrendered last year, told reporters in Swat that the "
        "group was recruiting again.",
        "Yusuf",
        None,
        "dev",
        "trap PK: former commander",
    ),
    (
        "Sardar Khan, the malik of Kuz Kunar village, said the strike had hit a wedding party.",
        "Sardar",
        None,
        "dev",
        "trap AF: malik of a village",
    ),
    (
        "Amina Yusuf, a survivor of the ISWAP attack on Dikwa, said the gunmen had burned the market.",
        "Amina",
        None,
        "train",
        "trap NG: survivor of an attack",
    ),
]

# Train rows whose speaker fast mode's rules do not find at all: "told reporters in Bishkek that" takes
# the reporters for the speaker (an attribution fault, not a speaker one; accurate mode finds them).
FAST_ATTRIBUTION_MISSES = frozenset({"Nurlan", "Elena", "Ahmad Zia"})


def split_of(text: str) -> str:
    return "dev" if int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % 3 == 0 else "train"


def speaker_of(text: str, first: str, attribution=None):
    """The claim whose speaker span starts with ``first`` (None when no claim has that speaker)."""
    doc = clean_document(new_document(Source("fixture.txt", "txt"), text, Metadata()), load_rules())
    doc = extract_entities(doc.replace(language="en"), EXTRACTOR)
    doc = extract_claims(doc, EXTRACTOR.ontology, attribution=attribution)
    found = [c for c in doc.claims if c.speaker_start is not None and c.speaker_text.startswith(first)]
    return found[0] if found else None


def _train():
    return [(t, f, g) for t, f, g, s, _ in CASES if s == "train"]


def _known_miss(text: str) -> bool:
    return any(text.startswith(k) for k in FAST_ATTRIBUTION_MISSES)


def test_the_split_is_the_recorded_one():
    assert all(split_of(text) == split for text, _, _, split, _ in CASES)
    assert len(CASES) >= 30 and {s for *_, s, _ in CASES} == {"train", "dev"}


@pytest.mark.parametrize("text,first,gold", _train())
def test_train_speaker_actor_fast(text, first, gold):
    claim = speaker_of(text, first)
    if _known_miss(text):
        assert claim is None  # the day fast mode finds this speaker, check its actor here
        return
    assert claim is not None, "no claim with that speaker"
    assert claim.speaker_actor == gold
    if gold is not None:
        assert claim.speaker_name and claim.speaker_name[:1].isupper()  # the person's name, not the office


@pytest.fixture(scope="module")
def learned():
    pytest.importorskip("spacy", reason="the learned attribution reads the spaCy parse (the events extra)")
    from claimgraph.claims.attribution_model import AttributionModel, LearnedAttribution
    from claimgraph.events.parse import ParserMissing, SentenceParses, load_parser

    try:
        return LearnedAttribution(AttributionModel.load(), SentenceParses(load_parser()))
    except ParserMissing:  # pragma: no cover - the events extra without its weights
        pytest.skip("the pinned parser weights are not installed")


def test_train_speaker_actor_accurate(learned):
    wrong = [(t, g) for t, f, g in _train() if getattr(speaker_of(t, f, learned), "speaker_actor", "-") != g]
    assert wrong == []


def test_a_pronoun_after_a_spokesman_takes_his_organisation_and_name():
    text = (
        "Mawlawi Abdul Wahid Haqyar, Ministry of Interior spokesman, said the blast in Jalalabad killed 11. "
        "He said the attackers had been arrested."
    )
    claim = speaker_of(text, "He")
    assert claim.speaker_actor == "iea-moi" and claim.speaker_name == "Mawlawi Abdul Wahid Haqyar"


def test_one_ministry_name_is_each_story_country_organ():
    afghan = speaker_of("Ministry of Interior spokesman Qadir Jamali said 11 people were killed in Jalalabad.", "Min")
    pakistani = speaker_of("Ministry of Interior spokesman Qadir Jamali said 11 people were killed in Quetta.", "Min")
    assert (afghan.speaker_actor, pakistani.speaker_actor) == ("iea-moi", "pk-moi")


def _author_actors(text: str, author: str, site: str) -> set:
    meta = Metadata(author=author, site=site)
    doc = clean_document(new_document(Source("statement.txt", "txt"), text, meta), load_rules())
    doc = extract_claims(extract_entities(doc.replace(language="en"), EXTRACTOR), EXTRACTOR.ontology)
    return {c.speaker_actor for c in doc.claims if c.speaker_kind == "author"}


def test_a_spokesmans_own_statement_is_his_organisations_claim():
    # synthetic statements: the author field names the person with his office, the body the organ
    body = (
        "A blast struck a market in {place} on Tuesday. Four people were killed and nine were wounded. "
        "The Ministry of Interior rejects the higher figures published by some foreign media."
    )
    author = "Mawlawi Khalid Nouri, Ministry of Interior spokesman"
    assert _author_actors(body.format(place="Jalalabad, Nangarhar province"), author, "MoI (social media)") == {
        "iea-moi"
    }
    assert _author_actors(body.format(place="Peshawar, Khyber Pakhtunkhwa"), author, "MoI (social media)") == {"pk-moi"}
    # a reporter's byline on an outlet: the claims are the reporter's, no organisation's
    assert _author_actors(body.format(place="Jalalabad, Nangarhar province"), "Jawed Amiri", "Kabul Ledger") == {None}


@pytest.mark.parametrize(
    "text,first,gold",
    [
        (
            "The Pakistan Army's media wing issued a statement on Sunday. "
            "Its spokesman, Major Adeel Rana, said six soldiers were killed near Miranshah.",
            "Its",
            "pk-army",
        ),
        (
            "Al-Shabaab released an audio message on Monday. "
            "Its spokesman, Abdirahman Warsame, said 30 soldiers had died in the raid near Mogadishu.",
            "Its",
            "al-shabaab",
        ),
        # a person's possessive names no organisation
        (
            "The Pakistan Army said six soldiers were killed near Miranshah. "
            "His spokesman, Major Adeel Rana, said the attackers had crossed from Afghanistan.",
            "His",
            None,
        ),
        # the same person named again speaks for the same organisation
        (
            "Major Adeel Rana, a spokesman for the Pakistan Army, said six soldiers were killed near Miranshah. "
            "Rana said the attackers had crossed from Afghanistan.",
            "Rana",
            "pk-army",
        ),
    ],
)
def test_its_spokesman_and_the_same_person_again(text, first, gold):
    claim = speaker_of(text, first)
    assert claim.speaker_actor == gold
