"""The header block of saved statements, updates and local news (`clean.steps.apply_header`): an
organisation line holding lowercase words, an outlet line with a dash, a byline with a role after a
comma or a plain "By" line, a title straight over a date line; an armed group's or ministry's statement
with a document-kind line ("Press release") or "Org — Statement No. 14/2026" first, numeric dates, a UN
office over its headline, "Outlet — Town desk, date", section labels in capitals that are no outlet --
read as title / site / author / date, and taken out of the text so that no later stage reads them as
claims. On the synthetic heads of tests/fixtures/clean/header_block_heads.yaml and
header_block_heads3.yaml (written before the rules; split recorded per case)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from claimgraph.clean import RulesError, clean_document, load_rules
from claimgraph.clean.dates import parse_date
from claimgraph.ingest import read_paths
from claimgraph.ingest.options import ReaderOptions

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module
FIXTURE_DIR = Path(__file__).parents[1] / "fixtures" / "clean"
FIXTURES = [FIXTURE_DIR / "header_block_heads.yaml", FIXTURE_DIR / "header_block_heads3.yaml"]
CASES = [case for fixture in FIXTURES for case in yaml.safe_load(fixture.read_text("utf-8"))["cases"]]

# Heads the rules do not read, and why (a fix makes its test fail: take the case out of this list).
# Title lines that run on into article text in one paragraph ("Title\nIt began shortly after
# midnight.\n..."): the title rule takes a headline only when it stands alone (in extracted pages a
# first line inside a paragraph is mostly a sentence's start); nothing else is read from them either.
RUN_ON_TITLES = {"keep-standfirst-lowercase-line", "keep-body-short-first-line", "keep-org-like-phrase-in-sentence"}
# Dev heads of header_block_heads3.yaml still read wrong (docs/quality.md, hdrmeta3): a Markdown
# heading "# Arakan Army — Statement No. 61/2026" stays the title too; a section label inside the
# block ("title / HIGHLIGHTS / date") ends it before the date; an office's name over a headline in
# paragraphs of their own, with an ambiguous date ("04/12/2026"), leaves the office as the title.
UNREAD = {
    "armed-arakan-statement-number-md",
    "un-update-highlights-under-title",
    "un-org-acronym-over-headline-slash-date-md",
}


def read_head(tmp_path: Path, case: dict):
    path = tmp_path / f"{case['id']}.{case['fmt']}"
    path.write_text(case["text"], encoding="utf-8")
    (doc,) = list(read_paths([str(path)], ReaderOptions()))
    return clean_document(doc, RULES)


def test_split_is_the_recorded_one():
    assert len(CASES) >= 60
    for case in CASES:
        digest = int(hashlib.sha1(case["id"].encode("utf-8")).hexdigest(), 16)
        assert case["split"] == ("dev" if digest % 3 == 0 else "train"), case["id"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_head_metadata(tmp_path, case):
    doc = read_head(tmp_path, case)
    got = [doc.meta.title, doc.meta.site, doc.meta.author, doc.meta.date]
    if case["id"] in RUN_ON_TITLES:
        assert got[0] is None and got[1:] == case["gold"][1:]
        return
    if case["id"] in UNREAD:
        assert got != case["gold"]
        return
    assert got == case["gold"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_header_lines_leave_the_text(tmp_path, case):
    """Every header line is a removal: no kept line opens with the site or the author's byline, no
    date line is kept; the title line and the body's first line stay."""
    if case["id"] in UNREAD:
        return
    doc = read_head(tmp_path, case)
    kept = [line.strip() for line in doc.clean_text.split("\n")]
    title, site, author, _ = case["gold"]
    *head, body = case["text"].rstrip("\n").split("\n\n")
    assert body.split("\n")[0] in kept
    assert title is None or title in kept
    for value in (site, author):
        assert not value or not any(line.startswith((value, f"By {value}")) for line in kept)
    head_lines = [line.strip() for para in head for line in para.split("\n")]
    assert not [line for line in head_lines if parse_date(line) and line in kept]


def test_a_title_cased_deck_is_no_organisation(tmp_path):
    """An organisation's kind word ends its name or stands before "of/in/de ...": a deck in title case
    holding such a word ("Army Says Forces Pushed Back") is text, not the issuer."""
    case = {
        "id": "deck",
        "fmt": "md",
        "text": "# Fighting Resumes Near Kupiansk\n\nArmy Says Forces Pushed Back\n\n"
        "The army said on Tuesday that its units had repelled three assaults overnight.\n",
    }
    doc = read_head(tmp_path, case)
    assert doc.meta.site is None
    assert "Army Says Forces Pushed Back" in doc.clean_text


def test_a_sentence_opening_with_by_is_no_byline(tmp_path):
    case = {
        "id": "by-the-end",
        "fmt": "md",
        "text": "# Aid reaches Kauda\n\nBy the end of the month\n\nthe agency had delivered food to 20,000 people.\n",
    }
    doc = read_head(tmp_path, case)
    assert doc.meta.author is None
    assert "By the end of the month" in doc.clean_text


def test_a_definition_that_refers_to_itself_is_a_clear_error(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "definitions:\n  loop: 'a<<loop>>'\nrules:\n  - name: desk-header\n    kind: header\n"
        "    description: a desk line\n    patterns: ['Desk: (?P<site><<loop>>)']\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match="refers to itself"):
        load_rules(extra=[path])


@pytest.mark.parametrize(
    ("text", "site", "date"),
    [
        # a government over its issuing office, a communique numbered with a dash
        (
            "Government of Mali - Office of the Government Spokesperson\nCommunique No. 2026-41\n3 March 2026\n\n"
            "The Government informs the public that a convoy was attacked near Boni on Sunday.\n",
            "Government of Mali - Office of the Government Spokesperson",
            "2026-03-03",
        ),
        # a station's bulletin with a bracketed note, dated with a weekday and an hour
        (
            "Radio Kivu Lumière - news bulletin transcript (French to English)\nTuesday 4 March 2026, 6 a.m.\n\n"
            "Rutshuru. Residents say fighting resumed overnight near the town.\n",
            "Radio Kivu Lumière",
            "2026-03-04",
        ),
        # a group's media office over its statement, with a translator's note
        (
            "Al-Kataib Foundation - statement (unofficial translation of a channel post)\nPosted 9 June 2026\n\n"
            "The mujahideen stormed the base at dawn and seized its weapons.\n",
            "Al-Kataib Foundation",
            "2026-06-09",
        ),
    ],
)
def test_issuer_lines_with_numbers_notes_and_hours(tmp_path, text, site, date):
    """A Sahel trial's statement heads were read all or nothing: one line the block did not know (a
    communique numbered "2026-114", "statement (unofficial English translation ...)", a date line with
    "7 a.m.") left title, site and date unread. Written for other countries, not copied from the trial."""
    doc = read_head(tmp_path, {"id": "issuer", "fmt": "txt", "text": text})
    assert doc.meta.site == site
    assert doc.meta.date == date
    assert doc.clean_text.split("\n")[0] not in text.split("\n")[:2]


def test_a_report_excerpt_line_belongs_to_the_head(tmp_path):
    text = (
        "Myanmar: Junta Airstrikes Hit Displacement Camps\nAmnesty Watch\nReport excerpt\n2 February 2026\n\n"
        "Airstrikes hit two camps for displaced people in Sagaing Region on January 14, witnesses said.\n"
    )
    doc = read_head(tmp_path, {"id": "excerpt", "fmt": "txt", "text": text})
    assert (doc.meta.title, doc.meta.date) == ("Myanmar: Junta Airstrikes Hit Displacement Camps", "2026-02-02")
    assert "Report excerpt" not in doc.clean_text


def test_an_office_line_with_its_town_is_the_issuer(tmp_path):
    """A DRC trial: "Office of the Government Spokesperson, Kigali" under a statement's title was not
    read as its issuer (the town after the comma), so title, site and date were lost. Written for
    other countries."""
    text = (
        "Statement on the events in Kidal region\nOffice of the Prime Minister, Bamako\n14 May 2026\n\n"
        "The Government rejects the allegations published by the panel on Tuesday.\n"
    )
    doc = read_head(tmp_path, {"id": "office-town", "fmt": "txt", "text": text})
    assert (doc.meta.title, doc.meta.site, doc.meta.date) == (
        "Statement on the events in Kidal region",
        "Office of the Prime Minister, Bamako",
        "2026-05-14",
    )


@pytest.mark.parametrize("stamp", ["Updated 2 hours ago", "Published 35 minutes ago", "3 days ago"])
def test_a_relative_timestamp_over_the_headline_hides_no_head(tmp_path, stamp):
    """A saved page opening with the site's relative timestamp ("Updated 2 hours ago") lost its whole
    head: the stamp was taken for the headline. It dates nothing in a saved copy and is removed."""
    text = (
        f"{stamp}\nMilitia raid kills nine in Ituri village\nKivu Morning\nBy Esther Kahindo\n"
        "3 June 2026\n\nBUNIA, 3 June 2026 - Militiamen killed nine people in Djugu territory overnight.\n"
    )
    doc = read_head(tmp_path, {"id": "stamp", "fmt": "txt", "text": text})
    assert (doc.meta.title, doc.meta.site, doc.meta.author) == (
        "Militia raid kills nine in Ituri village",
        "Kivu Morning",
        "Esther Kahindo",
    )
    assert stamp not in doc.clean_text


def test_a_portal_facet_line_is_no_text(tmp_path):
    """A DRC trial: a situation report's "Format: ... Source: ... Posted: ..." line stayed in the text
    and its first word became a speaker. Two or more catalogue fields on a line are page furniture;
    one "Source:" inside a sentence is not."""
    text = (
        "Sudan: Flash Update No. 3 - El Fasher\n\nCountry: Sudan | Theme: Protection | Posted: 2 May 2026\n\n"
        "Shelling hit two shelters on Friday. Source: local health workers, who counted 14 wounded.\n"
    )
    doc = read_head(tmp_path, {"id": "facets", "fmt": "txt", "text": text})
    assert "Theme" not in doc.clean_text
    assert "Source: local health workers" in doc.clean_text


@pytest.mark.parametrize(
    ("text", "fmt", "site"),
    [
        # an issuer naming its state after a comma, over a kind line and a town's date line
        (
            "Oman rejects claims on arms shipments\nMinistry of Foreign Affairs, Sultanate of Oman\nPress release\n"
            "Muscat, 2 May 2026\n\nThe Ministry rejects the claims published on Tuesday.\n",
            "txt",
            "Ministry of Foreign Affairs, Sultanate of Oman",
        ),
        # a bold Markdown issuer whose kind word is a singular "Force"
        (
            "# Task force retakes the crossing\n\n**Multinational Joint Task Force — Media Office**\n"
            "**N'Djamena, 2 May 2026**\n\nThe force retook the crossing after two days of fighting.\n",
            "md",
            "Multinational Joint Task Force — Media Office",
        ),
    ],
)
def test_issuer_lines_naming_their_state_or_a_force(tmp_path, text, fmt, site):
    """A Sudan trial: "Ministry of Foreign Affairs, State of Qatar" and "**Joint Force of the Armed Struggle
    Movements — Media Office**" were not read as issuers, so title, site and date were lost. Written for
    other countries."""
    doc = read_head(tmp_path, {"id": "issuer-state", "fmt": fmt, "text": text})
    assert doc.meta.site == site and doc.meta.date == "2026-05-02" and doc.meta.title


def test_a_posters_name_and_handle_over_a_thread(tmp_path):
    """A Sudan trial: "X (@handle) - thread" was read as the title, so first-person posts had no speaker."""
    text = "Sahel Watch (@sahelwatch) - thread\n3 May 2026\n\n1/ Our team counted nine bodies at the well.\n"
    doc = read_head(tmp_path, {"id": "thread-handle", "fmt": "txt", "text": text})
    assert (doc.meta.author, doc.meta.site, doc.meta.date) == ("Sahel Watch", "@sahelwatch", "2026-05-03")
    assert doc.clean_text.startswith("Our team counted")
