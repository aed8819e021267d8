"""What a PNCP fetch returns, and PNCP control numbers (números de controle)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# {cnpj:14}-{1 compra | 2 contrato | 0 PCA}-{seq:6}/{ano:4}  (Manual de Consultas v1.0, §4.1)
CONTROL_NUMBER = re.compile(r"^(?P<cnpj>\d{14})-(?P<kind>[012])-(?P<seq>\d{1,6})/(?P<year>\d{4})$")


@dataclass
class PncpData:
    """Everything fetched for one city and period, keyed by the purchase's numeroControlePNCP."""

    compras: list[dict] = field(default_factory=list)
    itens: dict[str, list[dict]] = field(default_factory=dict)
    resultados: dict[str, list[dict]] = field(default_factory=dict)
    contratos: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "compras": len(self.compras),
            "itens": sum(len(v) for v in self.itens.values()),
            "resultados": sum(len(v) for v in self.resultados.values()),
            "contratos": len(self.contratos),
        }


@dataclass(frozen=True)
class ControlNumber:
    cnpj: str
    kind: str
    seq: int
    year: int

    @property
    def detail_path(self) -> str:
        """The path of the purchase in the detail API (unpadded sequence: 000562/2024 → /compras/2024/562)."""
        return f"/v1/orgaos/{self.cnpj}/compras/{self.year}/{self.seq}"


def parse_control_number(value: str | None) -> ControlNumber | None:
    match = CONTROL_NUMBER.match((value or "").strip())
    if not match:
        return None
    return ControlNumber(match["cnpj"], match["kind"], int(match["seq"]), int(match["year"]))
