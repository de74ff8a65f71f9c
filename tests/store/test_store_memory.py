"""The DuckDB memory cap of a store: bounds DuckDB's page cache, yet leaves room for the single large
allocations of a run's after-run steps (a 512 MB cap failed a 10k-document run: docs/scaling.md)."""

from __future__ import annotations

import os

import duckdb

from claimgraph.store import Store
from claimgraph.store import store as store_module


def test_store_opens_duckdb_with_the_memory_cap(tmp_path):
    with Store(tmp_path / "cap.duckdb") as store:
        setting = store.query("SELECT current_setting('memory_limit') AS m")[0]["m"]
    expected = (
        duckdb.connect(config={"memory_limit": store_module.MEMORY_LIMIT})
        .execute("SELECT current_setting('memory_limit')")
        .fetchone()[0]
    )
    assert setting == expected


def test_memory_cap_is_a_quarter_of_ram_and_at_least_one_gib():
    physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    assert store_module.MEMORY_LIMIT.endswith("MiB")
    cap = int(store_module.MEMORY_LIMIT.removesuffix("MiB")) * 2**20
    assert cap >= 2**30
    assert abs(cap - max(2**30, physical // 4)) < 2**20
