"""Fornecedores: find a supplier by name or CNPJ; its profile (wins, bids, win rate, secretariats, categories,
value over time); and the supplier funnel for the chosen filters (new vs returning, local, ME/EPP)."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ui import charts, db, filters, fmt, layout, methodology
from ui.i18n import _


def search(frame: pd.DataFrame, text: str) -> dict[str, str]:
    """Suppliers whose name contains the text, or whose identifier contains its digits (a CNPJ typed with dots)."""
    suppliers = frame[frame["kind"] == "supplier"]
    if not text:
        return {}
    digits = re.sub(r"\D", "", text)
    by_name = suppliers["label"].fillna("").str.contains(text, case=False, regex=False)
    by_id = suppliers["value"].str.replace(r"\D", "", regex=True).str.contains(digits) if len(digits) >= 4 else False
    found = suppliers[by_name | by_id].head(50)
    return dict(zip(found["value"], found["label"], strict=True))


def profile(supplier: str, active: dict) -> None:
    rows = db.run("supplier_profile", limit=1, **{**active, "supplier": supplier})
    if rows.empty:
        layout.empty_state(_("This supplier won no award in the chosen filters."))
        return
    row = rows.iloc[0]
    st.subheader(layout.plain(row["name"]))
    st.caption(_("Identifier: {id}", id=layout.plain(supplier)))
    columns = st.columns(5)
    columns[0].metric(_("Processes won"), fmt.number(row["processes_won"]), border=True)
    columns[1].metric(_("Processes bid"), fmt.number(row["processes_bid"]), border=True, help=_("Processes bid"))
    columns[2].metric(_("Win rate"), fmt.percent(row["win_rate"]), border=True)
    columns[3].metric(_("Awarded value"), fmt.money(row["awarded_value"], row["currency"], compact=True), border=True)
    columns[4].metric(_("Secretariats"), fmt.number(row["secretariats"]), border=True)
    st.caption(
        _(
            "Categories: {categories} · first win {first} · last win {last}",
            categories=layout.plain(row["categories"] or fmt.MISSING),
            first=fmt.date(row["first_win"]),
            last=fmt.date(row["last_win"]),
        )
    )
    value_over_time(supplier, active, row["currency"])
    where_it_wins(supplier, active, row["currency"])


def value_over_time(supplier: str, active: dict, currency: str | None) -> None:
    frame = db.run("awarded_value", group_by="month", **{**active, "supplier": supplier})
    if currency:
        frame = frame[frame["currency"] == currency]
    if frame.empty:
        return
    frame = frame.assign(month=pd.to_datetime(frame["group"].astype(str) + "-01", errors="coerce"))
    top = frame.sort_values("value", ascending=False).iloc[0]
    title = _(
        "Awarded value per month; most in {month} ({value})",
        month=fmt.month(top["month"]),
        value=fmt.money(top["value"], currency, compact=True),
    )
    fig = charts.line(frame, "month", "value", title, _("Awarded value"), labels=lambda v: fmt.money(v, currency))
    table = pd.DataFrame(
        {
            _("Month"): [fmt.month(m) for m in frame["month"]],
            _("Awarded value"): [fmt.money(v, currency) for v in frame["value"]],
        }
    )
    charts.show(fig, table, key="supplier_value")


def where_it_wins(supplier: str, active: dict, currency: str | None) -> None:
    """The secretariats that awarded this supplier, by value."""
    frame = db.run("awarded_value", group_by="secretariat", **{**active, "supplier": supplier})
    if currency:
        frame = frame[frame["currency"] == currency]
    if frame.empty:
        return
    frame = frame.assign(name=frame["label"].fillna(_("Unknown")))
    top = frame.sort_values("value", ascending=False).iloc[0]
    title = _(
        "{secretariat} awarded it the most ({value})",
        secretariat=top["name"],
        value=fmt.money(top["value"], currency, compact=True),
    )
    fig = charts.bar(frame, "name", "value", title, _("Awarded value"), labels=lambda v: fmt.money(v, currency))
    table = pd.DataFrame(
        {
            _("Secretariat"): frame["name"],
            _("Awarded value"): [fmt.money(v, currency) for v in frame["value"]],
            _("Processes"): frame["processes"],
        }
    )
    charts.show(fig, table, key="supplier_secretariats")


def funnel(active: dict) -> None:
    st.subheader(_("Supplier funnel"))
    st.caption(filters.describe(active))
    new = db.run("new_suppliers", group_by="none", **active)
    local = db.run("local_supplier_share", group_by="none", **active)
    small = db.run("small_supplier_share", group_by="none", **active)
    columns = st.columns(4)
    if not new.empty:
        columns[0].metric(_("Suppliers"), fmt.number(new["suppliers"].sum()), border=True)
        columns[1].metric(_("New suppliers"), fmt.number(new["new_suppliers"].sum()), border=True)
    if not local.empty:
        row = local.sort_values("suppliers", ascending=False).iloc[0]
        columns[2].metric(
            _("Local suppliers"),
            fmt.percent(row["share_count"]),
            border=True,
            help=_("{unknown} supplier(s) without a known location", unknown=fmt.number(row["unknown_location"])),
        )
    small_share = small.sort_values("suppliers", ascending=False)["share_count"].iloc[0] if len(small) else None
    columns[3].metric(
        _("ME/EPP suppliers"),
        fmt.percent(small_share),
        border=True,
        help=_("— means the data does not say the suppliers' size (details.scale)."),
    )
    for metric_id in ("new_suppliers", "local_supplier_share", "small_supplier_share"):
        methodology.explain(metric_id, with_sql=False)


def main() -> None:
    active = filters.sidebar(show=tuple(k for k in filters.FILTER_KEYS if k != "supplier"))
    layout.header(
        _("Suppliers"),
        _("Find a supplier by name or CNPJ and see what it won, where and when."),
        active.get("publisher"),
    )
    text = st.text_input(_("Search a supplier by name or CNPJ"), key="q", placeholder=_("e.g. 12.345.678/0001-90"))
    found = search(filters.options(), text or "")
    chosen = st.session_state.get("supplier")
    if found:
        labels = {value: f"{name} ({value})" for value, name in found.items()}
        chosen = st.selectbox(_("Supplier"), list(found), format_func=labels.get, key="supplier_pick")
    elif text:
        layout.empty_state(_("No supplier matches “{text}”.", text=layout.plain(text)))
    if chosen:
        profile(chosen, {k: v for k, v in active.items() if k != "supplier"})
    else:
        top = db.run("supplier_profile", limit=10, **active)
        if not top.empty:
            st.subheader(_("Largest suppliers"))
            layout.text_table(
                pd.DataFrame(
                    {
                        _("Supplier"): top["name"],
                        _("Processes won"): top["processes_won"],
                        _("Awarded value"): [
                            fmt.money(v, c) for v, c in zip(top["awarded_value"], top["currency"], strict=True)
                        ],
                    }
                )
            )
    funnel(active)


main()
