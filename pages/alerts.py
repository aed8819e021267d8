"""Alertas: red flags by indicator, secretariat and supplier, each with its methodology and the neutral text of
what it does and does not mean. A flag is a risk signal that calls for a closer look, never proof of guilt."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, db, filters, fmt, layout, methodology
from ui.flags import counted
from ui.i18n import _


def by_indicator(counts: pd.DataFrame) -> None:
    counts = counts.assign(name=[methodology.text(i) for i in counts["indicator"]])
    top = counts.iloc[0]  # the most flags (counted() puts them first)
    title = _("{name} is the most frequent signal ({count} flags)", name=top["name"], count=fmt.number(top["flags"]))
    fig = charts.bar(counts, "name", "flags", title, _("Flags"), labels=fmt.number)
    table = counts.sort_values("indicator")[["name", "flags"]]  # the table lists indicators by code
    charts.show(fig, table.rename(columns={"name": _("Indicator"), "flags": _("Flags")}), "flags_by_indicator")


def by_process_attribute(counts: pd.DataFrame, column: str, title_text: str, key: str) -> None:
    """Process-level flags counted by the secretariat (or each supplier) of the flagged process."""
    if counts.empty:
        layout.empty_state(_("No flagged process has this information in the chosen data."))
        return
    top = counts.iloc[0]
    title = title_text.format(name=top[column], count=fmt.number(top["flags"]))
    fig = charts.bar(counts.head(15), column, "flags", title, _("Flags"), labels=fmt.number)
    table = counts.rename(columns={column: _("Name"), "flags": _("Flags"), "processes": _("Flagged processes")})
    charts.show(fig, table, key)


def main() -> None:
    active = filters.sidebar()
    layout.header(
        _("Red flags"),
        _(
            "Risk signals computed from the published data. A flag calls for a closer look at a process; it does "
            "not prove wrongdoing and may have a legitimate explanation."
        ),
        active.get("publisher"),
    )
    st.caption(filters.describe(active))
    if not db.metrics_of_theme("red_flags"):
        layout.pending(_("Red flags"), ["red_flags"])
        return
    found = counted(active)
    indicators = found["indicator"]
    if indicators.empty:
        layout.empty_state(
            _("No indicator flags anything in the chosen data (or the data lacks the fields they need).")
        )
    else:
        st.metric(_("Flags"), fmt.number(indicators["flags"].sum()), border=True)
        by_indicator(indicators)
        st.subheader(_("By secretariat"))
        by_process_attribute(
            found["secretariat"], "secretariat", _("{name} has the most flags ({count})"), "flags_secretariat"
        )
        st.subheader(_("By supplier"))
        by_process_attribute(
            found["supplier"], "supplier", _("{name} won the most flagged processes ({count} flags)"), "flags_supplier"
        )
    st.subheader(_("What each indicator means"))
    counts = dict(zip(indicators["indicator"], indicators["flags"], strict=True))
    for metric_id in db.metrics_of_theme("red_flags"):
        st.markdown(
            f"**{methodology.text(metric_id)}** — " + _("{count} flag(s)", count=fmt.number(counts.get(metric_id, 0)))
        )
        methodology.explain(metric_id)


main()
