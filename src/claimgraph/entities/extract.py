"""The entity stage: who and where behind every sentence, each under one canonical id.

``extract_entities(doc)`` combines, in clean-text offsets:

1. the dictionary matcher (:mod:`claimgraph.entities.matcher`): ontology actors and gazetteer
   places. A state is both: one mention with ``actor_id`` and the country's place fields. Place
   names are resolved together (``Gazetteer.resolve_all``) so unambiguous ones disambiguate the
   rest; nationality adjectives ("Kyrgyz", "Afghan") become Nationality mentions with a country.
   A state named inside a longer actor name ("Security Council of Kyrgyzstan") is kept as a
   nested mention too, so the country is counted where its organ is named;
2. the re3d tagger (:mod:`claimgraph.entities.ner`) for the general types and unlinked names.
   Where it overlaps a dictionary match the dictionary's link wins (with the tagger's type when
   that is more specific); its unlinked Locations are tried against the gazetteer;
3. persons (:mod:`claimgraph.entities.persons`): role phrases, then surnames and pronouns.

Its resources (ontology, gazetteer, tagger and what is built from them: the dictionary matcher,
demonyms, generic organs, role titles) are an ``EntityExtractor``, loaded once by its owner (the
pipeline's ``components.Resources``, a CLI command) and used for every document; nothing is cached
per process.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from claimgraph.entities.camps import with_camps
from claimgraph.entities.generic_organs import GenericOrgans
from claimgraph.entities.locative import (
    LocativeCues,
    feature_span,
    names_water,
    operation_spans,
    surname_after,
    town_region_pairs,
)
from claimgraph.entities.matcher import DictionaryMatcher, DictMatch, fold, select_longest, surface_keys
from claimgraph.entities.normalise import counts_as_quantities
from claimgraph.entities.ontology import Actor, Ontology
from claimgraph.entities.persons import RoleTitles, resolve_persons
from claimgraph.entities.places import Gazetteer, Place, other_readings, supported_countries
from claimgraph.entities.units import unit_pairs
from claimgraph.model import Document, Mention
from claimgraph.nlp.sentences import document_sentences, sentence_spans
from claimgraph.nlp.truecase import Truecaser

from ..yamlfiles import load_yaml

# A tagger type that says more than the dictionary's general type for the same span: "Afghan"
# read as a Location is better typed Nationality; a named aircraft or missile is not just an
# organisation's product name.
_MORE_SPECIFIC = {
    "Location": {"Nationality"},
    "Organisation": {"Nationality", "MilitaryPlatform", "Weapon", "DocumentReference"},
}
_NOT_NAMES = frozenset({"Temporal", "Quantity", "Money"})
_ACTOR_MENTION_TYPE = {"person": "Person", "state": "Location"}  # every other actor: Organisation

# --------------------------------------------------------------------------- resources


@functools.cache
def _country_aliases(data_dir: Path) -> dict:
    """The gazetteer's country_aliases.yaml, read once for both demonym tables."""
    return load_yaml((data_dir / "country_aliases.yaml").read_text(encoding="utf-8"))


def load_demonyms(gazetteer: Gazetteer) -> dict[str, str]:
    """Folded demonym -> country code, from the gazetteer's country_aliases.yaml."""
    out = {}
    for code, entry in (_country_aliases(gazetteer.data_dir).get("countries") or {}).items():
        for name in entry.get("demonyms", ()):
            for key in surface_keys(name):
                out[key] = code
    return out


def load_shared_demonyms(gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Folded demonym -> the country codes that share it (country_aliases.yaml, ``shared_demonyms``)."""
    out = {}
    for name, codes in (_country_aliases(gazetteer.data_dir).get("shared_demonyms") or {}).items():
        for key in surface_keys(name):
            out[key] = tuple(codes)
    return out


class EntityExtractor:
    """The entity stage's resources, built once by their owner and used for every document: the
    ontology, the gazetteer, the tagger (None: dictionary, places and persons only) and what is
    built from them. ``load`` reads the shipped ones (plus user ontology files)."""

    # truecaser and parse_tagger by keyword: a positional call written when an `encoder` parameter stood
    # before them (removed 2026-12-06) fails instead of shifting them
    def __init__(self, ontology: Ontology, gazetteer: Gazetteer, tagger=None, *, truecaser=None, parse_tagger=None):
        self.ontology, self.gazetteer, self.tagger = ontology, gazetteer, tagger
        # issue 14: the tagger reads sentences written in capitals truecased (nlp/truecase.py); None: as written
        self.truecaser = truecaser
        self.parse_tagger = parse_tagger  # accurate mode's CRF over the spaCy parse (entities/parsed.py)
        self.matcher = DictionaryMatcher(ontology, gazetteer)
        self.demonyms = load_demonyms(gazetteer)
        self.shared_demonyms = load_shared_demonyms(gazetteer)  # "Congolese": either Congo, by the story
        self.organs = GenericOrgans.load()
        self.titles = RoleTitles.load()
        self.locative = LocativeCues.load()  # where a name stands as a place (the world's towns)

    @classmethod
    def load(
        cls, ontology_files: Iterable[str | Path] = (), *, tagger: bool = True, truecase: bool = True
    ) -> EntityExtractor:
        truecaser = Truecaser.load() if truecase else None
        return cls(
            Ontology.load(ontology_files), Gazetteer.load(), load_tagger() if tagger else None, truecaser=truecaser
        )

    def __call__(self, doc: Document, mode: str = "accurate") -> Document:
        return extract_entities(doc, self, mode=mode)


def load_tagger():
    from claimgraph.entities.ner import EntityTagger  # crfsuite: only loaded when the tagger runs

    return EntityTagger.load()


def _generic_organ_mentions(
    text: str,
    mentions: Sequence[Mention],
    ontology: Ontology,
    organs: GenericOrgans,
    folded: str | None = None,
    persons: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """ "the Ministry of Interior", "the army", "security forces", "the junta" linked to the organ of the
    story's country (entities/generic_organs.py), only where the document supports exactly one country (its
    linked actors', places' and demonyms' countries, as places.supported_countries reads them: a story
    about two countries names neither's army by "troops"). "The junta" names the ruling armed forces only
    of a state under military rule. A ministry or council the lexicon names for a country (the Islamic
    Emirate's, Pakistan's, ...) keeps the rule it had: the country the mentions name most, where the
    document supports several. ``folded``: ``matcher.fold(text)``, when the caller has it; ``persons``:
    the tagger's person spans, whose words name no force (a formal ministry name stays: "Ministry of
    Interior spokesman X" read as one person span)."""
    supported = supported_countries(
        (),
        (
            m.country
            for m in mentions
            if m.country and m.actor_type != "media" and (m.actor_id or m.place_id or m.type == "Nationality")
        ),
    )
    only = next(iter(supported)) if len(supported) == 1 else None
    # the country its linked mentions name most: the one rule before forces were read (session 11), kept for
    # the ministries and councils the lexicon names ("the Ministry of Interior" in a Nangarhar story that
    # also names Pakistan is still the Islamic Emirate's)
    named = Counter(m.country for m in mentions if m.country and (m.actor_id or m.place_id))
    most = named.most_common(1)[0][0] if named else None
    if only is None and most is None:
        return []
    pattern, words = organs.pattern, organs.words
    if words is not None and folded is not None:
        # A letter the regex matches case-insensitively folds to the same lower-case ASCII letter,
        # except the dotless "ı", which the regex also reads as "i".
        folded = folded.replace("ı", "i") if "ı" in folded else folded
        if not any(all(word in folded for word in name) for name in words):
            return []
    spans = [(m.start, m.end) for m in mentions]
    out = []
    for hit in pattern.finditer(text):
        organ = organs.organ(hit.group(0))
        country = only if only is not None or organ.force or most not in organ.actors else most
        if country is None or (organ.ruling_military and country not in organs.military_rule):
            continue
        actor = ontology.get(organ.actor_id(country) or "")
        if (
            actor is None
            or _overlaps(hit.start(), hit.end(), spans)
            or _owned_by_non_state(text, hit.start(), mentions, _runners(actor, ontology))
        ):
            continue
        if organ.force and (
            _overlaps(hit.start(), hit.end(), persons)
            or not _stands_as_force(text, hit.start(), hit.end(), mentions, organs)
        ):
            continue
        # the demonym before it is part of the organ's name ("Ugandan police", "Chadian troops"): one mention
        start = next(
            (m.start for m in mentions if m.type == "Nationality" and _DEMONYM_GAP.fullmatch(text, m.end, hit.start())),
            hit.start(),
        )
        out.append(
            Mention(
                start,
                hit.end(),
                text[start : hit.end()],
                "Organisation",
                actor_id=actor.id,
                actor_name=actor.name,
                actor_type=actor.type,
                country=actor.country,
                method="ontology",
                score=0.8,
            )
        )  # linked through context, not by name
    return out


_DEMONYM_GAP = re.compile(r"[ \t]+")
_OWNER_GAP = re.compile(r"(?:['’]s)?[ \t]+")


def _runners(actor: Actor, ontology: Ontology) -> set[str]:
    """The actors that run ``actor``: the affiliations of it and of its parents (the Taliban run the
    Islamic Emirate, whose Ministry of Interior "the Taliban's Ministry of Interior" is)."""
    out: set[str] = set()
    seen: set[str] = set()
    node: Actor | None = actor
    while node is not None and node.id not in seen:
        seen.add(node.id)
        out.update(node.affiliations)
        node = ontology.get(node.parent or "")
    return out


def _owned_by_non_state(text: str, start: int, mentions: Sequence[Mention], runners: set[str]) -> bool:
    """Whether a named actor that is no state or state organ, and does not run the organ's state
    (``runners``), owns the organ at ``start``: "the National Unity Government's Ministry of Defence",
    "the Arakan Army's Ministry of Defence". A parallel government, a movement or a party with its own
    ministries is not the state's, and linking its organ to the state's would put its statements under
    its opponent."""
    return any(
        m.actor_id
        and m.actor_type not in ("state", "state_organ")
        and m.actor_id not in runners
        and m.end <= start
        and _OWNER_GAP.fullmatch(text, m.end, start)
        for m in mentions
    )


_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)\s+$")
_ANY_WORD_BEFORE = re.compile(r"(\w[\w'’-]*)\s+$")


def _stands_as_force(text: str, start: int, end: int, mentions: Sequence[Mention], organs: GenericOrgans) -> bool:
    """Whether a force's common noun at [start, end) names a state's force: not a word of a longer proper
    name ("Free Syrian Army", "Arakan Army", capitalised after a capitalised word that is no state or
    demonym: "the Nigerian Army" stands), and "military" not an adjective ("military court": a lower-case
    word after it that is no verb, function word or office, organs.noun_after), nor another's force: after
    a word of organs.other_owners ("rebel", "peacekeeping", "its"), an acronym ("UN troops") or a named
    actor that is no state ("Wagner forces")."""
    if text[start].isupper():
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before is not None and not any(
            m.end == before.end(1) and (m.type == "Nationality" or m.actor_type == "state") for m in mentions
        ):
            return False
    before = _ANY_WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is not None:
        word = before.group(1)
        if word.casefold() in organs.other_owners or (len(word) > 1 and word.isupper()):
            return False  # "UN troops", "rebel forces", "peacekeeping troops", "its troops": another's force
        if any(m.end == before.end(1) and m.actor_id and m.actor_type != "state" for m in mentions):
            return False  # "Wagner forces", "Hamas police": the named group's own
    if text[start:end].casefold() == "military":
        after = _NEXT_WORD.match(text, end)
        if after is not None and after.group(1) not in organs.noun_after:
            return False
    return True


# --------------------------------------------------------------------------- the stage

MODES = ("accurate", "fast")


def extract_entities(doc: Document, extractor: EntityExtractor, *, mode: str = "accurate") -> Document:
    """``doc`` with ``entities``: sorted mentions in clean-text offsets, found with ``extractor``'s
    resources. Pure.

    ``mode="fast"`` runs the tagger only on sentences with a number or a cue word and keeps only
    its general types (docs/entities.md, "Fast mode"); an extractor without a tagger leaves the
    statistical tagger out (dictionary, places and persons only).
    """
    if mode not in MODES:
        raise ValueError(f"entity mode must be one of {', '.join(MODES)}, not {mode!r}")
    text = doc.clean_text
    if not text.strip():
        return doc.replace(entities=())
    mentions = find_mentions(text, extractor, language=doc.language, mode=mode, sentences=document_sentences(doc))
    return doc.replace(entities=tuple(mentions))


def find_mentions(
    text: str,
    extractor: EntityExtractor,
    language: str | None = "en",
    mode: str = "accurate",
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Every entity mention of ``text`` (see the module docstring), sorted by (start, end).
    ``sentences``: the text's sentence spans where already split (a document's), else split here."""
    ontology, gazetteer, tagger = extractor.ontology, extractor.gazetteer, extractor.tagger
    folded = fold(text)  # the matcher and the fast-mode cue scan both read it
    hits = extractor.matcher.candidates(text, folded)
    chosen, named_else, blocked = _names_of_other_things(text, select_longest(hits), extractor)
    # a guarded acronym's other reading of the same words (a place), should its guard fail
    yielding = _other_readings(hits, chosen)
    nested = _nested_states(hits, chosen, ontology)
    qualified = _divisions_named(text, chosen, ontology, gazetteer, extractor.demonyms)
    qualified += _held_regions(text, chosen, ontology, gazetteer, extractor.demonyms)
    paired, in_units = _town_region_pairs(text, chosen, qualified, ontology, gazetteer)
    qualified += paired
    # the qualified reading replaces the plain one of the same words (the country Niger, Punjab alone)
    chosen = [
        h
        for h in chosen
        if not (
            _overlaps(h.start, h.end, [(m.start, m.end) for m in qualified])
            and (h.place or _state_actor(h, ontology))
            and not _is_demonym(h, extractor.demonyms)
        )
    ]
    if sentences is None:
        sentences = sentence_spans(text, language)
    if mode == "accurate" and extractor.parse_tagger is not None and (language or "en") == "en":
        truecaser, parse_tagger = extractor.truecaser, extractor.parse_tagger
        tagged = _tagged(
            text, sentences, truecaser, lambda shadow: parse_tagger.parsed_entities(text, shadow, sentences, truecaser)
        )
    elif tagger is None:
        tagged = []
    elif mode == "fast":
        tagged = _tagged(
            text, sentences, extractor.truecaser, lambda shadow: tagger.fast_entities(shadow, sentences, folded)
        )
    else:
        tagged = _tagged(text, sentences, extractor.truecaser, tagger.entities)
    tagged = counts_as_quantities(tagged)  # "at least 60 people" is a count, never an organisation

    # Unlinked tagger Locations outside every dictionary match are tried against the gazetteer, and
    # so are names in a locative context (entities/locative.py) outside every match and tagger span;
    # only these, and dictionary place names standing as they do, read the world's towns.
    cued = extractor.locative.spans(text, gazetteer)
    chosen = _inside_longer_towns(
        chosen, cued + [(t.start, t.end) for t in tagged if t.type == "Location"], text, extractor
    )
    dict_spans = [(h.start, h.end) for h in chosen] + [(m.start, m.end) for m in qualified] + blocked
    extra_places = [t for t in tagged if t.type == "Location" and not _overlaps(t.start, t.end, dict_spans)]
    place_hits = [h for h in chosen if h.place and not _state_actor(h, ontology)]
    place_hits += [h for h in yielding.values() if h.place and not _state_actor(h, ontology)]
    # a tagger's name of something else (an organisation, a person) keeps the name where it lies within
    # the cued words ("in White House briefings"); a tagger's span that runs past them, over the cue or
    # into lower-case words ("a senior police officer in Tabasco", "Khan Younis overnight", "Kontagora per
    # residents"), is a misread boundary and yields to the place; its times and quantities never keep
    # the name ("Kismayo late" read as a time)
    names = [
        (t.start, t.end) for t in tagged if t.type not in _NOT_NAMES and not _shouted_town(text, t, cued, gazetteer)
    ]
    cued_places = [
        Mention(s, e, text[s:e], "Location", method="gazetteer")
        for s, e in cued
        if not _overlaps(s, e, dict_spans) and not any(s <= ts and te <= e for ts, te in names if ts < e and s < te)
    ]
    # "Malam Fatori, Borno State": a tagger's Location of comma-joined names is also read name by name,
    # where the whole resolves to nothing (a wire's town, then its province or country)
    parts = [part for t in extra_places for part in _comma_parts(text, t)]
    standing = {(t.start, t.end) for t in tagged if t.type == "Location"} | set(cued)
    surfaces = place_hits + extra_places + cued_places + parts
    located = {i for i, h in enumerate(surfaces) if i >= len(place_hits) or (h.start, h.end) in standing}
    story = _story_countries(chosen, ontology, extractor.demonyms)
    # the divisions read with their qualifier ("Niger State") are the document's places too: context for a
    # small town named beside one ("in Kagara, Niger State")
    known = [p for p in (gazetteer.get(m.place_id) for m in qualified if m.place_id) if p is not None]
    # every country a state's name can be ("Congo": both), support for a reading at home only, no vote
    named = {a.country for h in chosen for a in (ontology.get(i) for i in h.actor_ids) if a and a.type == "state"}
    resolved = _resolved(gazetteer, surfaces, story, located, known, named)
    # another mention of a name read inside its unit ("Solhan, Yagha province ... Solhan") reads as that one did
    if in_units:
        resolved = [in_units.get(h.text.casefold(), p) for h, p in zip(surfaces, resolved)]
    place_of = {(h.start, h.end): p for h, p in zip(surfaces, resolved)}
    # a cued name read out of a tagger's longer span is taken only where it can be the story's place (the
    # countries of its other places and actors, or near its places): "in the Sultanpur bazaar of Surkh Rod
    # district, Nangarhar" is no Sultanpur of India
    overridden = {(m.start, m.end) for m in cued_places if _overlaps(m.start, m.end, names)}
    named_else += _featured_towns(text, place_of, surfaces, story, known, named)
    context = [p for span, p in place_of.items() if p is not None and span not in overridden] + known
    for span in overridden:
        if place_of.get(span) is not None and not gazetteer.in_story(place_of[span], context, story):
            place_of[span] = None

    demonyms = extractor.demonyms
    mentions: list[Mention] = []
    ambiguous: dict[int, tuple[str, ...]] = {}  # index in mentions -> the actor ids its surface names
    guarded: dict[int, tuple[str, ...]] = {}  # the same for guarded acronyms
    for hit in chosen + nested:
        mention = _dictionary_mention(hit, ontology, gazetteer, place_of.get((hit.start, hit.end)), demonyms)
        if mention is not None:
            if hit.guarded:
                guarded[len(mentions)] = hit.actor_ids
            elif len(hit.actor_ids) > 1:
                ambiguous[len(mentions)] = hit.actor_ids
            mentions.append(mention)
    if ambiguous or guarded:
        mentions = _by_story_country(text, mentions, ambiguous, guarded, place_of, yielding, extractor)
    mentions = _shared_demonyms(mentions, chosen, ontology, extractor)

    mentions = [_not_a_place(text, _region_of(text, m, mentions), mentions, gazetteer) for m in mentions]
    mentions += qualified
    mentions += [m for m in named_else if not _overlaps(m.start, m.end, [(o.start, o.end) for o in mentions])]
    mentions += [_place_fields(m, place_of[(m.start, m.end)]) for m in cued_places if place_of[(m.start, m.end)]]
    unresolved = {(t.start, t.end) for t in extra_places if place_of.get((t.start, t.end)) is None}
    mentions += [
        _place_fields(m, place_of[(m.start, m.end)])
        for m in parts
        if place_of[(m.start, m.end)] and any(s <= m.start and m.end <= e for s, e in unresolved)
    ]
    # a tagger's person keeps its title's words ("Police Chief Ali Khan" names no force)
    persons = [(t.start, t.end) for t in tagged if t.type == "Person"]
    organ_mentions = _generic_organ_mentions(text, mentions, ontology, extractor.organs, folded, persons)
    if organ_mentions:  # a demonym the organ's name took in ("Ugandan police") is no mention of its own
        mentions = [m for m in mentions if not _overlaps(m.start, m.end, [(o.start, o.end) for o in organ_mentions])]
        mentions += organ_mentions
    by_span = {(m.start, m.end): i for i, m in enumerate(mentions)}
    for t in tagged:
        overlapping = [i for (s, e), i in by_span.items() if s < t.end and t.start < e]
        if overlapping:
            for i in overlapping:
                m = mentions[i]
                if t.type in _MORE_SPECIFIC.get(m.type, ()) and (m.start, m.end) == (t.start, t.end):
                    mentions[i] = dataclasses.replace(m, type=t.type)
            continue
        place = place_of.get((t.start, t.end)) if t.type == "Location" else None
        if place is not None:
            mentions.append(
                _place_fields(Mention(t.start, t.end, t.text, "Location", method="gazetteer", score=t.score), place)
            )
        else:
            mentions.append(Mention(t.start, t.end, t.text, t.type, method="model", score=t.score))

    usual_case = extractor.truecaser.word if extractor.truecaser is not None else None
    mentions = with_camps(text, mentions, sentences, gazetteer, usual_case)
    return resolve_persons(text, mentions, sentences, ontology, extractor.titles)


def _resolved(
    gazetteer: Gazetteer,
    surfaces: list,
    story: Sequence[str],
    located: set[int],
    known: Sequence[Place],
    named: Collection[str],
) -> list[Place | None]:
    """Gazetteer.resolve_all over the surfaces but a body of water's ("the Red Sea": no country holds it, and
    a division sharing its name is no reading of the sea nor context for the document's other names), which
    is the water's place where data/places/waters.yaml lists it (Gazetteer.water), else none."""
    water = [names_water(h.text) for h in surfaces]
    if not any(water):
        return gazetteer.resolve_all([h.text for h in surfaces], story, located, known, named)
    keep = [i for i, w in enumerate(water) if not w]
    shown = {j: i for i, j in enumerate(keep)}
    found = gazetteer.resolve_all(
        [surfaces[i].text for i in keep], story, {shown[i] for i in located if i in shown}, known, named
    )
    out: list[Place | None] = [gazetteer.water(h.text) if w else None for h, w in zip(surfaces, water)]
    for j, i in enumerate(keep):
        out[i] = found[j]
    return out


def _names_of_other_things(
    text: str, chosen: list[DictMatch], extractor: EntityExtractor
) -> tuple[list[DictMatch], list[Mention], list[tuple[int, int]]]:
    """The dictionary's country and place names that name something else (locative.py's lists): a state's
    name in a geographic feature's ("Lake Chad", "the Niger river": the feature, a Location with no place
    unless the gazetteer knows the whole), any place's name in a named operation's ("Operation Hadin Kai"), a
    state's name that is a person's first name ("Jordan Bardella"). Returns the hits kept, the features'
    mentions, and the spans no other place reading may take (the cues would read "along the Niger river"
    again)."""
    ontology, gazetteer = extractor.ontology, extractor.gazetteer
    operations = operation_spans(text) if "Op" in text else []
    kept, features, blocked = [], [], list(operations)
    for h in chosen:
        state = _state_actor(h, ontology)
        if not (state or h.place):
            kept.append(h)
            continue
        if any(s <= h.start and h.end <= e for s, e in operations):
            continue  # "Operation Hadin Kai" names no Kai
        # a town's name in a feature's is read with the others (_featured_towns), a country's never
        # a demonym stays a nationality ("the Iraqi desert" is in Iraq)
        feature = None if _is_demonym(h, extractor.demonyms) else feature_span(text, h.start, h.end)
        if feature is not None and (state or any(p.kind == "country" for p in gazetteer.candidates(h.text))):
            fs, fe = feature
            m = Mention(fs, fe, text[fs:fe], "Location", method="gazetteer")
            place = gazetteer.resolve(text[fs:fe])
            features.append(_place_fields(m, place) if place is not None and place.kind != "country" else m)
            blocked.append(feature)
            continue
        # "the Israel Ministry of Foreign Affairs": a word of an actor's after the name is no surname
        if state is not None and extractor.truecaser is not None and not gazetteer.names_an_actor(text, h.end):
            surname = surname_after(text, h.start, h.end, extractor.truecaser.word, gazetteer.knows)
            if surname is not None and not _not_a_surname(text[surname[0] : surname[1]], extractor):
                blocked.append((h.start, surname[1]))
                continue
        kept.append(h)
    return kept, features, blocked


def _inside_longer_towns(
    chosen: list[DictMatch], located: list[tuple[int, int]], text: str, extractor: EntityExtractor
) -> list[DictMatch]:
    """The dictionary's place names (no actor's but a state's) inside a longer name that stands as a place and
    that the gazetteer knows as a whole town's, no designator after it: "Mocimboa da Praia" is no Praia of
    Cape Verde, "Port Sudan" no Sudan.
    The longer name is then read as the cues' or the tagger's."""
    gazetteer, ontology = extractor.gazetteer, extractor.ontology
    out = []
    for h in chosen:
        # a country's name is a state's too: inside a town's name it is the town's ("Port Sudan", "Kuwait City")
        if h.place and (not h.actor_ids or _state_actor(h, ontology)):
            longer = [(s, e) for s, e in located if s <= h.start and h.end <= e and (s, e) != (h.start, h.end)]
            if any(_names_a_town(text[s:e], gazetteer) for s, e in longer):
                continue
        out.append(h)
    return out


def _shouted_town(text: str, t, cued: list[tuple[int, int]], gazetteer: Gazetteer) -> bool:
    """A tagger's name in capitals that is exactly cued words naming a town: a wire's dateline ("PORT SUDAN, Dec
    3 -", "EL FASHER, Sudan (AP) -"), which the taggers, trained on mixed case, read as an organisation."""
    name = text[t.start : t.end]
    return (
        (t.start, t.end) in cued
        and name.isupper()
        and any(p.kind == "city" for p in map(gazetteer.get, gazetteer.located_ids(name)) if p is not None)
    )


def _names_a_town(name: str, gazetteer: Gazetteer) -> bool:
    head, _, last = name.rpartition(" ")
    if not head or gazetteer.world.designates(last) or last.lower() in ("territory", "territoire"):
        return False
    return any(p.kind == "city" for p in map(gazetteer.get, gazetteer.located_ids(name)) if p is not None)


def _not_a_surname(word: str, extractor: EntityExtractor) -> bool:
    """A place's name or a nationality ("Maoist" is no surname in "... of India Maoist")."""
    return extractor.gazetteer.knows(word) or any(k in extractor.demonyms for k in surface_keys(word))


def _featured_towns(
    text: str,
    place_of: dict[tuple[int, int], Place | None],
    surfaces: list,
    story: Sequence[str],
    known: Sequence[Place],
    named: Collection[str],
) -> list[Mention]:
    """A town's or district's name in a geographic feature's ("the Juba valley", "the Dnipro river") keeps its
    reading only where the document supports the town's country (places.supported_countries): the feature is
    near the town of that name at home, and names nothing of a town abroad. A dropped reading's place goes
    (``place_of`` is updated) and the feature is a Location of its own, with no place."""
    out = []
    for i, h in enumerate(surfaces):
        span = (h.start, h.end)
        place = place_of.get(span)
        if place is None or place.kind in ("country", "admin1", "landmark"):
            continue
        feature = feature_span(text, *span)
        if feature is None:
            continue
        others = other_readings([s.text for s in surfaces], [place_of.get((s.start, s.end)) for s in surfaces], i)
        if place.country in supported_countries(others, story, known, named):
            continue
        place_of[span] = None
        out.append(Mention(*feature, text[feature[0] : feature[1]], "Location", method="gazetteer"))
    return out


# A division word after a state's name: "Niger State", "in Niger state" (Nigeria's state, not the country)
_DIVISION_WORD = re.compile(r"\s+(state|province|region)\b", re.IGNORECASE)
# What may stand between a country (or its demonym) and a region it holds, and the region's name:
# "Pakistani Kashmir", "Indian-administered Kashmir", "India-controlled Kashmir"
_HOLDING = re.compile(r"-(?:administered|controlled|held|ruled)\s+|\s+")
_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")


def _other_readings(hits: list[DictMatch], chosen: list[DictMatch]) -> dict[tuple[int, int], DictMatch]:
    """Span of each chosen guarded acronym -> the unguarded hit of the same words, if any ("Fano" the town)."""
    spans = {(h.start, h.end) for h in chosen if h.guarded}
    if not spans:
        return {}
    return {(h.start, h.end): h for h in hits if not h.guarded and (h.start, h.end) in spans}


def _is_demonym(hit: DictMatch, demonyms: dict[str, str]) -> bool:
    return not hit.actor_ids and any(k in demonyms for k in surface_keys(hit.text))


def _divisions_named(
    text: str, chosen: list[DictMatch], ontology: Ontology, gazetteer: Gazetteer, demonyms: dict[str, str]
) -> list[Mention]:
    """A state's name before a division word that, together, name another country's first-level
    division ("Niger State", "in Niger state": Nigeria's). "the Niger state" in lower case is the
    country's state. Several such divisions: the one of the story's countries, else none."""
    out = []
    for hit in chosen:
        m = _DIVISION_WORD.match(text, hit.end)
        if m is None or _state_actor(hit, ontology) is None:
            continue
        if m.group(1).islower() and text[max(0, hit.start - 4) : hit.start].lower() == "the ":
            continue
        found = [p for p, _ in gazetteer.world.lookup(f"{hit.text} {m.group(1)}").values() if p.kind == "admin1"]
        if len(found) > 1:
            story = set(_story_countries(chosen, ontology, demonyms))
            found = [p for p in found if p.country in story]
        if len(found) == 1:
            out.append(
                _place_fields(
                    Mention(hit.start, m.end(), text[hit.start : m.end()], "Location", method="gazetteer"), found[0]
                )
            )
    return out


def _held_regions(
    text: str, chosen: list[DictMatch], ontology: Ontology, gazetteer: Gazetteer, demonyms: dict[str, str]
) -> list[Mention]:
    """A region's name qualified by a country that holds part of it ("Pakistani Kashmir", "Indian-
    administered Kashmir", "Iranian Baluchistan"): the part that country holds (Gazetteer.held_by),
    not the region's usual referent. The mention spans the name only; the demonym stays one."""
    out = []
    for hit in chosen:
        if _is_demonym(hit, demonyms):
            code = next(demonyms[k] for k in surface_keys(hit.text) if k in demonyms)
        else:
            state = _state_actor(hit, ontology)
            code = state.country if state is not None else None
        link = _HOLDING.match(text, hit.end)
        if code is None or link is None or (not link.group().startswith("-") and not _is_demonym(hit, demonyms)):
            continue
        name = _NAME.match(text, link.end())
        if name is None:
            continue
        # two capitalised words ("Kashmir Valley"), else the first alone
        for end in sorted({name.end(), link.end() + len(name.group().split()[0])}, reverse=True):
            place = gazetteer.held_by(text[link.end() : end], code)
            if place is not None:
                out.append(
                    _place_fields(
                        Mention(link.end(), end, text[link.end() : end], "Location", method="gazetteer"), place
                    )
                )
                break
    return out


def _town_region_pairs(
    text: str, chosen: list[DictMatch], qualified: list[Mention], ontology: Ontology, gazetteer: Gazetteer
) -> tuple[list[Mention], dict[str, Place | None]]:
    """A town before the division or country it lies in ("Atlanta, Georgia", "Córdoba, Spain"), each name a
    Location read as the pair says (locative.town_region_pairs), before the dictionary's reading of either
    (the country Georgia); a town the gazetteer does not hold there is a Location with no place. Not over a
    name read with its qualifier already, nor over an actor's name other than a state's."""
    taken = [(m.start, m.end) for m in qualified]
    taken += [(h.start, h.end) for h in chosen if h.actor_ids and not h.place and not _state_actor(h, ontology)]
    out = []
    for s, e, place in town_region_pairs(text, gazetteer):
        if not _overlaps(s, e, taken):
            m = Mention(s, e, text[s:e], "Location", method="gazetteer")
            out.append(_place_fields(m, place) if place is not None else m)
    units, in_units = _unit_mentions(text, taken + [(m.start, m.end) for m in out], gazetteer)
    return out + units, in_units


def _unit_mentions(
    text: str, taken: list[tuple[int, int]], gazetteer: Gazetteer
) -> tuple[list[Mention], dict[str, Place | None]]:
    """A place written beside the unit that holds it or the town it lies near (units.unit_pairs: "Solhan, Yagha
    province"): the name as a Location read inside the unit (no place where no reading lies there), and the
    unit read as the pair says. A name no table holds is left to the rest of the stage; its unit is a mention
    here only where the text calls it a unit ("Seno province", "Bankass cercle"), which the rest may not read.
    Also returns each name's reading so (casefolded), for its other mentions."""
    out: list[Mention] = []
    readings: dict[str, Place | None] = {}
    for pair in unit_pairs(text, gazetteer):
        spans = [(pair.start, pair.end), (pair.unit_start, pair.unit_end)]
        if any(_overlaps(s, e, taken) for s, e in spans):
            continue
        if pair.known:
            m = Mention(pair.start, pair.end, text[pair.start : pair.end], "Location", method="gazetteer")
            out.append(_place_fields(m, pair.place) if pair.place is not None else m)
            readings.setdefault(m.text.casefold(), pair.place)
        if pair.known or pair.worded:
            s, e = pair.unit_start, pair.unit_end
            out.append(_place_fields(Mention(s, e, text[s:e], "Location", method="gazetteer"), pair.unit))
        taken += spans
    return out, readings


def _comma_parts(text: str, location: Mention) -> list[Mention]:
    """The names of a tagger's Location that holds commas, each as a mention of its own (none without a comma)."""
    if "," not in location.text:
        return []
    out, start = [], location.start
    for piece in location.text.split(","):
        lead = len(piece) - len(piece.lstrip())
        s, e = start + lead, start + len(piece.rstrip())
        if e > s:
            out.append(Mention(s, e, text[s:e], "Location", method="gazetteer"))
        start += len(piece) + 1
    return out


def _shared_demonyms(
    mentions: list[Mention], chosen: list[DictMatch], ontology: Ontology, extractor: EntityExtractor
) -> list[Mention]:
    """A demonym two countries share ("Congolese") names the one of them the document's other actors and places
    name most ("Brazzaville", "Congo-Brazzaville": the Republic); where none does, the one listed first."""
    shared = extractor.shared_demonyms
    keyed = {i: next((shared[k] for k in surface_keys(m.text) if k in shared), None) for i, m in enumerate(mentions)}
    keyed = {i: codes for i, codes in keyed.items() if codes and mentions[i].type == "Nationality"}
    if not keyed:
        return mentions
    others = [h for h in chosen if not _is_demonym(h, extractor.demonyms)]
    votes = Counter(_story_countries(others, ontology, extractor.demonyms))
    votes.update(m.country for m in mentions if m.place_id and m.country)
    out = list(mentions)
    for i, codes in keyed.items():
        best = max(codes, key=lambda c: (votes[c], c == mentions[i].country))
        if best != mentions[i].country and votes[best] > votes[mentions[i].country]:
            out[i] = dataclasses.replace(mentions[i], country=best)
    return out


def _story_countries(chosen: list[DictMatch], ontology: Ontology, demonyms: dict[str, str]) -> list[str]:
    """The countries the document's actors and demonyms belong to: context for ambiguous places."""
    out = []
    for hit in chosen:
        actors = [a for a in (ontology.get(i) for i in hit.actor_ids) if a is not None]
        if len({a.country for a in actors}) > 1:
            continue  # a name two countries' actors share ("Congo") is no vote for either
        actor = actors[0] if actors else None
        code = actor.country if actor is not None else demonyms.get(" ".join(hit.text.casefold().split()))
        if code:
            out.append(code)
    return out


# A compass word right before a country names a part of it, a place ("Eastern Ukraine shelling",
# "SW Pakistan blast"), whatever actor noun follows; capitalised too, as headlines write it
COMPASS_BEFORE = re.compile(
    r"\b(?:(?i:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)|[NS][EW])\s+$"
)


_COMPASS_LONGEST = len("north-western")  # the longest word COMPASS_BEFORE takes


def after_compass(text: str, start: int) -> bool:
    """``COMPASS_BEFORE.search(text, 0, start)``, reading only the words before ``start``: a match is a
    compass word then whitespace to ``start``, so it begins at most the longest compass word before the
    whitespace ending there (``\\b`` still sees the character before the window). The search from 0 read
    the whole text up to each country mention (~1 ms CPU per 5.8 KB document, quadratic in its length)."""
    gap = start
    while gap and text[gap - 1].isspace():
        gap -= 1
    return COMPASS_BEFORE.search(text, max(0, gap - _COMPASS_LONGEST), start) is not None


def _region_of(text: str, m: Mention, mentions: list[Mention]) -> Mention:
    """A state named after a compass word ("northern Mali", "Eastern Ukraine shelling") is a part
    of the country, where something happened, not the state acting: the place alone. Not a state
    inside a longer name that holds the word ("South Sudan")."""
    if m.actor_type != "state" or not after_compass(text, m.start):
        return m
    if any(o.start < m.start and m.end <= o.end for o in mentions):
        return m
    return dataclasses.replace(m, type="Location", actor_id=None, actor_name=None, actor_type=None)


def _not_a_place(text: str, m: Mention, mentions: list[Mention], gazetteer: Gazetteer) -> Mention:
    """A country named as a modifier of an actor ("US forces", "U.S. officials", the state inside
    "Security Council of Kyrgyzstan") names who acts, not where: its place fields go (its country
    stays); an unlinked one becomes a Nationality mention, like a demonym. After a compass word it
    stays a place ("Eastern Ukraine shelling")."""
    if m.precision != "country" or m.place_id is None:
        return m
    if after_compass(text, m.start) and not any(o.start < m.start and m.end <= o.end for o in mentions):
        return m
    inside = any(
        o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end) and o.actor_id for o in mentions
    )
    if not (inside or gazetteer.names_an_actor(text, m.end)):
        return m
    return dataclasses.replace(
        m,
        type=m.type if m.actor_id else "Nationality",
        place_id=None,
        place_name=None,
        admin1=None,
        lat=None,
        lon=None,
        precision=None,
    )


def _tagged(text: str, sentences, truecaser, read: Callable[[str], list]) -> list:
    """The tagger's mentions (``read`` tags a text); it reads sentences written in capitals truecased
    (a shadow of the same length), each mention's text the original's."""
    shadow = truecaser.shadow(text, sentences) if truecaser is not None else text
    tagged = read(shadow)
    if shadow is text:
        return tagged
    return [dataclasses.replace(t, text=text[t.start : t.end]) for t in tagged]


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _state_actor(hit: DictMatch, ontology: Ontology) -> Actor | None:
    for actor_id in hit.actor_ids:
        actor = ontology.get(actor_id)
        if actor is not None and actor.type == "state":
            return actor
    return None


def _nested_states(hits: list[DictMatch], chosen: list[DictMatch], ontology: Ontology) -> list[DictMatch]:
    """States named inside a chosen longer actor match ("Security Council of [Kyrgyzstan]"); not a state's name
    inside a longer state's name ("Republic of the Congo" or "Congo" in "Democratic Republic of the Congo",
    "Sudan" in "South Sudan"): the longer name is the state named."""
    outer = [h for h in chosen if h.actor_ids]
    states = [h for h in hits if _state_actor(h, ontology)]
    out = []
    for hit in states:
        if any(o.start <= hit.start and hit.end <= o.end and o.end - o.start > hit.end - hit.start for o in states):
            continue
        for o in outer:
            if o.start <= hit.start and hit.end <= o.end and (o.start, o.end) != (hit.start, hit.end):
                out.append(hit)
                break
    return out


def _place_fields(m: Mention, place: Place) -> Mention:
    # a direct constructor call: dataclasses.replace re-reads every field by name, a few µs a mention
    return Mention(
        m.start,
        m.end,
        m.text,
        m.type,
        m.actor_id,
        m.actor_name,
        m.actor_type,
        place.id,
        place.name,
        place.admin1,
        place.country or None,  # a body of water's place has none (Gazetteer.water)
        place.lat,
        place.lon,
        place.precision,
        m.role,
        m.role_org,
        m.method,
        m.score,
    )


def _by_story_country(
    text: str,
    mentions: list[Mention],
    ambiguous: dict[int, tuple[str, ...]],
    guarded: dict[int, tuple[str, ...]],
    place_of: dict[tuple[int, int], Place | None],
    yielding: dict[tuple[int, int], DictMatch],
    extractor: EntityExtractor,
) -> list[Mention]:
    """Mentions whose surface names several actors (``ambiguous``: "GKNB" is Kyrgyzstan's and Tajikistan's
    security service; ``guarded`` acronyms: "SNA", "ADF", "PDF") take the actor of the story's country: of
    the countries the document's other actors and places point to, the most named one that is a country
    of one of the candidates (``Actor.countries``); a state or demonym right before the surface decides
    for it alone ("Kyrgyzstan's GKNB" beside "Tajikistan's GKNB"). Without such a country an ambiguous
    surface keeps its
    first listed actor (the ambiguity's note explains the rest), and a guarded acronym names no one: it
    yields to another reading of the same words (a place, "Fano" in Italy) where there is one."""
    ontology, gazetteer = extractor.ontology, extractor.gazetteer
    # actors and demonyms by their mentions, places once each by their readings (cued ones included)
    votes = Counter(
        m.country
        for i, m in enumerate(mentions)
        if m.country and (m.actor_id or m.type != "Location") and i not in ambiguous and i not in guarded
    )
    votes.update(p.country for span, p in place_of.items() if p is not None and span not in yielding)
    ranked = [c for c, _ in votes.most_common()]
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        ids = ambiguous.get(i) or guarded.get(i)
        if ids is None:
            out.append(m)
            continue
        actors = [a for a in map(ontology.get, ids) if a is not None]
        owner = _owner_country(text, mentions, i)
        country = next((c for c in [owner, *ranked] if c and any(c in a.countries() for a in actors)), None)
        actor = next((a for a in actors if country in a.countries()), None) if country else None
        if actor is not None:
            out.append(_as_actor(m, actor, gazetteer))
        elif i in ambiguous:
            out.append(m)
        elif (m.start, m.end) in yielding:
            other = _dictionary_mention(
                yielding[(m.start, m.end)], ontology, gazetteer, place_of.get((m.start, m.end)), extractor.demonyms
            )
            out.extend([other] if other is not None else [])
    return out


_OWNER_GAP = re.compile(r"(?:['’]s)?\s")


def _owner_country(text: str, mentions: list[Mention], i: int) -> str | None:
    """The country of a state or demonym written right before mention ``i`` ("Kyrgyzstan's", "Somali")."""
    m = mentions[i]
    before = [p for p in mentions if p.end <= m.start and p.country and (p.actor_type == "state" or not p.actor_id)]
    p = max(before, key=lambda p: p.end, default=None)
    if p is None or p.type not in ("Location", "Nationality") or not _OWNER_GAP.fullmatch(text, p.end, m.start):
        return None
    return p.country


def _as_actor(m: Mention, actor: Actor, gazetteer: Gazetteer) -> Mention:
    """The mention read as naming ``actor`` (one of the actors its surface names)."""
    if actor.id == m.actor_id:
        return m
    m = dataclasses.replace(
        m,
        actor_id=actor.id,
        actor_name=actor.name,
        actor_type=actor.type,
        type=_ACTOR_MENTION_TYPE.get(actor.type, "Organisation"),
        country=actor.country,
    )
    if actor.type == "state" and actor.country:
        country = gazetteer.get(f"country:{actor.country}")
        m = _place_fields(m, country) if country is not None else m
    return m


def _dictionary_mention(
    hit: DictMatch, ontology: Ontology, gazetteer: Gazetteer, place: Place | None, demonyms: dict[str, str]
) -> Mention | None:
    actors = [a for a in (ontology.get(i) for i in hit.actor_ids) if a is not None]
    if actors:
        # A declared ambiguity names several actors: keep the first, its note explains the rest.
        actor = actors[0]
        m = Mention(
            hit.start,
            hit.end,
            hit.text,
            _ACTOR_MENTION_TYPE.get(actor.type, "Organisation"),
            actor_id=actor.id,
            actor_name=actor.name,
            actor_type=actor.type,
            country=actor.country,
            method="ontology",
            score=1.0 if len(actors) == 1 else round(1.0 / len(actors), 4),
        )
        if actor.type == "state" and actor.country:
            country = gazetteer.get(f"country:{actor.country}")
            if country is not None:
                m = _place_fields(m, country)
        return m
    key = " ".join(hit.text.casefold().split())
    code = demonyms.get(key) or next((demonyms[k] for k in surface_keys(hit.text) if k in demonyms), None)
    if code is not None:
        return Mention(hit.start, hit.end, hit.text, "Nationality", country=code, method="gazetteer")
    if place is None:
        return None
    return _place_fields(Mention(hit.start, hit.end, hit.text, "Location", method="gazetteer"), place)


__all__ = ["MODES", "EntityExtractor", "GenericOrgans", "extract_entities", "find_mentions", "load_demonyms"]


# --------------------------------------------------------------------------- tokenised input (CoNLL)


def dictionary_type(match: DictMatch, ontology: Ontology, demonyms: dict[str, str]) -> str | None:
    """re3d type of a dictionary hit: its actor's type, else Nationality for a demonym, else Location."""
    actor = next((a for a in (ontology.get(i) for i in match.actor_ids) if a is not None), None)
    if actor is not None:
        return _ACTOR_MENTION_TYPE.get(actor.type, "Organisation")
    if any(k in demonyms for k in surface_keys(match.text)):
        return "Nationality"
    return "Location" if match.place else None


def tag_tokens(tokens: Sequence[str], extractor: EntityExtractor, *, dictionary: bool = True) -> list[str]:
    """BIO labels in re3d's label set for one tokenised sentence, from ``extractor`` (which needs its tagger).

    The tagger labels every token; with ``dictionary`` a dictionary match that starts and ends on
    token boundaries labels tokens the tagger left outside every span (replacing the tagger's
    spans scored worse; docs/quality.md has the re3d dev figures).
    """
    if not tokens:
        return []
    labels = list(extractor.tagger.tag_tokens(list(tokens)))
    if not dictionary:
        return labels
    ontology = extractor.ontology
    starts, ends, pos = {}, {}, 0
    for i, tok in enumerate(tokens):
        starts[pos] = i
        ends[pos + len(tok)] = i
        pos += len(tok) + 1
    text = " ".join(tokens)
    demonyms = extractor.demonyms
    for hit in extractor.matcher.match(text):
        first, last = starts.get(hit.start), ends.get(hit.end)
        typ = dictionary_type(hit, ontology, demonyms)
        if first is None or last is None or typ is None:
            continue
        if any(label != "O" for label in labels[first : last + 1]):
            continue  # the tagger's own span stands: replacing it scores worse on re3d dev
        if last + 1 < len(labels) and labels[last + 1].startswith("I-"):
            continue
        labels[first : last + 1] = ["B-" + typ] + ["I-" + typ] * (last - first)
    return labels
