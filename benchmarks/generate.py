"""Synthetic OCDS 1.1 for the benchmark: N contracting processes of a municipality, several releases each.

Deterministic: process i is built from its own `random.Random((seed, i))`-derived generator, so the same seed
gives byte-identical files, and the incremental set can rebuild any process without reading the files. Streamed:
processes are built in blocks of BLOCK, whose releases are sorted by date (publishers' feeds interleave processes)
and written at once to both the JSON lines file and the release package; nothing else stays in memory.

Shape (README.md, "Benchmark"): ~3.9 releases and ~2.5 KB per release on average; a buyer (the city's CNPJ) with
20 secretariats as procuringEntity (with case/accent/spacing variants); Zipf-distributed suppliers (CNPJs with
check digits, leading zeros sometimes lost, `details.scale`, addresses in several municipalities); Brazilian
procedure types; BRL values (a few processes in USD); tender periods; bids (bid extension) for some, about 1% after
the deadline; items; missing fields at realistic rates; dates over three years (2022–2024).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import math
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from benchmarks import catalog

GENERATOR_VERSION = 2  # 2: bids dated before the deadline (1 dated them after it, between it and the award)
BLOCK = 2000  # processes built, sorted by date and written together
START = dt.datetime(2022, 1, 3, 9, 0)
SPAN_DAYS = 3 * 365
NOW = START + dt.timedelta(days=SPAN_DAYS + 10)  # events after this have not happened yet
OFFSET = "-03:00"  # Brasília; one offset keeps date strings ordered as times are
ZIPF_EXPONENT = 1.07
LATE_BID_DAYS = 0.03  # a bid is dated up to 3 days before the deadline or this much after it: 1% late


def parse_size(text: str) -> int:
    """'10k' → 10_000, '1m' → 1_000_000, '200' → 200."""
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def size_label(n: int) -> str:
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds") + OFFSET


def money(amount: float, currency: str) -> dict:
    return {"amount": round(amount, 2), "currency": currency}


def cnpj_check_digits(base12: str) -> str:
    """The two check digits of a CNPJ (módulo 11), so generated CNPJs are valid ones."""
    digits = base12
    for weights in ((5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2), (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)):
        total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
        rest = total % 11
        digits += "0" if rest < 2 else str(11 - rest)
    return digits[12:]


def format_cnpj(cnpj: str) -> str:
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"


def strip_accents(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_variant(rng: random.Random, name: str) -> str:
    """How clerks retype a name: mostly as registered, sometimes upper-case, unaccented or with doubled spaces."""
    roll = rng.random()
    if roll < 0.82:
        return name
    if roll < 0.90:
        return name.upper()
    if roll < 0.95:
        return strip_accents(name)
    if roll < 0.98:
        return name.replace(" de ", "  de ", 1)
    return name.lower()


def weighted(rng: random.Random, choices: tuple, cumulative: list[float]):
    return choices[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def cumulative(weights) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


SECRETARIAT_CUM = cumulative(w for _, w in catalog.SECRETARIATS)
PROCEDURE_CUM = cumulative(p.weight for p in catalog.PROCEDURES)
CATEGORIES = ("goods", "services", "works")
ITEMS_BY_CATEGORY = {c: tuple(i for i in catalog.ITEMS if i.category == c) for c in CATEGORIES}
BUYER_REFERENCE = {"id": f"BR-CNPJ-{catalog.CITY_CNPJ}", "name": catalog.CITY_NAME}
BUYER_PARTY = {
    **BUYER_REFERENCE,
    "identifier": {"scheme": "BR-CNPJ", "id": catalog.CITY_CNPJ, "legalName": "Município de Mogi das Cruzes"},
    "address": {
        "streetAddress": "Avenida Vereador Narciso Yague Guimarães, 277",
        "locality": "Mogi das Cruzes",
        "region": "SP",
        "postalCode": "08780900",
        "countryName": "Brasil",
    },
    "roles": ["buyer"],
}
BUYER_PARTY_SHORT = {**BUYER_REFERENCE, "roles": ["buyer"]}  # later releases repeat only the reference
ELIGIBILITY = (
    "Habilitação jurídica, regularidade fiscal e trabalhista (CND federal, FGTS, CNDT), qualificação "
    "econômico-financeira e declaração de cumprimento do art. 7º, XXXIII, da Constituição Federal."
)


def secretariat_details(index: int, name: str) -> dict:
    """The secretariat as a party: the city's CNPJ (units share it), where it sits, whom to ask."""
    slug = strip_accents(name.split(" de ", 1)[-1].split(" do ", 1)[-1]).lower().replace(" ", "")[:16]
    return {
        "identifier": {"scheme": "BR-CNPJ", "id": catalog.CITY_CNPJ, "legalName": "Município de Mogi das Cruzes"},
        "address": BUYER_PARTY["address"],
        "contactPoint": {
            "name": "Departamento de Compras",
            "email": f"compras.{slug}@mogidascruzes.sp.gov.br",
            "telephone": f"+55 11 4798-{5000 + index:04d}",
        },
        "roles": ["procuringEntity"],
    }


@dataclass(frozen=True)
class Supplier:
    cnpj: str
    name: str
    scale: str | None
    locality: str | None
    region: str | None
    postal_code: str | None
    street: str | None

    @property
    def party_id(self) -> str:
        return f"BR-CNPJ-{self.cnpj}"


class SupplierPool:
    """Suppliers of one category, drawn with Zipf weights (a few win most processes, a long tail wins once)."""

    def __init__(self, seed: int, category: str, size: int):
        self.seed, self.category, self.size = seed, category, size
        self.cumulative = cumulative(1 / (rank**ZIPF_EXPONENT) for rank in range(1, size + 1))
        self.cache: dict[int, Supplier] = {}

    def draw(self, rng: random.Random) -> Supplier:
        rank = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
        supplier = self.cache.get(rank)
        if supplier is None:
            supplier = self.cache[rank] = self.build(rank)
        return supplier

    def build(self, rank: int) -> Supplier:
        rng = random.Random(f"{self.seed}-supplier-{self.category}-{rank}")
        base = f"{rng.randrange(10**8):08d}" + ("0001" if rng.random() < 0.93 else f"{rng.randrange(2, 9):04d}")
        cnpj = base + cnpj_check_digits(base)
        core, sector = rng.choice(catalog.NAME_CORES), rng.choice(catalog.NAME_SECTORS[self.category])
        name = f"{core} {sector} {rng.choice(catalog.NAME_SUFFIXES)}"
        large_share = 0.45 if self.category == "works" else 0.15
        roll = rng.random()
        scale = None if roll < 0.08 else ("large" if roll < 0.08 + large_share else rng.choice(("micro", "sme")))
        locality = region = postal = street = None
        if rng.random() > 0.06:  # a few parties publish no address
            if rng.random() < 0.45:
                locality, prefix = rng.choice(catalog.LOCAL_PLACES)
                region, postal = "SP", f"08{prefix[1:]}{rng.randrange(100000):05d}"[:8]
            else:
                locality, region, prefix = rng.choice(catalog.OTHER_PLACES)
                postal = f"{prefix}{rng.randrange(10**6):06d}"
            street = f"{rng.choice(catalog.STREETS)}, {rng.randrange(1, 3000)}"
        return Supplier(cnpj, name, scale, locality, region, postal, street)


class Suppliers:
    """One pool per category, sized with N (a city of 10k processes has ~1,250 suppliers)."""

    def __init__(self, seed: int, n: int):
        size = max(300, n // 8)
        shares = {"goods": 0.55, "services": 0.35, "works": 0.10}
        self.pools = {c: SupplierPool(seed, c, max(30, int(size * share))) for c, share in shares.items()}

    def draw(self, rng: random.Random, category: str) -> Supplier:
        return self.pools[category].draw(rng)


def supplier_party(rng: random.Random, supplier: Supplier, roles: list[str]) -> dict:
    identifier_id = supplier.cnpj
    roll = rng.random()
    if supplier.cnpj.startswith("0") and roll < 0.5:
        identifier_id = supplier.cnpj.lstrip("0")  # read as a number somewhere upstream
    elif roll > 0.95:
        identifier_id = format_cnpj(supplier.cnpj)
    party = {
        "id": supplier.party_id,
        "name": name_variant(rng, supplier.name),
        "identifier": {"scheme": "BR-CNPJ", "id": identifier_id, "legalName": supplier.name},
        "roles": roles,
    }
    if supplier.locality:
        party["address"] = {
            "streetAddress": supplier.street,
            "locality": supplier.locality,
            "region": supplier.region,
            "postalCode": supplier.postal_code,
            "countryName": "Brasil",
        }
    if supplier.scale:
        party["details"] = {"scale": supplier.scale}
    return party


class Process:
    """One contracting process: its story drawn once, then written as one release per event."""

    def __init__(self, index: int, n: int, seed: int, suppliers: Suppliers):
        self.rng = rng = random.Random(seed * 1_000_003 + index)
        self.index = index
        start = START + dt.timedelta(days=SPAN_DAYS * index / n + rng.uniform(-8, 8), hours=rng.randrange(0, 8))
        self.start = max(start, START)
        self.ocid = f"{catalog.OCID_PREFIX}-{catalog.CITY_CNPJ}-1-{index + 1:07d}-{self.start.year}"
        self.procedure = weighted(rng, catalog.PROCEDURES, PROCEDURE_CUM)
        self.category = rng.choices(CATEGORIES, (55, 35, 10) if self.procedure.competitive else (55, 42, 3))[0]
        self.currency = "USD" if rng.random() < 0.004 else "BRL"
        self.suppliers = suppliers
        self.releases: list[tuple[str, bytes]] = []
        self.tender: dict = {}
        self.awards: list[dict] = []
        self.contracts: list[dict] = []
        self.title = self.ocid
        self.sequence = self.payments = 0
        self.build()

    # -- the story ---------------------------------------------------------------------------------------------
    def build(self) -> None:
        rng = self.rng
        self.tender_release()
        moment = self.start
        if self.procedure.competitive and rng.random() < 0.45:
            moment += dt.timedelta(days=rng.uniform(2, 10))
            if moment > NOW:
                return
            self.tender_update(moment)
        fate = rng.random()
        if fate < 0.05:
            self.tender_end(moment + dt.timedelta(days=rng.uniform(1, 20)), "cancelled", ["tenderCancellation"])
            return
        if fate < 0.08 and self.procedure.competitive:
            self.tender_end(moment + dt.timedelta(days=rng.uniform(10, 40)), "unsuccessful", ["tenderUpdate"])
            return
        delay = rng.uniform(8, 45) if self.procedure.competitive else rng.uniform(1, 10)
        moment = max(moment, self.tender_end_date) + dt.timedelta(days=delay)
        if moment > NOW:
            return
        self.award(moment)
        if rng.random() < 0.15:  # many direct purchases end at the award (a purchase order, no contract)
            return
        moment += dt.timedelta(days=rng.uniform(1, 25))
        if moment > NOW:
            return
        self.contract(moment)
        for _ in range(rng.choices((0, 1, 2, 3, 4), (26, 34, 22, 12, 6))[0]):
            moment += dt.timedelta(days=rng.uniform(20, 120))
            if moment > NOW:
                return
            if rng.random() < 0.35:
                self.amendment(moment)
            else:
                self.implementation(moment)

    # -- releases ----------------------------------------------------------------------------------------------
    def emit(self, moment: dt.datetime, tag: list[str], sections: dict, parties: list[dict] | None = None) -> None:
        """Write one release: the sections this event changed (others stay as earlier releases gave them, so only a
        field-by-field merge compiles the process right), and the parties it introduces."""
        self.sequence += 1
        release = {
            "ocid": self.ocid,
            "id": f"{self.ocid}-{self.sequence:02d}",
            "date": stamp(moment),
            "tag": tag,
            "initiationType": "tender",
            "buyer": BUYER_REFERENCE,
        }
        # Every release names its parties (at least the buyer): ocdskit takes a bare release without `parties`
        # for OCDS 1.0, and OCDS 1.1 publishers include them.
        release["parties"] = list(parties) if parties else [BUYER_PARTY_SHORT]
        release.update(sections)
        self.releases.append((release["date"], orjson.dumps(release)))
        self.last_moment = moment

    def tender_release(self) -> None:
        rng, procedure = self.rng, self.procedure
        secretariat_index = bisect.bisect(SECRETARIAT_CUM, rng.random() * SECRETARIAT_CUM[-1])
        secretariat = catalog.SECRETARIATS[secretariat_index][0]
        entity = {
            "id": f"BR-CNPJ-{catalog.CITY_CNPJ}-UA{secretariat_index + 1:03d}",
            "name": name_variant(rng, secretariat),
        }
        self.items = self.draw_items()
        total = sum(item["quantity"] * item["unit"]["value"]["amount"] for item in self.items)
        number = f"{self.index % 9000 + 1}/{self.start.year}"
        self.tender_start = self.start + dt.timedelta(days=rng.uniform(0, 3))
        days_open = rng.uniform(8, 35) if procedure.competitive else rng.uniform(1, 5)
        self.tender_end_date = self.tender_start + dt.timedelta(days=days_open)
        self.title = f"{procedure.details.split(' - ')[0]} nº {number} — {self.items[0]['description'][:60]}"
        tender = {
            "id": f"{procedure.details.split(' ')[0].upper()}-{number}",
            "title": self.title,
            "description": self.description(secretariat),
            "status": "active",
            "procurementMethod": procedure.method,
            "procurementMethodDetails": procedure.details,
            "procurementMethodRationale": self.rationale(),
            "mainProcurementCategory": self.category,
            "value": money(total, self.currency),
            "tenderPeriod": {"startDate": stamp(self.tender_start), "endDate": stamp(self.tender_end_date)},
            "items": self.items,
            "awardCriteria": "priceOnly",
            "awardCriteriaDetails": "Menor preço por item" if len(self.items) > 1 else "Menor preço global",
            "submissionMethod": ["electronicSubmission"],
            "submissionMethodDetails": "https://pncp.gov.br/app/editais",
            "eligibilityCriteria": ELIGIBILITY,
            "documents": [self.document("tenderNotice", "Edital", self.start)],
        }
        parties = [BUYER_PARTY]
        if rng.random() < 0.95:  # a few processes name only the buyer
            tender["procuringEntity"] = entity
            parties.append({**entity, **secretariat_details(secretariat_index, secretariat)})
        if rng.random() < 0.05:
            del tender["value"]
        if rng.random() < 0.08:
            del tender["tenderPeriod"]
        if rng.random() < 0.02:
            del tender["procurementMethodDetails"]
        if tender["procurementMethodRationale"] is None:
            del tender["procurementMethodRationale"]
        self.tender = tender
        sections = {"language": "pt", "tender": tender}
        tag = ["tender"]
        if rng.random() < 0.4:
            tag = ["planning", "tender"]
            sections["planning"] = {
                "budget": {
                    "description": f"Dotação orçamentária {rng.randrange(1, 40):02d}.{rng.randrange(100, 999)}"
                    f".{rng.randrange(1000, 9999)} — recursos próprios",
                    "amount": money(total * 1.05, "BRL"),
                }
            }
        self.emit(self.start, tag, sections, parties)

    def description(self, secretariat: str) -> str:
        item = self.items[0]["description"]
        return (
            f"Contratação de {item.lower()} para atender às necessidades da {secretariat}, conforme termo de "
            f"referência e demais condições do edital e seus anexos."
        )

    def rationale(self) -> str | None:
        if self.procedure.details.startswith("Dispensa"):
            return "Art. 75, inciso II, da Lei nº 14.133/2021 (valor inferior ao limite legal)."
        if self.procedure.details.startswith("Inexigibilidade"):
            return "Art. 74 da Lei nº 14.133/2021 (inviabilidade de competição)."
        return None

    def draw_items(self) -> list[dict]:
        rng = self.rng
        scale = self.procedure.value_scale * math.exp(rng.gauss(0, 0.9))
        count = rng.choices((1, 2, 3, 4, 5, 6, 8), (30, 20, 15, 12, 9, 7, 7))[0]
        items = []
        for number in range(1, count + 1):
            kind = rng.choice(ITEMS_BY_CATEGORY[self.category])
            unit_price = kind.price * rng.uniform(0.7, 1.4)
            quantity = max(1, round(scale / count / unit_price))
            item = {
                "id": str(number),
                "description": kind.description,
                "classification": {"scheme": kind.scheme, "id": kind.code, "description": kind.description},
                "quantity": quantity,
                "unit": {"name": kind.unit, "value": money(unit_price, self.currency)},
            }
            if rng.random() < 0.15:
                del item["classification"]
            items.append(item)
        return items

    def document(self, kind: str, title: str, moment: dt.datetime) -> dict:
        return {
            "id": f"{kind}-{self.sequence + 1}",
            "documentType": kind,
            "title": f"{title} — {self.title}"[:120],
            "url": f"https://pncp.gov.br/pncp-api/v1/orgaos/{catalog.CITY_CNPJ}/compras/{self.start.year}/"
            f"{self.index + 1}/arquivos/{self.sequence + 1}",
            "datePublished": stamp(moment),
            "format": "application/pdf",
            "language": "pt",
        }

    def tender_update(self, moment: dt.datetime) -> None:
        """Publishers repeat the whole tender on an update; the new deadline and a clarification changed."""
        tender = self.tender
        self.tender_end_date += dt.timedelta(days=self.rng.uniform(3, 10))
        if "tenderPeriod" in tender:
            tender["tenderPeriod"] = {**tender["tenderPeriod"], "endDate": stamp(self.tender_end_date)}
        tender["documents"] = [*tender["documents"], self.document("clarifications", "Esclarecimento", moment)]
        self.emit(moment, ["tenderUpdate"], {"tender": tender})

    def tender_end(self, moment: dt.datetime, status: str, tag: list[str]) -> None:
        if moment > NOW:
            return
        self.tender["status"] = status
        self.emit(moment, tag, {"tender": {"id": self.tender["id"], "status": status}})

    def award(self, moment: dt.datetime) -> None:
        rng = self.rng
        competitive = self.procedure.competitive
        lots = min(len(self.items), rng.choices((1, 2, 3), (85, 10, 5))[0]) if competitive else 1
        winners = [self.suppliers.draw(rng, self.category) for _ in range(lots)]
        bidders = list(winners)
        if competitive:
            extra = rng.choices((0, 1, 2, 3, 4, 5, 7), (22, 20, 18, 14, 10, 9, 7))[0]
            bidders += [self.suppliers.draw(rng, self.category) for _ in range(extra)]
        bidders = list({b.cnpj: b for b in bidders}.values())
        discount = rng.uniform(0.6, 0.98) if competitive and len(bidders) > 1 else rng.uniform(0.9, 1)
        tender = {"id": self.tender["id"], "status": "complete"}
        if competitive and rng.random() < 0.8:
            tender["tenderers"] = [{"id": b.party_id, "name": b.name} for b in bidders]
        if competitive and rng.random() < 0.7:
            tender["numberOfTenderers"] = len(bidders)
        parties = [BUYER_PARTY_SHORT]
        for bidder in bidders:
            roles = (["tenderer", "supplier"] if bidder in winners else ["tenderer"]) if competitive else ["supplier"]
            parties.append(supplier_party(rng, bidder, roles))
        lot_items = [self.items[i::lots] for i in range(lots)]
        self.awards = []
        for number, (winner, items) in enumerate(zip(winners, lot_items, strict=True), start=1):
            value = sum(i["quantity"] * i["unit"]["value"]["amount"] for i in items) * discount
            award = {
                "id": f"{self.ocid}-A{number}",
                "title": f"Adjudicação — lote {number}",
                "status": "active",
                "date": stamp(moment),
                "value": money(value, self.currency),
                "suppliers": [{"id": winner.party_id, "name": winner.name}],
                "items": items,
                "documents": [self.document("awardNotice", "Termo de homologação", moment)],
            }
            if rng.random() < 0.03:
                del award["date"]
            if rng.random() < 0.02:
                del award["value"]
            self.awards.append(award)
        sections = {"tender": tender, "awards": self.awards}
        if competitive and rng.random() < 0.6:
            sections["bids"] = {"details": [self.bid(b, moment, b in winners, discount) for b in bidders]}
        self.emit(moment, ["award"], sections, parties)

    def bid(self, bidder: Supplier, moment: dt.datetime, won: bool, discount: float) -> dict:
        total = sum(i["quantity"] * i["unit"]["value"]["amount"] for i in self.items)
        factor = discount if won else discount * self.rng.uniform(1.01, 1.3)
        return {
            "id": f"{self.ocid}-B-{bidder.cnpj}",
            # Submitted in the last three days before the deadline; about 1% after it (R030's late bids).
            "date": stamp(self.tender_end_date + dt.timedelta(days=self.rng.uniform(-3, LATE_BID_DAYS))),
            "status": "valid" if won or self.rng.random() < 0.85 else "disqualified",
            "tenderers": [{"id": bidder.party_id, "name": bidder.name}],
            "value": money(total * factor, self.currency),
        }

    def contract(self, moment: dt.datetime) -> None:
        rng = self.rng
        self.contracts = []
        for number, award in enumerate(self.awards, start=1):
            months = rng.choice((3, 6, 12, 12, 12, 24, 30))
            contract = {
                "id": f"{self.ocid}-C{number}",
                "awardID": award["id"],
                "title": f"Contrato {self.index + 1}-{number}/{moment.year}",
                "description": f"Contrato decorrente do processo {self.tender['id']}, lote {number}: "
                f"{award['items'][0]['description'].lower()}.",
                "status": "active",
                "dateSigned": stamp(moment),
                "period": {
                    "startDate": stamp(moment + dt.timedelta(days=1)),
                    "endDate": stamp(moment + dt.timedelta(days=30 * months)),
                },
                "documents": [self.document("contractSigned", "Contrato assinado", moment)],
            }
            if "value" in award:
                contract["value"] = dict(award["value"])
            if rng.random() < 0.08:
                del contract["dateSigned"]
            if rng.random() < 0.7:
                contract["items"] = award["items"]
            self.contracts.append(contract)
        self.emit(moment, ["contract"], {"contracts": self.contracts})

    def amendment(self, moment: dt.datetime) -> None:
        """A termo aditivo: the contract republished with its new value and end date, and its amendments so far."""
        contract = self.rng.choice(self.contracts)
        amendments = contract.get("amendments", [])
        contract["amendments"] = [
            *amendments,
            {
                "id": f"{contract['id']}-TA{len(amendments) + 1}",
                "date": stamp(moment),
                "rationale": self.rng.choice(
                    (
                        "Prorrogação de prazo de vigência",
                        "Acréscimo quantitativo de até 25%",
                        "Reequilíbrio econômico-financeiro",
                        "Supressão de itens",
                    )
                ),
                "description": "Termo aditivo ao contrato, nos termos do art. 124 da Lei nº 14.133/2021.",
            },
        ]
        contract["period"] = {**contract["period"], "endDate": stamp(moment + dt.timedelta(days=365))}
        if "value" in contract:
            contract["value"] = money(contract["value"]["amount"] * self.rng.uniform(1.0, 1.25), self.currency)
        self.emit(moment, ["contractAmendment"], {"contracts": [contract]})

    def implementation(self, moment: dt.datetime) -> None:
        """A payment (nota de empenho): the contract is republished with the new transaction only (the merge keeps
        the earlier ones, merged by id)."""
        contract = self.rng.choice(self.contracts)
        self.payments += 1
        base = contract.get("value", {}).get("amount") or 1000.0
        transaction = {
            "id": f"{contract['id']}-NE{self.payments}",
            "source": "https://transparencia.mogidascruzes.sp.gov.br/despesas",
            "date": stamp(moment),
            "value": money(base * self.rng.uniform(0.05, 0.3), self.currency),
            "payer": BUYER_REFERENCE,
            "payee": dict(self.awards[0]["suppliers"][0]),
        }
        changed = {**contract, "implementation": {"transactions": [transaction]}}
        self.emit(moment, ["implementation"], {"contracts": [changed]})

    def later_release(self, moment: dt.datetime) -> tuple[str, bytes]:
        """One more release after the last (the incremental set): a payment, or a new tender deadline."""
        moment = max(moment, self.last_moment + dt.timedelta(hours=1))
        if self.contracts:
            self.implementation(moment)
        else:
            self.tender_update(moment)
        return self.releases[-1]


@dataclass
class Manifest:
    """What a generation wrote (stored beside the files, so a later run reuses them instead of regenerating)."""

    n: int
    seed: int
    version: int
    processes: int
    releases: int
    jsonl: str
    package: str
    jsonl_bytes: int
    package_bytes: int
    jsonl_sha256: str
    seconds: float = 0.0

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (FileNotFoundError, ValueError, TypeError):
            return None


def releases_of(indices, n: int, seed: int, suppliers: Suppliers) -> Iterator[list[tuple[str, bytes]]]:
    """Releases of blocks of processes, each block sorted by date (stable: a process's own order is kept)."""
    block: list[tuple[str, bytes]] = []
    for count, index in enumerate(indices, start=1):
        block.extend(Process(index, n, seed, suppliers).releases)
        if count % BLOCK == 0:
            yield sorted(block, key=lambda release: release[0])
            block = []
    if block:
        yield sorted(block, key=lambda release: release[0])


class DatasetWriter:
    """Writes releases to a JSON lines file and a release package at once, hashing the JSON lines."""

    def __init__(self, jsonl: Path, package: Path, uri: str):
        self.jsonl = jsonl.open("wb", buffering=1 << 20)
        self.package = package.open("wb", buffering=1 << 20)
        self.sha256 = hashlib.sha256()
        self.count = 0
        header = {
            "uri": uri,
            "version": "1.1",
            "publishedDate": stamp(NOW),
            "publisher": {"name": catalog.PUBLISHER, "scheme": "BR-CNPJ", "uid": catalog.CITY_CNPJ},
            "license": catalog.LICENSE,
            "publicationPolicy": "https://github.com/open-contracting/painel (benchmarks/README.md)",
        }
        self.package.write(orjson.dumps(header)[:-1] + b',"releases":[\n')

    def write(self, releases: list[tuple[str, bytes]]) -> None:
        lines = b"".join(data + b"\n" for _, data in releases)
        self.jsonl.write(lines)
        self.sha256.update(lines)
        separator = b",\n" if self.count else b""
        self.package.write(separator + b",\n".join(data for _, data in releases))
        self.count += len(releases)

    def close(self) -> None:
        self.package.write(b"\n]}\n")
        self.jsonl.close()
        self.package.close()


def write_dataset(n: int, seed: int, out_dir: Path, *, increment: bool = False) -> Manifest:
    """Write releases-<N>.jsonl and package-<N>.json (or the 1% incremental set, see `increment_indices`)."""
    import time

    began = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    label = size_label(n) + ("-increment" if increment else "")
    jsonl, package = out_dir / f"releases-{label}.jsonl", out_dir / f"package-{label}.json"
    suppliers = Suppliers(seed, n)
    writer = DatasetWriter(jsonl, package, f"https://example.invalid/benchmark/{label}.json")
    processes = 0
    try:
        if increment:
            processes = write_increment(writer, n, seed, suppliers)
        else:
            for block in releases_of(range(n), n, seed, suppliers):
                writer.write(block)
            processes = n
    finally:
        writer.close()
    manifest = Manifest(
        n,
        seed,
        GENERATOR_VERSION,
        processes,
        writer.count,
        jsonl.name,
        package.name,
        jsonl.stat().st_size,
        package.stat().st_size,
        writer.sha256.hexdigest(),
        round(time.perf_counter() - began, 2),
    )
    manifest.save(out_dir / f"manifest-{label}.json")
    return manifest


def write_increment(writer: DatasetWriter, n: int, seed: int, suppliers: Suppliers) -> int:
    """About 1% more releases: half are later releases of existing processes, half are new processes.

    Returns the number of processes touched."""
    rng = random.Random(f"{seed}-increment")
    target = max(2, round(n * 3.9 / 100))
    existing = rng.sample(range(n), k=min(n, target // 2))
    block = []
    for index in sorted(existing):
        process = Process(index, n, seed, suppliers)
        block.append(process.later_release(NOW + dt.timedelta(days=rng.uniform(1, 30))))
    writer.write(sorted(block, key=lambda release: release[0]))
    new_index = n
    while writer.count < target:
        # New processes continue the timeline past the base set (index n onwards, same spacing).
        writer.write(Process(new_index, n, seed, suppliers).releases)
        new_index += 1
    return len(existing) + (new_index - n)
