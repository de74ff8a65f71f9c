"""Date expressions resolved against a document date (claimgraph.nlp.dates)."""

import pytest

from claimgraph.nlp.dates import dateline_date, find_dates


def one(text, anchor="2025-03-19"):
    found = find_dates(text, anchor)
    assert len(found) == 1, found
    return found[0]


def test_absolute_day_month_year_in_acled_notes():
    d = one("On 1 Jan 2010, in Patuakhali district (Barisal), two factions of the JCD clashed")
    assert (d.text, d.date_start, d.date_end, d.precision) == ("1 Jan 2010", "2010-01-01", "2010-01-01", "day")


def test_day_without_year_takes_the_anchor_year():
    assert one("the raids on 10 March in Police District 5").date_start == "2025-03-10"
    # a day later in the year than the anchor is last year's
    assert one("the attack on 20 December", "2025-03-19").date_start == "2024-12-20"


def test_weekday_is_the_last_such_day_on_or_before_the_anchor():
    d = one("a suicide bomber struck worshippers on Friday", "2025-03-08")
    assert (d.date_start, d.precision) == ("2025-03-07", "day")


def test_relative_days_weeks_and_months():
    assert one("yesterday").date_start == "2025-03-18"
    d = one("last week")
    assert (d.date_start, d.date_end, d.precision) == ("2025-03-10", "2025-03-16", "week")
    d = one("earlier this month")
    assert (d.date_start, d.date_end, d.precision) == ("2025-03-01", "2025-03-19", "range")
    assert one("in March 2024").precision == "month"


def test_the_seed_thread_eight_weeks_is_a_range_ending_at_the_anchor():
    text = "the ISKP has refrained from claiming responsibility for any attacks over the past eight weeks"
    d = one(text, "2023-05-15")
    assert (d.text, d.date_start, d.date_end, d.precision) == (
        "over the past eight weeks",
        "2023-03-20",
        "2023-05-15",
        "range",
    )
    # with no document date the span and precision stay, nothing is guessed
    d = one(text, None)
    assert (d.date_start, d.date_end, d.precision) == (None, None, "range")


def test_dateline():
    assert dateline_date("KABUL, 7 March 2025 – A suicide bomber ...") == "2025-03-07"
    assert dateline_date("KABUL – In a delicate balancing act") is None


def test_no_dates_in_plain_prose():
    assert find_dates("The Taliban may not have the capacity to quell this extremist force.", "2025-03-19") == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "late on Monday, 10 November, killing 24",
            "2026-11-10",
        ),  # the weekday is the writer's slip: 10 Nov is a Tuesday
        ("on Tuesday, 10 November", "2026-11-10"),
        ("on Friday 6 November 2026", "2026-11-06"),
        ("Wednesday (November 4)", "2026-11-04"),
    ],
)
def test_a_weekday_with_its_calendar_date_is_one_day_the_date(text, day):
    """A Myanmar trial: "late on Monday, 10 November" was dated the Monday before (9 November)."""
    (found,) = find_dates(text, anchor="2026-11-12")
    assert (found.date_start, found.date_end) == (day, day)


def test_a_weekday_and_a_date_apart_stay_two_days():
    found = find_dates("Fighting began on Monday and spread to the town on 12 November.", anchor="2026-11-12")
    assert [d.date_start for d in found] == ["2026-11-09", "2026-11-12"]
