"""Rejections by reference resolved to the claim they answer (link/disputes/references.py, issue 16.3): sentences
and reports written for these tests (synthetic), not taken from any bench set."""

from __future__ import annotations

import json

import pytest

from claimgraph.link.disputes import list_disputes
from claimgraph.link.disputes.references import Reference, answers, fits, reference_of, resolve
from claimgraph.runner import run
from claimgraph.store import Store


def _claim(text: str, content: str, cue: str, **more) -> dict:
    at = text.index(content)
    row = {"text": text, "start": 0, "end": len(text), "content_start": at, "content_end": at + len(content)}
    return {**row, "cue": cue, "doc_id": "d1", "speaker_kind": "source", "status": "denied", **more}


def test_a_noun_or_a_pronoun_is_a_reference_a_clause_is_not():
    report = _claim("The police chief denied the report on Friday.", "the report on Friday", "denied")
    assert reference_of(report) == Reference("report", ())
    it = _claim("Hanoi's envoy dismissed it as slander.", "it as slander", "dismissed")
    assert reference_of(it) == Reference("pronoun", ())
    toll = _claim("The governor called the toll inflated.", "the toll inflated", "called")
    assert reference_of(toll) == Reference("figure", ())
    clause = _claim("The police chief denied that officers beat the boy.", "officers beat the boy", "denied")
    assert reference_of(clause) is None
    named = _claim("The army denied reports of looting in Kalemie.", "reports of looting in Kalemie", "denied")
    assert reference_of(named) is None  # "reports of X" names what is rejected: governed.py reads it
    subject = _claim("The group denied it was involved.", "it was involved", "denied")
    assert reference_of(subject) is None  # "it" opens a clause the cue governs


def test_a_reference_gives_the_names_of_its_accuser_and_its_incident():
    accuser = _claim(
        "The junta rejected Bangkok's accusations, its spokesman said.", "Bangkok's accusations", "rejected"
    )
    assert reference_of(accuser) == Reference("accusation", ("bangkok",), True)
    topic = _claim(
        "The ministry dismissed the claims about Kalemie on Monday.", "the claims about Kalemie on Monday", "dismissed"
    )
    assert reference_of(topic) == Reference("accusation", ("kalemie",), True)  # a weekday names no incident
    by = _claim("The militia denied the allegations by teachers in Kalemie.", "the allegations by teachers", "denied")
    assert reference_of(by) == Reference("accusation", ("teachers",))  # no proper name: one incident only
    clause = _claim(
        "Israel rejected accusations by officials in Rafah that it cut power.",
        "accusations by officials in Rafah that it cut power",
        "rejected",
    )
    assert reference_of(clause) is None  # "accusations by X that ...": the claim is named
    # the cue holding the noun ("described the allegations") still gives the reference
    cued = _claim(
        "A spokesman described the allegations regarding Pibor as lies.", "Pibor", "described the allegations"
    )
    assert reference_of(cued) == Reference("accusation", ("pibor",), True)


def test_a_figure_is_a_claim_with_a_number_and_a_name_may_be_its_country():
    figure = Reference("figure", ())
    assert fits(figure, {"text": "Medics said 31 people died.", "quantities": [{"value": 31}]})
    assert not fits(figure, {"text": "Medics said the clinic was hit.", "quantities": []})
    bangkok = Reference("accusation", ("bangkok",))
    assert fits(bangkok, {"text": "Refugees fled the shelling.", "speaker_text": "The Thai foreign ministry"})
    assert not fits(bangkok, {"text": "Refugees fled the shelling.", "speaker_text": "A local monk"})
    # an acronym keeps its capitals: "IS" is no word "is" of a sentence; a linked speaker's id names it too
    acronym = Reference("accusation", ("IS",), True)
    assert not fits(acronym, {"text": "The army is sure the road is open.", "speaker_text": "A colonel"})
    assert fits(Reference("report", ("UN",), True), {"text": "Troops fired.", "speaker_actor": "un"})


def _affirms(text: str, start: int, doc: str = "d1", **more) -> dict:
    return {"claim_id": f"{doc}:{start}", "text": text, "start": start, "end": start + len(text), "doc_id": doc, **more}


def test_the_answered_claim_is_the_nearest_earlier_one_of_another_voice():
    text = "The army denied the accusation."
    rejection = {**_claim(text, "the accusation", "denied"), "claim_id": "r", "start": 300, "end": 331}
    own = _affirms("The army said it retook the ridge.", 0, speaker_text="The army", speaker_kind="source")
    accusation = _affirms(
        "Farmers said soldiers burned the granary.", 100, speaker_text="Farmers", speaker_kind="source"
    )
    later = _affirms("Aid workers said the road reopened.", 400, speaker_text="Aid workers", speaker_kind="source")
    other = lambda a, b: a.get("speaker_text") != b.get("speaker_text") and b.get("speaker_text") != "The army"  # noqa: E731
    never = lambda a, b: False  # noqa: E731
    found = resolve(rejection, Reference("accusation", ()), [own, accusation, later], other, never, never, None)
    assert found is accusation
    # a pronoun reaches the nearest earlier claim only, and only inside its report
    assert resolve(rejection, Reference("pronoun", ()), [own, later], other, never, never, None) is None
    # the same reference and an earlier claim of its report is what makes one report's two voices a dispute
    assert answers(rejection, accusation, frozenset({"denied"}))
    assert not answers(rejection, later, frozenset({"denied"}))


def test_a_named_accuser_is_found_in_another_report():
    text = "Naypyidaw rejected Dhaka's claims on Tuesday."
    rejection = {**_claim(text, "Dhaka's claims on Tuesday", "rejected"), "claim_id": "r", "doc_id": "d2"}
    accused = _affirms("Bangladesh's foreign ministry said shells landed in Ukhia.", 0, "d1", speaker_text="Bangladesh")
    unnamed = _affirms("Fishermen said a patrol boat fired on them.", 0, "d3", speaker_text="Fishermen")
    yes = lambda a, b: True  # noqa: E731
    found = resolve(rejection, reference_of(rejection), [unnamed, accused], yes, yes, yes, lambda a, b: 0.0)
    assert found is accused


DOCUMENTS = [
    {
        "title": "Granary burned in Kabalo",
        "site": "Tanganyika Echo",
        "date": "2025-02-11",
        "text": "Farmers in Kabalo said militia fighters burned the village granary on Sunday night.",
    },
    {
        "title": "Militia denies Kabalo arson",
        "site": "Kalemie Morning Radio",
        "date": "2025-02-12",
        "text": "Farmers in Kabalo said militia fighters burned the village granary on Sunday night. "
        "A militia spokesman, Jean Kasongo, denied the accusation on Monday.",
    },
    {
        "title": "Bishop's appeal",
        "site": "Lubumbashi Catholic Weekly",
        "date": "2025-02-12",
        "text": "The bishop of Kalemie said the diocese would open its schools to displaced children next week.",
    },
]


@pytest.fixture(scope="module")
def disputes(tmp_path_factory):
    root = tmp_path_factory.mktemp("references")
    corpus = root / "documents.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCUMENTS), encoding="utf-8")
    with Store(root / "store.duckdb") as store:
        run([str(corpus)], store, workers=1)
        return list_disputes(store, "claims")


def test_a_rejection_answered_in_its_report_meets_another_outlets_claim(disputes):
    found = [d for d in disputes if any("denied the accusation" in v["text"] for v in d["values"])]
    assert len(found) == 1, [d["why"] for d in disputes]
    sides = {(v["source"], v["role"]) for v in found[0]["values"]}
    assert ("Tanganyika Echo", "affirms") in sides and ("Kalemie Morning Radio", "denies") in sides
    assert "Lubumbashi Catholic Weekly" not in {s for s, _ in sides}
