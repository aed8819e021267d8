"""PNCP data in the dashboard: fetched from a local PNCP of real answers, loaded by the `pncp` command, then the
spending page (AppTest) shows each process under its secretariat, modalidade and supplier."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.__main__ import main
from tests.test_pncp_support import CEARA_COMPRA, FakePncp, city_scenario

ROOT = Path(__file__).resolve().parent.parent
PUBLISHER = "Prefeitura de Mogi das Cruzes"


@pytest.fixture(scope="module")
def pncp_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pncp-dashboard")
    with pytest.MonkeyPatch.context() as patch, FakePncp() as fake:
        patch.setenv("PNCP_WAIT_SCALE", "0.001")
        city_scenario(fake)
        code = main([
            "pncp", "--from", "2024-01-01", "--to", "2024-01-31", "--db", str(folder / "painel.duckdb"),
            "--base-url", fake.base_url, "--cache-dir", str(folder / "cache"), "--min-interval", "0", "--quiet",
            "--compra", CEARA_COMPRA,
        ])  # fmt: skip
    assert code == 0
    return folder / "painel.duckdb"


def spending(pncp_db: Path, monkeypatch, **query: str) -> AppTest:
    monkeypatch.setenv("PAINEL_DB", str(pncp_db))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    query = {"publisher": PUBLISHER, "date_from": "2022-01-01", "date_to": "2026-12-31", **query}
    app.query_params.update(query)
    app.run()
    app.query_params.update(query)
    app.switch_page("pages/spending.py").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_processes_show_under_their_secretariat_modalidade_and_supplier(pncp_db, monkeypatch):
    table = spending(pncp_db, monkeypatch).dataframe[-1].value
    rows = {row["ocid"]: row for _, row in table.iterrows()}
    araci = rows["ocds-mogi00-14232086000192-1-000060/2023"]
    assert araci["Secretaria"] == "PREFEITURA MUNICIPAL DE ARACI - BA"
    assert araci["Modalidade"] == "Pregão"
    cnpq = rows["ocds-mogi00-33654831000136-1-000001/2023"]
    assert (cnpq["Secretaria"], cnpq["Modalidade"]) == ("CNPQ - ADMINISTRACAO CENTRAL", "Dispensa")
    assert "FRESENIUS KABI BRASIL LTDA." in rows[f"ocds-mogi00-{CEARA_COMPRA}"]["Fornecedores"]
    contract = rows["ocds-mogi00-00402552000126-1-000316/2022"]
    assert contract["Secretaria"] == "CENTRO REG. DE CIENCIAS NUCLEARES DO NORDESTE"
    assert "SCIAVICCO COMERCIO INDUSTRIA LTDA" in contract["Fornecedores"]


def test_spending_by_supplier_names_the_largest(pncp_db, monkeypatch):
    app = spending(pncp_db, monkeypatch, group_by="supplier")
    assert "FRESENIUS KABI BRASIL LTDA. recebeu" in app.get("plotly_chart")[0].proto.spec
