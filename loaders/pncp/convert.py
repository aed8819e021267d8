"""PNCP records → OCDS 1.1 releases. Every rule is in docs/pncp-mapping.md; keep the two in step.

One contracting process (ocid) per PNCP purchase (compra): `{prefix}-{numeroControlePNCP}`. A purchase gives a
`tender` release (the compra and its items) and, once results exist, an `award` release; each contract gives a
`contract` release in its purchase's ocid (linked by `numeroControlePncpCompra`). Release ids carry the PNCP update
time of what they hold, so a refetch of unchanged data gives the same ids, and a change gives a new release.
PNCP-specific fields without a core OCDS home go into `details` objects, so no extension is needed to validate.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from loaders.pncp import codes
from loaders.pncp.records import PncpData, parse_control_number

BRL = "BRL"
BRASILIA_OFFSET = "-03:00"  # PNCP answers Brasília local time without offset; no DST since 2019
PNCP_APP = "https://pncp.gov.br/app"
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def convert(data: PncpData, ocid_prefix: str) -> list[dict]:
    """All releases for what was fetched: tender and award releases per purchase, one release per contract."""
    releases: list[dict] = []
    compras = {c["numeroControlePNCP"]: c for c in data.compras if c.get("numeroControlePNCP")}
    awarded: dict[str, dict[str, str]] = {}
    for control in sorted(set(compras) | set(data.itens) | set(data.resultados)):
        ocid = f"{ocid_prefix}-{control}"
        compra, itens = compras.get(control), data.itens.get(control, [])
        if compra or itens:
            releases.append(tender_release(ocid, control, compra, itens))
        results = data.resultados.get(control, [])
        if results:
            release = award_release(ocid, control, compra, itens, results)
            awarded[ocid] = active_award_by_supplier(release["awards"])
            releases.append(release)
    for contrato in latest_versions(data.contratos):
        releases.append(contract_release(ocid_prefix, contrato, awarded))
    return releases


def active_award_by_supplier(awards: list[dict]) -> dict[str, str]:
    return {s["id"]: a["id"] for a in awards if a["status"] == "active" for s in a["suppliers"]}


def latest_versions(contratos: Iterable[dict]) -> list[dict]:
    """One copy per contract (a contract listed in two date windows comes twice): the last updated."""
    by_control: dict[str, dict] = {}
    for contrato in contratos:
        control = contrato.get("numeroControlePNCP")
        if control and (control not in by_control or updated(contrato) >= updated(by_control[control])):
            by_control[control] = contrato
    return [by_control[k] for k in sorted(by_control)]


# Releases


def tender_release(ocid: str, control: str, compra: dict | None, itens: list[dict]) -> dict:
    stamp = max([updated(compra or {})] + [updated(i) for i in itens])
    parties, buyer, procuring = organization_parties(compra or {}, control)
    tender = {"id": control, **(compra_tender(compra, control) if compra else {})}
    if procuring:
        tender["procuringEntity"] = reference(procuring)
    if itens:
        tender["items"] = [tender_item(i) for i in sorted(itens, key=lambda i: i.get("numeroItem") or 0)]
        tender.update(item_summary(itens, compra))
    return make_release(ocid, f"{control}-tender-{compact(stamp)}", stamp, ["tender"], parties, buyer, tender=tender)


def award_release(ocid: str, control: str, compra: dict | None, itens: list[dict], results: list[dict]) -> dict:
    stamp = max(updated(r) for r in results)
    parties, buyer, _ = organization_parties(compra or {}, control) if compra else ([], None, None)
    awards, suppliers = build_awards(control, results, {i.get("numeroItem"): i for i in itens})
    release_id = f"{control}-award-{compact(stamp)}"
    return make_release(ocid, release_id, stamp, ["award"], parties + suppliers, buyer, awards=awards)


def contract_release(ocid_prefix: str, contrato: dict, awarded: dict[str, dict[str, str]]) -> dict:
    control = contrato["numeroControlePNCP"]
    purchase = contrato.get("numeroControlePncpCompra")
    ocid = f"{ocid_prefix}-{purchase or control}"
    stamp = updated(contrato)
    parties, buyer, procuring = organization_parties(contrato, purchase or control)
    supplier = supplier_party(
        contrato.get("niFornecedor"),
        contrato.get("tipoPessoa"),
        contrato.get("nomeRazaoSocialFornecedor"),
        country=contrato.get("codigoPaisFornecedor"),
    )
    contract = contract_object(contrato)
    sections: dict[str, Any] = {"contracts": [contract]}
    awards_of_process = awarded.get(ocid, {})
    if supplier and supplier["id"] in awards_of_process:
        contract["awardID"] = awards_of_process[supplier["id"]]
    else:
        # OCDS 1.1 needs contracts[].awardID. Without a published result for this supplier, the contract is the
        # record of the award; its value is left out when the purchase has results, not to count the money twice.
        award = derived_award(contrato, supplier, with_value=not awards_of_process)
        contract["awardID"] = award["id"]
        sections["awards"] = [award]
    if supplier:
        parties.append(supplier)
    if not purchase:  # a contract without a purchase is its own process: say who bought, and if it is revenue
        sections["tender"] = {
            "id": control,
            "procuringEntity": reference(procuring) if procuring else None,
            "details": {"isSale": contrato.get("receita") is True},
        }
    return make_release(ocid, f"{control}-contract-{compact(stamp)}", stamp, ["contract"], parties, buyer, **sections)


def make_release(ocid, release_id, stamp, tag, parties, buyer, **sections) -> dict:
    release = {
        "ocid": ocid,
        "id": release_id,
        "date": local_datetime(stamp),
        "tag": tag,
        "initiationType": "tender",
        "language": "pt",
        "parties": merge_parties(parties),
        "buyer": reference(buyer) if buyer else None,
        **sections,
    }
    return prune(release)


# Organizations


def organization_parties(record: dict, control: str) -> tuple[list[dict], dict | None, dict | None]:
    """Buyer (órgão) and procuring entity (unidade = the secretariat) of a compra or contrato.

    When the purchase was taken over (órgão sub-rogado), the new body is the buyer and the original one stays as an
    interested party."""
    orgao, unidade = record.get("orgaoEntidade") or {}, record.get("unidadeOrgao") or {}
    parties: list[dict] = []
    if isinstance(record.get("orgaoSubRogado"), dict) and record["orgaoSubRogado"].get("cnpj"):
        original = body_party(orgao, unidade, "interestedParty")
        original["details"]["note"] = "órgão original da contratação (sub-rogada)"
        parties.append(original)
        orgao, unidade = record["orgaoSubRogado"], record.get("unidadeSubRogada") or {}
    if not orgao.get("cnpj"):
        number = parse_control_number(control)
        orgao = {"cnpj": number.cnpj} if number else {}
    if not orgao.get("cnpj"):
        return parties, None, None
    buyer = body_party(orgao, unidade, "buyer")
    parties.append(buyer)
    procuring = unit_party(orgao["cnpj"], unidade)
    if procuring:
        parties.append(procuring)
    elif record.get("orgaoEntidade"):
        buyer["roles"].append("procuringEntity")
        procuring = buyer
    return parties, buyer, procuring


def body_party(orgao: dict, unidade: dict, role: str) -> dict:
    cnpj = digits(orgao.get("cnpj"))
    classifications = [
        {"scheme": scheme, "id": orgao.get(key), "description": codes.name_of(key, orgao.get(key))}
        for scheme, key in (("BRA-ESFERA", "esferaId"), ("BRA-PODER", "poderId"))
    ]
    return {
        "id": f"BR-CNPJ-{cnpj}",
        "name": orgao.get("razaoSocial"),
        "identifier": {"scheme": "BR-CNPJ", "id": cnpj, "legalName": orgao.get("razaoSocial")},
        "address": address(unidade.get("municipioNome"), unidade.get("ufSigla")),
        "roles": [role],
        "details": {"classifications": [c for c in classifications if c["id"]]},
    }


def unit_party(cnpj: str, unidade: dict) -> dict | None:
    """The unidade administrativa (e.g. a secretaria) as its own party: the dashboard's secretariat."""
    code, name = unidade.get("codigoUnidade"), unidade.get("nomeUnidade")
    if not code or not name:
        return None
    return {
        "id": f"BR-CNPJ-{digits(cnpj)}-UA-{str(code).strip()}",
        "name": name.strip(),
        "address": address(unidade.get("municipioNome"), unidade.get("ufSigla")),
        "roles": ["procuringEntity"],
        "details": {"codigoUnidade": str(code).strip(), "codigoIbge": unidade.get("codigoIbge")},
    }


def supplier_party(ni, tipo_pessoa, name, *, porte=None, natureza=None, localidade=None, country=None) -> dict | None:
    """A supplier. Companies by CNPJ; a person's CPF is masked (LGPD) as the Portal da Transparência does."""
    number = digits(ni)
    if not number:
        return None
    kind = tipo_pessoa or {14: "PJ", 11: "PF"}.get(len(number))
    if kind == "PJ":
        party_id, identifier = f"BR-CNPJ-{number.zfill(14)}", {"scheme": "BR-CNPJ", "id": number.zfill(14)}
    elif kind == "PF":
        masked = f"***.{number[3:6]}.{number[6:9]}-**"
        party_id = f"PF-{masked}-{short_hash(name)}"  # the masked CPF alone is not unique
        identifier = {"scheme": "BR-CPF-MASCARADO", "id": masked}
    else:
        party_id, identifier = f"ESTRANGEIRO-{country or 'XX'}-{number}", {"id": number}
    identifier["legalName"] = name
    details: dict[str, Any] = {"scale": codes.SCALE.get(as_int(porte))} if porte is not None else {}
    classifications = [{"scheme": "BRA-TIPO-PESSOA", "id": kind}]
    if natureza and natureza[0]:
        classifications.append({"scheme": "BRA-NATUREZA-JURIDICA", "id": str(natureza[0]), "description": natureza[1]})
    details["classifications"] = classifications
    if porte is not None:
        details["porteFornecedor"] = {"id": porte, "nome": codes.name_of("porteEmpresa", porte)}
    locality = localidade or {}
    return {
        "id": party_id,
        "name": name,
        "identifier": identifier,
        "address": address(locality.get("nomeMunicipio"), locality.get("uf"), country),
        "roles": ["supplier"],
        "details": {**details, "codigoIbgeMunicipio": locality.get("codigoIbge")},
    }


def address(locality: str | None, region: str | None, country: str | None = "BRA") -> dict:
    names = {"BRA": "Brasil", "BR": "Brasil"}
    return {"locality": locality, "region": region, "countryName": names.get(country or "BRA", country)}


def merge_parties(parties: list[dict]) -> list[dict]:
    """One entry per party id; roles united (a unit can be buyer and procuring entity)."""
    merged: dict[str, dict] = {}
    for party in parties:
        if party["id"] in merged:
            roles = merged[party["id"]]["roles"]
            roles.extend(r for r in party["roles"] if r not in roles)
        else:
            merged[party["id"]] = {**party, "roles": list(party["roles"])}
    return list(merged.values())


def reference(party: dict) -> dict:
    return {"id": party["id"], "name": party.get("name")}


# Tender


def compra_tender(compra: dict, control: str) -> dict:
    modalidade = as_int(compra.get("modalidadeId"))
    estimate = compra.get("valorTotalEstimado")
    rationale = compra.get("amparoLegal") or {}
    description = "\n\n".join(t for t in (compra.get("objetoCompra"), compra.get("informacaoComplementar")) if t)
    return {
        "title": compra.get("objetoCompra"),
        "description": description or None,
        "status": codes.TENDER_STATUS.get(as_int(compra.get("situacaoCompraId"))),
        "statusDetails": compra.get("situacaoCompraNome"),
        # 0 is what PNCP shows for a secret budget (orçamento sigiloso) without result: not an estimate of zero.
        "value": money(estimate) if estimate else None,
        "procurementMethod": codes.procurement_method(
            modalidade, as_int(compra.get("modoDisputaId")), as_int(compra.get("tipoInstrumentoConvocatorioCodigo"))
        ),
        "procurementMethodDetails": compra.get("modalidadeNome") or codes.name_of("modalidadeContratacao", modalidade),
        "procurementMethodRationale": ": ".join(t for t in (rationale.get("nome"), rationale.get("descricao")) if t)
        or None,
        "submissionMethod": codes.submission_method(modalidade),
        "submissionMethodDetails": compra.get("justificativaPresencial"),
        "tenderPeriod": period(compra.get("dataAberturaProposta"), compra.get("dataEncerramentoProposta")),
        "documents": compra_documents(compra, control),
        "details": compra_details(compra, modalidade),
    }


def compra_details(compra: dict, modalidade: int | None) -> dict:
    return {
        "isSale": modalidade in codes.LEILAO,
        "modalidade": {"id": modalidade, "nome": compra.get("modalidadeNome")},
        "modoDisputa": {"id": compra.get("modoDisputaId"), "nome": compra.get("modoDisputaNome")},
        "amparoLegal": compra.get("amparoLegal"),
        "instrumentoConvocatorio": {
            "id": compra.get("tipoInstrumentoConvocatorioCodigo"),
            "nome": compra.get("tipoInstrumentoConvocatorioNome"),
        },
        "situacaoCompra": {"id": compra.get("situacaoCompraId"), "nome": compra.get("situacaoCompraNome")},
        "srp": compra.get("srp"),
        "orcamentoSigiloso": {
            "codigo": compra.get("orcamentoSigilosoCodigo"),
            "descricao": compra.get("orcamentoSigilosoDescricao"),
        },
        "valorTotalHomologado": compra.get("valorTotalHomologado"),
        "numeroCompra": compra.get("numeroCompra"),
        "processo": compra.get("processo"),
        "usuarioNome": compra.get("usuarioNome"),
        "dataPublicacaoPncp": local_datetime(compra.get("dataPublicacaoPncp")),
    }


def compra_documents(compra: dict, control: str) -> list[dict]:
    number = parse_control_number(control)
    documents = []
    if number:
        documents.append(
            {
                "id": "pncp",
                "documentType": "tenderNotice",
                "title": "Contratação no PNCP",
                "url": f"{PNCP_APP}/editais/{number.cnpj}/{number.year}/{number.seq}",
                "language": "pt",
            }
        )
    if compra.get("linkSistemaOrigem"):
        documents.append(
            {
                "id": "sistema-origem",
                "documentType": "tenderNotice",
                "title": f"Processo no sistema de origem ({compra.get('usuarioNome') or 'plataforma de compras'})",
                "url": uri(compra["linkSistemaOrigem"]),
            }
        )
    return documents


def tender_item(item: dict) -> dict:
    kind = item.get("materialOuServico")
    secret = item.get("orcamentoSigiloso") is True
    return {
        "id": str(item.get("numeroItem")),
        "description": item.get("descricao"),
        "classification": {"scheme": codes.CATALOGUE_SCHEME.get(kind, "PNCP"), "id": str(item["catalogoCodigoItem"])}
        if item.get("catalogoCodigoItem")
        else None,
        "quantity": item.get("quantidade"),
        "unit": {
            "name": (item.get("unidadeMedida") or "").strip() or None,
            "value": None if secret else money(item.get("valorUnitarioEstimado")),
        },
        "details": {
            "materialOuServico": kind,
            "valorTotalEstimado": None if secret else item.get("valorTotal"),
            "situacaoCompraItem": {"id": item.get("situacaoCompraItem"), "nome": item.get("situacaoCompraItemNome")},
            "criterioJulgamento": {"id": item.get("criterioJulgamentoId"), "nome": item.get("criterioJulgamentoNome")},
            "tipoBeneficio": {"id": item.get("tipoBeneficio"), "nome": item.get("tipoBeneficioNome")},
            "orcamentoSigiloso": item.get("orcamentoSigiloso"),
            "temResultado": item.get("temResultado"),
        },
    }


def item_summary(itens: list[dict], compra: dict | None) -> dict:
    """What the items say about the whole tender: category, award criteria, and whether it is finished."""
    value_by_kind: dict[str, float] = defaultdict(float)
    for item in itens:
        value_by_kind[item.get("materialOuServico")] += float(item.get("valorTotal") or 0) or 1e-9
    kind = max(value_by_kind, key=value_by_kind.get) if value_by_kind else None
    criteria = {as_int(i.get("criterioJulgamentoId")) for i in itens} - {None}
    criteria_names = sorted({i.get("criterioJulgamentoNome") for i in itens} - {None})
    summary = {
        "mainProcurementCategory": codes.CATEGORY.get(kind),
        "awardCriteria": codes.AWARD_CRITERIA.get(next(iter(criteria))) if len(criteria) == 1 else None,
        "awardCriteriaDetails": "; ".join(criteria_names) or None,
    }
    situations = {as_int(i.get("situacaoCompraItem")) for i in itens}
    if compra and as_int(compra.get("situacaoCompraId")) == 1 and situations and None not in situations:
        if situations <= {4, 5}:
            summary["status"] = "unsuccessful"  # every item deserto or fracassado
        elif situations <= {2, 3, 4, 5} and 2 in situations:
            summary["status"] = "complete"  # every item decided and at least one homologado
    return summary


# Awards


def build_awards(control: str, results: list[dict], items: dict) -> tuple[list[dict], list[dict]]:
    """One award per supplier (and per status) of a purchase, adding up its item results."""
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    suppliers: dict[str, dict] = {}
    for result in results:
        party = supplier_party(
            result.get("niFornecedor"),
            result.get("tipoPessoa"),
            result.get("nomeRazaoSocialFornecedor"),
            porte=result.get("porteFornecedorId"),
            natureza=(result.get("naturezaJuridicaId"), result.get("naturezaJuridicaNome")),
            localidade=result.get("localidadeFornecedor"),
            country=result.get("codigoPais"),
        )
        if not party:
            continue
        suppliers.setdefault(party["id"], party)
        cancelled = as_int(result.get("situacaoCompraItemResultadoId")) == 2 or bool(result.get("dataCancelamento"))
        grouped[(party["id"], "cancelled" if cancelled else "active")].append(result)
    awards = [
        award_object(control, suppliers[party_id], status, group, items)
        for (party_id, status), group in sorted(grouped.items())
    ]
    return awards, list(suppliers.values())


def award_object(control: str, supplier: dict, status: str, results: list[dict], items: dict) -> dict:
    values = [float(r["valorTotalHomologado"]) for r in results if r.get("valorTotalHomologado") is not None]
    dates = [r["dataResultado"] for r in results if r.get("dataResultado")]
    seen: set[str] = set()
    award_items = []
    for result in sorted(results, key=lambda r: (r.get("numeroItem") or 0, r.get("sequencialResultado") or 0)):
        item_id = str(result.get("numeroItem"))
        if item_id in seen:
            item_id = f"{item_id}-{result.get('sequencialResultado')}"
        seen.add(item_id)
        item = items.get(result.get("numeroItem")) or {}
        award_items.append(
            {
                "id": item_id,
                "description": item.get("descricao"),
                "quantity": result.get("quantidadeHomologada"),
                "unit": {
                    "name": (item.get("unidadeMedida") or "").strip() or None,
                    "value": money(result.get("valorUnitarioHomologado")),
                },
            }
        )
    award_id = f"{control}-{supplier['id']}" + ("-cancelado" if status == "cancelled" else "")
    return {
        "id": award_id,
        "title": f"Resultado: {supplier.get('name') or supplier['id']}",
        "status": status,
        "date": local_datetime(max(dates)) if dates else None,
        "value": money(round(sum(values), 4)) if values else None,
        "suppliers": [reference(supplier)],
        "items": award_items,
        "details": {
            "resultados": [
                {
                    "numeroItem": r.get("numeroItem"),
                    "sequencialResultado": r.get("sequencialResultado"),
                    "ordemClassificacaoSrp": r.get("ordemClassificacaoSrp"),
                    "percentualDesconto": r.get("percentualDesconto"),
                    "situacao": r.get("situacaoCompraItemResultadoNome"),
                    "motivoCancelamento": r.get("motivoCancelamento"),
                    "aplicacaoBeneficioMeEpp": r.get("aplicacaoBeneficioMeEpp"),
                }
                for r in results
            ],
        },
    }


def derived_award(contrato: dict, supplier: dict | None, *, with_value: bool) -> dict:
    signed = contrato.get("dataAssinatura")
    return {
        "id": f"{contrato['numeroControlePNCP']}-{supplier['id'] if supplier else 'contrato'}",
        "title": "Adjudicação registrada pelo contrato (sem resultado publicado no PNCP)",
        "status": "active",
        "date": local_datetime(signed),
        "value": money(contract_value(contrato)) if with_value else None,
        "suppliers": [reference(supplier)] if supplier else None,
        "details": {"derivadoDoContrato": contrato["numeroControlePNCP"]},
    }


# Contracts


def contract_object(contrato: dict) -> dict:
    kind = contrato.get("tipoContrato") or {}
    category = contrato.get("categoriaProcesso") or {}
    number = contrato.get("numeroContratoEmpenho")
    return {
        "id": contrato["numeroControlePNCP"],
        "title": " ".join(t for t in (kind.get("nome"), number) if t) or None,
        "description": contrato.get("objetoContrato"),
        "value": money(contract_value(contrato)),
        "dateSigned": local_datetime(contrato.get("dataAssinatura")),
        "period": period(contrato.get("dataVigenciaInicio"), contrato.get("dataVigenciaFim")),
        "details": {
            "numeroContratoEmpenho": number,
            "processo": contrato.get("processo"),
            "tipoContrato": {"id": kind.get("id"), "nome": kind.get("nome")},
            "categoriaProcesso": {"id": category.get("id"), "nome": category.get("nome")},
            "receita": contrato.get("receita"),
            "valorInicial": contrato.get("valorInicial"),
            "valorParcela": contrato.get("valorParcela"),
            "numeroParcelas": contrato.get("numeroParcelas"),
            "valorAcumulado": contrato.get("valorAcumulado"),
            "numeroRetificacao": contrato.get("numeroRetificacao"),
            "numeroControlePncpCompra": contrato.get("numeroControlePncpCompra"),
            "numeroControlePncpAta": contrato.get("numeroControlePncpAta"),
            "informacaoComplementar": contrato.get("informacaoComplementar"),
            "usuarioNome": contrato.get("usuarioNome"),
        },
    }


def contract_value(contrato: dict) -> Any:
    return contrato.get("valorGlobal") if contrato.get("valorGlobal") is not None else contrato.get("valorInicial")


# Values


def local_datetime(value: Any) -> str | None:
    """PNCP date or local date-time → RFC 3339 with Brasília's offset (-03:00)."""
    text = str(value or "").strip()
    if match := _DATE.match(text):
        return f"{match[1]}T00:00:00{BRASILIA_OFFSET}"
    if match := _DATETIME.match(text):
        seconds = match[3] or ":00"
        return f"{match[1]}T{match[2]}{seconds}{match[4] or ''}{match[5] or BRASILIA_OFFSET}"
    return None


def updated(record: dict) -> str:
    """The record's last update as PNCP gives it (sortable text), for release ids and dates."""
    keys = ("dataAtualizacaoGlobal", "dataAtualizacao", "dataPublicacaoPncp", "dataInclusao", "dataResultado")
    for key in (*keys, "dataAssinatura", "dataVigenciaInicio"):
        if record.get(key):
            return str(record[key])
    return ""


def compact(stamp: str) -> str:
    return re.sub(r"[^0-9T]", "", stamp.split(".")[0]) or "sem-data"


def period(start: Any, end: Any) -> dict | None:
    result = {"startDate": local_datetime(start), "endDate": local_datetime(end)}
    return result if any(result.values()) else None


def uri(url: str) -> str:
    """Percent-encode what RFC 3986 forbids outside hosts (platform links carry e.g. `[gkz]`)."""
    return quote(url.strip(), safe=":/?#@!$&'()*+,;=%~")


def money(amount: Any) -> dict | None:
    if amount is None or isinstance(amount, bool):
        return None
    try:
        return {"amount": float(amount), "currency": BRL}
    except (TypeError, ValueError):
        return None


def digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def short_hash(value: Any) -> str:
    return hashlib.sha256(str(value or "").encode()).hexdigest()[:8]


def prune(value: Any) -> Any:
    """Drop None, empty strings, lists and objects: in a release a null would erase the field when merged."""
    if isinstance(value, dict):
        pruned = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (prune(v) for v in value) if v not in (None, "", [], {})]
    return value
