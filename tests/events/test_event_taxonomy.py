"""The taxonomy file is the one event-type vocabulary, and the trigger lexicon stays inside it."""

from claimgraph.events.lexicon import TriggerLexicon
from claimgraph.events.taxonomy import STATEMENTS, Taxonomy

ACLED_EVENT_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}


def test_thirty_case_types_grouped_under_acled_event_types():
    taxonomy = Taxonomy.load()
    assert len(taxonomy.case_types) == 30
    groups = {taxonomy[t].event_type for t in taxonomy.case_types}
    assert ACLED_EVENT_TYPES <= groups
    assert all(taxonomy[t].definition and taxonomy[t].label for t in taxonomy.case_types)


def test_case_type_names_match_the_shared_task(shared_dir):
    folder = shared_dir / "datasets" / "case2021_task2"
    seen = {line.strip() for line in (folder / "event_types.txt").read_text().splitlines() if line.strip()}
    unseen = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}
    assert set(Taxonomy.load().case_types) == seen | unseen


def test_statement_types_map_to_a_case_type():
    taxonomy = Taxonomy.load()
    for name in ("ACCUSE", "DENY", "THREATEN", "COOPERATE"):
        t = taxonomy[name]
        assert t.event_type == STATEMENTS and t.case_type in taxonomy.case_types
    assert taxonomy["COOPERATE"].case_type == "AGREEMENT"
    assert taxonomy.canonical("SUICIDE_BOMB") == "SUIC_BOMB"  # the example scenario's spelling


def test_every_trigger_type_is_in_the_taxonomy_and_in_the_precedence_list():
    lex, taxonomy = TriggerLexicon.load(), Taxonomy.load()
    for p in lex.patterns:
        assert p.type in taxonomy and p.type in lex.rank
