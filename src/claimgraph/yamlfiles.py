"""Reading the package's YAML data files: one parser choice for all of them, and settings parsed once per
process while their file stays the same."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

_BOOL = "tag:yaml.org,2002:bool"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML with YAML 1.2's booleans: only true/false. PyYAML follows YAML 1.1, where `NO`
    (Norway's country code), `on` (a preposition in a word list), `yes` and `off` are booleans: data
    files are lists of words and codes, so those stay strings."""


# libyaml where PyYAML has it (the pure-Python parser is ~8-10x slower on the packaged files); the
# resolvers are PyYAML's own Python tables either way, so the bool pattern is replaced here.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _BOOL]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
LOADER = _Loader

T = TypeVar("T")


def load_yaml(text: str | bytes) -> Any:
    """``text`` read as safe YAML (no Python objects), by ``LOADER``."""
    return yaml.load(text, Loader=LOADER)


def parsed_while_unchanged(parse: Callable[[Path], T]) -> Callable[[Path], T]:
    """``parse`` as a loader that parses a file once and returns the same result while its modification
    time and size stay the same: for settings each linking step asks for again. Callers must not change
    the result. An unreadable path raises the ``OSError`` of its ``stat``."""

    @functools.lru_cache(maxsize=8)
    def parsed(path: Path, mtime_ns: int, size: int) -> T:
        return parse(path)

    @functools.wraps(parse)
    def load(path: Path) -> T:
        stat = path.stat()
        return parsed(path, stat.st_mtime_ns, stat.st_size)

    return load
