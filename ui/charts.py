"""Plotly chart functions: one colour-blind-safe palette, a title that states the finding, a table beside.

Chart functions take a DataFrame already shaped by a metric and return a figure; they compute nothing the
reader has not been told. `show()` draws the figure and, under it, the same numbers as a table (the
accessible alternative, and what a reader copies).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.i18n import _, get_language

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
MAIN_COLOR = PALETTE[0]
HIGHLIGHT_COLOR = PALETTE[5]
FONT = "Source Sans Pro, sans-serif"


def inert(text: object) -> str:
    """Plotly renders a few HTML tags (<b>, <a>, <br>) in titles and labels: data text goes in as entities."""
    return escape(str(text), quote=False)


def _layout(fig: go.Figure, title: str, x_title: str | None, y_title: str | None, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": inert(title), "x": 0, "xanchor": "left", "font": {"size": 16}},
        xaxis_title=x_title,
        yaxis_title=y_title,
        colorway=PALETTE,
        font={"family": FONT},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        showlegend=len(fig.data) > 1,
        separators=_separators(),
    )
    return fig


def _separators() -> str:
    """Plotly's `separators` is "<decimal><thousands>": ",." for pt-BR, ".," for English."""
    return ",." if get_language() == "pt_BR" else ".,"


def bar(
    frame: pd.DataFrame,
    category: str,
    value: str,
    title: str,
    value_title: str,
    labels: Callable[[float], str] | None = None,
    highlight: str | None = None,
    height: int | None = None,
    key_column: str | None = None,
) -> go.Figure:
    """Horizontal bars, largest on top; `labels` formats the value written at the end of each bar;
    `key_column` is what a click returns (e.g. the org id behind a supplier's name)."""
    frame = frame.sort_values(value, ascending=True)
    colors = [HIGHLIGHT_COLOR if name == highlight else MAIN_COLOR for name in frame[category]]
    text = [labels(v) for v in frame[value]] if labels else None
    fig = go.Figure(
        go.Bar(
            x=frame[value],
            y=[inert(name) for name in frame[category]],
            orientation="h",
            marker_color=colors,
            text=text,
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>" if text else None,
            customdata=frame[key_column or category],
        )
    )
    rows = len(frame)
    fig = _layout(fig, title, value_title, None, height or max(260, 40 + 28 * rows))
    # Each bar carries its own formatted value; Plotly's axis ticks (20B, 5k) would not be in the reader's locale.
    fig.update_xaxes(showticklabels=not text)
    return fig


def line(
    frame: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    y_title: str,
    labels: Callable[[float], str] | None = None,
    series: str | None = None,
    height: int = 320,
) -> go.Figure:
    """A monthly trend; one line per value of `series` when given."""
    fig = go.Figure()
    groups = frame.groupby(series, sort=False) if series else [(None, frame)]
    for name, group in groups:
        text = [labels(v) for v in group[y]] if labels else None
        fig.add_trace(
            go.Scatter(
                x=group[x],
                y=group[y],
                mode="lines+markers",
                name=inert(name) if name is not None else y_title,
                text=text,
                hovertemplate="%{x|%m/%Y}: %{text}<extra></extra>" if text else None,
            )
        )
    fig.update_xaxes(tickformat="%m/%Y", dtick="M1" if frame[x].nunique() <= 12 else None)
    fig.update_yaxes(rangemode="tozero")  # a trend read against zero, not against a zoomed-in band
    return _layout(fig, title, None, y_title, height)


def timeline(frame: pd.DataFrame, date: str, event: str, title: str, height: int = 300) -> go.Figure:
    """Events of one process on a time axis, one row per kind of event (releases, tender period, award...)."""
    fig = go.Figure(
        go.Scatter(
            x=frame[date],
            y=[inert(name) for name in frame[event]],
            mode="markers",
            marker={"size": 12, "color": MAIN_COLOR, "symbol": "diamond"},
            hovertemplate="%{y}: %{x|%d/%m/%Y}<extra></extra>",
        )
    )
    fig.update_xaxes(tickformat="%d/%m/%Y")
    return _layout(fig, title, None, None, height)


def sparkline(values: list[float], height: int = 60) -> go.Figure:
    fig = go.Figure(go.Scatter(y=values, mode="lines", line={"color": MAIN_COLOR, "width": 2}, hoverinfo="skip"))
    fig.update_layout(height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0}, xaxis_visible=False, yaxis_visible=False)
    return fig


def show(
    fig: go.Figure,
    table: pd.DataFrame,
    key: str,
    on_select: Callable[[], None] | None = None,
):
    """Draw a chart with its table alternative under it. `on_select` is called when a reader clicks a point
    (before the page reruns, so it may set filter widgets' state)."""
    state = st.plotly_chart(
        fig,
        key=key,
        on_select=on_select or "ignore",
        selection_mode="points",
        config={"displaylogo": False},
    )
    with st.expander(_("Table: the numbers in this chart")):
        st.dataframe(table, hide_index=True)
    return state


def selected_category(state) -> str | None:
    """The category of the bar a reader clicked, if any."""
    try:
        points = state.selection.points
    except AttributeError:
        return None
    if not points:
        return None
    point = points[0]
    return point.get("customdata") or point.get("y")
