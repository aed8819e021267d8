"""The PNCP client and fetch walk against a local server serving real recorded answers (tests/test_pncp_support)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from loaders.errors import FetchError
from loaders.pncp.client import ClientSettings, PncpClient
from loaders.pncp.fetch import FetchPlan, month_windows, walk_listing
from tests.test_pncp_support import (
    CRISTAIS_ATA,
    NO_CONTENT,
    SANTIAGO_ATA,
    Answer,
    FakePncp,
    envelope,
    ok,
    records,
)

ATAS = "/api/consulta/v1/atas"
JANUARY = FetchPlan(date_from=date(2025, 1, 1), date_to=date(2025, 1, 31), cnpj="46523270000188")


@pytest.fixture
def fake():
    with FakePncp() as server:
        yield server


def client_for(fake: FakePncp, tmp_path=None, **settings) -> PncpClient:
    defaults = {"min_interval": 0.0, "retry_after_scale": 0.001, "backoff": 1.0, "timeout": 5.0, "attempts": 3}
    cache = {"cache_dir": tmp_path / "cache"} if tmp_path else {}
    return PncpClient(ClientSettings(base_url=fake.base_url, **cache, **(defaults | settings)))


def atas(client: PncpClient) -> list[dict]:
    return walk_listing(client, "/v1/atas", {"cnpj": "46523270000188"}, JANUARY, "atas", progress=False)


def test_several_pages_are_walked_until_the_last(fake):
    cristais, santiago = records(CRISTAIS_ATA), records(SANTIAGO_ATA)
    fake.route(ATAS, ok(envelope(cristais, page=1, pages=2, total=2)), pagina=1)
    fake.route(ATAS, ok(envelope(santiago, page=2, pages=2, total=2)), pagina=2)
    with client_for(fake) as client:
        found = atas(client)
    assert [a["numeroControlePNCPAta"] for a in found] == [
        "17888082000155-1-000011/2022-000001",
        "01612781000138-1-000021/2022-000001",
    ]
    assert [params["pagina"] for _, params in fake.requests] == ["1", "2"]  # no third request past the last page
    assert fake.requests[0][1]["dataInicial"] == "20250101" and fake.requests[0][1]["dataFinal"] == "20250131"


def test_204_means_no_data(fake):
    fake.route(ATAS, NO_CONTENT)
    with client_for(fake) as client:
        assert client.get("consulta", "/v1/atas", {"pagina": 1}) is None
        assert atas(client) == []


def test_429_is_retried_after_the_wait_the_server_asks(fake):
    fake.route(
        ATAS, Answer(429, {"message": "Too Many Requests"}, {"Retry-After": "7"}), ok(envelope(records(CRISTAIS_ATA)))
    )
    with client_for(fake) as client:
        found = atas(client)
        assert client.waits == [7.0]  # Retry-After honoured (the test scales the real sleep down to 7 ms)
    assert len(found) == 1 and len(fake.requests) == 2


def test_500_is_retried_with_backoff(fake):
    fake.route(
        ATAS, Answer(500, "<html><body>Internal Server Error</body></html>"), ok(envelope(records(CRISTAIS_ATA)))
    )
    with client_for(fake, backoff=2.0) as client:
        assert len(atas(client)) == 1
        assert client.waits == [2.0]


def test_repeated_500_is_an_error_naming_the_url(fake):
    fake.route(ATAS, Answer(503, {"message": "Service Unavailable"}))
    with client_for(fake) as client, pytest.raises(FetchError) as error:
        atas(client)
    assert f"{fake.base_url}{ATAS}?" in error.value.message
    assert (
        "HTTP 503 after 3 attempts" in error.value.message
        and "run the same command again" in error.value.message.lower()
    )


def test_timeout_is_retried_then_succeeds(fake):
    fake.route(ATAS, Answer(200, envelope(records(CRISTAIS_ATA)), delay=1.0), ok(envelope(records(CRISTAIS_ATA))))
    with client_for(fake, timeout=0.2) as client:
        assert len(atas(client)) == 1
    assert len(fake.requests) == 2


def test_persistent_timeout_is_an_error(fake):
    fake.route(ATAS, Answer(200, envelope(records(CRISTAIS_ATA)), delay=0.6))
    with client_for(fake, timeout=0.15, attempts=2) as client, pytest.raises(FetchError) as error:
        atas(client)
    assert ATAS in error.value.message and "no answer within 0.15 s" in error.value.message


def test_html_error_page_is_a_clear_error(fake, tmp_path):
    page = "<!DOCTYPE html><html><head><title>Erro</title></head><body>Serviço indisponível</body></html>"
    fake.route(ATAS, Answer(200, page, {"Content-Type": "text/html; charset=utf-8"}))
    with client_for(fake, tmp_path) as client, pytest.raises(FetchError) as error:
        atas(client)
    assert f"{fake.base_url}{ATAS}?" in error.value.message
    assert "an HTML page instead of JSON" in error.value.message
    assert not list((tmp_path / "cache").rglob("*.json"))  # a bad answer is never cached


def test_truncated_json_is_a_clear_error(fake):
    cut = json.dumps(envelope(records(CRISTAIS_ATA))).encode()[:300]
    fake.route(ATAS, Answer(200, cut, {"Content-Type": "application/json"}))
    with client_for(fake) as client, pytest.raises(FetchError) as error:
        atas(client)
    assert (
        ATAS in error.value.message
        and "cut short or malformed" in error.value.message
        and "300 bytes" in error.value.message
    )


def test_cache_answers_a_rerun_and_refresh_asks_again(fake, tmp_path):
    fake.route(ATAS, ok(envelope(records(CRISTAIS_ATA))))
    with client_for(fake, tmp_path) as client:
        first = atas(client)
    with client_for(fake, tmp_path) as client:
        assert atas(client) == first
        assert client.requests == 0 and client.cache_hits == 1
    with client_for(fake, tmp_path, refresh=True) as client:
        assert atas(client) == first
        assert client.requests == 1
    assert len(fake.requests) == 2


def test_interrupted_walk_resumes_from_the_cache(fake, tmp_path):
    fake.route(ATAS, ok(envelope(records(CRISTAIS_ATA), page=1, pages=2, total=2)), pagina=1)
    fake.route(ATAS, Answer(502, "<html>Bad Gateway</html>"), pagina=2)
    with client_for(fake, tmp_path) as client, pytest.raises(FetchError):
        atas(client)
    fake.routes.pop()
    fake.route(ATAS, ok(envelope(records(SANTIAGO_ATA), page=2, pages=2, total=2)), pagina=2)
    with client_for(fake, tmp_path) as client:
        assert len(atas(client)) == 2
        assert client.cache_hits == 1 and client.requests == 1  # page 1 came from the cache


def test_month_windows_cut_at_month_ends():
    windows = list(month_windows(date(2024, 1, 15), date(2024, 3, 2)))
    assert windows == [
        (date(2024, 1, 15), date(2024, 1, 31)),
        (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 2)),
    ]
