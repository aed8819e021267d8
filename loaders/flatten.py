"""Flatten compiled releases into the rows of the public tables (processes, awards, contracts, ...).

The flattening is SQL (loaders/flatten.sql, whose header lists the rules), run by DuckDB on the JSON texts of
`compiled_releases`: no Python object per release.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import duckdb

SQL = Path(__file__).resolve().parent / "flatten.sql"
DEFAULT_SECRETARIAT_RULES = ("procuringEntity", "buyerUnit", "buyer")


def secretariat_rules() -> list[str]:
    """The order of the secretariat rules: PAINEL_SECRETARIAT_RULES (comma-separated) when set, else the default."""
    configured = os.environ.get("PAINEL_SECRETARIAT_RULES")
    if not configured:
        return list(DEFAULT_SECRETARIAT_RULES)
    return [rule.strip() for rule in configured.split(",") if rule.strip()]


@cache
def script() -> str:
    return SQL.read_text(encoding="utf-8")


def flatten_touched(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the flat tables from the compiled releases of the ocids in the TEMP table `touched` (whose rows the
    caller has deleted from them)."""
    con.execute("SET VARIABLE secretariat_rules = ?::VARCHAR[]", [secretariat_rules()])
    con.execute(script())
