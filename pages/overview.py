"""Visão geral (mayor's office): the month's KPIs, each with its change vs the previous month and vs the same
month a year before, and a 12-month trend drawn inside the card."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui import db, filters, fmt, kpis, layout, targets
from ui.i18n import _


@dataclass(frozen=True)
class Card:
    metric_id: str
    label: str
    column: str
    unit: str  # count, money, share, decimal
    higher_is_worse: bool = False


def cards() -> list[Card]:
    return [
        Card("process_count", _("Processes"), "value", "count"),
        Card("awarded_value", _("Awarded value"), "value", "money"),
        Card("contracted_value", _("Contracted value"), "value", "money"),
        Card("supplier_count", _("Suppliers"), "value", "count"),
        Card("new_suppliers", _("New suppliers"), "new_suppliers", "count"),
        Card("non_competitive_share", _("Non-competitive procedures"), "share_count", "share", higher_is_worse=True),
        Card("single_bid_share", _("Single-bid tenders"), "share_count", "share", higher_is_worse=True),
        Card("bidders_per_process", _("Mean bidders per process"), "mean", "decimal"),
        Card("local_supplier_share", _("Local suppliers (share of value)"), "share_value", "share"),
        Card("small_supplier_share", _("ME/EPP suppliers (share of value)"), "share_value", "share"),
    ]


def show_value(card: Card, value: float | None, currency: str | None) -> str:
    if card.unit == "money":
        return fmt.money(value, currency, compact=True)
    if card.unit == "share":
        return fmt.percent(value)
    if card.unit == "decimal":
        return fmt.number(value, decimals=1)
    return fmt.number(value)


def show_change(card: Card, current: float | None, before: float | None) -> str | None:
    if current is None or before is None:
        return None
    if card.unit == "share":
        return fmt.points(current - before)
    return fmt.signed_percent(fmt.change(current, before))


def draw_card(card: Card, month: str, active: dict) -> None:
    if not db.metric_exists(card.metric_id):
        st.metric(card.label, "—", border=True, help=_("Pending: the metric library does not compute it yet."))
        st.caption(_("Pending metric: {id}", id=card.metric_id))
        return
    frame = db.run(card.metric_id, group_by="month", **active)
    if frame.empty or frame[card.column].isna().all():
        # Say why instead of showing 0: the data (as filtered) never publishes what this indicator needs.
        st.metric(card.label, fmt.MISSING, border=True)
        st.caption(_("The chosen data has no values for this indicator (see Open data for its fields)."))
        return
    currency = None
    if card.unit == "money":
        currency = kpis.main_currency(frame[frame["group"].astype(str) == month]) or month_currency(month, active)
    kpi = kpis.monthly(frame, card.column, month, currency, missing_is_zero=card.unit in ("count", "money"))
    trend = [value for value in kpi.trend if value is not None]
    st.metric(
        card.label,
        show_value(card, kpi.value, currency),
        delta=show_change(card, kpi.value, kpi.previous),
        delta_color="inverse" if card.higher_is_worse else ("off" if card.unit == "money" else "normal"),
        chart_data=trend if len(trend) > 1 else None,
        border=True,
        help=fmt.money(kpi.value, currency) if card.unit == "money" else None,
    )
    traffic_light(card, kpi.value)
    year_change = show_change(card, kpi.value, kpi.year_before)
    st.caption(_("Same month last year: {change}", change=year_change or fmt.MISSING))
    if card.unit == "money" and frame["currency"].nunique() > 1:
        st.caption(_("In {currency}; other currencies are not added in.", currency=currency))


def month_currency(month: str, active: dict) -> str | None:
    """The currency a month's money is shown in when a metric has no rows that month: that of its awards, else
    the one most of the data is in (so a month without contracts reads R$ 0,00 for a Brazilian city, not MX$)."""
    awarded = db.run("awarded_value", group_by="month", **active)
    return kpis.main_currency(awarded[awarded["group"].astype(str) == month]) or kpis.main_currency(awarded)


def traffic_light(card: Card, value: float | None) -> None:
    target = targets.load().get(card.metric_id)
    if target is None:
        return
    limit = show_value(card, target.limit, None)
    goal = _("target ≤ {limit}", limit=limit) if target.direction == "max" else _("target ≥ {limit}", limit=limit)
    lights = {
        "met": ":green[:material/check_circle: " + _("On target") + "]",
        "near": ":orange[:material/error: " + _("Near target") + "]",
        "missed": ":red[:material/cancel: " + _("Off target") + "]",
        None: ":gray[" + _("No value this month") + "]",
    }
    st.markdown(lights[target.status(value)] + " · " + goal)


def month_choice(active: dict) -> str | None:
    counts = db.run("process_count", group_by="month", **active)
    latest = kpis.reference_month(list(counts["group"].astype(str)))
    if latest is None:
        return None
    months = sorted({m for m in counts["group"].astype(str) if m <= latest}, reverse=True)
    names = {m: fmt.month(m + "-01") for m in months}
    return st.selectbox(_("Month"), months, format_func=names.get, key="month")


def main() -> None:
    active = filters.sidebar()
    layout.header(
        _("Overview"),
        _("The month's key numbers, each compared with the month before and the same month a year before."),
        active.get("publisher"),
    )
    month = month_choice(active)
    if month is None:
        layout.empty_state(_("No process has a date in the chosen filters, so there is no month to show."))
        return
    st.subheader(_("KPIs for {month}", month=fmt.month(month + "-01")))
    st.caption(filters.describe(active) + " · " + _("Arrows compare with the previous month."))
    all_cards = cards()
    for start in range(0, len(all_cards), 4):
        for column, card in zip(st.columns(4), all_cards[start : start + 4], strict=False):
            with column:
                draw_card(card, month, active)


main()
