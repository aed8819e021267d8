"""The store of JSON lines (loaders/fastlines.py) reads each line from the native index with one native parse
(native.release_fields): what it stores must be what DuckDB's SQL stores from the same line, byte for byte, and a
line that parse does not settle must go to that SQL."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import native
from loaders.compile import ReleaseFiles
from loaders.database import connect
from loaders.fastlines import store_release_lines
from tests.conftest import REAL

RELEASE = json.loads((REAL / "armenia-armeps" / "6.json").read_text(encoding="utf-8"))["releases"][0]
BASE = json.dumps(RELEASE)
SMALL = '{"ocid": "ocds-x-1", "id": "r1", "date": "2024-01-02T00:00:00Z", "parties": []'  # then "}" or more members

# (line, whether the native parse settles it)
LINES = [
    (BASE, True),
    (json.dumps(RELEASE, indent=1).replace("\n", " "), True),
    (SMALL + "}", True),
    (SMALL + ', "tag": "compiled"}', True),  # a string tag is no array: it qualifies
    (SMALL + ', "tag": ["planning", "t\\u0065nder"]}', True),
    (SMALL + ', "tag": ["tender", "compiled"]}', True),
    (SMALL + ', "tag": []}', True),
    (SMALL + ', "tag": null}', True),
    (SMALL + ', "tag": 5}', True),
    (SMALL + ', "tag": {"a": "compiled"}}', True),
    (SMALL + ', "tag": ["tender", 1]}', False),
    (SMALL + ', "tag": [["compiled"]]}', False),
    (SMALL.replace('"r1"', "5") + "}", True),
    (SMALL.replace('"r1"', "-0") + "}", True),
    (SMALL.replace('"r1"', "123456789012345678901234") + "}", False),
    (SMALL.replace('"r1"', "1.5") + "}", False),
    (SMALL.replace('"r1"', "true") + "}", False),
    (SMALL.replace('"r1"', "null") + "}", True),
    (SMALL.replace('"id": "r1", ', "") + "}", True),
    (SMALL.replace('"ocds-x-1"', '"ocds-\\u00e9-\\"q\\""') + "}", True),
    (SMALL.replace('"ocds-x-1"', '""') + "}", True),
    (SMALL.replace('"ocds-x-1"', "7") + "}", True),
    (SMALL.replace('"ocds-x-1"', '"a\\u0000b"') + "}", False),
    (SMALL.replace('"2024-01-02T00:00:00Z"', "20240102") + "}", True),
    (SMALL.replace(', "parties": []', "") + "}", True),
    (SMALL.replace('"parties": []', '"parties": null') + "}", True),
    (SMALL + ', "releases": null}', True),
    (SMALL + ', "compiledRelease": {}}', True),
    ('{"ocid": "ocds-x-1", "url": "https://example.org/r.json", "parties": []}', True),  # a linked release
    (SMALL + ', "url": "https://example.org/r.json"}', True),
    (SMALL + ', "ocid": "ocds-x-2"}', False),  # DuckDB reads the first of repeated keys
    (SMALL + ', "value": NaN}', False),
    (SMALL + ', "tag": ["tender",]}', False),
    (SMALL, False),  # cut short
    (SMALL + ', "x": "a\\', False),  # cut short after a backslash
    ("[1, 2]", True),
    ("null", True),
]


def stored(con, path: Path, source_id: int, lines: pa.RecordBatchReader | None) -> tuple:
    count = store_release_lines(con, path, source_id, 1, lines)
    rows = con.execute(
        "SELECT ocid, release_id, date, tag, seq, data FROM releases WHERE source_id = ?", [source_id]
    ).fetchall()
    return count, rows


@pytest.mark.parametrize(("line", "plain"), LINES, ids=[f"line {i}" for i in range(len(LINES))])
def test_each_line_is_stored_as_the_sql_stores_it(tmp_path, line, plain):
    if not native.available():
        pytest.skip("the native library is not built")
    source = tmp_path / "one.jsonl"
    source.write_text(line + "\n", encoding="utf-8")
    files = ReleaseFiles()
    indexed = files.index(source)
    batch = next(iter(files.lines(indexed)))
    assert batch.column("plain").to_pylist() == [plain]
    con = connect(tmp_path / "db.duckdb")
    try:
        assert stored(con, source, 1, files.lines(indexed)) == stored(con, source, 2, None)
    finally:
        con.close()
        files.close()


def test_a_file_of_real_releases_is_parsed_natively_and_stored_as_the_sql_stores_it(tmp_path):
    if not native.available():
        pytest.skip("the native library is not built")
    releases = json.loads((REAL / "armenia-armeps" / "6.json").read_text(encoding="utf-8"))["releases"]
    source = tmp_path / "releases.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in releases) + "\n", encoding="utf-8")
    files = ReleaseFiles()
    indexed = files.index(source)
    assert all(all(batch.column("plain").to_pylist()) for batch in files.lines(indexed))
    con = connect(tmp_path / "db.duckdb")
    try:
        native_rows, sql_rows = stored(con, source, 1, files.lines(indexed)), stored(con, source, 2, None)
    finally:
        con.close()
        files.close()
    assert native_rows[0] == len(releases)
    assert native_rows == sql_rows


@settings(max_examples=300, deadline=None)
@given(cut=st.integers(0, len(BASE)), noise=st.binary(max_size=12), at=st.integers(0, len(BASE)))
def test_any_damaged_line_gets_a_status_and_no_error(cut, noise, at):
    """Lines cut anywhere, or with bytes thrown in anywhere (inside strings, escapes, brackets): the native read
    answers for each (plain or not), never fails."""
    if not native.available():
        pytest.skip("the native library is not built")
    damaged = BASE.encode()[:cut]
    mixed = BASE.encode()[:at] + noise + BASE.encode()[at:]
    texts = pa.array([damaged.decode("utf-8", "replace"), mixed.decode("utf-8", "replace")], pa.large_string())
    fields = native.release_fields(texts)
    assert fields.num_rows == 2
    assert fields.column("plain").null_count == 0
