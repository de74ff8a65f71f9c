"""Where a force is counted and a force said to be absent (figures/presence.py, issue 16.2): a denied presence
is the force's strength of 0 in that country, a count in a foreign country is a part ("in:XX"), a count at home
is the whole. Sentences written for these tests (synthetic; not copied from any corpus)."""

from claimgraph.model import FIGURES_KIND


def strengths(doc):
    return [f for f in doc.annotations.get(FIGURES_KIND, ()) if f.measure == "strength"]


def test_a_denied_presence_is_a_strength_of_zero_there(run):
    doc = run("There are no Russian soldiers in Libya, the foreign ministry spokeswoman said on Thursday.")
    [f] = strengths(doc)
    assert (f.subject, f.low, f.high, f.qualifier, f.group) == ("ru-armed-forces", 0, 0, "none", "in:LY")
    assert f.speaker_text and "spokeswoman" in f.speaker_text


def test_not_a_single_soldier_of_a_people_and_has_no_troops(run):
    [f] = strengths(run("Not a single Burundian soldier is inside South Kivu, the army spokesman said."))
    assert (f.subject, f.low, f.group) == ("burundi", 0, "in:CD")
    [g] = strengths(run("Kenya has no troops in Ethiopia, the defence ministry said."))
    assert (g.subject, g.high, g.group, g.text) == ("kenya", 0, "in:ET", "Kenya has no troops")


def test_a_count_abroad_is_a_part_and_at_home_the_whole(run):
    [f] = strengths(run("Some 2,500 Rwandan troops are deployed in Cabo Delgado, a Mozambican official said."))
    assert (f.subject, f.low, f.group) == ("rdf", 2250, "in:MZ")
    [g] = strengths(run("Al-Shabaab has about 9,000 fighters in southern Somalia, a regional official said."))
    assert (g.subject, g.group) == ("al-shabaab", None)
    [h] = strengths(run("An estimated 3,000 Chadian soldiers remain in Sudan, aid workers said."))
    assert (h.subject, h.group) == ("chad", "in:SD")


def test_no_strength_where_nothing_is_denied_of_a_place(run):
    # a toll of no one, a denial at home, a denial naming no force or no place
    assert strengths(run("No Nigerian soldiers were killed in the attack in Borno, the army said.")) == []
    assert strengths(run("There are no Somali troops in Mogadishu's old port, the mayor said.")) == []
    assert strengths(run("There are no troops in the village, residents said.")) == []
    assert strengths(run("Iran has no troops, the minister said.")) == []
    # a bound is a count, not a denial
    [f] = strengths(run("There are no more than 300 Wagner fighters in Libya, a diplomat said."))
    assert (f.low, f.high, f.qualifier, f.group) == (0, 300, "at_most", "in:LY")
