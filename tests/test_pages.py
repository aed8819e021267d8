"""Every page of the dashboard, run with AppTest on the bundled real data, filters given as URL parameters.

Values shown are checked against the database itself (plain SQL in the test, independent of metrics/)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PORTUGAL = "IMPIC — Portal BASE (Portugal)"
GACM = "Grupo Aeroportuario de la Ciudad de México"
NBSP = "\xa0"


@pytest.fixture
def open_page(bundled_db_path, monkeypatch):
    """Run the app at a page (its file under pages/) with the given query parameters."""
    monkeypatch.setenv("PAINEL_DB", str(bundled_db_path))

    def run(page: str | None = None, **query: str) -> AppTest:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        app.query_params.update(query)
        app.run()
        if page:
            app.query_params.update(query)
            app.switch_page(f"pages/{page}").run()
        assert not app.exception, [e.message for e in app.exception]
        return app

    return run


@pytest.fixture
def sql(bundled_db_path):
    con = duckdb.connect(str(bundled_db_path), read_only=True)
    yield lambda query, *params: con.execute(query, params).fetchone()[0]
    con.close()


def metric(app: AppTest, label: str):
    found = [m for m in app.metric if m.label == label]
    assert found, f"no KPI card {label!r}; cards: {[m.label for m in app.metric]}"
    return found[0]


def texts(app: AppTest) -> str:
    return (
        "\n".join([str(e.value) for e in (*app.caption, *app.markdown, *app.title, *app.subheader, *app.info)])
        .replace(NBSP, " ")
        .replace("\\", "")
    )  # data values are backslash-escaped against Markdown


def routed_pages() -> list[str]:
    return re.findall(r'st\.Page\(\s*"pages/([a-z_]+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))


def test_every_page_file_is_routed_in_app_py():
    files = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
    assert sorted(routed_pages()) == files


@pytest.mark.parametrize("page", routed_pages())
def test_every_page_opens_without_exception_in_both_languages(open_page, page):
    for lang in ("pt_BR", "en"):
        app = open_page(page, lang=lang)
        assert app.title, f"{page} shows no title"


def test_overview_shows_the_months_kpis_in_pt_br(open_page, sql):
    app = open_page(publisher=PORTUGAL, month="2019-11")
    expected = sql(
        "SELECT COUNT(*) FROM processes WHERE publisher = ? AND strftime(period_date, '%Y-%m') = '2019-11'", PORTUGAL
    )
    assert expected == 93
    assert metric(app, "Processos").value == "93"
    awarded = metric(app, "Valor adjudicado").value.replace(NBSP, " ")
    assert awarded.startswith("€ ") and "," in awarded  # euros, written the Brazilian way
    assert "Indicadores de nov. 2019" in texts(app)
    assert "Dados carregados em" in texts(app)
    non_competitive = sql(
        "SELECT AVG(CASE WHEN is_competitive THEN 0 ELSE 1 END) FROM processes "
        "WHERE publisher = ? AND strftime(period_date, '%Y-%m') = '2019-11' AND NOT is_sale",
        PORTUGAL,
    )
    assert metric(app, "Compras sem competição").value == f"{non_competitive * 100:.1f}%".replace(".", ",")
    assert "Fora da meta] · meta ≤ 30,0%" in texts(app)  # all direct awards: off the illustrative 30% target


def test_overview_in_english(open_page):
    app = open_page(publisher=PORTUGAL, month="2019-11", lang="en")
    assert app.title[0].value == "Overview"
    assert metric(app, "Processes").value == "93"
    assert "KPIs for Nov 2019" in texts(app)


def test_overview_change_vs_previous_month(open_page, sql):
    app = open_page(publisher=GACM, month="2017-03")
    current, previous = (
        sql("SELECT COUNT(*) FROM processes WHERE publisher = ? AND strftime(period_date, '%Y-%m') = ?", GACM, month)
        for month in ("2017-03", "2017-02")
    )
    card = metric(app, "Processos")
    assert card.value == str(current)
    change = (current - previous) / previous * 100
    assert card.delta == f"{change:+.1f}%".replace(".", ",")


def test_changing_a_filter_changes_the_numbers_and_clear_resets_them(open_page):
    app = open_page(publisher=GACM, month="2017-02")
    before = metric(app, "Processos").value
    app.selectbox(key="publisher").set_value(PORTUGAL).run()
    assert metric(app, "Processos").value != before
    app.button(key="clear_filters").click().run()
    assert app.selectbox(key="publisher").value == ""  # "Todos"
    assert app.selectbox(key="supplier").value == ""
    assert "publisher" not in app.query_params


def test_spending_lists_the_filtered_processes_with_downloads(open_page, sql):
    app = open_page("spending.py", publisher=GACM, procedure_type="open")
    expected = sql("SELECT COUNT(*) FROM processes WHERE publisher = ? AND procedure_type = 'open'", GACM)
    assert expected > 0
    assert f"{expected} processos" in texts(app)
    table = app.dataframe[-1].value
    assert len(table) == expected
    assert {"Processo", "Valor adjudicado", "Secretaria"} <= set(table.columns)
    assert "MX$" in table["Valor adjudicado"].dropna().iloc[0]
    buttons = [b.proto.label for b in app.get("download_button")]
    assert buttons == ["Baixar CSV", "Baixar XLSX"]


def test_spending_chart_title_states_the_top_secretariat(open_page, sql):
    app = open_page("spending.py", publisher=PORTUGAL, group_by="secretariat")
    top = sql(
        "SELECT p.secretariat FROM processes p JOIN awards a USING (ocid) WHERE p.publisher = ? "
        "GROUP BY p.secretariat ORDER BY SUM(a.value) DESC LIMIT 1",
        PORTUGAL,
    )
    chart = app.get("plotly_chart")[0]
    assert f"{top} recebeu" in chart.proto.spec


def test_spending_says_why_when_there_is_nothing(open_page):
    app = open_page(
        "spending.py",
        publisher="Medicamentos Transparentes (Transparência Brasil / PNCP)",
        date_from="2024-03-01",
        date_to="2024-03-31",
    )
    assert "Não há valores adjudicados" in texts(app) or "Nenhum processo" in texts(app)


def test_secretariat_scorecard_beside_the_city(open_page, sql):
    secretariat = "Município de Lagoa"
    app = open_page("secretariats.py", publisher=PORTUGAL, secretariat=secretariat)
    table = app.dataframe[0].value
    assert list(table.columns) == ["Indicador", secretariat, "Município", "Comparado com"]
    processes = table[table["Indicador"] == "Processos de contratação"].iloc[0]
    expected = sql("SELECT COUNT(*) FROM processes WHERE publisher = ? AND secretariat = ?", PORTUGAL, secretariat)
    assert processes[secretariat] == str(expected) == "10"
    secretariats = sql("SELECT COUNT(DISTINCT secretariat) FROM processes WHERE publisher = ?", PORTUGAL)
    assert processes["Município"] == f"{100 / secretariats:.0f}"
    assert processes["Comparado com"] == "média por secretaria"


def test_supplier_search_by_name_shows_its_profile(open_page, sql):
    app = open_page("suppliers.py", publisher=PORTUGAL, q="NORMÁTICA")
    assert app.selectbox(key="supplier_pick").value == "PT-NIPPC-501782230"
    won = sql(
        "SELECT COUNT(DISTINCT ocid) FROM award_suppliers WHERE supplier_id = ?",
        "PT-NIPPC-501782230",
    )
    assert metric(app, "Processos ganhos").value == str(won) == "2"
    assert "Identificador: PT-NIPPC-501782230" in texts(app)
    secretariat = sql(
        "SELECT p.secretariat FROM award_suppliers s JOIN processes p USING (ocid) WHERE s.supplier_id = ? LIMIT 1",
        "PT-NIPPC-501782230",
    )
    assert any(secretariat in chart.proto.spec for chart in app.get("plotly_chart"))


def test_supplier_search_says_when_nothing_matches(open_page):
    app = open_page("suppliers.py", q="zzzz-nobody")
    assert "Nenhum fornecedor corresponde" in texts(app)


def test_competition_shows_mean_bidders(open_page, sql):
    jalisco = "Gobierno de Jalisco"
    app = open_page("competition.py", publisher=jalisco, lang="en")
    expected = sql(
        "SELECT AVG(number_of_tenderers) FROM processes WHERE publisher = ? AND is_competitive AND NOT is_sale "
        "AND COALESCE(status, '') <> 'cancelled'",
        jalisco,
    )
    assert expected is not None
    assert metric(app, "Bidders per process").value == f"{expected:.1f}"
    assert len(app.get("plotly_chart")) >= 3


def test_process_page_from_its_ocid(open_page, sql):
    ocid = "ocds-xs1qbl-SFIN-03-0001-00-2017"
    app = open_page("process.py", ocid=ocid)
    assert app.subheader[0].value == sql("SELECT title FROM processes WHERE ocid = ?", ocid) == "FORMAS IMPRESAS"
    tables = [table.value for table in app.dataframe]
    releases = next(t for t in tables if "Publicação" in t.columns)
    assert releases["Etapa"].tolist()[0] == "planning"
    assert "dias do primeiro ao último evento" in app.get("plotly_chart")[0].proto.spec
    headings = [s.value for s in app.subheader]
    awards = next(t for t in tables if "Fornecedores" in t.columns and "Valor" in t.columns)
    assert len(awards) == sql("SELECT COUNT(*) FROM awards WHERE ocid = ?", ocid)
    assert "Alertas deste processo" in headings


def test_process_page_says_when_the_ocid_is_unknown(open_page):
    app = open_page("process.py", ocid="ocds-nothing-here")
    assert "Nenhum processo com OCID" in texts(app)


def test_red_flags_are_counted_and_worded_neutrally(open_page, bundled_db_path):
    import metrics
    from metrics import registry

    app = open_page("alerts.py", publisher=GACM)
    con = duckdb.connect(str(bundled_db_path), read_only=True)
    try:
        flag_ids = [m.id for m in registry.METRICS.values() if m.theme == "red_flags"]
        expected = sum(len(metrics.run(i, con, publisher=GACM)) for i in flag_ids)
    finally:
        con.close()
    assert expected > 0
    assert metric(app, "Alertas").value == str(expected)
    assert "não prova irregularidade" in texts(app)


def test_open_data_page_counts_supported_metrics(open_page):
    from metrics import registry

    app = open_page("open_data.py", publisher=PORTUGAL)
    supported = metric(app, "Métricas que os dados permitem").value
    assert supported.endswith(f"/ {len(registry.METRICS)}")
    checklist = app.dataframe[-1].value
    assert "Os compradores são identificados" in set(checklist["Evidência"])
    assert [b.proto.label for b in app.get("download_button")][-1].startswith("Baixar o pacote")


def test_methodology_lists_sources_and_every_metric(open_page):
    from metrics import registry

    app = open_page("methodology.py", lang="pt")
    sources = app.dataframe[0].value
    assert len(sources) == 9
    files = app.dataframe[1].value  # every file read, with its licence and counts
    assert len(files) == 496
    assert files["Releases"].sum() == 707
    assert "https://creativecommons.org/licenses/by/4.0/" in set(files["Licença"])
    assert len(app.expander) >= len(registry.METRICS)
    assert len(app.code) == len(registry.METRICS)


def test_meeting_pack_is_one_html_file_with_kpis_and_charts(open_page):
    app = open_page("open_data.py", publisher=PORTUGAL)
    pack = next(b for b in app.get("download_button") if b.proto.label.startswith("Baixar o pacote"))
    assert pack.proto.url  # the HTML is served by the app; its content is checked in the browser test


def test_first_run_without_a_database_builds_it_from_the_bundled_data(tmp_path, monkeypatch):
    database = tmp_path / "first-run.duckdb"
    monkeypatch.setenv("PAINEL_DB", str(database))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.query_params.update({"publisher": PORTUGAL, "month": "2019-11"})
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert database.exists()
    assert metric(app, "Processos").value == "93"


def test_parquet_snapshot_holds_every_public_table(bundled_db_path, monkeypatch, sql):
    import io
    import zipfile

    import pandas as pd

    from ui import snapshot

    monkeypatch.setenv("PAINEL_DB", str(bundled_db_path))
    with zipfile.ZipFile(io.BytesIO(snapshot.parquet_zip())) as archive:
        names = set(archive.namelist())
        processes = pd.read_parquet(io.BytesIO(archive.read("processes.parquet")))
    assert {f"{table}.parquet" for table in snapshot.public_tables()} == names
    assert len(processes) == sql("SELECT COUNT(*) FROM processes")
    assert snapshot.duckdb_bytes()[:8] == Path(bundled_db_path).read_bytes()[:8]
