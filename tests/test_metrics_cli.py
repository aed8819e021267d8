"""`python -m metrics list | run | flags` on databases built by the real loader from the metric fixtures."""

import csv
import io
import json
from pathlib import Path

import pytest

from loaders.database import connect
from loaders.load import load_paths
from metrics.__main__ import main
from metrics.registry import METRICS

DATASETS = Path(__file__).parent / "fixtures" / "metrics" / "datasets"
CITY_FILE = Path(__file__).resolve().parent.parent / "config" / "cities" / "mogi-das-cruzes.toml"


def build(folder: Path, source: str, compiled: bool = False) -> str:
    path = folder / f"{Path(source).stem}.duckdb"
    with connect(path) as con:
        load_paths(con, [str(DATASETS / source)], publisher="Prefeitura de Teste", compiled=compiled)
    return str(path)


@pytest.fixture(scope="module")
def city_db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("cli"), "city.json")


def test_list_prints_every_metric_with_its_support(city_db, capsys):
    assert main(["list", "--db", city_db, "--format", "json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert set(rows) == set(METRICS)
    assert rows["awarded_value"]["supported"] is True
    assert rows["r024"]["supported"] is False  # the fixture has no bids
    assert "/bids/details[]/value/amount" in rows["r024"]["missing_fields"]
    assert main(["list", "--db", city_db, "--language", "en"]) == 0
    assert "Awarded value" in capsys.readouterr().out


def test_run_prints_csv_and_json(city_db, capsys):
    assert main(["run", "awarded_value", "--db", city_db, "--filter", "group_by=secretariat"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(row["group"], float(row["value"])) for row in rows] == [
        ("Secretaria Municipal de Educação", 2600.0),
        ("Secretaria Municipal de Saúde", 1380.0),
    ]
    assert main(["run", "process_count", "--db", city_db, "--filter", "date_from=2024-02-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["value"] == 4


def test_run_errors_are_messages_and_exit_code_1(city_db, capsys):
    assert main(["run", "awarded_valeu", "--db", city_db]) == 1
    assert "Did you mean awarded_value" in capsys.readouterr().err
    assert main(["run", "awarded_value", "--db", city_db, "--filter", "group_by"]) == 1
    assert "KEY=VALUE" in capsys.readouterr().err
    assert main(["run", "awarded_value", "--db", str(Path(city_db).with_name("missing.duckdb"))]) == 1
    assert "no database yet" in capsys.readouterr().err


def test_flags_in_cardinal_shape(tmp_path, capsys):
    db = build(tmp_path, "cardinal/R038.jsonl", compiled=True)
    assert main(["flags", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == {"Buyer": {"B": {"R038": 0.5}}}


def test_flags_with_cardinal_ini_settings_run_only_their_indicators(tmp_path, capsys):
    db = build(tmp_path, "cardinal/R024.jsonl", compiled=True)
    settings = tmp_path / "settings.ini"
    settings.write_text("; as written by `ocdscardinal init`\ncurrency = USD\n[R024]\n[R058]\nthreshold = 50\n")
    assert main(["flags", "--db", db, "--settings", str(settings)]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "OCID": {
            "F": {"R024": 1.0},
            "1": {"R058": 99.0},
            "2": {"R058": 99.0},
            "3": {"R058": 99.0},
            "4": {"R058": 99.0},
        },
        "Tenderer": {"W": {"R024": 0.0, "R058": 0.0}, "L": {"R024": 0.0}},
    }


def test_flags_with_the_city_settings(tmp_path, capsys):
    db = build(tmp_path, "brazil-flags.json")
    assert main(["flags", "--db", db, "--settings", str(CITY_FILE)]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "OCID": {
            "ocds-test02-b6": {"R003": 1.0, "BR02": 0.96},
            "ocds-test02-b3": {"BR01": 65000.0},
            "ocds-test02-b8": {"BR03": 0.3},
        }
    }


def test_unknown_setting_is_a_clear_error(tmp_path, capsys):
    db = build(tmp_path, "cardinal/R018.jsonl", compiled=True)
    settings = tmp_path / "settings.ini"
    settings.write_text("[R018]\nprocurement_method = open\n")
    assert main(["flags", "--db", db, "--settings", str(settings)]) == 1
    assert "[R018] has no setting 'procurement_method'" in capsys.readouterr().err


def test_flags_reject_an_unknown_filter(tmp_path, capsys):
    db = build(tmp_path, "cardinal/R018.jsonl", compiled=True)
    assert main(["flags", "--db", db, "--filter", "colour=red"]) == 1
    assert "colour" in capsys.readouterr().err
