"""Flatten compiled releases into the rows of the public tables (processes, awards, contracts, ...).

The rules here are the ones a user relies on, documented in README ("Regras dos dados"):
- Secretariat (the buying unit): the first rule of SECRETARIAT_RULES that gives a name: the procuring entity when it
  differs from the buyer; else the buyer's unit (`buyer` party's additionalIdentifiers legalName, as Transparência
  Brasil publishes PNCP units); else the buyer. Names are cleaned of spacing variants here and of case variants when
  the load ends (one display spelling per case-insensitive key). Override the order with PAINEL_SECRETARIAT_RULES.
- Organization identity: CNPJs become `BR-CNPJ-` + 14 digits (leading zeros restored, prefixes unified); other
  identifiers `SCHEME-id`; parties without an identifier are known by their cleaned name.
- Money: currency codes upper-cased and known typos fixed; whether an amount is in its publisher's main currency is
  decided when the load ends (loaders/load.py), never here.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

CURRENCY_TYPOS = {"MNX": "MXN", "R$": "BRL", "REAL": "BRL", "REAIS": "BRL"}
DEFAULT_SECRETARIAT_RULES = ("procuringEntity", "buyerUnit", "buyer")
COMPETITIVE_METHODS = {"open", "selective"}
NON_COMPETITIVE_PROCEDURES = {"dispensa", "inexigibilidade", "inaplicabilidade"}

# Brazilian procedure types (Lei 14.133/2021 and PNCP modalidades), matched on accent-free lower-case names.
PROCEDURE_KEYWORDS = (
    ("pregao", "pregao"),
    ("concorrencia", "concorrencia"),
    ("concurso", "concurso"),
    ("leilao", "leilao"),
    ("dialogo competitivo", "dialogo_competitivo"),
    ("dispensa", "dispensa"),
    ("inexigibilidade", "inexigibilidade"),
    ("inaplicabilidade", "inaplicabilidade"),
    ("credenciamento", "credenciamento"),
    ("pre-qualificacao", "pre_qualificacao"),
    ("pre qualificacao", "pre_qualificacao"),
    ("manifestacao de interesse", "manifestacao_interesse"),
)


def secretariat_rules() -> tuple[str, ...]:
    configured = os.environ.get("PAINEL_SECRETARIAT_RULES")
    if not configured:
        return DEFAULT_SECRETARIAT_RULES
    return tuple(rule.strip() for rule in configured.split(",") if rule.strip())


def clean_name(name: Any) -> str | None:
    """Collapse spacing variants; None for empty names."""
    if not isinstance(name, str):
        return None
    cleaned = " ".join(name.split())
    return cleaned or None


def name_key(name: str | None) -> str | None:
    """The case- and accent-insensitive key under which spelling variants of one name are grouped."""
    if not name:
        return None
    return strip_accents(name).casefold()


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalize_currency(code: Any) -> str | None:
    if not isinstance(code, str) or not code.strip():
        return None
    code = code.strip().upper()
    return CURRENCY_TYPOS.get(code, code)


def normalize_org_id(party: dict[str, Any]) -> str:
    """A stable identity for an organization across releases and publishers."""
    identifier = party.get("identifier") if isinstance(party.get("identifier"), dict) else {}
    scheme = str(identifier.get("scheme") or "").strip().upper()
    ident = str(identifier.get("id") or "").strip()
    party_id = str(party.get("id") or "").strip()
    brazilian = _brazilian_id(scheme, ident) or _brazilian_id("", party_id)
    if brazilian:
        return brazilian
    if scheme and ident:
        return f"{scheme}-{ident}"
    if ident:
        return ident
    name = clean_name(party.get("name"))
    if name:
        return "NAME-" + name_key(name)
    return "ID-" + party_id


def _brazilian_id(scheme: str, value: str) -> str | None:
    """`BR-CNPJ-` + 14 digits (or `BR-CPF-` + 11) from a scheme and id, or from a prefixed id."""
    upper = value.upper()
    for kind, width in (("CNPJ", 14), ("CPF", 11)):
        if scheme in (f"BR-{kind}", kind):
            digits = re.sub(r"\D", "", value)
        elif upper.startswith((f"BR-{kind}-", f"{kind}-")):
            digits = re.sub(r"\D", "", upper.split(kind, 1)[1])
        else:
            continue
        if 0 < len(digits) <= width:
            return f"BR-{kind}-{digits.zfill(width)}"
    return None


def procedure_type(details: str | None, method: str | None) -> str | None:
    """The Brazilian procedure key when the local name is one; else the local name; else the method."""
    if details:
        plain = strip_accents(details).casefold()
        for keyword, key in PROCEDURE_KEYWORDS:
            if keyword in plain:
                return key
        return clean_name(details)
    return method


def is_competitive(method: str | None, procedure: str | None) -> bool | None:
    if procedure in NON_COMPETITIVE_PROCEDURES:
        return False
    if method in COMPETITIVE_METHODS:
        return True
    if method in ("limited", "direct"):
        return False
    return None


def amount(value: Any) -> tuple[float | None, str | None]:
    if not isinstance(value, dict):
        return None, None
    number = value.get("amount")
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        number = None
    return (float(number) if number is not None else None), normalize_currency(value.get("currency"))


def text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def local_date(value: Any) -> str | None:
    """The calendar date as published (the first 10 characters), so a process counts in its local month."""
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


@dataclass
class Rows:
    """Rows for each flat table, as lists of dicts (turned into Arrow tables by the loader)."""

    processes: list[dict] = field(default_factory=list)
    parties: list[dict] = field(default_factory=list)
    awards: list[dict] = field(default_factory=list)
    award_suppliers: list[dict] = field(default_factory=list)
    contracts: list[dict] = field(default_factory=list)
    tenderers: list[dict] = field(default_factory=list)
    bids: list[dict] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)


class ReleaseFlattener:
    """Flatten one compiled release. Party references are resolved to normalized organization ids."""

    def __init__(self, release: dict[str, Any], publisher: str | None, rows: Rows, rules: tuple[str, ...]):
        self.release = release
        self.ocid = release["ocid"]
        self.publisher = publisher
        self.rows = rows
        self.rules = rules
        self.parties = {str(p.get("id")): p for p in _dicts(release.get("parties")) if p.get("id") is not None}

    def org(self, reference: Any) -> tuple[str | None, str | None]:
        """(org_id, name) of an OrganizationReference, resolved through `parties` where it has an id."""
        if not isinstance(reference, dict):
            return None, None
        party = self.parties.get(str(reference.get("id")), reference)
        merged = {**reference, **party}
        return normalize_org_id(merged), clean_name(merged.get("name"))

    def flatten(self) -> None:
        self.add_parties()
        self.add_process()
        self.add_awards()
        self.add_contracts()
        self.add_tenderers()
        self.add_bids()

    def add_parties(self) -> None:
        for party in _dicts(self.release.get("parties")):
            address = party.get("address") if isinstance(party.get("address"), dict) else {}
            details = party.get("details") if isinstance(party.get("details"), dict) else {}
            roles = party.get("roles")
            self.rows.parties.append(
                {
                    "ocid": self.ocid,
                    "party_id": text(party.get("id")),
                    "org_id": normalize_org_id(party),
                    "name": clean_name(party.get("name")),
                    "roles": [str(r) for r in roles] if isinstance(roles, list) else None,
                    "scale": text(details.get("scale")),
                    "locality": clean_name(address.get("locality")),
                    "region": clean_name(address.get("region")),
                    "postal_code": text(address.get("postalCode")),
                    "country": clean_name(address.get("countryName")),
                }
            )

    def secretariat(self, buyer_id: str | None, buyer_name: str | None) -> tuple[str | None, str | None]:
        tender = _dict(self.release.get("tender"))
        for rule in self.rules:
            if rule == "procuringEntity":
                entity_id, entity_name = self.org(tender.get("procuringEntity"))
                if not entity_id:
                    entity_id, entity_name = self._party_with_role("procuringEntity")
                if entity_name and (entity_id != buyer_id or name_key(entity_name) != name_key(buyer_name)):
                    return entity_name, rule
            elif rule == "buyerUnit":
                unit = self._buyer_unit()
                if unit and name_key(unit) != name_key(buyer_name):
                    return unit, rule
            elif rule == "buyer" and buyer_name:
                return buyer_name, rule
        return None, None

    def _party_with_role(self, role: str) -> tuple[str | None, str | None]:
        for party in self.parties.values():
            if isinstance(party.get("roles"), list) and role in party["roles"]:
                return normalize_org_id(party), clean_name(party.get("name"))
        return None, None

    def _buyer_unit(self) -> str | None:
        buyer = self.release.get("buyer")
        if not isinstance(buyer, dict):
            return None
        party = self.parties.get(str(buyer.get("id")), buyer)
        for identifier in _dicts(party.get("additionalIdentifiers")):
            name = clean_name(identifier.get("legalName"))
            if name:
                return name
        return None

    def add_process(self) -> None:
        release, tender = self.release, _dict(self.release.get("tender"))
        buyer_id, buyer_name = self.org(release.get("buyer"))
        if not buyer_id:
            buyer_id, buyer_name = self._party_with_role("buyer")
        secretariat, secretariat_source = self.secretariat(buyer_id, buyer_name)
        method = text(tender.get("procurementMethod"))
        method = method.strip() if method else None
        details = clean_name(tender.get("procurementMethodDetails"))
        procedure = procedure_type(details, method)
        value, currency = amount(tender.get("value"))
        period = _dict(tender.get("tenderPeriod"))
        awards = _dicts(release.get("awards"))
        contracts = _dicts(release.get("contracts"))
        first_award = min((a["date"] for a in awards if isinstance(a.get("date"), str)), default=None)
        first_contract = min((c["dateSigned"] for c in contracts if isinstance(c.get("dateSigned"), str)), default=None)
        self.rows.processes.append(
            {
                "ocid": self.ocid,
                "publisher": self.publisher,
                "ocid_prefix": ocid_prefix(self.ocid),
                "buyer_id": buyer_id,
                "buyer_name": buyer_name,
                "secretariat": secretariat,
                "secretariat_key": name_key(secretariat),
                "secretariat_source": secretariat_source,
                "procurement_method": method,
                "procurement_method_details": details,
                "procedure_type": procedure,
                "is_competitive": is_competitive(method, procedure),
                "is_sale": procedure == "leilao" or _dict(tender.get("details")).get("isSale") is True,
                "main_procurement_category": text(tender.get("mainProcurementCategory")),
                "title": clean_name(tender.get("title")) or clean_name(release.get("title")),
                "description": text(tender.get("description")),
                "status": text(tender.get("status")),
                "tender_value": value,
                "tender_currency": currency,
                "tender_start": text(period.get("startDate")),
                "tender_end": text(period.get("endDate")),
                "number_of_tenderers": self.number_of_tenderers(tender),
                "first_award_date": first_award,
                "first_contract_date": first_contract,
                "date": text(release.get("date")),
                "period_date": local_date(first_award)
                or local_date(period.get("startDate"))
                or local_date(release.get("date")),
                "source_url": self.source_url(tender),
            }
        )
        for item in _dicts(tender.get("items")):
            self.add_item(item, "tender", None)

    def number_of_tenderers(self, tender: dict) -> int | None:
        declared = tender.get("numberOfTenderers")
        if isinstance(declared, (int, float)) and not isinstance(declared, bool):
            return int(declared)
        tenderers = {self.org(t)[0] for t in _dicts(tender.get("tenderers"))} - {None}
        if tenderers:
            return len(tenderers)
        bidders = {self.org(t)[0] for bid in self._bids() for t in _dicts(bid.get("tenderers"))} - {None}
        return len(bidders) or None

    def source_url(self, tender: dict) -> str | None:
        for document in _dicts(tender.get("documents")):
            if isinstance(document.get("url"), str) and document["url"].startswith("http"):
                return document["url"]
        return None

    def add_item(self, item: dict, stage: str, parent_id: str | None) -> None:
        classification = _dict(item.get("classification"))
        unit = _dict(item.get("unit"))
        unit_value, currency = amount(unit.get("value"))
        quantity = item.get("quantity")
        self.rows.items.append(
            {
                "ocid": self.ocid,
                "stage": stage,
                "parent_id": parent_id,
                "item_id": text(item.get("id")),
                "description": text(item.get("description")),
                "classification_scheme": text(classification.get("scheme")),
                "classification_id": text(classification.get("id")),
                "quantity": float(quantity)
                if isinstance(quantity, (int, float)) and not isinstance(quantity, bool)
                else None,
                "unit_name": text(unit.get("name")),
                "unit_value": unit_value,
                "currency": currency,
            }
        )

    def add_awards(self) -> None:
        for award in _dicts(self.release.get("awards")):
            award_id = text(award.get("id"))
            value, currency = amount(award.get("value"))
            self.rows.awards.append(
                {
                    "ocid": self.ocid,
                    "award_id": award_id,
                    "status": text(award.get("status")),
                    "date": text(award.get("date")),
                    "value": value,
                    "currency": currency,
                    "title": clean_name(award.get("title")),
                }
            )
            seen = set()
            for supplier in _dicts(award.get("suppliers")):
                org_id, name = self.org(supplier)
                if org_id and org_id not in seen:
                    seen.add(org_id)
                    self.rows.award_suppliers.append(
                        {"ocid": self.ocid, "award_id": award_id, "supplier_id": org_id, "supplier_name": name}
                    )
            for item in _dicts(award.get("items")):
                self.add_item(item, "award", award_id)

    def add_contracts(self) -> None:
        for contract in _dicts(self.release.get("contracts")):
            value, currency = amount(contract.get("value"))
            period = _dict(contract.get("period"))
            transactions = _dicts(_dict(contract.get("implementation")).get("transactions"))
            paid = [amount(t.get("value") or t.get("amount")) for t in transactions]
            paid_same_currency = [
                v for v, c in paid if v is not None and (c is None or currency is None or c == currency)
            ]
            self.rows.contracts.append(
                {
                    "ocid": self.ocid,
                    "contract_id": text(contract.get("id")),
                    "award_id": text(contract.get("awardID")),
                    "status": text(contract.get("status")),
                    "title": clean_name(contract.get("title")),
                    "date_signed": text(contract.get("dateSigned")),
                    "period_start": text(period.get("startDate")),
                    "period_end": text(period.get("endDate")),
                    "value": value,
                    "currency": currency,
                    "amendments": len(_dicts(contract.get("amendments"))),
                    "paid_value": sum(paid_same_currency) if paid_same_currency else None,
                    "transactions": len(transactions),
                }
            )
            for item in _dicts(contract.get("items")):
                self.add_item(item, "contract", text(contract.get("id")))

    def add_tenderers(self) -> None:
        seen = set()
        for tenderer in _dicts(_dict(self.release.get("tender")).get("tenderers")):
            org_id, name = self.org(tenderer)
            if org_id and org_id not in seen:
                seen.add(org_id)
                self.rows.tenderers.append({"ocid": self.ocid, "tenderer_id": org_id, "tenderer_name": name})

    def _bids(self) -> list[dict]:
        return _dicts(_dict(self.release.get("bids")).get("details"))

    def add_bids(self) -> None:
        for bid in self._bids():
            value, currency = amount(bid.get("value"))
            self.rows.bids.append(
                {
                    "ocid": self.ocid,
                    "bid_id": text(bid.get("id")),
                    "date": text(bid.get("date")),
                    "status": text(bid.get("status")),
                    "value": value,
                    "currency": currency,
                    "tenderer_ids": [org for org, _ in map(self.org, _dicts(bid.get("tenderers"))) if org],
                }
            )


def flatten_releases(compiled: Iterable[tuple[dict[str, Any], str | None]]) -> Rows:
    """Rows of every table for (compiled release, publisher) pairs."""
    rows, rules = Rows(), secretariat_rules()
    for release, publisher in compiled:
        ReleaseFlattener(release, publisher, rows, rules).flatten()
    return rows


def ocid_prefix(ocid: str) -> str | None:
    match = re.match(r"(ocds-[0-9a-z]{6})", ocid)
    return match.group(1) if match else None


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
