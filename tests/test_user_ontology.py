"""One ontology per run: an actor from the user's --ontology file keeps its country and links in every
stage and output (entities, events, claims, the network), not only where the entity stage looks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.model import Source, new_document
from claimgraph.pipeline import Pipeline
from claimgraph.plugins import registered_components
from claimgraph.settings import Settings

SHURA = "sultanpur-elders-shura"
TEXT = """Sultanpur Elders Shura statement

The Sultanpur shura accused the Taliban of killing two elders in Surkh Rod on Friday.
A spokesman for the Sultanpur shura said the attack on the elders was carried out by the Taliban.
"""


@pytest.fixture()
def user_ontology(fixtures_dir: Path) -> str:
    return str(fixtures_dir / "entities" / "user_actor_shura.yaml")


def test_events_and_claims_use_the_runs_ontology_without_the_entity_stage(user_ontology):
    """Without entities, events and claims look names up in the ontology they are given: the run's."""
    specs = [spec for spec in registered_components() if spec.name != "entities"]
    doc = new_document(Source("shura.txt", "txt"), TEXT)
    shipped = Pipeline.from_settings(Settings.defaults().with_values({"extract.mode": "fast"}), specs)(doc)
    assert SHURA not in {c.speaker_actor for c in shipped.claims}
    assert SHURA not in {e.actor1 for e in shipped.events}
    user = Pipeline.from_settings(
        Settings.defaults().with_values({"extract.mode": "fast", "extract.ontology": (str(user_ontology),)}), specs
    )(doc)
    assert [c.speaker_actor for c in user.claims] == [SHURA, SHURA]
    assert [(e.type, e.actor1) for e in user.events if e.type == "ACCUSE"] == [("ACCUSE", SHURA)]


@pytest.fixture()
def shura_run(tmp_path, user_ontology) -> tuple[str, str]:
    """(text file, store) after one fast run of the shura statement with the user's ontology file."""
    (tmp_path / "shura.txt").write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "cg.duckdb")
    args = ["run", str(tmp_path / "shura.txt"), "--db", db, "--ontology", user_ontology, "--mode", "fast"]
    ran = CliRunner().invoke(main, [*args, "--workers", "1", "--quiet"])
    assert ran.exit_code == 0, ran.output
    return str(tmp_path / "shura.txt"), db


def test_a_user_actor_has_its_country_in_every_output(shura_run, user_ontology):
    text_file, db = shura_run
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(main, list(args))
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    extracted = runner.invoke(main, ["extract", text_file, "--ontology", user_ontology, "--mode", "fast"])
    doc = json.loads(extracted.output.splitlines()[0])
    assert {(m["actor_id"], m["country"]) for m in doc["entities"] if m["actor_id"] == SHURA} == {(SHURA, "AF")}
    claims = invoke("claims", "--db", db, "--json")
    assert [c["speaker_actor"] for c in claims] == [SHURA, SHURA]
    events = invoke("events", "--db", db, "--json", "--ontology", user_ontology)
    assert ("ACCUSE", "Sultanpur Elders Shura", "Taliban") in {(e["type"], e["actor1"], e["actor2"]) for e in events}

    graph = invoke("network", "--db", db, "--json", "--ontology", user_ontology)
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert nodes[SHURA]["country"] == "AF" and nodes[SHURA]["name"] == "Sultanpur Elders Shura"
    assert nodes[SHURA]["type"] == "political_party"
    assert {(e["source"], e["target"], e["kind"]) for e in graph["edges"]} >= {(SHURA, "taliban", "accuses")}


def test_without_ontology_flags_the_stores_run_describes_its_actors(shura_run):
    """The run recorded its actor files with its settings: `events`, `network` and the network the
    workbench and the brief draw (``network(store)``) describe the user's actor without being told."""
    from claimgraph.link.network import network
    from claimgraph.store import Store

    _, db = shura_run
    runner = CliRunner()
    events = json.loads(runner.invoke(main, ["events", "--db", db, "--json"]).output)
    assert ("ACCUSE", "Sultanpur Elders Shura", "Taliban") in {(e["type"], e["actor1"], e["actor2"]) for e in events}
    graph = json.loads(runner.invoke(main, ["network", "--db", db, "--json"]).output)
    assert {n["id"]: n for n in graph["nodes"]}[SHURA]["country"] == "AF"
    with Store(db) as store:
        assert {n["id"]: n for n in network(store)["nodes"]}[SHURA]["country"] == "AF"
