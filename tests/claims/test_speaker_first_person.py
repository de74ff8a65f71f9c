"""First-person speakers ("we", "our findings") in an organisation's own statement are that
organisation; elsewhere (an op-ed, a news story) they stay the writer's own voice. Synthetic
statements across organisations and conflicts, written before the code (not from the example corpus)."""

from __future__ import annotations

from claimgraph.claims import extract_claims
from claimgraph.clean import clean_document, load_rules
from claimgraph.entities.extract import EntityExtractor, extract_entities
from claimgraph.model import Metadata, Source, new_document

EXTRACTOR = EntityExtractor.load()


def _claims(text: str, author: str | None = None, site: str | None = None):
    meta = Metadata(author=author, site=site)
    doc = clean_document(new_document(Source("fixture.txt", "txt"), text, meta), load_rules())
    doc = extract_claims(extract_entities(doc.replace(language="en"), EXTRACTOR), EXTRACTOR.ontology)
    return [c for c in doc.claims if c.cue]


def _speakers(claims) -> dict[str, tuple[str | None, str | None]]:
    return {c.cue: (c.speaker_text, c.speaker_name) for c in claims}


def test_a_ministry_post_speaks_for_the_ministry():
    claims = _claims(
        "We confirm that 14 militants were killed in the operation near Maiduguri.",
        author="Defence Headquarters press desk",
        site="Ministry of Defence of Nigeria (official account)",
    )
    [claim] = [c for c in claims if c.cue.startswith("confirm")]
    assert claim.speaker_text == "We"
    assert claim.speaker_name == "Defence Headquarters"  # the author field names the organisation first


def test_an_ngo_statement_speaks_for_the_ngo():
    claims = _claims(
        "Our medical teams confirmed that 23 wounded people were treated at the hospital in Khartoum overnight.",
        author="Sudan Doctors Network",
    )
    [claim] = claims
    assert claim.speaker_name == "Sudan Doctors Network"


def test_a_militant_claim_speaks_for_the_group():
    claims = _claims(
        "Our preliminary investigation shows that the convoy lost nine vehicles near Mopti.",
        site="Jama'at Nusrat al-Islam wal-Muslimin media office",
    )
    [claim] = claims
    assert claim.speaker_text == "Our preliminary investigation"
    assert claim.speaker_name is not None and "Nusrat" in claim.speaker_name


def test_an_op_ed_we_is_the_writer_not_a_speaker():
    claims = _claims(
        "We believe that the ceasefire in Gaza will collapse within a month. "
        "Our findings suggest that aid deliveries fell by half in March.",
        author="Layla Haddad",
        site="The Levant Review",
    )
    for claim in claims:
        assert claim.speaker_text is None or not claim.speaker_text.lower().startswith(("we", "our"))


def test_a_quoted_we_in_an_organisation_statement_is_not_the_organisation():
    claims = _claims(
        "“We believe that nine people died in the fire,” a resident of Goma told the mission. "
        "A nurse said: “Our records show that 40 patients arrived in one night.”",
        site="United Nations Organization Stabilization Mission in the DR Congo",
    )
    assert all(c.speaker_name != "United Nations Organization Stabilization Mission in the DR Congo" for c in claims)


def test_the_site_names_the_organisation_when_the_author_is_a_spokesman():
    claims = _claims(
        "We confirm that three drones were shot down over the Belgorod region overnight.",
        author="Colonel Ivan Petrov, spokesman",
        site="Ministry of Defence of the Russian Federation (Telegram)",
    )
    [claim] = claims
    assert claim.speaker_name == "Ministry of Defence of the Russian Federation"


def test_us_the_country_is_no_first_person_speaker():
    claims = _claims(
        "US officials said that two militia leaders were killed in the strike near Al-Qaim.",
        site="Ministry of Interior of Iraq",
    )
    [claim] = claims
    assert claim.speaker_text == "US officials"


def test_third_person_speakers_in_a_statement_stay_as_they_are():
    claims = _claims(
        "The governor of Kherson said that two civilians were wounded by shelling.",
        site="Ministry of Internal Affairs of Ukraine",
    )
    [claim] = claims
    assert claim.speaker_text == "The governor of Kherson"


def test_a_groups_own_outlet_speaks_for_the_group():
    """A Sahel trial's JNIM statement came from its media office (Az-Zallaqa Foundation): its claims were the
    outlet's name, not JNIM's, so the group's own toll had no group. An independent outlet stays the writer's."""
    text = "The mujahideen killed 40 soldiers of the apostate army near Djibo and seized their vehicles."
    meta = Metadata(site="Az-Zallaqa Foundation")
    doc = clean_document(new_document(Source("fixture.txt", "txt"), text, meta), load_rules())
    doc = extract_claims(extract_entities(doc.replace(language="en"), EXTRACTOR), EXTRACTOR.ontology)
    assert {c.speaker_actor for c in doc.claims if c.speaker_kind == "author"} == {"jnim"}
    doc = clean_document(new_document(Source("fixture.txt", "txt"), text, Metadata(site="Reuters")), load_rules())
    doc = extract_claims(extract_entities(doc.replace(language="en"), EXTRACTOR), EXTRACTOR.ontology)
    assert "jnim" not in {c.speaker_actor for c in doc.claims}
