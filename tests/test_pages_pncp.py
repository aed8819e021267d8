"""Every dashboard page on PNCP-converted data (the city's own source), in pt-BR and English: loaded by the real
`pncp` command from a local PNCP serving recorded real answers (fixture from tests/test_pncp_dashboard.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_pages import routed_pages
from tests.test_pncp_dashboard import PUBLISHER, pncp_db  # noqa: F401  (the module-scoped database fixture)

ROOT = Path(__file__).resolve().parent.parent
QUERY = {"publisher": PUBLISHER, "date_from": "2022-01-01", "date_to": "2026-12-31"}


def open_page(database: Path, monkeypatch, page: str, **query: str) -> AppTest:
    monkeypatch.setenv("PAINEL_DB", str(database))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    app.query_params.update({**QUERY, **query})
    app.run()
    app.switch_page(f"pages/{page}").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


@pytest.mark.parametrize("lang", ["pt_BR", "en"])
@pytest.mark.parametrize("page", routed_pages())
def test_every_page_works_on_pncp_data(pncp_db, monkeypatch, page, lang):  # noqa: F811
    app = open_page(pncp_db, monkeypatch, page, lang=lang)
    assert app.title


def test_overview_counts_the_pncp_processes(pncp_db, monkeypatch):  # noqa: F811
    import duckdb

    con = duckdb.connect(str(pncp_db), read_only=True)
    try:
        month, count = con.execute(
            "SELECT strftime(period_date, '%Y-%m'), COUNT(*) FROM processes WHERE publisher = ? "
            "GROUP BY 1 ORDER BY 1 DESC LIMIT 1",
            [PUBLISHER],
        ).fetchone()
    finally:
        con.close()
    app = open_page(pncp_db, monkeypatch, "overview.py", month=month)
    card = next(m for m in app.metric if m.label == "Processos")
    assert card.value == str(count)
    assert any("R$" in m.value for m in app.metric if m.label == "Valor adjudicado")
