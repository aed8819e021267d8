"""Release packages through the native splitter (loaders/fastpackage.py) give the database the Python reader gives.

The real files the repo carries are loaded twice, with and without the fast path, and every table compared (JSON
texts after parsing: the fast path keeps a release's own text, the Python reader re-serialises it). What the fast
path does not take (truncated JSON, records, OCDS 1.0, an item that is not a release) goes to the Python reader,
with the same result or the same error message. Splitting is streamed: memory does not grow with the file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import fastpackage, native
from loaders.database import connect
from loaders.errors import SourceError
from tests.conftest import REAL, ROOT
from tests.test_loader import load

ARMENIA = REAL / "armenia-armeps" / "6.json"  # a real OCDS 1.1 release package of 100 releases
RECORD_PACKAGE = REAL / "mexico-jalisco" / "ocds-xs1qbl-SFIN-03-0001-00-2017.json"
PACKAGE_10 = REAL / "paraguay-dncp" / "release-package_1.0-2.json"


@pytest.fixture(scope="module", autouse=True)
def library():
    """Built as ./painel builds it; a failed build fails the tests (only a missing cargo skips them)."""
    if not native.build_library():
        pytest.skip("cargo is not installed: the native splitter is not built")
    assert native.available()


@pytest.fixture
def fast_path(monkeypatch) -> list:
    """What each fast-path attempt returned (None: the file went to the Python reader)."""
    outcomes = []

    def recorded(*args):
        outcomes.append(fastpackage.store_release_package(*args))
        return outcomes[-1]

    monkeypatch.setattr("loaders.load.store_release_package", recorded)
    return outcomes


def database_contents(path: Path) -> dict[str, list]:
    """Every table's rows, sorted; JSON texts parsed; load times left out (two loads never share them)."""
    con = connect(path, read_only=True)
    try:
        tables = [row[0] for row in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        contents = {}
        for table in tables:
            cursor = con.execute(f"SELECT * FROM {table}")
            columns = [column[0] for column in cursor.description]
            rows = [
                tuple(
                    json.loads(v) if c == "data" else v for c, v in zip(columns, row, strict=True) if c != "fetched_at"
                )
                for row in cursor.fetchall()
            ]
            contents[table] = sorted(rows, key=repr)
        return contents
    finally:
        con.close()


def loaded(path: Path, *sources) -> dict[str, list]:
    load(path, *sources)
    return database_contents(path)


def test_real_packages_load_the_same_through_the_fast_path(tmp_path, fast_path, monkeypatch):
    fast = loaded(tmp_path / "fast.duckdb", REAL)
    monkeypatch.setattr("loaders.load.store_release_package", lambda *args: None)
    python = loaded(tmp_path / "python.duckdb", REAL)
    taken = [stats for stats in fast_path if stats is not None]
    # the bundled 1.1 release packages (a one-line package goes the JSON lines way); all else went to Python
    assert len(taken) == 12
    assert sum(stats.releases for stats in taken) == 100 + 7 + 10
    assert fast["releases"] and fast["compiled_releases"] and fast["sources"]
    for table in python:
        assert fast[table] == python[table], table


def package_variant(tmp_path: Path, change, source: Path = ARMENIA) -> Path:
    """The real package, changed, written pretty-printed (so not as one JSON line)."""
    package = json.loads(source.read_text())
    change(package)
    path = tmp_path / "variant.json"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False))
    return path


def test_a_pretty_printed_package_splits_into_its_releases_as_lines(tmp_path):
    package = package_variant(tmp_path, lambda package: None)
    lines = tmp_path / "lines.jsonl"
    split = native.split_package(package, lines)
    expected = json.loads(ARMENIA.read_text())
    assert split.refusal is None
    assert split.releases == 100
    assert [json.loads(line) for line in lines.read_text().splitlines()] == expected["releases"]
    assert json.loads(split.metadata) == {k: v for k, v in expected.items() if k != "releases"}


def cut_in_half(path: Path) -> Path:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def not_a_release(package: dict) -> None:
    package["releases"][3] = "not a release"


def without_date(package: dict) -> None:
    del package["releases"][3]["date"]


def trailing_comma(path: Path) -> Path:
    """DuckDB reads `[1,]`; Python does not, so neither may the fast path."""
    path.write_text(path.read_text().replace('"MARK"', "[1,]", 1))
    return path


def repeated_ocid(path: Path) -> Path:
    """DuckDB would read a release's first `ocid`, Python its last."""
    path.write_text(path.read_text().replace('"MARK"', '"MARK", "ocid": "ocds-repeated"', 1))
    return path


def marked(package: dict) -> None:
    package["releases"][0]["marked"] = "MARK"


@pytest.mark.parametrize(
    ("source", "refusal"),
    [
        (lambda tmp: cut_in_half(package_variant(tmp, lambda package: None)), "ends inside a value"),
        (lambda tmp: trailing_comma(package_variant(tmp, marked)), "release 0"),
        (lambda tmp: repeated_ocid(package_variant(tmp, marked)), "release 0 repeats a member name"),
        (lambda tmp: RECORD_PACKAGE, "record package"),
        (lambda tmp: package_variant(tmp, lambda package: None, PACKAGE_10), "OCDS 1.0"),
        (lambda tmp: package_variant(tmp, lambda package: package.update(version="1.0")), "version other"),
        (lambda tmp: package_variant(tmp, not_a_release), "release 3 is not a JSON object"),
        (lambda tmp: package_variant(tmp, without_date), None),  # split, then refused by fastlines
    ],
    ids=[
        "truncated",
        "trailing-comma",
        "repeated-ocid",
        "record-package",
        "1.0-package",
        "1.0-version",
        "not-a-release",
        "no-date",
    ],
)
def test_what_the_fast_path_does_not_take_goes_to_python_with_the_same_result(
    tmp_path, monkeypatch, fast_path, source, refusal
):
    path = source(tmp_path)
    split = native.split_package(path, tmp_path / "lines.jsonl")
    assert split.refusal is None if refusal is None else refusal in split.refusal
    fast = outcome(tmp_path / "fast.duckdb", path)
    assert fast_path == [None]
    monkeypatch.setattr("loaders.load.store_release_package", lambda *args: None)
    assert outcome(tmp_path / "python.duckdb", path) == fast


def outcome(database: Path, source: Path) -> dict[str, list] | str:
    """The database a load gives, or its error message."""
    try:
        return loaded(database, source)
    except SourceError as error:
        return error.message


def test_splitting_holds_one_release_at_a_time(tmp_path):
    """A package much larger than the memory the split may use: every release comes out, one per line."""
    release = json.dumps(json.loads(ARMENIA.read_text())["releases"][0], indent=2)
    copies = 80_000 * 1024 // len(release) + 1  # about 80 MB
    package = tmp_path / "big.json"
    with package.open("w") as stream:
        stream.write('{"version": "1.1", "releases": [\n')
        stream.write(",\n".join([release] * copies))
        stream.write('\n], "publisher": {"name": "P"}}\n')
    lines = tmp_path / "lines.jsonl"
    # VmHWM is this program's peak (ru_maxrss would keep the forking pytest process's, across exec)
    script = (
        "import re, sys; from pathlib import Path; from loaders import native; "
        "split = native.split_package(Path(sys.argv[1]), Path(sys.argv[2])); "
        "peak = re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1); "
        "print(split.releases, split.refusal, peak)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(package), str(lines)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    releases, refusal, peak_kb = result.stdout.split()
    assert (int(releases), refusal) == (copies, "None")
    assert sum(1 for _ in lines.open("rb")) == copies
    assert int(peak_kb) < 60_000  # the interpreter and the library take ~20 MB; the file is 80 MB


def test_without_the_native_library_packages_go_to_python(tmp_path, monkeypatch, fast_path):
    fast = outcome(tmp_path / "fast.duckdb", ARMENIA)
    monkeypatch.setattr("loaders.native.available", lambda: False)
    fast_path.clear()
    without = outcome(tmp_path / "python.duckdb", ARMENIA)
    assert fast_path == [None]
    assert without == fast
