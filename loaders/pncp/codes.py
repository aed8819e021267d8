"""PNCP code tables and how each code maps to OCDS codelists.

The tables themselves (ids and names, as in the PNCP manuals) are data in `dominios_pncp.json` beside this file,
copied from tests/fixtures/pncp/ (sources in tests/fixtures/pncp/SOURCES.md, section D).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DOMAINS_FILE = Path(__file__).with_name("dominios_pncp.json")

MODALIDADES = tuple(range(1, 15))
LEILAO = {1, 13}
ELECTRONIC_MODALIDADES = {1, 4, 6}
IN_PERSON_MODALIDADES = {5, 7, 13}
DISPENSA, INEXIGIBILIDADE, INAPLICABILIDADE = 8, 9, 14
SELECTIVE = {2, 11}  # diálogo competitivo, pré-qualificação
DISPENSA_COM_DISPUTA = 4  # modoDisputaId
AVISO_CONTRATACAO_DIRETA = 2  # tipoInstrumentoConvocatorioCodigo

# situacaoCompraId → tender.status (OCDS 1.1 has no "suspended": 4 stays active, with statusDetails)
TENDER_STATUS = {1: "active", 2: "cancelled", 3: "cancelled", 4: "active"}

# porteFornecedorId → partyDetails scale codelist (micro, sme, large, selfEmployed). 5 "Não informado": none.
SCALE = {1: "micro", 2: "sme", 3: "large", 4: "selfEmployed"}

# criterioJulgamentoId → tender.awardCriteria (OCDS 1.1 codelist). 7 "Não se aplica", 9 "Conteúdo artístico": none.
AWARD_CRITERIA = {1: "priceOnly", 2: "priceOnly", 5: "priceOnly", 4: "ratedCriteria", 8: "qualityOnly", 6: "costOnly"}

# materialOuServico → tender.mainProcurementCategory
CATEGORY = {"M": "goods", "S": "services"}
CATALOGUE_SCHEME = {"M": "CATMAT", "S": "CATSER"}


@cache
def domains() -> dict:
    return json.loads(DOMAINS_FILE.read_text(encoding="utf-8"))


def name_of(table: str, code: int | str | None) -> str | None:
    """The PNCP name of a code in one of the tables (e.g. name_of("modalidadeContratacao", 6))."""
    for entry in domains().get(table, []):
        if isinstance(entry, dict) and str(entry.get("id")) == str(code):
            return entry.get("nome")
    return None


def procurement_method(modalidade: int | None, modo_disputa: int | None, instrumento: int | None) -> str | None:
    """OCDS procurementMethod of a PNCP modalidade (docs/pncp-mapping.md, "procurementMethod")."""
    if modalidade is None:
        return None
    if modalidade in SELECTIVE:
        return "selective"
    if modalidade == DISPENSA:
        with_dispute = modo_disputa == DISPENSA_COM_DISPUTA or instrumento == AVISO_CONTRATACAO_DIRETA
        return "limited" if with_dispute else "direct"
    if modalidade in (INEXIGIBILIDADE, INAPLICABILIDADE):
        return "direct"
    return "open"


def submission_method(modalidade: int | None) -> list[str] | None:
    if modalidade in LEILAO and modalidade in ELECTRONIC_MODALIDADES:
        return ["electronicAuction"]
    if modalidade in ELECTRONIC_MODALIDADES:
        return ["electronicSubmission"]
    if modalidade in IN_PERSON_MODALIDADES:
        return ["inPerson"]
    return None
