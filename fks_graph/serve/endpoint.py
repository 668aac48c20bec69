"""A read-only SPARQL 1.1 Protocol endpoint over a graph, with a query page and graph pages."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
from rdflib import Graph

from fks_graph.errors import UsageError
from fks_graph.graph.rdf import oxigraph_store
from fks_graph.query import check_update, query_form
from fks_graph.serve.page import home_page
from fks_graph.viz.layout import lay_out
from fks_graph.viz.page import render_page
from fks_graph.viz.views import view_of

__all__ = ["Settings", "make_server"]

# media type -> format, for the results of SELECT/ASK and of CONSTRUCT/DESCRIBE
_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}


@dataclass(frozen=True, slots=True)
class Settings:
    """How the endpoint guards itself.

    ``timeout``: seconds a query may run before the client gets 503 (Oxigraph cannot stop a
    running query: it finishes in the background, one of ``workers`` at a time);
    ``max_bytes``: the largest answer sent (413 beyond); updates are refused with 403 unless
    ``allow_update`` and the request carries ``Authorization: Bearer <token>``.
    """

    timeout: float = 30.0
    max_bytes: int = 50_000_000
    allow_update: bool = False
    token: str | None = None
    workers: int = 4


class _TooLarge(Exception):
    pass


class _Busy(Exception):
    pass


class _Runner:
    """Runs queries in daemon threads, at most ``workers`` at once, waiting ``timeout`` seconds.

    Oxigraph cannot cancel a query: one that times out runs on in its thread. Daemon threads
    (not a ThreadPoolExecutor, whose workers the interpreter joins at exit) let the server
    stop at once even then.
    """

    def __init__(self, workers: int, timeout: float) -> None:
        self.slots = threading.BoundedSemaphore(workers)
        self.timeout = timeout

    def run(self, work: Callable[[], bytes]) -> bytes:
        """The result of ``work()``; raises ``TimeoutError`` after the timeout, ``_Busy`` when
        every worker stays busy that long, or what ``work`` raised."""
        if not self.slots.acquire(timeout=self.timeout):
            raise _Busy
        outcome: dict[str, object] = {}
        done = threading.Event()

        def target() -> None:
            try:
                outcome["value"] = work()
            except Exception as exc:  # noqa: BLE001 - raised again in the request's thread
                outcome["error"] = exc
            finally:
                self.slots.release()
                done.set()

        threading.Thread(target=target, name="fks-query", daemon=True).start()
        if not done.wait(self.timeout):
            raise TimeoutError
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["value"]  # type: ignore[return-value]


class _Capped:
    """A byte sink that refuses to grow beyond ``limit``."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _choose(accept: str, offered: dict[str, object], default: str) -> str | None:
    """The offered media type the Accept header prefers (``None``: nothing acceptable)."""
    if not accept.strip():
        return default
    ranked = []
    for position, item in enumerate(accept.split(",")):
        kind, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, kind.strip().lower()))
    for quality, _, kind in sorted(ranked):
        if quality >= 0:
            continue
        if kind in offered:
            return kind
        if kind in ("*/*", default.split("/")[0] + "/*"):
            return default
    return None


def make_server(
    graph: Graph,
    host: str = "127.0.0.1",
    port: int = 7878,
    settings: Settings | None = None,
    *,
    store: ox.Store | None = None,
) -> ThreadingHTTPServer:
    """An HTTP server answering SPARQL 1.1 Protocol requests about ``graph``.

    ``/sparql``: queries by GET (``?query=``) or POST (form or ``application/sparql-query``),
    answered as JSON, XML, CSV or TSV (SELECT, ASK) or Turtle, JSON-LD or N-Triples
    (CONSTRUCT, DESCRIBE) as the Accept header asks; ``SERVICE`` and ``FROM`` are refused
    (400), updates answer 403 unless allowed with a token. ``/``: a query page with the
    named queries as examples; ``/viz?view=...``: the graph pages. Call
    ``serve_forever()`` on the result; port 0 picks a free port (``server_address``).

    With ``store`` (e.g. a store folder opened by
    :func:`fks_graph.store.folder.open_for_update`), SPARQL queries and updates go to that
    store, whose named graphs together form the default graph; the pages still show
    ``graph``.

    Examples
    --------
    >>> from fks_graph.graph.rdf import new_graph
    >>> server = make_server(new_graph(), port=0)
    >>> server.server_address[0]
    '127.0.0.1'
    >>> server.server_close()
    """
    settings = settings or Settings()
    union = store is not None
    store = store if store is not None else oxigraph_store(graph)
    if store is None:
        raise UsageError("the endpoint needs a graph in an Oxigraph store (fks-graph builds those)")
    runner = _Runner(settings.workers, settings.timeout)
    page = home_page().encode("utf-8")
    write_lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        server_version = "fks-graph"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass  # no request log on the terminal (and never a token)

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, status: int, message: str) -> None:
            self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

        def do_OPTIONS(self) -> None:
            self.send_response(HTTPStatus.NO_CONTENT)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            params = parse_qs(url.query)
            if url.path == "/":
                self._send(HTTPStatus.OK, page, "text/html; charset=utf-8")
            elif url.path == "/viz":
                self._viz(params)
            elif url.path == "/sparql":
                if "update" in params:
                    self._error(HTTPStatus.METHOD_NOT_ALLOWED, "updates are sent by POST")
                elif "query" in params:
                    self._query(params["query"][0])
                else:
                    self._error(HTTPStatus.BAD_REQUEST, "give a query: /sparql?query=...")
            else:
                self._error(HTTPStatus.NOT_FOUND, "not found: / (query page), /sparql, /viz")

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            if url.path != "/sparql":
                self._error(HTTPStatus.NOT_FOUND, "not found: POST to /sparql")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > 10_000_000:
                self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large")
                return
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if kind == "application/sparql-query":
                self._query(body)
            elif kind == "application/sparql-update":
                self._update(body)
            elif kind in ("application/x-www-form-urlencoded", ""):
                form = parse_qs(body)
                if "update" in form:
                    self._update(form["update"][0])
                elif "query" in form:
                    self._query(form["query"][0])
                else:
                    self._error(HTTPStatus.BAD_REQUEST, "give a query or an update")
            else:
                self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported body type {kind}")

        def _viz(self, params: dict[str, list[str]]) -> None:
            try:
                view = view_of(graph, params.get("view", ["overview"])[0],
                               lang=params.get("lang", ["de"])[0])  # fmt: skip
                html = render_page(lay_out(view))
            except UsageError as exc:
                self._error(HTTPStatus.BAD_REQUEST, str(exc))
                return
            self._send(HTTPStatus.OK, html.encode("utf-8"), "text/html; charset=utf-8")

        def _query(self, text: str) -> None:
            try:
                form = query_form(text)
            except UsageError as exc:
                self._error(HTTPStatus.BAD_REQUEST, str(exc))
                return
            graphs = form in ("CONSTRUCT", "DESCRIBE")
            offered = _GRAPHS if graphs else _RESULTS
            default = "text/turtle" if graphs else "application/sparql-results+json"
            media = _choose(self.headers.get("Accept", ""), offered, default)
            if media is None:
                self._error(HTTPStatus.NOT_ACCEPTABLE, f"answers come as {', '.join(offered)}")
                return

            def answer() -> bytes:
                sink = _Capped(settings.max_bytes)
                store.query(text, use_default_graph_as_union=union).serialize(sink, offered[media])
                return b"".join(sink.parts)

            try:
                body = runner.run(answer)
            except _Busy:
                self._error(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"all {settings.workers} query workers are busy with long queries; try later",
                )
                return
            except TimeoutError:
                self._error(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query took longer than {settings.timeout:g} s (add LIMIT or narrow it)",
                )
                return
            except _TooLarge:
                self._error(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    f"the answer is larger than {settings.max_bytes:,} bytes (add LIMIT)",
                )
                return
            except (SyntaxError, ValueError, OSError) as exc:
                self._error(HTTPStatus.BAD_REQUEST, f"query failed: {exc}")
                return
            charset = "" if media.startswith("application/n-") else "; charset=utf-8"
            self._send(HTTPStatus.OK, body, media + charset)

        def _update(self, text: str) -> None:
            expected = f"Bearer {settings.token}" if settings.token else None
            given = self.headers.get("Authorization")
            if not settings.allow_update or expected is None or given != expected:
                self._error(HTTPStatus.FORBIDDEN, "updates are refused: the endpoint is read-only")
                return
            try:
                check_update(text)
            except UsageError as exc:
                self._error(HTTPStatus.BAD_REQUEST, str(exc))
                return
            try:
                with write_lock:
                    store.update(text)
            except (SyntaxError, ValueError, OSError) as exc:
                self._error(HTTPStatus.BAD_REQUEST, f"update failed: {exc}")
                return
            self._send(HTTPStatus.NO_CONTENT, b"", "text/plain; charset=utf-8")

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
