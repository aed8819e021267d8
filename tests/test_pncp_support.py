"""A local stand-in for PNCP, for the test_pncp_* files: real recorded answers served from 127.0.0.1.

The records are the real PNCP answers in tests/fixtures/pncp/ (SOURCES.md there). Where the recording dropped the
page envelope, `envelope()` wraps the real records in the envelope the PNCP manual describes (data, totalRegistros,
totalPaginas, numeroPagina, paginasRestantes, empty). What no recording covers gets PNCP's documented "nothing"
answers: 204 with an empty body for listings, `[]` past the last page of items, and the 404 JSON body of the manual.
No test module here: pytest collects nothing from this file.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

FIXTURES = Path(__file__).parent / "fixtures" / "pncp"

ARACI_COMPRA = "consulta_v1_contratacoes_proposta__14232086000192-1-000060-2023.json"  # 2023 shape, pregão
CNPQ_COMPRA = "consulta_v1_contratacoes_publicacao__33654831000136-1-000001-2023.json"  # 2023 shape, dispensa
CNEN_CONTRATO = "consulta_v1_contratos__00402552000126-2-000322-2022.json"
CEARA_ITEM = "pncp_v1_orgaos_compras_itens__07954480000179-1-025970-2025_item1.json"  # 2026 shape
CEARA_RESULTADOS = "pncp_v1_orgaos_compras_itens_resultados__07954480000179-1-025970-2025_item1.json"
CEARA_CONTRATO_DETALHE = "pncp_v1_orgaos_contratos_detalhe__07954480000179-2-031999-2026.TRUNCATED.json"
CRISTAIS_ATA = "consulta_v1_atas__17888082000155-1-000011-2022-000001.json"
SANTIAGO_ATA = "consulta_v1_atas__01612781000138-1-000021-2022-000001.TRUNCATED.json"
CEARA_COMPRA = "07954480000179-1-025970/2025"
NOT_FOUND = {"status": "404", "error": "404 NOT_FOUND", "message": "Não encontrado"}  # shape of the manual's 404


def recorded(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def records(name: str) -> list[dict]:
    """The records of a recorded answer: `data` of an envelope, or the bare list / object."""
    answer = recorded(name)
    if isinstance(answer, dict) and "data" in answer:
        return answer["data"]
    return answer if isinstance(answer, list) else [answer]


def envelope(data: list[dict], page: int = 1, pages: int = 1, total: int | None = None) -> dict:
    return {
        "data": data,
        "totalRegistros": total if total is not None else len(data),
        "totalPaginas": pages,
        "numeroPagina": page,
        "paginasRestantes": pages - page,
        "empty": not data,
    }


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


def ok(body) -> Answer:
    return Answer(200, body, {"Content-Type": "application/json"})


NO_CONTENT = Answer(204)


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


class FakePncp:
    """Routes (path + required query parameters → answers); the most specific route wins; else `default`."""

    def __init__(self, default: Answer = NO_CONTENT):
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

    def route(self, path: str, *answers: Answer, **params) -> FakePncp:
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

    def __enter__(self) -> FakePncp:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def city_scenario(fake: FakePncp) -> dict[str, int]:
    """A city's month on PNCP made of every recorded real answer that fits together; returns what it serves.

    Listings: the Araci pregão (modalidade 6), the CNPq dispensa (8), other modalidades 204 (one 429 first);
    one contract (CNEN) whose purchase PNCP is asked for by number (404: not recorded); and, asked for with
    `--compra`, the Ceará purchase's item 1 (page 2 answers [], as PNCP does past the end) and its result.
    The Araci and CNPq items were not recorded: their item lists answer 204 (nothing)."""
    consulta, detail = "/api/consulta/v1", "/api/pncp/v1/orgaos/07954480000179/compras/2025/25970"
    fake.route(
        f"{consulta}/contratacoes/publicacao", ok(envelope(records(ARACI_COMPRA))), codigoModalidadeContratacao=6
    )
    fake.route(f"{consulta}/contratacoes/publicacao", ok(envelope(records(CNPQ_COMPRA))), codigoModalidadeContratacao=8)
    fake.route(
        f"{consulta}/contratacoes/publicacao",
        Answer(429, {"message": "Too Many Requests"}, {"Retry-After": "3"}),
        NO_CONTENT,
        codigoModalidadeContratacao=7,
    )
    fake.route(f"{consulta}/contratos", ok(envelope(records(CNEN_CONTRATO))))
    fake.route(f"{consulta}/orgaos/00402552000126/compras/2022/316", Answer(404, NOT_FOUND))
    fake.route(f"{detail}/itens", ok([recorded(CEARA_ITEM)]), pagina=1)
    fake.route(f"{detail}/itens", ok([]), pagina=2)
    fake.route(f"{detail}/itens/1/resultados", ok(recorded(CEARA_RESULTADOS)))
    return {"compras": 2, "itens": 1, "resultados": 1, "contratos": 1}
