"""``claimgraph serve`` (the workbench) and ``claimgraph report`` (the standalone HTML brief)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from claimgraph.cli.base import db_option, main
from claimgraph.cli.options import settings_options
from claimgraph.errors import ClaimgraphError

# What the workbench imports beyond the core install: the `serve` extra of pyproject.toml.
SERVE_MODULES = ("fastapi", "uvicorn", "python_multipart", "duckdb_extension_fts")


def serve_extra_missing() -> list[str]:
    """The workbench's packages that are not installed (all of them on a core install)."""
    return [name for name in SERVE_MODULES if importlib.util.find_spec(name) is None]


def require_serve_extra() -> None:
    """One line naming the extra when the workbench's packages are not installed (a core install)."""
    missing = serve_extra_missing()
    if missing:
        raise click.ClickException(
            f"the workbench needs the serve extra (missing {', '.join(missing)}): pip install 'claimgraph[serve]' "
            "(in a clone: pip install '.[serve]')"
        )


@main.command()
@db_option
@settings_options("serve")
@click.option(
    "--token",
    envvar="CLAIMGRAPH_TOKEN",
    default=None,
    help="Require this token on every request (header 'Authorization: Bearer T', or ?token=T once "
    "in the browser). Default: $CLAIMGRAPH_TOKEN.",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where uploaded files are saved [default: DB-NAME-data beside the store].",
)
@click.option(
    "--read-only", is_flag=True, help="Open the store read-only: other processes can read it too; uploads are refused."
)
def serve(db, token, data_dir, read_only, settings):
    """Serve the workbench (web pages and JSON API at /api, schema at /openapi.json).

    While it serves, the workbench holds the store: other commands on the same file stop and say
    so; ingest through the Ingest page, or stop the server first. With --read-only, commands that
    only read the store (events, claims, sources, report, ...) work beside it.
    """
    require_serve_extra()
    import uvicorn

    host, port = settings.serve.host, settings.serve.port
    from claimgraph.serve import create_app
    from claimgraph.serve.security import check_bind

    try:
        check_bind(host, token)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if not Path(db).exists():
        raise click.ClickException(f"{db}: no such store (run `claimgraph run PATH...` first, or pass --db)")
    try:
        app = create_app(
            db,
            token=token,
            data_dir=data_dir,
            read_only=read_only,
            settings=settings,
            bind=host,
            allowed_hosts=settings.serve.allow_hosts,
        )
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"claimgraph workbench on http://{host}:{port}/ (store {db}; Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command()
@db_option
@click.option(
    "--out", default="brief.html", show_default=True, type=click.Path(dir_okay=False), help="Where to write the brief."
)
@click.option("--title", default="claimgraph brief", show_default=True)
def report(db, out, title):
    """Write a standalone HTML brief (no external requests): corpus, contested propositions, disputes,
    events, claims, actors, actor network, ACH boards, source profiles, cited sentences and sources."""
    from claimgraph.report import write_brief
    from claimgraph.store import Store

    if not Path(db).exists():
        raise click.ClickException(f"{db}: no such store (run `claimgraph run PATH...` first, or pass --db)")
    try:
        with Store(db, read_only=True) as store:
            path = write_brief(store, out, title=title)
    except ClaimgraphError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"{out}: cannot write the brief: {exc.strerror or exc}") from exc
    click.echo(f"wrote {path}", err=True)
