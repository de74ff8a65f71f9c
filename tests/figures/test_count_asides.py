"""A count's aside that counts some of them ("24 people, 17 of them children, were killed", "nine soldiers, at least
three of whom were officers, died") is a part of the count, not a second list item, and the measure after the aside
reaches the count (figures/reader.py ``_ASIDE``; a lead sentence's toll was lost). Sentences written for this test."""

import pytest

from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.reader import SentenceReader, main_toll

LEX = FigureLexicon.load()


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("Twenty-six people, 15 of them children, were killed when a jet bombed a school in Kachin.", 26),
        ("31 civilians, nine of them women, died when shells hit the market in Kherson.", 31),
        ("Nine soldiers, at least three of whom were officers, were killed near Menaka.", 9),
        ("Seven miners, most of them teenagers, were shot dead in Zamfara.", 7),
    ],
)
def test_the_count_before_an_aside_is_the_toll(text, toll):
    readings = SentenceReader(text, LEX, []).read(0, len(text))
    killed = main_toll(readings, "killed")
    assert killed is not None and int(killed.low) == toll, readings
    assert all(r.subset for r in readings if int(r.low) != toll)  # the aside's count is a part, never the toll
