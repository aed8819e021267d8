"""Shared fixtures: real databases built by the real loader from the real data the repo carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.bundle import build_bundled_database
from loaders.database import connect

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "assets" / "data" / "ocds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def bundled_db_path(tmp_path_factory) -> Path:
    """The bundled dataset loaded once per test session (read it; never write to it)."""
    path = tmp_path_factory.mktemp("bundled") / "painel.duckdb"
    build_bundled_database(path)
    return path


@pytest.fixture
def bundled_con(bundled_db_path):
    con = connect(bundled_db_path, read_only=True)
    yield con
    con.close()


@pytest.fixture
def empty_db(tmp_path) -> Path:
    """A fresh database file with the schema and nothing loaded."""
    path = tmp_path / "test.duckdb"
    connect(path).close()
    return path
