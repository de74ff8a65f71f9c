"""A group's own dead told without a possessive, members of an armed body, and strengths that name no group
(issue 16.2). Sentences written for this test (Chad, Iraq, Yemen, Uganda, the Philippines, Pakistan, Mali),
none from bench/data/side_stories.yaml or a trial corpus."""

import pytest

from claimgraph.figures.lexicon import FigureLexicon
from claimgraph.figures.reader import STORY_SUBJECT, SentenceReader

LEX = FigureLexicon.load()


def read(text):
    return [r for r in SentenceReader(text, LEX, []).read(0, len(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Six martyrs fell in the battle for the ridge above Baga Sola.",
        "Two brothers were martyred when the drone struck their vehicle near Hajjah.",
        "Three mujahideen attained martyrdom during the assault on the outpost.",
        "We lost four comrades in the ambush on the Bunia road.",
        "Our side lost two men when the convoy hit a mine.",
    ],
)
def test_a_speakers_own_dead_are_read_as_its_own_side(text):
    killed = [r for r in read(text) if r.measure == "killed"]
    assert len(killed) == 1 and killed[0].own_side


@pytest.mark.parametrize(
    "text",
    [
        "Twelve children were martyred in the air strike on the market in Saada.",
        "The army said four soldiers were killed near Mopti.",
    ],
)
def test_another_groups_dead_keep_their_words(text):
    killed = [r for r in read(text) if r.measure == "killed"]
    assert killed and not any(r.own_side for r in killed)


def test_a_count_before_a_word_starting_like_a_month_is_read():
    # "mar" of March is no month in "marines" or "martyrs"
    assert [(r.group, r.low) for r in read("Five marines were killed near Marawi.")] == [("soldiers", 5.0)]
    assert [r.low for r in read("On 12 March 30 people were killed in Mosul.")] == []


def test_members_of_an_armed_body_are_militants_and_a_familys_are_not():
    assert [r.group for r in read("Nine members of the armed group were killed in the clash near Gao.")] == [
        "militants"
    ]
    assert [r.group for r in read("Four members of the family were killed when the shell hit their house.")] == [None]


@pytest.mark.parametrize(
    "text,low,high",
    [
        ("The minister said no more than 300 terrorists remain active in the Lake Chad islands.", 0.0, 300.0),
        ("Only about 500 insurgents are still operating in the Rwenzori foothills, the army said.", 450.0, 550.0),
        ("The extremists hiding in the Sulu hills are now fewer than 100, the governor said.", 0.0, 99.0),
    ],
)
def test_a_strength_naming_no_group_is_the_storys(text, low, high):
    found = [(r.measure, r.subject, r.low, r.high) for r in read(text)]
    assert found == [("strength", STORY_SUBJECT, low, high)]


@pytest.mark.parametrize(
    "text",
    [
        "Twelve militants remain in custody after the raid in Bannu.",
        "The militants were 15 when they attacked the checkpoint.",
        "About 40 fighters remain at large after the jailbreak in Kirikiri.",
    ],
)
def test_people_held_or_a_raiding_party_are_no_strength(text):
    assert not [r for r in read(text) if r.measure == "strength"]


def test_with_no_voice_of_a_group_the_words_keep_their_group(run):
    doc = run("Two brothers were martyred in the fighting near Jilib on Tuesday.", name="statement.txt")
    # no group speaks (a plain file): the words' group stays (brothers are civilians by their head)
    assert [f.group for f in doc.annotations["figures"]] == ["civilians"]


def test_a_groups_own_statement_counts_its_dead_as_militants(fast_pipeline):
    from claimgraph.model import Metadata, Source, new_document

    pipe = fast_pipeline
    text = "The mujahideen stormed the base near Jilib and killed 31 apostate soldiers. Two brothers were martyred."
    doc = pipe(new_document(Source("post.txt", "txt"), text, Metadata(site="Shahada News Agency", date="2025-01-09")))
    groups = {f.text: f.group for f in doc.annotations["figures"] if f.measure == "killed"}
    assert groups["Two brothers"] == "militants" and groups["31 apostate soldiers"] == "soldiers"
