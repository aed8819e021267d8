"""Flatten compiled releases into the rows of the public tables (processes, awards, contracts, ...).

Two steps: the leaves the rules read are taken from each compiled release once, into TEMP tables `leaf_*` (natively,
native/painel_merge/src/leaves.rs, where the library is built; else loaders/leaves.sql, the same tables in SQL);
then loaders/flatten.sql (whose header lists the rules) fills the flat tables from them. loaders/derived.sql reads
the same leaf tables after it; drop_leaves() drops them.
"""

from __future__ import annotations

import os
from collections import defaultdict
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa

from loaders import native
from loaders.database import run_on_arrow

HERE = Path(__file__).resolve().parent
SQL = HERE / "flatten.sql"
LEAVES_SQL = HERE / "leaves.sql"
DEFAULT_SECRETARIAT_RULES = ("procuringEntity", "buyerUnit", "buyer")
LEAF_BATCH = 5_000  # compiled releases per native call at most: small enough that two threads share the work evenly
# The leaf tables, as leaves.rs and leaves.sql make them.
LEAF_TABLES = (
    "leaf_release",
    "leaf_party",
    "leaf_reference",
    "leaf_award",
    "leaf_contract",
    "leaf_transaction",
    "leaf_bid",
    "leaf_item",
)

TOUCHED_COMPILED = """
SELECT ocid, origin, data::VARCHAR AS data FROM compiled_releases
-- Chosen by row id: a join on ocid would decompress the JSON of every compiled release, touched or not.
WHERE rowid IN (SELECT k.rowid FROM compiled_releases AS k INNER JOIN touched USING (ocid))
"""


def secretariat_rules() -> list[str]:
    """The order of the secretariat rules: PAINEL_SECRETARIAT_RULES (comma-separated) when set, else the default."""
    configured = os.environ.get("PAINEL_SECRETARIAT_RULES")
    if not configured:
        return list(DEFAULT_SECRETARIAT_RULES)
    return [rule.strip() for rule in configured.split(",") if rule.strip()]


@cache
def script(path: Path = SQL) -> str:
    return path.read_text(encoding="utf-8")


def flatten_touched(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the flat tables from the compiled releases of the ocids in the TEMP table `touched` (whose rows the
    caller has deleted from them), leaving the leaf tables for loaders/derived.sql."""
    con.execute("SET VARIABLE secretariat_rules = ?::VARCHAR[]", [secretariat_rules()])
    make_leaves(con)
    con.execute(script())


def make_leaves(con: duckdb.DuckDBPyConnection, use_native: bool | None = None) -> None:
    """The TEMP leaf tables of the touched compiled releases: native unless the library is missing (or
    `use_native` is False), or a compiled release is JSON the strict parser refuses (e.g. published with NaN)."""
    if native.available() if use_native is None else use_native:
        try:
            store_leaves(con, native_leaves(con))
            return
        except native.MalformedCompiled:
            pass  # leaves.sql reads what DuckDB's parser accepts
    con.execute(script(LEAVES_SQL))


def native_leaves(con: duckdb.DuckDBPyConnection) -> dict[str, pa.Table]:
    """The leaf tables, extracted on both cores from a stream of the touched compiled releases."""
    ((touched,),) = con.execute("SELECT count(*) FROM touched").fetchall()
    stream = con.sql(TOUCHED_COMPILED).to_arrow_reader(native.batch_rows(touched, LEAF_BATCH))
    parts: dict[str, list[pa.Table]] = defaultdict(list)
    try:
        for tables in native.in_order(batch_leaves, stream):  # a few batches of texts in memory at once
            for name, table in tables.items():
                parts[name].append(table)
    finally:
        stream.close()  # the connection answers no other statement while its stream is open
    return {name: pa.concat_tables(parts[name]) for name in native.leaf_schema() if parts[name]}


def batch_leaves(batch: pa.RecordBatch) -> dict[str, pa.Table]:
    """One batch's leaf tables, each row's release index replaced by its ocid (and, for leaf_release, origin)."""
    tables = native.extract_leaves(batch.column("data"))
    ocids = batch.column("ocid")
    for name, table in tables.items():
        releases = table.column("release")
        table = table.set_column(0, "ocid", ocids.take(releases))
        if name == "leaf_release":
            table = table.add_column(1, "origin", batch.column("origin").take(releases))
        tables[name] = table
    return tables


def store_leaves(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """Copy the native leaf tables into TEMP tables (an empty stream gives none: make them empty in SQL), which
    DuckDB spills to disk beyond its memory limit; each Arrow table goes as soon as it is copied."""
    if len(tables) < len(native.leaf_schema()):
        con.execute(script(LEAVES_SQL))  # nothing touched: the SQL makes the (empty) tables at no cost
        return
    ((preserve_order,),) = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()
    con.execute("SET preserve_insertion_order = false")  # rows are read by position, never in table order
    try:
        for name in list(tables):
            run_on_arrow(con, tables.pop(name), f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM staging")
    finally:
        con.execute("SET preserve_insertion_order = ?", [preserve_order])


def drop_leaves(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the TEMP leaf tables once derived.sql has read them."""
    for name in LEAF_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {name}")
