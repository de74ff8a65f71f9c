from claimgraph.nlp.sentences import sentence_spans


def test_spans_are_exact_and_stay_in_paragraphs():
    text = (
        "KABUL – Officials said 12 people died. Dr. Amin denied it.\n\n"
        "Headline without a full stop\n\nThe U.S. envoy met them on 3 March. They agreed."
    )
    spans = sentence_spans(text)
    sentences = [text[s:e] for s, e in spans]
    assert sentences == [
        "KABUL – Officials said 12 people died.",
        "Dr. Amin denied it.",
        "Headline without a full stop",
        "The U.S. envoy met them on 3 March.",
        "They agreed.",
    ]


def test_seed_thread_sentences(seed_thread_path):
    from claimgraph.clean import clean_document
    from claimgraph.model import Source, new_document

    raw = seed_thread_path.read_text(encoding="utf-8")
    doc = clean_document(new_document(Source(str(seed_thread_path), "txt"), raw))
    sentences = [doc.clean_text[s:e] for s, e in sentence_spans(doc.clean_text)]
    assert (
        "This pursuit stems from the acknowledgment, as articulated by Imankulov himself, that there is "
        "currently no viable alternative available."
    ) in sentences
    assert (
        "If there were indeed a group with 7,000 fighters in Afghanistan, it would be highly unlikely for the "
        "Taliban to maintain such robust territorial control." in sentences
    )


def test_empty_and_other_languages():
    assert sentence_spans("") == []
    assert sentence_spans("   \n\n  ") == []
    text = "Привет. Как дела?"
    assert [text[s:e] for s, e in sentence_spans(text, "ru")] == ["Привет.", "Как дела?"]


def test_a_title_abbreviation_does_not_end_a_sentence():
    # sentencex breaks after "Ms." and "Amb." (not after "Mr." or "Dr."): the speaker's title was
    # left alone and the reported speech began a sentence without its speaker
    text = "The talks failed, Ms. Gedrich said. Amb. Okafor disagreed.\n\nThey met on Main St. The house burned."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The talks failed, Ms. Gedrich said.",
        "Amb. Okafor disagreed.",
        "They met on Main St.",
        "The house burned.",
    ]


def test_a_title_never_joins_across_a_paragraph_break():
    text = "Ms.\n\nGedrich said."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Ms.", "Gedrich said."]
