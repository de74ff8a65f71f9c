"""The brief's Disputes section, over a store of the synthetic dispute fixtures (tests/fixtures/disputes)."""

from __future__ import annotations

import re

import pytest
from stores import copy_store

from claimgraph.report import build_brief
from claimgraph.store import Store


@pytest.fixture(scope="module")
def brief(tmp_path_factory, disputes_store) -> str:
    # the session's run of the fixtures (tests/conftest.py), copied: the brief is read from a store of its own
    with Store(copy_store(disputes_store, tmp_path_factory.mktemp("disputes-brief"))) as store:
        return build_brief(store)


def _section(brief: str) -> str:
    return brief[brief.index('id="disputes"') : brief.index('id="events"')]


def test_disputes_are_listed_with_values_and_dot_plots(brief):
    part = _section(brief)
    assert "deaths: suicide bomb in Mastung" in part and "strength: iswap" in part
    assert "Quetta Evening Star" in part and "at least 50" in part
    assert part.count('class="dotplot"') >= 2
    assert "Tehreek-e-Taliban Pakistan denied any involvement" in part


def test_each_value_links_to_its_quoted_sentence(brief):
    part = _section(brief)
    links = set(re.findall(r'href="#(s-[^"]+)"', part))
    assert links
    for anchor in links:
        assert f'id="{anchor}"' in brief


def test_a_perpetrators_role_is_shown(brief):
    # who did it, as each source gives it: the fixtures' bombings are claimed by a group in its statements
    part = _section(brief)
    assert re.search(r"<td>claimed by (Islamic State Pakistan Province|Al-Shabaab)</td>", part)
