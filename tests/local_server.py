"""A local HTTP server for tests: recorded answers per path (and required query parameters), served from 127.0.0.1.

Each route holds answers in order (the last repeats), so a test can say "429, then 200"; the most specific route
wins; anything else gets `default`. No test talks to the network.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Answer:
    status: int = 200
    body: bytes | str | dict | list | None = None
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (to make the client time out)

    def payload(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body, ensure_ascii=False).encode()


NOT_FOUND_ANSWER = Answer(404)


@dataclass
class Route:
    path: str
    params: dict[str, str]
    answers: list[Answer]

    def matches(self, path: str, params: dict[str, str]) -> bool:
        return path == self.path and all(params.get(k) == v for k, v in self.params.items())

    def next_answer(self) -> Answer:
        """Answers in order; the last one repeats."""
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


class LocalServer:
    """Routes (path + required query parameters → answers); the most specific route wins; else `default`."""

    def __init__(self, default: Answer = NOT_FOUND_ANSWER):
        self.routes: list[Route] = []
        self.default = default
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def route(self, path: str, *answers: Answer, **params) -> LocalServer:
        self.routes.append(Route(path, {k: str(v) for k, v in params.items()}, list(answers)))
        return self

    def answer_for(self, path: str, params: dict[str, str]) -> Answer:
        with self.lock:
            self.requests.append((path, params))
            candidates = [r for r in self.routes if r.matches(path, params)]
            if not candidates:
                return self.default
            return max(candidates, key=lambda r: len(r.params)).next_answer()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlsplit(self.path)
                answer = fake.answer_for(url.path, dict(parse_qsl(url.query)))
                if answer.delay:
                    time.sleep(answer.delay)
                payload = answer.payload()
                try:
                    self.send_response(answer.status)
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base_url + path
