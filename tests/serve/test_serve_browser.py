"""The workbench in a real browser (Debian's chromium driven by Playwright).

Screenshots of every page go to test-artifacts/screenshots/ (git-ignored); the run prints where.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from workbench_store import annotated_document

from claimgraph.serve import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

playwright_sync = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(built_store, tmp_path_factory):
    """The workbench under uvicorn on a free loopback port, in a background thread."""
    import uvicorn

    path = tmp_path_factory.mktemp("browser") / "store.duckdb"
    shutil.copy(built_store, path)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(path, data_dir=path.parent / "data"), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workbench did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(request):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"\nworkbench screenshots: {SCREENSHOTS}")
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


def not_pwned(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned"
    assert page.dialogs == []


def shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))  # the first screen: what a person sees on opening


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/documents", "Documents"),
        ("/claims", "Claims"),
        ("/events", "Events"),
        ("/map", "Map"),
        ("/actors", "Actors"),
        ("/search?q=ISKP+strength", "Search"),
        ("/ingest", "Ingest files"),
    ],
)
def test_each_page_loads(server, page, path, heading):
    response = page.goto(server + path)
    assert response.status == 200
    assert page.locator("h1").first.inner_text().startswith(heading)
    if path == "/events":
        assert page.locator("svg.timeline circle").count() >= 1
        assert page.locator("table.events tbody tr").count() >= 1
    if path == "/map":
        assert page.locator("svg.map circle.map-event").count() >= 1
    if path.startswith("/search"):
        assert page.locator("ol.hits li").count() >= 1
    not_pwned(page)
    shot(page, path.strip("/").split("?")[0] or "home")


def test_documents_list_to_reader_and_removals(server, page):
    page.goto(server + "/documents")
    link = page.locator("a.doc-link", has_text="Death toll in Nangarhar mosque bombing")
    link.first.click()
    page.wait_for_url("**/documents/*")
    # the headline is the page's title (shown above the text); the clean text starts at the body's dateline
    assert page.locator("#doc-text").inner_text().startswith("PESHAWAR, 8 March 2025")
    shot(page, "reader")
    removed_before = page.locator("del.removal").count()
    assert removed_before == 0
    page.click("#toggle-removals")
    page.wait_for_url("**?show=removals")
    removals = page.locator("del.removal")
    assert removals.count() >= 1
    assert removals.first.locator(".rule-tag").inner_text() != ""
    tag = removals.first.locator(".rule-tag").inner_text()
    assert removals.first.get_attribute("title").startswith(f"{tag}: ")  # the rule and why it removes
    assert page.locator("ul.rules li").count() >= 1
    shot(page, "reader-removals")
    page.click("#toggle-removals")
    assert page.locator("del.removal").count() == 0


def test_reader_highlights_and_claim_links(server, page):
    doc = annotated_document()
    page.goto(server + "/claims?status=denied")
    page.locator(f"a[href='/documents/{doc.id}#claim-{doc.id}-c1']").first.click()
    page.wait_for_url(f"**/documents/{doc.id}#claim-{doc.id}-c1")
    target = page.locator(f"#claim-{doc.id}-c1")
    assert target.count() == 1 and "A spokesman" in target.inner_text()
    assert page.locator("#doc-text mark.hl-event").count() == 1
    assert page.locator("#doc-text mark.hl-entity").count() == 3
    # the hostile text is there, as text
    assert "<script>window.__pwned=1</script>" in page.locator("#doc-text").inner_text()
    not_pwned(page)
    shot(page, "reader-annotated")


def test_hostile_documents_do_not_execute(server, page):
    import json
    import urllib.request

    with urllib.request.urlopen(server + "/api/documents?source=hostile&limit=50") as r:
        ids = [d["id"] for d in json.load(r)["items"]]
    assert len(ids) >= 4
    for doc_id in ids:
        for suffix in ("", "?show=removals"):
            page.goto(f"{server}/documents/{doc_id}{suffix}")
            page.wait_for_load_state("load")
            not_pwned(page)
    for path in ("/search?q=pwned", "/claims", "/events", "/map", "/actors"):
        page.goto(server + path)
        not_pwned(page)
    page.goto(f"{server}/documents/{annotated_document().id}")
    shot(page, "hostile-reader")


def test_upload_with_progress(server, page, fixtures_dir, tmp_path):
    upload = tmp_path / "kabul_note.txt"
    upload.write_text(
        "Kabul, 2025-03-20. Officials said a convoy was attacked near Kabul airport. Nobody claimed the attack.\n",
        encoding="utf-8",
    )
    page.goto(server + "/ingest")
    page.set_input_files("input[type=file]", [str(upload), str(fixtures_dir / "hostile" / "hostile_post.txt")])
    page.click("form.upload button[type=submit]")
    page.wait_for_url("**/ingest/*")
    playwright_sync.expect(page.locator("#job-state")).to_have_text("done", timeout=30000)
    assert page.locator("#job-documents li").count() >= 1
    not_pwned(page)
    shot(page, "ingest-job")


@pytest.mark.parametrize(
    "path, heading, rows",
    [
        ("/propositions", "Propositions", "table.propositions tbody tr"),
        ("/contested", "Contested propositions", "section.contested"),
        ("/sources", "Sources", "table.sources tbody tr"),
        ("/ach", "ACH boards", "table.boards tbody tr"),
    ],
)
def test_each_link_page_loads(server, page, path, heading, rows):
    response = page.goto(server + path)
    assert response.status == 200
    assert page.locator("h1").first.inner_text().startswith(heading)
    assert page.locator(rows).count() >= 1
    if path == "/contested":
        first = page.locator("section.contested").first
        assert first.locator(".side-for li.member").count() >= 1
        assert first.locator(".side-against li.member").count() >= 1
    not_pwned(page)
    shot(page, path.strip("/"))


def test_reader_claim_proposition_contested_ach_and_override(server, page):
    import json
    import urllib.request

    with urllib.request.urlopen(server + "/api/contested?limit=1") as r:
        top = json.load(r)["items"][0]
    member = top["sides"]["for"][0]
    claim_anchor = "claim-" + member["claim_id"].replace(":", "-")
    # reader: the claim in the side list, then its proposition
    page.goto(f"{server}/documents/{member['doc_id']}")
    item = page.locator("aside.side ul.items li", has=page.locator(f"a[href='#{claim_anchor}']"))
    item.locator(f"a[href='#{claim_anchor}']").click()
    page.wait_for_url(f"**#{claim_anchor}")
    assert page.locator(f"#{claim_anchor}").count() == 1
    item.locator("a.to-proposition").click()
    page.wait_for_url(f"**/propositions/{top['id']}")
    assert page.locator("h1.proposition-label").inner_text() == top["label"]
    assert page.locator(f"li.member a[href='/documents/{member['doc_id']}#{claim_anchor}']").count() == 1
    shot(page, "proposition")
    # the proposition is contested: both sides side by side
    page.locator("p.crumbs a", has_text="contested").click()
    page.wait_for_url("**/contested#proposition-*")
    section = page.locator(f"section#proposition-{top['id']}")
    # the page lists every account of a side; the API the most central few per side, and how many members
    # there are, members set aside (fragments, generic speakers: listed apart, on no side) included
    for side in ("for", "against"):
        aside = sum(1 for m in top["set_aside"] if m["side"] == side)
        assert section.locator(f".side-{side} li.member").count() == top["counts"][side] - aside
    # to the ACH board, and an analyst's override moves the score
    page.click("header.top nav a[href='/ach']")
    page.locator("a.board-link", has_text="ISKP threat").click()
    page.wait_for_url("**/ach/iskp-threat")
    shot(page, "ach-board")
    with urllib.request.urlopen(server + "/api/ach/iskp-threat") as r:
        board = json.load(r)
    row = next(e for e in board["evidence"] if e["cells"]["H2"]["effective"] != "II")
    score_before = page.locator("#score-H2 .score-value").inner_text()
    cell = page.locator(f"#cell-{row['id']}-H2")
    cell.locator("summary").click()
    cell.locator("select[name=rating]").select_option("II")
    cell.locator("input[name=analyst]").fill("Browser Analyst")
    cell.locator("input[name=note]").fill("persistent attacks reported")
    cell.locator("button[type=submit]", has_text="Set rating").click()
    page.wait_for_url(f"**/ach/iskp-threat#cell-{row['id']}-H2")
    cell = page.locator(f"#cell-{row['id']}-H2")
    assert cell.locator(".rating").inner_text() == "II"
    assert "override by Browser Analyst" in cell.inner_text()
    score_after = page.locator("#score-H2 .score-value").inner_text()
    assert float(score_after) < float(score_before)
    not_pwned(page)
    shot(page, "ach-board-override")
    # cleared again: the proposal counts
    cell.locator("summary").click()
    cell.locator("button", has_text="Clear override").click()
    page.wait_for_url("**/ach/iskp-threat*")
    assert page.locator("#score-H2 .score-value").inner_text() == score_before


def test_hostile_text_on_link_pages_does_not_execute(server, page):
    import json
    import urllib.request

    with urllib.request.urlopen(server + "/api/ach") as r:
        boards = json.load(r)["items"]
    hostile = next(b for b in boards if "<script>" in b["name"])
    with urllib.request.urlopen(f"{server}/api/documents/{annotated_document().id}") as r:
        claim_ids = [c["id"] for c in json.load(r)["claims"]]
    page.goto(f"{server}/documents/{annotated_document().id}")
    proposition_links = page.locator("a.to-proposition")
    assert proposition_links.count() == len(claim_ids)
    hrefs = [proposition_links.nth(i).get_attribute("href") for i in range(proposition_links.count())]
    for path in hrefs + ["/propositions", "/contested", "/sources", "/ach", f"/ach/{hostile['id']}"]:
        page.goto(server + path)
        page.wait_for_load_state("load")
        not_pwned(page)
    assert "<script>window.__pwned=1</script>" in page.locator("h1").inner_text()
    shot(page, "ach-hostile-board")
