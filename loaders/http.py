"""Fetch OCDS over HTTP: one page at a time to a temporary file, following `links.next` (pagination extension).

Retries with exponential backoff on timeouts, 429 and 5xx (honouring Retry-After); a page that still fails, or whose
body is not JSON, stops the load with a message naming the URL. A `next` link that points back to a page already
read, or more than `max_pages` pages, also stops it: an API that loops would otherwise never end.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
from tenacity import RetryCallState, retry, retry_if_exception, stop_after_attempt, wait_exponential

from loaders.errors import FetchError
from loaders.readers import Document, package_metadata

TIMEOUT = httpx.Timeout(float(os.environ.get("PAINEL_HTTP_TIMEOUT", "60")), connect=15.0)
ATTEMPTS = int(os.environ.get("PAINEL_HTTP_ATTEMPTS", "5"))
MAX_WAIT = float(os.environ.get("PAINEL_HTTP_MAX_WAIT", "60"))
USER_AGENT = "painel-contratacoes-abertas (+https://github.com/; OCDS loader)"


class RetryableStatus(Exception):
    def __init__(self, response: httpx.Response):
        super().__init__(f"HTTP {response.status_code}")
        self.response = response


def _retryable(error: BaseException) -> bool:
    return isinstance(error, (RetryableStatus, httpx.TransportError))


def _wait(state: RetryCallState) -> float:
    """Honour Retry-After (seconds) when the server sends it; else exponential backoff."""
    error = state.outcome.exception() if state.outcome else None
    if isinstance(error, RetryableStatus):
        header = error.response.headers.get("Retry-After", "")
        if header.strip().isdigit():
            return min(float(header), MAX_WAIT)
    return wait_exponential(multiplier=0.5, max=MAX_WAIT)(state)


@retry(retry=retry_if_exception(_retryable), wait=_wait, stop=stop_after_attempt(ATTEMPTS), reraise=True)
def _download(client: httpx.Client, url: str, target: Path) -> None:
    with client.stream("GET", url) as response:
        if response.status_code == 429 or response.status_code >= 500:
            raise RetryableStatus(response)
        if response.status_code >= 400:
            raise FetchError(
                f"{url}: HTTP {response.status_code}. Check the URL (and any access key it needs), then load again."
            )
        with target.open("wb") as out:
            for chunk in response.iter_bytes(1 << 20):
                out.write(chunk)


def fetch_to_file(client: httpx.Client, url: str, target: Path) -> None:
    try:
        _download(client, url, target)
    except RetryableStatus as error:
        raise FetchError(
            f"{url}: HTTP {error.response.status_code} after {ATTEMPTS} attempts. The server is busy or failing; "
            "wait and load again (nothing was changed)."
        ) from error
    except httpx.TimeoutException as error:
        raise FetchError(
            f"{url}: timed out after {ATTEMPTS} attempts. Try again later (nothing was changed)."
        ) from error
    except httpx.HTTPError as error:
        raise FetchError(f"{url}: {error}. Check the address and your connection, then load again.") from error
    with target.open("rb") as page:
        head = page.read(512).lstrip()  # the start is enough: a page may be hundreds of megabytes
    if not head.startswith((b"{", b"[")):
        raise FetchError(
            f"{url}: the answer is not JSON (it starts with {head[:60]!r}). The address may point to a web page or an "
            "error page: check it in a browser."
        )


def url_documents(url: str, *, max_pages: int = 10_000) -> Iterator[Document]:
    """Yield each page of a (possibly paginated) OCDS API as a Document, following links.next."""
    seen: set[str] = set()
    with (
        tempfile.TemporaryDirectory(prefix="painel-fetch-") as folder,
        httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT}) as client,
    ):
        next_url: str | None = url
        while next_url:
            if next_url in seen:
                raise FetchError(f"{next_url}: links.next points back to a page already read. The API loops; stop.")
            if len(seen) >= max_pages:
                raise FetchError(f"{url}: more than {max_pages} pages. Raise --max-pages if the API is that large.")
            seen.add(next_url)
            target = Path(folder) / f"page-{len(seen):06d}.json"
            fetch_to_file(client, next_url, target)
            document = Document(next_url, lambda target=target: target.open("rb"))
            yield document
            next_url = package_metadata(document).next_url
            target.unlink()
