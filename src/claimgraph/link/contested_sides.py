"""Which members of a proposition count as accounts on its side, and whether accounts oppose.

The propositions step places every claim near a proposition on a side; not every such member is an
account a reader would set against another (issue 16.3/16.6). The claims stage reads what decides it
from each claim and its document and stores it with the claim (``claims/accounts.py``); here the
stored fields are read, with no parse and no other member's text:

- a member whose content has no predicate (``has_predicate`` false) is set aside, except a denial (the
  cue is the predicate: "denied any involvement in the fire" says the thing named did not happen);
- so is a member whose speaker is an indefinite or generic pronoun (``generic_speaker``);
- one sentence (``sentence_key``) counts once on a side: its copies in later documents (a syndicated
  copy in another outlet) are repeats; within its first document every claim of it counts (the
  author's sentence and the claim reported inside it are one source, which counts its strongest);
- a proposition is contested only where an account for and an account against come from two
  sentences, or from two speakers (``speaker_key``) of one sentence other than the author reporting
  them ("Kyiv accused Moscow ..., a charge the Kremlin rejected" is; one speaker's words read both
  ways, or the reporting author's sentence against the claim it reports, are not).

A claim of a store older than these fields (all None) is an account and a sentence of its own, so
such a store's propositions score as before. The contested score weighs *tallies*: the counted
accounts grouped by side, source, status and evidence, each with the least and greatest sentence and
speaker of its group: enough to tell whether accounts oppose (``opposed``), so that a proposition
refreshed from its new members (``propositions_refresh``) is scored from a few rows per source
(``store.propositions.side_tallies``), not a row per member. Rules written (session 8, branch
contested2) on the train half of tests/fixtures/link/contested_synthetic.yaml (synthetic); figures
in docs/quality.md ("Contested: accounts, not members").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

SIDES = ("for", "against")


def set_aside_why(member: dict[str, Any]) -> str | None:
    """Why a side-taking member is no account ("generic speaker", "no predicate"), or None."""
    if member.get("side") not in SIDES:
        return None
    if member.get("generic_speaker"):
        return "generic speaker"
    if member.get("has_predicate") is False and member.get("status") != "denied":
        return "no predicate"
    return None


def sentence_of(member: dict[str, Any]) -> str:
    """The member's sentence key; a claim stored before the key existed is a sentence of its own."""
    return member.get("sentence_key") or member["claim_id"]


def member_tallies(members: Sequence[dict[str, Any]], stored: Iterable[tuple[str, str]] = ()) -> list[dict[str, Any]]:
    """The counted accounts among ``members`` (in document order, each with side, claim_id, doc_id,
    status, evidence, source fields and the four claim fields), one tally each: accounts, and of
    each sentence on a side only the claims of the first document holding it. ``stored``: (side,
    sentence) pairs already counted among a proposition's stored members (its new members repeating
    one of those are repeats)."""
    first_doc: dict[tuple[str, str], str | None] = dict.fromkeys(stored)
    out = []
    for m in members:
        if m.get("side") not in SIDES or set_aside_why(m):
            continue
        key = (m["side"], sentence_of(m))
        doc = first_doc.setdefault(key, m["doc_id"])
        if doc != m["doc_id"]:
            continue  # a copy of a sentence counted on this side already
        out.append(
            {
                **m,
                "sentence_min": key[1],
                "sentence_max": key[1],
                "speaker_min": m.get("speaker_key"),
                "speaker_max": m.get("speaker_key"),
            }
        )
    return out


def opposed(tallies: Iterable[dict[str, Any]]) -> bool:
    """Whether some counted account for and some against come from two sentences, or from two
    speakers of one sentence neither of whom is the reporting author (whose speaker is None).

    With a side's least and greatest sentence: two sentences on one side, or one each but not the
    same, always make a pair from two sentences. Else every account is of one sentence, and a pair of
    speakers differs unless each side has the same single speaker."""
    sentences: dict[str, list[str]] = {}
    speakers: dict[str, list[str]] = {}
    for t in tallies:
        side = t["side"]
        _widen(sentences, side, t["sentence_min"], t["sentence_max"])
        _widen(speakers, side, t["speaker_min"], t["speaker_max"])
    if not all(side in sentences for side in SIDES):
        return False
    (f_low, f_high), (a_low, a_high) = sentences["for"], sentences["against"]
    if f_low != f_high or a_low != a_high or f_low != a_low:
        return True
    if not all(side in speakers for side in SIDES):
        return False
    return len({*speakers["for"], *speakers["against"]}) > 1


def _widen(bounds: dict[str, list[str]], side: str, low: str | None, high: str | None) -> None:
    if low is None:
        return
    held = bounds.get(side)
    if held is None:
        bounds[side] = [low, high]
    else:
        held[0], held[1] = min(held[0], low), max(held[1], high)
