"""Camps: sides from what members say of each other, not only of the proposition's label.

The propositions step sides each member by its relation to the label (the most central claim), and
only where the member is close to it (``relation_similarity``): a member far from the label stays
neutral. On real coverage the two accounts that contradict each other are often both far from the
label, or the label is one of them and the other is worded apart from it ("the nearest post is more
than 20 km away" against "the post is barely 4 km from the village"): the proposition then holds the
contest but shows none (issue 16.3).

Here members that plainly conflict are related to each other: a rejection (status ``denied``, from
the attribution stage) against a positive claim it shares content words with, or figures with a unit
that cannot both be true about the same measured thing (``relation.figures_conflict``) and can be of
one incident (``disputes.denials.incident_test``, where the caller gives it). Such a pair is compared
by ``relation.claim_relations`` (which still asks that the two be about the same thing); a
contradiction puts them in opposite camps. Camps grow from the label's sides (a member contradicting a member
"for" is "against", and the reverse); a group of contradicting members that touches no sided member
takes "for" on the side of its member most similar to the label. A member that contradicts no camp
keeps its side (neutral stays neutral). Only members of two sentences count, from two documents or
two speakers (one article's own sentences, or a sentence against the claim it reports, are not two
accounts: ``contested_sides.opposed`` asks the same). Settings: data/models/contested_camps.yaml.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..nlp.tokens import topic_words
from ..yamlfiles import load_yaml, parsed_while_unchanged
from .contested_sides import sentence_of
from .relation import ClaimPair, claim_relations, figures_by_key, figures_conflict
from .relation import load_config as relation_config
from .tfidf import english_stop_words

CONFIG_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "contested_camps.yaml"
SIDE_REASON = "side: "  # as propositions.SIDE_REASON: the reason that says how the side was decided

Side = tuple[str, Any, Any, list[str]]  # (side, relation to the label, its score, reasons)


@dataclass(frozen=True)
class CampsConfig:
    members: int  # the most central members of a proposition compared with each other
    pairs: int  # the most conflicting pairs of one proposition related
    denial_shared_words: int  # content words (stems) a rejection shares with what it rejects
    stem: int  # letters of a word that make its stem ("fired" / "fire")
    rejoin_similarity: float  # a rejection and an assertion of two propositions are related from this


def load_config(path: Path = CONFIG_PATH) -> CampsConfig:
    return _parsed(path)


@parsed_while_unchanged
def _parsed(path: Path) -> CampsConfig:
    data = load_yaml(path.read_text(encoding="utf-8"))
    return CampsConfig(
        int(data["members"]),
        int(data["pairs"]),
        int(data["denial_shared_words"]),
        int(data["stem"]),
        float(data["rejoin_similarity"]),
    )


def in_claim(quantities: Callable[[dict], tuple]) -> Callable[[dict], tuple]:
    """``quantities`` (a row's stored quantities, at document offsets) moved to offsets in the claim's
    text, where ``relation.quantity_key`` reads the words around each figure ("150 people were
    detained")."""

    def moved(row: dict) -> tuple:
        if "_claim_quantities" not in row:
            shift = row.get("start") or 0
            row["_claim_quantities"] = tuple(
                dataclasses.replace(q, start=q.start - shift, end=q.end - shift)
                if q.start is not None and q.start >= shift
                else q
                for q in quantities(row)
            )
        return row["_claim_quantities"]

    return moved


def denies(member: dict[str, Any]) -> bool:
    """Whether the attribution stage read the member as a rejection (status ``denied``)."""
    return member.get("status") == "denied"


def two_accounts(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two sentences from two documents, or two named speakers (not the reporting author); never one
    speaker twice (a voice that gives a figure and rejects higher ones is one camp)."""
    if sentence_of(a) == sentence_of(b):
        return False
    if a.get("speaker_key") is not None and a.get("speaker_key") == b.get("speaker_key"):
        return False
    if a["doc_id"] != b["doc_id"]:
        return True
    return None not in (a.get("speaker_key"), b.get("speaker_key")) and a["speaker_key"] != b["speaker_key"]


@functools.cache
def _stop_words() -> frozenset[str]:
    return english_stop_words()


def content_stems(member: dict[str, Any], config: CampsConfig) -> frozenset[str]:
    """The member's content words (its speaker's words and stop words aside), cut to stems."""
    if "_stems" not in member:
        speaker = set(topic_words((member.get("speaker_text") or "").lower()))
        member["_stems"] = frozenset(
            w[: config.stem]
            for w in topic_words((member.get("text") or "").lower())
            if w not in speaker and w not in _stop_words() and not w.isdigit()
        )
    return member["_stems"]


def conflict_cue(
    a: dict[str, Any],
    b: dict[str, Any],
    quantities: Callable[[dict], tuple],
    config: CampsConfig,
    same_story: Callable[[str, str], bool] | None = None,
) -> bool:
    """A rejection against an assertion of what it rejects (they share ``config.denial_shared_words``
    content words: a negation about something else in the same story is no cue), or figures for one
    measured thing that cannot both be true, of one incident where ``same_story`` (two claim ids:
    ``disputes.denials.story_test``) is given. A proposition groups by wording, so it holds the tolls
    of every incident of a conflict ("four civilians were killed" by a strike in one province, "five
    worshippers were martyred" by a bombing in another): two such figures are two incidents, not a
    contest; the claims disputes block them so already."""
    cue = _cue(a, b, quantities, config)
    if cue != "figures":
        return cue == "rejects"
    return same_story is None or same_story(a["claim_id"], b["claim_id"])


def _cue(a: dict[str, Any], b: dict[str, Any], quantities: Callable[[dict], tuple], config: CampsConfig) -> str | None:
    """``conflict_cue`` less its story test: "rejects", "figures" (which holds only within one story) or None."""
    if _rejects(a, b, config):
        return "rejects"
    return "figures" if figures_conflict(_figures(a, quantities), _figures(b, quantities)) else None


def _rejects(a: dict[str, Any], b: dict[str, Any], config: CampsConfig) -> bool:
    """One of the two rejects what the other asserts (they share content words)."""
    if denies(a) != denies(b):
        asserted = b if denies(a) else a
        if asserted.get("polarity") != "negative" and (
            len(content_stems(a, config) & content_stems(b, config)) >= config.denial_shared_words
        ):
            return True
    return False


def _figures(member: dict[str, Any], quantities: Callable[[dict], tuple]) -> dict:
    """The member's ``relation.figures_by_key``, read once (a member meets up to ``members`` others).
    Only figures with a unit count ("12 members", "20 km"): a bare number is as often a district, an
    age or a date ("Police Districts 5 and 8", "aged between 19 and 31") as a count."""
    if "_figures" not in member:
        found = [q for q in quantities(member) if q.unit]
        member["_figures"] = figures_by_key(member["text"], found, relation_config()) if found else {}
    return member["_figures"]


def candidate_pairs(
    members: Sequence[dict[str, Any]],
    sides: Sequence[Side],
    label_similarities: Sequence[float],
    quantities: Callable[[dict], tuple],
    config: CampsConfig,
    same_story: Callable[[str, str], bool] | None = None,
) -> list[tuple[int, int]]:
    """Index pairs of members worth relating: among the ``config.members`` most similar to the label,
    two accounts with a conflict cue, at least one of them not sided yet; the closest to the label
    first, at most ``config.pairs``."""
    cued = _cued_pairs(members, sides, label_similarities, quantities, config)
    return _story_pairs(members, cued, config, same_story)


def _story_pairs(
    members: Sequence[dict[str, Any]],
    cued: Iterable[tuple[int, int, str]],
    config: CampsConfig,
    same_story: Callable[[str, str], bool] | None,
) -> list[tuple[int, int]]:
    """The first ``config.pairs`` of the ``cued`` pairs (``_cued_pairs``) whose cue holds: a rejection,
    or figures of one story where ``same_story`` is given."""
    pairs = []
    for i, j, cue in cued:
        if cue == "rejects" or same_story is None or same_story(members[i]["claim_id"], members[j]["claim_id"]):
            pairs.append((i, j))
            if len(pairs) >= config.pairs:
                return pairs
    return pairs


def _cued_pairs(
    members: Sequence[dict[str, Any]],
    sides: Sequence[Side],
    label_similarities: Sequence[float],
    quantities: Callable[[dict], tuple],
    config: CampsConfig,
) -> Iterator[tuple[int, int, str]]:
    """(i, j, cue) of the pairs ``candidate_pairs`` takes in its order, before the story test of a figures cue."""
    order = sorted(range(len(members)), key=lambda i: -float(label_similarities[i]))[: config.members]
    for x, i in enumerate(order):
        for j in order[x + 1 :]:
            if sides[i][0] != "neutral" and sides[j][0] != "neutral":
                continue
            if two_accounts(members[i], members[j]) and (cue := _cue(members[i], members[j], quantities, config)):
                yield i, j, cue


def camps_of_all(
    groups: Sequence[tuple[dict, list[dict], Sequence[float], dict]],
    sided: Sequence[Sequence[Side]],
    quantities: Callable[[dict], tuple],
    config: CampsConfig | None = None,
    same_story: Callable[[str, str], bool] | None = None,
) -> list[list[Side]]:
    """``sided`` (each group's members' sides relative to its label, as ``propositions._sides_of_all``
    gives them) with members that contradict a camp put in the opposite one; every pair related in one
    batch; figures meet only inside one incident where ``same_story`` is given (``conflict_cue``). A
    group whose members take poles of an analyst's question keeps its sides (the poles
    decide there)."""
    config = config or load_config()
    quantities = in_claim(quantities)
    wanted: dict[tuple[int, int, int], ClaimPair] = {}
    sided = [
        list(sides) if any(m.get("poles") for m in members) else _with_label(label, members, list(sides))
        for (label, members, _, _), sides in zip(groups, sided)
    ]
    # each group's cued pairs, then the stories of every pair of figures among them in one read
    # (``disputes.denials.read_stories``: asked pair by pair, each was a query of its own)
    cued = [
        []
        if any(m.get("poles") for m in members)
        else list(_cued_pairs(members, sides, similarities, quantities, config))
        for (_, members, similarities, _), sides in zip(groups, sided)
    ]
    if same_story is not None:
        from .disputes.denials import read_stories  # the disputes package reads the propositions module

        figures = {
            m[x]["claim_id"]
            for (_, m, _, _), pairs in zip(groups, cued)
            for *xs, c in pairs
            if c == "figures"
            for x in xs
        }
        read_stories(same_story, sorted(figures))
    for g, (_, members, _, _) in enumerate(groups):
        if any(m.get("poles") for m in members):
            continue
        for i, j in _story_pairs(members, cued[g], config, same_story):
            a, b = members[i], members[j]
            wanted[(g, i, j)] = ClaimPair(
                a["text"], b["text"], a.get("polarity"), b.get("polarity"), quantities(a), quantities(b)
            )
    contradicting: dict[int, list[tuple[int, int, list[str]]]] = defaultdict(list)
    related = claim_relations(list(wanted.values()), mode="fast") if wanted else []
    for (g, i, j), (relation, _, reasons) in zip(wanted, related):
        if relation == "contradicts":
            contradicting[g].append((i, j, reasons))
    out = []
    for g, ((_, members, similarities, _), sides) in enumerate(zip(groups, sided)):
        sides = _camps(members, list(sides), similarities, contradicting.get(g, []))
        out.append(sides if any(m.get("poles") for m in members) else _reporters(members, sides))
    return out


def _with_label(label: dict[str, Any], members, sides: list[Side]) -> list[Side]:
    """The label's speaker's other claims of the label's sentence are the label's account and take its
    side ("X rejected the claim that its units fired first, saying Y began the shelling": X's rejection
    and X's assertion are one camp, whatever their polarities)."""
    key = label.get("speaker_key")
    if key is None or not label.get("sentence_key"):
        return sides
    out = []
    for m, (side, relation, score, held) in zip(members, sides):
        if (
            side != "for"
            and m["claim_id"] != label["claim_id"]
            and m["doc_id"] == label["doc_id"]
            and m.get("sentence_key") == label["sentence_key"]
            and m.get("speaker_key") == key
        ):
            held = [
                f"{SIDE_REASON}the label's speaker in the label's sentence",
                *(r for r in held if not r.startswith(SIDE_REASON)),
            ]
            side = "for"
        out.append((side, relation, score, held))
    return out


def _reporters(members, sides: list[Side]) -> list[Side]:
    """A sentence in which the author only reports others (``speaker_key`` None with a sentence key:
    ``claims/accounts.py``) takes the side of the claims it reports, where they take one: "X denied
    that Y ..." stands with X's denial, not against it. Where its reported claims take both sides
    it takes neither."""
    reported: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m, s in zip(members, sides):
        if m.get("sentence_key") and m.get("speaker_key") is not None:
            reported[(m["doc_id"], m["sentence_key"])].add(s[0])
    out = []
    for m, (side, relation, score, held) in zip(members, sides):
        found = reported.get((m["doc_id"], m.get("sentence_key")), set()) - {"neutral"}
        if m.get("speaker_key") is None and m.get("sentence_key") and found and found != {side}:
            new = next(iter(found)) if len(found) == 1 else "neutral"
            why = f"{SIDE_REASON}the author only reports " + ("its claim" if len(found) == 1 else "both sides")
            held = [why, *(r for r in held if not r.startswith(SIDE_REASON))]
            side = new
        out.append((side, relation, score, held))
    return out


def _camps(members, sides: list[Side], similarities, edges) -> list[Side]:
    """Two-colour the members over the contradiction ``edges`` from the sided members outwards."""
    if not edges:
        return sides
    near: dict[int, list[tuple[int, list[str]]]] = defaultdict(list)
    for i, j, reasons in edges:
        near[i].append((j, reasons))
        near[j].append((i, reasons))
    colour = {i: s[0] for i, s in enumerate(sides) if s[0] != "neutral"}
    # seeds: the sided members, then each untouched group's member closest to the label as "for"
    seeds = [i for i in sorted(near, key=lambda i: -float(similarities[i])) if i in colour]
    seeds += [i for i in sorted(near, key=lambda i: -float(similarities[i])) if i not in colour]
    for seed in seeds:
        colour.setdefault(seed, "for")
        queue = [seed]
        while queue:
            i = queue.pop()
            for j, reasons in near[i]:
                if j in colour:
                    continue  # sided already (by the label, or by a nearer camp)
                colour[j] = "against" if colour[i] == "for" else "for"
                side, relation, score, held = sides[j]
                why = f"{SIDE_REASON}contradicts '{_short(members[i]['text'])}' ({colour[i]}): " + "; ".join(
                    r for r in reasons if r.startswith(("polarity", "numbers", "stance model"))
                )
                sides[j] = (colour[j], relation, score, [why, *(r for r in held if not r.startswith(SIDE_REASON))])
                queue.append(j)
    for i in near:
        if sides[i][0] == "neutral" and colour.get(i) == "for":  # a seed of a group no sided member touched
            side, relation, score, held = sides[i]
            held = [r for r in held if not r.startswith(SIDE_REASON)]
            sides[i] = ("for", relation, score, [f"{SIDE_REASON}the camp closest to the label", *held])
    return sides


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def rejoin_cue(a: dict[str, Any], b: dict[str, Any], config: CampsConfig) -> bool:
    """Whether ``a`` rejects what ``b`` asserts so plainly that the two are one contest even where
    their wording puts them in two propositions (``camp_edges``): ``a`` is a rejection, ``b`` a
    positive claim of another account (``two_accounts``), and they share ``config.denial_shared_words``
    content words (the test camps use inside a proposition)."""
    return (
        denies(a)
        and not denies(b)
        and b.get("polarity") != "negative"
        and two_accounts(a, b)
        and len(content_stems(a, config) & content_stems(b, config)) >= config.denial_shared_words
    )
