"""The loader on the real files the repo carries: every shape, identical merges, idempotence, atomicity."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import ijson
import numpy
import orjson
import pytest
from ocdskit.combine import merge
from ocdskit.upgrade import upgrade_10_11
from ocdskit.util import is_linked_release

from loaders import compile as compile_module
from loaders.__main__ import main as loaders_main
from loaders.compile import RELEASE_SCHEMA
from loaders.database import connect
from loaders.errors import FetchError, LoaderError, SourceError
from loaders.load import FLAT_TABLES, load_paths
from tests.conftest import REAL, ROOT
from tests.local_server import Answer, LocalServer

DATA_TABLES = ("releases", "compiled_releases", "processes", "awards", "award_suppliers", "contracts", "parties")


def real_files() -> list[Path]:
    return sorted(p for p in REAL.rglob("*.json"))


def ocdskit_input(files: list[Path]) -> list[dict]:
    """What `ocdskit upgrade 1.0:1.1 | ocdskit compile` is given: every package and release, upgraded per item.

    Records are not ocdskit compile input; their embedded (non-linked) releases are given as individual releases,
    because the loader merges them too.
    """
    items = []
    for path in files:
        with path.open("rb") as stream:
            for value in ijson.items(stream, "", multiple_values=True, use_float=True):
                for item in value if isinstance(value, list) else [value]:
                    item = upgrade_10_11(item, reorder=False)
                    if "records" in item:
                        items.extend(
                            r
                            for record in item["records"]
                            for r in record.get("releases", [])
                            if not is_linked_release(r)
                        )
                    elif "releases" in item and "ocid" in item:  # a bare record
                        items.extend(r for r in item["releases"] if not is_linked_release(r))
                    else:
                        items.append(item)
    return items


def table_snapshot(path: Path) -> dict[str, list]:
    con = connect(path, read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in (*DATA_TABLES, "sources")}
    finally:
        con.close()


@contextmanager
def unchanged(path: Path):
    """The tables (and sources) of the database at `path` are the same after the block as before it."""
    before = table_snapshot(path)
    yield
    assert table_snapshot(path) == before


def load(path: Path, *sources, **kwargs):
    con = connect(path)
    try:
        return load_paths(con, [str(s) for s in sources], **kwargs)
    finally:
        con.close()


@pytest.fixture(scope="module")
def all_real_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("real") / "all.duckdb"
    load(path, REAL)
    return path


def test_compiled_releases_equal_ocdskit_compile_for_every_ocid(all_real_db):
    expected = {
        c["ocid"]: c
        for c in merge(
            ocdskit_input(real_files()), schema=str(RELEASE_SCHEMA), force_version="1.1", ignore_version=True
        )
    }
    con = connect(all_real_db, read_only=True)
    ours = dict(con.execute("SELECT ocid, data FROM compiled_releases WHERE origin = 'merged'").fetchall())
    con.close()
    assert len(expected) > 550
    assert set(ours) == set(expected)
    different = [ocid for ocid in expected if orjson.loads(ours[ocid]) != expected[ocid]]
    assert different == []


def test_compiled_releases_past_the_memory_budget_go_through_a_scratch_file(all_real_db, tmp_path, monkeypatch):
    """A load whose compiled releases outgrow compile.IN_MEMORY writes them to a Parquet file: same table."""
    monkeypatch.setattr(compile_module, "IN_MEMORY", 1)
    path = tmp_path / "spilled.duckdb"
    load(path, REAL)
    assert compiled_objects(path) == compiled_objects(all_real_db)


def test_counts_equal_the_files_own(all_real_db):
    con = connect(all_real_db, read_only=True)
    ocids = {
        row[0]
        for row in con.execute(
            "SELECT ocid FROM releases UNION SELECT ocid FROM published_compiled_releases"
        ).fetchall()
    }
    compiled = [orjson.loads(d) for (d,) in con.execute("SELECT data FROM compiled_releases").fetchall()]
    processes, awards, contracts = con.execute(
        "SELECT (SELECT count(*) FROM processes), (SELECT count(*) FROM awards), (SELECT count(*) FROM contracts)"
    ).fetchone()
    con.close()
    assert processes == len(ocids) == len(compiled) == 584
    assert awards == sum(len(c.get("awards", [])) for c in compiled)
    assert contracts == sum(len(c.get("contracts", [])) for c in compiled)


def test_records_with_only_a_compiled_release_are_used_as_published(all_real_db):
    con = connect(all_real_db, read_only=True)
    origins = dict(con.execute("SELECT origin, count(*) FROM compiled_releases GROUP BY origin").fetchall())
    jalisco = con.execute(
        "SELECT origin FROM compiled_releases WHERE ocid = 'ocds-xs1qbl-SSEG-16-0252-00-2017'"
    ).fetchone()
    con.close()
    assert origins["published"] >= 1
    assert jalisco == ("published",)


def test_loading_the_same_sources_twice_changes_nothing(tmp_path):
    path = tmp_path / "twice.duckdb"
    load(path, REAL / "paraguay-dncp", REAL / "portugal-impic")
    before = table_snapshot(path)
    report = load(path, REAL / "paraguay-dncp", REAL / "portugal-impic")
    assert report.unchanged == report.documents == 73
    assert table_snapshot(path) == before


def test_copies_of_loaded_files_under_new_names_change_nothing(tmp_path):
    """A file never loaded from its location is stored while its bytes are hashed; the same bytes loaded before
    under another name are then taken out again."""
    package = REAL / "armenia-armeps" / "6.json"
    originals, copies = tmp_path / "originals", tmp_path / "copies"
    originals.mkdir()
    releases = json.loads(package.read_text(encoding="utf-8"))["releases"]
    (originals / "releases.jsonl").write_text("\n".join(json.dumps(r) for r in releases))
    shutil.copy(package, originals / "package.json")
    path = tmp_path / "copies.duckdb"
    load(path, originals)
    shutil.copytree(originals, copies)
    with unchanged(path):
        report = load(path, copies)
    assert report.unchanged == report.documents == 2


def test_json_lines_stored_in_many_batches_give_the_same_database(tmp_path, monkeypatch):
    """DuckDB stores a JSON lines file from batches of its lines; batches cut by size (a few releases each, as
    releases of megabytes would be) number the lines as one batch does."""
    releases = json.loads((REAL / "armenia-armeps" / "6.json").read_text(encoding="utf-8"))["releases"]
    source = tmp_path / "releases.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in releases) + "\n\n")
    load(tmp_path / "one.duckdb", source)
    monkeypatch.setattr(compile_module, "LINE_BATCH_BYTES", 6_000)
    assert len(compile_module.batch_ends(numpy.array([len(json.dumps(r)) for r in releases]))) > 40
    load(tmp_path / "many.duckdb", source)
    many, one = table_snapshot(tmp_path / "many.duckdb"), table_snapshot(tmp_path / "one.duckdb")
    assert {table: many[table] for table in DATA_TABLES} == {table: one[table] for table in DATA_TABLES}


def test_a_newer_release_of_a_known_ocid_updates_it(tmp_path):
    path = tmp_path / "stages.duckdb"
    folder = REAL / "paraguay-dncp"
    planning_and_tender = [p for p in folder.glob("284462-*") if "award" not in p.name and "contract" not in p.name]
    load(path, *planning_and_tender)
    con = connect(path, read_only=True)
    assert con.execute("SELECT count(*) FROM awards WHERE ocid = 'ocds-03ad3f-284462'").fetchone() == (0,)
    con.close()
    load(path, *folder.glob("284462-*"))
    con = connect(path, read_only=True)
    assert con.execute("SELECT count(*) FROM awards WHERE ocid = 'ocds-03ad3f-284462'").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM contracts WHERE ocid = 'ocds-03ad3f-284462'").fetchone() == (1,)
    con.close()


def test_every_container_shape_gives_the_same_processes(tmp_path):
    """One real release package as: package, JSON lines, concatenated JSON, array, .gz, .zip, bare releases."""
    package = json.loads((REAL / "armenia-armeps" / "6.json").read_text())
    releases = package["releases"]
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    lines = "\n".join(json.dumps(r) for r in releases) + "\n"
    (shapes / "releases.jsonl").write_text(lines)
    (shapes / "concatenated.json").write_text("".join(json.dumps(r) for r in releases))
    (shapes / "array.json").write_text(json.dumps([package]))
    with gzip.open(shapes / "package.json.gz", "wt") as stream:
        json.dump(package, stream)
    with zipfile.ZipFile(shapes / "package.zip", "w") as archive:
        archive.writestr("inside/package.json", json.dumps(package))
    expected_ocids = len({r["ocid"] for r in releases})
    for shape in sorted(shapes.iterdir()):
        path = tmp_path / f"{shape.name}.duckdb"
        report = load(path, shape)
        assert (report.releases, report.processes) == (len(releases), expected_ocids), shape.name


def test_compiled_json_lines_are_used_as_published(tmp_path, all_real_db):
    con = connect(all_real_db, read_only=True)
    compiled = [orjson.loads(d) for (d,) in con.execute("SELECT data FROM compiled_releases LIMIT 40").fetchall()]
    con.close()
    for release in compiled:  # Kingfisher/Cardinal lines may lack id, date and tag
        for key in ("id", "date", "tag"):
            release.pop(key, None)
    source = tmp_path / "compiled.jsonl"
    source.write_text("\n".join(json.dumps(c) for c in compiled))
    report = load(tmp_path / "c.duckdb", source, compiled=True)
    assert (report.compiled, report.processes) == (40, 40)


def test_organization_ids_restore_cnpj_zeros_and_unify_prefixes(tmp_path):
    path = tmp_path / "br.duckdb"
    load(path, REAL / "brazil-medicamentos-transparentes")
    con = connect(path, read_only=True)
    ids = {row[0] for row in con.execute("SELECT org_id FROM organizations").fetchall()}
    names = con.execute("SELECT count(*), count(DISTINCT org_id) FROM organizations").fetchone()
    con.close()
    assert "BR-CNPJ-02073207000111" in ids
    assert not any(i.startswith("BR-CNPJ-") and len(i) != len("BR-CNPJ-") + 14 for i in ids)
    assert names[0] == names[1]


def test_currencies_are_normalized_and_others_left_out(all_real_db):
    con = connect(all_real_db, read_only=True)
    currencies = {
        row[0] for row in con.execute("SELECT DISTINCT currency FROM awards WHERE currency IS NOT NULL").fetchall()
    }
    cdmx = con.execute(
        "SELECT main_currency, left_out_amounts FROM publishers WHERE publisher = 'CDMX-SEFIN'"
    ).fetchone()
    usd_awards = con.execute(
        "SELECT count(*) FROM awards a JOIN processes p USING (ocid) WHERE p.publisher = 'CDMX-SEFIN' "
        "AND a.currency = 'USD' AND NOT a.in_main_currency"
    ).fetchone()[0]
    con.close()
    assert "MNX" not in currencies and "mdl" not in currencies
    assert "MXN" in currencies
    assert cdmx[0] == "MXN"
    assert usd_awards >= 1 and cdmx[1] >= usd_awards


def test_secretariat_is_the_procuring_entity_when_it_differs_from_the_buyer(all_real_db):
    con = connect(all_real_db, read_only=True)
    rows = con.execute("SELECT secretariat_source, count(*) FROM processes GROUP BY ALL ORDER BY ALL").fetchall()
    moldova = con.execute(
        "SELECT secretariat, buyer_name FROM processes WHERE ocid LIKE 'ocds-ngfbwp-%' AND secretariat IS NOT NULL"
    ).fetchall()
    con.close()
    sources = dict(rows)
    assert sources.get("buyer", 0) > 0
    assert all(s for s, _ in moldova)


def test_flat_tables_keep_their_values_on_real_data(all_real_db):
    """Values and row counts the Python flattener gave on the bundled data; loaders/flatten.sql gives the same."""
    con = connect(all_real_db, read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in FLAT_TABLES}
    processes = con.execute(
        "SELECT ocid, buyer_id, secretariat, secretariat_source, procedure_type, is_competitive, number_of_tenderers, "
        "tender_value, tender_currency, period_date FROM processes WHERE ocid IN "
        "('ocds-px0z7d-28-21-1', 'ocds-xs1qbl-SFIN-03-0007-00-2017', 'ocds-ye9ov3-2073207000111_2024_11') ORDER BY ocid"
    ).fetchall()
    paid = con.execute("SELECT paid_value, transactions FROM contracts WHERE ocid = '101'").fetchall()
    bidders = con.execute(
        "SELECT tenderer_ids FROM bids WHERE ocid = 'AM-PPS-0aba93669165af87f1de5decd08272e2'"
    ).fetchall()
    con.close()
    assert counts == {
        "processes": 584,
        "parties": 1212,
        "awards": 474,
        "award_suppliers": 483,
        "contracts": 478,
        "tenderers": 132,
        "bids": 36,
        "items": 2947,
    }
    assert processes == [
        ("ocds-px0z7d-28-21-1", "PT-NIPPC-507012100", "Câmara Municipal da Nazaré", "buyer",
         "Ajuste Direto Regime Geral", False, 1, 5611.1, "EUR", date(2019, 11, 25)),
        ("ocds-xs1qbl-SFIN-03-0007-00-2017", "DEP-GOB-JAL-03-1685",
         "SEPAF/DGA | DIR.GRAL. DE ABASTECEMIENTOS (SUB-ADMINISTRACIÓN)", "procuringEntity", "Licitación Pública",
         True, 3, 290400.0, "MXN", date(2017, 4, 26)),
        ("ocds-ye9ov3-2073207000111_2024_11", "BR-CNPJ-02073207000111", "FMS", "buyerUnit", "pregao", True, None,
         585803.8, "BRL", date(2024, 11, 19)),
    ]  # fmt: skip
    assert paid == [(1567296680.33, 1)]
    assert bidders == [(["AM-TIN-00830786"],)]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"releases": [{"ocid": "x", "date": "2020-01-01"', "malformed JSON"),
        (b'{"hello": "world"}', "not OCDS"),
        (b"", "empty"),
    ],
)
def test_a_bad_file_changes_nothing_and_names_itself(tmp_path, content, expected):
    path = tmp_path / "atomic.duckdb"
    load(path, REAL / "mexico-sfp")
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with unchanged(path), pytest.raises(SourceError) as error:
        load(path, REAL / "portugal-impic", bad)
    assert str(bad) in error.value.message and expected in error.value.message


def test_a_truncated_real_file_in_a_folder_changes_nothing(tmp_path):
    folder = tmp_path / "folder"
    shutil.copytree(REAL / "mexico-jalisco", folder)
    victim = folder / "ocds-xs1qbl-SFIN-03-0016-00-2017.json"
    victim.write_bytes(victim.read_bytes()[:5000])
    path = tmp_path / "t.duckdb"
    load(path, REAL / "armenia-armeps")
    with unchanged(path), pytest.raises(SourceError, match=r"SFIN-03-0016-00-2017\.json: malformed JSON"):
        load(path, folder)


def test_cli_exit_code_and_message_on_error(tmp_path, capsys):
    code = loaders_main(["load", str(tmp_path / "missing.json"), "--db", str(tmp_path / "x.duckdb"), "--quiet"])
    assert code == 1
    assert "missing.json: no such file" in capsys.readouterr().err


def test_cli_prints_counts(tmp_path, capsys):
    code = loaders_main(["load", str(REAL / "mexico-sfp"), "--db", str(tmp_path / "x.duckdb"), "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    assert "processes: 2  awards: 3  contracts: 3" in out


def test_the_command_loads_every_shape_without_pandas_and_json_lines_without_ocdsmerge(all_real_db, tmp_path):
    """`python -m loaders` in its own process, as a user runs it: pandas cannot be imported there (loaders/__main__.py),
    and a load of JSON lines imports neither ocdskit nor ocdsmerge (nor Parquet, for small loads). Every real file
    still loads as in-process."""
    path = tmp_path / "command.duckdb"
    assert "pandas" not in run_command("load", str(REAL), "--db", str(path), "--quiet")
    assert compiled_objects(path) == compiled_objects(all_real_db)
    lines = tmp_path / "releases.jsonl"
    releases = json.loads((REAL / "armenia-armeps" / "6.json").read_text(encoding="utf-8"))["releases"]
    lines.write_text("".join(json.dumps(release) + "\n" for release in releases), encoding="utf-8")
    imported = run_command("load", str(lines), "--db", str(tmp_path / "lines.duckdb"), "--quiet")
    assert "loaders.load" in imported
    assert not {"pandas", "ocdskit", "ocdsmerge", "pyarrow.parquet"} & imported


# Runs `python -m loaders ARGS` as that command does (runpy, as __main__), then prints the modules it imported.
COMMAND = """
import runpy, sys
sys.argv = ["loaders", *sys.argv[1:]]
try:
    runpy.run_module("loaders", run_name="__main__", alter_sys=True)
finally:
    print("\\n".join(sys.modules), file=sys.stderr)
"""


def run_command(*args: str) -> set[str]:
    """The modules `python -m loaders ARGS` imported, run from the repository's root; it must succeed."""
    result = subprocess.run([sys.executable, "-c", COMMAND, *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return set(result.stderr.splitlines())


EMPTY_PAGE = b'{"uri": "x", "publisher": {"name": "IMPIC"}, "publishedDate": "2020-01-01", "version": "1.1"}'


def paged_packages(pages: int) -> list[dict]:
    """Real Portugal releases split into `pages` release packages (the pagination extension's shape)."""
    package = json.loads((REAL / "portugal-impic" / "collection_file.json").read_text())[0]
    releases = package.pop("releases")
    package.pop("links")  # the real next page is on the internet; the test serves its own
    size = len(releases) // pages + 1
    return [{**package, "releases": releases[i * size : (i + 1) * size]} for i in range(pages)]


def serve_pages(server: LocalServer, packages: list[dict], *, loop: bool = False) -> str:
    for number, package in enumerate(packages, 1):
        nxt = number + 1 if number < len(packages) else (1 if loop else None)
        if nxt:
            package["links"] = {"next": server.url(f"/api/releases?page={nxt}")}
        server.route("/api/releases", Answer(200, json.dumps(package).encode()), page=number)
    return server.url("/api/releases?page=1")


def test_paginated_api_follows_links_next_to_the_end(tmp_path):
    with LocalServer() as server:
        packages = paged_packages(3)
        packages.append(json.loads(EMPTY_PAGE))
        url = serve_pages(server, packages)
        report = load(tmp_path / "api.duckdb", url)
    assert report.documents == 4
    assert report.releases == 100


def test_paginated_api_that_loops_is_stopped_and_nothing_loaded(tmp_path):
    path = tmp_path / "loop.duckdb"
    connect(path).close()
    with LocalServer() as server, unchanged(path):
        url = serve_pages(server, paged_packages(2), loop=True)
        with pytest.raises(FetchError, match="loops"):
            load(path, url)


def test_http_errors_retry_then_fail_with_the_url(tmp_path, monkeypatch):
    monkeypatch.setattr("loaders.http.MAX_WAIT", 0.01)
    path = tmp_path / "http.duckdb"
    load(path, REAL / "mexico-sfp")
    with LocalServer() as server:
        server.route("/ok", Answer(200, json.dumps(paged_packages(1)[0]).encode()))
        server.route("/flaky", Answer(503, b"busy"), Answer(429, b"", {"Retry-After": "0"}), Answer(200, EMPTY_PAGE))
        server.route("/broken", Answer(500, b"<html>Erro</html>"))
        server.route("/html", Answer(200, b"<!DOCTYPE html><html>login</html>", {"Content-Type": "text/html"}))
        ok, flaky, broken, html = (server.url(path) for path in ("/ok", "/flaky", "/broken", "/html"))
        with unchanged(path):
            with pytest.raises(FetchError) as error:
                load(path, ok, broken)
            assert "/broken: HTTP 500 after" in error.value.message
            with pytest.raises(FetchError, match="/html: the answer is not JSON"):
                load(path, html)
        report = load(path, flaky)
        assert server.requests.count(("/flaky", {})) == 3
    assert report.releases == 0


def test_timeout_is_retried_then_reported(tmp_path, monkeypatch):
    import httpx

    monkeypatch.setattr("loaders.http.TIMEOUT", httpx.Timeout(0.2))
    monkeypatch.setattr("loaders.http.MAX_WAIT", 0.01)
    with LocalServer() as server:
        server.route("/slow", Answer(200, b"{}", delay=1.0))
        slow = server.url("/slow")
        with pytest.raises(LoaderError, match="/slow: timed out"):
            load(tmp_path / "t.duckdb", slow)


def test_skipped_objects_are_counted_with_reasons(all_real_db):
    con = connect(all_real_db, read_only=True)
    messages = [m for (m,) in con.execute("SELECT message FROM sources WHERE message IS NOT NULL").fetchall()]
    con.close()
    reasons = Counter(m.split(" ", 1)[1] for message in messages for m in message.split(" | "))
    assert reasons["linked release (only a URL; its content is not in the file)"] > 0


@pytest.fixture
def tiny_disk(tmp_path):
    """A 12 MB filesystem (tmpfs; needs root, as on CI): a load that does not fit must change nothing."""
    import subprocess

    mount = tmp_path / "tiny"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (not root?)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_changes_nothing(tiny_disk):
    path = tiny_disk / "full.duckdb"
    load(path, REAL / "mexico-sfp")
    with unchanged(path), pytest.raises(LoaderError, match="nothing was changed"):
        load(path, REAL)


def test_a_changed_source_replaces_what_it_gave_before(tmp_path):
    package = json.loads((REAL / "armenia-armeps" / "6.json").read_text())
    source = tmp_path / "feed.json"
    source.write_text(json.dumps(package))
    path = tmp_path / "replace.duckdb"
    load(path, source)
    dropped = package["releases"].pop()
    source.write_text(json.dumps(package))
    report = load(path, source)
    con = connect(path, read_only=True)
    kept = con.execute("SELECT count(*) FROM releases WHERE ocid = ?", [dropped["ocid"]]).fetchone()[0]
    statuses = dict(con.execute("SELECT status, count(*) FROM sources GROUP BY status").fetchall())
    con.close()
    assert report.releases == 99
    assert kept == sum(r["ocid"] == dropped["ocid"] for r in package["releases"])
    assert statuses == {"loaded": 1, "replaced": 1}


def test_json_lines_of_11_releases_are_stored_by_duckdb_and_10_lines_upgraded(tmp_path):
    """1.1 lines take the DuckDB path (stored byte for byte); 1.0 lines are read by Python and upgraded."""
    armenia = json.loads((REAL / "armenia-armeps" / "6.json").read_text())["releases"][:5]
    gacm_10 = [json.loads(p.read_text()) for p in sorted((REAL / "mexico-gacm").glob("*_2017-10-04T*.json"))[:5]]
    assert all("parties" not in r for r in gacm_10)
    (tmp_path / "v11.jsonl").write_text("\n".join(json.dumps(r) for r in armenia))
    (tmp_path / "v10.jsonl").write_text("\n".join(json.dumps(r) for r in gacm_10))
    path = tmp_path / "lines.duckdb"
    report = load(path, tmp_path / "v11.jsonl", tmp_path / "v10.jsonl")
    con = connect(path, read_only=True)
    stored = con.execute("SELECT s.location, r.data FROM releases r JOIN sources s USING (source_id)").fetchall()
    con.close()
    assert report.releases == 10
    assert {data for location, data in stored if location.endswith("v11.jsonl")} == {json.dumps(r) for r in armenia}
    assert all("parties" in json.loads(data) for location, data in stored if location.endswith("v10.jsonl"))


def test_releases_are_read_from_the_files_unless_their_ocid_has_others(tmp_path, monkeypatch):
    """The compile reads the releases of the JSON lines files a load stored from those files; an ocid that also
    has a release elsewhere (here, from an earlier load) is compiled from the database. Both give ocdskit's result."""
    jalisco = REAL / "mexico-jalisco"
    stages = {
        ocid: [json.loads(path.read_text())["releases"][0] for path in sorted(jalisco.glob(f"ocds-xs1qbl-{ocid}-*Z-*"))]
        for ocid in ("SFIN-03-0001-00-2017", "SFIN-03-0007-00-2017")
    }
    known, new = stages.values()  # `known` gets its first release in the first load, the rest in the second
    (tmp_path / "first.jsonl").write_text(json.dumps(known[0]) + "\n")
    (tmp_path / "second.jsonl").write_text("\n".join(json.dumps(r) for r in [*known[1:], *new]) + "\n\n")
    merged: list[int] = []

    def counted(*args):
        merged.append(original(*args))
        return merged[-1]

    original = compile_module._compile_stream
    monkeypatch.setattr(compile_module, "_compile_stream", counted)
    path = tmp_path / "files.duckdb"
    load(path, tmp_path / "first.jsonl")
    load(path, tmp_path / "second.jsonl")
    assert merged == [1, 0, 1, 1]  # [from files, from the database] per load: `known` comes from both in the second
    con = connect(path, read_only=True)
    rows = con.execute("SELECT ocid, data FROM compiled_releases").fetchall()
    con.close()
    ours = {ocid: orjson.loads(data) for ocid, data in rows}
    expected = merge([*known, *new], schema=str(RELEASE_SCHEMA), force_version="1.1", ignore_version=True)
    assert ours == {compiled["ocid"]: compiled for compiled in expected}


@pytest.mark.parametrize("native_merge", [True, False], ids=["native", "python"])
def test_small_batches_and_chunks_give_the_same_database(tmp_path, monkeypatch, all_real_db, native_merge):
    """Batches of 7 releases cut most ocids' releases in two (real loads stream 20,000 per batch), and the flatten
    runs on 97 ocids at a time (100,000 in real loads); with or without the native merge, the result is the same."""
    monkeypatch.setattr("loaders.compile.STREAM_BATCH", 7)
    monkeypatch.setattr("loaders.load.FLATTEN_CHUNK", 97)
    if not native_merge:
        monkeypatch.setattr("loaders.native.available", lambda: False)
    path = tmp_path / "batches.duckdb"
    load(path, REAL)
    expected, got = table_snapshot(all_real_db), table_snapshot(path)
    for table in DATA_TABLES:
        if table not in ("releases", "compiled_releases"):  # only the source ids of two loads may differ
            assert got[table] == expected[table], table
    assert compiled_objects(path) == compiled_objects(all_real_db)  # the same JSON, maybe written differently


def compiled_objects(path: Path) -> dict[str, tuple[str, dict]]:
    con = connect(path, read_only=True)
    try:
        rows = con.execute("SELECT ocid, origin, data FROM compiled_releases").fetchall()
    finally:
        con.close()
    return {ocid: (origin, json.loads(data)) for ocid, origin, data in rows}


@pytest.mark.parametrize("flaw", ["cut short", "malformed inside"])
def test_malformed_json_lines_name_the_line_and_change_nothing(tmp_path, flaw):
    """A line cut short, as an interrupted download leaves it, goes to the Python reader, which names it; a flaw
    inside a member the store does not read is stored, then refused by the compile's strict parse, named too."""
    releases = json.loads((REAL / "armenia-armeps" / "6.json").read_text())["releases"][:4]
    lines = [json.dumps(r) for r in releases]
    if flaw == "cut short":
        lines[2] = lines[2][:-40]
    else:
        assert '"parties": [' in lines[2]
        lines[2] = lines[2].replace('"parties": [', '"parties": [[1 2], ', 1)
    source = tmp_path / "cut.jsonl"
    source.write_text("\n".join(lines) + "\n")
    path = tmp_path / "lines.duckdb"
    load(path, REAL / "mexico-sfp")
    with unchanged(path), pytest.raises(SourceError, match=r"cut\.jsonl, line 3: malformed JSON"):
        load(path, source)


@pytest.mark.parametrize("native_merge", [True, False], ids=["native", "python"])
@pytest.mark.parametrize("flaw", ["trailing comma", "NaN"])
def test_json_lines_that_duckdb_tolerates_are_refused_with_their_line(tmp_path, monkeypatch, flaw, native_merge):
    """DuckDB's reader accepts a trailing comma and NaN; the merge's strict parser refuses them, and the message
    names the file and line (blank lines counted) as the Python reader's does."""
    if not native_merge:
        monkeypatch.setattr("loaders.native.available", lambda: False)
    releases = json.loads((REAL / "armenia-armeps" / "6.json").read_text())["releases"][:4]
    lines = [json.dumps(r) for r in releases]
    lines[2] = lines[2][:-1] + (', "x": 1,}' if flaw == "trailing comma" else ', "x": NaN}')
    source = tmp_path / "lax.jsonl"
    source.write_text("\n".join([lines[0], "", *lines[1:]]) + "\n")
    path = tmp_path / "lines.duckdb"
    load(path, REAL / "mexico-sfp")
    with unchanged(path), pytest.raises(SourceError, match=r"lax\.jsonl, line 4: malformed JSON \(.*column"):
        load(path, source)
