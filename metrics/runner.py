"""Run a metric or lookup: check its parameters, build the filtered TEMP tables it reads, execute its SQL file.

Values reach SQL only as bound parameters; the only text put together here is SQL read from this package's files.
"""

from __future__ import annotations

import importlib
import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from metrics import registry, stored
from metrics.errors import MetricError, ParameterError, UnknownMetricError
from metrics.lookups_catalog import LOOKUPS

if TYPE_CHECKING:
    import pandas as pd

SQL_DIR = Path(__file__).parent / "sql"
LOOKUP_DIR = Path(__file__).parent / "lookups"
PREPARE_DIR = SQL_DIR / "_prepare"
# TEMP tables (and table macros over them) built before a metric, in dependency order; only those its SQL names are
# built. Each is metrics/sql/_prepare/<name>.sql.
PREPARED_TABLES = (
    "filtered_processes",
    "grouped_processes",
    "award_lines",
    "contract_lines",
    "supplier_lines",
    "awarded_by_supplier",
    "field_counts",
    "flag_base",
    "flag_processes",
    "flag_bids",
    "flag_awards",
    "bid_ratios",
)
DEPENDS_ON = {
    "grouped_processes": ("filtered_processes",),
    "award_lines": ("filtered_processes",),
    "contract_lines": ("filtered_processes",),
    "supplier_lines": ("award_lines",),
    "awarded_by_supplier": ("award_lines",),
    "field_counts": ("filtered_processes",),
    "flag_base": ("filtered_processes",),
    "flag_processes": ("flag_base",),
    "flag_bids": ("flag_processes",),
    "flag_awards": ("flag_processes",),
    "bid_ratios": ("flag_bids", "flag_awards"),
}
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
FILTERS_SQL = PREPARE_DIR / "filtered_processes.sql"  # its parameters are the filters every metric shares
# Values the runner binds itself, besides a metric's parameters and settings: every_process (BOOLEAN) is true when no
# filter is set, so `filtered_processes` holds every process and a metric may skip joining it.
RUNNER_VALUES = ("every_process",)
# What changes when data is loaded: prepared tables built under another version are rebuilt.
DATA_VERSION = "SELECT CAST(MAX(fetched_at) AS VARCHAR), COUNT(*), (SELECT COUNT(*) FROM processes) FROM sources"


@cache
def read_sql(path: Path) -> str:
    if not path.exists():
        raise MetricError(f"SQL file {path} is missing; every metric needs metrics/sql/<metric_id>.sql.")
    return path.read_text(encoding="utf-8")


def sql_path(metric_id: str) -> Path:
    return SQL_DIR / f"{metric_id}.sql"


def execute(con: duckdb.DuckDBPyConnection, sql: str, values: dict, where: str):
    """Execute with exactly the parameters the SQL names (DuckDB rejects extra ones)."""
    bound = {name: values.get(name) for name in set(PARAMETER.findall(sql))}
    try:
        return con.execute(sql, bound)
    except duckdb.CatalogException as error:
        raise MetricError(
            f"{where} needs a table the database lacks ({error}). Load data first: `python -m loaders load ...`."
        ) from None
    except duckdb.Error as error:
        raise MetricError(f"{where} failed: {error}") from None


def needed_tables(sql: str) -> list[str]:
    """The prepared tables a SQL text reads, with those they depend on, in build order."""
    needed = {table for table in PREPARED_TABLES if re.search(rf"\b{table}\b", sql)}
    for table in PREPARED_TABLES[::-1]:
        if table in needed:
            needed.update(DEPENDS_ON.get(table, ()))
    return [table for table in PREPARED_TABLES if table in needed]


def prepare(con: duckdb.DuckDBPyConnection, sql: str, values: dict) -> None:
    """Build the TEMP tables the SQL reads; a table already built on this connection for the same data version and
    the same parameter values (its own and its dependencies') is reused, so a page's metrics filter once. A step
    the database stores (metrics/stored.py) is a TEMP view of the stored rows when its parameter values, and those
    of the steps it reads, are the ones it was stored with (no filter set). Callers go through prepare_metrics,
    which unsets a publisher filter that keeps every process first."""
    execute(con, "CREATE TEMP TABLE IF NOT EXISTS metric_prepared (name VARCHAR PRIMARY KEY, key VARCHAR)", {}, "")
    built = dict(con.execute("SELECT name, key FROM metric_prepared").fetchall())
    if "macros" not in built:  # once per connection: TEMP macros live as long as the TEMP tables noted here
        execute(con, read_sql(PREPARE_DIR / "macros.sql"), values, "Macros")
        built["macros"] = _note(con, "macros", "")
    version = execute(con, DATA_VERSION, {}, "Data version").fetchone()
    if "stored" not in built or json.loads(built["stored"])[0] != list(version):
        built["stored"] = _note(con, "stored", json.dumps([version, stored.recorded(con)], default=str))
    stored_with = json.loads(built["stored"])[1]  # stored step -> the parameter values it was stored with
    keys: dict[str, str] = {}
    from_store: set[str] = set()  # the steps read from their stored copy: as stored, as is all they read
    for table in needed_tables(sql):
        table_sql = read_sql(PREPARE_DIR / f"{table}.sql")
        own = {name: values.get(name) for name in sorted(set(PARAMETER.findall(table_sql)))}
        needs = DEPENDS_ON.get(table, ())
        as_stored = stored_with.get(table) == stored.parameters_key(own)
        if as_stored and all(step in from_store for step in needs):
            from_store.add(table)
        dependencies = [keys[dependency] for dependency in needs]
        kind = STORED_KEY if table in from_store else ""
        keys[table] = json.dumps([kind, version, own, dependencies], default=str, sort_keys=True)
        if built.get(table) == keys[table]:
            continue
        drop_temp(con, table)
        if table in from_store:
            execute(con, f"CREATE OR REPLACE TEMP VIEW {table} AS FROM stored_{table}", {}, f"Stored step {table}")
        else:
            execute(con, table_sql, values, f"Filter step {table}")
        _note(con, table, keys[table])


def prepare_metrics(con: duckdb.DuckDBPyConnection, sql: str, values: dict) -> None:
    """prepare() for metrics about to run on `values`, which then also hold $every_process (RUNNER_VALUES): whether
    no filter is set, a publisher filter that keeps every process counting as none, so that `filtered_processes`
    holds every process. The database is asked about the publisher here only, once per run."""
    filters = without_a_filter_that_keeps_all(con, values)
    values["every_process"] = every_process(filters)
    prepare(con, sql, filters)


def every_process(filters: dict) -> bool:
    """Whether these filter values (without_a_filter_that_keeps_all applied) set no filter."""
    return all(filters.get(name) is None for name in PARAMETER.findall(read_sql(FILTERS_SQL)))


def without_a_filter_that_keeps_all(con: duckdb.DuckDBPyConnection, values: dict) -> dict:
    """The values with the publisher filter unset when it names the database's only publisher: it keeps every
    process, and unset it lets the steps the load stored be read instead of built (a city's database has one
    publisher, and the process page asks for the flags of the process's publisher: 5 s at a million processes)."""
    if values.get("publisher") is None:
        return values
    ((keeps_all,),) = execute(con, ONLY_PUBLISHER, {"publisher": values["publisher"]}, "Publishers").fetchall()
    return {**values, "publisher": None} if keeps_all else values


ONLY_PUBLISHER = "SELECT count(*) = 1 AND bool_and(publisher = $publisher) FROM publishers"
STORED_KEY = "stored"  # first item of the key of a step read from its stored copy (a view, not a table)


def drop_temp(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop the TEMP table or view of this name, if any: neither can replace the other."""
    for (kind,) in con.execute(TEMP_KIND, [name, name]).fetchall():
        con.execute(f"DROP {kind} temp.{name}")


TEMP_KIND = """
SELECT 'VIEW' FROM duckdb_views() WHERE temporary AND view_name = ?
UNION ALL SELECT 'TABLE' FROM duckdb_tables() WHERE temporary AND table_name = ?
"""


def _note(con: duckdb.DuckDBPyConnection, name: str, key: str) -> str:
    con.execute("INSERT OR REPLACE INTO metric_prepared VALUES (?, ?)", [name, key])
    return key


def run_metric(metric_id: str, con: duckdb.DuckDBPyConnection, **params) -> pd.DataFrame:
    metric = registry.get(metric_id)
    values = metric.bind(params)
    values.update(extra_values(metric, values))
    sql = read_sql(sql_path(metric_id))
    prepare_metrics(con, sql, values)
    return execute(con, sql, values, f"Metric {metric_id!r} ({sql_path(metric_id).name})").df()


def run_many(metric_ids: list[str], con: duckdb.DuckDBPyConnection, **params) -> dict[str, pd.DataFrame]:
    """Run several metrics on the same filters, building the shared TEMP tables once (e.g. all red flags)."""
    sqls, values = bind_many(metric_ids, params)
    prepare_metrics(con, "\n".join(sqls.values()), values)
    return {
        metric_id: execute(con, sql, values, f"Metric {metric_id!r} ({sql_path(metric_id).name})").df()
        for metric_id, sql in sqls.items()
    }


def bind_many(metric_ids: list[str], params: dict) -> tuple[dict[str, str], dict]:
    """The SQL of each metric and the values they bind together; each metric takes only its own parameters."""
    chosen = [registry.get(metric_id) for metric_id in metric_ids]
    known = {name for metric in chosen for name in metric.all_params()}
    if chosen and set(params) - known:
        raise ParameterError(f"No metric here has parameter(s) {sorted(set(params) - known)}; known: {sorted(known)}.")
    values: dict = {}
    for metric in chosen:
        bound = metric.bind({key: value for key, value in params.items() if key in metric.all_params()})
        values.update(bound)
        values.update(extra_values(metric, bound))
    return {metric.id: read_sql(sql_path(metric.id)) for metric in chosen}, values


def extra_values(metric: registry.Metric, values: dict) -> dict:
    """Values some metrics bind besides their parameters (e.g. red-flag settings), computed in Python."""
    if "local_municipalities" in values and not values["local_municipalities"]:
        from metrics.city import local_municipalities

        return {"local_municipalities": local_municipalities()}
    if metric.theme == "red_flags":
        from metrics.settings import flag_values

        return flag_values(metric.id, values)
    return {}


def run_lookup(name: str, con: duckdb.DuckDBPyConnection, **params) -> pd.DataFrame:
    try:
        lookup = LOOKUPS[name]
    except KeyError:
        raise UnknownMetricError(f"Unknown lookup {name!r}; the lookups are: {', '.join(LOOKUPS)}.") from None
    values = lookup.bind(params)
    if lookup.function:
        module, function = lookup.function.split(":")
        return getattr(importlib.import_module(module), function)(con, **values)
    sql_file = LOOKUP_DIR / f"{lookup.sql_name(values)}.sql"
    sql = read_sql(sql_file)
    return execute(con, sql, values, f"Lookup {name!r} ({sql_file.name})").df()
