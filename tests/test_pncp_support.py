"""A local stand-in for PNCP, for the test_pncp_* files: real recorded answers served from 127.0.0.1.

The records are the real PNCP answers in tests/fixtures/pncp/ (SOURCES.md there). Where the recording dropped the
page envelope, `envelope()` wraps the real records in the envelope the PNCP manual describes (data, totalRegistros,
totalPaginas, numeroPagina, paginasRestantes, empty). What no recording covers gets PNCP's documented "nothing"
answers: 204 with an empty body for listings, `[]` past the last page of items, and the 404 JSON body of the manual.
No test module here: pytest collects nothing from this file.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.local_server import Answer, LocalServer

FIXTURES = Path(__file__).parent / "fixtures" / "pncp"

ARACI_COMPRA = "consulta_v1_contratacoes_proposta__14232086000192-1-000060-2023.json"  # 2023 shape, pregão
CNPQ_COMPRA = "consulta_v1_contratacoes_publicacao__33654831000136-1-000001-2023.json"  # 2023 shape, dispensa
CNEN_CONTRATO = "consulta_v1_contratos__00402552000126-2-000322-2022.json"
CEARA_ITEM = "pncp_v1_orgaos_compras_itens__07954480000179-1-025970-2025_item1.json"  # 2026 shape
CEARA_RESULTADOS = "pncp_v1_orgaos_compras_itens_resultados__07954480000179-1-025970-2025_item1.json"
CEARA_CONTRATO_DETALHE = "pncp_v1_orgaos_contratos_detalhe__07954480000179-2-031999-2026.TRUNCATED.json"
CRISTAIS_ATA = "consulta_v1_atas__17888082000155-1-000011-2022-000001.json"
SANTIAGO_ATA = "consulta_v1_atas__01612781000138-1-000021-2022-000001.TRUNCATED.json"
CEARA_COMPRA = "07954480000179-1-025970/2025"
NOT_FOUND = {"status": "404", "error": "404 NOT_FOUND", "message": "Não encontrado"}  # shape of the manual's 404


def recorded(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def records(name: str) -> list[dict]:
    """The records of a recorded answer: `data` of an envelope, or the bare list / object."""
    answer = recorded(name)
    if isinstance(answer, dict) and "data" in answer:
        return answer["data"]
    return answer if isinstance(answer, list) else [answer]


def envelope(data: list[dict], page: int = 1, pages: int = 1, total: int | None = None) -> dict:
    return {
        "data": data,
        "totalRegistros": total if total is not None else len(data),
        "totalPaginas": pages,
        "numeroPagina": page,
        "paginasRestantes": pages - page,
        "empty": not data,
    }


def ok(body) -> Answer:
    return Answer(200, body, {"Content-Type": "application/json"})


NO_CONTENT = Answer(204)


class FakePncp(LocalServer):
    """A local PNCP: what no route covers gets PNCP's "nothing" (204 with an empty body)."""

    def __init__(self):
        super().__init__(default=NO_CONTENT)


def city_scenario(fake: FakePncp) -> dict[str, int]:
    """A city's month on PNCP made of every recorded real answer that fits together; returns what it serves.

    Listings: the Araci pregão (modalidade 6), the CNPq dispensa (8), other modalidades 204 (one 429 first);
    one contract (CNEN) whose purchase PNCP is asked for by number (404: not recorded); and, asked for with
    `--compra`, the Ceará purchase's item 1 (page 2 answers [], as PNCP does past the end) and its result.
    The Araci and CNPq items were not recorded: their item lists answer 204 (nothing)."""
    consulta, detail = "/api/consulta/v1", "/api/pncp/v1/orgaos/07954480000179/compras/2025/25970"
    fake.route(
        f"{consulta}/contratacoes/publicacao", ok(envelope(records(ARACI_COMPRA))), codigoModalidadeContratacao=6
    )
    fake.route(f"{consulta}/contratacoes/publicacao", ok(envelope(records(CNPQ_COMPRA))), codigoModalidadeContratacao=8)
    fake.route(
        f"{consulta}/contratacoes/publicacao",
        Answer(429, {"message": "Too Many Requests"}, {"Retry-After": "3"}),
        NO_CONTENT,
        codigoModalidadeContratacao=7,
    )
    fake.route(f"{consulta}/contratos", ok(envelope(records(CNEN_CONTRATO))))
    fake.route(f"{consulta}/orgaos/00402552000126/compras/2022/316", Answer(404, NOT_FOUND))
    fake.route(f"{detail}/itens", ok([recorded(CEARA_ITEM)]), pagina=1)
    fake.route(f"{detail}/itens", ok([]), pagina=2)
    fake.route(f"{detail}/itens/1/resultados", ok(recorded(CEARA_RESULTADOS)))
    return {"compras": 2, "itens": 1, "resultados": 1, "contratos": 1}
