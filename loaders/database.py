"""Open the DuckDB database and apply the public schema (loaders/schema.sql)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from loaders.errors import LoaderError

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = Path(__file__).resolve().parent / "schema.sql"
DEFAULT_DB = ROOT / "data" / "painel.duckdb"
# Rows per row group in the tables a load writes. DuckDB runs one thread per row group, and its default (122,880)
# leaves a city's 100k processes in one group, read by one core; 16,384 lets both cores share every table.
ROW_GROUP_SIZE = 16_384
CHECKPOINT_THRESHOLD = "1MB"
CATALOG = "painel"  # the name the database file is attached under


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
        con = _open(path, read_only)
    except duckdb.IOException as error:
        raise LoaderError(
            f"{path}: cannot open the database ({error}). If the dashboard or another load is using it, stop that "
            "process first, or choose another file with --db."
        ) from error
    # Bounded memory: DuckDB otherwise caches up to 80% of RAM; large loads spill to disk instead.
    con.execute("SET memory_limit = ?", [os.environ.get("PAINEL_DUCKDB_MEMORY", "1GB")])
    if not read_only:
        # A commit that writes more than this checkpoints at once instead of writing its changes to the WAL first,
        # which the close then copies into the file again: a 1% load at 100k processes wrote a 46 MB WAL, 0.15 s.
        con.execute("SET checkpoint_threshold = ?", [CHECKPOINT_THRESHOLD])
        con.execute(SCHEMA.read_text(encoding="utf-8"))
    return con


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Attach the file, the one way to set its row group size (the attached file becomes the default catalog, but
    not that of the connection's cursors: see cursor()). A writer writes row groups of that size. A reader needs it
    too: DuckDB gives a table scan one thread per row group of the catalog's size, and with its default (122,880)
    the 100k-row tables of a city's 100k processes were scanned on one core (the processes, the stored filter
    steps). At 100k processes, reading every compiled release took 0.43 s instead of 0.24, and BR03 36 ms
    instead of 25."""
    con = duckdb.connect()
    options = f"READ_ONLY, ROW_GROUP_SIZE {ROW_GROUP_SIZE}" if read_only else f"ROW_GROUP_SIZE {ROW_GROUP_SIZE}"
    try:
        con.execute(f"ATTACH ? AS {CATALOG} ({options})", [str(path)])
    except duckdb.Error:
        con.close()
        raise
    con.execute(f"USE {CATALOG}")
    if not read_only:
        # Spill beside the file, as DuckDB does for a database it opens itself (in memory it would use ./.tmp).
        con.execute("SET temp_directory = ?", [f"{path}.tmp"])
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of a connection from connect(), on the database file (a cursor starts on the in-memory catalog)."""
    new = con.cursor()
    new.execute(f"USE {CATALOG}")
    return new


def run_on_arrow(con: duckdb.DuckDBPyConnection, staging, *statements: str, parameters: dict | None = None) -> None:
    """Run statements that read the Arrow table (or stream) `staging` by that name, through DuckDB's scan of a
    Python variable. Not con.register(): a load is one transaction, and a registered object stays alive until the
    transaction ends, even unregistered, so every batch a load stages would stay in memory (the 1M load's leaves:
    7.8 GiB peak)."""
    for statement in statements:
        con.execute(statement, parameters)
