"""The dashboard's way to the data: one cached read-only DuckDB connection, cached metric results.

`st.cache_resource` keeps the connection (opened once per database file and version). Metrics and lookups run on
one cursor of it, behind a lock: a DuckDB connection must not be used by two of Streamlit's session threads at
once, and one cursor lets the metric runner reuse the filtered tables it prepared for the same filters (a first
query at 100k processes prepares them in about a second; the next ones on the same filters take milliseconds).
`st.cache_data` keeps metric results keyed by metric id, parameters and the data version, so loading new data
(which rewrites the file) clears them.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st


def database_path() -> Path:
    """Where the dashboard reads its data: env PAINEL_DB, else data/painel.duckdb (the loader's default)."""
    from loaders.database import default_db_path

    return default_db_path()


def data_version(path: Path | None = None) -> str:
    """Changes whenever a load rewrites the database file (its modification time and size)."""
    path = path or database_path()
    stat = path.stat()
    return f"{stat.st_mtime_ns}-{stat.st_size}"


@st.cache_resource(show_spinner=False)
def _connection(path: str, version: str):
    from loaders.database import connect

    return connect(path, read_only=True)


def connection():
    path = database_path()
    return _connection(str(path), data_version(path))


@st.cache_resource(show_spinner=False)
def _query_cursor(path: str, version: str):
    from loaders.database import cursor

    return cursor(_connection(path, version)), threading.Lock()


def query_cursor():
    """(cursor, lock): the one cursor metrics and lookups run on; hold the lock while using it."""
    path = database_path()
    return _query_cursor(str(path), data_version(path))


def _clean(params: dict) -> dict:
    """Drop unset filters so the cache key and the metric call only carry what the reader chose."""
    return {name: value for name, value in params.items() if value not in (None, "", [], ())}


@st.cache_data(show_spinner=False, max_entries=512)
def _run_cached(metric_id: str, version: str, params: tuple):
    import metrics

    cursor, lock = query_cursor()
    with lock:
        return metrics.run(metric_id, cursor, **dict(params))


@st.cache_data(show_spinner=False, max_entries=256)
def _lookup_cached(name: str, version: str, params: tuple):
    import metrics

    cursor, lock = query_cursor()
    with lock:
        return metrics.lookup(name, cursor, **dict(params))


def run(metric_id: str, **params):
    """A metric's DataFrame for these filters (see metrics.run); cached per data version."""
    return _run_cached(metric_id, data_version(), tuple(sorted(_clean(params).items())))


def lookup(name: str, **params):
    """A lookup (filter_options, data_status, process_detail); cached per data version."""
    return _lookup_cached(name, data_version(), tuple(sorted(_clean(params).items())))


def metric_exists(metric_id: str) -> bool:
    """Whether the metric library has this metric yet (pages say 'pending' instead of showing a fake number)."""
    from metrics import registry

    return metric_id in registry.METRICS


def metrics_of_theme(theme: str) -> list[str]:
    """Ids of the metrics of one theme (e.g. red_flags), in registry order."""
    from metrics import registry

    return [metric.id for metric in registry.METRICS.values() if metric.theme == theme]
