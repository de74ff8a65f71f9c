"""Relative and comparative date expressions, resolved against a document date (sentences written
for these tests, several styles)."""

import pytest

from claimgraph.model import Metadata, Source, new_document
from claimgraph.nlp.dates import dateline_date, document_date, find_dates, url_date

ANCHOR = "2023-03-09"  # a Thursday


def dates(text, anchor=ANCHOR):
    return [(d.text, d.date_start, d.date_end, d.precision) for d in find_dates(text, anchor)]


@pytest.mark.parametrize(
    "text",
    [
        "It was the deadliest attack on the capital since 2015.",
        "the largest protest in Yangon since the coup began in 2021",
        "Fighting has continued since March around the town.",
        "Al-Shabaab has stepped up attacks in recent years.",
        "the worst flooding in the province since March 2010",
        "the deadliest day for the army since Monday",
    ],
)
def test_since_and_in_recent_years_give_no_date(text):
    assert dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen stormed the hotel on Sunday night.", ("2023-03-05", "2023-03-05", "day")),
        ("Two soldiers were killed Thursday in an ambush.", ("2023-03-09", "2023-03-09", "day")),
        ("The convoy was ambushed last Thursday, officials said.", ("2023-03-02", "2023-03-02", "day")),
        ("Rebels shelled the district overnight.", ("2023-03-08", "2023-03-09", "range")),
        ("A bomb went off yesterday near the market.", ("2023-03-08", "2023-03-08", "day")),
        ("The village was raided two days ago.", ("2023-03-07", "2023-03-07", "day")),
        ("Dozens were abducted last month in Zamfara.", ("2023-02-01", "2023-02-28", "month")),
        ("Clashes broke out earlier this week in Tigray.", ("2023-03-06", "2023-03-09", "range")),
        ("The army retook the town in January.", ("2023-01-01", "2023-01-31", "month")),
        ("Residents fled last year as the front moved.", ("2022-01-01", "2022-12-31", "year")),
        ("Clashes have gone on since Monday around the airport.", ("2023-03-06", "2023-03-09", "range")),
        ("Talks were held from 2 to 4 March in Addis Ababa.", ("2023-03-02", "2023-03-04", "range")),
        ("The siege lasted February 20-24, 2022, officials said.", ("2022-02-20", "2022-02-24", "range")),
        ("Militants raided the post the previous night.", ("2023-03-08", "2023-03-08", "day")),
        ("Drones circled the city all night.", ("2023-03-08", "2023-03-09", "range")),
        ("Protests spread early this month in the capital.", ("2023-03-01", "2023-03-31", "month")),
    ],
)
def test_relative_expressions_resolve_with_their_precision(text, expected):
    [(_, *resolved)] = dates(text)
    assert tuple(resolved) == expected


def test_without_an_anchor_a_relative_date_keeps_its_precision_only():
    [(text, start, end, precision)] = dates("Militants attacked the base on Sunday night.", anchor=None)
    assert (start, end, precision) == (None, None, "day")


def test_url_dates():
    assert url_date("https://news.example/world/2023/03/07/blast-kills-12") == "2023-03-07"
    assert url_date("https://example.org/2021-11-30-ambush-in-tillaberi") == "2021-11-30"
    assert url_date("https://example.org/story_20190412.html") == "2019-04-12"
    assert url_date("https://example.org/2023/13/45/not-a-date") is None
    assert url_date("https://example.org/articles/12345678") is None


def test_datelines_with_and_without_an_agency():
    assert dateline_date("PESHAWAR, March 7, 2023 (Reuters) - Gunmen attacked a checkpoint.") == "2023-03-07"
    assert dateline_date("MAIDUGURI, 12 June 2022 – Troops repelled an attack.") == "2022-06-12"
    assert dateline_date("MOGADISHU (AP) — A car bomb exploded near the port.") is None


def test_document_date_prefers_metadata_then_dateline_then_url():
    def doc(text, **meta):
        return new_document(Source("x.txt", "txt"), text, Metadata(**meta)).replace(clean_text=text)

    text = "BAMAKO, 3 May 2024 – Soldiers were killed on Tuesday."
    assert document_date(doc(text, date="2024-05-04")) == "2024-05-04"
    assert document_date(doc(text, url="https://x.example/2024/05/09/a")) == "2024-05-03"
    assert document_date(doc("Soldiers were killed.", url="https://x.example/2024/05/09/a")) == "2024-05-09"
    assert document_date(doc("Soldiers were killed.")) is None


def test_the_previous_night_counts_back_from_the_day_the_sentence_names():
    found = find_dates("The army said on Friday that rebels had shelled the camp the previous night.", "2024-05-14")
    got = [(d.text, d.date_start) for d in found]
    assert got == [("on Friday", "2024-05-10"), ("the previous night", "2024-05-09")]
    # alone, it counts back from the page's date
    [d] = find_dates("Rebels shelled the camp the previous night.", "2024-05-14")
    assert d.date_start == "2024-05-13"
