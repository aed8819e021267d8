"""All red flags together, in the JSON shape of Cardinal's `indicators` command.

    {"OCID": {ocid: {code: value}}, "Buyer": {...}, "ProcuringEntity": {...}, "Tenderer": {...}}

Only flagged subjects appear, and a group with none is left out, as in Cardinal's output with --no-meta.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from metrics import registry
from metrics.runner import LOOKUP_DIR, bind_many, execute, prepare_metrics, read_sql, run_many
from metrics.settings import load_settings, settings_path_from_env

GROUPS = ("OCID", "Buyer", "ProcuringEntity", "Tenderer")
FOUND_FLAGS = 'CREATE OR REPLACE TEMP TABLE found_flags (indicator VARCHAR, "group" VARCHAR, id VARCHAR)'


def enabled_flags(settings_file: str | Path | None) -> list[str]:
    """With a settings file, the indicators it has a section for (as in Cardinal); without one, all of them."""
    codes = [metric.id for metric in registry.METRICS.values() if metric.theme == "red_flags"]
    if settings_file is None:
        return codes
    enabled = load_settings(Path(settings_file)).indicators
    return [code for code in codes if code.upper() in enabled]


def indicators(con, settings_file: str | Path | None = None, **filters) -> dict:
    settings_file = settings_file or settings_path_from_env()
    codes = enabled_flags(settings_file)
    params = {**filters, "settings": str(settings_file) if settings_file else None}
    results: dict[str, dict] = {group: {} for group in GROUPS}
    for code, frame in run_many(codes, con, **params).items():
        for group, subject, value in frame[["group", "id", "value"]].itertuples(index=False):
            results[group].setdefault(str(subject), {})[code.upper()] = float(value)
    return {group: subjects for group, subjects in results.items() if subjects}


def flag_counts(con, dimension: str | None = None, **filters) -> pd.DataFrame:
    """Every red flag for these filters counted by indicator, secretariat and supplier (lookups/flag_counts.sql):
    columns dimension, name, flags, processes. With a `dimension`, only that count; by secretariat or supplier,
    only the indicators that flag processes run.

    The flags are gathered in DuckDB (the TEMP table found_flags), not in pandas: each indicator's SQL runs as a
    subquery of one INSERT, on the tables the indicators share, filtered once."""
    by_process = dimension in ("secretariat", "supplier")
    codes = [
        metric.id
        for metric in registry.METRICS.values()
        if metric.theme == "red_flags" and ("OCID" in metric.subjects or not by_process)
    ]
    counting = read_sql(LOOKUP_DIR / "flag_counts.sql")
    values = gather_flags(con, codes, filters, counting, {"dimension": dimension})
    return execute(con, counting, values, "Lookup 'flag_counts' (flag_counts.sql)").df()


def process_flags(con, ocid: str, **filters) -> pd.DataFrame:
    """The indicators that flag one process (column indicator), among the flags of these filters. Only the rows of
    this process leave DuckDB (and its filter reaches into indicators that group by process), not every flag."""
    codes = [
        metric.id for metric in registry.METRICS.values() if metric.theme == "red_flags" and "OCID" in metric.subjects
    ]
    gather_flags(con, codes, filters, "", {"found_ocid": ocid})
    return execute(
        con, "SELECT DISTINCT indicator FROM found_flags ORDER BY indicator", {}, "Lookup 'process_flags'"
    ).df()


def gather_flags(con, codes: list[str], filters: dict, reader_sql: str, extra: dict) -> dict:
    """Fill the TEMP table found_flags with the flags of `codes` for these filters (with the value `found_ocid` in
    `extra`, only that process's), each indicator's SQL a subquery of one INSERT, on the prepared tables the
    indicators and `reader_sql` share, filtered once. Returns the bound values."""
    sqls, values = bind_many(codes, {name: value for name, value in filters.items() if value is not None})
    values.update(extra)
    prepare_metrics(con, "\n".join([*sqls.values(), reader_sql]), values)
    execute(con, FOUND_FLAGS, {}, "Red flags").fetchall()
    only_process = " WHERE \"group\" = 'OCID' AND id = $found_ocid" if "found_ocid" in extra else ""
    for code, sql in sqls.items():
        subquery = sql.rstrip().rstrip(";")
        gather = f'INSERT INTO found_flags SELECT $found_indicator, "group", id FROM ({subquery}){only_process}'
        execute(con, gather, {**values, "found_indicator": code}, f"Metric {code!r} ({code}.sql)").fetchall()
    return values
