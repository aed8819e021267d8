"""Refresh what a load derives from the flat tables and the JSON: the per-process tables parsed once at load time
(derived.sql, only the touched ocids) and the columns and tables that span processes (postprocess.sql)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb

from loaders import flatten

HERE = Path(__file__).resolve().parent
DERIVED_SQL = HERE / "derived.sql"
FIRST_VALUES_SQL = HERE / "first_values.sql"
SQL = HERE / "postprocess.sql"
REFRESH_MEMORY = "2.5GB"
# The organizations of the touched ocids before their flat rows are deleted: the refresh recomputes these as well as
# the ones they have after the load (an organization a process no longer names must lose it from its count).
REMEMBER_ORGANIZATIONS = """
CREATE OR REPLACE TEMP TABLE parties_before AS SELECT org_id, ocid FROM parties WHERE ocid IN (SELECT ocid FROM touched)
"""


@cache
def statements(path: Path) -> tuple[str, ...]:
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("--"))
    return tuple(s.strip() for s in text.split(";") if s.strip())


def remember_organizations(con: duckdb.DuckDBPyConnection) -> None:
    """Note the organizations of the ocids in `touched` before the load deletes their flat rows."""
    con.execute(REMEMBER_ORGANIZATIONS)


def derive(con: duckdb.DuckDBPyConnection, leaves: flatten.Leaves) -> None:
    """The per-process tables of the ocids in `touched` (the loader may call this once per chunk of them), from the
    leaf tables loaders/flatten.py made for them, which are then let go."""
    leaves.execute(con, *statements(DERIVED_SQL))
    leaves.drop(con)


def first_values(con: duckdb.DuckDBPyConnection) -> None:
    """Each contract's first published value (contract_first_values) for every ocid in `touched`, in one pass."""
    _run(con, FIRST_VALUES_SQL)


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """The columns and tables that span processes, once the flat and per-process tables are complete (the touched
    ocids' organizations: those they have now, and those `remember_organizations` noted before). Run it with
    `more_memory`."""
    _run(con, SQL)


@contextmanager
def more_memory(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Raise DuckDB's memory limit for the refresh and the metrics' stored steps (metrics/stored.py), then restore
    it: the refresh's `mode(... ORDER BY ...)` and `count(DISTINCT ...)` over every party, and the joins of every
    award with its suppliers, cannot spill to disk, and at a million processes they need more than the loader's
    usual 1 GB."""
    ((usual,),) = con.execute("SELECT current_setting('memory_limit')").fetchall()
    con.execute("SET memory_limit = ?", [REFRESH_MEMORY])
    try:
        yield
    finally:
        con.execute("SET memory_limit = ?", [usual])


def _run(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    for statement in statements(path):
        con.execute(statement)
