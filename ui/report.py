"""The "meeting pack": one self-contained HTML file with the month's KPIs, the data-openness numbers and their
charts, to take to a meeting or print to PDF from the browser. Data values are HTML-escaped."""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd
import plotly.graph_objects as go

from ui.i18n import _, get_language

STYLE = """
body { font-family: 'Source Sans Pro', Arial, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; } td, th { border: 1px solid #ccc;
padding: 0.3rem 0.5rem; text-align: left; } th { background: #f0f4f8; } .note { color: #555; font-size: 0.9rem; }
"""


def table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0, na_rep="—")


def meeting_pack(
    title: str,
    filters_text: str,
    sections: list[tuple[str, pd.DataFrame | None, go.Figure | None]],
) -> bytes:
    """Sections are (heading, table, figure); the first figure carries plotly.js so the file works offline."""
    parts = [
        f"<!doctype html><html lang='{'en' if get_language() == 'en' else 'pt-BR'}'><head><meta charset='utf-8'>",
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='note'>{escape(filters_text)}<br>"
        + escape(_("Generated on {date} by Painel de Contratações Abertas.", date=dt.date.today().strftime("%d/%m/%Y")))
        + "</p>",
    ]
    plotly_included = False
    for heading, table, figure in sections:
        parts.append(f"<h2>{escape(heading)}</h2>")
        if figure is not None:
            parts.append(figure.to_html(full_html=False, include_plotlyjs=not plotly_included))
            plotly_included = True
        if table is not None and not table.empty:
            parts.append(table_html(table))
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")
