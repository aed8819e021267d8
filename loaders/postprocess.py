"""Refresh what a load derives from the flat tables and the JSON: the per-process tables parsed once at load time
(derived.sql, only the touched ocids) and the columns and tables that span processes (postprocess.sql)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
DERIVED_SQL = HERE / "derived.sql"
SQL = HERE / "postprocess.sql"


@cache
def statements(path: Path) -> tuple[str, ...]:
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("--"))
    return tuple(s.strip() for s in text.split(";") if s.strip())


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    for path in (DERIVED_SQL, SQL):
        for statement in statements(path):
            con.execute(statement)
