"""Place disputes within an event cluster (link/disputes/__init__._places_compatible): a village the gazetteer
cannot place or nest is compatible with any place of the cluster's country; two resolved places in different
provinces still oppose. Values written for this test (a synthetic massacre in North Kivu told by a UN
statement, a wire and a local radio)."""

from claimgraph.link.disputes import _facts, _places_compatible
from claimgraph.link.disputes.values import Value


def _place(source, value, key, country, admin1=""):
    return Value(
        "c:x:e0", "attack in Beni", "place", None, f"doc-{source}", source, value, key=key,
        qualifier=f"{country}|{admin1}",
    )  # fmt: skip


# "in Masiani": no gazetteer entry, read under its container's id, here a namesake division abroad
MASIANI = _place("MONUSCO", "Masiani", "BO-B", "BO", "BO-B")
BENI = _place("Radio Oicha", "Beni", "CD-NK", "CD", "CD-NK")
EASTERN_DRC = _place("Great Lakes Wire", "Democratic Republic of the Congo", "country:CD", "CD")
BUNIA = _place("Ituri Echo", "Bunia", "geonames:217570", "CD", "CD-IT")


def test_an_unplaced_village_is_compatible_with_the_clusters_country_and_its_places():
    assert _places_compatible(MASIANI, BENI, country="CD")
    assert _places_compatible(EASTERN_DRC, MASIANI, country="CD")
    [(_, summary)] = _facts([MASIANI, BENI, EASTERN_DRC]).values()
    assert not summary["conflict"]


def test_an_unnested_town_is_compatible_with_any_place_of_its_country():
    oicha = _place("Radio Oicha", "Oicha", "geonames:9999999", "CD")  # a town with no province
    assert _places_compatible(oicha, BUNIA, country="CD")


def test_two_resolved_places_in_different_provinces_or_countries_still_oppose():
    assert not _places_compatible(BENI, BUNIA, country="CD")
    kampala = _place("Kampala Post", "Kampala", "geonames:232422", "UG", "UG-C")
    assert not _places_compatible(BENI, kampala, country="CD")
    [(_, summary)] = _facts([BENI, BUNIA, EASTERN_DRC]).values()
    assert summary["conflict"]


def test_a_village_is_loose_only_where_the_gazetteer_does_not_know_its_name():
    # "Beni" named under a division's id is a name the gazetteer knows: no looser than any province
    beni_abroad = _place("Amaq", "Beni", "BO-B", "BO", "BO-B")
    assert not _places_compatible(beni_abroad, BUNIA, country="CD")


def test_the_village_is_looked_up_in_the_gazetteer_the_linking_step_passes():
    # the linking step holds one gazetteer for co-reference and disputes (runner.StoreWriter.link):
    # the place values read that one, built once however many villages are looked up
    import functools

    from claimgraph.entities.places import Gazetteer

    built = []

    def load():
        built.append(Gazetteer.load())
        return built[-1]

    held = functools.cache(load)
    [(_, summary)] = _facts([MASIANI, BENI, EASTERN_DRC], gazetteer=held).values()
    assert not summary["conflict"]
    assert _places_compatible(MASIANI, BENI, country="CD", gazetteer=held)
    assert len(built) == 1
