"""One sentence segmentation per document: the language step splits the clean text once, in the
document's language, and entities, events and claims read ``Document.sentences``."""

from __future__ import annotations

from pathlib import Path

from claimgraph.claims.extract import extract_claims
from claimgraph.clean import clean_document, load_rules
from claimgraph.events.detect import detect_events
from claimgraph.language import detect_language
from claimgraph.model import Source, new_document
from claimgraph.nlp.sentences import document_sentences, sentence_spans

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def _document(name: str):
    path = CORPUS / name
    doc = new_document(Source(str(path), "txt"), path.read_text(encoding="utf-8"))
    return detect_language(clean_document(doc, RULES))


def test_the_language_step_splits_once_in_the_documents_language():
    doc = _document("kabul_ledger_surkhrod_bombing.txt")
    assert doc.language == "en"
    assert doc.sentences == tuple(sentence_spans(doc.clean_text, "en"))
    assert document_sentences(doc) is doc.sentences
    first = doc.clean_text[slice(*doc.sentences[0])]
    assert first and not first[0].isspace() and not first[-1].isspace()


def test_sentences_are_not_stored_nor_compared():
    doc = _document("hindu_kush_observer_kabul_detentions.txt")
    assert "sentences" not in doc.to_dict()
    assert doc == doc.replace(sentences=None)
    # a document read back without them is split the same way
    assert document_sentences(doc.replace(sentences=None)) == doc.sentences


def test_events_and_claims_read_the_documents_sentences():
    doc = _document("kabul_ledger_surkhrod_bombing.txt")
    events = detect_events(doc).events
    assert events and {(e.sentence_start, e.sentence_end) for e in events} <= set(doc.sentences)
    # the stages take the sentences the document holds: one span for the whole text gives one sentence
    whole = doc.replace(sentences=((0, len(doc.clean_text)),))
    assert {(e.sentence_start, e.sentence_end) for e in detect_events(whole).events} == {(0, len(doc.clean_text))}
    claims = extract_claims(doc).claims
    assert claims and all(any(s <= c.start < e for s, e in doc.sentences) for c in claims)  # (a quotation may run on)


def test_sentence_spans_returns_the_callers_own_list():
    text = "Officials said 12 people died. Dr. Amin denied it.\n\nA second paragraph."
    first = sentence_spans(text, "en")
    first.append((0, 1))
    assert sentence_spans(text, "en") == [(0, 30), (31, 50), (52, 71)]
    assert sentence_spans(text) == sentence_spans(text, None) == [(0, 30), (31, 50), (52, 71)]
