"""Secretarias: one secretariat's scorecard (spending, competition, suppliers, cycle times, flags) beside the
city's figure for the same filters."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ui import db, filters, flags, fmt, layout, methodology
from ui.i18n import _


@dataclass(frozen=True)
class Row:
    metric_id: str
    column: str
    unit: str  # money, count, share, days, decimal, index
    # "sum": the city figure is the mean per secretariat (totals); "rate": the city's own rate (shares, means)
    compare: str


ROWS = (
    Row("awarded_value", "value", "money", "sum"),
    Row("contracted_value", "value", "money", "sum"),
    Row("process_count", "value", "count", "sum"),
    Row("supplier_count", "value", "count", "sum"),
    Row("non_competitive_share", "share_count", "share", "rate"),
    Row("single_bid_share", "share_count", "share", "rate"),
    Row("bidders_per_process", "mean", "decimal", "rate"),
    Row("hhi", "value", "index", "rate"),
    Row("small_supplier_share", "share_value", "share", "rate"),
    Row("tender_period_days", "median", "days", "rate"),
    Row("tender_to_award_days", "median", "days", "rate"),
    Row("award_to_contract_days", "median", "days", "rate"),
)


def show(value, unit: str, currency: str | None) -> str:
    if value is None or pd.isna(value):
        return fmt.MISSING
    if unit == "money":
        return fmt.money(value, currency)
    if unit == "share":
        return fmt.percent(value)
    if unit == "days":
        return _("{days} days", days=fmt.number(value, decimals=0))
    if unit in ("decimal", "index"):
        return fmt.number(value, decimals=1 if unit == "decimal" else 0)
    return fmt.number(value)


def pick(frame: pd.DataFrame, column: str, currency: str | None, group: str | None = None):
    """One value from a metric result: the secretariat's row (by group) or the single 'none' row."""
    if frame.empty or column not in frame:
        return None
    if currency is not None and "currency" in frame:
        frame = frame[frame["currency"] == currency]
    if group is not None:
        frame = frame[frame["group"].astype(str) == group]
    return frame[column].iloc[0] if len(frame) else None


def scorecard(secretariat: str, active: dict) -> pd.DataFrame:
    city_filters = {k: v for k, v in active.items() if k != "secretariat"}
    currency = city_currency(city_filters)
    records = []
    for row in ROWS:
        if not db.metric_exists(row.metric_id):
            continue
        by_secretariat = db.run(row.metric_id, group_by="secretariat", **city_filters)
        mine = pick(by_secretariat, row.column, currency, secretariat)
        if row.compare == "sum":
            values = by_secretariat
            if currency is not None and "currency" in values:
                values = values[values["currency"] == currency]
            city = values[row.column].mean() if len(values) else None
            city_label = _("mean per secretariat")
        else:
            city = pick(db.run(row.metric_id, group_by="none", **city_filters), row.column, currency)
            city_label = _("all secretariats")
        records.append(
            {
                _("Indicator"): methodology.text(row.metric_id),
                secretariat: show(mine, row.unit, currency),
                _("City"): show(city, row.unit, currency),
                _("Compared with"): city_label,
            }
        )
    return pd.DataFrame(records)


def city_currency(city_filters: dict) -> str | None:
    frame = db.run("awarded_value", group_by="none", **city_filters)
    if frame.empty:
        return None
    return str(frame.sort_values("processes", ascending=False)["currency"].iloc[0])


def red_flags(secretariat: str, active: dict) -> None:
    if not db.metrics_of_theme("red_flags"):
        layout.pending(_("Red flags per secretariat"), ["red_flags"])
        return
    city = flags.counted({k: v for k, v in active.items() if k != "secretariat"}, "secretariat")["secretariat"]
    mine = city[city["secretariat"] == secretariat]
    count = int(mine["flags"].sum()) if len(mine) else 0
    mean = city["flags"].mean() if len(city) else 0
    st.metric(
        _("Red flags"),
        fmt.number(count),
        border=True,
        help=_("A flag is a risk signal that calls for a closer look, not proof of wrongdoing."),
    )
    st.caption(_("Mean per secretariat with flags: {mean}", mean=fmt.number(mean, decimals=1)))


def main() -> None:
    active = filters.sidebar()
    layout.header(
        _("Secretariats"),
        _("One secretariat's scorecard beside the city's figure for the same period and filters."),
        active.get("publisher"),
    )
    secretariat = active.get("secretariat")
    if not secretariat:
        ranking = db.run("awarded_value", group_by="secretariat", **active)
        if ranking.empty:
            layout.empty_state(_("No award values in the chosen data, so there is no secretariat to rank."))
            return
        top = ranking.sort_values("value", ascending=False)["group"].iloc[0]
        st.info(_("Choose a secretariat in the sidebar; showing the one with the largest awarded value."))
        secretariat = str(top)
    st.subheader(layout.plain(secretariat))
    st.caption(filters.describe({k: v for k, v in active.items() if k != "secretariat"}))
    layout.text_table(scorecard(secretariat, active))
    st.caption(
        _(
            "Totals compare with the mean per secretariat; shares, means and days with the city as a whole. "
            "Money is in the currency of most processes; other currencies are not added in."
        )
    )
    red_flags(secretariat, active)
    for row in ROWS:
        methodology.explain(row.metric_id, with_sql=False)


main()
