"""The whole database as downloads: the DuckDB file itself, and every public table as Parquet in one zip."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path

from ui import db


def public_tables() -> list[str]:
    """The tables of the public schema, in the order loaders/schema.sql (the contract) creates them."""
    from loaders.database import SCHEMA

    return re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", SCHEMA.read_text(encoding="utf-8"))


def duckdb_bytes() -> bytes:
    return db.database_path().read_bytes()


def parquet_zip() -> bytes:
    """One Parquet file per table, written by DuckDB's relational API (no SQL text), zipped."""
    from loaders.database import cursor as new_cursor

    cursor = new_cursor(db.connection())
    buffer = io.BytesIO()
    try:
        with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for table in public_tables():
                path = Path(folder) / f"{table}.parquet"
                cursor.table(table).to_parquet(str(path))
                archive.write(path, arcname=path.name)
    finally:
        cursor.close()
    return buffer.getvalue()
