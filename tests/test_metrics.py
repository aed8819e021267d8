"""Fixture tests: each tests/fixtures/metrics/<metric_id>[-<param>-<value>...].json is one case.

A case names an OCDS data file in tests/fixtures/metrics/datasets/ (loaded through the real loader into a real DuckDB;
`"compiled": true` for JSON lines of compiled releases, as Cardinal reads) and the rows the metric must return,
computed by hand (a `note` says how) or published by Cardinal (datasets/cardinal/SOURCES.md). Parameters come from the
file name, so a new fixture file is a new test; for a red flag they are its settings (`r048-minimum_contracting_
processes-1.json` runs R048 with `[R048] minimum_contracting_processes = 1`).
"""

import json
import math
import re
from pathlib import Path

import pytest

import metrics
from loaders.database import connect
from loaders.load import load_paths
from loaders.postprocess import DERIVED_SQL
from metrics import runner, stored
from metrics.registry import METRICS

FIXTURES = Path(__file__).parent / "fixtures" / "metrics"
CASES = sorted(FIXTURES.glob("*.json"))


def case_params(path: Path) -> tuple[str, dict]:
    """`awarded_value-group_by-month.json` → ("awarded_value", {"group_by": "month"})."""
    metric_id, *pairs = path.stem.split("-")
    if len(pairs) % 2:
        raise ValueError(f"{path.name}: parameters must come in -name-value pairs")
    return metric_id, dict(zip(pairs[::2], pairs[1::2], strict=True))


@pytest.fixture(scope="session")
def dataset(tmp_path_factory):
    """Load each data file once per session into its own DuckDB file, through the real loader."""
    connections = {}

    def open_dataset(name: str, compiled: bool = False):
        if name not in connections:
            con = connect(tmp_path_factory.mktemp("metrics") / f"{Path(name).stem}.duckdb")
            load_paths(con, [str(FIXTURES / "datasets" / name)], publisher="Prefeitura de Teste", compiled=compiled)
            connections[name] = con
        return connections[name]

    yield open_dataset
    for con in connections.values():
        con.close()


def same(actual, expected) -> bool:
    if isinstance(expected, float) and actual is not None:
        return math.isclose(float(actual), expected, rel_tol=1e-9, abs_tol=1e-9)
    return actual == expected


CITIES = Path(__file__).resolve().parent.parent / "config" / "cities"


def settings_file(metric_id: str, settings: dict, folder: Path) -> dict:
    """Red flags take their file-name parameters as settings, written to an INI file as Cardinal reads them;
    `-settings-<city>` uses the [red_flags] table of config/cities/<city>.toml (underscores for hyphens)."""
    if "settings" in settings:
        return {"settings": str(CITIES / f"{settings['settings'].replace('_', '-')}.toml")}
    if not settings:
        return {}
    path = folder / f"{metric_id}.ini"
    path.write_text(f"[{metric_id.upper()}]\n" + "".join(f"{key} = {value}\n" for key, value in settings.items()))
    return {"settings": str(path)}


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_metric_fixture(path, dataset, tmp_path):
    metric_id, params = case_params(path)
    if METRICS[metric_id].theme == "red_flags":
        params = settings_file(metric_id, params, tmp_path)
    case = json.loads(path.read_text(encoding="utf-8"))
    frame = metrics.run(metric_id, dataset(case["data"], case.get("compiled", False)), **params)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    if case.get("rows") == "subset":  # a long result: each expected row must be among the rows
        for expected in case["expected"]:
            assert any(matches(row, expected) for row in rows), f"{path.name}: no row matches {expected}"
        return
    assert len(rows) == len(case["expected"]), rows
    for row, expected in zip(rows, case["expected"], strict=True):
        wrong = {key: (row.get(key), value) for key, value in expected.items() if not same(row.get(key), value)}
        assert not wrong, f"{path.name}: (actual, expected) {wrong}\nrow: {row}"


def matches(row: dict, expected: dict) -> bool:
    return all(same(row.get(key), value) for key, value in expected.items())


def test_every_metric_has_a_fixture_case():
    tested = {case_params(path)[0] for path in CASES}
    assert sorted(set(METRICS) - tested) == []


def test_filters_narrow_the_data(dataset):
    con = dataset("city.json")
    by_date = metrics.run("awarded_value", con, date_from="2024-02-01", date_to="2024-02-29")
    assert by_date["value"].tolist() == [2480.0]
    by_supplier = metrics.run("awarded_value", con, supplier="BR-CNPJ-22222222000122")
    assert by_supplier["value"].tolist() == [2300.0]
    by_value = metrics.run("process_count", con, value_min=900, value_max=2000)
    assert by_value["value"].tolist() == [2]  # p1 (900) and p2 (2000)
    assert metrics.run("process_count", con, procedure_type="pregao", category="goods")["value"].tolist() == [2]
    assert metrics.run("process_count", con, publisher="nobody").empty


def test_unknown_metric_and_parameter_raise_clear_errors(dataset):
    con = dataset("city.json")
    with pytest.raises(metrics.UnknownMetricError, match="awarded_value"):
        metrics.run("awarded_valeu", con)
    with pytest.raises(metrics.ParameterError, match="colour"):
        metrics.run("awarded_value", con, colour="red")
    with pytest.raises(metrics.ParameterError, match="group_by"):
        metrics.run("awarded_value", con, group_by="weekday")
    with pytest.raises(metrics.ParameterError, match="date_from"):
        metrics.run("awarded_value", con, date_from="01/02/2024")


def test_lookups(dataset):
    con = dataset("city.json")
    options = metrics.lookup("filter_options", con)
    suppliers = options[options.kind == "supplier"].set_index("value")["label"].to_dict()
    assert suppliers["BR-CNPJ-11111111000111"] == "Alfa Comércio Ltda"
    assert options[options.kind == "date_min"]["value"].tolist() == ["2024-01-15"]
    status = metrics.lookup("data_status", con)
    assert status[["publisher", "processes", "main_currency", "left_out_amounts"]].values.tolist() == [
        ["Prefeitura de Teste", 5, "BRL", 1]
    ]
    awards = metrics.lookup("process_detail", con, ocid="ocds-test01-p5", part="awards")
    assert awards["award_id"].tolist() == ["a1", "a2", "a3"]
    assert metrics.lookup("process_detail", con, ocid="ocds-test01-p5")["awarded_value"].tolist() == [600.0]
    with pytest.raises(metrics.ParameterError, match="ocid"):
        metrics.lookup("process_detail", con)


def test_city_targets_name_columns_the_metrics_return(dataset):
    con = dataset("city.json")
    targets = metrics.lookup("targets", con)
    assert len(targets) > 0
    for target in targets.itertuples():
        assert target.column in metrics.run(target.metric_id, con).columns, target
        assert target.min == target.min or target.max == target.max  # at least one bound (NaN != NaN)


def test_prepared_tables_follow_filters_and_new_loads(tmp_path):
    """Filtered TEMP tables are reused only for the same filters and the same loaded data."""
    con = connect(tmp_path / "reuse.duckdb")
    load_paths(con, [str(FIXTURES / "datasets" / "city.json")], publisher="Prefeitura de Teste")
    february = {"date_from": "2024-02-01", "date_to": "2024-02-29"}
    assert metrics.run("awarded_value", con, **february)["value"].tolist() == [2480.0]
    assert metrics.run("awarded_value", con)["value"].tolist() == [3980.0]
    assert metrics.run("awarded_value", con, **february)["value"].tolist() == [2480.0]
    load_paths(con, [str(FIXTURES / "datasets" / "brazil-flags.json")], publisher="Prefeitura de Teste")
    assert metrics.run("process_count", con)["value"].tolist() == [13]
    assert metrics.run("awarded_value", con, **february)["value"].tolist() == [2480.0]
    con.close()


def test_unfiltered_metrics_read_the_stored_steps_and_equal_steps_built_from_scratch(tmp_path, monkeypatch):
    """With no filter, the filter steps are views of what the load stored (metrics/stored.py); every metric gives
    what the steps built on the connection give, and a filter after that builds them again."""
    path = tmp_path / "stored.duckdb"
    con = connect(path)
    load_paths(con, [str(FIXTURES / "datasets" / name) for name in ("city.json", "brazil-flags.json")], "Prefeitura")
    con.close()
    with_store, without = connect(path, read_only=True), connect(path, read_only=True)
    results = {metric_id: metrics.run(metric_id, with_store) for metric_id in METRICS}
    views = with_store.execute("SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal").fetchall()
    assert {name for (name,) in views} == set(stored.STORED)
    monkeypatch.setattr(stored, "recorded", lambda con: {})
    for metric_id, frame in results.items():
        assert frame.equals(metrics.run(metric_id, without)), metric_id
    monkeypatch.undo()
    february = {"date_from": "2024-02-01", "date_to": "2024-02-29"}
    filtered = metrics.run("awarded_value", with_store, **february)
    assert filtered.equals(metrics.run("awarded_value", without, **february))
    assert filtered["value"].tolist() == [2480.0]
    with_store.close()
    without.close()


TEMP_STEP = "SELECT count(*) FROM duckdb_{kind}() WHERE temporary AND {name} = 'filtered_processes'"


def test_a_filter_on_the_only_publisher_reads_the_stored_steps(tmp_path, monkeypatch):
    """Naming the database's only publisher keeps every process: the filter steps are the stored ones, and the
    results those of the filter applied. With a second publisher, the filter is applied again."""
    path = tmp_path / "one-publisher.duckdb"
    con = connect(path)
    load_paths(con, [str(FIXTURES / "datasets" / "brazil-flags.json")], "Prefeitura de Teste")
    con.close()
    con = connect(path, read_only=True)
    only = {metric_id: metrics.run(metric_id, con, publisher="Prefeitura de Teste") for metric_id in ("r003", "hhi")}
    assert con.execute(TEMP_STEP.format(kind="views", name="view_name")).fetchone() == (1,)
    con.close()
    applied = connect(path, read_only=True)
    monkeypatch.setattr(runner, "without_a_filter_that_keeps_all", lambda con, values: values)
    for metric_id, frame in only.items():
        assert frame.equals(metrics.run(metric_id, applied, publisher="Prefeitura de Teste")), metric_id
    applied.close()
    monkeypatch.undo()
    con = connect(path)
    load_paths(con, [str(FIXTURES / "datasets" / "city.json")], "Outra Prefeitura")
    assert len(metrics.run("process_count", con, publisher="Prefeitura de Teste")) == 1
    assert con.execute(TEMP_STEP.format(kind="tables", name="table_name")).fetchone() == (1,)
    con.close()


def test_load_time_tables_follow_incremental_loads(tmp_path):
    """The tables parsed from the JSON at load time (loaders/derived.sql) are recomputed for the ocids a load
    touches, and end as after one load of everything: BR03's first contract value appears once b8 has a later
    release."""
    package = json.loads((FIXTURES / "datasets" / "brazil-flags.json").read_text(encoding="utf-8"))
    first, later = tmp_path / "first.json", tmp_path / "later.json"
    first.write_text(json.dumps(dict(package, releases=package["releases"][:-1])), encoding="utf-8")
    later.write_text(json.dumps(dict(package, releases=package["releases"][-1:])), encoding="utf-8")
    city = str(FIXTURES / "datasets" / "city.json")
    stepwise = connect(tmp_path / "stepwise.duckdb")
    load_paths(stepwise, [city, str(first)], publisher="Prefeitura de Teste")
    assert metrics.run("br03", stepwise).empty
    load_paths(stepwise, [str(later)], publisher="Prefeitura de Teste")
    at_once = connect(tmp_path / "at_once.duckdb")
    load_paths(at_once, [city, str(FIXTURES / "datasets" / "brazil-flags.json")], publisher="Prefeitura de Teste")
    for table in re.findall(r"INSERT INTO (\w+)", DERIVED_SQL.read_text(encoding="utf-8")):
        query = f"SELECT * FROM {table} ORDER BY ALL"
        assert stepwise.execute(query).fetchall() == at_once.execute(query).fetchall(), table
    assert metrics.run("br03", stepwise)["id"].tolist() == ["ocds-test02-b8"]
    stepwise.close()
    at_once.close()


def test_every_metric_and_lookup_answers_on_an_empty_database(tmp_path):
    """Before the first load the dashboard still opens: empty tables, no errors."""
    con = connect(tmp_path / "empty.duckdb")
    for metric_id in METRICS:
        assert metrics.run(metric_id, con).empty, metric_id
    assert metrics.lookup("filter_options", con).empty
    assert metrics.lookup("data_status", con).empty
    assert metrics.lookup("flag_counts", con).empty
    assert not metrics.lookup("metric_support", con)["supported"].any()
    con.close()


def test_run_many_equals_run_one_by_one(dataset):
    con = dataset("city.json")
    together = metrics.run_many(["awarded_value", "process_count"], con, group_by="month", date_from="2024-02-01")
    for metric_id, frame in together.items():
        alone = metrics.run(metric_id, con, group_by="month", date_from="2024-02-01")
        assert frame.equals(alone), metric_id
