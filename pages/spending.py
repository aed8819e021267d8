"""Gastos (council members): spending by secretariat, supplier, procedure type, category or month; a click on a
bar filters by it; the table of processes, downloadable as CSV and XLSX."""

from __future__ import annotations

import io
from urllib.parse import quote

import pandas as pd
import streamlit as st

from ui import charts, db, filters, fmt, labels, layout, urlstate
from ui.i18n import _, ngettext

GROUPS = ("secretariat", "supplier", "procedure_type", "category", "month")
TABLE_LIMIT = 5000


def group_names() -> dict[str, str]:
    return {
        "secretariat": _("Secretariat"),
        "supplier": _("Supplier"),
        "procedure_type": _("Procedure type"),
        "category": _("Category"),
        "month": _("Month"),
    }


def filter_by_click(chart_key: str, group_by: str) -> None:
    """Clicking a bar sets the filter of that dimension (a callback: it runs before the widgets are drawn)."""
    selection = charts.selected_category(st.session_state.get(chart_key))
    if selection and group_by in filters.SELECT_FILTERS:
        urlstate.set_values(**{group_by: selection})


def currency_choice(frame: pd.DataFrame) -> str:
    """Totals are never added across currencies: with several, the reader picks one (default: most processes)."""
    totals = frame.groupby("currency")["processes"].sum().sort_values(ascending=False)
    currencies = list(totals.index)
    if len(currencies) == 1:
        return currencies[0]
    st.caption(_("These processes are in several currencies; totals are shown one currency at a time."))
    return st.segmented_control(_("Currency"), currencies, default=currencies[0], key="currency", required=True)


def spending_chart(active: dict) -> None:
    names = group_names()
    st.session_state.setdefault("group_by", "secretariat")
    group_by = st.segmented_control(_("Break down by"), GROUPS, format_func=names.get, key="group_by", required=True)
    frame = db.run("awarded_value", group_by=group_by, **active)
    if frame.empty:
        layout.empty_state(_("No award values in the chosen data: this publisher's data may not publish awards."))
        return
    currency = currency_choice(frame)
    frame = frame[frame["currency"] == currency].copy()
    frame["name"] = [labels.group(group_by, value) for value in frame["label"]]
    total = frame["value"].sum()
    top = frame.sort_values("value", ascending=False).iloc[0]
    if group_by == "month":
        frame["month"] = pd.to_datetime(frame["group"].astype(str) + "-01", errors="coerce")
        title = _(
            "Awarded value per month; the highest month was {month} ({value})",
            month=fmt.month(top["group"] + "-01"),
            value=fmt.money(top["value"], currency, compact=True),
        )
        fig = charts.line(
            frame.dropna(subset=["month"]),
            "month",
            "value",
            title,
            _("Awarded value"),
            labels=lambda v: fmt.money(v, currency),
        )
        charts.show(fig, table(frame, names[group_by], currency), key="spending_chart")
    else:
        shown = frame.sort_values("value", ascending=False).head(15)
        title = _(
            "{name} received {share} of the awarded value ({value})",
            name=top["name"],
            share=fmt.percent(top["value"] / total if total else None),
            value=fmt.money(top["value"], currency, compact=True),
        )
        fig = charts.bar(
            shown,
            "name",
            "value",
            title,
            _("Awarded value ({currency})", currency=currency),
            labels=lambda v: fmt.money(v, currency, compact=True),
            key_column="group",
        )
        clickable = group_by in filters.SELECT_FILTERS
        charts.show(
            fig,
            table(frame, names[group_by], currency),
            key=f"spending_chart_{group_by}",
            on_select=(lambda: filter_by_click(f"spending_chart_{group_by}", group_by)) if clickable else None,
        )
        if clickable:
            st.caption(_("Click a bar to filter the whole page by it."))
    st.caption(_("Total awarded in {currency}: {value}", currency=currency, value=fmt.money(total, currency)))


def table(frame: pd.DataFrame, group_title: str, currency: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            group_title: frame["name"],
            _("Awarded value ({currency})", currency=currency): [fmt.money(v, currency) for v in frame["value"]],
            _("Processes"): frame["processes"],
        }
    ).sort_values(_("Processes"), ascending=False)


def process_table(active: dict) -> None:
    st.subheader(_("Processes"))
    rows = db.run("process_list", limit=TABLE_LIMIT, **active)
    if rows.empty:
        layout.empty_state(_("No process matches the chosen filters."))
        return
    st.caption(
        ngettext(
            "{count} process (at most {limit} listed).",
            "{count} processes (at most {limit} listed).",
            len(rows),
            count=fmt.number(len(rows)),
            limit=fmt.number(TABLE_LIMIT),
        )
    )
    shown = pd.DataFrame(
        {
            _("Date"): [fmt.date(v) for v in rows["period_date"]],
            _("Process"): rows["title"].fillna(rows["description"] if "description" in rows else rows["ocid"]),
            _("Secretariat"): rows["secretariat"],
            _("Procedure type"): [labels.procedure(v) for v in rows["procedure_type"]],
            _("Awarded value"): [fmt.money(v, c) for v, c in zip(rows["awarded_value"], rows["currency"], strict=True)],
            _("Suppliers"): rows["suppliers"],
            _("Publisher"): rows["publisher"],
            "ocid": rows["ocid"],
            # Relative link to the Processo page: the URL carries the ocid, so it opens on that process.
            _("Detail"): ["processo?ocid=" + quote(str(ocid), safe="") for ocid in rows["ocid"]],
            _("Source"): rows["source_url"],
        }
    )
    links = {
        _("Detail"): st.column_config.LinkColumn(display_text=_("see process")),
        _("Source"): st.column_config.LinkColumn(display_text=_("open")),
    }
    layout.text_table(shown, column_config=links)
    csv_col, xlsx_col = st.columns(2)
    csv_col.download_button(
        _("Download CSV"),
        lambda: rows.to_csv(index=False).encode("utf-8"),  # built when clicked, not on every rerun
        file_name="processos.csv",
        mime="text/csv",
        key="download_csv",
        icon=":material/download:",
        on_click="ignore",
    )
    xlsx_col.download_button(
        _("Download XLSX"),
        lambda: xlsx_bytes(rows),
        file_name="processos.xlsx",
        key="download_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
    )


def xlsx_bytes(rows: pd.DataFrame) -> bytes:
    """Excel cannot store time-zone-aware dates, so they are written in UTC without the zone."""
    frame = rows.copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.DatetimeTZDtype):
            frame[column] = frame[column].dt.tz_convert("UTC").dt.tz_localize(None)
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="processos")
    return buffer.getvalue()


def main() -> None:
    active = filters.sidebar()
    layout.header(
        _("Spending"),
        _("Where the money goes: awarded value by secretariat, supplier, procedure type, category or month."),
        active.get("publisher"),
    )
    st.caption(filters.describe(active))
    spending_chart(active)
    process_table(active)


main()
