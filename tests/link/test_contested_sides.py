"""The contested rules on the project's synthetic contests and non-contests
(tests/fixtures/link/contested_synthetic.yaml: 22 cases across 14 conflicts, split train/dev by the
sha1 of the id; the rules were written from train, session 8, branch contested2): each case's claims
get their fields as the claims stage reads them (claims/accounts.py: the word reading of fast mode, and
the parse's tags of accurate mode where the parser is installed), and the linker's rules
(link/contested_sides.py, contested.score_accounts) decide from those alone."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from claimgraph.claims.accounts import account_fields, predicate_by_parse, predicate_by_words
from claimgraph.claims.lexicon import load_lexicon
from claimgraph.events.parse import parse_spans, parser_installed
from claimgraph.link.contested import claim_weight, score_accounts
from claimgraph.link.contested_sides import member_tallies, opposed, set_aside_why

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "link" / "contested_synthetic.yaml"
CASES = yaml.safe_load(DATA.read_text(encoding="utf-8"))
READINGS = ["words", pytest.param("parse", marks=pytest.mark.skipif(not parser_installed(), reason="no parser"))]


def _is_dev(case_id: str) -> bool:
    return int(hashlib.sha1(case_id.encode()).hexdigest()[:8], 16) % 4 == 0


def members_of(case: dict, reading: str) -> list[dict]:
    """The case's members as the store gives them to the linker: each document's text is its
    sentences (a member's ``sentence`` number, the longest text given for it) in order; each claim's
    fields are read by the claims stage's ``account_fields`` over that document."""
    lex = load_lexicon("en")
    docs = list(dict.fromkeys(m["doc"] for m in case["members"]))
    out = []
    for doc in docs:
        mine = [(n, m) for n, m in enumerate(case["members"]) if m["doc"] == doc]
        longest: dict[int, str] = {}
        for _, m in mine:
            if len(m["text"]) > len(longest.get(m["sentence"], "")):
                longest[m["sentence"]] = m["text"]
        text, sentences, at = "", [], {}
        for k in sorted(longest):
            at[k] = len(text)
            sentences.append((len(text), len(text) + len(longest[k])))
            text += longest[k] + " "
        claims = []
        for _, m in mine:
            start = at[m["sentence"]] + longest[m["sentence"]].find(m["text"])
            content = start + m["text"].find(m["content"])
            claims.append(
                {
                    "start": start,
                    "end": start + len(m["text"]),
                    "content_start": content,
                    "content_end": content + len(m["content"]),
                    "speaker_text": m["speaker"],
                    "speaker_kind": "author" if m["author"] else "source",
                    "speaker_actor": None,
                }
            )
        if reading == "parse":
            has_predicate = predicate_by_parse(dict(zip(sentences, parse_spans(text, sentences, needs=("tagger",)))))
        else:

            def has_predicate(text, spans):
                return predicate_by_words(text, spans, lex)

        fields = account_fields(text, claims, sentences, has_predicate, lex.generic_speakers)
        for (n, m), claim, f in zip(mine, claims, fields):
            out.append(
                {
                    **claim,
                    **f,
                    "claim_id": f"{case['id']}#{n}",
                    "doc_id": m["doc"],
                    "site": m["source"],
                    "text": m["text"],
                    "side": m["side"],
                    "status": m["status"],
                    "evidence": m["evidence"],
                }
            )
    return out  # documents in order of first appearance (ingest order), claims in text order


def test_split_is_the_recorded_one():
    assert [c["id"] for c in CASES["cases"] if _is_dev(c["id"])] == CASES["dev_ids"]


@pytest.mark.parametrize("reading", READINGS)
@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_case(case, reading):
    members = members_of(case, reading)
    tallies = member_tallies(members)
    assert opposed(tallies) is case["contested"]
    scored = score_accounts(tallies)
    assert (scored["score"] > 0) is case["contested"], scored["why"]


@pytest.mark.parametrize("reading", READINGS)
def test_a_repeated_sentence_counts_once(reading):
    case = next(c for c in CASES["cases"] if c["id"] == "kharkiv-syndicated-repeat")
    members = members_of(case, reading)
    both = score_accounts(member_tallies(members))
    alone = score_accounts(member_tallies([m for m in members if m["doc_id"] != "B"]))
    assert both["score"] == alone["score"] > 0
    assert both["sources_for"] == ["Eastern Wire"]


@pytest.mark.parametrize("reading", READINGS)
def test_set_aside_members_say_why(reading):
    case = next(c for c in CASES["cases"] if c["id"] == "somalia-generic-one-fragment")
    aside = {m["claim_id"]: set_aside_why(m) for m in members_of(case, reading) if set_aside_why(m)}
    assert aside == {f"{case['id']}#0": "generic speaker"}
    asked = next(c for c in CASES["cases"] if c["id"] == "tigray-asked-only-against")
    aside = {m["claim_id"]: set_aside_why(m) for m in members_of(asked, reading) if set_aside_why(m)}
    assert aside == {f"{asked['id']}#1": "no predicate"}


def test_weights_are_the_claims_weights():
    case = next(c for c in CASES["cases"] if c["id"] == "drc-same-doc-two-sentences")
    members = members_of(case, "words")
    assert score_accounts(member_tallies(members))["weight_for"] == pytest.approx(claim_weight(members[0]))


def test_claims_of_an_older_store_count_as_before():
    """Claims stored before the fields existed (all None) are accounts, each a sentence of its own:
    one sentence read both ways by one speaker is then contested, as it was."""
    case = next(c for c in CASES["cases"] if c["id"] == "myanmar-one-sentence-rejection")
    old = [
        {**m, "has_predicate": None, "generic_speaker": None, "sentence_key": None, "speaker_key": None}
        for m in members_of(case, "words")
    ]
    assert score_accounts(member_tallies(old))["score"] > 0
