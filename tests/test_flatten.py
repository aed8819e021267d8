"""The flat tables' rules (loaders/flatten.sql) on one compiled release that exercises them, through the loader."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from loaders.database import connect
from loaders.load import load_paths

RELEASE = {
    "ocid": "ocds-abc123-1",
    "id": "1",
    "date": "2024-03-05T22:00:00-03:00",
    "buyer": {"id": "b", "name": "Prefeitura  de\u00a0Teste"},
    "parties": [
        {
            "id": "b",
            "name": "Prefeitura  de\u00a0Teste",
            "identifier": {"scheme": "BR-CNPJ", "id": "2.073.207/0001-11"},
            "additionalIdentifiers": [{"legalName": "  "}, {"legalName": "Secretaria de Saúde"}],
            "roles": ["buyer"],
        },
        {"id": "s1", "name": "Fornecedor", "identifier": {"id": "CNPJ-123"}, "roles": ["supplier", "tenderer"]},
        {"id": "s2", "name": "José", "identifier": {"scheme": "BR-CPF", "id": "123.456.789-0"}, "roles": ["tenderer"]},
        {"id": "s3", "name": "  Empresa   Sem Identificação ", "roles": ["tenderer", 7]},
        {"id": "s4", "name": "Foreign", "identifier": {"scheme": "us-ein", "id": "12-345"}},
        "not a party",
    ],
    "tender": {
        "procurementMethod": " open ",
        "procurementMethodDetails": "Pregão  Eletrônico",
        "value": {"amount": True, "currency": "r$"},
        "tenderers": [{"id": "s1"}, {"id": "s1"}, {"id": "s3"}],
        "numberOfTenderers": "7",
        "title": {"not": "a name"},
        "status": 5,
        "tenderPeriod": {"startDate": "2024-02-01T10:00:00Z"},
        "documents": [{"url": "ftp://example.org/edital"}, {"url": "https://example.org/p/1"}],
        "items": [{"id": 1, "quantity": "3", "unit": {"value": {"amount": 2.5, "currency": " mnx "}}}],
    },
    "awards": [
        {
            "id": "a1",
            "date": "2024-03-01T22:30:00-03:00",
            "value": {"amount": "100", "currency": "BRL"},
            "suppliers": [{"id": "s1"}, {"id": "s1", "name": "Another spelling"}],
        },
        5,
    ],
    "contracts": [
        {
            "id": "c1",
            "value": {"amount": 100, "currency": "BRL"},
            "implementation": {
                "transactions": [
                    {"value": {"amount": 40, "currency": "BRL"}},
                    {"amount": {"amount": 10}},
                    {"value": {"amount": 99, "currency": "USD"}},
                ]
            },
        }
    ],
    "bids": {"details": [{"id": "bid1", "tenderers": [{"id": "s2"}, {"id": "s3"}], "value": {"amount": 90}}]},
}
BUYER = "BR-CNPJ-02073207000111"
UNNAMED = "NAME-empresa sem identificacao"


def loaded(tmp_path: Path):
    source = tmp_path / "compiled.jsonl"
    source.write_text(json.dumps(RELEASE) + "\n")
    path = tmp_path / "flat.duckdb"
    con = connect(path)
    load_paths(con, [str(source)], "Teste", compiled=True)
    return con


def one(con, sql: str):
    return con.execute(sql).fetchone()


def test_process_row_follows_the_rules(tmp_path):
    con = loaded(tmp_path)
    row = one(
        con,
        "SELECT publisher, ocid_prefix, buyer_id, buyer_name, secretariat, secretariat_key, secretariat_source, "
        "procurement_method, procurement_method_details, procedure_type, is_competitive, is_sale, title, status, "
        "tender_value, tender_currency, number_of_tenderers, first_award_date, period_date, source_url FROM processes",
    )
    con.close()
    assert row == (
        "Teste",
        "ocds-abc123",
        BUYER,
        "Prefeitura de Teste",
        "Secretaria de Saúde",
        "secretaria de saude",
        "buyerUnit",
        "open",
        "Pregão Eletrônico",
        "pregao",
        True,
        False,
        None,  # an object is no title
        "5",
        None,  # a boolean is no amount
        "BRL",
        2,  # a string numberOfTenderers is ignored: distinct tenderers
        datetime.datetime(2024, 3, 2, 1, 30, tzinfo=datetime.UTC),
        datetime.date(2024, 3, 1),  # the date as published, not the UTC one
        "https://example.org/p/1",
    )


def test_organization_ids_and_references(tmp_path):
    con = loaded(tmp_path)
    parties = con.execute("SELECT party_id, org_id, name, roles FROM parties ORDER BY party_id").fetchall()
    suppliers = con.execute("SELECT award_id, supplier_id, supplier_name FROM award_suppliers").fetchall()
    tenderers = con.execute("SELECT tenderer_id FROM tenderers ORDER BY tenderer_id").fetchall()
    bids = con.execute("SELECT bid_id, value, tenderer_ids FROM bids").fetchall()
    con.close()
    assert parties == [
        ("b", BUYER, "Prefeitura de Teste", ["buyer"]),
        ("s1", "BR-CNPJ-00000000000123", "Fornecedor", ["supplier", "tenderer"]),
        ("s2", "BR-CPF-01234567890", "José", ["tenderer"]),
        ("s3", UNNAMED, "Empresa Sem Identificação", ["tenderer", "7"]),
        ("s4", "US-EIN-12-345", "Foreign", None),
    ]
    assert suppliers == [("a1", "BR-CNPJ-00000000000123", "Fornecedor")]
    assert tenderers == [("BR-CNPJ-00000000000123",), (UNNAMED,)]
    assert bids == [("bid1", 90.0, ["BR-CPF-01234567890", UNNAMED])]


def test_money_items_and_transactions(tmp_path):
    con = loaded(tmp_path)
    awards = con.execute("SELECT award_id, value, currency FROM awards").fetchall()
    contracts = con.execute("SELECT contract_id, value, paid_value, transactions, amendments FROM contracts").fetchall()
    items = con.execute("SELECT stage, item_id, quantity, unit_value, currency FROM items").fetchall()
    con.close()
    assert awards == [("a1", None, "BRL")]  # a string is no amount; the non-object award is skipped
    assert contracts == [("c1", 100.0, 50.0, 3, 0)]  # the USD transaction is not paid in BRL
    assert items == [("tender", "1", None, 2.5, "MXN")]


def test_secretariat_rules_can_be_reordered(tmp_path, monkeypatch):
    monkeypatch.setenv("PAINEL_SECRETARIAT_RULES", " buyer , buyerUnit")
    con = loaded(tmp_path)
    row = one(con, "SELECT secretariat, secretariat_source FROM processes")
    con.close()
    assert row == ("Prefeitura de Teste", "buyer")


@pytest.mark.parametrize("rules", ["procuringEntity", "nothing"])
def test_no_secretariat_when_no_rule_gives_one(tmp_path, monkeypatch, rules):
    monkeypatch.setenv("PAINEL_SECRETARIAT_RULES", rules)
    con = loaded(tmp_path)
    row = one(con, "SELECT secretariat, secretariat_key, secretariat_source FROM processes")
    con.close()
    assert row == (None, None, None)
