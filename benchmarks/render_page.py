"""Render one page of the dashboard with AppTest, in a fresh process: `python -m benchmarks.render_page PAGE`.

PAINEL_DB names the database. Prints one line, MARKER then JSON: seconds to import Streamlit's test harness, to run
the app once (its default page, cold: the connection opens here), to render PAGE (switching to it), and to render
it again (query results cached), and any exception the page raised.
"""

from __future__ import annotations

import json
import sys
import time

from benchmarks.timing import ROOT

MARKER = "BENCHMARK-PAGE "  # the result line, told apart from whatever Streamlit logs


def render(page: str, default_page: str) -> dict:
    began = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    imported = time.perf_counter()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    app.run()
    first = time.perf_counter()
    render_seconds = first - imported
    if page != default_page:
        app.switch_page(f"pages/{page}").run()
        render_seconds = time.perf_counter() - first
    before_rerun = time.perf_counter()
    app.run()
    rerun_seconds = time.perf_counter() - before_rerun
    return {
        "import_s": round(imported - began, 3),
        "first_run_s": round(first - imported, 3),
        "render_s": round(render_seconds, 3),
        "rerun_s": round(rerun_seconds, 3),
        "exceptions": [str(e.message)[:300] for e in app.exception],
    }


if __name__ == "__main__":
    print(MARKER + json.dumps(render(sys.argv[1], sys.argv[2])))
