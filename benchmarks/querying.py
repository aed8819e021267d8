"""Every metric of the registry and every lookup, cold (first run on a fresh connection) and warm (median of 5;
fewer when the runs take more than WARM_BUDGET_S together).

Metrics run with their default parameters, and those that can be grouped by month also grouped by month (as the
overview page runs them). "Cold" opens a new read-only connection for the call, so DuckDB's own buffers are empty;
the operating system's file cache is warm either way (the file was just written or read).
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.timing import median, timed

WARM_RUNS = 5
WARM_BUDGET_S = 20  # a slow query gets fewer warm runs (at least one), so one size stays within minutes


def calls(sample_ocid: str | None) -> list[tuple[str, str, str, dict]]:
    """(label, kind, name, params) for every metric and lookup."""
    from metrics import registry
    from metrics.lookups_catalog import LOOKUPS

    found = []
    for metric in registry.METRICS.values():
        found.append((metric.id, "metric", metric.id, {}))
        group_by = metric.all_params().get("group_by")
        if group_by and "month" in group_by.choices and group_by.default != "month":
            found.append((f"{metric.id} (group_by=month)", "metric", metric.id, {"group_by": "month"}))
    for name, lookup in LOOKUPS.items():
        params = {}
        if "ocid" in lookup.required:
            if sample_ocid is None:
                continue
            params = {"ocid": sample_ocid}
        elif lookup.required:
            continue
        found.append((f"lookup {name}", "lookup", name, params))
    return found


def first_ocid(db: Path) -> str | None:
    from loaders.database import connect

    con = connect(db, read_only=True)
    try:
        row = con.execute("SELECT ocid FROM processes ORDER BY ocid LIMIT 1").fetchone()
    finally:
        con.close()
    return row[0] if row else None


def time_prepare_steps() -> list[float]:
    """Wrap metrics.runner.prepare (it builds the filtered TEMP tables a metric reads) to time each call: a metric
    over its target then says whether building those tables or its own SQL takes the time."""
    from metrics import runner

    durations: list[float] = []
    original = runner.prepare

    def timed_prepare(*args, **kwargs):
        seconds, result = timed(original, *args, **kwargs)
        durations.append(seconds)
        return result  # whatever prepare gives its caller, unchanged

    runner.prepare = timed_prepare
    return durations


def time_queries(db: Path) -> list[dict]:
    import metrics
    from loaders.database import connect

    prepare_times = time_prepare_steps()
    rows = []
    for label, kind, name, params in calls(first_ocid(db)):
        function = metrics.run if kind == "metric" else metrics.lookup
        con = connect(db, read_only=True)
        try:
            cold, frame = timed(function, name, con, **params)
            prepare_times.clear()
            warm = warm_runs(function, name, con, params)
        except Exception as error:  # one failing metric is a finding to report, not a reason to stop
            rows.append({"label": label, "kind": kind, "error": f"{type(error).__name__}: {error}"[:300]})
            continue
        finally:
            con.close()
        rows.append(
            {
                "label": label,
                "kind": kind,
                "cold_ms": round(cold * 1000, 1),
                "warm_ms": round(median(warm) * 1000, 1),
                "warm_runs": len(warm),
                "rows": len(frame),
                "warm_prepare_ms": round(median(prepare_times) * 1000, 1) if prepare_times else 0.0,
            }
        )
    return rows


def warm_runs(function, name: str, con, params: dict) -> list[float]:
    seconds: list[float] = []
    while len(seconds) < WARM_RUNS and (not seconds or sum(seconds) < WARM_BUDGET_S):
        seconds.append(timed(function, name, con, **params)[0])
    return seconds
