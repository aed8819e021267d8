"""A polite client for PNCP's public APIs: timeouts, retries, a steady pace and a resumable cache on disk.

PNCP answers 429 often on the consulta API and is slow on the detail API (docs/pncp-mapping.md, "Cliente HTTP").
So: at most one request every `min_interval` seconds; 429, 5xx and timeouts are retried with exponential backoff,
waiting what `Retry-After` asks when the server says; every good answer is written to the cache before the next
request, so a run that stops midway (error, Ctrl-C) resumes where it stopped. 204 means "no data". An answer that is
not JSON (an HTML error page, a body cut short) stops the fetch with a message naming the URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from loaders.errors import FetchError
from loaders.pncp import BASE_URL_ENV

DEFAULT_BASE_URL = "https://pncp.gov.br"
USER_AGENT = "painel-contratacoes-abertas (PNCP to OCDS; polite client, cached)"
RESUME_HINT = "Run the same command again to resume: answers already received are cached and not fetched again."


@dataclass(frozen=True)
class ClientSettings:
    base_url: str = DEFAULT_BASE_URL  # answers /api/consulta/... and /api/pncp/...
    cache_dir: Path | None = None  # None: no cache
    refresh: bool = False  # ignore cached answers (still write new ones)
    timeout: float = 60.0  # seconds per request (the detail API takes 8-15 s at times)
    attempts: int = 5
    backoff: float = 2.0  # first wait after a failure; doubles each time
    max_wait: float = 120.0  # never wait longer than this, whatever Retry-After says
    retry_after_scale: float = 1.0  # multiplies every wait (tests use a tiny value)
    min_interval: float = 0.5  # seconds between requests: at most 2 per second

    @classmethod
    def base_url_from_env(cls) -> str:
        return os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL


class RetryableAnswer(Exception):
    """429, 5xx: PNCP is busy; try again after a wait."""

    def __init__(self, response: httpx.Response):
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


class PncpClient:
    def __init__(self, settings: ClientSettings | None = None):
        self.settings = settings or ClientSettings()
        self.http = httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout, connect=min(15.0, self.settings.timeout)),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=True,
        )
        self.requests = 0  # requests sent (cache hits excluded)
        self.cache_hits = 0
        self.waits: list[float] = []  # seconds waited before each retry, for the record
        self._last_request = 0.0

    def __enter__(self) -> PncpClient:
        return self

    def __exit__(self, *exc) -> None:
        self.http.close()

    def url(self, api: str, path: str) -> str:
        return f"{self.settings.base_url.rstrip('/')}/api/{api}{path}"

    def get(self, api: str, path: str, params: dict | None = None, *, version: str = "", missing_ok=False) -> Any:
        """The JSON answer of GET /api/{api}{path}, or None for 204 (and for 404 when `missing_ok`).

        `version` joins the cache key: e.g. the purchase's last update, so its items are fetched again when it
        changes."""
        url, params = self.url(api, path), {k: v for k, v in (params or {}).items() if v is not None}
        entry = self._cache_path(url, params, version)
        if entry and entry.exists() and not self.settings.refresh:
            self.cache_hits += 1
            return json.loads(entry.read_text(encoding="utf-8"))["body"]
        body = self._fetch(url, params, missing_ok)
        if entry:
            write_atomically(entry, {"url": url, "params": params, "version": version, "body": body})
        return body

    def _fetch(self, url: str, params: dict, missing_ok: bool) -> Any:
        response = self._send(url, params)
        shown = str(response.request.url)
        if response.status_code == 204 or (response.status_code == 404 and missing_ok):
            return None
        if response.status_code >= 400:
            raise FetchError(
                f"{shown}: HTTP {response.status_code} {server_message(response)}. {status_hint(response)}"
            )
        if not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError as error:
            raise FetchError(not_json_message(shown, response, error)) from error

    def _send(self, url: str, params: dict) -> httpx.Response:
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.attempts),
            wait=self._wait,
            retry=retry_if_exception(lambda e: isinstance(e, (RetryableAnswer, httpx.TransportError))),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._send_once(url, params)
        except RetryableAnswer as error:
            shown = str(error.response.request.url)
            raise FetchError(
                f"{shown}: HTTP {error.response.status_code} after {self.settings.attempts} attempts "
                f"({server_message(error.response)}). PNCP is busy or limiting requests: wait a few minutes. "
                + RESUME_HINT
            ) from error
        except httpx.TimeoutException as error:
            shown, tries = httpx.URL(url, params=params), self.settings.attempts
            raise FetchError(
                f"{shown}: no answer within {self.settings.timeout:g} s, {tries} times. "
                "PNCP's detail API is slow at times: try later, or raise --timeout. " + RESUME_HINT
            ) from error
        except httpx.TransportError as error:
            shown = httpx.URL(url, params=params)
            raise FetchError(
                f"{shown}: cannot connect ({error}). Check the address (--base-url / ${BASE_URL_ENV}) and the network. "
                + RESUME_HINT
            ) from error
        raise AssertionError("unreachable")  # pragma: no cover

    def _send_once(self, url: str, params: dict) -> httpx.Response:
        pause = self._last_request + self.settings.min_interval - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last_request = time.monotonic()
        self.requests += 1
        response = self.http.get(url, params=params)
        if response.status_code == 429 or response.status_code >= 500:
            raise RetryableAnswer(response)
        return response

    def _wait(self, state: RetryCallState) -> float:
        """Retry-After when the server sends it, else exponential backoff; both capped and scaled."""
        error = state.outcome.exception() if state.outcome else None
        asked = retry_after(error.response) if isinstance(error, RetryableAnswer) else None
        backoff = self.settings.backoff * 2 ** (state.attempt_number - 1)
        seconds = min(asked if asked is not None else backoff, self.settings.max_wait)
        self.waits.append(seconds)
        return seconds * self.settings.retry_after_scale

    def _cache_path(self, url: str, params: dict, version: str) -> Path | None:
        if not self.settings.cache_dir:
            return None
        key = json.dumps([url, sorted(params.items()), version], default=str)
        digest = hashlib.sha256(key.encode()).hexdigest()
        return Path(self.settings.cache_dir) / digest[:2] / f"{digest}.json"


def retry_after(response: httpx.Response) -> float | None:
    """Seconds asked by a Retry-After header (a number, or an HTTP date)."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def server_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.reason_phrase or ""
    if isinstance(body, dict):
        return str(body.get("message") or body.get("error") or body)[:300]
    return str(body)[:300]


def status_hint(response: httpx.Response) -> str:
    if response.status_code in (400, 422):
        return "PNCP refused the query's parameters: check --cnpj/--ibge and the dates (AAAA-MM-DD)."
    if response.status_code == 404:
        return "PNCP has no such address: check --base-url (it should answer /api/consulta and /api/pncp)."
    return "Check the address and try again later."


def not_json_message(url: str, response: httpx.Response, error: ValueError) -> str:
    content_type = response.headers.get("Content-Type", "no Content-Type")
    start = response.text[:120].replace("\n", " ")
    if "html" in content_type.lower() or start.lstrip().startswith("<"):
        what = f"an HTML page instead of JSON ({content_type}), starting {start!r}"
    else:
        what = f"JSON that is cut short or malformed ({error}; {len(response.content)} bytes received)"
    return f"{url}: PNCP answered {what}. This is usually a temporary PNCP error: run again later. " + RESUME_HINT


def write_atomically(path: Path, data: Any) -> None:
    """Write a cache entry so that an interrupted run never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
