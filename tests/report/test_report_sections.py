"""The brief's cross-source sections: contested propositions, actor network, ACH boards, sources."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from claimgraph import ach
from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Event, Mention, Metadata, Source, new_document
from claimgraph.report import build_brief
from claimgraph.store import Store

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module

HOSTILE_SENTENCE = 'The Taliban <img src=x onerror="window.__pwned=1"> attacked ISKP fighters in Kunar.'


def network_document():
    """A document whose one event links two actors, with hostile markup inside the sentence."""
    doc = clean_document(
        new_document(
            Source("hand/network.txt", "txt"), HOSTILE_SENTENCE, Metadata(title="Kunar <b>clash</b>", site="Hand Desk")
        ),
        RULES,
    )
    text = doc.clean_text
    t, i = text.index("Taliban"), text.index("ISKP")
    attacked = text.index("attacked")
    return doc.replace(
        entities=(
            Mention(
                t, t + 7, "Taliban", "Organisation", actor_id="taliban", actor_name="Taliban", actor_type="armed_group"
            ),
            Mention(i, i + 4, "ISKP", "Organisation", actor_id="iskp", actor_name="ISKP", actor_type="armed_group"),
        ),
        events=(
            Event(
                id=f"{doc.id}:e0",
                type="ARMED_CLASH",
                event_type="Battles",
                sentence_start=0,
                sentence_end=len(text),
                trigger_start=attacked,
                trigger_end=attacked + 8,
                trigger="attacked",
                confidence=1.0,
                actor1="taliban",
                actor2="iskp",
            ),
        ),
    )


@pytest.fixture(scope="module")
def bare_brief(tmp_path_factory) -> str:
    """A brief of an empty store: every section is there and says there is nothing yet."""
    with Store(tmp_path_factory.mktemp("empty") / "store.duckdb") as store:
        return build_brief(store)


@pytest.fixture(scope="module")
def full_brief(brief_store: Path, tmp_path_factory, examples_dir: Path) -> str:
    """The brief store with an event linking two actors and the example ACH board, proposed."""
    path = tmp_path_factory.mktemp("full") / "store.duckdb"
    shutil.copy(brief_store, path)
    with Store(path) as store:
        store.add_document(network_document())
        ach.apply_board_file(store, examples_dir.parent / "boards" / "iskp.yaml")
        return build_brief(store)


def test_every_section_is_there(bare_brief, full_brief):
    for brief in (bare_brief, full_brief):
        for section in ("contested", "network", "ach", "source-profiles", "cited", "sources"):
            assert f'id="{section}"' in brief


def test_an_empty_store_says_none_yet(bare_brief):
    for start, end in (
        ("contested", "events"),
        ("network", "ach"),
        ("ach", "source-profiles"),
        ("source-profiles", "cited"),
    ):
        assert "None yet" in bare_brief[bare_brief.index(f'id="{start}"') : bare_brief.index(f'id="{end}"')]


def test_ach_board_shows_matrix_scores_and_plot(full_brief):
    part = full_brief[full_brief.index('id="ach"') : full_brief.index('id="source-profiles"')]
    assert "ISKP threat" in part and "ISKP is reduced to remnants contained by the Taliban" in part
    assert "Weighted inconsistency" in part and "<svg" in part  # the bar plot, inline
    assert re.search(r'<td class="num rating rating-(cc|c|n|na|i|ii)">', part)


def test_network_is_drawn_and_its_sentences_are_quoted_escaped(full_brief):
    part = full_brief[full_brief.index('id="network"') : full_brief.index('id="ach"')]
    assert 'class="network"' in part and 'id="net-edge-0"' in part
    assert "Taliban" in part and "attacks" in part
    assert "<img src=x" not in full_brief and "&lt;img src=x onerror=" in full_brief


def test_every_citation_lands_on_a_quoted_sentence_naming_its_document(full_brief, bare_brief):
    for brief in (full_brief, bare_brief):
        cited = re.findall(r'href="#(s-[A-Za-z0-9_-]+)"', brief)
        anchors = set(re.findall(r'<li id="(s-[A-Za-z0-9_-]+)"><q>', brief))
        assert set(cited) <= anchors and anchors <= set(cited)
        docs = set(re.findall(r'id="doc-([0-9a-f]+)"', brief))
        cited_part = brief[brief.index('id="cited"') : brief.index('id="sources"')]
        assert set(re.findall(r'href="#doc-([0-9a-f]+)"', cited_part)) <= docs
    assert re.findall(r'href="#(s-[A-Za-z0-9_-]+)"', full_brief)  # the board and the network cite sentences


def test_source_profiles_list_sources(full_brief):
    part = full_brief[full_brief.index('id="source-profiles"') : full_brief.index('id="cited"')]
    assert "Kabul Ledger" in part and "Credibility" in part


def test_brief_with_sections_is_still_standalone(full_brief):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", full_brief, re.I)
    assert "<script" not in full_brief.lower()
