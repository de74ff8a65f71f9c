"""Slots from a document that carries entity mentions (the entities stage's output)."""

from claimgraph.events import detect_events
from claimgraph.model import Mention, Metadata, Source, new_document

TEXT = (
    "KABUL, 7 March 2025 – A suicide bomber killed at least 12 worshippers and wounded up to 30 "
    "at a mosque in Surkh Rod on Friday. The Islamic State claimed responsibility for the attack "
    "through its Amaq news agency. The Taliban denied that ISKP has a presence in the province."
)


def mention(text, surface, **fields):
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, fields.pop("type", "Organisation"), **fields)


def document(text, mentions, date=None):
    doc = new_document(Source("snippet.txt", "txt"), text, Metadata(date=date))
    return doc.replace(clean_text=text, language="en", entities=tuple(mentions))


def make_doc(date=None):
    mentions = [
        mention(
            TEXT,
            "KABUL",
            type="Location",
            place_id="geonames:1138958",
            place_name="Kabul",
            admin1="Kabul",
            country="AF",
            lat=34.5,
            lon=69.2,
            precision="city",
        ),
        mention(
            TEXT,
            "Surkh Rod",
            type="Location",
            place_id="AF-NAN-surkhrod",
            place_name="Surkh Rod",
            admin1="Nangarhar",
            country="AF",
            lat=34.4,
            lon=70.3,
            precision="district",
        ),
        mention(TEXT, "Islamic State", actor_id="islamic-state", actor_type="armed_group"),
        mention(TEXT, "Taliban", actor_id="taliban", actor_type="armed_group"),
        mention(TEXT, "ISKP", actor_id="iskp", actor_type="armed_group"),
    ]
    return detect_events(document(TEXT, mentions, date))


def test_bombing_slots_from_mentions_and_dateline():
    doc = make_doc()
    [bomb] = [e for e in doc.events if e.type == "SUIC_BOMB"]
    assert (bomb.fatalities, bomb.fatalities_qualifier) == (12, "at_least")
    assert (bomb.injured, bomb.injured_qualifier) == (30, "at_most")
    assert bomb.location == "Surkh Rod" and bomb.admin1 == "Nangarhar"  # "in Surkh Rod", not the dateline
    # no document date: the dateline anchors "on Friday"
    assert (bomb.date_start, bomb.date_precision) == ("2025-03-07", "day")
    assert not [e for e in doc.events if e.type == "ATTACK"]  # the bombing is not also an "attack"


def test_claim_of_responsibility_links_to_the_event_it_claims():
    doc = make_doc(date="2025-03-08")
    [bomb] = [e for e in doc.events if e.type == "SUIC_BOMB"]
    [claim] = [e for e in doc.events if e.type == "ATTRIB"]
    assert claim.actor1 == "islamic-state" and claim.claims_event == bomb.id and bomb.claimed is True
    assert bomb.date_start == "2025-03-07"  # the document date wins over the dateline


def test_statement_event_with_speaker():
    doc = make_doc()
    [deny] = [e for e in doc.events if e.type == "DENY"]
    assert deny.actor1 == "taliban" and deny.event_type == "Statements" and deny.location is None


def test_unclaimed_attack_and_perpetrator_after_by():
    text = "Two policemen were shot dead by ISKP gunmen in Jalalabad; the attack remains unclaimed."
    mentions = [
        mention(text, "ISKP", actor_id="iskp", actor_type="armed_group"),
        mention(
            text,
            "Jalalabad",
            type="Location",
            place_id="geonames:1138336",
            place_name="Jalalabad",
            admin1="Nangarhar",
            country="AF",
            lat=34.4,
            lon=70.4,
            precision="city",
        ),
    ]
    doc = detect_events(document(text, mentions))
    [attack] = [e for e in doc.events if e.type == "ATTACK"]
    assert attack.actor1 == "iskp" and attack.claimed is False and attack.location == "Jalalabad"


def test_every_event_is_typed_and_points_into_the_text():
    doc = make_doc()
    assert doc.events
    for e in doc.events:
        assert doc.clean_text[e.trigger_start : e.trigger_end] == e.trigger
        assert e.sentence_start <= e.trigger_start < e.trigger_end <= e.sentence_end
        assert 0 < e.confidence <= 1


def test_empty_document_has_no_events():
    assert detect_events(document("", [])).events == ()


def test_victims_are_not_perpetrators_and_targets_may_be_descriptions():
    text = "Five people were killed when gunmen attacked a police station in Jalalabad."
    doc = detect_events(document(text, [mention(text, "Five people", type="Person")]))
    # an attack on a police station is a clash with its armed unit in ACLED's coding (ARMED_CLASH since session 12)
    [attack] = [e for e in doc.events if e.type in ("ATTACK", "ARMED_CLASH")]
    assert attack.actor1_text == "gunmen"  # not the dead: the subject of "attacked", named by description
    assert attack.actor2_text in ("Five people", "police station")


def test_passive_voice_takes_the_agent_after_by():
    text = "A tribal elder was abducted by the Taliban near Ghazni."
    doc = detect_events(document(text, [mention(text, "Taliban", actor_id="taliban", actor_type="armed_group")]))
    [abduction] = [e for e in doc.events if e.type == "ABDUCT_DISSAP"]
    assert abduction.actor1 == "taliban" and abduction.actor2_text == "tribal elder"


def test_possessive_perpetrator_and_target_after_on():
    text = "ISKP's attack on a Shia mosque killed 20 worshippers."
    doc = detect_events(document(text, [mention(text, "ISKP", actor_id="iskp", actor_type="armed_group")]))
    [attack] = [e for e in doc.events if e.type == "ATTACK"]
    assert attack.actor1 == "iskp" and attack.actor2_text in ("Shia mosque", "20 worshippers")


def test_modal_and_conditional_events_are_hypothetical():
    for text in (
        "The ministry said the men would soon be arrested.",
        "If the group were to attack the city, the army would respond.",
        "The cell had been planning attacks during Ramadan.",
    ):
        doc = detect_events(document(text, []))
        assert doc.events and all(e.modality == "hypothetical" for e in doc.events), text
    doc = detect_events(document("Police arrested six men in Herat on Monday.", []))
    assert [e.modality for e in doc.events] == [None]


def test_a_definite_mention_is_a_further_mention_of_the_event():
    text = (
        "A roadside bomb killed three soldiers in Kunar on Monday. "
        "UNAMA condemned the attack. The blast was the third this month."
    )
    doc = detect_events(document(text, [], date="2025-03-10"))
    [bomb] = [e for e in doc.events if not e.modality]
    assert bomb.type == "REM_EXPLOS" and len(bomb.mentions) == 2
    assert [text[int(s) : int(e)] for s, e in (m.split(":") for m in bomb.mentions)] == ["attack", "blast"]


def _place(text, surface, place_id, admin1, country, precision="city"):
    return mention(
        text,
        surface,
        type="Location",
        place_id=place_id,
        place_name=surface.title(),
        admin1=admin1,
        country=country,
        lat=0.0,
        lon=0.0,
        precision=precision,
    )


# the dateline is where the report was filed; the second sentence names no place and refers back to "the attack"
_RAID_AND_TOLL = (
    "KINSHASA, 4 May 2025 – Rebels raided a village outside Beni on Sunday.\n"
    "Eight villagers were killed in the attack, the governor said."
)


def _toll_place(beni: Mention) -> tuple[str, str]:
    places = [_place(_RAID_AND_TOLL, "KINSHASA", "geonames:2314302", "Kinshasa", "CD"), beni]
    doc = detect_events(document(_RAID_AND_TOLL, places, date="2025-05-05"))
    [toll] = [e for e in doc.events if e.fatalities == 8]
    return toll.location, toll.admin1


def test_a_toll_told_of_the_attack_is_where_the_attack_was_not_at_the_dateline():
    # it reports the attack's toll, there (a toll keeps it a separate event, not a mention)
    beni = _place(_RAID_AND_TOLL, "Beni", "geonames:218680", "North Kivu", "CD")
    assert _toll_place(beni) == ("Beni", "North Kivu")


def test_a_lone_namesake_abroad_does_not_take_the_datelines_place():
    # the antecedent read in a country no other place of the story lies in: the dateline stands
    beni = _place(_RAID_AND_TOLL, "Beni", "geonames:3923001", "Beni", "BO")
    assert _toll_place(beni) == ("Kinshasa", "Kinshasa")
