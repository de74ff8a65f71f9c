"""The two real seed documents, cleaned line by line."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from clean_invariants import check_invariants

from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Document, Source, new_document

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module

# Each paragraph is a list of its lines.
NEWS_CLEAN = [
    ["International community faces critical decision in defeating ISIS in Afghanistan"],
    [
        "KABUL – In a delicate balancing act, the international community faces a critical decision regarding "
        "Afghanistan’s security landscape. The Islamic State – Khorasan Province (ISKP) poses a genuine threat, "
        "despite the Taliban-led government’s denial of their significance. Recent ISKP attacks have unveiled the "
        "stark reality that the Taliban alone may not have the capacity to quell this extremist force."
    ],
    [
        "As Afghanistan stands at this crossroads, the global community are oscillating between the choice to "
        "collaborate with the Taliban to counter the ISKP menace or to risk witnessing the emergence of a troubling "
        "growth of the Islamic State in Afghanistan where the Taliban have knowingly or inadvertently eased movement "
        "of terror groups apart from the ISIS and its affiliates."
    ],
    [
        "The Taliban’s assertions of having dismantled ISKP strongholds in Nangarhar and Kunar are challenged by the "
        "persistent attacks, indicating that the Taliban can never defeat ISKP single-handedly without international "
        "community’s intervention."
    ],
    [
        "Efforts to eliminate ISKP by the Taliban have seen key commanders fall, yet the threat persists. The specific "
        "religious ideological strife between the Taliban and ISKP adds complexity, with allegations of foreign "
        "backing fuelling the extremist elements."
    ],
    [
        "However, voices within the Taliban government express a shift in stance, hinting at a willingness to engage "
        "with the international community to eradicate ISKP. The solution lies in coordinated efforts with the "
        "Taliban to defeat ISKP. However, the extent to which nations are willing to engage with the Taliban, share "
        "intelligence, and provide logistical support remains uncertain."
    ],
    [
        "Amid these complexities, two critical aspects must not be overlooked. First, the Taliban’s commitment to "
        "promises made in the Doha Accord, especially regarding female education, warrants scrutiny. The economic "
        "plight driving Afghan youth towards terrorism poses a broader challenge that demands global attention. "
        "Second, the role of regional players in exacerbating the situation through proxies and vested interests "
        "adds another layer of complexity. Attacks with unclaimed responsibility hint at a tangled web involving "
        "intelligence agencies pursuing their agendas."
    ],
]

THREAD_CLEAN = [
    [
        "Recently, the Secretary of the Security Council of Kyrgyzstan, Marat Imankulov has made unsubstantiated "
        "allegations regarding the significant presence of ISKP members in northern Afghanistan and the dissemination "
        "of extremist ideology originating from that region."
    ],
    [
        "These claims, lacking empirical backing, have the potential to generate significant attention and raise "
        "concerns among the international community."
    ],
    [
        "Since the return of the Taliban government, the Taliban has successfully targeted and eliminated several "
        "high-ranking leaders of the ISKP, effectively disrupting the group's operations."
    ],
    [
        "Additionally, it is noteworthy that the ISKP has refrained from claiming responsibility for any attacks over "
        "the past eight weeks, indicating a significant reduction in their engagement in militant activities."
    ],
    [
        "If there were indeed a group with 7,000 fighters in Afghanistan, it would be highly unlikely for the Taliban "
        "to maintain such robust territorial control."
    ],
    [
        "During this highly sensitive period, nations around the world are actively seeking avenues to engage and "
        "potentially exert influence over the decision-making processes of the Taliban. This pursuit stems from the "
        "acknowledgment, as articulated by Imankulov himself, that there is currently no viable alternative available.",
        "Given the absence of a viable alternative, it becomes crucial to carefully analyze one's approach toward "
        "engaging with the Taliban.",
    ],
    [
        "It is essential to delve into the United States' interaction and the Doha agreement with the Taliban, in "
        "order to extract valuable lessons from it. By presenting genuine demands and adopting a realistic approach, "
        "the US successfully obtained the Taliban's commitment to preventing the operation of Al-Qaeda within "
        "Afghanistan.",
        "As a result of the Doha agreement, Al-Qaeda maintained a subdued presence and refrained from expanding its "
        "capabilities in Afghanistan.",
    ],
    [
        "Even amidst reports of a drone strike targeting Al-Qaeda leader Ayman al-Zawahiri in Kabul, Al-Qaeda has "
        "been reluctant to confirm his demise or announce a successor. Meanwhile, the Taliban have unequivocally "
        "denied his presence in Afghanistan."
    ],
    [
        "Taliban leaders have demonstrated a clear determination to prevent transnational groups from operating "
        "within Afghanistan. While there may still exist certain groups or individuals residing in the country, their "
        "capacity and presence have not witnessed any significant growth since the Taliban's return to power. On the "
        "contrary, their public visibility in Afghanistan has decreased."
    ],
    [
        "It is reasonable to assert that Afghanistan currently harbors only remnants of militant groups or "
        "individuals. It is worth noting that these groups were initially supported by the US & aligned with their "
        "cause, but later the US made the decision to confront and oppose them."
    ],
    [
        "When comparing the current de facto Taliban government's 20-month rule in Afghanistan with their previous "
        "reign in the 1990s, there is a noticeable improvement, generating a sense of positivity and encouragement."
    ],
    [
        "The Taliban's unwavering stance on prohibiting the use of Afghanistan's territory for aggression against "
        "other nations demonstrates their dogmatism. However, it is important to acknowledge the ideological "
        "constraints they face when addressing this matter, as it may influence the extent to which they can "
        "effectively enforce their policy."
    ],
    [
        "In addition to the abundance of unverifiable statements and reports, it is noteworthy that in today's era of "
        "widespread internet access, there is a notable absence of videos depicting militant training centers or "
        "credible threats originating from Afghanistan."
    ],
    [
        "Due to the historical perception and treatment of the Taliban as an adversary, a substantial trust deficit "
        "exists not only within the international community but also within the ranks of the Taliban."
    ],
    [
        "Unsubstantiated allegations have the potential to exacerbate skepticism and foster additional suspicions, "
        "further widening the trust gap between the parties involved."
    ],
    [
        "To foster constructive engagement with the de facto authorities in Afghanistan, countries need to reassess "
        "their approach. Resorting to public mudslinging has proven ineffective in dealing with the Taliban."
    ],
    [
        "It is important to refrain from publicly shaming and blaming, as this approach could potentially lead the "
        "Taliban into denial. Instead, it is crucial to strive for a comprehensive understanding of the challenges "
        "and constraints encountered by the Taliban."
    ],
    [
        "By doing so, we can effectively engage with the de facto government and find more productive avenues for "
        "dialogue and progress."
    ],
]


def clean_seed(path: Path) -> Document:
    return clean_document(new_document(Source(str(path), "txt"), path.read_text(encoding="utf-8")), RULES)


@pytest.fixture(scope="module")
def news(seed_news_path: Path) -> Document:
    return clean_seed(seed_news_path)


@pytest.fixture(scope="module")
def thread(seed_thread_path: Path) -> Document:
    return clean_seed(seed_thread_path)


def paragraphs_as_lines(doc: Document) -> list[list[str]]:
    return [para.split("\n") for para in doc.clean_text.split("\n\n")]


def squash(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))


def check_paragraphs_map_back(doc: Document) -> None:
    """Every clean paragraph maps to a raw span holding it (exactly, where it was copied verbatim)."""
    removed = bytearray(len(doc.raw_text))
    for r in doc.removals:
        removed[r.raw_start : r.raw_end] = b"\1" * (r.raw_end - r.raw_start)
    start = 0
    for para in doc.clean_text.split("\n\n"):
        end = start + len(para)
        raw_start, raw_end = doc.offsets.to_raw(start, end)
        raw = doc.raw_text[raw_start:raw_end]
        segments = [s for s in doc.offsets.segments if s.clean_start < end and s.clean_end > start]
        if all(s.verbatim for s in segments):
            assert raw == para
        else:  # re-joined sentences: the raw span minus what was removed reads as the paragraph
            kept = "".join(c for c, gone in zip(raw, removed[raw_start:raw_end]) if not gone)
            assert squash(para) in squash(kept)
        for s in segments:
            if s.verbatim:
                a, b = max(s.clean_start, start), min(s.clean_end, end)
                ra, rb = doc.offsets.to_raw(a, b)
                assert doc.raw_text[ra:rb] == doc.clean_text[a:b]
        start = end + 2


def test_news_seed_reads_as_the_article_alone(news):
    assert paragraphs_as_lines(news) == NEWS_CLEAN
    check_invariants(news)


def test_news_seed_metadata_from_title_and_byline(news):
    assert news.meta.title == "International community faces critical decision in defeating ISIS in Afghanistan"
    assert news.meta.site == "AT News"
    assert news.clean_text.count(news.meta.title) == 1


def test_news_seed_removals(news):
    by_rule = {}
    for r in news.removals:
        by_rule.setdefault(r.rule, []).append(r.text)
    assert set(by_rule) == {"breadcrumb", "byline", "author-box", "related-content", "link-spam", "whitespace"}
    assert by_rule["breadcrumb"] == [
        "Home / Latest / International community faces critical decision in defeating ISIS in Afghanistan"
    ]
    assert by_rule["byline"] == ["AT News"]
    assert by_rule["author-box"] == ["About admin"]
    [related] = by_rule["related-content"]
    assert related.startswith("Check Also\n\nPakistan’s Exports to Afghanistan Decline")
    assert "AT Kabul: The State Bank of Pakistan" in related
    assert by_rule["link-spam"] == [
        "https://www.markas303.ac.id/ https://www.markas303.or.id/ https://www.markas303.sch.id/"
    ]
    assert all(w.isspace() for w in by_rule["whitespace"])
    for phrase in ("Home /", "AT News", "About admin", "Check Also", "Pakistan’s Exports", "AT Kabul", "http"):
        assert phrase not in news.clean_text


def test_news_seed_paragraphs_map_back_to_raw(news):
    check_paragraphs_map_back(news)


def test_thread_seed_reads_as_its_argument_once(thread):
    assert paragraphs_as_lines(thread) == THREAD_CLEAN
    check_invariants(thread)
    for debris in ("⬇", "[Thread]", "[END]", "…", "جاري"):
        assert debris not in thread.clean_text
    assert thread.clean_text.count("Given the absence of a viable alternative") == 1
    assert thread.clean_text.count("As a result of the Doha agreement") == 1
    assert "as articulated by Imankulov himself, that there is currently" in thread.clean_text
    assert "have not witnessed any significant growth" in thread.clean_text
    assert thread.meta.title is None  # the thread starts with a sentence, not a headline


def test_thread_seed_removals(thread):
    counts = Counter(r.rule for r in thread.removals)
    assert counts == {
        "separator": 40,
        "split-join": 8,
        "thread-marker": 4,
        "repeated-line": 2,
        "interface-string": 1,
        "whitespace": 3,
    }
    texts = {rule: {r.text for r in thread.removals if r.rule == rule} for rule in counts}
    assert texts["separator"] == {"⬇️"}
    assert texts["split-join"] == {"…"}
    assert texts["thread-marker"] == {"[Thread] ⬇️", "[END]"}
    assert texts["interface-string"] == {"جاري تحميل الاقتراحات..."}
    assert {t[:40] for t in texts["repeated-line"]} == {
        "Given the absence of a viable alternativ",
        "As a result of the Doha agreement, Al-Qa",
    }
    # the repeats removed are the later copies
    for r in thread.removals:
        if r.rule == "repeated-line":
            assert thread.raw_text.find(r.text) < r.raw_start


def test_thread_seed_joins_map_to_the_removed_split(thread):
    at = thread.clean_text.index("himself, that") + len("himself,")
    [seg] = [s for s in thread.offsets.segments if s.clean_start == at]
    assert not seg.verbatim and thread.clean_text[seg.clean_start : seg.clean_end] == " "
    assert thread.raw_text[seg.raw_start : seg.raw_end] == "…\n⬇️\n⬇️\n…"
    check_paragraphs_map_back(thread)


def test_seeds_clean_idempotently(news, thread):
    for doc in (news, thread):
        again = clean_document(new_document(Source("clean.txt", "txt"), doc.clean_text), RULES)
        assert again.clean_text == doc.clean_text
        assert [r.rule for r in again.removals] == []
