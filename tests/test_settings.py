"""Settings: shipped defaults < claimgraph.toml (or --config) < CLAIMGRAPH_* variables < flags; the
options generated from them; a run stores what it used; uploads and `load` read it back."""

from __future__ import annotations

import argparse
import json
import tomllib
from importlib import resources

import pytest
from click.testing import CliRunner

from claimgraph.cli import main
from claimgraph.settings import Settings, SettingsError, add_arguments, flags_from_namespace, load_settings, specs
from claimgraph.store import Store


def test_every_setting_has_a_shipped_default_and_nothing_else_is_shipped():
    shipped = tomllib.loads(resources.files("claimgraph").joinpath("data", "settings.toml").read_text())
    assert {f"{section}.{key}" for section, table in shipped.items() for key in table} == {s.key for s in specs()}
    defaults = Settings.defaults()
    assert defaults.mode == "accurate" and defaults.near_duplicate_threshold == 0.8
    assert defaults.reader.max_bytes == 50 * 1024 * 1024 and defaults.reader.text_field == "text"
    assert defaults.origins == ()


def test_layers_in_order_with_their_origins(tmp_path):
    (tmp_path / "rules.yaml").write_text("rules: []\n")
    config = tmp_path / "claimgraph.toml"
    config.write_text(
        '[extract]\nmode = "fast"\n[clean]\nrules = ["rules.yaml"]\n[dedup]\n'
        "near_duplicate_threshold = 0.9\n[input]\nmax_size_mb = 5\n"
    )
    env = {"CLAIMGRAPH_DEDUP_NEAR_DUPLICATE_THRESHOLD": "0.85", "CLAIMGRAPH_INPUT_TEXT_FIELD": "body"}
    settings = load_settings(config, env=env, flags={"input.max_size_mb": 2})
    assert settings.mode == "fast" and settings.origin("extract.mode") == str(config)
    # a file named in a settings file is read from that file's directory, wherever the command runs
    assert settings.rule_files == (tmp_path / "rules.yaml",)
    assert settings.near_duplicate_threshold == 0.85
    assert settings.origin("dedup.near_duplicate_threshold") == "$CLAIMGRAPH_DEDUP_NEAR_DUPLICATE_THRESHOLD"
    assert settings.reader.text_field == "body"
    assert settings.input.max_size_mb == 2 and settings.origin("input.max_size_mb") == "--max-size"
    assert settings.origin("input.url_field") == "default"


def test_the_current_directorys_file_is_read_without_being_named(tmp_path, monkeypatch):
    (tmp_path / "claimgraph.toml").write_text('[extract]\nmode = "fast"\n')
    monkeypatch.chdir(tmp_path)
    assert load_settings(env={}).mode == "fast"
    assert load_settings(env={}, cwd=tmp_path / "elsewhere").mode == "accurate"


@pytest.mark.parametrize(
    "text, message",
    [
        ('[extract]\nmod = "fast"\n', "unknown setting extract.mod"),
        ('[extrakt]\nmode = "fast"\n', "unknown section [extrakt]"),
        ('[extract]\nmode = "quick"\n', "extract.mode: 'quick' is not one of accurate, fast"),
        ("[dedup]\nnear_duplicate_threshold = 2\n", "dedup.near_duplicate_threshold: 2.0 is out of range"),
        ('[input]\nmax_size_mb = "big"\n', "input.max_size_mb: expected float, got 'big'"),
        ('[clean]\nrules = "a.yaml"\n', "clean.rules: expected a list of strings"),
        ("[run]\nworkers = true\n", "run.workers: expected a number, not True"),
        ("[extract\n", "not valid TOML"),
    ],
)
def test_a_bad_settings_file_names_the_file_and_the_key(tmp_path, text, message):
    config = tmp_path / "claimgraph.toml"
    config.write_text(text)
    with pytest.raises(SettingsError) as caught:
        load_settings(config, env={})
    assert str(caught.value).startswith(str(config)) and message in str(caught.value)
    assert str(caught.value).count(message.split(":")[0] + ":") <= 1  # the key once ("extract.mode: extract.mode:")


def test_a_bad_variable_is_named(tmp_path):
    with pytest.raises(SettingsError, match=r"\$CLAIMGRAPH_RUN_WORKERS: run.workers: expected int"):
        load_settings(env={"CLAIMGRAPH_RUN_WORKERS": "many"}, cwd=tmp_path)
    with pytest.raises(SettingsError, match="no such settings file"):
        load_settings(tmp_path / "absent.toml", env={})


def test_stored_settings_round_trip_and_ignore_keys_a_newer_version_added():
    settings = Settings.defaults().with_values({"extract.mode": "fast", "clean.rules": ("/x/r.yaml",)})
    data = json.loads(json.dumps(settings.to_dict()))
    data["extract"]["future_key"] = 1
    again = Settings.from_dict(data, origin="run r1")
    assert again == settings and again.origin("extract.mode") == "run r1"


def test_spark_arguments_are_generated_from_the_same_settings():
    parser = argparse.ArgumentParser()
    chosen = specs("input", "extract")
    add_arguments(parser, chosen)
    args = parser.parse_args(["--mode", "fast", "--ontology", "a.yaml", "--ontology", "b.yaml", "--max-size", "3"])
    flags = flags_from_namespace(args, chosen)
    assert flags == {"extract.mode": "fast", "extract.ontology": ("a.yaml", "b.yaml"), "input.max_size_mb": 3.0}
    assert Settings.defaults().with_values(flags).ontology_files[1].name == "b.yaml"


def test_config_show_prints_values_and_origins(tmp_path):
    config = tmp_path / "my.toml"
    config.write_text('[extract]\nmode = "fast"\n')
    result = CliRunner(env={"CLAIMGRAPH_RUN_WORKERS": "3"}).invoke(
        main, ["--config", str(config), "config", "show", "--json"]
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["extract.mode"] == {
        "value": "fast",
        "origin": str(config),
        "flag": "--mode",
        "env": "CLAIMGRAPH_EXTRACT_MODE",
    }
    assert shown["run.workers"]["value"] == 3 and shown["run.workers"]["origin"] == "$CLAIMGRAPH_RUN_WORKERS"
    assert shown["input.text_fallback_fields"]["flag"] is None
    bad = CliRunner().invoke(main, ["--config", str(tmp_path / "absent.toml"), "config", "show"])
    assert bad.exit_code == 1 and bad.stderr.strip() == f"error: {tmp_path / 'absent.toml'}: no such settings file"


def test_a_run_stores_the_settings_it_used_and_uploads_read_them(tmp_path, examples_dir):
    config = tmp_path / "claimgraph.toml"
    config.write_text('[extract]\nmode = "fast"\n')
    db = tmp_path / "s.duckdb"
    one = sorted(examples_dir.iterdir())[0]
    result = CliRunner().invoke(
        main,
        [
            "--config",
            str(config),
            "run",
            str(one),
            "--db",
            str(db),
            "--quiet",
            "--workers",
            "1",
            "--near-duplicate-threshold",
            "0.9",
        ],
    )
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        run_id, stored = store.run_settings()
        assert store.get_run(run_id)["settings"] == stored
        assert stored["extract"]["mode"] == "fast" and stored["dedup"]["near_duplicate_threshold"] == 0.9
        from claimgraph.serve.jobs import IngestJobs

        uploads = IngestJobs(store, tmp_path / "data", settings=Settings.defaults()).upload_settings()
        assert uploads.mode == "fast" and uploads.origin("extract.mode") == f"run {run_id}"


def test_uploads_into_a_store_without_runs_use_the_servers_settings(tmp_path):
    from claimgraph.serve.jobs import IngestJobs

    with Store(tmp_path / "s.duckdb") as store:
        assert store.run_settings() is None
        own = Settings.defaults().with_values({"extract.mode": "fast"})
        assert IngestJobs(store, tmp_path / "data", settings=own).upload_settings() == own


def test_log_level_configures_claimgraphs_loggers(tmp_path):
    import logging

    result = CliRunner().invoke(main, ["--log-level", "debug", "config", "show", "--json"])
    assert result.exit_code == 0
    assert logging.getLogger("claimgraph.pipeline").getEffectiveLevel() == logging.DEBUG
    bad = CliRunner().invoke(main, ["--log-level", "loud", "config", "show"])
    assert bad.exit_code == 2 and "--log-level" in bad.stderr
    CliRunner().invoke(main, ["--log-level", "warning", "config", "show", "--json"])
    assert logging.getLogger("claimgraph.pipeline").getEffectiveLevel() == logging.WARNING
