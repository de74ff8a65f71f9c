"""Builds the stores the workbench tests read: real inputs through the real pipeline, plus one
document carrying hand-made entities, events and claims (hostile text inside their spans), so
the pages are tested whatever the extract stages produce today."""

from __future__ import annotations

import time
from pathlib import Path

from claimgraph import ach, runner
from claimgraph.clean import clean_document, load_rules
from claimgraph.model import Claim, Event, Mention, Metadata, Source, new_document
from claimgraph.settings import Settings
from claimgraph.store import Store

RULES = load_rules()  # the packaged cleaning rules, compiled once for this module

# The name Starlette's TestClient sends as Host: the workbench answers only names it is told about.
TEST_HOSTS = ("testserver",)
HOSTILE_FILES = ("hostile_post.txt", "hostile_statements.jsonl")
HOSTILE_BOARD = "Hostile <script>window.__pwned=1</script> board"
HOSTILE_HYPOTHESIS = 'ISKP <img src=x onerror="window.__pwned=1"> is gone'
ANNOTATED_TEXT = (
    "Officials in Jalalabad said <script>window.__pwned=1</script> ISKP fighters attacked a checkpoint "
    "on 7 March 2025, killing at least 12 people.\n\n"
    'A spokesman for the Taliban denied that ISKP <img src=x onerror="window.__pwned=1"> holds any territory.'
)


def annotated_document():
    """A document with one entity, event and claim on each hostile piece of text."""
    doc = new_document(
        Source("hostile/annotated.txt", "txt"),
        ANNOTATED_TEXT,
        Metadata(
            title="Annotated <b>hostile</b> report",
            date="2025-03-08",
            site="Test <i>Desk</i>",
            url="javascript:window.__pwned=1",
        ),
    )
    doc = clean_document(doc, RULES)
    text = doc.clean_text
    iskp = text.index("ISKP")
    jalalabad = text.index("Jalalabad")
    script = text.index("<script>")
    attacked = text.index("attacked")
    img = text.index("<img")
    first_end = text.index("people.") + len("people.")
    second = text.index("A spokesman")
    mentions = (
        Mention(
            jalalabad,
            jalalabad + 9,
            "Jalalabad",
            "Location",
            place_id="jalalabad",
            place_name="Jalalabad",
            admin1="Nangarhar",
            country="AF",
            lat=34.43,
            lon=70.45,
            precision="city",
            method="gazetteer",
        ),
        Mention(
            iskp,
            iskp + 4,
            "ISKP",
            "Organisation",
            actor_id="iskp",
            actor_name="Islamic State Khorasan Province",
            actor_type="armed_group",
            method="ontology",
        ),
        Mention(
            script,
            script + len("<script>window.__pwned=1</script>"),
            "<script>window.__pwned=1</script>",
            "Organisation",
            actor_id="pwned",
            actor_name="<script>window.__pwned=2</script>",
            method="model",
        ),
    )
    events = (
        Event(
            id=f"{doc.id}-e0",
            type="ARMED_CLASH",
            event_type="Battles",
            sentence_start=0,
            sentence_end=first_end,
            trigger_start=attacked,
            trigger_end=attacked + len("attacked"),
            trigger="attacked",
            confidence=0.9,
            actor1="iskp",
            actor1_text="ISKP <script>x</script>",
            location="Jalalabad <img src=x onerror=alert(1)>",
            admin1="Nangarhar",
            country="AF",
            lat=34.43,
            lon=70.45,
            precision="city",
            date_start="2025-03-07",
            date_end="2025-03-07",
            date_precision="day",
            fatalities=12,
            fatalities_qualifier="at_least",
        ),
    )
    claims = (
        Claim(
            id=f"{doc.id}-c0",
            start=0,
            end=first_end,
            text=text[:first_end],
            content_start=0,
            content_end=first_end,
            speaker_text="Officials",
            speaker_kind="source",
            status="reported",
            evidence="unverified",
            checkworthiness=0.8,
        ),
        Claim(
            id=f"{doc.id}-c1",
            start=second,
            end=len(text),
            text=text[second:],
            content_start=img,
            content_end=len(text),
            speaker_text="A spokesman <img src=x onerror=alert(1)>",
            speaker_kind="source",
            status="denied",
            evidence="unsupported",
            polarity="negative",
            checkworthiness=0.6,
        ),
    )
    return doc.replace(entities=mentions, events=events, claims=claims)


def build_store(path: Path, inputs: list[Path], board_files: list[Path] = ()) -> Path:
    """Add the annotated document to a new store at ``path``, run the real pipeline over ``inputs``
    (which also puts the claims into propositions), apply the ACH ``board_files``, and add a board
    whose name, hypothesis and evidence carry hostile text."""
    with Store(path) as store:
        doc = annotated_document()
        store.add_document(doc)  # first, so the run's proposition update takes its claims too
        # the example corpus's analyst file of disputed questions gives its propositions their sides
        questions = (str(Path(__file__).resolve().parents[2] / "examples" / "questions.yaml"),)
        runner.run([str(p) for p in inputs], store, Settings.defaults().with_values({"link.questions": questions}))
        for board_file in board_files:
            ach.apply_board_file(store, board_file)
        hostile = ach.create_board(store, HOSTILE_BOARD, [HOSTILE_HYPOTHESIS], description="<iframe src=x></iframe>")
        ach.add_evidence(store, hostile, doc.claims[1].id)
    return path


def wait_for_job(client, job_id: str, seconds: float = 30) -> dict:
    """The ingest job's final state ("done" or "failed"), polled through the API."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"/api/ingest/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"ingest job {job_id} did not finish")
