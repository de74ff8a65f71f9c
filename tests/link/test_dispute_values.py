"""What names an event cluster in the disputes listing (link/disputes/values.py)."""

from __future__ import annotations

import itertools

from claimgraph.link.disputes.values import _label


def _member(event_id, type_, date, location="Malam Fatori", place_id="geonames:2331447"):
    return {"event_id": event_id, "type": type_, "date_start": date, "location": location, "place_id": place_id}


def test_a_tie_of_types_goes_to_the_type_not_to_an_event_id():
    # event ids hash the documents' paths: the same reports named the cluster either way in two clones
    labels = {"ARMED_CLASH": "Armed clash", "ATTACK": "Attack"}
    for first, second in itertools.permutations(("e:aaa", "e:zzz")):
        members = [_member(first, "ATTACK", "2024-06-09"), _member(second, "ARMED_CLASH", "2024-06-09")]
        assert _label(members, labels) == "armed clash in Malam Fatori, 2024-06-09"
        assert _label(members[::-1], labels) == "armed clash in Malam Fatori, 2024-06-09"


def test_the_type_most_reports_give_names_the_cluster_and_a_tie_of_counts_the_earliest():
    labels = {"ARMED_CLASH": "Armed clash", "ATTACK": "Attack"}
    members = [
        _member("e:1", "ATTACK", "2024-06-09"),
        _member("e:2", "ARMED_CLASH", "2024-06-08"),
        _member("e:3", "ATTACK", "2024-06-10"),
    ]
    assert _label(members, labels).startswith("attack in")
    assert _label(members[:2], labels) == "armed clash in Malam Fatori, 2024-06-08"


def test_two_documents_equal_counts_with_no_event_are_two_values():
    from claimgraph.link.disputes.values import _distinct

    def figure(doc_id, text, speaker=None):
        return {"doc_id": doc_id, "event_id": None, "measure": "arrested", "group": None, "low": 2.0, "high": 2.0,
                "subject": None, "text": text, "speaker_text": speaker}  # fmt: skip

    kept = _distinct([figure("d1", "the wife and child"), figure("d2", "a wife and daughter")])
    assert sorted(f["text"] for f in kept) == ["a wife and daughter", "the wife and child"]
    # one document's number read twice is one value, the one naming a speaker kept
    [one] = _distinct([figure("d1", "two"), figure("d1", "two people", speaker="police")])
    assert one["speaker_text"] == "police"
