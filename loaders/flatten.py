"""Flatten compiled releases into the rows of the public tables (processes, awards, contracts, ...).

Two steps: the leaves the rules read are taken from each compiled release once, into the leaf tables `leaf_*`
(natively, native/painel_merge/src/leaves.rs, where the library is built, as Arrow tables; else loaders/leaves.sql,
the same tables in SQL, as TEMP tables); then loaders/flatten.sql (whose header lists the rules) fills the flat
tables from them. loaders/derived.sql reads the same leaf tables after it (both through `Leaves.execute`), and
`Leaves.drop` lets them go.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa

from loaders import native

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

# Each touched ocid's publisher: of its merged release, the last one its releases' sources name (load order); of a
# published compiled release, its source's. flatten.sql reads it per chunk: joined there, every chunk read every
# release (at a million processes, 0.45 s a chunk).
TOUCHED_PUBLISHERS = """
CREATE OR REPLACE TEMP TABLE touched_publishers AS
SELECT ocid, any_value(merged) AS merged, any_value(published) AS published
FROM (
    SELECT r.ocid, arg_max(s.publisher, r.seq) FILTER (WHERE s.publisher <> '') AS merged, NULL AS published
    FROM releases AS r JOIN touched USING (ocid) JOIN sources AS s USING (source_id)
    GROUP BY r.ocid
    UNION ALL
    SELECT c.ocid, NULL, s.publisher
    FROM published_compiled_releases AS c JOIN touched USING (ocid) JOIN sources AS s USING (source_id)
)
GROUP BY ocid
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


class Leaves:
    """The leaf tables of the touched compiled releases, which SQL run through `execute` reads by their names: Arrow
    tables from the native library, scanned where they are, or TEMP tables loaders/leaves.sql made.

    Not copied into TEMP tables: at 100k processes the copy took 0.86 s, and a TEMP table keeps up to 122,880 rows in
    one row group (the database's 16,384 applies to its file only), which DuckDB scans on one core; the flatten and
    derive SQL ran 2.1 s longer than on the Arrow tables, which it scans batch by batch on both."""

    def __init__(self, tables: dict[str, pa.Table] | None = None):
        self.tables = tables or {}

    def execute(self, con: duckdb.DuckDBPyConnection, *statements: str) -> duckdb.DuckDBPyConnection:
        """Run the statements, then return the connection (to fetch the last one's result)."""
        # Read, not unused: DuckDB looks a table its catalog lacks up among the locals of the function that runs the
        # statement, by name. Not con.register(): the load's transaction would keep every chunk's leaves alive.
        leaf_release, leaf_party, leaf_reference, leaf_award, leaf_contract, leaf_transaction, leaf_bid, leaf_item = (  # noqa: RUF059
            self.tables.get(name) for name in LEAF_TABLES
        )
        for statement in statements:
            con.execute(statement)
        return con

    def drop(self, con: duckdb.DuckDBPyConnection) -> None:
        """Let the leaf tables go once derived.sql has read them: a load is one transaction, and each chunk of a
        large one has its own."""
        self.tables.clear()
        for name in LEAF_TABLES:
            con.execute(f"DROP TABLE IF EXISTS {name}")


@contextmanager
def publishers_noted(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Note the publisher of every ocid in `touched`, for flatten_touched, before it is cut into chunks."""
    con.execute(TOUCHED_PUBLISHERS)
    yield
    con.execute("DROP TABLE touched_publishers")


def flatten_touched(con: duckdb.DuckDBPyConnection) -> Leaves:
    """Fill the flat tables from the compiled releases of the ocids in the TEMP table `touched` (whose rows the
    caller has deleted from them), within `publishers_noted`; return the leaf tables, for loaders/derived.sql."""
    con.execute("SET VARIABLE secretariat_rules = ?::VARCHAR[]", [secretariat_rules()])
    leaves = make_leaves(con)
    leaves.execute(con, script())
    return leaves


def make_leaves(con: duckdb.DuckDBPyConnection, use_native: bool | None = None) -> Leaves:
    """The leaf tables of the touched compiled releases: native unless the library is missing (or `use_native` is
    False), or a compiled release is JSON the strict parser refuses (e.g. published with NaN). An empty stream gives
    no native tables: the SQL then makes them empty, at no cost."""
    if native.available() if use_native is None else use_native:
        try:
            tables = native_leaves(con)
            if len(tables) == len(LEAF_TABLES):
                return Leaves(tables)
        except native.MalformedCompiled:
            pass  # leaves.sql reads what DuckDB's parser accepts
    con.execute(script(LEAVES_SQL))
    return Leaves()


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
