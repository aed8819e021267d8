"""The registry: one frozen dataclass per metric, with its texts in pt-BR and English.

The SQL of metric `x` is `metrics/sql/x.sql`; its entry here says what the number means, why it matters, what it
does not mean, what is left out, and which OCDS fields it needs (paths as `ocdscardinal.coverage()` writes them,
so the data-quality report can say whether the loaded data supports it).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from metrics.errors import ParameterError, UnknownMetricError

LANGUAGES = ("pt", "en")
GROUP_BY_CHOICES = ("none", "month", "secretariat", "supplier", "procedure_type", "category", "publisher")


@dataclass(frozen=True)
class Text:
    """A user-facing text in both languages; `get("pt")` is the default."""

    pt: str
    en: str

    def get(self, language: str = "pt") -> str:
        return self.en if language.startswith("en") else self.pt


@dataclass(frozen=True)
class Param:
    """One parameter a metric accepts. `kind` is date, text, number, integer, choice or list (of text)."""

    name: str
    kind: str
    label: Text
    default: object = None
    choices: tuple[str, ...] = ()

    def coerce(self, value, metric_id: str):
        """Return the value in the type bound into SQL, or raise ParameterError saying what is expected."""
        if value is None or value == "":
            return self.default
        try:
            return _COERCERS[self.kind](self, value)
        except (TypeError, ValueError) as error:
            raise ParameterError(
                f"Parameter {self.name!r} of metric {metric_id!r} expects {self.kind}"
                f"{' (one of ' + ', '.join(self.choices) + ')' if self.choices else ''}, got {value!r}: {error}"
            ) from None


def _as_date(param: Param, value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _as_choice(param: Param, value) -> str:
    if str(value) not in param.choices:
        raise ValueError("not an allowed choice")
    return str(value)


def _as_integer(param: Param, value) -> int:
    number = int(value)
    if number < 1:
        raise ValueError("must be 1 or more")
    return number


def _as_list(param: Param, value) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value)
    return [str(item).strip() for item in items if str(item).strip()]


_COERCERS = {
    "list": _as_list,
    "date": _as_date,
    "text": lambda param, value: str(value),
    "number": lambda param, value: float(value),
    "integer": _as_integer,
    "choice": _as_choice,
}

FILTERS: tuple[Param, ...] = (
    Param("date_from", "date", Text("Data inicial", "Start date")),
    Param("date_to", "date", Text("Data final", "End date")),
    Param("publisher", "text", Text("Publicador", "Publisher")),
    Param("secretariat", "text", Text("Secretaria / unidade compradora", "Secretariat / buying unit")),
    Param("supplier", "text", Text("Fornecedor (identificador)", "Supplier (identifier)")),
    Param("procedure_type", "text", Text("Modalidade", "Procedure type")),
    Param("category", "text", Text("Categoria", "Category")),
    Param("value_min", "number", Text("Valor mínimo", "Minimum value")),
    Param("value_max", "number", Text("Valor máximo", "Maximum value")),
)


def group_by(default: str = "none", choices: tuple[str, ...] = GROUP_BY_CHOICES) -> Param:
    return Param("group_by", "choice", Text("Agrupar por", "Group by"), default, choices)


def top(default: int = 5) -> Param:
    return Param("top", "integer", Text("Quantos maiores fornecedores", "How many largest suppliers"), default)


def local_municipalities() -> Param:
    return Param(
        "local_municipalities",
        "list",
        Text(
            "Municípios locais (o primeiro é a própria cidade; padrão: arquivo da cidade)",
            "Local municipalities (the first is the city itself; default: the city file)",
        ),
    )


def limit(default: int = 100) -> Param:
    return Param("limit", "integer", Text("Máximo de linhas", "Maximum rows"), default)


@dataclass(frozen=True)
class Metric:
    """A metric: its SQL is `metrics/sql/<id>.sql`.

    `fields` are the OCDS paths it needs, in `ocdscardinal.coverage()` notation; every one is required, and
    `a|b` means either a or b will do.
    """

    id: str
    theme: str  # spending, competition, suppliers, cycle_times, lists, quality, red_flags
    unit: str  # count, money, share, days, index, rows, flag
    title: Text
    methodology: Text
    why_it_matters: Text
    not_meaning: Text
    exclusions: Text
    fields: tuple[str, ...]
    params: tuple[Param, ...] = ()
    filters: tuple[Param, ...] = field(default=FILTERS)
    settings: tuple[str, ...] = ()  # red flags: settings bound from the settings file (metrics/settings.py)
    subjects: tuple[str, ...] = ()  # red flags: the groups they flag (OCID, Buyer, ProcuringEntity, Tenderer)

    def all_params(self) -> dict[str, Param]:
        return {param.name: param for param in (*self.filters, *self.params)}

    def bind(self, values: dict) -> dict:
        """Check parameter names and types; return every parameter with its default filled in."""
        known = self.all_params()
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(
                f"Metric {self.id!r} has no parameter {', '.join(map(repr, unknown))}; it accepts: {', '.join(known)}."
            )
        return {name: param.coerce(values.get(name), self.id) for name, param in known.items()}

    def texts(self) -> dict[str, Text]:
        return {
            "title": self.title,
            "methodology": self.methodology,
            "why_it_matters": self.why_it_matters,
            "not_meaning": self.not_meaning,
            "exclusions": self.exclusions,
        }


def _load() -> dict[str, Metric]:
    from metrics.catalog import competition, cycle_times, lists, quality, red_flags, spending, suppliers

    registry: dict[str, Metric] = {}
    for module in (spending, competition, suppliers, cycle_times, lists, quality, red_flags):
        for metric in module.METRICS:
            if metric.id in registry:
                raise RuntimeError(f"metric id {metric.id!r} is defined twice")
            registry[metric.id] = metric
    return registry


METRICS: dict[str, Metric] = _load()


def get(metric_id: str) -> Metric:
    """Return the metric, or raise UnknownMetricError naming the closest ids."""
    try:
        return METRICS[metric_id]
    except KeyError:
        close = difflib.get_close_matches(str(metric_id), METRICS, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UnknownMetricError(
            f"Unknown metric {metric_id!r}.{hint} Run `python -m metrics list` to see every metric."
        ) from None
