"""The city settings the metrics use: its local region (for local suppliers) and its [red_flags] and [targets].

The file is config/cities/<city>.toml; PAINEL_CITY_FILE names another one (another city is another file).
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path

from metrics.errors import SettingsError

DEFAULT_CITY_FILE = Path(__file__).resolve().parent.parent / "config" / "cities" / "mogi-das-cruzes.toml"


def city_file() -> Path:
    return Path(os.environ.get("PAINEL_CITY_FILE") or DEFAULT_CITY_FILE)


@cache
def read_city(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(
            f"City file {path} not found; set PAINEL_CITY_FILE to a config/cities/*.toml file."
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"City file {path} is not valid TOML: {error}. Fix the file and run again.") from None


def city_settings() -> dict:
    return read_city(city_file())


def local_municipalities() -> list[str]:
    """The city first, then the other municipalities of its local region, without repeats."""
    city = city_settings().get("city", {})
    names = [city.get("name"), *city.get("local_region", {}).get("municipalities", [])]
    return list(dict.fromkeys(name for name in names if name))


def targets() -> list[dict]:
    """The [targets] of the city file: one row per metric with the column compared and its min and/or max."""
    from metrics import registry

    rows = []
    for metric_id, target in city_settings().get("targets", {}).items():
        if metric_id not in registry.METRICS:
            raise SettingsError(f"{city_file()}: [targets.{metric_id}] names no metric; see `python -m metrics list`.")
        rows.append(
            {
                "metric_id": metric_id,
                "column": target.get("column", "value"),
                "min": target.get("min"),
                "max": target.get("max"),
            }
        )
    return rows


def targets_frame(con=None):
    """Lookup `targets` (the connection is not needed: targets live in the city file)."""
    import pandas as pd

    return pd.DataFrame(targets(), columns=["metric_id", "column", "min", "max"])
