from claimgraph.cli.highlight import highlighted, marks
from claimgraph.model import Claim, Event, Mention, Source, new_document


def _doc():
    text = "ISKP claimed the attack in Jalalabad, officials said."
    doc = new_document(Source("n.txt", "txt"), text).replace(clean_text=text)
    return doc.replace(
        entities=(Mention(0, 4, "ISKP", "Organisation", actor_id="iskp",
                          actor_name="Islamic State Khorasan Province"), Mention(27, 36, "Jalalabad", "Location")),
        events=(Event("e1", "ATTRIB", "Strategic developments", 0, 37, 5, 12, "claimed", 0.9),),
        claims=(Claim("c1", 0, len(text), text, 0, 36, speaker_text="officials", status="reported"),))


def test_marks_and_labels_follow_their_spans():
    doc = _doc()
    assert [m[:3] for m in marks(doc, entities=True)] == [(0, 4, "Organisation: Islamic State Khorasan Province"),
                                                          (27, 36, "Location")]
    plain = highlighted(doc, entities=True, events=True, claims=True).plain
    assert plain.startswith("ISKP [Organisation: Islamic State Khorasan Province] claimed [ATTRIB] the attack in Jalalabad [Location],")
    assert plain.endswith("said. [reported·unsupported·officials]")


def test_no_marks_is_the_clean_text():
    doc = _doc()
    assert highlighted(doc).plain == doc.clean_text
