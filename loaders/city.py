"""A city's settings (config/cities/<slug>.toml): who publishes, its CNPJ and IBGE code, the ocid prefix, and the
municipalities that count as "local" for suppliers. Another city is another file, not a code change."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from loaders.errors import LoaderError

CITIES_DIR = Path(__file__).resolve().parent.parent / "config" / "cities"
DEFAULT_CITY = "mogi-das-cruzes"
CITY_ENV = "PAINEL_CITY"


@dataclass(frozen=True)
class City:
    slug: str
    name: str
    uf: str
    ibge: str
    cnpj: str
    publisher: str
    license: str
    ocid_prefix: str
    local_region_name: str = ""
    local_ibge: tuple[str, ...] = ()
    local_municipalities: tuple[str, ...] = ()
    source_url: str = ""


def city_path(name_or_path: str | Path | None = None) -> Path:
    """A slug (`mogi-das-cruzes`) in config/cities/, or a path to a .toml file; default $PAINEL_CITY or Mogi."""
    value = str(name_or_path or os.environ.get(CITY_ENV) or DEFAULT_CITY)
    path = Path(value)
    return path if path.suffix == ".toml" else CITIES_DIR / f"{value}.toml"


def load_city(name_or_path: str | Path | None = None) -> City:
    path = city_path(name_or_path)
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        known = ", ".join(sorted(p.stem for p in CITIES_DIR.glob("*.toml"))) or "none"
        raise LoaderError(f"{path}: no such city file. Known cities: {known}; or copy one and edit it.") from error
    except tomllib.TOMLDecodeError as error:
        raise LoaderError(f"{path}: not valid TOML ({error}). Fix the file (see {DEFAULT_CITY}.toml).") from error
    city = settings.get("city")
    if not isinstance(city, dict):
        raise LoaderError(f"{path}: no [city] table. Copy config/cities/{DEFAULT_CITY}.toml and edit it.")
    missing = [k for k in ("name", "uf", "ibge", "cnpj", "publisher", "license", "ocid_prefix") if not city.get(k)]
    if missing:
        raise LoaderError(f"{path}: [city] lacks {', '.join(missing)}. Add them (see {DEFAULT_CITY}.toml).")
    region = city.get("local_region") if isinstance(city.get("local_region"), dict) else {}
    return City(
        slug=path.stem,
        name=city["name"],
        uf=city["uf"],
        ibge=str(city["ibge"]),
        cnpj="".join(ch for ch in str(city["cnpj"]) if ch.isdigit()),
        publisher=city["publisher"],
        license=city["license"],
        ocid_prefix=city["ocid_prefix"],
        local_region_name=region.get("name", ""),
        local_ibge=tuple(str(code) for code in region.get("ibge", ())),
        local_municipalities=tuple(region.get("municipalities", ())),
        source_url=city.get("source_url", ""),
    )
