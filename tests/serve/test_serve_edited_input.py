"""The workbench over a store where an edited input superseded its old version: the lists show the
new version only; the old version's page is still there and links to the new one."""

from __future__ import annotations

import shutil

from fastapi.testclient import TestClient

from claimgraph import runner
from claimgraph.serve import create_app
from claimgraph.settings import Settings
from claimgraph.store import Store

EDITED = "kabul_ledger_surkhrod_bombing.txt"


def test_lists_show_the_new_version_and_the_old_page_links_to_it(tmp_path, examples_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (EDITED, "khyber_dispatch_surkhrod_wire.html"):
        shutil.copy(examples_dir / name, corpus / name)
    db = tmp_path / "cg.duckdb"
    options = Settings.defaults().with_values({"extract.mode": "fast"})
    with Store(db) as store:
        runner.run([str(corpus)], store, options)
        (old,) = [r["id"] for r in store.documents.summaries() if r["source_path"].endswith(EDITED)]
        path = corpus / EDITED
        path.write_text(path.read_text(encoding="utf-8").replace("at least 12", "at least 19"), encoding="utf-8")
        runner.run([str(corpus)], store, options)
        new = store.versions.current_version(store.documents.get(old).source)
    assert new is not None and new != old

    with TestClient(create_app(db, data_dir=tmp_path / "data"), base_url="http://127.0.0.1") as client:
        documents = client.get("/api/documents", params={"limit": 50}).json()
        listed = {d["id"] for d in documents["items"]}
        assert documents["total"] == 2 and new in listed and old not in listed
        for listing in ("/api/claims", "/api/events"):
            doc_ids = {r["doc_id"] for r in client.get(listing, params={"limit": 500}).json()["items"]}
            assert new in doc_ids and old not in doc_ids, listing
        page = client.get(f"/documents/{old}")
        assert page.status_code == 200 and "Superseded" in page.text and f'href="/documents/{new}"' in page.text
        assert "Superseded" not in client.get(f"/documents/{new}").text
        hits = {h["id"] for h in client.get("/api/search", params={"q": "worshippers"}).json()["items"]}
        assert new in hits and old not in hits
