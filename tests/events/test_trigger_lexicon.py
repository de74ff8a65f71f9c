"""The trigger lexicon's first-character index: read from each pattern's own text (no private
regex parser), and never hiding a match."""

import re

from claimgraph.events.lexicon import TriggerLexicon, first_letters


def test_first_letters_of_pattern_text():
    assert first_letters("(?:hand[- ])?grenades?") == ({"h", "g"}, False)
    assert first_letters("suicide[- ]bomb|blew (?:himself|herself) up") == ({"s", "b"}, False)
    assert first_letters("(?-i:march(?:ed|es)?)|rally") == ({"m", "r"}, False)
    assert first_letters("(?:\\w+ ){0,3}attack") == (None, False)  # not plain: tried everywhere
    assert first_letters("(?:air|drone)? ?strikes?")[0] == {"a", "d", " ", "s"}


def test_every_match_is_found_through_the_index(fixtures_dir):
    lex = TriggerLexicon.load()
    texts = [
        line.split("\t", 2)[2]
        for line in (fixtures_dir / "events" / "case_snippets.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    for text in texts:
        for p in lex.patterns:
            everywhere = {m.start() for m in re.finditer("(?=" + p.regex.pattern + ")", text, re.IGNORECASE)}
            indexed = {
                w.start()
                for w in re.finditer(r"\b\w", text)
                if p in lex.by_first_char.get(text[w.start()].lower(), ()) + lex.by_first_char.get("", ())
                and p.regex.match(text, w.start())
            }
            assert everywhere <= indexed, (p.regex.pattern, text)


def _types(text: str, lex: TriggerLexicon) -> list[str]:
    from claimgraph.events.detect import find_triggers

    return [t.type for t in find_triggers(text, 0, len(text), lex)]


def test_killing_verbs_storming_and_thrown_bombs_are_read_as_their_events():
    lex = TriggerLexicon.load()
    assert _types("Bandits kill 7 herders near Jos", lex) == ["ATTACK"]  # present-tense headline
    assert _types("Rebels murdered a nurse on Sunday.", lex) == ["ATTACK"]  # needs no violence word around
    assert _types("Gunmen storm hotel in Mogadishu", lex) == ["ATTACK"]  # the verb, not the weather
    assert _types("Youths hurled a crude bomb at the party office.", lex) == ["GRENADE"]
    assert _types("A petrol bomb was thrown at the mayor's house.", lex) == ["GRENADE"]


def test_weather_storms_and_bills_stay_what_they_are():
    lex = TriggerLexicon.load()
    assert _types("A storm flooded the delta on Monday.", lex) == ["NATURAL_DISASTER"]
    assert _types("Tropical storm batters the coast", lex) == ["NATURAL_DISASTER"]
    assert _types("The senate killed the bill on Tuesday.", lex) == []  # a bare "killed" needs violence
