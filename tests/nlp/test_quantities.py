import pytest

from claimgraph.nlp.quantities import find_quantities, parse_number


def _q(text):
    return [(q.text, q.value, q.unit, q.qualifier, q.value_max) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "killing at least 12 worshippers and wounding about 30, a doctor said",
            [("at least 12 worshippers", 12, "worshippers", "at_least", None), ("about 30", 30, None, "about", None)],
        ),
        (
            "If there were indeed a group with 7,000 fighters in Afghanistan",
            [("7,000 fighters", 7000, "fighters", "exact", None)],
        ),
        (
            "refrained from claiming responsibility for any attacks over the past eight weeks",
            [("eight weeks", 8, "week", "exact", None)],
        ),
        ("the current de facto Taliban government's 20-month rule", [("20-month", 20, "month", "exact", None)]),
        ("between 10 and 15 killed", [("between 10 and 15 killed", 10, "killed", "range", 15)]),
        ("up to 20 people", [("up to 20 people", 20, "people", "at_most", None)]),
        ("dozens of people", [("dozens", 24, None, "at_least", None)]),
        (
            "five people were killed and 14 wounded",
            [("five people", 5, "people", "exact", None), ("14 wounded", 14, "wounded", "exact", None)],
        ),
    ],
)
def test_quantities(text, expected):
    assert _q(text) == expected


@pytest.mark.parametrize("text", ["the M23 rebels", "an F16 jet", "the B52 bomber"])
def test_digits_glued_to_letters_are_names_not_quantities(text):
    """ "held by the M23 rebels" gave the quantity "23 rebels" (a DRC trial)."""
    assert _q(text) == []


@pytest.mark.parametrize("text", ["on 7 March 2025", "March 7, 2025", "in 2021", "at 3 pm", "the 1990s"])
def test_dates_and_years_are_not_quantities(text):
    assert _q(text) == []


def test_parse_number():
    assert parse_number("7,000") == 7000
    assert parse_number("twenty-five") == 25
    assert parse_number("a dozen") == 12
    assert parse_number("1.5 million") == 1_500_000
    assert parse_number("two hundred") == 200
    assert parse_number("banana") is None


def test_offsets_point_into_the_text():
    text = "Officials said at least 12 people died; residents said up to 20."
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
