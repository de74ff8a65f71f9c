"""A statement verb joined to a reporting verb shares its subject (events/statement_parties.py ``_joined_speaker``,
both modes): "X said the air force had struck 'a Y camp' and denied that civilians were harmed" is X's denial, not
Y's (a party named in the reported clause). Sentences written for these tests."""

from __future__ import annotations

import pytest
from pipeline_events import event_of


@pytest.mark.parametrize("mode", ["fast", "accurate"])
def test_a_joined_denial_is_the_speakers(mode, fast_pipeline, accurate_pipeline):
    pipe = fast_pipeline if mode == "fast" else accurate_pipeline
    text = "The defence ministry said its jets had hit an ELN training camp and denied that any civilians were killed."
    deny = event_of(pipe, text, "DENY")
    assert "ministry" in (deny.actor1_text or ""), (mode, deny.actor1, deny.actor1_text)
    text = 'Army spokesman Nabil Abdallah said the air force had struck "an RSF depot" and denied civilian deaths.'
    deny = event_of(pipe, text, "DENY")
    assert deny.actor1 != "rsf" and "RSF" not in (deny.actor1_text or ""), (mode, deny.actor1, deny.actor1_text)


def test_a_denial_with_its_own_subject_keeps_it(fast_pipeline):
    text = "The RSF said it had repelled an army attack on Nyala, and the army denied that it had attacked."
    deny = event_of(fast_pipeline, text, "DENY")
    assert deny.actor1_text and "army" in deny.actor1_text.lower()
