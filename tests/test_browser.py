"""The running app in headless Chromium: `streamlit run app.py` on a free port with a database built by the
real loader from the bundled real data; Playwright drives Debian's /usr/bin/chromium (never a downloaded one).

Checks a KPI value, changes a filter (URL and number change), downloads the CSV, and saves a screenshot of
each page under test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
GACM = "Grupo Aeroportuario de la Ciudad de México"
PORTUGAL = "IMPIC — Portal BASE (Portugal)"
# url path → screenshot name (every routed page; see app.py)
# url path (+ query) → screenshot name, for every routed page (see app.py); the default page lives at /
PAGES = {
    "": "01-visao-geral-todos-os-dados",
    "gastos": "02-gastos-todos-os-dados",
    f"secretarias?publisher={quote(PORTUGAL)}": "03-secretarias",
    f"fornecedores?publisher={quote(PORTUGAL)}&q=NORM": "04-fornecedores",
    f"competicao?publisher={quote(GACM)}": "05-competicao",
    "processo?ocid=ocds-xs1qbl-SFIN-03-0001-00-2017": "06-processo",
    f"alertas?publisher={quote(GACM)}": "07-alertas",
    f"dados-abertos?publisher={quote(PORTUGAL)}": "08-dados-abertos",
    "metodologia": "09-metodologia",
}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium: apt-get install -y chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {seconds} s")


@pytest.fixture(scope="module")
def server(bundled_db_path, tmp_path_factory):
    port = free_port()
    env = {**os.environ, "PAINEL_DB": str(bundled_db_path), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--server.fileWatcherType", "none", "--global.developmentMode", "false",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
            viewport={"width": 1400, "height": 2000},  # tall: Streamlit scrolls inside the page
            accept_downloads=True,
            locale="pt-BR",
        )  # fmt: skip
        # Streamlit answers the very first session of a fresh server opened on a sub-page with a "Page not found"
        # dialog (before any run has registered the pages), though it then shows the right page: warm it up once.
        open_app(context, server).close()
        yield context
        context.close()


def open_app(browser, url: str):
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]')
    wait_idle(page)
    return page


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until the script run finished (Streamlit marks its root with data-test-script-state)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'",
        timeout=timeout,
    )
    # Charts load their Plotly bundle after the run: wait until each one has drawn, and no placeholder is left.
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                .every(chart => chart.querySelector('.main-svg'))
            && !document.querySelector('[data-testid="stSkeleton"]')""",
        timeout=timeout,
    )
    page.wait_for_timeout(500)


def kpi(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]', has_text=label).first
    card.wait_for(timeout=60_000)
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_kpi_renders_and_a_filter_change_updates_url_and_number(server, browser):
    page = open_app(browser, f"{server}/?publisher={quote(GACM)}&month=2017-03")
    assert kpi(page, "Processos") == "8"
    page.screenshot(path=str(SCREENSHOTS / "01-visao-geral.png"), full_page=True)

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]', has_text="Publicador").click()
    page.get_by_role("option", name=PORTUGAL).click()
    wait_idle(page)
    page.wait_for_function("() => location.search.includes('IMPIC')", timeout=30_000)
    assert query(page)["publisher"] == [PORTUGAL]
    assert kpi(page, "Processos") == "93"  # Portugal's own latest month (nov. 2019)


def test_english_view_from_the_url(server, browser):
    page = open_app(browser, f"{server}/?lang=en&publisher={quote(PORTUGAL)}")
    assert kpi(page, "Processes") == "93"
    assert page.get_by_role("heading", name="Overview").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "01-visao-geral-en.png"), full_page=True)


def test_spending_downloads_the_filtered_rows_as_csv(server, browser):
    page = open_app(browser, f"{server}/gastos?publisher={quote(PORTUGAL)}")
    page.get_by_text(re.compile(r"^100 processos")).wait_for(timeout=60_000)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Baixar CSV").click()
    download = download_info.value
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert len(rows) == 100
    assert {row["publisher"] for row in rows} == {PORTUGAL}
    page.screenshot(path=str(SCREENSHOTS / "02-gastos.png"), full_page=True)


def test_every_page_opens_and_is_screenshotted(server, browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for path, name in PAGES.items():
        page = open_app(browser, f"{server}/{path}")
        page.locator("h1").first.wait_for(timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0, f"{path} shows an exception"
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        page.close()


def test_meeting_pack_downloads_as_html_with_kpis_and_charts(server, browser):
    page = open_app(browser, f"{server}/dados-abertos?publisher={quote(PORTUGAL)}")
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile("Baixar o pacote")).click()
    html = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "<h2>Números do mês</h2>" in html
    assert "Plotly.newPlot" in html  # charts drawn by the embedded plotly.js, no network needed
    assert "nov. 2019" in html


def test_clicking_a_bar_filters_the_page(server, browser):
    page = open_app(browser, f"{server}/gastos?publisher={quote(PORTUGAL)}&group_by=secretariat")
    page.get_by_text(re.compile(r"^100 processos")).wait_for(timeout=60_000)
    bar = page.locator('[data-testid="stPlotlyChart"] .bars path').last.bounding_box()  # the top bar: largest value
    # Plotly listens on its drag layer above the bars, so click where the bar is, as a reader's mouse would.
    page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
    wait_idle(page)
    page.wait_for_function("() => location.search.includes('secretariat=')", timeout=30_000)
    assert query(page)["secretariat"]
    assert page.get_by_text(re.compile(r"^100 processos")).count() == 0
    page.screenshot(path=str(SCREENSHOTS / "02-gastos-clique-na-barra.png"), full_page=True)
    supplier = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]', has_text="Fornecedor")
    shown = supplier.inner_text() + " ".join(supplier.locator("input").evaluate_all("e => e.map(i => i.value)"))
    assert "Todos" in shown, shown  # the other filters still read "all"
    page.screenshot(path=str(SCREENSHOTS / "02-gastos-clique-na-barra.png"), full_page=True)
