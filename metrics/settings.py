"""Red-flag settings, Cardinal-style: an INI file (as `ocdscardinal init` writes) or a TOML file.

With no settings file every indicator runs with Cardinal's own defaults. A TOML file may hold the settings at the
top level or in a `[red_flags]` table (the city file, config/cities/<city>.toml, carries the Brazilian defaults
there). As in Cardinal, when a file is given only the indicators with a section in it run.

Each setting reaches SQL as a bound parameter named `<code>_<setting>` (e.g. $r003_threshold), lists as VARCHAR[]
and key→value tables as two lists (`..._keys`, `..._values`).
"""

from __future__ import annotations

import configparser
import os
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from metrics.errors import SettingsError

PIPE_LISTS = {"procurement_methods", "procurement_method_details"}
TOP_LEVEL = ("currency", "no_price_comparison_procurement_methods", "price_comparison_procurement_methods")
# Cardinal's defaults (src/indicators/*.rs), plus the defaults of our Brazilian indicators.
DEFAULTS: dict[str, dict] = {
    "R003": {
        "threshold": 15,
        "procurement_methods": [],
        "procurement_method_details": {},
        "procedure_type": {},
        "business_days": False,
    },
    "R018": {"procurement_methods": ["open", "selective"]},
    "R024": {"threshold": None},
    "R025": {"percentile": 75, "threshold": None},
    "R028": {},
    "R030": {},
    "R035": {"threshold": 1},
    "R036": {},
    "R038": {"threshold": None, "minimum_submitted_bids": 2, "minimum_contracting_processes": 2},
    "R048": {"digits": 2, "threshold": None, "minimum_contracting_processes": 20},
    "R058": {"threshold": None},
    "BR01": {"window_days": 365, "minimum_purchases": 2, "procedure_types": ["dispensa"]},
    "BR02": {"ratio": 0.95},
    "BR03": {"limit": 0.25},
}


@dataclass(frozen=True)
class FlagSettings:
    """Resolved settings: which indicators run, their settings, and the global ones."""

    indicators: dict[str, dict]
    currency: str | None = None
    no_price_comparison_procurement_methods: list[str] = field(default_factory=list)
    price_comparison_procurement_methods: list[str] = field(default_factory=list)
    excluded_procurement_method_details: list[str] = field(default_factory=list)
    # Cardinal's `prepare` [codelists.bid_status] / [codelists.award_status]: published status → OCDS code.
    bid_status: dict[str, str] = field(default_factory=dict)
    award_status: dict[str, str] = field(default_factory=dict)
    source: str = "Cardinal defaults"


def default_settings() -> FlagSettings:
    return FlagSettings({code: dict(values) for code, values in DEFAULTS.items()})


def settings_path_from_env() -> Path | None:
    value = os.environ.get("PAINEL_FLAG_SETTINGS")
    return Path(value) if value else None


@cache
def load_settings(path: Path | None = None) -> FlagSettings:
    """Read a settings file (INI or TOML); None means Cardinal's defaults for every indicator."""
    if path is None:
        return default_settings()
    path = Path(path)
    if not path.exists():
        raise SettingsError(f"Settings file {path} not found. Give an INI or TOML file, or leave --settings out.")
    raw = read_toml(path) if path.suffix == ".toml" else read_ini(path)
    return resolve(raw, str(path))


def read_toml(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"Settings file {path} is not valid TOML: {error}.") from None
    return data.get("red_flags", data if "city" not in data else {})


def read_ini(path: Path) -> dict:
    """Cardinal's INI: global keys before any section; `[R003.procurement_method_details]` sub-sections."""
    parser = configparser.ConfigParser(inline_comment_prefixes=(";", "#"), interpolation=None)
    parser.optionxform = str  # keys such as procurementMethodDetails values keep their case
    try:
        parser.read_string("[__top__]\n" + path.read_text(encoding="utf-8"))
    except configparser.Error as error:
        raise SettingsError(f"Settings file {path} is not valid INI: {error}.") from None
    raw: dict = dict(parser["__top__"])
    for section in parser.sections():
        if section == "__top__":
            continue
        code, _, sub = section.partition(".")
        target = raw.setdefault(code, {})
        if sub:
            target[sub] = dict(parser[section])
        else:
            target.update(parser[section])
    return raw


def resolve(raw: dict, source: str) -> FlagSettings:
    indicators = {}
    for code, values in raw.items():
        if code in TOP_LEVEL or code == "exclusions":
            continue
        if code not in DEFAULTS:
            if isinstance(values, dict) and code not in (
                "defaults",
                "redactions",
                "corrections",
                "modifications",
                "codelists",
            ):
                raise SettingsError(f"{source}: unknown indicator [{code}]; known: {', '.join(DEFAULTS)}.")
            continue  # Cardinal's `prepare` sections: not ours to apply
        indicators[code] = {**DEFAULTS[code], **typed(code, values or {}, source)}
    exclusions = raw.get("exclusions", {}) or {}
    codelists = raw.get("codelists", {}) or {}
    return FlagSettings(
        indicators=indicators,
        currency=raw.get("currency") or None,
        no_price_comparison_procurement_methods=pipe_list(raw.get("no_price_comparison_procurement_methods")),
        price_comparison_procurement_methods=pipe_list(raw.get("price_comparison_procurement_methods")),
        excluded_procurement_method_details=pipe_list(exclusions.get("procurement_method_details")),
        bid_status={str(k): str(v) for k, v in (codelists.get("bid_status") or {}).items()},
        award_status={str(k): str(v) for k, v in (codelists.get("award_status") or {}).items()},
        source=source,
    )


def pipe_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    return [item for item in str(value).split("|") if item]


def typed(code: str, values: dict, source: str) -> dict:
    """Check each setting is known and convert it to the type of its default."""
    result = {}
    for key, value in values.items():
        if key not in DEFAULTS[code]:
            raise SettingsError(f"{source}: [{code}] has no setting {key!r}; known: {', '.join(DEFAULTS[code])}.")
        default = DEFAULTS[code][key]
        try:
            result[key] = convert(default, value)
        except (TypeError, ValueError):
            raise SettingsError(f"{source}: [{code}] {key} = {value!r} is not a valid value.") from None
    return result


def convert(default, value):
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "yes")
    if isinstance(default, list):
        return pipe_list(value)
    if isinstance(default, dict):
        return {str(key): int(number) for key, number in dict(value).items()}
    if isinstance(default, int):
        return int(value)
    return float(value)  # thresholds whose default is None (a fence) or a ratio


def global_values(settings: FlagSettings) -> dict:
    """The SQL parameters of the settings every indicator shares (the red flags' filter steps read these)."""
    return {
        "flag_currency": settings.currency,
        "flag_no_price_details": settings.no_price_comparison_procurement_methods,
        "flag_price_details": settings.price_comparison_procurement_methods,
        "flag_excluded_details": settings.excluded_procurement_method_details,
        "flag_bid_status_keys": list(settings.bid_status),
        "flag_bid_status_values": list(settings.bid_status.values()),
        "flag_award_status_keys": list(settings.award_status),
        "flag_award_status_values": list(settings.award_status.values()),
    }


def bound_values(settings: FlagSettings, code: str) -> dict:
    """The SQL parameters of one indicator: `<code>_<setting>` plus the global ones."""
    values = global_values(settings)
    prefix = code.lower()
    for key, value in settings.indicators.get(code, DEFAULTS[code]).items():
        if isinstance(value, dict):
            values[f"{prefix}_{key}_keys"] = list(value)
            values[f"{prefix}_{key}_values"] = list(value.values())
        else:
            values[f"{prefix}_{key}"] = value
    return values


THRESHOLDS_FILE = Path(__file__).parent / "tables" / "dispensa_thresholds.csv"


def flag_values(metric_id: str, params: dict) -> dict:
    """Called by the runner for a red-flag metric: its bound settings from the chosen file."""
    path = params.get("settings") or settings_path_from_env()
    settings = load_settings(Path(path) if path else None)
    return {**bound_values(settings, metric_id.upper()), "br01_thresholds_file": str(THRESHOLDS_FILE)}
