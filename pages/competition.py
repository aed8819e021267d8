"""Competição: bidders per process, single-bid and non-competitive shares, concentration (top-N, HHI), savings
and cycle times — for the chosen filters, then by secretariat or by procedure type."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui import charts, db, filters, fmt, labels, layout, methodology
from ui.i18n import _


@dataclass(frozen=True)
class Measure:
    metric_id: str
    column: str
    unit: str  # share, decimal, index, days, percent_change


MEASURES = (
    Measure("bidders_per_process", "mean", "decimal"),
    Measure("single_bid_share", "share_count", "share"),
    Measure("non_competitive_share", "share_count", "share"),
    Measure("top_supplier_share", "share", "share"),
    Measure("hhi", "value", "index"),
    Measure("savings", "savings_share", "share"),
    Measure("tender_period_days", "median", "days"),
    Measure("tender_to_award_days", "median", "days"),
    Measure("award_to_contract_days", "median", "days"),
)


def show(value, unit: str) -> str:
    if value is None or pd.isna(value):
        return fmt.MISSING
    if unit == "share":
        return fmt.percent(value)
    if unit == "days":
        return _("{days} days", days=fmt.number(value))
    return fmt.number(value, decimals=1 if unit == "decimal" else 0)


def main_row(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in several currencies: keep the currency with the most processes (money-based measures)."""
    if "currency" not in frame or frame.empty:
        return frame
    weight = "processes" if "processes" in frame else "suppliers"
    currency = frame.groupby("currency")[weight].sum().idxmax()
    return frame[frame["currency"] == currency]


def overall(active: dict) -> None:
    columns = st.columns(3)
    for index, measure in enumerate(MEASURES):
        frame = main_row(db.run(measure.metric_id, group_by="none", **active))
        value = frame[measure.column].iloc[0] if len(frame) else None
        name = methodology.text(measure.metric_id)
        with columns[index % 3]:
            st.metric(name, show(value, measure.unit), border=True, help=name)


def by_dimension(measure: Measure, dimension: str, active: dict) -> None:
    frame = main_row(db.run(measure.metric_id, group_by=dimension, **active))
    frame = frame.dropna(subset=[measure.column])
    name = methodology.text(measure.metric_id)
    if frame.empty:
        layout.empty_state(_("{name}: the chosen data has no values for this measure.", name=name))
        return
    frame = frame.assign(label=[labels.group(dimension, g) for g in frame["group"]])
    top = frame.sort_values(measure.column, ascending=False).iloc[0]
    title = _(
        "{name}: highest in {group} ({value})",
        name=name,
        group=top["label"],
        value=show(top[measure.column], measure.unit),
    )
    shown = frame.sort_values(measure.column, ascending=False).head(15)
    fig = charts.bar(shown, "label", measure.column, title, name, labels=lambda v: show(v, measure.unit))
    table = pd.DataFrame({_("Group"): frame["label"], name: [show(v, measure.unit) for v in frame[measure.column]]})
    charts.show(fig, table, key=f"competition_{measure.metric_id}")


def main() -> None:
    active = filters.sidebar()
    layout.header(
        _("Competition"),
        _("How much competition the purchases had, how concentrated the suppliers are, and how long the steps take."),
        active.get("publisher"),
    )
    st.caption(filters.describe(active))
    overall(active)
    names = {"secretariat": _("Secretariat"), "procedure_type": _("Procedure type")}
    st.session_state.setdefault("group_by", "secretariat")
    if st.session_state["group_by"] not in names:
        st.session_state["group_by"] = "secretariat"
    dimension = st.segmented_control(
        _("Break down by"), list(names), format_func=names.get, key="group_by", required=True
    )
    for measure in MEASURES:
        by_dimension(measure, dimension, active)
        methodology.explain(measure.metric_id)


main()
