"""`claimgraph run URL --fetch-articles` through the whole pipeline into a store, against a real
HTTP server on 127.0.0.1; a re-run fetches no article again."""

from __future__ import annotations

from click.testing import CliRunner
from local_http import Reply, fixture_bytes

from claimgraph.cli import main
from claimgraph.store import Store


def test_run_reads_a_feed_url_with_its_articles_and_a_rerun_fetches_nothing_again(local_site, fixtures_dir, tmp_path):
    web = fixtures_dir / "web"
    local_site.route("/feed.rss", Reply(fixture_bytes(web / "coast_monitor_v1.rss", local_site)))
    for name in ("pemba_port", "mogadishu_checkpoint"):
        local_site.route(f"/articles/{name}.html", Reply(fixture_bytes(web / "articles" / f"{name}.html", local_site)))
    db = str(tmp_path / "cg.duckdb")
    args = ["run", local_site.url("/feed.rss"), "--db", db, "--fetch-articles", "--host-delay", "0", "--mode", "fast"]
    args += ["--workers", "1", "--json"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert len(local_site.hits("/articles/pemba_port.html")) == 1  # the stored item is not fetched again
    assert len(local_site.hits("/feed.rss")) == 2
    with Store(db) as store:
        rows = store.query("SELECT source_path, title, url, raw_text FROM documents ORDER BY title")
    assert [r["title"] for r in rows] == [
        "Gunmen fire on fuel barge at Pemba port, harbour officials say",
        "Somali police say checkpoint attack repelled in Mogadishu",
    ]
    assert "Al-Shabaab said in a statement" in rows[1]["raw_text"]
    assert rows[0]["url"] == local_site.url("/articles/pemba_port.html")


def test_spark_refuses_urls(tmp_path):
    result = CliRunner().invoke(main, ["run", "https://outlet.example/feed.xml", "--engine", "spark", "--out", "x"])
    assert result.exit_code == 2 and "fetch URLs and articles with the local engine" in result.output
