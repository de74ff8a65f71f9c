"""SQL lives only in ``claimgraph.store``, and the store imports no stage: the boundary, checked
over the source so it stays."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import claimgraph

PACKAGE = Path(claimgraph.__file__).parent
STORE = PACKAGE / "store"
SQL_CALL = re.compile(r"^(query|execute|executemany|sql|fetchall|fetchone|fetchmany|fetchnumpy)$")
SQL_TEXT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH|COPY|LOAD)\s")
# what the store may import from the rest of the package: the data model and the errors
STORE_MAY_IMPORT = {"claimgraph.errors", "claimgraph.model"}


def _modules(root: Path, *, outside_store: bool):
    for path in sorted(root.rglob("*.py")):
        if outside_store == (STORE in path.parents):
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(path: Path, tree: ast.AST) -> list[str]:
    package = ".".join(("claimgraph", *path.relative_to(PACKAGE).parent.parts))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            out += [module] if node.module else [f"{module}.{alias.name}" for alias in node.names]
    return out


def test_no_sql_outside_the_store():
    found = []
    for path, tree in _modules(PACKAGE, outside_store=True):
        where = path.relative_to(PACKAGE)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and SQL_CALL.match(node.func.attr):
                found.append(f"{where}:{node.lineno}: .{node.func.attr}(")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.match(node.value):
                found.append(f"{where}:{node.lineno}: {node.value.strip()[:40]!r}")
        found += [f"{where}: imports {name}" for name in _imports(path, tree) if name.split(".")[0] == "duckdb"]
    assert not found, "SQL outside claimgraph/store/:\n" + "\n".join(found)


def test_the_store_imports_no_stage():
    found = []
    for path, tree in _modules(STORE, outside_store=False):
        for name in _imports(path, tree):
            if (
                name.startswith("claimgraph.")
                and not name.startswith("claimgraph.store")
                and not any(name == allowed or name.startswith(allowed + ".") for allowed in STORE_MAY_IMPORT)
            ):
                found.append(f"{path.relative_to(PACKAGE)}: imports {name}")
    assert not found, "\n".join(found)


def test_the_checks_see_what_they_look_for():
    """The checks find SQL and stage imports where there are some (the store itself has both)."""
    calls = [
        node
        for _, tree in _modules(STORE, outside_store=False)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and SQL_CALL.match(node.func.attr)
    ]
    assert len(calls) > 50
    tree = ast.parse("from ..events.clusters import EventReport\n")
    assert _imports(STORE / "store.py", tree) == ["claimgraph.events.clusters"]
