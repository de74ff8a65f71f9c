"""Event dates: the document date (metadata, dateline, URL) anchors relative expressions; a
dateline's date and "since YEAR" are not the event's date. Sentences written for these tests."""

from claimgraph.events import detect_events
from claimgraph.model import Metadata, Source, new_document


def events(text, **meta):
    doc = new_document(Source("story.txt", "txt"), text, Metadata(**meta)).replace(clean_text=text, language="en")
    return detect_events(doc).events


def test_a_weekday_resolves_against_the_metadata_date():
    [e] = events("Gunmen attacked a police post in Tillaberi on Sunday night.", date="2024-02-14")
    assert (e.date_start, e.date_end, e.date_precision, e.date_text) == (
        "2024-02-11",
        "2024-02-11",
        "day",
        "on Sunday night",
    )


def test_the_deadliest_since_a_year_is_not_dated_that_year():
    found = events("The bombing in Mogadishu was the deadliest attack in the city since 2017.", date="2022-10-30")
    assert found and all(e.date_start is None for e in found)


def test_the_datelines_date_anchors_but_is_not_the_event_date():
    [e] = events("PESHAWAR, March 7, 2023 (Reuters) - Militants attacked a checkpoint on Sunday, police said.")
    assert (e.date_start, e.date_precision) == ("2023-03-05", "day")


def test_a_url_date_anchors_a_page_without_other_dates():
    [e] = events(
        "Soldiers were ambushed near the border yesterday.", url="https://news.example/2021/06/15/ambush-border"
    )
    assert (e.date_start, e.date_precision) == ("2021-06-14", "day")


def test_last_month_has_month_precision():
    [e] = events("Rebels kidnapped 20 students from a school in Kaduna last month.", date="2021-04-02")
    assert (e.date_start, e.date_end, e.date_precision) == ("2021-03-01", "2021-03-31", "month")
