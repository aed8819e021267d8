"""Metrics on the real OCDS files the repo carries (assets/data/ocds), loaded with the bundled-database builder.

Expectations are computed here straight from the raw JSON files, independently of the loader and the SQL.
"""

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from statistics import mean, median, quantiles

import duckdb
import pandas as pd
import pytest

import metrics
from loaders.bundle import build_bundled_database
from metrics.registry import METRICS

DATA = Path(__file__).resolve().parent.parent / "assets" / "data" / "ocds"
PORTUGAL = "IMPIC — Portal BASE (Portugal)"
BRAZIL = "Medicamentos Transparentes (Transparência Brasil / PNCP)"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    path = tmp_path_factory.mktemp("bundled") / "bundled.duckdb"
    build_bundled_database(path)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def portugal_releases():
    return json.loads((DATA / "portugal-impic" / "collection_file.json").read_text(encoding="utf-8"))[0]["releases"]


def brazil_releases():
    path = DATA / "brazil-medicamentos-transparentes" / "sc-1-2025.excerpt.json"
    return json.loads(path.read_text(encoding="utf-8"))["releases"]


def test_portugal_awarded_value_equals_the_sum_of_its_awards(bundled):
    expected = sum(award["value"]["amount"] for release in portugal_releases() for award in release["awards"])
    frame = metrics.run("awarded_value", bundled, publisher=PORTUGAL)
    assert frame["currency"].tolist() == ["EUR"]
    assert frame["value"].iloc[0] == pytest.approx(expected)
    assert frame["processes"].tolist() == [len(portugal_releases())]


def test_portugal_direct_awards_are_all_non_competitive(bundled):
    assert {release["tender"]["procurementMethod"] for release in portugal_releases()} == {"direct"}
    frame = metrics.run("non_competitive_share", bundled, publisher=PORTUGAL)
    assert frame[["processes", "share_count", "share_value"]].values.tolist() == [[100, 1.0, 1.0]]


def test_brazil_small_supplier_share_from_party_scale(bundled):
    scale_by_party = {
        party["id"]: party.get("details", {}).get("scale")
        for release in brazil_releases()
        for party in release["parties"]
    }
    awards = [
        (award["value"]["amount"], scale_by_party[supplier["id"]])
        for release in brazil_releases()
        for award in release.get("awards", [])
        for supplier in award["suppliers"]
    ]
    small = sum(value for value, scale in awards if scale == "micro")
    frame = metrics.run("small_supplier_share", bundled, publisher=BRAZIL)
    assert frame["suppliers"].tolist() == [len(awards)]
    assert frame["share_value"].iloc[0] == pytest.approx(small / sum(value for value, _ in awards))


def test_brazil_tender_period_days(bundled):
    def days(period):
        start, end = (datetime.fromisoformat(period[key].replace("Z", "+00:00")) for key in ("startDate", "endDate"))
        return (end - start).total_seconds() / 86400

    lengths = [days(release["tender"]["tenderPeriod"]) for release in brazil_releases()]
    frame = metrics.run("tender_period_days", bundled, publisher=BRAZIL)
    assert frame["mean"].iloc[0] == pytest.approx(mean(lengths))
    assert frame["median"].iloc[0] == pytest.approx(median(lengths))
    first, _, third = quantiles(lengths, n=4, method="inclusive")  # linear interpolation, as QUANTILE_CONT
    assert (frame["p25"].iloc[0], frame["p75"].iloc[0]) == pytest.approx((first, third))


def test_brazil_savings_only_where_estimate_and_award_exist(bundled):
    pairs = [
        (release["tender"]["value"]["amount"], sum(award["value"]["amount"] for award in release["awards"]))
        for release in brazil_releases()
        if release.get("awards") and release["tender"]["value"]["amount"] > 0
    ]
    frame = metrics.run("savings", bundled, publisher=BRAZIL)
    assert frame["processes"].tolist() == [len(pairs)]
    assert frame["savings"].iloc[0] == pytest.approx(sum(estimate - award for estimate, award in pairs))


@pytest.mark.parametrize("metric_id", sorted(METRICS))
def test_every_metric_runs_on_the_bundled_data_and_never_mixes_currencies(metric_id, bundled):
    frame = metrics.run(metric_id, bundled)
    if "currency" in frame.columns and "group" in frame.columns:
        assert not frame.duplicated(["group", "currency"]).any()


def test_field_coverage_equals_ocdscardinal_coverage(bundled, tmp_path):
    """Occurrence counts of every checklist field equal ocdscardinal.coverage() on the same compiled releases."""
    import ocdscardinal

    lines = tmp_path / "compiled.jsonl"
    with lines.open("w", encoding="utf-8") as file:
        for (data,) in bundled.execute("SELECT data FROM compiled_releases ORDER BY ocid").fetchall():
            file.write(json.dumps(json.loads(data), ensure_ascii=False) + "\n")
    expected = ocdscardinal.coverage(str(lines))
    frame = metrics.run("field_coverage", bundled)
    ours = frame.groupby("path")["occurrences"].sum().astype(int).to_dict()
    assert len(ours) >= 30
    assert {path: count for path, count in ours.items() if expected.get(path, 0) != count} == {}
    assert ours["/awards[]/value/amount"] > 0  # the comparison is not between zeros


def test_field_coverage_by_month_equals_the_coverage_of_each_month_alone(bundled):
    """Grouped by month (the open-data trend, one query; unfiltered, from the stored counts), each month's rows equal
    the coverage with that month as the date filter (counted from the processes), and the months add up to the whole."""
    by_month = metrics.run("field_coverage", bundled, group_by="month")
    months = sorted(by_month["group"].dropna().unique())
    assert len(months) >= 12
    columns = ["publisher", "stage", "path", "processes", "total_processes", "occurrences"]
    for month in (months[0], months[len(months) // 2], months[-1]):
        start = pd.Timestamp(month + "-01")
        alone = metrics.run(
            "field_coverage",
            bundled,
            date_from=start.date().isoformat(),
            date_to=(start + pd.offsets.MonthEnd(0)).date().isoformat(),
        )
        grouped = by_month[by_month["group"] == month]
        assert grouped["processes"].sum() > 0
        assert grouped[columns].reset_index(drop=True).equals(alone[columns].reset_index(drop=True)), month
    overall = metrics.run("field_coverage", bundled)
    summed = by_month.groupby(["publisher", "path"])["occurrences"].sum()
    assert summed.equals(overall.groupby(["publisher", "path"])["occurrences"].sum())


def test_brazil_r003_short_periods_from_raw_dates(bundled):
    """Cardinal's R003: whole days of endDate - startDate below 15 (Brazil's tenders are all open)."""

    def whole_days(period):
        start, end = (datetime.fromisoformat(period[key].replace("Z", "+00:00")) for key in ("startDate", "endDate"))
        return (end - start).days if end >= start else -((start - end).days)

    expected = sorted(
        release["ocid"] for release in brazil_releases() if whole_days(release["tender"]["tenderPeriod"]) < 15
    )
    frame = metrics.run("r003", bundled, publisher=BRAZIL)
    assert frame["id"].tolist() == expected
    assert 0 < len(expected) < len(brazil_releases())


def test_each_supplier_option_counts_the_processes_its_filter_keeps(bundled):
    """The supplier filter's options list every supplier the filter can keep processes for, bidders that never won
    among them, each with the number of processes that choosing it keeps."""
    options = metrics.lookup("filter_options", bundled)
    suppliers = options[options.kind == "supplier"].set_index("value")["processes"]
    awarded = {row[0] for row in bundled.execute("SELECT DISTINCT supplier_id FROM award_suppliers").fetchall()}
    never_awarded = [supplier for supplier in suppliers.index if supplier not in awarded]
    assert never_awarded, "the bundled data has bidders without an award"
    for supplier in [*suppliers.index[:20], *never_awarded[:20]]:
        kept = metrics.run("process_count", bundled, supplier=supplier)["value"].sum()
        assert suppliers[supplier] == kept, supplier


def test_supplier_profile_without_a_filter_skips_a_join_that_changes_nothing(bundled, monkeypatch):
    """With no filter set, supplier_profile counts every process without joining `filtered_processes`
    ($every_process); joined to it, as with a filter, the rows must be the same."""
    from metrics import runner

    unjoined = metrics.run("supplier_profile", bundled, limit=500)
    monkeypatch.setattr(runner, "every_process", lambda filters: False)
    joined = metrics.run("supplier_profile", bundled, limit=500)
    assert len(unjoined) > 100
    pd.testing.assert_frame_equal(unjoined, joined)


def test_armenia_competition_from_raw_number_of_tenderers(bundled):
    """Competitive (open/selective), not cancelled, numberOfTenderers published: single-bid share and mean bidders."""
    path = DATA / "armenia-armeps" / "6.json"
    releases = json.loads(path.read_text(encoding="utf-8"))["releases"]
    counts = [
        release["tender"]["numberOfTenderers"]
        for release in releases
        if release.get("tender", {}).get("procurementMethod") in ("open", "selective")
        and release["tender"].get("status") != "cancelled"
        and "numberOfTenderers" in release["tender"]
    ]
    publisher = "Armeps / PPCM (Armênia)"
    single = metrics.run("single_bid_share", bundled, publisher=publisher)
    assert single[["processes", "single_bid"]].values.tolist() == [[len(counts), counts.count(1)]]
    bidders = metrics.run("bidders_per_process", bundled, publisher=publisher)
    assert bidders["mean"].iloc[0] == pytest.approx(mean(counts))
    assert bidders["median"].iloc[0] == pytest.approx(median(counts))


def test_flag_counts_add_up_every_red_flag_by_indicator_secretariat_and_supplier(bundled):
    found = {m.id: metrics.run(m.id, bundled) for m in METRICS.values() if m.theme == "red_flags"}
    counts = metrics.lookup("flag_counts", bundled)
    counted = {
        dimension: {name: (flags, processes) for name, flags, processes in rows[["name", "flags", "processes"]].values}
        for dimension, rows in counts.groupby("dimension")
    }
    assert counted["indicator"] == {
        code: (len(frame), (frame["group"] == "OCID").sum()) for code, frame in found.items() if len(frame)
    }
    per_process = Counter(ocid for frame in found.values() for ocid in frame.loc[frame["group"] == "OCID", "id"])
    secretariats = dict(bundled.execute("SELECT ocid, secretariat FROM processes").fetchall())
    suppliers = bundled.execute(
        "SELECT DISTINCT ocid, COALESCE(supplier_name, supplier_id) FROM award_suppliers"
    ).fetchall()
    assert counted["secretariat"] == tally((secretariats[ocid], ocid, n) for ocid, n in per_process.items())
    assert counted["supplier"] == tally(
        (name, ocid, per_process[ocid]) for ocid, name in suppliers if ocid in per_process
    )
    assert "Currie &#38; Brown Mexico S. A. de C. V." in counted["supplier"]  # a name with '; ' stays whole
    for dimension, rows in counts.groupby("dimension"):
        assert rows["flags"].is_monotonic_decreasing  # most flagged first
        alone = metrics.lookup("flag_counts", bundled, dimension=dimension)  # runs fewer indicators, same counts
        assert alone.equals(rows.reset_index(drop=True)), dimension


def tally(rows) -> dict:
    """(name, ocid, flags) rows → {name: (flags, processes)}, names that are NULL left out."""
    flags, processes = Counter(), Counter()
    for name, _ocid, n in rows:
        if name is not None:
            flags[name] += n
            processes[name] += 1
    return {name: (flags[name], processes[name]) for name in flags}


def test_process_flags_are_the_indicators_that_flag_that_process(bundled):
    """The process page's lookup filters each indicator to one process inside DuckDB: same indicators as the full
    runs, for every flagged process of one publisher and for an unflagged one."""
    (publisher,) = bundled.execute(
        "SELECT publisher FROM processes GROUP BY publisher ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    expected: dict[str, set[str]] = {}
    for metric in METRICS.values():
        if metric.theme == "red_flags":
            frame = metrics.run(metric.id, bundled, publisher=publisher)
            for ocid in frame.loc[frame["group"] == "OCID", "id"]:
                expected.setdefault(ocid, set()).add(metric.id)
    assert len({code for codes in expected.values() for code in codes}) >= 3  # several indicators fire
    (unflagged,) = bundled.execute(
        "SELECT ocid FROM processes WHERE publisher = ? AND ocid NOT IN (SELECT unnest(?::VARCHAR[])) LIMIT 1",
        [publisher, list(expected)],
    ).fetchone()
    for ocid in [*expected, unflagged]:
        found = metrics.lookup("process_flags", bundled, ocid=ocid, publisher=publisher)["indicator"].tolist()
        assert found == sorted(expected.get(ocid, ())), ocid


DISTINCT_COUNTS = {  # metric: (its lines in contract_lines, its counts as distinct counts of those lines)
    "contracted_value": ("value IS NOT NULL", "COUNT(DISTINCT ocid) AS processes"),
    "paid_value": (
        "transactions > 0 AND paid_value IS NOT NULL",
        "COUNT(DISTINCT (ocid, contract_id)) AS contracts, COUNT(DISTINCT ocid) AS processes",
    ),
}


@pytest.mark.parametrize("metric_id", sorted(DISTINCT_COUNTS))
@pytest.mark.parametrize("group_by", ["none", "month", "secretariat", "supplier", "procedure_type", "publisher"])
def test_contract_counts_are_the_distinct_counts_of_their_lines(bundled, metric_id, group_by):
    """contracted_value and paid_value count processes and contracts by the lines contract_lines marks (no
    DISTINCT); distinct counts of the same lines must agree, grouped every way and for one supplier."""
    lines, counts = DISTINCT_COUNTS[metric_id]
    most_awarded = "SELECT supplier_id FROM award_suppliers GROUP BY 1 ORDER BY count(*) DESC, 1"
    (supplier,) = bundled.execute(most_awarded).fetchone()
    for chosen in (None, supplier):
        frame = metrics.run(metric_id, bundled, group_by=group_by, supplier=chosen)
        expected = bundled.execute(
            f"""SELECT group_key(?, period_date, secretariat, supplier_id, procedure_type, category, publisher)
                   AS "group", currency, {counts}
               FROM contract_lines WHERE {lines} GROUP BY ALL""",
            [group_by],
        ).df()
        merged = frame.merge(expected, on=["group", "currency"], how="outer", suffixes=("", "_distinct"))
        assert len(merged) == len(frame) > 0
        for column in ("contracts", "processes"):
            if column in frame:
                assert (merged[column] == merged[f"{column}_distinct"]).all(), (chosen, column)
