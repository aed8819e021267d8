"""Render one page of the dashboard with AppTest, in a fresh process: `python -m benchmarks.render_page PAGE`.

PAINEL_DB names the database. Prints one line, MARKER then JSON: seconds to import Streamlit's test harness, to run
the app once (its default page, cold: the connection opens here), to render PAGE (switching to it), and to render
it again (query results cached), and any exception the page raised. A light profile comes with it: the time spent
in `metrics.run`/`metrics.lookup` during the render (the rest is Python: pandas, charts, widgets) and the slowest
queries, so a page over its target says whether a query or the page's own work is to blame.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict

from benchmarks.timing import ROOT

MARKER = "BENCHMARK-PAGE "  # the result line, told apart from whatever Streamlit logs


def record_queries() -> list[tuple[str, float]]:
    """Wrap metrics.run and metrics.lookup (ui/db.py calls them through the module) to time every call."""
    import metrics

    calls: list[tuple[str, float]] = []
    for function_name, prefix in (("run", ""), ("lookup", "lookup ")):
        original = getattr(metrics, function_name)

        def timed_call(name, con, _original=original, _prefix=prefix, **params):
            began = time.perf_counter()
            try:
                return _original(name, con, **params)
            finally:
                calls.append((_prefix + name, time.perf_counter() - began))

        setattr(metrics, function_name, timed_call)
    return calls


def profile(calls: list[tuple[str, float]]) -> dict:
    totals: dict[str, float] = defaultdict(float)
    for name, seconds in calls:
        totals[name] += seconds
    slowest = sorted(totals.items(), key=lambda item: -item[1])[:3]
    return {
        "query_s": round(sum(totals.values()), 3),
        "queries": len(calls),
        "slowest": [[name, round(seconds, 3)] for name, seconds in slowest],
    }


def render(page: str, default_page: str) -> dict:
    began = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    calls = record_queries()
    imported = time.perf_counter()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    app.run()
    first = time.perf_counter()
    render_seconds, render_calls = first - imported, list(calls)
    if page != default_page:
        done = len(calls)
        app.switch_page(f"pages/{page}").run()
        render_seconds, render_calls = time.perf_counter() - first, calls[done:]
    before_rerun, done = time.perf_counter(), len(calls)
    app.run()
    rerun_seconds = time.perf_counter() - before_rerun
    return {
        "import_s": round(imported - began, 3),
        "first_run_s": round(first - imported, 3),
        "render_s": round(render_seconds, 3),
        "rerun_s": round(rerun_seconds, 3),
        "render_profile": profile(render_calls),
        "rerun_profile": profile(calls[done:]),
        "exceptions": [str(e.message)[:300] for e in app.exception],
    }


if __name__ == "__main__":
    print(MARKER + json.dumps(render(sys.argv[1], sys.argv[2])))
