"""A document's text as HTML: its claims, events and entities marked, everything else escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from claimgraph.model import Claim, Event, Mention, Source, new_document
from claimgraph.render.highlight import Span, anchor_id, document_spans, highlight

TEXT = "ISKP claimed the attack in Jalalabad <script>x</script>, officials said."


def _doc():
    doc = new_document(Source("n.txt", "txt"), TEXT).replace(clean_text=TEXT)
    return doc.replace(
        entities=(
            Mention(0, 4, "ISKP", "Organisation", actor_id="iskp", actor_name="Islamic State Khorasan Province"),
            Mention(27, 36, "Jalalabad", "Location"),
        ),
        events=(Event("d1-e0", "ATTRIB", "Strategic developments", 0, 55, 5, 12, "claimed", 0.9),),
        claims=(Claim("d1-c0", 0, 55, TEXT[:55], 0, 36, speaker_text="officials", status="reported"),),
    )


def test_a_known_document_is_marked_layer_in_layer():
    html = str(highlight(TEXT, document_spans(_doc())))
    root = ET.fromstring(f"<p>{html}</p>")  # well-formed: every mark closes inside its parent
    assert "".join(root.itertext()) == TEXT  # the text, unchanged, script and all (as text)
    marks = list(root.iter("mark"))
    claim = [m for m in marks if "hl-claim" in m.get("class")]
    assert [m.get("id") for m in marks if m.get("id")] == ["claim-d1-c0", "event-d1-e0"]  # each anchor once
    assert all("status-reported" in m.get("class") for m in claim)
    assert claim[0].get("title") == "claim (reported, unsupported) — officials"
    inner = {m.get("title"): "".join(m.itertext()) for m in marks if "hl-claim" not in m.get("class")}
    assert inner == {
        "Organisation: Islamic State Khorasan Province": "ISKP",
        "event ATTRIB (Strategic developments)": "claimed",
        "Location: Jalalabad": "Jalalabad",
    }
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_hostile_labels_and_classes_stay_inside_their_attributes():
    html = str(highlight("abc", [Span(0, 3, "entity", '"><script>x</script>', 'a" onclick="y', 'z" onmouseover="w')]))
    mark = ET.fromstring(html)
    assert mark.get("title") == '"><script>x</script>' and mark.get("onclick") is None
    assert mark.get("id") == "z--onmouseover--w"


def test_anchor_ids_keep_only_safe_characters():
    assert anchor_id("claim-ab12_c0") == "claim-ab12_c0"
    assert anchor_id("é<b> x") == "--b--x" and anchor_id(None) == ""
