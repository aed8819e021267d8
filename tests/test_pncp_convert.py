"""PNCP → OCDS conversion of the real recorded records (2023-era and current field shapes); every release validates."""

from __future__ import annotations

import copy
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig

from loaders.pncp import codes
from loaders.pncp.convert import convert, local_datetime
from loaders.pncp.records import PncpData
from tests.test_pncp_support import (
    ARACI_COMPRA,
    CEARA_COMPRA,
    CEARA_CONTRATO_DETALHE,
    CEARA_ITEM,
    CEARA_RESULTADOS,
    CNEN_CONTRATO,
    CNPQ_COMPRA,
    records,
)

PREFIX = "ocds-mogi00"
STANDARD_ZIP = Path(__file__).resolve().parent.parent / "assets" / "schema" / "ocds-standard-1__1__5-schema.zip"


def cove(package: dict) -> dict:
    """libcoveocds, offline: the OCDS 1.1.5 standard zip carried in the repo."""
    config = LibCoveOCDSConfig()
    config.config["standard_zip"] = STANDARD_ZIP.as_uri()
    config.config["context"] = "api"
    with tempfile.TemporaryDirectory() as tmp, standard_schemas_from_the_zip():
        return ocds_json_output(tmp, json_data=package, lib_cove_ocds_config=config, schema_version="1.1")


@contextmanager
def standard_schemas_from_the_zip():
    """The record package schema refers to versioned-release-validation-schema.json by its URL on
    standard.open-contracting.org, which jsonref fetches with requests even when libcoveocds has the zip.
    Answer those requests from the zip (no network)."""
    original = requests.adapters.HTTPAdapter.send

    def send(adapter, request, **kwargs):
        url = urlsplit(request.url)
        if url.hostname != "standard.open-contracting.org" or not url.path.startswith("/schema/1__1__5/"):
            return original(adapter, request, **kwargs)
        with zipfile.ZipFile(STANDARD_ZIP) as archive:
            body = archive.read("standard-1__1__5/schema/" + url.path.rsplit("/", 1)[1])
        response = requests.Response()
        response.status_code, response._content, response.url, response.request = 200, body, request.url, request
        response.headers["Content-Type"] = "application/json"
        return response

    requests.adapters.HTTPAdapter.send = send
    try:
        yield
    finally:
        requests.adapters.HTTPAdapter.send = original


def release_package(releases: list[dict]) -> dict:
    return {
        "uri": "https://example.org/pncp.json",
        "publishedDate": "2026-01-01T00:00:00-03:00",
        "version": "1.1",
        "publisher": {"name": "Prefeitura de Mogi das Cruzes"},
        "releases": releases,
    }


def all_recorded() -> PncpData:
    return PncpData(
        compras=records(ARACI_COMPRA) + records(CNPQ_COMPRA),
        itens={CEARA_COMPRA: records(CEARA_ITEM)},
        resultados={CEARA_COMPRA: records(CEARA_RESULTADOS)},
        contratos=records(CNEN_CONTRATO) + records(CEARA_CONTRATO_DETALHE),
    )


@pytest.fixture(scope="module")
def releases() -> list[dict]:
    return convert(all_recorded(), PREFIX)


def by_id(releases: list[dict], release_id: str) -> dict:
    return next(r for r in releases if r["id"] == release_id)


def test_every_converted_release_validates(releases):
    result = cove(release_package(releases))
    assert result["validation_errors"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert len(releases) == 6  # 3 tender, 1 award, 2 contract releases


def test_2023_pregao_tender(releases):
    release = by_id(releases, "14232086000192-1-000060/2023-tender-20231017T120053")
    tender = release["tender"]
    assert release["ocid"] == f"{PREFIX}-14232086000192-1-000060/2023"
    assert release["tag"] == ["tender"] and release["date"] == "2023-10-17T12:00:53-03:00"
    assert release["buyer"] == {"id": "BR-CNPJ-14232086000192", "name": "MUNICIPIO DE ARACI"}
    assert tender["procuringEntity"] == {
        "id": "BR-CNPJ-14232086000192-UA-1",
        "name": "PREFEITURA MUNICIPAL DE ARACI - BA",
    }
    assert tender["procurementMethod"] == "open" and tender["procurementMethodDetails"] == "Pregão - Eletrônico"
    assert tender["submissionMethod"] == ["electronicSubmission"]
    assert tender["tenderPeriod"] == {"startDate": "2023-10-17T15:00:00-03:00", "endDate": "2023-10-27T23:59:00-03:00"}
    assert "value" not in tender  # valorTotalEstimado 0: secret budget, not an estimate of zero
    assert tender["details"]["modoDisputa"] == {"id": 3, "nome": "Aberto-Fechado"}
    assert tender["details"]["amparoLegal"]["nome"] == "Lei 14.133/2021, Art. 28, I"
    assert tender["details"]["isSale"] is False
    assert tender["procurementMethodRationale"].startswith("Lei 14.133/2021, Art. 28, I: pregão")
    assert "%5Bgkz%5D" in tender["documents"][1]["url"]  # the platform link, made a valid URI


def test_2023_dispensa_is_direct_with_value(releases):
    tender = by_id(releases, "33654831000136-1-000001/2023-tender-20230102T084455")["tender"]
    assert tender["procurementMethod"] == "direct"
    assert tender["value"] == {"amount": 950893.42, "currency": "BRL"}
    assert tender["procuringEntity"]["name"] == "CNPQ - ADMINISTRACAO CENTRAL"


def test_current_shape_item_and_result_become_tender_item_and_award(releases):
    ocid = f"{PREFIX}-{CEARA_COMPRA}"
    tender = next(r for r in releases if r["ocid"] == ocid and r["tag"] == ["tender"])["tender"]
    assert tender["items"][0]["quantity"] == 4638000.0
    assert tender["items"][0]["unit"] == {
        "name": "UNIDADE 1.0 MILILITRO",
        "value": {"amount": 0.0951, "currency": "BRL"},
    }
    assert tender["mainProcurementCategory"] == "goods" and tender["awardCriteria"] == "priceOnly"
    award_release = next(r for r in releases if r["ocid"] == ocid and r["tag"] == ["award"])
    (award,) = award_release["awards"]
    assert award["id"] == f"{CEARA_COMPRA}-BR-CNPJ-49324221000104" and award["status"] == "active"
    assert award["value"] == {"amount": 252771.0, "currency": "BRL"}
    assert award["date"] == "2026-04-24T00:00:00-03:00"
    assert award["items"][0]["unit"]["value"]["amount"] == 0.0545
    (supplier,) = [p for p in award_release["parties"] if "supplier" in p["roles"]]
    assert supplier["name"] == "FRESENIUS KABI BRASIL LTDA." and supplier["details"]["scale"] == "large"


def test_contract_shares_the_ocid_of_its_purchase(releases):
    release = by_id(releases, "00402552000126-2-000322/2022-contract-20230202T171703")
    assert release["ocid"] == f"{PREFIX}-00402552000126-1-000316/2022"  # numeroControlePncpCompra
    (contract,) = release["contracts"]
    assert contract["value"] == {"amount": 2370.41, "currency": "BRL"}
    assert contract["dateSigned"] == "2022-12-31T00:00:00-03:00"
    assert contract["period"] == {"startDate": "2022-12-31T00:00:00-03:00", "endDate": "2023-02-10T00:00:00-03:00"}
    # no result was published for that purchase: the contract's supplier is its award
    (award,) = release["awards"]
    assert contract["awardID"] == award["id"] and award["suppliers"][0]["id"] == "BR-CNPJ-23747090000184"
    assert {p["id"]: p["roles"] for p in release["parties"]}["BR-CNPJ-00402552000126-UA-113211"] == ["procuringEntity"]


def test_contract_detail_excerpt_of_2026_converts(releases):
    release = by_id(releases, "07954480000179-2-031999/2026-contract-20260901")
    assert release["ocid"] == f"{PREFIX}-07954480000179-1-026144/2025"
    assert release["contracts"][0]["dateSigned"] == "2026-09-01T00:00:00-03:00"
    assert release["date"] == "2026-09-01T00:00:00-03:00"  # the excerpt has no update date: the signature's
    assert release["contracts"][0]["awardID"] == release["awards"][0]["id"]  # no supplier in the excerpt


def test_contract_joins_the_award_of_its_supplier():
    compra = CEARA_COMPRA
    contrato = copy.deepcopy(records(CNEN_CONTRATO)[0])  # a real contract, re-pointed at a purchase with a result
    contrato |= {"numeroControlePncpCompra": compra, "niFornecedor": "49324221000104"}
    data = PncpData(resultados={compra: records(CEARA_RESULTADOS)}, contratos=[contrato])
    release = next(r for r in convert(data, PREFIX) if r["tag"] == ["contract"])
    assert release["contracts"][0]["awardID"] == f"{compra}-BR-CNPJ-49324221000104"
    assert "awards" not in release


def test_release_ids_are_stable_and_change_with_the_record():
    first, again = convert(all_recorded(), PREFIX), convert(all_recorded(), PREFIX)
    assert [r["id"] for r in first] == [r["id"] for r in again] and first == again
    updated = all_recorded()
    updated.compras[0] = updated.compras[0] | {"dataAtualizacao": "2023-11-20T09:00:00"}
    ids = {r["id"] for r in convert(updated, PREFIX)}
    assert "14232086000192-1-000060/2023-tender-20231120T090000" in ids
    assert "14232086000192-1-000060/2023-tender-20231017T120053" not in ids
    assert {r["id"] for r in first} - ids == {"14232086000192-1-000060/2023-tender-20231017T120053"}


def test_cpf_of_a_person_supplier_is_masked():
    result = copy.deepcopy(records(CEARA_RESULTADOS)[0])  # a real result, as if won by a person (tipoPessoa PF)
    result |= {"tipoPessoa": "PF", "niFornecedor": "12345678901", "porteFornecedorId": 4}
    release = next(r for r in convert(PncpData(resultados={CEARA_COMPRA: [result]}), PREFIX) if r["tag"] == ["award"])
    (supplier,) = release["parties"]
    assert "12345678901" not in str(release) and supplier["identifier"]["id"] == "***.456.789-**"
    assert supplier["details"]["scale"] == "selfEmployed"


@pytest.mark.parametrize(
    ("modalidade", "modo", "instrumento", "method"),
    [
        (6, 1, 1, "open"),
        (1, 1, 1, "open"),
        (2, 5, 1, "selective"),
        (8, 5, 3, "direct"),
        (8, 4, 2, "limited"),
        (9, 5, 3, "direct"),
        (14, 5, 3, "direct"),
        (11, 5, 1, "selective"),
    ],
)
def test_procurement_method_of_each_modalidade(modalidade, modo, instrumento, method):
    assert codes.procurement_method(modalidade, modo, instrumento) == method


def test_leilao_is_a_sale_and_an_electronic_auction():
    compra = records(ARACI_COMPRA)[0] | {"modalidadeId": 1, "modalidadeNome": "Leilão - Eletrônico"}
    tender = convert(PncpData(compras=[compra]), PREFIX)[0]["tender"]
    assert tender["details"]["isSale"] is True and tender["submissionMethod"] == ["electronicAuction"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-10-17T15:00:00", "2023-10-17T15:00:00-03:00"),
        ("2022-12-31", "2022-12-31T00:00:00-03:00"),
        ("2023-10-17T15:00", "2023-10-17T15:00:00-03:00"),
        ("2023-10-17T15:00:00.123", "2023-10-17T15:00:00.123-03:00"),
        ("2023-10-17T15:00:00Z", "2023-10-17T15:00:00Z"),
        (None, None),
        ("", None),
    ],
)
def test_brasilia_local_times_get_their_offset(value, expected):
    assert local_datetime(value) == expected
