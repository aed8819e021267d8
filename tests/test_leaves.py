"""The leaf tables loaders/flatten.sql and derived.sql read are the same from both producers: the native one
(native/painel_merge/src/leaves.rs) and loaders/leaves.sql (used without the library); so are the flat and derived
tables made from them. Compared on the real data the repo carries and on releases written to trip them up."""

from __future__ import annotations

import gc
import json
import shutil

import duckdb
import pytest

from loaders import flatten, native, postprocess
from loaders.database import connect
from loaders.load import FLAT_TABLES

DERIVED_TABLES = ("cardinal_processes", "cardinal_awards", "cardinal_bids", "coverage_counts")

# The same leaf written two ways: a number's text as published (native) or as DuckDB writes it (SQL), an object's
# with or without its whitespace. The rules read a number as a DOUBLE and an object through json(): compare that.
NORMAL_LEAF = (
    "CASE WHEN {x}.t = 'DOUBLE' THEN {{'t': {x}.t, 'v': {x}.v::DOUBLE::VARCHAR}} "
    "WHEN {x}.t IN ('OBJECT', 'ARRAY') THEN {{'t': {x}.t, 'v': json({x}.v)::VARCHAR}} ELSE {x} END"
)

TRICKY = {
    "ocid": "ocds-tricky-1",
    "date": 20240101,
    "title": True,
    "buyer": {"id": 1e16, "name": "Prefeitura \u00e9\u00e7\u0000 \ud83d\ude00", "additionalIdentifiers": [None, 3, {}]},
    "planning": {"budget": {"amount": {"amount": ""}}, "rationale": []},
    "parties": [
        None,
        "not a party",
        {"id": 1e16, "name": "Dup", "roles": ["buyer", None, 1.5, {"a": [1, 2.50]}, []], "address": "x"},
        {"id": "10000000000000000.0", "name": None, "identifier": "BR-CNPJ"},
        {"id": -0, "roles": "buyer", "details": {"scale": 0}},
        {"id": 1.0, "identifier": {"scheme": {"x": 1}, "id": [" 12 "]}, "roles": []},
        {"id": "x", "identifier": {"scheme": "BR-CNPJ", "id": 12345678000190}, "additionalIdentifiers": "no"},
        {"id": "x", "name": "Second x", "identifier": {"id": True}},
        {"id": -1.5e-7, "name": 123456789012345678901234},
        {"id": 18446744073709551615, "name": -9223372036854775808},
    ],
    "tender": {
        "id": {},
        "procuringEntity": {"id": "x"},
        "tenderers": [{"id": 1e16}, "t", None, {"id": None}, {"name": "no id"}],
        "procurementMethod": False,
        "procurementMethodDetails": 7,
        "value": {"amount": "12", "currency": ["BRL"]},
        "tenderPeriod": {"startDate": 20240101, "endDate": None},
        "numberOfTenderers": 3.9,
        "details": {"isSale": "true"},
        "documents": [None, 5, {"url": 1}, {"url": "http://a"}, {"url": "https://b"}],
        "items": [5, {"id": 1e16, "quantity": True, "classification": {"id": 5}, "unit": {"value": {"amount": -0.0}}}],
    },
    "awards": [
        None,
        7,
        {"id": 1e16, "suppliers": "none", "items": []},
        {"id": "a", "value": {"amount": False}, "suppliers": [3, {"id": 5}, {"id": "s"}], "items": [{}, 1]},
        {"id": "b", "suppliers": [{"id": "s"}, 2], "items": "x", "status": ""},
    ],
    "contracts": [
        "c",
        {
            "id": 2.5,
            "amendments": [None, {"id": ""}, {"id": "m"}, 3],
            "implementation": {
                "transactions": [
                    1,
                    {"value": {}, "amount": {"amount": 3, "currency": "brl"}},
                    {"value": " ", "amount": {"amount": 4}},
                    {"value": {"amount": 1e16, "currency": None}, "date": ""},
                    {"value": [0], "amount": {"amount": 5}},
                ]
            },
            "items": [{"id": "ci", "unit": {"name": 1, "value": {"amount": "9"}}}],
        },
        {"id": "c2", "amendments": {"id": "not a list"}, "implementation": []},
    ],
    "bids": {"details": [None, {"id": 1, "value": {"amount": 1e16}, "tenderers": [{"id": "x"}, 4, {"id": 9}]}, "b"]},
}

# Texts that JSON libraries write alike only by chance: repeated keys (json_transform reads the first), escapes in
# keys and values, whitespace inside empty objects and arrays, numbers written in unusual ways.
TRICKY_TEXTS = [
    '{"ocid": "ocds-tricky-2", "tender": {"id": "first", "id": "second", "value": {"amount": 1E2, "amount": 3},'
    ' "title": { }, "description": [\n]},'
    ' "parties": [{"i\\u0064": "p", "name": "P", "name": "Q", "roles": [ ], "identifier": { }}],'
    ' "buyer": {"id": "p", "name": "B\\"\\\\\\/\\b\\f\\n\\r\\t"}, "awards": [ {"value": {"amount": -0}} ]}',
    '{"ocid": "ocds-tricky-3", "tender": "a string", "parties": "not a list", "awards": {}, "bids": [],'
    ' "contracts": [{"implementation": {"transactions": [{"value": { "amount" : 0.1e1 }}]}}]}',
    '{"ocid": "ocds-tricky-4", "buyer": {"id": "b", "identifier": {"scheme": "CNPJ", "id": {"n": [1, 2.50]}}},'
    ' "parties": [{"id": "b", "identifier": {"id": [ 1 , { } ]}, "roles": [true, false, "buyer"]}],'
    ' "tender": {"procurementMethod": "  ", "value": {"amount": 123456.789e3}, "numberOfTenderers": -0.0}}',
]


@pytest.fixture(scope="module", autouse=True)
def library():
    if not native.build_library():
        pytest.skip("cargo is not installed: the native leaves are not built")
    assert native.available()


def normalized(table: str) -> str:
    columns = []
    for name, kind in [("ocid", "Text"), *native.leaf_schema()[table][1:]]:
        if kind == "Leaf":
            columns.append(f"{NORMAL_LEAF.format(x=name)} AS {name}")
        elif kind == "LeafList":
            columns.append(f"list_transform({name}, lambda e: {NORMAL_LEAF.format(x='e')}) AS {name}")
        else:
            columns.append(name)
    if table == "leaf_release":
        columns.insert(1, "origin")
    return f"SELECT {', '.join(columns)} FROM {table}"


def leaf_rows(con: duckdb.DuckDBPyConnection, use_native: bool) -> dict[str, list[tuple]]:
    leaves = flatten.make_leaves(con, use_native)
    assert bool(leaves.tables) == use_native  # Arrow tables from the library, else TEMP tables
    rows = {
        table: sorted(leaves.execute(con, normalized(table)).fetchall(), key=repr) for table in native.leaf_schema()
    }
    leaves.drop(con)
    return rows


def touch_everything(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT ocid FROM compiled_releases")


def with_compiled(tmp_path, texts: list[str]) -> duckdb.DuckDBPyConnection:
    con = connect(tmp_path / "leaves.duckdb")
    for text in texts:
        con.execute("INSERT INTO compiled_releases VALUES (?, 'published', ?)", [json.loads(text)["ocid"], text])
    touch_everything(con)
    return con


def tricky_texts() -> list[str]:
    return [json.dumps(TRICKY), *TRICKY_TEXTS]


def test_both_producers_give_the_same_leaves_on_tricky_releases(tmp_path):
    con = with_compiled(tmp_path, tricky_texts())
    native_rows, sql_rows = leaf_rows(con, True), leaf_rows(con, False)
    assert native_rows == sql_rows
    assert len(native_rows["leaf_party"]) == 10  # objects only: 8 of TRICKY's, 1 of tricky-2's, 1 of tricky-4's
    assert len(native_rows["leaf_award"]) == 6  # every element: TRICKY's 5, tricky-2's 1


def test_leaves_read_json_as_json_transform_does(tmp_path):
    con = with_compiled(tmp_path, TRICKY_TEXTS[:1])
    leaves = flatten.make_leaves(con, True)
    ((tender_id, amount, title, description),) = leaves.execute(
        con, "SELECT tender_id, tender_amount, tender_title, tender_description FROM leaf_release"
    ).fetchall()
    assert tender_id == {"t": "VARCHAR", "v": "first"}  # the first of repeated keys
    assert amount == {"t": "DOUBLE", "v": "1E2"}
    assert (title, description) == ({"t": "OBJECT", "v": "{}"}, {"t": "ARRAY", "v": "[]"})  # as DuckDB writes them
    ((party_id, name, identifier),) = leaves.execute(con, "SELECT id, name, has_identifier FROM leaf_party").fetchall()
    assert (party_id, name, identifier) == ({"t": "VARCHAR", "v": "p"}, {"t": "VARCHAR", "v": "P"}, True)
    ((award_amount,),) = leaves.execute(con, "SELECT amount FROM leaf_award").fetchall()
    assert award_amount == {"t": "UBIGINT", "v": "0"}  # -0 is the unsigned 0, as DuckDB reads it


def flat_and_derived(con: duckdb.DuckDBPyConnection, use_native: bool, monkeypatch) -> dict[str, list[tuple]]:
    monkeypatch.setattr(native, "available", lambda: use_native)
    for table in FLAT_TABLES:
        con.execute(f"DELETE FROM {table}")
    with flatten.publishers_noted(con):
        postprocess.derive(con, flatten.flatten_touched(con))
    tables = (*FLAT_TABLES, *DERIVED_TABLES)
    return {table: sorted(con.execute(f"FROM {table}").fetchall(), key=repr) for table in tables}


def test_both_producers_give_the_same_flat_tables_on_tricky_releases(tmp_path, monkeypatch):
    con = with_compiled(tmp_path, tricky_texts())
    from_native = flat_and_derived(con, True, monkeypatch)
    from_sql = flat_and_derived(con, False, monkeypatch)
    assert from_native == from_sql
    assert len(from_native["processes"]) == 4
    contract = [row for row in from_native["contracts"] if row[1] == "2.5"]
    assert len(contract) == 1


def test_both_producers_give_the_same_tables_on_the_bundled_data(bundled_db_path, tmp_path, monkeypatch):
    copy = tmp_path / "bundled.duckdb"
    shutil.copy(bundled_db_path, copy)
    con = duckdb.connect(copy)
    touch_everything(con)
    assert leaf_rows(con, True) == leaf_rows(con, False)
    assert flat_and_derived(con, True, monkeypatch) == flat_and_derived(con, False, monkeypatch)


def test_a_compiled_release_the_strict_parser_refuses_goes_to_sql(tmp_path):
    con = with_compiled(tmp_path, ['{"ocid": "ocds-nan-1", "tender": {"value": {"amount": 1}}}'])
    con.execute('UPDATE compiled_releases SET data = \'{"ocid": "ocds-nan-1", "tender": {"value": {"amount": NaN}}}\'')
    with pytest.raises(native.MalformedCompiled):
        flatten.native_leaves(con)
    leaves = flatten.make_leaves(con, True)
    assert not leaves.tables  # TEMP tables leaves.sql made
    ((amount,),) = con.execute("SELECT tender_amount FROM leaf_release").fetchall()
    assert amount["t"] == "DOUBLE"


def test_no_touched_release_gives_empty_leaf_tables(tmp_path):
    con = with_compiled(tmp_path, [])
    leaves = flatten.make_leaves(con, True)
    for table in native.leaf_schema():
        assert leaves.execute(con, f"SELECT count(*) FROM {table}").fetchall() == [(0,)]


def test_a_contract_named_through_an_escape_still_has_its_first_value(tmp_path):
    """contract_first_values (loaders/first_values.sql) parses only the releases whose text can name `contracts`
    (the loader stores keys unescaped, but a text that escapes them must still be read)."""
    escaped = '{"ocid": "ocds-esc-1", "date": "2024-01-01", "contr\\u0061cts": [{"id": "c", "value": {"amount": 5}}]}'
    later = '{"ocid": "ocds-esc-1", "date": "2024-02-01", "contracts": [{"id": "c", "value": {"amount": 7}}]}'
    con = with_compiled(tmp_path, [later])
    for seq, text in enumerate([escaped, later]):
        release = json.loads(text)
        con.execute(
            "INSERT INTO releases VALUES (?, ?, ?, NULL, 1, ?, ?)",
            [release["ocid"], str(seq), release["date"], seq, text],
        )
    postprocess.first_values(con)
    assert con.execute("SELECT contract_id, first_value FROM contract_first_values").fetchall() == [("c", 5.0)]


def test_each_chunks_native_leaves_are_freed_before_the_load_ends(tmp_path, monkeypatch):
    """A load is one transaction, and DuckDB keeps what a statement took from Python alive until it ends if that
    was registered with the connection: every chunk's leaves then stayed in memory (7.8 GiB at 1M processes).
    After each chunk, no native leaf memory may still be owned."""
    from loaders.load import load_paths
    from tests.conftest import REAL

    monkeypatch.setattr("loaders.load.FLATTEN_CHUNK", 50)
    alive_after_chunk = []
    derive = postprocess.derive

    def derive_then_count(con, leaves):
        derive(con, leaves)
        gc.collect()
        alive_after_chunk.append(sum(isinstance(o, native._Leaves) for o in gc.get_objects()))

    monkeypatch.setattr(postprocess, "derive", derive_then_count)
    con = connect(tmp_path / "chunks.duckdb")
    load_paths(con, [str(REAL)])
    con.close()
    assert len(alive_after_chunk) >= 3  # several chunks ran
    assert alive_after_chunk == [0] * len(alive_after_chunk)
