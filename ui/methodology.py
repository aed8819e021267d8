"""A metric's own texts (from the metric registry, in the UI language) and its SQL, shown beside its number."""

from __future__ import annotations

import streamlit as st

from ui.i18n import _, get_language


def _registry():
    from metrics import registry

    return registry


def text(metric_id: str, field: str = "title") -> str:
    metric = _registry().METRICS.get(metric_id)
    if metric is None:
        return metric_id
    return metric.texts()[field].get("en" if get_language() == "en" else "pt")


def sql(metric_id: str) -> str:
    from metrics.runner import sql_path

    path = sql_path(metric_id)
    return path.read_text(encoding="utf-8") if path.exists() else ""


def explain(metric_id: str, with_sql: bool = True) -> None:
    """An expander with what the number means, why it matters, what it does not mean, exclusions and SQL."""
    if metric_id not in _registry().METRICS:
        return
    with st.expander(_("How this is calculated: {title}", title=text(metric_id))):
        headings = {
            "methodology": _("Methodology"),
            "why_it_matters": _("Why it matters"),
            "not_meaning": _("What it does not mean"),
            "exclusions": _("Left out"),
        }
        for field, heading in headings.items():
            st.markdown("**" + heading + ".** " + text(metric_id, field))
        if with_sql:
            st.code(sql(metric_id), language="sql")
