"""All red flags together, in the JSON shape of Cardinal's `indicators` command.

    {"OCID": {ocid: {code: value}}, "Buyer": {...}, "ProcuringEntity": {...}, "Tenderer": {...}}

Only flagged subjects appear, and a group with none is left out, as in Cardinal's output with --no-meta.
"""

from __future__ import annotations

from pathlib import Path

from metrics import registry
from metrics.runner import run_many
from metrics.settings import load_settings, settings_path_from_env

GROUPS = ("OCID", "Buyer", "ProcuringEntity", "Tenderer")


def enabled_flags(settings_file: str | Path | None) -> list[str]:
    """With a settings file, the indicators it has a section for (as in Cardinal); without one, all of them."""
    codes = [metric.id for metric in registry.METRICS.values() if metric.theme == "red_flags"]
    if settings_file is None:
        return codes
    enabled = load_settings(Path(settings_file)).indicators
    return [code for code in codes if code.upper() in enabled]


def indicators(con, settings_file: str | Path | None = None, **filters) -> dict:
    settings_file = settings_file or settings_path_from_env()
    codes = enabled_flags(settings_file)
    params = {**filters, "settings": str(settings_file) if settings_file else None}
    results: dict[str, dict] = {group: {} for group in GROUPS}
    for code, frame in run_many(codes, con, **params).items():
        for group, subject, value in frame[["group", "id", "value"]].itertuples(index=False):
            results[group].setdefault(str(subject), {})[code.upper()] = float(value)
    return {group: subjects for group, subjects in results.items() if subjects}
