"""One Settings object: what a run, a server and every command read.

Where a value comes from, lowest first:

1. the defaults shipped in ``data/settings.toml``;
2. a user's ``claimgraph.toml`` in the current directory, or the file ``claimgraph --config FILE``
   names (``$CLAIMGRAPH_CONFIG``);
3. environment variables ``CLAIMGRAPH_<SECTION>_<KEY>`` (``CLAIMGRAPH_EXTRACT_MODE=fast``);
4. command-line flags.

Each setting is declared once, as a field of a section dataclass below with its flag and help in
the field's metadata: the click options (``claimgraph.cli.settings_options``) and the Spark entry
point's arguments (``add_arguments``) are generated from those fields. A run stores the settings it
used (``to_dict``); the workbench's uploads and ``claimgraph load`` read them back (``from_dict``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from claimgraph.errors import ClaimgraphError

if typing.TYPE_CHECKING:
    from claimgraph.ingest.options import ReaderOptions

USER_FILE = "claimgraph.toml"
ENV_PREFIX = "CLAIMGRAPH_"


class SettingsError(ClaimgraphError):
    """A settings file, variable or stored value that cannot be used; the message names where it is."""


def setting(
    flag: str | None = None,
    help: str = "",
    *,
    choices: tuple[str, ...] = (),
    metavar: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    flag_minimum: float | None = None,
    path: bool = False,
) -> Any:
    """A settings field: ``flag`` is its command-line option (None: file and environment only);
    ``flag_minimum`` a stricter lower bound for the flag than for files (a flag's 0 is a mistake
    where a file's 0 means "automatic"); ``path`` marks a list of files (read relative to the
    settings file that names them)."""
    return field(
        metadata={
            "flag": flag,
            "help": help,
            "choices": choices,
            "metavar": metavar,
            "minimum": minimum,
            "maximum": maximum,
            "path": path,
            "flag_minimum": minimum if flag_minimum is None else flag_minimum,
        }
    )


@dataclass(frozen=True)
class InputSettings:
    max_size_mb: float = setting("--max-size", "Reject input files larger than this.", metavar="MB", minimum=0)
    text_field: str = setting("--text-field", "JSON/JSONL field holding the text.")
    title_field: str = setting("--title-field", "JSON/JSONL field holding the title.")
    url_field: str = setting("--url-field", "JSON/JSONL field holding the URL.")
    date_field: str = setting("--date-field", "JSON/JSONL field holding the date.")
    author_field: str = setting("--author-field", "JSON/JSONL field holding the author.")
    site_field: str = setting("--site-field", "JSON/JSONL field holding the site.")
    text_fallback_fields: tuple[str, ...] = setting(None, "Fields read for the text when the text field is absent.")


@dataclass(frozen=True)
class CleanSettings:
    rules: tuple[str, ...] = setting(
        "--rules", "Extra cleaning rules (YAML) added to the shipped ones. Repeatable.", path=True
    )


@dataclass(frozen=True)
class ExtractSettings:
    mode: str = setting(
        "--mode",
        "accurate: learned event detection and typing, learned attribution over the parse, the tagger on "
        "every sentence; fast: the trigger lexicon, rule attribution, the tagger only where a sentence has a "
        "number or a cue (under half the CPU per document). The entity tagger itself is --entity-tagger.",
        choices=("accurate", "fast"),
    )
    ontology: tuple[str, ...] = setting(
        "--ontology", "Extra actors (ontology YAML, docs/ontology.md) added to the shipped ones. Repeatable.", path=True
    )
    max_chars: int = setting(
        "--max-chars",
        "Per-document budget: entities, events and claims are searched for in the first this many characters "
        "of a document's clean text (cut at a paragraph or sentence end); a longer document is kept whole and "
        "gets a note. 0: no limit.",
        metavar="N",
        minimum=0,
    )
    entity_tagger: str = setting(
        "--entity-tagger",
        "Accurate mode's re3d tagger: crf-parse adds the spaCy parse's features to the CRF (needs the "
        "`events` extra); crf-minilm adds MiniLM's contextual token states (needs the `accurate` extra; "
        "docs/models/entities_accurate.md); crf-minilm-tuned adds to that the scores of MiniLM's top layers "
        "fine-tuned for the types (the `accurate` extra; docs/models/entities_finetuned.md); crf is the "
        "word-feature CRF fast mode uses.",
        choices=("crf-parse", "crf-minilm", "crf-minilm-tuned", "crf"),
    )
    max_seconds: float = setting(
        "--max-seconds",
        "Per-document time budget: once a document has taken this long, the extraction stages not yet run "
        "on it are skipped, with a note. 0: no limit.",
        metavar="S",
        minimum=0,
    )
    # issue 14 (truecasing): file and environment only
    truecase: bool = setting(
        None,
        "Parse and tag sentences written in capitals (old wires, headlines, channel posts) in their words' usual "
        "casing (nlp/truecase.py); spans keep pointing at the original characters. false: parse them lower-cased.",
    )
    attribution: str = setting(
        "--attribution",
        "Claims' source/cue/content spans in accurate mode: the learned model over the parse "
        "(docs/models/attribution.md) or the rules (what fast mode always runs).",
        choices=("learned", "rules"),
    )


@dataclass(frozen=True)
class DedupSettings:
    near_duplicate_threshold: float = setting(
        "--near-duplicate-threshold",
        "Estimated Jaccard similarity (word 5-shingles) at or above which a document "
        "is a near duplicate of a stored one.",
        minimum=0.01,
        maximum=1.0,
    )


@dataclass(frozen=True)
class RunSettings:
    workers: int = setting(
        "--workers",
        "Local engine: processes for the per-document stages (default: one per core; 0 in a settings file says so).",
        minimum=0,
        flag_minimum=1,
    )
    master: str = setting("--master", "Spark engine: the Spark master URL.")
    partitions: int = setting("--partitions", "Spark engine: minimum input partitions (0: Spark's choice).", minimum=0)


@dataclass(frozen=True)
class ServeSettings:
    host: str = setting("--host", "Address to listen on. Anything but loopback needs --token.")
    port: int = setting("--port", "Port to listen on.", minimum=0, maximum=65535)
    allow_hosts: tuple[str, ...] = setting(
        "--allow-host",
        "Also answer requests whose Host header is NAME (e.g. this machine's name, or a proxy's); "
        "repeatable. Loopback names and the --host address are always accepted; any other Host gets a 400, which "
        "stops DNS-rebinding pages from reaching the store.",
        metavar="NAME",
    )


@dataclass(frozen=True)
class FetchSettings:
    """HTTP: URL inputs, feed articles and `watch` (ingest/fetch.py). Every request sends a User-Agent
    naming claimgraph and honours robots.txt."""

    articles: bool = setting(
        "--fetch-articles",
        "Feed items: fetch each item's linked page and read it, cleaned, as the item's text (the feed's "
        "text when the page cannot be fetched).",
    )
    connect_timeout: float = setting(
        "--connect-timeout", "Seconds to wait for a connection.", metavar="S", minimum=0.01
    )
    timeout: float = setting(
        "--fetch-timeout", "Seconds a response may take to arrive in full.", metavar="S", minimum=0.01
    )
    max_size_mb: float = setting(
        "--max-fetch-size", "Stop reading a response past this size (it is refused).", metavar="MB", minimum=0.001
    )
    max_redirects: int = setting("--max-redirects", "Redirects followed for one request.", metavar="N", minimum=0)
    host_delay: float = setting(
        "--host-delay",
        "Seconds between two requests to the same host (robots.txt's Crawl-delay when longer, up to 60).",
        metavar="S",
        minimum=0,
    )
    contact: str = setting(
        "--fetch-contact",
        "A URL or e-mail address the sites you fetch from can reach you at, sent in the User-Agent "
        "(claimgraph/VERSION (+CONTACT)); empty: claimgraph/VERSION alone.",
        metavar="URL",
    )


@dataclass(frozen=True)
class WatchSettings:
    interval: float = setting(
        "--interval",
        "watch: seconds between polls of a source that SOURCES.yaml gives no interval.",
        metavar="S",
        minimum=1,
    )
    max_backoff: float = setting(
        "--max-backoff",
        "watch: after errors a source waits its interval doubled per consecutive error, at most this long.",
        metavar="S",
        minimum=1,
    )


@dataclass(frozen=True)
class LinkSettings:
    questions: tuple[str, ...] = setting(
        "--questions",
        "Analyst files of disputed questions (YAML, examples/questions.yaml shows the form): phrases that take one "
        "side or the other of a question give claims their side in propositions. None are shipped: without one, "
        "sides come from the claim-vs-claim relation (stance model, polarity, numbers). Repeatable.",
        path=True,
    )


SECTIONS: dict[str, type] = {
    "input": InputSettings,
    "clean": CleanSettings,
    "extract": ExtractSettings,
    "dedup": DedupSettings,
    "run": RunSettings,
    "serve": ServeSettings,
    "fetch": FetchSettings,
    "watch": WatchSettings,
    "link": LinkSettings,
}


@dataclass(frozen=True)
class Spec:
    """One setting as the loaders and the option generators see it."""

    section: str
    name: str
    type: Any  # str, int, float, bool or tuple (of str)
    meta: Mapping[str, Any]

    @property
    def key(self) -> str:
        return f"{self.section}.{self.name}"

    @property
    def env(self) -> str:
        return f"{ENV_PREFIX}{self.section.upper()}_{self.name.upper()}"

    @property
    def param(self) -> str:
        """The Python name of its command-line option."""
        return f"{self.section}__{self.name}"

    @property
    def is_list(self) -> bool:
        return self.type is tuple


def specs(*sections: str) -> list[Spec]:
    """Every setting of ``sections`` (all when none are named), in declaration order."""
    out = []
    for section in sections or tuple(SECTIONS):
        cls = SECTIONS[section]
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            kind = typing.get_origin(hints[f.name]) or hints[f.name]
            out.append(Spec(section, f.name, kind, f.metadata))
    return out


@dataclass(frozen=True)
class Settings:
    """The effective settings. ``origins`` says where each value came from, as (key, origin) pairs:
    "default", "FILE", "$VARIABLE", "--flag" or "run RUN_ID"."""

    input: InputSettings
    clean: CleanSettings
    extract: ExtractSettings
    dedup: DedupSettings
    run: RunSettings
    serve: ServeSettings
    fetch: FetchSettings
    watch: WatchSettings
    link: LinkSettings
    origins: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    # -- what the stages read (the names the pipeline options had) ------------------------------

    @property
    def reader(self) -> ReaderOptions:
        from claimgraph.ingest.options import MIB, ReaderOptions

        i = self.input
        return ReaderOptions(
            max_bytes=int(i.max_size_mb * MIB),
            text_field=i.text_field,
            title_field=i.title_field,
            url_field=i.url_field,
            date_field=i.date_field,
            author_field=i.author_field,
            site_field=i.site_field,
            text_fallback_fields=i.text_fallback_fields,
        )

    @property
    def rule_files(self) -> tuple[Path, ...]:
        return tuple(Path(p) for p in self.clean.rules)

    @property
    def ontology_files(self) -> tuple[Path, ...]:
        return tuple(Path(p) for p in self.extract.ontology)

    @property
    def mode(self) -> str:
        return self.extract.mode

    @property
    def near_duplicate_threshold(self) -> float:
        return self.dedup.near_duplicate_threshold

    # -- reading and writing --------------------------------------------------------------------

    def value(self, key: str) -> Any:
        section, name = key.split(".", 1)
        return getattr(getattr(self, section), name)

    def origin(self, key: str) -> str:
        return dict(self.origins).get(key, "default")

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Plain data (lists for tuples), as stored with a run and printed by `config show --json`."""
        return {
            name: {
                k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(getattr(self, name)).items()
            }
            for name in SECTIONS
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], origin: str = "stored") -> Settings:
        """Settings stored by ``to_dict`` (a run's): the shipped defaults, overridden by ``data``. A key
        this version no longer knows is ignored, so a newer store's runs still read."""
        values = _defaults()
        for spec in specs():
            section = data.get(spec.section)
            if isinstance(section, Mapping) and spec.name in section:
                values[spec.key] = (_coerce(spec, section[spec.name], origin), origin)
        return _build(values)

    def _values(self) -> dict[str, tuple[Any, str]]:
        """Every key's (value, origin): what ``_build`` makes settings from."""
        return {spec.key: (self.value(spec.key), self.origin(spec.key)) for spec in specs()}

    def with_absolute_paths(self) -> Settings:
        """The same settings with every file named by absolute path: what a run stores and what
        Spark executors get (they may not share the driver's working directory)."""
        values = self._values()
        for spec in specs():
            if spec.meta["path"]:
                values[spec.key] = (tuple(str(Path(p).resolve()) for p in self.value(spec.key)), self.origin(spec.key))
        return _build(values)

    @classmethod
    def of_store(cls, store) -> Settings:
        """The settings of ``store``'s latest run that recorded them (``Store.run_settings``), else
        the shipped defaults: what describes the store's documents (its actors' ontology files)."""
        stored = store.run_settings()
        return cls.from_dict(stored[1], origin=f"run {stored[0]}") if stored else cls.defaults()

    @classmethod
    def defaults(cls) -> Settings:
        """The shipped defaults alone (no user file, environment or flags): for library callers."""
        return _build(_defaults())

    def with_values(self, values: Mapping[str, Any], origin: str | None = None) -> Settings:
        """These settings with ``values`` (key "section.name" -> value) laid over them; ``origin``
        names where they came from (default: each key's command-line flag)."""
        current = self._values()
        by_key = {s.key: s for s in specs()}
        for key, value in values.items():
            spec = by_key.get(key)
            if spec is None:
                raise SettingsError(f"unknown setting {key}")
            where = origin or spec.meta["flag"] or key
            current[key] = (_coerce(spec, value, where), where)
        return _build(current)


def load_settings(
    config: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    flags: Mapping[str, Any] | None = None,
    cwd: str | Path | None = None,
) -> Settings:
    """Defaults, then ``config`` (or ./claimgraph.toml when there is one), then ``env`` (default
    ``os.environ``), then ``flags`` (key "section.name" -> value). Raises SettingsError naming the
    file, variable or flag and the key."""
    env = os.environ if env is None else env
    values = _defaults()
    if config is None and env.get(f"{ENV_PREFIX}CONFIG"):
        config = env[f"{ENV_PREFIX}CONFIG"]
    path = Path(config) if config is not None else Path(cwd or ".") / USER_FILE
    if config is not None or path.is_file():
        values.update(_read_user_file(path))
    for spec in specs():
        if spec.env in env:
            values[spec.key] = (_coerce(spec, _env_value(spec, env[spec.env]), f"${spec.env}"), f"${spec.env}")
    settings = _build(values)
    return settings.with_values(flags) if flags else settings


def _defaults() -> dict[str, tuple[Any, str]]:
    text = resources.files("claimgraph").joinpath("data", "settings.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    values = {}
    for spec in specs():
        if spec.name not in data.get(spec.section, {}):  # a packaging error, not a user's
            raise SettingsError(f"shipped settings.toml lacks {spec.key}")
        values[spec.key] = (_coerce(spec, data[spec.section][spec.name], "shipped settings.toml"), "default")
    return values


def _read_user_file(path: Path) -> dict[str, tuple[Any, str]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"{path}: no such settings file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    by_key = {s.key: s for s in specs()}
    values = {}
    for section, table in data.items():
        if section not in SECTIONS or not isinstance(table, dict):
            raise SettingsError(f"{path}: unknown section [{section}] (known: {', '.join(SECTIONS)})")
        for name, raw in table.items():
            spec = by_key.get(f"{section}.{name}")
            if spec is None:
                raise SettingsError(f"{path}: unknown setting {section}.{name}")
            value = _coerce(spec, raw, str(path))
            if spec.meta["path"]:  # files named in a settings file are read from that file's directory
                value = tuple(str(path.parent / p) for p in value)
            values[spec.key] = (value, str(path))
    return values


def _env_value(spec: Spec, text: str) -> Any:
    if spec.is_list:
        return tuple(part.strip() for part in text.split(",") if part.strip())
    return text


def _coerce(spec: Spec, value: Any, where: str) -> Any:
    """``value`` as the field's type, checked against its choices and range."""
    try:
        if spec.is_list:
            if (
                isinstance(value, str)
                or not isinstance(value, (list, tuple))
                or not all(isinstance(v, str) for v in value)
            ):
                raise ValueError("expected a list of strings")
            value = tuple(value)
        elif spec.type is str:
            if not isinstance(value, str):
                raise ValueError("expected a string")
        elif spec.type is bool:
            value = _boolean(value)
        elif isinstance(value, bool):
            raise ValueError(f"expected a number, not {value}")
        else:
            value = spec.type(value)
    except (TypeError, ValueError) as exc:
        reason = str(exc) if "expected" in str(exc) else f"expected {spec.type.__name__}, got {value!r}"
        raise SettingsError(f"{where}: {spec.key}: {reason}") from None
    meta = spec.meta
    if meta["choices"] and value not in meta["choices"]:
        raise SettingsError(f"{where}: {spec.key}: {value!r} is not one of {', '.join(meta['choices'])}")
    if (
        meta["minimum"] is not None
        and value < meta["minimum"]
        or meta["maximum"] is not None
        and value > meta["maximum"]
    ):
        bounds = (
            f"{meta['minimum']} to {meta['maximum']}" if meta["maximum"] is not None else f"at least {meta['minimum']}"
        )
        raise SettingsError(f"{where}: {spec.key}: {value} is out of range ({bounds})")
    return value


_BOOLEAN_WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _boolean(value: Any) -> bool:
    """A TOML boolean, or a variable's true/false (1/0, yes/no)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _BOOLEAN_WORDS:
        return _BOOLEAN_WORDS[value.strip().lower()]
    raise ValueError(f"expected true or false, got {value!r}")


def _build(values: Mapping[str, tuple[Any, str]]) -> Settings:
    sections = {name: cls(**{s.name: values[s.key][0] for s in specs(name)}) for name, cls in SECTIONS.items()}
    origins = tuple((key, origin) for key, (_, origin) in values.items() if origin != "default")
    return Settings(**sections, origins=origins)


# -- argparse (the Spark entry point) -----------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser, settings: list[Spec]) -> None:
    """The command-line flags of ``settings`` as argparse arguments (defaults: not given)."""
    for spec in settings:
        meta = spec.meta
        if meta["flag"] is None:
            continue
        kwargs: dict[str, Any] = {"dest": spec.param, "default": None, "help": meta["help"]}
        if spec.is_list:
            kwargs["action"] = "append"
        elif spec.type is bool:
            kwargs.update(action="store_const", const=True)
        elif meta["choices"]:
            kwargs["choices"] = meta["choices"]
        else:
            kwargs["type"] = spec.type
        parser.add_argument(meta["flag"], **kwargs)


def flags_from_namespace(args: argparse.Namespace, settings: list[Spec]) -> dict[str, Any]:
    """The flags an argparse parse gave (key -> value), for ``load_settings(flags=...)``."""
    given = {}
    for spec in settings:
        value = getattr(args, spec.param, None)
        if value is not None:
            given[spec.key] = tuple(value) if spec.is_list else value
    return given
