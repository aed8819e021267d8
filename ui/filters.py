"""The sidebar filters, shared by every page and kept in the URL so a copied link opens the same view.

Each filter is a widget with a stable key, mirrored to the query parameter of the same name by ui/urlstate.py,
e.g. `?publisher=...&procedure_type=pregao&date_from=2024-01-01`. The keys are the
metric library's filter names, so `active()` can be passed to `metrics.run(...)` as it is.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ui import db, labels, urlstate
from ui.i18n import _

SELECT_FILTERS = ("publisher", "secretariat", "supplier", "procedure_type", "category")
DATE_FILTERS = ("date_from", "date_to")
FILTER_KEYS = DATE_FILTERS + SELECT_FILTERS
ALL = ""  # the "all" choice of a select filter (left out of the URL and of metric parameters)


def options() -> pd.DataFrame:
    """Every value each filter can take (kind, value, label, processes), from the metric library."""
    return db.lookup("filter_options")


def _choices(frame: pd.DataFrame, kind: str) -> dict[str, str]:
    rows = frame[frame["kind"] == kind]
    return {str(value): str(label) for value, label in zip(rows["value"], rows["label"], strict=True)}


def _date_bounds(frame: pd.DataFrame) -> tuple[dt.date, dt.date]:
    def bound(kind: str, fallback: dt.date) -> dt.date:
        rows = frame.loc[frame["kind"] == kind, "value"]
        return dt.date.fromisoformat(str(rows.iloc[0])[:10]) if len(rows) else fallback

    today = dt.date.today()
    return bound("date_min", today.replace(year=today.year - 10)), max(bound("date_max", today), today)


def clear() -> None:
    """Reset every filter (the language and the page's own choices stay); the URL loses them too."""
    urlstate.set_values(**dict.fromkeys(DATE_FILTERS), **dict.fromkeys(SELECT_FILTERS, ALL))


def _select(key: str, label: str, choices: dict[str, str], format_label=None) -> str | None:
    """A selectbox whose first choice, ALL (""), means no filter. Values stay raw (they go into the URL and SQL).

    Not None: a selectbox given None through session state shows an empty placeholder instead of the choice."""
    # Labels are computed now, in this run's language (a format_func may be called later, elsewhere).
    shown = {value: format_label(value) if format_label else text for value, text in choices.items()}
    shown[ALL] = _("All")
    return st.selectbox(
        label,
        [ALL, *choices],
        format_func=shown.get,
        key=key,
        placeholder=_("All"),
    )


def sidebar(show: tuple[str, ...] = FILTER_KEYS) -> dict:
    """Draw the filters in the sidebar; return the chosen ones as metric parameters."""
    frame = options()
    first, last = _date_bounds(frame)
    with st.sidebar:
        st.header(_("Filters"))
        for key, label in (("date_from", _("From")), ("date_to", _("To"))):
            if key in show:
                st.date_input(label, value=None, min_value=first, max_value=last, key=key, format="DD/MM/YYYY")
        if "publisher" in show:
            _select("publisher", _("Publisher"), _choices(frame, "publisher"))
        if "secretariat" in show:
            _select("secretariat", _("Secretariat / buying unit"), _choices(frame, "secretariat"))
        if "supplier" in show:
            _select("supplier", _("Supplier"), _choices(frame, "supplier"))
        if "procedure_type" in show:
            _select("procedure_type", _("Procedure type"), _choices(frame, "procedure_type"), labels.procedure)
        if "category" in show:
            _select("category", _("Category"), _choices(frame, "category"), labels.category)
        st.button(_("Clear filters"), on_click=clear, key="clear_filters", icon=":material/filter_alt_off:")
    return active()


def active() -> dict:
    """The filters currently set, as metric parameters (unset ones left out)."""
    chosen = {key: st.session_state.get(key) for key in FILTER_KEYS}
    return {key: value for key, value in chosen.items() if value not in (None, "")}


def describe(filters: dict, markdown: bool = True) -> str:
    """One line saying which filters apply, for captions (data values made inert for Markdown) or, with
    markdown=False, as plain text for the exported meeting pack."""
    from ui.layout import plain

    inert = plain if markdown else str
    if not filters:
        return _("No filters: all loaded data.")
    frame = options()
    parts = []
    for key, value in filters.items():
        if key in DATE_FILTERS:
            from ui import fmt

            parts.append(labels.filter_name(key) + ": " + fmt.date(value))  # our own formatting, nothing to escape
        else:
            shown = _choices(frame, key).get(str(value), str(value))
            if key == "procedure_type":
                shown = labels.procedure(str(value))
            parts.append(f"{labels.filter_name(key)}: {inert(shown)}")
    return " · ".join(parts)
