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


def test_a_dateline_naming_its_country_is_still_the_reports_date():
    """A DRC trial: "GOMA, Democratic Republic of Congo, 18 November 2026 (GLW) -" dated the seizure
    the lede tells of "on Tuesday" by the report's own day (a country after the town was not read as
    part of the dateline)."""
    [e] = events(
        "MAIDUGURI, Borno State, Nigeria, 9 March 2026 (NWS) - Insurgents overran a military base in Marte on "
        "Saturday, residents said."
    )
    assert (e.date_start, e.date_text) == ("2026-03-07", "on Saturday")
    # the headline's event, told again by the lede, takes the lede's date, not the dateline's
    found = events(
        "Insurgents overrun army base in Marte\n\nMAIDUGURI, Borno State, Nigeria, 9 March 2026 (NWS) - Insurgents "
        "overran a military base in Marte on Saturday after hours of fighting, residents said."
    )
    assert {e.date_start for e in found} == {"2026-03-07"}


def test_a_url_date_anchors_a_page_without_other_dates():
    [e] = events(
        "Soldiers were ambushed near the border yesterday.", url="https://news.example/2021/06/15/ambush-border"
    )
    assert (e.date_start, e.date_precision) == ("2021-06-14", "day")


def test_last_month_has_month_precision():
    [e] = events("Rebels kidnapped 20 students from a school in Kaduna last month.", date="2021-04-02")
    assert (e.date_start, e.date_end, e.date_precision) == ("2021-03-01", "2021-03-31", "month")


def test_a_date_line_above_a_text_and_an_html_pages_metadata_anchor_the_events(tmp_path, fast_pipeline):
    from claimgraph.ingest import ReaderOptions, read_paths

    (tmp_path / "note.txt").write_text(
        "date 2023-03-07\n\nGunmen attacked a police post in Tillaberi on Thursday, killing five officers.\n",
        encoding="utf-8",
    )
    (tmp_path / "page.html").write_text(
        '<html><head><title>Attack</title><meta property="article:published_time" content="2022-11-20T08:00:00Z">'
        "</head><body><article><h1>Car bomb in Beledweyne</h1><p>A car bomb killed nine people near a hotel in "
        "Beledweyne on Saturday, police said. The blast also wounded 14 others, according to a local doctor.</p>"
        "<p>Residents said the market stayed closed on Sunday as security forces searched the area.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    pipe = fast_pipeline
    by_name = {item.source.path.rsplit("/", 1)[-1]: pipe(item) for item in read_paths([str(tmp_path)], ReaderOptions())}
    note, page = by_name["note.txt"], by_name["page.html"]
    assert note.meta.date == "2023-03-07" and note.events[0].date_start == "2023-03-02"
    assert page.meta.date == "2022-11-20" and page.events[0].date_start == "2022-11-19"


def test_a_statements_day_dates_the_statement_and_a_day_earlier_counts_from_it():
    # 2024-02-14 is a Wednesday: the statement is Monday's, the attack the day before it
    text = "Officials said on Monday that bandits had attacked a convoy near Gusau a day earlier."
    [e] = events(text, date="2024-02-14")
    assert (e.date_start, e.date_precision) == ("2024-02-11", "day")
    # with no other date the statement's day is the only one there is
    [e] = events("Bandits attacked a convoy near Gusau, officials said on Monday.", date="2024-02-14")
    assert e.date_start == "2024-02-12"


def test_a_date_the_sentence_sets_aside_does_not_date_the_event():
    """A correction names the rejected day too ("not on Sunday, as reported, but on Friday")."""
    [e] = events(
        "The attack on the camp happened not on Sunday, as some outlets reported, but on Friday night.",
        date="2025-03-17",
    )
    assert (e.date_start, e.date_text) == ("2025-03-14", "on Friday night")
    [e] = events("The raid on Mozogo took place on Sunday, not Friday, villagers said.", date="2024-06-11")
    assert e.date_start == "2024-06-09"
