"""`python -m loaders pncp` against a local PNCP of real recorded answers, then `export-ocds` checked by libcoveocds."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest

from loaders.__main__ import main
from loaders.database import connect
from tests.test_pncp_convert import cove
from tests.test_pncp_support import CEARA_COMPRA, Answer, FakePncp, city_scenario

PREFIX = "ocds-mogi00"  # config/cities/mogi-das-cruzes.toml
PUBLISHER = "Prefeitura de Mogi das Cruzes"


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setenv("PNCP_WAIT_SCALE", "0.001")  # honour Retry-After and backoff, in milliseconds
    with FakePncp() as server:
        yield server


def run_pncp(fake: FakePncp, tmp_path, *extra: str) -> int:
    return main([
        "pncp", "--from", "2024-01-01", "--to", "2024-01-31", "--db", str(tmp_path / "painel.duckdb"),
        "--base-url", fake.base_url, "--cache-dir", str(tmp_path / "cache"), "--min-interval", "0", "--quiet",
        "--compra", CEARA_COMPRA, *extra,
    ])  # fmt: skip


def printed_counts(output: str) -> dict[str, int]:
    line = next(line for line in output.splitlines() if line.startswith("PNCP:"))
    return {name: int(n) for n, name in re.findall(r"(\d+) (contratações|itens|resultados|contratos)", line)}


def test_pncp_loads_every_record_served(fake, tmp_path, capsys):
    served = city_scenario(fake)
    assert run_pncp(fake, tmp_path) == 0
    out = capsys.readouterr().out
    assert printed_counts(out) == {
        "contratações": served["compras"], "itens": served["itens"],
        "resultados": served["resultados"], "contratos": served["contratos"],
    }  # fmt: skip
    queried = {p.get("codigoModalidadeContratacao") for path, p in fake.requests if path.endswith("/publicacao")}
    assert queried == {str(m) for m in range(1, 15)}  # one query per modalidade (7 answered 429, then 204)
    assert all(p.get("cnpj") == "46523270000188" for path, p in fake.requests if path.endswith("/publicacao"))

    con = connect(tmp_path / "painel.duckdb", read_only=True)
    processes = dict(con.execute("SELECT ocid, secretariat FROM processes").fetchall())
    assert processes == {
        f"{PREFIX}-14232086000192-1-000060/2023": "PREFEITURA MUNICIPAL DE ARACI - BA",
        f"{PREFIX}-33654831000136-1-000001/2023": "CNPQ - ADMINISTRACAO CENTRAL",
        f"{PREFIX}-00402552000126-1-000316/2022": "CENTRO REG. DE CIENCIAS NUCLEARES DO NORDESTE",
        f"{PREFIX}-{CEARA_COMPRA}": None,  # only items and results were recorded: no unit to name
    }
    kinds = dict(con.execute("SELECT ocid, procedure_type FROM processes WHERE procedure_type IS NOT NULL").fetchall())
    assert kinds[f"{PREFIX}-14232086000192-1-000060/2023"] == "pregao"
    assert kinds[f"{PREFIX}-33654831000136-1-000001/2023"] == "dispensa"
    suppliers = dict(con.execute("SELECT supplier_id, supplier_name FROM award_suppliers").fetchall())
    assert suppliers == {
        "BR-CNPJ-49324221000104": "FRESENIUS KABI BRASIL LTDA.",
        "BR-CNPJ-23747090000184": "SCIAVICCO COMERCIO INDUSTRIA LTDA",
    }
    assert con.execute("SELECT count(*) FROM contracts").fetchone()[0] == served["contratos"]
    assert con.execute("SELECT count(*) FROM items WHERE stage = 'tender'").fetchone()[0] == served["itens"]
    assert con.execute("SELECT publisher, license FROM sources").fetchall() == [
        (PUBLISHER, "https://creativecommons.org/licenses/by/4.0/")
    ]
    con.close()


def test_rerun_uses_the_cache_and_changes_nothing(fake, tmp_path, capsys):
    city_scenario(fake)
    assert run_pncp(fake, tmp_path) == 0
    first_requests = len(fake.requests)
    capsys.readouterr()
    assert run_pncp(fake, tmp_path) == 0
    out = capsys.readouterr().out
    assert len(fake.requests) == first_requests  # everything came from the cache
    assert "(1 unchanged since an earlier load" in out


def test_interrupted_fetch_loads_nothing_and_the_rerun_resumes(fake, tmp_path, capsys):
    city_scenario(fake)
    fake.route("/api/consulta/v1/contratos", Answer(500, "<html>erro</html>"), cnpjOrgao="46523270000188")
    assert run_pncp(fake, tmp_path, "--timeout", "5") == 1
    assert "HTTP 500 after 5 attempts" in capsys.readouterr().err
    assert not (tmp_path / "painel.duckdb").exists()  # the load never started: nothing was written
    fake.routes.pop()
    before = len(fake.requests)
    assert run_pncp(fake, tmp_path) == 0
    listing_requests = [p for p, _ in fake.requests[before:] if p.endswith("/publicacao")]
    assert listing_requests == []  # the purchases came from the cache
    assert printed_counts(capsys.readouterr().out)["contratos"] == 1


def test_export_ocds_passes_libcoveocds(fake, tmp_path, capsys):
    city_scenario(fake)
    assert run_pncp(fake, tmp_path) == 0
    out_dir = tmp_path / "ocds"
    code = main(["export-ocds", "--out", str(out_dir), "--db", str(tmp_path / "painel.duckdb"),
                 "--published-date", "2026-11-25T12:00:00-03:00"])  # fmt: skip
    assert code == 0
    releases = json.loads((out_dir / "releases-0001.json").read_text(encoding="utf-8"))
    records = json.loads((out_dir / "records.json").read_text(encoding="utf-8"))
    assert releases["publisher"] == {"name": PUBLISHER}
    assert releases["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert releases["publishedDate"] == "2026-11-25T12:00:00-03:00" and "extensions" not in releases
    assert len(releases["releases"]) == 5 and len(records["records"]) == 4
    for package in (releases, records):
        result = cove(package)
        assert result["validation_errors"] == []
        assert result["additional_closed_codelist_values"] == {}
    record = next(r for r in records["records"] if r["ocid"] == f"{PREFIX}-{CEARA_COMPRA}")
    assert [link["tag"] for link in record["releases"]] == [["tender"], ["award"]]
    assert record["compiledRelease"]["awards"][0]["value"]["amount"] == 252771.0


def test_export_of_an_unknown_publisher_says_what_to_do(tmp_path, capsys):
    connect(tmp_path / "painel.duckdb").close()
    code = main(["export-ocds", "--out", str(tmp_path / "ocds"), "--db", str(tmp_path / "painel.duckdb")])
    assert code == 1
    assert "no releases loaded for publisher 'Prefeitura de Mogi das Cruzes'" in capsys.readouterr().err


def test_ibge_asks_for_every_body_in_the_municipality(fake, tmp_path, capsys):
    city_scenario(fake)
    assert run_pncp(fake, tmp_path, "--ibge", "3530607") == 0
    listings = [p for path, p in fake.requests if path.endswith("/publicacao")]
    assert {p.get("codigoMunicipioIbge") for p in listings} == {"3530607"} and not any("cnpj" in p for p in listings)
    asked = {p["cnpjOrgao"] for path, p in fake.requests if path.endswith("/contratos")}
    assert asked == {"14232086000192", "33654831000136"}  # the órgãos seen among the purchases
    assert printed_counts(capsys.readouterr().out)["contratos"] == 1  # the same contract twice is one contract


def test_export_in_several_files_links_each_release_to_its_file(fake, tmp_path):
    city_scenario(fake)
    assert run_pncp(fake, tmp_path) == 0
    out_dir = tmp_path / "ocds"
    code = main(["export-ocds", "--out", str(out_dir), "--db", str(tmp_path / "painel.duckdb"), "--per-file", "2",
                 "--base-uri", "https://dados.mogidascruzes.sp.gov.br/ocds/"])  # fmt: skip
    assert code == 0
    files = sorted(p.name for p in out_dir.glob("releases-*.json"))
    assert files == ["releases-0001.json", "releases-0002.json", "releases-0003.json"]
    records = json.loads((out_dir / "records.json").read_text(encoding="utf-8"))
    assert records["packages"] == [f"https://dados.mogidascruzes.sp.gov.br/ocds/{name}" for name in files]
    for record in records["records"]:
        for link in record["releases"]:
            package_url, release_id = link["url"].split("#")
            package = json.loads((out_dir / package_url.rsplit("/", 1)[1]).read_text(encoding="utf-8"))
            assert unquote(release_id) in {r["id"] for r in package["releases"]}
    assert cove(json.loads((out_dir / "releases-0002.json").read_text(encoding="utf-8")))["validation_errors"] == []
