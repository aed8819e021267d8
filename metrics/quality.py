"""Which metrics the loaded data supports: each metric's fields checked against the field_coverage metric."""

from __future__ import annotations

import pandas as pd

from metrics import registry
from metrics.runner import run_metric

ALWAYS_PRESENT = {"/ocid"}  # every loaded process has one


def published_paths(con, publisher: str | None = None) -> dict[str, int]:
    """Path → number of processes publishing it non-empty (all publishers, or one)."""
    coverage = run_metric("field_coverage", con, publisher=publisher)
    return coverage.groupby("path")["processes"].sum().astype(int).to_dict()


def missing_fields(metric: registry.Metric, published: dict[str, int], has_data: bool) -> list[str]:
    """The required fields (or alternatives, written a|b) that no process publishes."""
    missing = []
    for requirement in metric.fields:
        alternatives = requirement.split("|")
        if not any(published.get(path, 0) > 0 or (has_data and path in ALWAYS_PRESENT) for path in alternatives):
            missing.append(requirement)
    return missing


def metric_support(con, publisher: str | None = None) -> pd.DataFrame:
    published = published_paths(con, publisher)
    has_data = bool(published)
    rows = []
    for metric in registry.METRICS.values():
        missing = missing_fields(metric, published, has_data)
        rows.append(
            {
                "metric_id": metric.id,
                "theme": metric.theme,
                "title_pt": metric.title.pt,
                "title_en": metric.title.en,
                "fields": ", ".join(metric.fields),
                "supported": not missing,
                "missing_fields": ", ".join(missing),
            }
        )
    return pd.DataFrame(rows)
