"""Pieces every page shares: the data banner, page header, empty and pending states, language switch."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ui import db, fmt
from ui.i18n import LANGUAGES, _

# Characters Streamlit's Markdown would act on (emphasis, links, :material/icons:, :red[colour], $LaTeX$, HTML).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """Text from the data made inert for st.markdown/st.caption/st.subheader: it shows as typed, never as
    Markdown or HTML (a supplier called '**X**' or '<b>X</b>' is shown with its asterisks or brackets)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def language_switch() -> None:
    """pt-BR / English, kept in the URL as ?lang=en (pt-BR, the default, leaves the URL clean)."""
    # Labels are Markdown, and an ASCII label spares Streamlit its emoji catalogue (about 0.25 s on a server's first
    # page view), loaded to look for a leading emoji in any label that is not ASCII: &ecirc; shows as ê.
    names = {"pt_BR": "Portugu&ecirc;s", "en": "English"}
    st.sidebar.segmented_control(_("Language"), list(LANGUAGES), format_func=names.get, key="lang", required=True)


def data_status() -> pd.DataFrame:
    return db.lookup("data_status")


def banner(publisher: str | None = None) -> None:
    """The data's date and sources, and what was left out of the totals, above every page."""
    status = data_status()
    if status.empty or status["processes"].sum() == 0:
        st.warning(_("The database is empty. Load data with `python -m loaders load SOURCE`."))
        return
    rows = status[status["publisher"] == publisher] if publisher else status
    loaded_at = status["last_load_at"].max()
    text = _(
        "Data loaded on {date} · {processes} processes from {publishers} publisher(s): {names}.",
        date=fmt.date(loaded_at),
        processes=fmt.number(rows["processes"].sum()),
        publishers=fmt.number(len(rows)),
        names=", ".join(plain(name) for name in rows["publisher"].dropna().head(3)) + (" …" if len(rows) > 3 else ""),
    )
    licences = sorted({lic for value in rows["licenses"].dropna() for lic in str(value).split("; ")})
    if licences:
        text += " " + _("Licence: {licences}.", licences=", ".join(licences))
    left_out = int(rows["left_out_amounts"].sum())
    if left_out:
        text += " " + _(
            "{count} amount(s) in another currency than their publisher's are left out of the totals.",
            count=fmt.number(left_out),
        )
    st.caption(":material/database: " + text)


def header(title: str, intro: str, publisher: str | None = None) -> None:
    st.title(title)
    st.markdown(intro)
    banner(publisher)


def empty_state(reason: str) -> None:
    """Say why there is nothing to show, instead of drawing an empty chart."""
    st.info(reason, icon=":material/info:")


def pending(what: str, metric_ids: list[str]) -> None:
    """A section whose metric the library does not have yet: say so plainly, never show a made-up number."""
    st.info(
        _(
            "{what}: pending — the metric library does not compute it yet ({ids}).",
            what=what,
            ids=", ".join(metric_ids),
        ),
        icon=":material/hourglass_empty:",
    )


def text_table(frame: pd.DataFrame, max_rows: int = 15, **kwargs) -> None:
    """A table of data values. st.dataframe renders every cell as text, never as HTML. Short tables are shown
    whole (no inner scroll bar); longer ones scroll after `max_rows`."""
    kwargs.setdefault("height", 38 + 35 * min(len(frame), max_rows))
    st.dataframe(frame, hide_index=True, **kwargs)
