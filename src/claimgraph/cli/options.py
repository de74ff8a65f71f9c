"""Command-line options generated from the settings (``claimgraph.settings``): a setting is declared
once, with its flag and help, and every command that takes it gets the same option."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from claimgraph.errors import ClaimgraphError
from claimgraph.settings import Settings, Spec, load_settings, specs


def settings_options(*sections: str, flags_only: bool = False) -> Callable:
    """Add the flags of ``sections`` to a command, and pass it ``settings``: the effective Settings
    (shipped defaults < claimgraph.toml or ``claimgraph --config FILE`` < CLAIMGRAPH_* variables <
    these flags). A flag not given leaves the value the layers below it chose. ``flags_only``: pass
    ``flags`` instead (key -> value of the flags given), for a command that lays them over other
    settings (`load` over the store's)."""
    flagged = [spec for spec in specs(*sections) if spec.meta["flag"]]

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def with_settings(*args: Any, **kwargs: Any) -> Any:
            given = {}
            for spec in flagged:
                value = kwargs.pop(spec.param)
                if value is not None and value != ():
                    given[spec.key] = value
            if flags_only:
                kwargs["flags"] = given
            else:
                kwargs["settings"] = settings_from_context(click.get_current_context(), given)
            return command(*args, **kwargs)

        for spec in reversed(flagged):
            with_settings = _option(spec)(with_settings)
        return with_settings

    return decorate


def settings_from_context(ctx: click.Context, flags: dict[str, Any] | None = None) -> Settings:
    """The effective settings for this invocation: the group's ``--config`` file (or ./claimgraph.toml),
    the environment and ``flags``; a bad file or value is one error line."""
    root = ctx.find_root()
    config = (root.obj or {}).get("config") if isinstance(root.obj, dict) else None
    try:
        return load_settings(config, flags=flags)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc


def _option(spec: Spec) -> Callable:
    meta = spec.meta
    shipped = Settings.defaults().value(spec.key)
    shown = f"{shipped:g}" if isinstance(shipped, float) else shipped
    # a default the flag cannot take (workers: 0, one per core) is told by the help itself, not as "[default: 0]"
    unsayable = (
        meta["flag_minimum"] is not None and isinstance(shipped, (int, float)) and shipped < meta["flag_minimum"]
    )
    kwargs: dict[str, Any] = {
        "default": None,
        "metavar": meta["metavar"],
        "help": meta["help"] + ("" if spec.is_list or unsayable else f"  [default: {shown}]"),
    }
    if spec.is_list:
        kwargs.update(multiple=True, default=())
        if meta["path"]:
            kwargs["type"] = click.Path(exists=True, dir_okay=False)
    elif spec.type is bool:  # a switch: absent leaves the value the layers below chose
        kwargs.update(is_flag=True, help=meta["help"])
    elif meta["choices"]:
        kwargs["type"] = click.Choice(meta["choices"])
    elif spec.type is int:
        kwargs["type"] = click.IntRange(min=meta["flag_minimum"], max=meta["maximum"])
    elif spec.type is float:
        kwargs["type"] = click.FloatRange(min=meta["flag_minimum"], max=meta["maximum"])
    return click.option(meta["flag"], spec.param, **kwargs)
