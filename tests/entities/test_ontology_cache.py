"""``load_cached``: the one loader of a store's actors (shipped ontology + the run's ``--ontology`` files)
for the workbench's network and the disputes' doers: re-read when a file changes, a missing or bad file
left out with one warning naming it."""

import logging
import os

from claimgraph.entities.ontology import load_cached

ACTOR = "actors:\n  - id: kivu-patriots\n    name: Kivu Patriots\n    type: armed_group\n    country: CD\n"


def test_the_same_files_are_read_once_and_an_edited_file_again(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(ACTOR, encoding="utf-8")
    first = load_cached([path])
    assert load_cached([str(path)]) is first
    assert [a.id for a in first.lookup("Kivu Patriots")] == ["kivu-patriots"]
    path.write_text(ACTOR + "    aliases: [Patriotes du Kivu]\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later edit, whatever the clock
    again = load_cached([path])
    assert again is not first and [a.id for a in again.lookup("Patriotes du Kivu")] == ["kivu-patriots"]


def test_a_missing_file_is_left_out_with_one_warning_naming_it(tmp_path, caplog):
    kept = tmp_path / "kept.yaml"
    kept.write_text(ACTOR, encoding="utf-8")
    gone = tmp_path / "gone.yaml"
    with caplog.at_level(logging.WARNING, logger="claimgraph.entities.ontology"):
        loaded = load_cached([gone, kept])
        assert load_cached([gone, kept]) is loaded
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and str(gone) in warnings[0]
    assert loaded.lookup("Kivu Patriots") and loaded.lookup("ISKP")  # the other file and the shipped actors


def test_no_files_is_the_shipped_ontology_once():
    assert load_cached() is load_cached(())
    assert load_cached().get("adf") is not None
