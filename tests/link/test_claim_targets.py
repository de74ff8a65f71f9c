"""Whom a claim's speaker accuses, denies, calls on or names (link/claim_targets.py), read from store rows as
``store.network.claim_ties`` gives them. Sentences written for these tests, not taken from any measured set."""

from __future__ import annotations

import re

from claimgraph.entities.ontology import load_cached
from claimgraph.link.claim_targets import claim_targets, party_of
from claimgraph.link.network import edge_rules
from claimgraph.store.network import ClaimTie

RULES = edge_rules()


def targets(text: str, speaker: str, cue: str, status: str, content_from: str, actors: dict[str, str]):
    """The (target, kind) of a claim over ``text`` whose content starts at ``content_from``; ``actors``: each
    named actor's words -> id (its type from the shipped ontology)."""
    ontology = load_cached()
    mentions = []
    for words, actor_id in actors.items():
        for m in re.finditer(re.escape(words), text):
            mentions.append(
                {"actor_id": actor_id, "actor_type": ontology.get(actor_id).type, "start": m.start(), "end": m.end()}
            )
    start = text.index(content_from)
    row = ClaimTie(
        "c",
        "d",
        speaker,
        status,
        cue,
        text,
        None,
        0,
        start,
        len(text),
        None,
        sorted(mentions, key=lambda m: m["start"]),
    )
    base = RULES.claim_kind(status, cue, text[start:])
    return claim_targets(row, base, RULES.target_words, RULES.target_types, ontology)


def test_the_accused_is_the_object_whatever_its_type_and_not_who_is_named_in_the_charge():
    text = "Kinshasa accused Rwanda of arming the M23 rebels."
    got = targets(
        text, "democratic-republic-of-the-congo", "accused", "reported", "Rwanda", {"Rwanda": "rwanda", "M23": "m23"}
    )
    assert got == [("rwanda", "accuses")]


def test_a_denial_targets_the_named_author_of_the_rejected_claim():
    text = "Kigali rejected the allegations made by the UN experts that its soldiers fought beside the M23."
    actors = {"UN": "un", "M23": "m23"}
    assert targets(text, "rwanda", "rejected", "denied", "the allegations", actors) == [("un", "denies")]


def test_a_denial_without_an_author_targets_who_the_denied_claim_names():
    text = "The militia denied attacking the MONUSCO base near Rhoe."
    assert targets(text, "codeco", "denied", "denied", "attacking", {"MONUSCO": "monusco"}) == [("monusco", "denies")]


def test_a_verb_of_the_speaker_in_a_joined_clause_sets_the_kind():
    text = "The AFC denied shelling the camp and blamed the FARDC and the FDLR for the deaths."
    actors = {"FARDC": "fardc", "FDLR": "fdlr"}
    assert targets(text, "afc-congo", "denied", "denied", "shelling", actors) == [
        ("fardc", "accuses"),
        ("fdlr", "accuses"),
    ]


def test_an_outlet_that_carries_the_claim_is_no_party():
    text = "Islamic State said through its Amaq news agency that its fighters killed ten FARDC soldiers."
    actors = {"Amaq": "amaq", "FARDC": "fardc"}
    assert targets(text, "islamic-state", "said", "reported", "through", actors) == [("fardc", "alleges")]
    text = "Hamas told AFP that Israel had turned down the latest proposal."
    assert targets(text, "hamas", "told", "reported", "AFP", {"AFP": "afp", "Israel": "israel"}) == [
        ("israel", "alleges")
    ]


def test_a_call_on_a_party_is_an_appeal_to_it():
    text = "Nigeria's government called on IPOB to end its sit-at-home orders."
    assert targets(text, "nigeria", "called", "reported", "on IPOB", {"IPOB": "ipob"}) == [("ipob", "calls-on")]


def test_an_outlet_speaks_for_the_group_whose_channel_it_is():
    ontology = load_cached()
    assert party_of(ontology, "amaq") == "islamic-state"
    assert party_of(ontology, "reuters") is None  # a news agency reporting is no party
    assert party_of(ontology, "taliban") == "taliban"


def test_talks_meet_and_an_expulsion_acts_on():
    assert RULES.event_kind("DIPLO", "Strategic developments", "talks") == "meets"
    assert RULES.event_kind("DIPLO", "Strategic developments", "expelled the ambassador") == "acts-on"
    assert RULES.event_kind("APPEAL", "Statements", "urged") == "calls-on"


def test_a_noun_cue_names_whom_its_content_is_about():
    text = "The minister has made allegations regarding the presence of ISKP members in the north."
    assert targets(text, "marat-imankulov", "allegations", "reported", "regarding", {"ISKP": "iskp"}) == [
        ("iskp", "accuses")
    ]


def test_a_party_listed_after_an_unknown_one_is_still_the_object():
    text = "The rebels denied the raid and blamed the army and the FDLR for the killings."
    assert targets(text, "m23", "denied", "denied", "the raid", {"FDLR": "fdlr"}) == [("fdlr", "accuses")]
