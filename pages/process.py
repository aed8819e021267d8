"""Processo: one contracting process — timeline of its releases, parties, items, bids, awards, contracts, and
links to the source. Opened as /processo?ocid=..."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, db, filters, flags, fmt, labels, layout, methodology
from ui.i18n import _


def part(ocid: str, name: str) -> pd.DataFrame:
    return db.lookup("process_detail", ocid=ocid, part=name)


def dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        if column in frame:
            frame[column] = [fmt.date(v) for v in frame[column]]
    return frame


def money_column(frame: pd.DataFrame, value: str = "value", currency: str = "currency") -> pd.DataFrame:
    if value in frame:
        frame = frame.copy()
        frame[value] = [fmt.money(v, c) for v, c in zip(frame[value], frame[currency], strict=True)]
    return frame


def headers() -> dict[str, str]:
    """Readable column names for the detail tables (the OCDS field names stay in the downloads)."""
    return {
        "release_id": _("Release"),
        "date": _("Date"),
        "tag": _("Stage"),
        "source": _("Source"),
        "fetched_at": _("Loaded on"),
        "org_id": _("Identifier"),
        "name": _("Name"),
        "roles": _("Roles"),
        "scale": _("Size"),
        "locality": _("Locality"),
        "region": _("Region"),
        "stage": _("Stage"),
        "description": _("Description"),
        "quantity": _("Quantity"),
        "unit_name": _("Unit"),
        "unit_value": _("Unit value"),
        "status": _("Status"),
        "value": _("Value"),
        "currency": _("Currency"),
        "title": _("Title"),
        "suppliers": _("Suppliers"),
        "tenderer_names": _("Bidders"),
        "date_signed": _("Signed on"),
        "period_start": _("Starts"),
        "period_end": _("Ends"),
        "amendments": _("Amendments"),
        "paid_value": _("Paid"),
    }


def section(title: str, frame: pd.DataFrame, empty: str) -> None:
    st.subheader(title)
    if frame.empty:
        layout.empty_state(empty)
    else:
        layout.text_table(frame.rename(columns=headers()))


def summary(process: pd.Series) -> None:
    st.subheader(layout.plain(process["title"] or process["ocid"]))
    if process.get("description"):
        st.text(str(process["description"]))  # text, never markdown/HTML: it comes from the data
    columns = st.columns(4)
    columns[0].metric(_("Procedure type"), labels.procedure(process["procedure_type"]), border=True)
    columns[1].metric(
        _("Estimated value"), fmt.money(process["tender_value"], process["tender_currency"], compact=True), border=True
    )
    columns[2].metric(
        _("Awarded value"), fmt.money(process.get("awarded_value"), process.get("currency"), compact=True), border=True
    )
    columns[3].metric(_("Bidders"), fmt.number(process["number_of_tenderers"]), border=True)
    st.caption(
        _(
            "Publisher: {publisher} · buyer: {buyer} · secretariat: {secretariat} · tender {start} to {end}",
            publisher=layout.plain(process["publisher"]),
            buyer=layout.plain(process["buyer_name"] or fmt.MISSING),
            secretariat=layout.plain(process["secretariat"] or fmt.MISSING),
            start=fmt.date(process["tender_start"]),
            end=fmt.date(process["tender_end"]),
        )
    )
    if process.get("source_url"):
        st.link_button(_("Open at the source"), str(process["source_url"]), icon=":material/open_in_new:")


def events(process: pd.Series, releases: pd.DataFrame, awards: pd.DataFrame, contracts: pd.DataFrame) -> pd.DataFrame:
    """Dated events of the process, for its timeline (missing dates are left out, never guessed)."""
    rows = [(release_date, _("Release")) for release_date in releases["date"]]
    rows += [(process["tender_start"], _("Tender opens")), (process["tender_end"], _("Tender closes"))]
    rows += [(award_date, _("Award")) for award_date in awards.get("date", [])]
    rows += [(signed, _("Contract signed")) for signed in contracts.get("date_signed", [])]
    frame = pd.DataFrame(rows, columns=["date", "event"])
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce", utc=True)
    return frame.dropna(subset=["date"]).sort_values("date")


def timeline(process: pd.Series, ocid: str) -> None:
    dated = events(process, part(ocid, "releases"), part(ocid, "awards"), part(ocid, "contracts"))
    if dated.empty:
        layout.empty_state(_("The data gives no dates for this process."))
        return
    first, last = dated["date"].min(), dated["date"].max()
    title = _(
        "From {first} to {last}: {days} days from first to last event",
        first=fmt.date(first),
        last=fmt.date(last),
        days=fmt.number((last - first).days),
    )
    table = pd.DataFrame({_("Date"): [fmt.date(d) for d in dated["date"]], _("Event"): dated["event"]})
    charts.show(charts.timeline(dated, "date", "event", title), table, key="process_timeline")


def choose_ocid(active: dict) -> str | None:
    ocid = st.session_state.get("ocid")
    if ocid:
        return ocid
    rows = db.run("process_list", limit=200, **active)
    if rows.empty:
        layout.empty_state(_("No process matches the chosen filters."))
        return None
    names = {o: f"{t or o} ({o})" for o, t in zip(rows["ocid"], rows["title"], strict=True)}
    return st.selectbox(_("Choose a process"), list(names), format_func=names.get, key="process_pick")


def main() -> None:
    active = filters.sidebar()
    layout.header(_("Process"), _("One contracting process, from its first release to its contracts."))
    st.text_input(_("OCID"), key="ocid", placeholder="ocds-…")
    ocid = choose_ocid(active)
    if not ocid:
        return
    process = part(ocid, "process")
    if process.empty:
        layout.empty_state(_("No process with OCID “{ocid}” in the loaded data.", ocid=layout.plain(ocid)))
        return
    summary(process.iloc[0])
    st.subheader(_("Timeline"))
    timeline(process.iloc[0], ocid)
    releases = dates(part(ocid, "releases"), "fetched_at")
    releases["date"] = [fmt.date(v) for v in releases["date"]]
    releases["tag"] = [", ".join(tags) if tags is not None else "" for tags in releases["tag"]]
    section(_("Timeline of releases"), releases, _("No release stored for this process."))
    parties = part(ocid, "parties")
    parties["roles"] = [", ".join(r) if r is not None else "" for r in parties["roles"]]
    section(_("Parties"), parties, _("The data lists no parties for this process."))
    section(_("Items"), part(ocid, "items"), _("The data lists no items for this process."))
    bids = money_column(dates(part(ocid, "bids"), "date"))
    section(_("Bids"), bids, _("The data has no bids for this process (the bid extension is rarely published)."))
    awards = money_column(dates(part(ocid, "awards"), "date"))
    section(_("Awards"), awards, _("No award published for this process."))
    contracts = money_column(dates(part(ocid, "contracts"), "date_signed", "period_start", "period_end"))
    section(_("Contracts"), contracts, _("No contract published for this process."))
    st.subheader(_("Red flags of this process"))
    if not db.metrics_of_theme("red_flags"):
        layout.pending(_("Red flags of this process"), ["red_flags"])
    else:
        indicators = flags.of_process(ocid, process.iloc[0]["publisher"])
        if indicators:
            st.warning(
                _(
                    "Signals found (a reason to look closer, not proof of wrongdoing): {names}.",
                    names="; ".join(methodology.text(i) for i in indicators),
                ),
                icon=":material/flag:",
            )
        else:
            st.success(_("No red-flag indicator flags this process."))
    st.caption(filters.describe(active))


main()
