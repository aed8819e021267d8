"""Dados abertos (mentors): how complete the published data is — field coverage per stage and its monthly
trend, which metrics the data supports and what to publish next, an evidence checklist backed by live numbers,
and a "meeting pack" (one HTML file with charts) to take away."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, db, filters, fmt, kpis, layout, methodology, report
from ui.i18n import _, get_language

STAGE_ORDER = ("planning", "tender", "bids", "award", "contract", "implementation")


def criteria() -> dict[str, str]:
    """The What Works Cities criteria the sprint mentors review; each checklist item is evidence for one."""
    return {
        "RDC7": _("RDC7 — open procurement data across the lifecycle"),
        "RDC8": _("RDC8 — supplier participation and competition"),
    }


def evidence() -> list[tuple[str, str, str, float]]:
    """The evidence checklist: (criterion, text, field path whose coverage is the evidence, share needed)."""
    return [
        ("RDC7", _("Buyers are identified"), "/buyer/id", 0.9),
        ("RDC7", _("Procedure type is published"), "/tender/procurementMethod", 0.9),
        ("RDC7", _("Estimated values are published"), "/tender/value/amount", 0.8),
        ("RDC7", _("Award values are published"), "/awards[]/value/amount", 0.8),
        ("RDC7", _("Contracts are published"), "/contracts[]/id", 0.5),
        (
            "RDC7",
            _("Payments (transactions) are published"),
            "/contracts[]/implementation/transactions[]/value/amount",
            0.3,
        ),
        ("RDC8", _("Suppliers are identified"), "/awards[]/suppliers[]/id", 0.9),
        ("RDC8", _("Number of bidders is published"), "/tender/numberOfTenderers", 0.5),
        ("RDC8", _("Supplier size (ME/EPP) is published"), "/parties[]/details/scale", 0.5),
    ]


def stage_names() -> dict[str, str]:
    return {
        "planning": _("Planning"),
        "tender": _("Tender"),
        "bids": _("Bids"),
        "award": _("Award"),
        "contract": _("Contract"),
        "implementation": _("Implementation"),
    }


def path_coverage(coverage: pd.DataFrame) -> pd.DataFrame:
    """Share of processes publishing each field, over all publishers in the filters."""
    grouped = coverage.groupby(["stage", "path"], as_index=False)[["processes", "total_processes"]].sum()
    return grouped.assign(share=grouped["processes"] / grouped["total_processes"].where(grouped["total_processes"] > 0))


def stage_coverage(paths: pd.DataFrame) -> pd.DataFrame:
    stages = paths.groupby("stage", as_index=False)["share"].mean()
    stages["name"] = stages["stage"].map(stage_names())
    return stages.sort_values("stage", key=lambda s: s.map({k: i for i, k in enumerate(STAGE_ORDER)}))


def coverage_section(paths: pd.DataFrame):
    st.subheader(_("Field coverage per stage"))
    stages = stage_coverage(paths)
    best = stages.sort_values("share", ascending=False).iloc[0]
    worst = stages.sort_values("share").iloc[0]
    title = _(
        "{best} fields are the most complete ({best_share}); {worst} the least ({worst_share})",
        best=best["name"],
        best_share=fmt.percent(best["share"]),
        worst=worst["name"],
        worst_share=fmt.percent(worst["share"]),
    )
    fig = charts.bar(stages, "name", "share", title, _("Share of processes publishing the fields"), labels=fmt.percent)
    table = pd.DataFrame({_("Stage"): stages["name"], _("Mean coverage"): [fmt.percent(v) for v in stages["share"]]})
    charts.show(fig, table, key="coverage_stages")
    fields = pd.DataFrame(
        {
            _("Stage"): paths["stage"].map(stage_names()),
            _("Field"): paths["path"],
            _("Processes publishing it"): [fmt.percent(v) for v in paths["share"]],
        }
    )
    with st.expander(_("Every field")):
        layout.text_table(fields)
    return fig, table


def trend_section(active: dict):
    st.subheader(_("Coverage trend by month"))
    coverage = db.run("field_coverage", group_by="month", **active)
    by_month = coverage[coverage["group"].notna()]  # undated processes have no month
    latest = kpis.reference_month(list(by_month["group"].unique()))
    if latest is None:
        layout.empty_state(_("No dated process in the chosen filters."))
        return None
    rows = []
    for month in kpis.last_months(latest):
        of_month = by_month[by_month["group"] == month]
        if of_month.empty:
            continue
        for _index, stage in stage_coverage(path_coverage(of_month)).iterrows():
            rows.append({"month": pd.Timestamp(month + "-01"), "stage": stage["name"], "share": stage["share"]})
    if not rows:
        layout.empty_state(_("No coverage figures for the last twelve months."))
        return None
    trend = pd.DataFrame(rows)
    last = trend[trend["month"] == trend["month"].max()]
    title = _(
        "Coverage in the 12 months up to {month}, by stage (latest month: {share} on average)",
        month=fmt.month(latest + "-01"),
        share=fmt.percent(last["share"].mean()),
    )
    fig = charts.line(trend, "month", "share", title, _("Coverage"), labels=fmt.percent, series="stage")
    fig.update_yaxes(tickformat=".0%")
    table = trend.assign(month=[fmt.month(m) for m in trend["month"]], share=[fmt.percent(v) for v in trend["share"]])
    charts.show(fig, table.rename(columns={"month": _("Month"), "stage": _("Stage"), "share": _("Coverage")}), "trend")
    return fig


def support_section(support: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    st.subheader(_("Which metrics the data supports"))
    title_column = "title_en" if get_language() == "en" else "title_pt"
    supported = int(support["supported"].sum())
    st.metric(_("Metrics the data supports"), f"{supported} / {len(support)}", border=True)
    table = pd.DataFrame(
        {
            _("Metric"): support[title_column],
            _("Supported"): [_("yes") if ok else _("no") for ok in support["supported"]],
            _("Missing fields"): support["missing_fields"],
        }
    )
    with st.expander(_("Every metric")):
        layout.text_table(table)
    st.subheader(_("What to publish next"))
    missing = support.loc[~support["supported"], "missing_fields"].str.split(", ").explode().dropna()
    missing = missing[missing != ""]
    if missing.empty:
        st.success(_("The data has every field the metrics need."))
        return table, pd.DataFrame()
    unlock = missing.value_counts().rename_axis("field").reset_index(name="metrics")
    next_table = unlock.rename(columns={"field": _("Field to publish"), "metrics": _("Metrics it would enable")})
    st.caption(_("Fields no process publishes, by how many metrics each one holds back."))
    layout.text_table(next_table)
    return table, next_table


def checklist_section(paths: pd.DataFrame) -> pd.DataFrame:
    st.subheader(_("Evidence checklist"))
    st.caption(_("Each item is ticked from the live data: the share of processes publishing the field."))
    shares = dict(zip(paths["path"], paths["share"], strict=True))
    rows = []
    names = criteria()
    for criterion, text, path, needed in evidence():
        share = shares.get(path)
        done = share is not None and share >= needed
        rows.append(
            {
                _("Criterion"): names[criterion],
                _("Evidence"): text,
                _("Status"): _("done") if done else _("not yet"),
                _("Now"): fmt.percent(share),
                _("Target"): fmt.percent(needed, decimals=0),
                _("Field"): path,
            }
        )
    table = pd.DataFrame(rows)
    layout.text_table(table)
    return table


def kpi_table(active: dict) -> pd.DataFrame:
    """The month's headline KPIs (as on the overview page) for the meeting pack."""
    counts = db.run("process_count", group_by="month", **active)
    month = kpis.reference_month(list(counts["group"].astype(str)))
    if month is None:
        return pd.DataFrame()
    rows = []
    for metric_id, column, unit in (
        ("process_count", "value", "count"),
        ("awarded_value", "value", "money"),
        ("contracted_value", "value", "money"),
        ("supplier_count", "value", "count"),
        ("non_competitive_share", "share_count", "share"),
    ):
        frame = db.run(metric_id, group_by="month", **active)
        currency = kpis.main_currency(frame[frame["group"].astype(str) == month]) if unit == "money" else None
        kpi = kpis.monthly(frame, column, month, currency, missing_is_zero=unit != "share")
        shown = {"money": lambda v, c=currency: fmt.money(v, c), "share": fmt.percent, "count": fmt.number}[unit]
        rows.append(
            {
                _("Indicator"): methodology.text(metric_id),
                fmt.month(month + "-01"): shown(kpi.value),
                _("Month before"): shown(kpi.previous),
                _("Same month last year"): shown(kpi.year_before),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    active = filters.sidebar()
    layout.header(
        _("Open data"),
        _("How complete the published data is, which numbers it supports, and what to publish next."),
        active.get("publisher"),
    )
    st.caption(filters.describe(active))
    coverage = db.run("field_coverage", **active)
    if coverage.empty:
        layout.empty_state(_("No process in the chosen filters, so there is no coverage to measure."))
        return
    support = db.lookup("metric_support", publisher=active.get("publisher"))
    paths = path_coverage(coverage)
    stage_fig, stage_table = coverage_section(paths)
    trend_fig = trend_section(active)
    support_table, next_table = support_section(support)
    checklist = checklist_section(paths)
    pack = report.meeting_pack(
        _("Open data — meeting pack"),
        filters.describe(active, markdown=False),
        [
            (_("Key numbers of the month"), kpi_table(active), None),
            (_("Field coverage per stage"), stage_table, stage_fig),
            (_("Coverage trend by month"), None, trend_fig),
            (_("Evidence checklist"), checklist, None),
            (_("What to publish next"), next_table, None),
            (_("Which metrics the data supports"), support_table, None),
        ],
    )
    st.download_button(
        _("Download the meeting pack (HTML, print to PDF from the browser)"),
        pack,
        file_name="pacote-reuniao-dados-abertos.html",
        mime="text/html",
        key="download_pack",
        icon=":material/download:",
        on_click="ignore",
    )


main()
