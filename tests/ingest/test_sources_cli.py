"""`claimgraph run` on a feed and a Telegram export, a bad feed beside them, and stdin; then `docs` and `show`."""

import json

from click.testing import CliRunner

from claimgraph.cli import main


def test_run_a_feed_and_an_export_then_list_and_show_them(fixtures_dir, tmp_path):
    sources = fixtures_dir / "ingest" / "sources"
    db = str(tmp_path / "cg.duckdb")
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "run",
            "--db",
            db,
            "--mode",
            "fast",
            "--quiet",
            str(sources / "yemen_coast.atom"),
            str(sources / "telegram_sahel_channel.json"),
            str(sources / "bad" / "html_page.rss"),
        ],
    )
    assert result.exit_code == 1  # the bad feed: one line, the rest stored
    bad = sources / "bad" / "html_page.rss"
    assert f"error: {bad}: not an RSS or Atom feed: the file is an HTML page" in result.output
    rows = json.loads(runner.invoke(main, ["docs", "--db", db, "--json"]).output)
    assert [(r["source_format"], r["source_record"]) for r in rows] == [
        ("feed", "urn:uuid:yemen-coast-0001"),
        ("feed", "urn:uuid:yemen-coast-0002"),
        ("telegram", "202"),
        ("telegram", "203"),
        ("telegram", "207"),
    ]
    shown = json.loads(runner.invoke(main, ["show", rows[0]["id"], "--db", db, "--json"]).output)
    assert shown["meta"] == {
        "title": "Houthi forces say they targeted a cargo ship off Hodeidah",
        "author": "Nadia al-Hakimi",
        "date": "2024-05-05T18:30:00+00:00",
        "site": "Yemen Coast Watch",
        "url": "https://yemencoast.example/reports/hodeidah-cargo-ship",
    }
    assert shown["annotations"]["feed_items"][0]["categories"] == ["Yemen", "Red Sea"]
    thread = json.loads(runner.invoke(main, ["show", rows[3]["id"], "--db", db, "--json"]).output)
    assert [p["post_id"] for p in thread["annotations"]["posts"]] == ["203", "204", "205"]


def test_a_feed_on_standard_input(fixtures_dir, tmp_path):
    db = str(tmp_path / "cg.duckdb")
    feed = (fixtures_dir / "ingest" / "sources" / "myanmar_monitor.xml").read_bytes()
    result = CliRunner().invoke(main, ["run", "-", "--db", db, "--mode", "fast", "--quiet"], input=feed)
    assert result.exit_code == 0, result.output
    (row,) = json.loads(CliRunner().invoke(main, ["docs", "--db", db, "--json"]).output)
    assert (row["source_path"], row["source_format"], row["title"]) == (
        "-",
        "feed",
        "Residents report airstrike on market near Lashio",
    )
