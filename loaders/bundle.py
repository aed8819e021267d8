"""The bundled real dataset (assets/data/ocds, see its SOURCES.md) and the database built from it."""

from __future__ import annotations

from pathlib import Path

from loaders.database import connect
from loaders.load import LoadReport, load_paths

BUNDLED = Path(__file__).resolve().parent.parent / "assets" / "data" / "ocds"

# Folder → publisher name shown in the dashboard (bare releases carry no package, so no publisher of their own).
PUBLISHERS = {
    "armenia-armeps": "Armeps / PPCM (Armênia)",
    "brazil-medicamentos-transparentes": "Medicamentos Transparentes (Transparência Brasil / PNCP)",
    "mexico-cdmx-sefin": "Ciudad de México — SEFIN",
    "mexico-gacm": "Grupo Aeroportuario de la Ciudad de México",
    "mexico-jalisco": "Gobierno de Jalisco",
    "mexico-sfp": "Secretaría de la Función Pública (México)",
    "moldova-mtender": "MTender (Moldávia)",
    "paraguay-dncp": "DNCP (Paraguai)",
    "portugal-impic": "IMPIC — Portal BASE (Portugal)",
}


def bundled_folders() -> list[Path]:
    return sorted(p for p in BUNDLED.iterdir() if p.is_dir())


def load_bundled(con) -> list[LoadReport]:
    """Load every bundled publisher folder, each as one atomic load under its publisher name."""
    return [load_paths(con, [str(folder)], PUBLISHERS.get(folder.name, folder.name)) for folder in bundled_folders()]


def build_bundled_database(path: str | Path) -> list[LoadReport]:
    """Create (or complete) the database at `path` from the bundled data."""
    con = connect(path)
    try:
        return load_bundled(con)
    finally:
        con.close()
