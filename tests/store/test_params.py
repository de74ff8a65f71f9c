"""Lists passed to queries as one JSON text (store/params.py): the values DuckDB reads back are the
ones given, strings of any characters and doubles to the last bit."""

from __future__ import annotations

from claimgraph.store import Store
from claimgraph.store.params import as_json, unnest, unnested

AWKWARD = ["plain", 'a "quoted", comma', "[bracket]", "back\\slash", "Dari: کابل", "tab\there", "", "{}"]


def test_strings_and_doubles_come_back_as_given(tmp_path):
    doubles = [0.1, 1 / 3, -2.5e-300, 1e300, 0.42 + 1e-16]
    with Store(tmp_path / "p.duckdb") as store:
        got = store.query(f"SELECT {unnest('s')} AS s", {"s": as_json(AWKWARD)})
        assert [r["s"] for r in got] == AWKWARD
        got = store.query(f"SELECT {unnest('d', 'DOUBLE')} AS d", {"d": as_json(doubles)})
        assert [r["d"] for r in got] == doubles
        found = store.query(
            f"SELECT x FROM (SELECT unnest(['{{}}', 'absent', 'plain']) AS x) WHERE x IN {unnested('ids')} ORDER BY x",
            {"ids": as_json(AWKWARD)},
        )
        assert [r["x"] for r in found] == ["plain", "{}"]


def test_an_empty_list_matches_nothing(tmp_path):
    with Store(tmp_path / "p.duckdb") as store:
        assert store.query(f"SELECT 1 AS one WHERE 'a' IN {unnested('ids')}", {"ids": as_json([])}) == []
