"""Metodologia e fontes: every metric's methodology and SQL, every loaded source with its date, counts and
licence, and the whole database to download (DuckDB and Parquet)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import db, fmt, layout, methodology, snapshot
from ui.i18n import _


def themes() -> dict[str, str]:
    return {
        "spending": _("Spending"),
        "competition": _("Competition"),
        "suppliers": _("Suppliers"),
        "cycle_times": _("Cycle times"),
        "lists": _("Lists"),
        "quality": _("Data quality"),
        "red_flags": _("Red flags"),
    }


def metrics_section() -> None:
    from metrics import registry

    st.header(_("Metrics"))
    st.caption(
        _("Every number on this dashboard comes from one SQL file in metrics/sql/; here is each one, as it runs.")
    )
    names = themes()
    for theme, title in names.items():
        ids = [m.id for m in registry.METRICS.values() if m.theme == theme]
        if ids:
            st.subheader(title)
            for metric_id in ids:
                methodology.explain(metric_id)


def sources_section() -> None:
    st.header(_("Sources"))
    status = layout.data_status()
    if status.empty:
        layout.empty_state(_("No source loaded yet."))
        return
    table = pd.DataFrame(
        {
            _("Publisher"): status["publisher"],
            _("Processes"): status["processes"],
            _("Main currency"): status["main_currency"],
            _("Amounts left out"): status["left_out_amounts"],
            _("Files or URLs read"): status["sources"],
            _("Loaded on"): [fmt.date(v) for v in status["last_loaded_at"]],
            _("Licence"): status["licenses"].fillna(_("not stated")),
            _("Where from"): status["locations"],
        }
    )
    layout.text_table(table)
    files = db.lookup("sources")
    with st.expander(_("Every file or URL read ({count})", count=fmt.number(len(files)))):
        layout.text_table(
            pd.DataFrame(
                {
                    _("File or URL"): files["location"],
                    _("Publisher"): files["publisher"],
                    _("Loaded on"): [fmt.date(v) for v in files["fetched_at"]],
                    _("Releases"): files["releases"],
                    _("Records"): files["records"],
                    _("Skipped"): files["skipped"],
                    _("Licence"): files["license"].fillna(_("not stated")),
                    _("Notes"): files["message"].fillna(""),
                }
            )
        )


def downloads_section() -> None:
    st.header(_("Download the data"))
    st.caption(_("The whole database as loaded: the DuckDB file, or each table as Parquet in one zip."))
    left, right = st.columns(2)
    left.download_button(
        _("Download DuckDB"),
        snapshot.duckdb_bytes,
        file_name="painel.duckdb",
        mime="application/octet-stream",
        key="download_duckdb",
        icon=":material/database:",
        on_click="ignore",
    )
    right.download_button(
        _("Download Parquet (zip)"),
        snapshot.parquet_zip,
        file_name="painel-parquet.zip",
        mime="application/zip",
        key="download_parquet",
        icon=":material/folder_zip:",
        on_click="ignore",
    )


def main() -> None:
    layout.header(
        _("Methodology and sources"),
        _("How each number is calculated, where the data comes from, and the data itself."),
    )
    sources_section()
    downloads_section()
    metrics_section()


main()
