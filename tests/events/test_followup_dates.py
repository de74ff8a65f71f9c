"""A follow-up report's days are not its earlier incident's (issue 16.1): the day a toll rose, more bodies were
found, or a statement about "the attack" was made. A day before the cue ("Tuesday's raid") still dates it.
Sentences written for these tests (Niger, Philippines, Kenya, Colombia, Syria)."""

from claimgraph.events import detect_events
from claimgraph.model import Metadata, Source, new_document


def violent(text, date):
    doc = new_document(Source("story.txt", "txt"), text, Metadata(date=date)).replace(clean_text=text, language="en")
    return [e for e in detect_events(doc).events if e.event_type != "Statements" and e.type != "ATTRIB"]


def test_a_risen_toll_said_on_a_day_leaves_the_attack_undated():
    found = violent(
        "The death toll from an attack by gunmen on the village of Banibangou has risen to 31 after more bodies were "
        "found, a local official said on Thursday.",
        "2025-03-06",
    )
    assert found and all(e.date_start is None for e in found)


def test_a_day_before_the_rise_still_dates_the_attack():
    found = violent(
        "The toll from Tuesday's bombing of a market in Jolo has climbed to 14, police said on Thursday.", "2025-03-06"
    )
    assert found and {e.date_start for e in found} == {"2025-03-04"}


def test_more_dead_after_the_attack_leave_it_undated():
    found = violent(
        "Two more wounded passengers died on Friday, a day after the ambush of a bus near Mandera.", "2025-03-08"
    )
    assert found and all(e.date_start is None for e in found)


def test_a_statement_day_about_the_massacre_is_the_statements():
    found = violent(
        "The governor of Cauca on Thursday blamed dissidents for the massacre of farmers in Argelia.", "2025-03-07"
    )
    assert found and all(e.date_start is None for e in found)


def test_a_said_day_of_a_fresh_attack_still_dates_it():
    # no follow-up: the day a statement was made is the only date, and the attack it reports took it
    [e] = violent("Police said on Monday that gunmen killed five people in a village near Idlib.", "2025-03-05")
    assert e.date_start == "2025-03-03"


def test_a_blame_day_before_an_indefinite_object_is_the_blames():
    # "blamed X on Tuesday for a bomb": Tuesday is the day of the blame; the bomb is told of, not dated
    found = violent(
        "Kenya's interior ministry blamed al-Shabaab militants on Tuesday for a roadside bomb that killed four police "
        "officers near Mandera.",
        "2025-03-07",
    )
    assert found and all(e.date_start is None for e in found)


def test_an_accusation_day_before_its_object_leaves_the_ambush_undated():
    found = violent(
        "The army accused the rebels on Friday of an ambush that killed six soldiers outside Goma.", "2025-03-08"
    )
    assert found and all(e.date_start is None for e in found)


def test_a_day_after_the_blames_object_still_dates_the_incident():
    # the day follows the object: "for a bomb that killed four on Sunday" dates the bomb
    found = violent("Officials blamed the rebels for a bomb that killed four people in Beni on Sunday.", "2025-03-07")
    assert found and {e.date_start for e in found} == {"2025-03-02"}
