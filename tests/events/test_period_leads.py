"""A period fronting its clause after a lead-in is still a tally's (events/periods.py): a thread post's or a
headline's label before a colon or a dash, or a saying verb's "that", does not make "since 2015, more than
20,000 killed" an incident; and a number written with thousands separators is one word, never a target
"000". Both modes; sentences written for this test (Sudan, Myanmar, Mexico, Cameroon), none from the trial."""

import pytest

from claimgraph.events.periods import Periods
from claimgraph.model import Metadata, Source, new_document
from claimgraph.pipeline import Pipeline
from claimgraph.settings import Settings


@pytest.fixture(scope="module", params=["fast", "accurate"])
def pipe(request):
    return Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": request.param}))


def _events(pipe, text):
    doc = pipe(new_document(Source("t.txt", "txt"), text, Metadata(date="2025-03-10")))
    return [e for e in doc.events if not e.negated]


@pytest.mark.parametrize(
    "text",
    [
        "3/ Keep in mind: since 2021, more than 6,000 killed in Myanmar's Sagaing region alone.",
        "Sudan - Since the war began, at least 15,000 people have been killed in West Darfur, the UN says.",
        "Rights groups say that since 2017, over 6,000 civilians have been killed in Cameroon's anglophone regions.",
    ],
)
def test_a_period_after_a_lead_in_still_fronts_its_clause(pipe, text):
    events = _events(pipe, text)
    assert events and all(e.modality for e in events), [(e.type, e.trigger, e.modality) for e in events]


def test_a_lead_in_does_not_make_an_incident_a_tally():
    periods = Periods.load()
    text = "Breaking: gunmen killed 11 people at a bar in Celaya on Saturday, police said."
    at = text.index("killed")
    assert not periods.over_a_period(text, 0, len(text), at, at + len("killed"))


def test_a_comparison_after_a_lead_in_dates_an_incident():
    periods = Periods.load()
    text = "Update: the blast, the deadliest since 2019, killed 31 people in the market."
    at = text.index("killed")
    assert not periods.over_a_period(text, 0, len(text), at, at + len("killed"))


def test_a_number_with_thousands_separators_is_never_split_into_a_target(pipe):
    text = "Keep in mind: since 2021, more than 6,000 killed in Sagaing. Not a one-off."
    assert all(not (e.actor2_text or "").startswith("000") for e in _events(pipe, text))
