"""Open the DuckDB database and apply the public schema (loaders/schema.sql)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from loaders.errors import LoaderError

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = Path(__file__).resolve().parent / "schema.sql"
DEFAULT_DB = ROOT / "data" / "painel.duckdb"


def default_db_path() -> Path:
    """The database file: $PAINEL_DB when set, else data/painel.duckdb in the repository."""
    return Path(os.environ.get("PAINEL_DB") or DEFAULT_DB)


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Connect to the database file (created with its schema when writable)."""
    path = Path(path) if path else default_db_path()
    if read_only and not path.exists():
        raise LoaderError(f"{path}: no database yet. Load data first: python -m loaders load SOURCE --db {path}")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        raise LoaderError(
            f"{path}: cannot open the database ({error}). If the dashboard or another load is using it, stop that "
            "process first, or choose another file with --db."
        ) from error
    # Bounded memory: DuckDB otherwise caches up to 80% of RAM; large loads spill to disk instead.
    con.execute("SET memory_limit = ?", [os.environ.get("PAINEL_DUCKDB_MEMORY", "1GB")])
    if not read_only:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
    return con
