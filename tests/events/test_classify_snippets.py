"""CASE 2021 classification on our 60 hand-written snippets and the task's 5 samples."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli.base import main
from claimgraph.events.classify import EventClassifier, classify_lines
from claimgraph.events.taxonomy import Taxonomy


def read_snippets(fixtures_dir: Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in (fixtures_dir / "events" / "case_snippets.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ident, gold, text = line.split("\t")
            rows.append((ident, gold, text))
    return rows


def test_snippets_cover_every_case_type_twice(fixtures_dir):
    golds = [g for _, g, _ in read_snippets(fixtures_dir)]
    assert sorted(set(golds)) == sorted(Taxonomy.load().case_types)
    assert all(golds.count(t) == 2 for t in set(golds))


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier()


def test_snippet_accuracy(fixtures_dir, classifier):
    rows = read_snippets(fixtures_dir)
    wrong = [(i, g, classifier.classify_text(t)) for i, g, t in rows if classifier.classify_text(t) != g]
    assert len(wrong) <= 3, wrong  # 60/60 when written; a lexicon change may cost a few, not more


def test_case_samples(shared_dir):
    folder = shared_dir / "datasets" / "case2021_task2"
    gold = dict(line.split("\t") for line in (folder / "sample_output.txt").read_text().splitlines() if line)
    with open(folder / "sample_input.txt", encoding="utf-8") as handle:
        predicted = dict(classify_lines(handle))
    assert sum(predicted[k] == gold[k] for k in gold) >= 4


def test_classify_events_command_reads_tab_lines_and_reports_bad_ones(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_text(
        "a\tA roadside bomb struck a police vehicle in Helmand, killing three officers.\n"
        "no tab on this line\n"
        "b\tFlash floods swept away houses in three provinces.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["classify-events", str(path)])
    assert result.stdout == "a\tREM_EXPLOS\nb\tNATURAL_DISASTER\n"
    assert f"{path}: line 2: expected id<TAB>text" in result.stderr
    assert result.exit_code == 1


def test_every_classification_is_a_case_type(fixtures_dir, classifier):
    types = set(Taxonomy.load().case_types)
    assert all(classifier.classify_text(t) in types for _, _, t in read_snippets(fixtures_dir))
    assert classifier.classify_text("The Taliban denied the report.") in types  # a statement maps to its CASE type
