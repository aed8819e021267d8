"""Lookups: queries the UI needs that are not statistics (filter choices, data status, one process in detail)."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.errors import ParameterError
from metrics.registry import FILTERS, Param, Text

PROCESS_PARTS = ("process", "releases", "parties", "items", "bids", "awards", "contracts")
FLAG_DIMENSIONS = ("indicator", "secretariat", "supplier")


@dataclass(frozen=True)
class Lookup:
    name: str
    description: Text
    params: tuple[Param, ...] = ()
    required: tuple[str, ...] = ()
    function: str = ""  # "module:function" for a lookup computed in Python from metrics, not one SQL file

    def bind(self, values: dict) -> dict:
        known = {param.name: param for param in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(f"Lookup {self.name!r} has no parameter {unknown}; it accepts: {list(known)}.")
        bound = {name: param.coerce(values.get(name), self.name) for name, param in known.items()}
        missing = [name for name in self.required if bound.get(name) is None]
        if missing:
            raise ParameterError(f"Lookup {self.name!r} needs parameter(s) {missing}.")
        return bound

    def sql_name(self, values: dict) -> str:
        """process_detail has one SQL file per part (lookups/process_detail_<part>.sql)."""
        return f"{self.name}_{values['part']}" if "part" in values else self.name


LOOKUPS: dict[str, Lookup] = {
    lookup.name: lookup
    for lookup in (
        Lookup(
            "filter_options",
            Text(
                "Valores possíveis de cada filtro: kind, value, label, processes.",
                "Possible values of each filter: kind, value, label, processes.",
            ),
        ),
        Lookup(
            "data_status",
            Text(
                "Estado dos dados por publicador: última carga, fontes, processos, moeda principal, valores "
                "deixados de fora.",
                "Data status per publisher: last load, sources, processes, main currency, amounts left out.",
            ),
        ),
        Lookup(
            "sources",
            Text(
                "Cada arquivo ou URL lido: publicador, data da carga, releases, records, itens pulados, licença.",
                "Every file or URL read: publisher, load date, releases, records, skipped items, licence.",
            ),
        ),
        Lookup(
            "metric_support",
            Text(
                "Quais métricas os dados carregados permitem calcular, e que campos faltam para as demais.",
                "Which metrics the loaded data supports, and which fields are missing for the others.",
            ),
            (Param("publisher", "text", Text("Publicador", "Publisher")),),
            function="metrics.quality:metric_support",
        ),
        Lookup(
            "targets",
            Text(
                "Metas da cidade para os semáforos: métrica, coluna comparada, mínimo e máximo.",
                "The city's targets for traffic lights: metric, column compared, minimum and maximum.",
            ),
            function="metrics.city:targets_frame",
        ),
        Lookup(
            "flag_counts",
            Text(
                "Alertas contados por indicador e, os de processo, pela secretaria e por cada fornecedor do "
                "processo: dimension, name, flags, processes. Com dimension, só essa contagem.",
                "Red flags counted by indicator and, those on a process, by the process's secretariat and by each "
                "of its suppliers: dimension, name, flags, processes. With dimension, that count only.",
            ),
            (
                *FILTERS,
                Param("dimension", "choice", Text("Contar por", "Count by"), None, FLAG_DIMENSIONS),
            ),
            function="metrics.flags:flag_counts",
        ),
        Lookup(
            "process_flags",
            Text(
                "Os indicadores de alerta que marcam um processo (entre os alertas do publicador): indicator.",
                "The red-flag indicators that flag one process (among its publisher's flags): indicator.",
            ),
            (
                Param("ocid", "text", Text("OCID", "OCID")),
                Param("publisher", "text", Text("Publicador", "Publisher")),
            ),
            required=("ocid",),
            function="metrics.flags:process_flags",
        ),
        Lookup(
            "process_detail",
            Text("Um processo em detalhe (uma parte por chamada).", "One process in detail (one part per call)."),
            (
                Param("ocid", "text", Text("OCID", "OCID")),
                Param("part", "choice", Text("Parte", "Part"), "process", PROCESS_PARTS),
            ),
            required=("ocid",),
        ),
    )
}
