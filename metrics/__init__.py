"""The metric library: every number on the dashboard is one SQL file in `metrics/sql/` plus its registry entry.

    import metrics
    df = metrics.run("awarded_value", con, group_by="month", date_from="2024-01-01")
    options = metrics.lookup("filter_options", con)

Heavy modules (pandas, duckdb) are imported when a metric runs, not when this package is imported.
"""

from metrics.errors import MetricError, ParameterError, SettingsError, UnknownMetricError

__all__ = ["MetricError", "ParameterError", "SettingsError", "UnknownMetricError", "lookup", "run", "run_many"]


def run(metric_id: str, con, **params):
    """Run one metric on a DuckDB connection and return a pandas DataFrame.

    Raises MetricError for an unknown metric or parameter, or a value of the wrong type.
    """
    from metrics.runner import run_metric

    return run_metric(metric_id, con, **params)


def run_many(metric_ids: list[str], con, **params) -> dict:
    """Run several metrics with the same filters, building the filtered tables once: {metric_id: DataFrame}.

    Each parameter must belong to at least one of the metrics; a metric receives only its own.
    """
    from metrics.runner import run_many as run_metrics

    return run_metrics(list(metric_ids), con, **params)


def lookup(name: str, con, **params):
    """Run a non-statistical query the UI needs (filter_options, data_status, process_detail)."""
    from metrics.runner import run_lookup

    return run_lookup(name, con, **params)
