"""Each routed page rendered with AppTest in its own process (see render_page.py), on the benchmark database."""

from __future__ import annotations

import json
import re
from pathlib import Path

from benchmarks.render_page import MARKER
from benchmarks.timing import ROOT, BenchmarkError, python, run_measured

PAGE = re.compile(r'st\.Page\(\s*"pages/([a-z_]+\.py)"([^)]*)\)')


def routed_pages() -> tuple[list[str], str]:
    """The pages app.py routes, in order, and its default page (default=True, else the first)."""
    found = PAGE.findall((ROOT / "app.py").read_text(encoding="utf-8"))
    if not found:
        raise BenchmarkError('app.py routes no page (no st.Page("pages/...")): nothing to render.')
    pages = [name for name, _ in found]
    default = next((name for name, rest in found if "default=True" in rest), pages[0])
    return pages, default


def time_pages(db: Path) -> list[dict]:
    pages, default = routed_pages()
    rows = []
    for page in pages:
        command = [python(), "-m", "benchmarks.render_page", page, default]
        measured = run_measured(command, env={"PAINEL_DB": str(db)}, check=False)
        row = {"page": page, "process_s": round(measured.seconds, 2), "peak_rss_mib": round(measured.peak_rss_mib)}
        results = [line for line in measured.output.splitlines() if line.startswith(MARKER)]
        if results:
            row.update(json.loads(results[-1][len(MARKER) :]))
        else:
            row["exceptions"] = [f"the page process failed: {measured.output[-300:]}"]
        rows.append(row)
    return rows
