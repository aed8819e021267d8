"""The cross-process refresh (loaders/postprocess.sql) and the metrics' stored filter steps (metrics/stored.py)
recompute only what a load's touched ocids can change. After
each load on top of a loaded database, the tables are exactly those a refresh of every ocid gives, and those of one
load of everything: on the real files (split in two loads, then a source that shrinks) and on generated benchmark
data."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pytest

from benchmarks.generate import write_dataset
from loaders import compile as compile_module
from loaders import postprocess
from loaders.database import connect
from loaders.load import LoadReport, load_paths
from metrics import stored
from tests.conftest import REAL

# Every table or column the refresh writes, and the tables it reads them from.
REFRESHED = (
    "processes",
    "parties",
    "organizations",
    "awards",
    "award_suppliers",
    "contracts",
    "tenderers",
    "bids",
    "publishers",
    "supplier_first_awards",
    "process_awarded_totals",
    *(f"stored_{step}" for step in stored.STORED),
)


def load(path: Path, *sources: Path, publisher: str | None = None) -> LoadReport:
    con = connect(path)
    try:
        return load_paths(con, [str(s) for s in sources], publisher)
    finally:
        con.close()


def snapshot(path: Path) -> dict[str, list[str]]:
    return {table: sorted(map(repr, rows(path, f"SELECT * FROM {table}"))) for table in REFRESHED}


def rows(path: Path, sql: str) -> list[tuple]:
    """The rows a query gives on the database, opened read-only."""
    con = connect(path, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@contextmanager
def every_ocid_touched(path: Path, copy: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a copy of the database, in a transaction whose TEMP table `touched` holds every ocid."""
    shutil.copy(path, copy)
    con = connect(copy)
    try:
        con.execute("BEGIN")
        con.execute("CREATE TEMP TABLE touched AS SELECT ocid FROM processes")
        yield con
    finally:
        con.close()


def refreshed_in_full(path: Path, scratch: Path) -> dict[str, list[str]]:
    """The tables of a copy of the database after a refresh that treats every ocid as touched."""
    copy = scratch / f"full-{path.name}"
    with every_ocid_touched(path, copy) as con:
        postprocess.remember_organizations(con)
        with postprocess.more_memory(con):
            postprocess.refresh(con)
            con.execute("DROP TABLE stored_prepared")  # the stored filter steps are built again from scratch
            stored.refresh(con)
        con.execute("COMMIT")
    return snapshot(copy)


def assert_as_refreshed_in_full(path: Path, scratch: Path) -> None:
    got, expected = snapshot(path), refreshed_in_full(path, scratch)
    for table in REFRESHED:
        assert got[table] == expected[table], table
    assert_counts_as_counted_again(path)
    assert_one_row_per_key(path)


# The columns loaders/schema.sql marks unique (no PRIMARY KEY checks them).
UNIQUE_KEYS = {
    "compiled_releases": "ocid",
    "processes": "ocid",
    "organizations": "org_id",
    "cardinal_processes": "ocid",
    "coverage_counts": "ocid",
    "supplier_first_awards": "supplier_id",
    "process_awarded_totals": "ocid",
}


def assert_one_row_per_key(path: Path) -> None:
    for table, key in UNIQUE_KEYS.items():
        ((repeated,),) = rows(path, f"SELECT count(*) - count(DISTINCT {key}) FROM {table}")
        assert repeated == 0, table


def assert_counts_as_counted_again(path: Path) -> None:
    """What a refresh takes by difference, or from its own pass over the amounts (as a refresh of every ocid would
    take it), equals a count of the rows: each organization's processes, each publisher's amounts outside its main
    currency, each supplier's first month with a valid award."""
    assert rows(path, "SELECT org_id, processes FROM organizations ORDER BY org_id") == rows(
        path, "SELECT org_id, count(DISTINCT ocid) FROM parties GROUP BY org_id ORDER BY org_id"
    )
    assert rows(path, "SELECT publisher, left_out_amounts FROM publishers ORDER BY publisher") == rows(
        path, LEFT_OUT_AMOUNTS
    )
    assert rows(path, "SELECT * FROM supplier_first_awards ORDER BY supplier_id") == rows(path, FIRST_AWARDS)


LEFT_OUT_AMOUNTS = """
SELECT pub.publisher, (
    SELECT count(*) FILTER (WHERE NOT p.tender_in_main_currency) FROM processes p WHERE p.publisher = pub.publisher
) + (
    SELECT count(*) FILTER (WHERE NOT a.in_main_currency) FROM awards a JOIN processes p USING (ocid)
    WHERE p.publisher = pub.publisher
) + (
    SELECT count(*) FILTER (WHERE NOT c.in_main_currency) FROM contracts c JOIN processes p USING (ocid)
    WHERE p.publisher = pub.publisher
)
FROM publishers AS pub
ORDER BY pub.publisher
"""

FIRST_AWARDS = """
SELECT s.supplier_id, MIN(DATE_TRUNC('month', p.period_date))::DATE
FROM award_suppliers AS s
INNER JOIN awards AS a ON a.ocid = s.ocid AND a.award_id IS NOT DISTINCT FROM s.award_id
INNER JOIN processes AS p ON p.ocid = s.ocid
WHERE NOT p.is_sale AND COALESCE(a.status, '') NOT IN ('cancelled', 'unsuccessful')
GROUP BY s.supplier_id
ORDER BY s.supplier_id
"""


def split_real_files(folder: Path) -> tuple[Path, Path]:
    """Every other file of each real publisher in one folder, the rest in another (a later stage of a process is
    often in the other half); each single-file publisher's package is cut in two the same way."""
    halves = folder / "first", folder / "second"
    for publisher in sorted(p for p in REAL.iterdir() if p.is_dir()):
        files = sorted(publisher.glob("*.json"))
        if len(files) == 1 and "releases" in (package := json.loads(files[0].read_text(encoding="utf-8"))):
            for half, releases in zip(halves, (package["releases"][::2], package["releases"][1::2]), strict=True):
                (half / publisher.name).mkdir(parents=True)
                (half / publisher.name / files[0].name).write_text(json.dumps({**package, "releases": releases}))
            continue
        for index, path in enumerate(files):
            target = halves[index % 2] / publisher.name
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target / path.name)
    return halves


def test_real_files_loaded_in_parts_are_refreshed_as_in_full(tmp_path):
    first, second = split_real_files(tmp_path / "real")
    path, at_once = tmp_path / "parts.duckdb", tmp_path / "at-once.duckdb"
    load(path, first)
    load(path, second)
    assert_as_refreshed_in_full(path, tmp_path)
    load(at_once, first, second)
    assert snapshot(path) == snapshot(at_once)
    shrinking = first / "armenia-armeps" / "6.json"
    package = json.loads(shrinking.read_text(encoding="utf-8"))
    shrinking.write_text(json.dumps({**package, "releases": package["releases"][: len(package["releases"]) // 3]}))
    load(path, first)  # processes that lose every release leave their organizations, suppliers and totals
    assert_as_refreshed_in_full(path, tmp_path)


def tender_and_award(number: int, unit: str, currency: str, date: str = "2024-03-01", release: int = 1) -> dict:
    """A small OCDS 1.1 release: a tender of the city's `unit`, and its award to one of two suppliers, in `currency`
    (the process counts in the month of `date`, which the award lacks)."""
    ocid, supplier = f"ocds-test01-{number}", {"id": f"S{number % 2}", "name": f"Fornecedor {number % 2}"}
    return {
        "ocid": ocid,
        "id": f"{ocid}-{release}",
        "date": f"{date}T00:00:00Z",
        "tag": ["award"],
        "initiationType": "tender",
        "parties": [
            {"id": "CITY", "name": "Cidade", "roles": ["buyer"]},
            {"id": "UNIT", "name": unit, "roles": ["procuringEntity"]},
            {**supplier, "roles": ["supplier"]},
        ],
        "buyer": {"id": "CITY", "name": "Cidade"},
        "tender": {
            "id": "1",
            "procuringEntity": {"id": "UNIT", "name": unit},
            "value": {"amount": 100, "currency": currency},
        },
        "awards": [
            {"id": "1", "status": "active", "value": {"amount": 90, "currency": currency}, "suppliers": [supplier]}
        ],
    }


@pytest.mark.parametrize(
    ("currencies", "publisher_row", "totals"),
    [
        (("USD", "EUR"), ("EUR", 6), (4, 360)),  # the main currency changes too: every process of it is restated
        (("BRL", "BRL"), ("BRL", 0), (7, 630)),  # only the spelling changes
    ],
)
def test_a_load_that_changes_a_spelling_and_a_main_currency_updates_untouched_processes(
    tmp_path, currencies, publisher_row, totals
):
    """Processes the second load does not touch take the key's new display spelling and, when it changes, the
    publisher's new main currency (their awards in dollars leave the totals)."""
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(json.dumps(tender_and_award(n, "Secretaria de Saúde", currencies[0])) for n in range(3)))
    second.write_text(
        "\n".join(json.dumps(tender_and_award(n, "SECRETARIA DE SAÚDE", currencies[1])) for n in range(3, 7))
    )
    path = tmp_path / "spelling.duckdb"
    load(path, first, publisher="Cidade")
    load(path, second, publisher="Cidade")
    assert_as_refreshed_in_full(path, tmp_path)
    assert rows(path, "SELECT DISTINCT secretariat FROM processes") == [("SECRETARIA DE SAÚDE",)]
    assert rows(path, "SELECT main_currency, left_out_amounts FROM publishers") == [publisher_row]
    assert rows(path, "SELECT count(*), sum(awarded_total) FROM process_awarded_totals") == [totals]


def test_a_supplier_whose_first_award_moves_later_gets_its_next_one(tmp_path):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(json.dumps(tender_and_award(n, "Obras", "BRL", f"2024-0{n + 1}-10")) for n in (0, 2)))
    second.write_text(json.dumps(tender_and_award(0, "Obras", "BRL", "2024-07-10", release=2)))
    path = tmp_path / "later.duckdb"
    load(path, first)
    load(path, second)
    assert_as_refreshed_in_full(path, tmp_path)
    assert rows(path, "SELECT first_month FROM supplier_first_awards") == [(date(2024, 3, 1),)]


def test_a_publisher_left_without_processes_loses_its_stored_field_counts(tmp_path):
    """The file comes again under another publisher: the first one has no process left, and the field counts, which
    a load rewrites by difference (metrics/stored.py), leave it out as counting every process again does."""
    source = tmp_path / "city.jsonl"
    source.write_text("\n".join(json.dumps(tender_and_award(n, "Obras", "BRL")) for n in range(2)))
    path = tmp_path / "publishers.duckdb"
    load(path, source, publisher="Prefeitura A")
    source.write_text("\n".join(json.dumps(tender_and_award(n, "Obras", "BRL", release=2)) for n in range(2)))
    load(path, source, publisher="Prefeitura B")
    assert_as_refreshed_in_full(path, tmp_path)
    assert rows(path, "SELECT DISTINCT publisher FROM stored_field_counts") == [("Prefeitura B",)]


def with_bids(release: dict, amounts: dict[str, int]) -> dict:
    """The release with one valid bid per tenderer id, of the given amount in reais."""
    details = [
        {"id": tenderer, "status": "valid", "tenderers": [{"id": tenderer}], "value": {"amount": a, "currency": "BRL"}}
        for tenderer, a in amounts.items()
    ]
    return {**release, "bids": {"details": details}}


def test_a_release_that_changes_only_a_bid_rewrites_the_stored_red_flag_steps(tmp_path):
    """The second release changes one bid and nothing the filter step `filtered_processes` keeps: the stored
    red-flag steps (flag_bids, bid_ratios) still take the new bid."""
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    release = tender_and_award(0, "Obras", "BRL")
    first.write_text(json.dumps(with_bids(release, {"S0": 90, "S9": 95})))
    second.write_text(json.dumps(with_bids({**release, "id": "ocds-test01-0-2"}, {"S0": 90, "S9": 180})))
    path = tmp_path / "bids.duckdb"
    load(path, first)
    load(path, second)
    assert_as_refreshed_in_full(path, tmp_path)
    assert rows(path, "SELECT ratio FROM stored_bid_ratios") == [(1.0,)]


def test_processes_without_a_main_currency_take_their_publishers_new_bid_currency(tmp_path):
    """A publisher whose only amounts are bids has no main currency: its red flags take the currency of most of
    its bids, which the second load changes for the process it does not touch."""

    def bids_only(number: int, currency: str) -> dict:
        release = with_bids(tender_and_award(number, "Obras", currency), {"S0": 90, "S9": 95})
        del release["tender"]["value"], release["awards"]
        for bid in release["bids"]["details"]:
            bid["value"]["currency"] = currency
        return release

    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(json.dumps(bids_only(0, "USD")))
    second.write_text("\n".join(json.dumps(bids_only(number, "EUR")) for number in (1, 2)))
    path = tmp_path / "bid-currency.duckdb"
    load(path, first)
    load(path, second)
    assert_as_refreshed_in_full(path, tmp_path)
    assert rows(path, "SELECT DISTINCT currency FROM stored_flag_base") == [("EUR",)]


def test_a_supplier_whose_only_party_goes_loses_its_scale_in_the_processes_that_only_name_it(tmp_path):
    """Process 1 names supplier S1 in its award but not among its parties: its line takes S1's scale from the
    organization, which process 3's party gives. When process 3's file comes again without that party, S1 leaves
    the organizations, and the stored line of process 1, which the load does not touch, loses the scale."""

    def with_supplier_party(number: int, party: bool) -> dict:
        release = tender_and_award(number, "Obras", "BRL")
        parties = [p for p in release["parties"] if "supplier" not in p["roles"]]
        if party:
            parties.append({"id": "S1", "name": "Fornecedor 1", "roles": ["supplier"], "details": {"scale": "sme"}})
        return {**release, "parties": parties}

    unnamed, named = tmp_path / "unnamed.jsonl", tmp_path / "named.jsonl"
    unnamed.write_text(json.dumps(with_supplier_party(1, party=False)))
    named.write_text(json.dumps(with_supplier_party(3, party=True)))
    path = tmp_path / "gone.duckdb"
    load(path, unnamed, named)
    scale = "SELECT scale FROM stored_supplier_lines WHERE ocid = 'ocds-test01-1'"
    assert rows(path, scale) == [("sme",)]
    named.write_text(json.dumps(with_supplier_party(3, party=False)))
    load(path, named)
    assert_as_refreshed_in_full(path, tmp_path)
    assert rows(path, scale) == [(None,)]


def test_bytes_loaded_before_are_not_refreshed_again(tmp_path, monkeypatch):
    path = tmp_path / "again.duckdb"
    load(path, REAL / "armenia-armeps")
    before = snapshot(path)

    def refuse(con):
        raise AssertionError("a load that touches no ocid refreshed the cross-process tables")

    monkeypatch.setattr(postprocess, "refresh", refuse)
    report = load(path, REAL / "armenia-armeps")
    assert (report.unchanged, report.processes) == (1, 0)
    assert snapshot(path) == before


@pytest.fixture(scope="module")
def benchmark_data(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("bench")
    base, increment = write_dataset(600, 11, folder), write_dataset(600, 11, folder, increment=True)
    return folder / base.jsonl, folder / increment.jsonl


def test_the_benchmark_increment_gives_the_tables_of_one_load(tmp_path, benchmark_data):
    base, increment = benchmark_data
    path, at_once = tmp_path / "incremental.duckdb", tmp_path / "at-once.duckdb"
    load(path, base)
    load(path, increment)
    load(at_once, base, increment)
    assert_as_refreshed_in_full(path, tmp_path)
    assert snapshot(path) == snapshot(at_once)


def first_values_in_sql(path: Path, scratch: Path) -> list[tuple]:
    """contract_first_values of a copy of the database, every ocid's computed by loaders/first_values.sql alone."""
    with every_ocid_touched(path, scratch / f"sql-{path.name}") as con:
        postprocess.first_values(con)
        return sorted(con.execute("SELECT * FROM contract_first_values").fetchall(), key=repr)


@pytest.mark.parametrize("data", ["real", "benchmark"])
def test_first_contract_values_taken_while_merging_equal_the_sql(tmp_path, benchmark_data, monkeypatch, data):
    """The native merge takes each contract's first value as it merges (native/painel_merge/src/first_values.rs);
    loaders/first_values.sql, reading the stored releases again, gives the same rows."""
    done: list[int] = []

    def counted(con, batches):
        done.append(sum(len(batch.first_done) for batch in batches))
        return keep(con, batches)

    keep = compile_module.keep_first_values
    monkeypatch.setattr(compile_module, "keep_first_values", counted)
    path = tmp_path / "first.duckdb"
    load(path, *([REAL] if data == "real" else benchmark_data))
    assert sum(done) > 0
    got = sorted(rows(path, "SELECT * FROM contract_first_values"), key=repr)
    assert got
    assert got == first_values_in_sql(path, tmp_path)
