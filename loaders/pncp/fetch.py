"""Walk PNCP for one city and period: purchases of every modalidade, their items and results, and contracts.

The consulta API wants one modalidade per query, so each modalidade is walked page by page, month by month. Then
each purchase's items (paged) and each item's results; then the contracts of the buyer. A contract whose purchase
is outside the period brings its purchase in (looked up by control number), so the two share one ocid.
Everything is returned in memory: nothing is loaded until the whole fetch has succeeded.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from tqdm import tqdm

from loaders.pncp import codes
from loaders.pncp.client import PncpClient
from loaders.pncp.convert import updated
from loaders.pncp.records import PncpData, parse_control_number

MAX_PAGES = 10_000  # a listing that never ends is an API fault, not data


@dataclass(frozen=True)
class FetchPlan:
    date_from: date
    date_to: date
    cnpj: str | None = None  # the órgão (e.g. the Prefeitura)
    ibge: str | None = None  # or every órgão located in the municipality
    modalidades: tuple[int, ...] = codes.MODALIDADES
    page_size: int = 50  # tamanhoPagina of the listings (PNCP's default)
    items_page_size: int = 50
    linked_purchases: bool = True  # fetch the purchase of a contract when it falls outside the period
    purchases: tuple[str, ...] = ()  # control numbers fetched whatever their date (e.g. to refresh one process)


def fetch(client: PncpClient, plan: FetchPlan, *, progress: bool = True) -> PncpData:
    data = PncpData()
    for modalidade in plan.modalidades:
        data.compras.extend(fetch_compras(client, plan, modalidade, progress))
    data.compras = unique_by_control(data.compras)
    data.contratos = unique_by_control(fetch_contratos(client, plan, buyers(plan, data), progress))
    wanted = set(plan.purchases)
    if plan.linked_purchases:
        wanted |= {c.get("numeroControlePncpCompra") for c in data.contratos} - {None}
    data.compras.extend(fetch_purchases_by_number(client, wanted - known(data)))
    controls = [c["numeroControlePNCP"] for c in data.compras] + sorted(set(plan.purchases) - known(data))
    fetch_items_and_results(client, plan, data, controls, progress)
    return data


def known(data: PncpData) -> set[str]:
    return {c["numeroControlePNCP"] for c in data.compras}


def fetch_compras(client: PncpClient, plan: FetchPlan, modalidade: int, progress: bool) -> list[dict]:
    name = codes.name_of("modalidadeContratacao", modalidade) or ""
    params = {"codigoModalidadeContratacao": modalidade, "tamanhoPagina": plan.page_size}
    params |= {"cnpj": plan.cnpj} if plan.cnpj else {"codigoMunicipioIbge": plan.ibge}
    label = f"contratações {modalidade:>2} {name}"
    return walk_listing(client, "/v1/contratacoes/publicacao", params, plan, label, progress)


def fetch_contratos(client: PncpClient, plan: FetchPlan, cnpjs: list[str], progress: bool) -> list[dict]:
    contratos: list[dict] = []
    for cnpj in cnpjs:
        params = {"cnpjOrgao": cnpj, "tamanhoPagina": plan.page_size}
        contratos.extend(walk_listing(client, "/v1/contratos", params, plan, f"contratos {cnpj}", progress))
    return contratos


def walk_listing(client: PncpClient, path: str, params: dict, plan: FetchPlan, label: str, progress: bool):
    """Every record of a paged consulta listing, month window by month window."""
    records: list[dict] = []
    bar = tqdm(desc=label, unit=" pág.", file=sys.stderr, disable=not progress, leave=True)
    with bar:
        for first, last in month_windows(plan.date_from, plan.date_to):
            window = {"dataInicial": first.strftime("%Y%m%d"), "dataFinal": last.strftime("%Y%m%d")}
            for page in pages(client, path, params | window):
                records.extend(page)
                bar.update(1)
                bar.set_postfix(registros=len(records))
    return records


def pages(client: PncpClient, path: str, params: dict) -> Iterator[list[dict]]:
    """The `data` of each page of an envelope listing; 204 (no data) or an empty page ends it."""
    for number in range(1, MAX_PAGES + 1):
        body = client.get("consulta", path, params | {"pagina": number})
        if not isinstance(body, dict) or not body.get("data"):
            return
        yield [r for r in body["data"] if isinstance(r, dict)]
        remaining = body.get("paginasRestantes")
        total = body.get("totalPaginas")
        if remaining == 0 or (isinstance(total, int) and number >= total):
            return


def buyers(plan: FetchPlan, data: PncpData) -> list[str]:
    """Whose contracts to list: the CNPJ asked for, else every órgão seen among the purchases (IBGE query)."""
    if plan.cnpj:
        return [plan.cnpj]
    return sorted({(c.get("orgaoEntidade") or {}).get("cnpj") for c in data.compras} - {None})


def fetch_purchases_by_number(client: PncpClient, controls: set[str]) -> list[dict]:
    """Purchases looked up by control number (detail API); one PNCP does not know (404) is left out."""
    found = []
    for control in sorted(controls):
        number = parse_control_number(control)
        compra = client.get("consulta", number.detail_path, missing_ok=True) if number else None
        if isinstance(compra, dict) and compra.get("numeroControlePNCP"):
            found.append(compra)
    return found


def fetch_items_and_results(client: PncpClient, plan: FetchPlan, data: PncpData, controls: list[str], progress):
    compras = {c["numeroControlePNCP"]: c for c in data.compras}
    bar = tqdm(controls, desc="itens e resultados", unit=" compra", file=sys.stderr, disable=not progress)
    for control in bar:
        number = parse_control_number(control)
        if not number:
            continue
        version = updated(compras.get(control, {}))  # a purchase updated since the last run: its items again
        itens = fetch_items(client, number.detail_path, plan.items_page_size, version)
        results = []
        for item in itens:
            if item.get("temResultado") is False:
                continue
            path = f"{number.detail_path}/itens/{item.get('numeroItem')}/resultados"
            answer = client.get("pncp", path, version=version, missing_ok=True)
            results.extend(r for r in answer or [] if isinstance(r, dict))
        if itens:
            data.itens[control] = itens
        if results:
            data.resultados[control] = results
        bar.set_postfix(itens=sum(map(len, data.itens.values())), resultados=sum(map(len, data.resultados.values())))


def fetch_items(client: PncpClient, detail_path: str, page_size: int, version: str) -> list[dict]:
    """A purchase's items: a bare list per page; past the end PNCP answers [] (or 204)."""
    itens: dict[object, dict] = {}
    for number in range(1, MAX_PAGES + 1):
        params = {"pagina": number, "tamanhoPagina": page_size}
        answer = client.get("pncp", f"{detail_path}/itens", params, version=version, missing_ok=True)
        page = {i.get("numeroItem"): i for i in answer or [] if isinstance(i, dict)}
        if not page.keys() - itens.keys():  # empty, or the same items again (a server that ignores `pagina`)
            break
        itens |= page
    return list(itens.values())


def month_windows(first: date, last: date) -> Iterator[tuple[date, date]]:
    """[first, last] cut at month ends: PNCP answers long windows slowly or not at all."""
    if last < first:
        return
    start = first
    while start <= last:
        next_month = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        end = min(last, next_month - timedelta(days=1))
        yield start, end
        start = end + timedelta(days=1)


def unique_by_control(records: list[dict]) -> list[dict]:
    """One copy per control number (the last updated), in first-seen order."""
    chosen: dict[str, dict] = {}
    for record in records:
        control = record.get("numeroControlePNCP")
        if control and (control not in chosen or updated(record) >= updated(chosen[control])):
            chosen[control] = record
    return list(chosen.values())
