"""The dashboard's helpers: Brazilian formatting, translations (complete pt-BR catalog), KPI arithmetic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from ui import fmt, kpis, labels
from ui.i18n import LOCALE_DIR, _, set_language

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\xa0"


@pytest.fixture(autouse=True)
def portuguese():
    set_language("pt_BR")
    yield
    set_language("pt_BR")


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_money_is_written_the_brazilian_way_in_its_own_currency():
    assert plain(fmt.money(1234.56, "BRL")) == "R$ 1.234,56"
    assert plain(fmt.money(1234.56, "EUR")) == "€ 1.234,56"
    assert plain(fmt.money(1_234_567.8, "BRL", compact=True)) == "R$ 1,2 mi"
    assert fmt.money(None, "BRL") == fmt.MISSING
    assert fmt.money(float("nan"), "BRL") == fmt.MISSING


def test_money_without_currency_is_never_shown_as_reais():
    assert fmt.money(10.5, None) == "10,50"


def test_numbers_percentages_and_dates_in_pt_br():
    assert fmt.number(12345) == "12.345"
    assert fmt.number(2.25, decimals=1) == "2,2"
    assert fmt.percent(0.1234) == "12,3%"
    assert fmt.date(dt.date(2024, 3, 5)) == "05/03/2024"
    assert fmt.date("2024-03-05T10:00:00Z") == "05/03/2024"
    assert fmt.date(pd.Timestamp("2019-11-02 10:00", tz="UTC")) == "02/11/2019"
    assert fmt.signed_percent(-0.04) == "-4,0%"
    assert fmt.points(0.032) == "+3,2 p.p."


def test_english_switches_separators_and_texts():
    set_language("en")
    assert fmt.number(12345.5, decimals=1) == "12,345.5"
    assert _("Overview") == "Overview"
    set_language("pt_BR")
    assert _("Overview") == "Visão geral"


def test_named_placeholders_are_filled_after_translation():
    assert _("KPIs for {month}", month="mar. 2024") == "Indicadores de mar. 2024"


def test_language_from_url_or_browser_is_normalized():
    assert set_language("en-US") == "en"
    assert set_language("pt-BR") == "pt_BR"
    assert set_language(None) == "pt_BR"
    assert set_language("de") == "pt_BR"


def source_messages() -> set[str]:
    method_map = [("app.py", "python"), ("pages/**.py", "python"), ("ui/**.py", "python")]
    keywords = {"_": None, "ngettext": (1, 2)}
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(str(ROOT), method_map, keywords=keywords):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_pt_br_catalog_translates_every_message_in_the_code():
    with (LOCALE_DIR / "pt_BR" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    translated = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id
        and not message.fuzzy
        and (all(message.string) if isinstance(message.string, tuple) else message.string)
    }
    missing = sorted(source_messages() - translated)
    assert not missing, f"pt-BR translations missing (run locale/update.sh, then translate): {missing}"


def test_translations_keep_their_placeholders():
    with (LOCALE_DIR / "pt_BR" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    import re

    for message in catalog:
        if message.id and isinstance(message.id, str) and message.string:
            assert set(re.findall(r"{\w+}", message.id)) == set(re.findall(r"{\w+}", message.string)), message.id


def test_english_catalog_exists_for_every_message():
    with (LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    ids = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog if message.id}
    assert source_messages() <= ids


def test_month_arithmetic_and_reference_month_ignores_future_typos():
    assert kpis.shift("2024-01", -1) == "2023-12"
    assert kpis.shift("2024-01", -12) == "2023-01"
    assert kpis.last_months("2024-03", 3) == ["2024-01", "2024-02", "2024-03"]
    months = ["2019-11", "2025-01", "2105-10"]
    assert kpis.reference_month(months, today=dt.date(2026, 11, 25)) == "2025-01"


def test_monthly_kpi_reads_month_previous_and_year_before():
    frame = pd.DataFrame({"group": ["2023-03", "2024-02", "2024-03"], "value": [5, 8, 10]})
    kpi = kpis.monthly(frame, "value", "2024-03")
    assert (kpi.value, kpi.previous, kpi.year_before) == (10, 8, 5)
    assert len(kpi.trend) == 12 and kpi.trend[-1] == 10 and kpi.trend[0] == 0
    shares = kpis.monthly(frame, "value", "2024-05", missing_is_zero=False)
    assert shares.value is None


def test_procedure_labels_translate_known_codes_and_keep_published_ones():
    assert labels.procedure("pregao").startswith("Pregão")
    assert labels.procedure("Ajuste Direto Regime Geral") == "Ajuste Direto Regime Geral"


def test_kpi_targets_read_from_the_file_and_turn_into_lights(tmp_path, monkeypatch):
    from ui import targets

    path = tmp_path / "targets.toml"
    path.write_text("[non_competitive_share]\nmax = 0.30\n[bidders_per_process]\nmin = 3\n", encoding="utf-8")
    monkeypatch.setenv("PAINEL_KPI_TARGETS", str(path))
    found = targets.load()
    assert found["non_competitive_share"].status(0.25) == "met"
    assert found["non_competitive_share"].status(0.32) == "near"
    assert found["non_competitive_share"].status(0.50) == "missed"
    assert found["bidders_per_process"].status(1.0) == "missed"
    assert found["bidders_per_process"].status(None) is None


def test_bundled_kpi_targets_name_real_metrics():
    from metrics import registry
    from ui import targets

    assert set(targets.load()) <= set(registry.METRICS)


def test_names_from_the_data_are_made_inert_for_markdown_and_plotly():
    from ui.charts import inert
    from ui.layout import plain

    assert plain("**ACME** <b>x</b> :red[y] $z$") == r"\*\*ACME\*\* \<b\>x\</b\> \:red\[y\] \$z\$"
    assert inert("<b>ACME</b> & Filhos") == "&lt;b&gt;ACME&lt;/b&gt; &amp; Filhos"
