"""Refresh the derived columns and tables that span processes (see postprocess.sql)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

SQL = Path(__file__).resolve().parent / "postprocess.sql"


@cache
def statements() -> tuple[str, ...]:
    text = "\n".join(line for line in SQL.read_text(encoding="utf-8").splitlines() if not line.startswith("--"))
    return tuple(s.strip() for s in text.split(";") if s.strip())


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    for statement in statements():
        con.execute(statement)
