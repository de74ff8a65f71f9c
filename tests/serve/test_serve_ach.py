"""ACH boards in the workbench: read and write through the JSON API and the plain HTML forms, the
server's read-only mode, same-origin writes, export, and hostile text on a board."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest
from fastapi.testclient import TestClient
from test_serve_security import INJECTED
from workbench_store import HOSTILE_BOARD, HOSTILE_HYPOTHESIS, TEST_HOSTS, annotated_document

from claimgraph.serve import create_app

BOARD = "iskp-threat"
INCONSISTENCY = {"I": -1.0, "II": -2.0}


def recomputed_scores(board: dict) -> dict[str, float]:
    """Weighted inconsistency per hypothesis, from the board's own cells and weights."""
    return {
        h["id"]: sum(INCONSISTENCY.get(e["cells"][h["id"]]["effective"], 0.0) * e["weight"] for e in board["evidence"])
        for h in board["hypotheses"]
    }


def a_cell(board: dict, hypothesis_id: str, avoid: str = "II") -> dict:
    """An evidence row whose effective rating for the hypothesis is not ``avoid`` and not overridden."""
    return next(
        e
        for e in board["evidence"]
        if e["cells"][hypothesis_id]["effective"] != avoid and not e["cells"][hypothesis_id]["override"]
    )


def test_board_list_and_matrix(client):
    listing = client.get("/api/ach").json()
    names = {b["name"]: b for b in listing["items"]}
    assert listing["total"] == len(listing["items"]) >= 2 and "ISKP threat" in names and HOSTILE_BOARD in names
    board = client.get(f"/api/ach/{BOARD}").json()
    assert [h["text"] for h in board["hypotheses"]] == [
        "ISKP is a significant and growing threat in Afghanistan",
        "ISKP is reduced to remnants contained by the Taliban",
    ]
    assert len(board["evidence"]) >= 10
    for e in board["evidence"]:
        assert set(e["cells"]) == {"H1", "H2"} and e["doc_id"] and e["text"]
        assert all(c["effective"] in ("CC", "C", "N", "NA", "I", "II") and c["reason"] for c in e["cells"].values())
    for h, value in recomputed_scores(board).items():
        assert board["scores"][h]["inconsistency"] == pytest.approx(value, abs=1e-5)
    assert client.get("/api/ach/no-such-board").status_code == 404
    assert client.get("/api/ach", params={"limit": 0}).status_code == 400


def test_board_page_shows_matrix_scores_and_forms(client):
    board = client.get(f"/api/ach/{BOARD}").json()
    page = client.get(f"/ach/{BOARD}").text
    for h in board["hypotheses"]:
        assert f'id="score-{h["id"]}"' in page
        assert f"{board['scores'][h['id']]['inconsistency']:.2f}" in page
    for e in board["evidence"]:
        assert f'id="row-{e["id"]}"' in page and f'id="cell-{e["id"]}-H1"' in page
        assert f"/documents/{e['doc_id']}#" in page
    assert page.count('<form class="cell-form" method="post"') == 2 * len(board["evidence"])
    for fmt in ("csv", "json"):
        assert f'href="/api/ach/{BOARD}/export?format={fmt}"' in page
    listing = client.get("/ach").text
    assert f'href="/ach/{BOARD}"' in listing
    assert '<form class="upload board-new" method="post" action="/ach">' in listing


def test_override_through_the_api_changes_the_score_and_can_be_cleared(client):
    before = client.get(f"/api/ach/{BOARD}").json()
    row = a_cell(before, "H2")
    old = row["cells"]["H2"]["effective"]
    r = client.put(
        f"/api/ach/{BOARD}/ratings",
        json={
            "evidence_id": row["id"],
            "hypothesis_id": "H2",
            "rating": "II",
            "analyst": "Dana",
            "note": "checked the source",
        },
    )
    assert r.status_code == 200, r.text
    after = r.json()
    cell = next(e for e in after["evidence"] if e["id"] == row["id"])["cells"]["H2"]
    assert (cell["proposed"], cell["override"], cell["effective"]) == (row["cells"]["H2"]["proposed"], "II", "II")
    assert cell["analyst"] == "Dana" and cell["note"] == "checked the source" and cell["at"]
    change = (INCONSISTENCY["II"] - INCONSISTENCY.get(old, 0)) * row["weight"]
    expected = before["scores"]["H2"]["inconsistency"] + change
    assert after["scores"]["H2"]["inconsistency"] == pytest.approx(expected, abs=1e-5)
    assert after["scores"]["H1"] == before["scores"]["H1"]
    cleared = client.delete(
        f"/api/ach/{BOARD}/ratings", params={"evidence_id": row["id"], "hypothesis_id": "H2", "analyst": "Dana"}
    )
    assert cleared.status_code == 200 and cleared.json()["scores"] == before["scores"]
    again = client.delete(f"/api/ach/{BOARD}/ratings", params={"evidence_id": row["id"], "hypothesis_id": "H2"})
    assert again.status_code == 404 and "no override" in again.json()["detail"]


def test_weight_override_scales_the_item(client):
    before = client.get(f"/api/ach/{BOARD}").json()
    row = next(
        e
        for e in before["evidence"]
        if any(c["effective"] in INCONSISTENCY for c in e["cells"].values()) and e["weight"] < 2
    )
    r = client.put(
        f"/api/ach/{BOARD}/weights",
        json={"evidence_id": row["id"], "credibility": "high", "relevance": "high", "analyst": "Dana"},
    )
    assert r.status_code == 200, r.text
    item = next(e for e in r.json()["evidence"] if e["id"] == row["id"])
    assert item["weight"] == pytest.approx(2.0) and item["weight_override"]["analyst"] == "Dana"
    for h, value in recomputed_scores(r.json()).items():
        assert r.json()["scores"][h]["inconsistency"] == pytest.approx(value, abs=1e-5)
    assert r.json()["scores"] != before["scores"]
    r = client.delete(f"/api/ach/{BOARD}/weights", params={"evidence_id": row["id"]})
    assert r.status_code == 200 and r.json()["scores"] == before["scores"]
    assert next(e for e in r.json()["evidence"] if e["id"] == row["id"])["weight"] == pytest.approx(row["weight"])


@pytest.mark.parametrize(
    "body, status, word",
    [
        ({"evidence_id": "E1", "hypothesis_id": "H1", "rating": "XX", "analyst": "Dana"}, 400, "rating"),
        ({"evidence_id": "E999", "hypothesis_id": "H1", "rating": "I", "analyst": "Dana"}, 404, "E999"),
        ({"evidence_id": "E1", "hypothesis_id": "H9", "rating": "I", "analyst": "Dana"}, 404, "H9"),
        ({"evidence_id": "E1", "hypothesis_id": "H1", "rating": "I", "analyst": ""}, 400, "analyst"),
        ({"evidence_id": "E1", "hypothesis_id": "H1", "rating": "I"}, 400, "analyst"),
    ],
)
def test_bad_ratings_get_clear_errors(client, body, status, word):
    r = client.put(f"/api/ach/{BOARD}/ratings", json=body)
    assert r.status_code == status and word in r.json()["detail"], r.text


def test_create_board_add_hypothesis_and_evidence(client):
    r = client.post("/api/ach", json={"name": "Doha commitments", "hypotheses": ["The Taliban keep the Doha promises"]})
    assert r.status_code == 201, r.text
    board_id = r.json()["id"]
    assert [h["id"] for h in r.json()["hypotheses"]] == ["H1"] and r.json()["evidence"] == []
    assert client.post("/api/ach", json={"name": "Doha commitments", "hypotheses": ["x"]}).status_code == 409
    assert client.post("/api/ach", json={"name": "No hypotheses", "hypotheses": []}).status_code == 400
    r = client.post(f"/api/ach/{board_id}/hypotheses", json={"text": "The Taliban shelter Al-Qaeda"})
    assert r.status_code == 201 and r.json() == {"id": "H2"}
    claim = client.get("/api/claims", params={"limit": 1}).json()["items"][0]
    r = client.post(f"/api/ach/{board_id}/evidence", json={"item_id": claim["id"]})
    assert r.status_code == 201 and r.json() == {"id": "E1"}
    board = client.get(f"/api/ach/{board_id}").json()
    assert [e["claim_id"] for e in board["evidence"]] == [claim["id"]]
    assert all(c["proposed"] for c in board["evidence"][0]["cells"].values())  # rated at once
    r = client.post(f"/api/ach/{board_id}/evidence", json={"item_id": "nosuchclaim:c9"})
    assert r.status_code == 404 and "nosuchclaim:c9" in r.json()["detail"]
    assert client.post("/api/ach/no-such-board/hypotheses", json={"text": "x"}).status_code == 404


def test_export_downloads_csv_and_json(client):
    board = client.get(f"/api/ach/{BOARD}").json()
    r = client.get(f"/api/ach/{BOARD}/export", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == f'attachment; filename="ach-{BOARD}.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 2 * len(board["evidence"])
    assert {"evidence_id", "hypothesis_id", "proposed", "effective", "weight", "doc_id", "raw_start"} <= set(rows[0])
    r = client.get(f"/api/ach/{BOARD}/export", params={"format": "json"})
    assert r.headers["content-disposition"].endswith('.json"')
    assert json.loads(r.text)["scores"] == board["scores"]
    assert client.get(f"/api/ach/{BOARD}/export", params={"format": "xlsx"}).status_code == 400
    assert client.get("/api/ach/no-such-board/export").status_code == 404


def test_html_forms_override_and_clear_without_script(client):
    before = client.get(f"/api/ach/{BOARD}").json()
    row = a_cell(before, "H1", avoid="CC")
    form = {"evidence_id": row["id"], "hypothesis_id": "H1", "rating": "CC", "analyst": "Sam Noor", "note": "seen it"}
    r = client.post(f"/ach/{BOARD}/ratings", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/ach/{BOARD}#cell-{row['id']}-H1"
    page = client.get(f"/ach/{BOARD}").text
    assert "override by Sam Noor" in page and 'value="Sam Noor"' in page  # the name is remembered for the next form
    now = client.get(f"/api/ach/{BOARD}").json()
    assert next(e for e in now["evidence"] if e["id"] == row["id"])["cells"]["H1"]["override"] == "CC"
    r = client.post(f"/ach/{BOARD}/ratings", data={**form, "action": "clear"}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get(f"/api/ach/{BOARD}").json()["scores"] == before["scores"]
    r = client.post(f"/ach/{BOARD}/ratings", data={**form, "rating": "maybe"})
    assert r.status_code == 400 and "unknown rating" in r.text
    r = client.post(
        f"/ach/{BOARD}/weights",
        data={"evidence_id": row["id"], "credibility": "low", "relevance": "low", "analyst": "Sam Noor"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/ach/{BOARD}#row-{row['id']}"
    assert (
        client.post(
            f"/ach/{BOARD}/weights", data={"evidence_id": row["id"], "action": "clear"}, follow_redirects=False
        ).status_code
        == 303
    )
    assert client.get(f"/api/ach/{BOARD}").json()["scores"] == before["scores"]


def test_html_form_creates_a_board(client):
    r = client.post(
        "/ach", data={"name": "Form board", "hypotheses": "First idea\n\n  Second idea  \n"}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/ach/form-board"
    board = client.get("/api/ach/form-board").json()
    assert [h["text"] for h in board["hypotheses"]] == ["First idea", "Second idea"]
    assert client.post("/ach", data={"name": "Empty", "hypotheses": " \n"}).status_code == 400


def test_writes_from_another_site_are_refused(client):
    body = {"evidence_id": "E1", "hypothesis_id": "H1", "rating": "I", "analyst": "Mallory"}
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Referer": "http://evil.example/page.html"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "null"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://other.testserver"},
    ):
        r = client.put(f"/api/ach/{BOARD}/ratings", json=body, headers=headers)
        assert r.status_code == 403 and "another site" in r.json()["detail"], headers
        r = client.post(f"/ach/{BOARD}/ratings", data=body, headers=headers, follow_redirects=False)
        assert r.status_code == 403, headers
        r = client.post(
            "/api/ingest", files=[("files", ("a.txt", b"Officials said nothing.", "text/plain"))], headers=headers
        )
        assert r.status_code == 403, headers
    assert not any(
        c["override"]
        for e in client.get(f"/api/ach/{BOARD}").json()["evidence"]
        for c in e["cells"].values()
        if c["analyst"] == "Mallory"
    )
    # the workbench's own pages may write; under its no-referrer policy a browser's form says Origin: null
    for headers in ({"Origin": "http://testserver"}, {"Sec-Fetch-Site": "same-origin", "Origin": "null"}):
        r = client.post(f"/ach/{BOARD}/ratings", data=body, headers=headers, follow_redirects=False)
        assert r.status_code == 303, headers
        r = client.post(
            f"/ach/{BOARD}/ratings", data={**body, "action": "clear"}, headers=headers, follow_redirects=False
        )
        assert r.status_code == 303, headers


def test_read_only_server_shows_boards_but_refuses_changes(store_copy, tmp_path):
    with TestClient(create_app(store_copy, allowed_hosts=TEST_HOSTS, read_only=True, data_dir=tmp_path / "data")) as c:
        assert c.get(f"/api/ach/{BOARD}").status_code == 200
        page = c.get(f"/ach/{BOARD}").text
        assert "read-only" in page and "cell-form" not in page
        r = c.put(
            f"/api/ach/{BOARD}/ratings",
            json={"evidence_id": "E1", "hypothesis_id": "H1", "rating": "I", "analyst": "Dana"},
        )
        assert r.status_code == 409 and "read-only" in r.json()["detail"]
        assert c.post("/api/ach", json={"name": "x", "hypotheses": ["y"]}).status_code == 409
        assert (
            c.post(
                f"/ach/{BOARD}/ratings",
                data={"evidence_id": "E1", "hypothesis_id": "H1", "rating": "I", "analyst": "Dana"},
            ).status_code
            == 409
        )


def test_hostile_board_is_shown_escaped(client):
    board_id = next(b["id"] for b in client.get("/api/ach").json()["items"] if b["name"] == HOSTILE_BOARD)
    board = client.get(f"/api/ach/{board_id}").json()
    assert board["hypotheses"][0]["text"] == HOSTILE_HYPOTHESIS
    assert board["evidence"][0]["claim_id"] == annotated_document().claims[1].id
    for path in ("/ach", f"/ach/{board_id}"):
        page = client.get(path).text
        assert not INJECTED.search(page), (path, INJECTED.search(page).group(0))
        assert "Hostile &lt;script&gt;window.__pwned=1&lt;/script&gt; board" in page
    page = client.get(f"/ach/{board_id}").text
    assert "ISKP &lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt; is gone" in page
    assert "&lt;iframe src=x&gt;&lt;/iframe&gt;" in page


def test_weights_follow_the_parc_levels(client):
    board = client.get(f"/api/ach/{BOARD}").json()
    levels = {"low": 1 / math.sqrt(2), "medium": 1.0, "high": math.sqrt(2)}
    for e in board["evidence"]:
        assert e["weight"] == pytest.approx(
            levels[e["credibility"]["effective"]] * levels[e["relevance"]["effective"]], abs=1e-5
        )


def test_openapi_lists_the_new_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/propositions",
        "/api/propositions/{proposition_id}",
        "/api/contested",
        "/api/sources",
        "/api/sources/{key}",
        "/api/ach",
        "/api/ach/{board_id}",
        "/api/ach/{board_id}/hypotheses",
        "/api/ach/{board_id}/evidence",
        "/api/ach/{board_id}/ratings",
        "/api/ach/{board_id}/weights",
        "/api/ach/{board_id}/propose",
        "/api/ach/{board_id}/export",
    ):
        assert path in paths, path
    assert {"put", "delete"} <= set(paths["/api/ach/{board_id}/ratings"])
