"""Optional KPI targets (assets/kpi_targets.toml, or the file named by PAINEL_KPI_TARGETS) as traffic lights.

A light is never colour alone: it carries a word and an icon, so it reads the same for colour-blind readers."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "assets" / "kpi_targets.toml"
NEAR = 0.10  # within 10% of the target counts as "near"


@dataclass(frozen=True)
class Target:
    limit: float
    direction: str  # "max" (stay at or below) or "min" (stay at or above)

    def status(self, value: float | None) -> str | None:
        """met, near or missed; None when the month has no value."""
        if value is None:
            return None
        meets = value <= self.limit if self.direction == "max" else value >= self.limit
        if meets:
            return "met"
        gap = abs(value - self.limit) / abs(self.limit) if self.limit else float("inf")
        return "near" if gap <= NEAR else "missed"


def targets_file() -> Path:
    return Path(os.environ.get("PAINEL_KPI_TARGETS") or DEFAULT_FILE)


@cache
def _read(path: Path, mtime: float) -> dict[str, Target]:
    with path.open("rb") as file:
        data = tomllib.load(file)
    found = {}
    for metric_id, table in data.items():
        for direction in ("max", "min"):
            if direction in table:
                found[metric_id] = Target(float(table[direction]), direction)
    return found


def load() -> dict[str, Target]:
    """Targets by metric id; none when the file is absent. A malformed file raises tomllib's error, naming it."""
    path = targets_file()
    if not path.exists():
        return {}
    try:
        return _read(path, path.stat().st_mtime)
    except (tomllib.TOMLDecodeError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: cannot read the KPI targets ({error}). Fix the file or delete it.") from None
