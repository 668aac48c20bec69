"""A read-only SPARQL 1.1 Protocol endpoint over a graph, with a query page and graph pages."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import queue
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
from rdflib import Graph

from fks_graph.core.errors import InputError, Problem, UsageError
from fks_graph.graph.files import format_for, is_graph_file
from fks_graph.graph.rdf import oxigraph_store
from fks_graph.serve.page import home_page
from fks_graph.sparql.engine import GRAPH_TYPES, RESULT_TYPES
from fks_graph.sparql.safety import check_update, names_dataset, query_form
from fks_graph.store.folder import is_store_folder, reading
from fks_graph.viz.layout import lay_out
from fks_graph.viz.page import render_page
from fks_graph.viz.views import view_of

__all__ = ["Settings", "dataset_store", "make_server"]

_WORKER = Path(__file__).with_name("worker.py")
_STARTUP = 300.0  # seconds a new query worker may take to load the data
_MAX_BODY = 10_000_000  # the largest request body read
_ALLOW = "GET, HEAD, POST, OPTIONS"


@dataclass(frozen=True, slots=True)
class Settings:
    """How the endpoint guards itself.

    ``timeout``: seconds a query may run (and wait for a free worker) before the client gets
    503; the worker process running it is then killed and replaced, so the work stops.
    ``max_memory``: bytes a query may add to its worker's memory beyond the loaded data
    (503 beyond; the worker is killed and replaced). ``max_bytes``: the largest answer sent
    (413 beyond). ``workers``: query worker processes. Updates are refused with 403 unless
    ``allow_update`` and the request carries ``Authorization: Bearer <token>``. ``cors``: the
    origin (or ``*``) whose web pages may read answers (none by default). ``allowed_hosts``:
    host names accepted in the ``Host`` header besides ``localhost`` and IP addresses (e.g.
    the name a reverse proxy forwards; ``*`` accepts any). ``read_timeout``: seconds a
    connection may stay silent; ``max_connections``: connections served at once (503 beyond).
    """

    timeout: float = 30.0
    max_bytes: int = 50_000_000
    allow_update: bool = False
    token: str | None = None
    workers: int = 4
    max_memory: int = 2_000_000_000
    cors: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    read_timeout: float = 20.0
    max_connections: int = 256


class _Busy(Exception):
    pass


class _Died(Exception):
    pass


class _Worker:
    """One query worker process and the pipes to it."""

    def __init__(self, dump: Path, generation: int) -> None:
        self.generation = generation
        self.process = subprocess.Popen(
            [sys.executable, str(_WORKER), str(dump)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a dying worker's last words never reach the terminal
            bufsize=0,
        )
        self.buffer = bytearray()
        self.baseline: int | None = None  # resident bytes once the data is loaded

    def rss(self) -> int:
        """Resident bytes of the process (0 where ``/proc`` cannot tell)."""
        try:
            statm = Path(f"/proc/{self.process.pid}/statm").read_bytes()
            return int(statm.split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def receive(self, deadline: float, max_memory: int | None = None) -> tuple[dict, bytes]:
        """The next answer (header and body); raises ``TimeoutError`` after ``deadline``,
        ``MemoryError`` when the process grows beyond its limit, ``_Died`` when it ends."""
        fd = self.process.stdout.fileno()
        header: dict | None = None
        check = 0.0
        while True:
            if header is None and (end := self.buffer.find(b"\n")) >= 0:
                header = json.loads(self.buffer[:end])
                del self.buffer[: end + 1]
            if header is not None and len(self.buffer) >= header.get("size", 0):
                size = header.get("size", 0)
                body = bytes(self.buffer[:size])
                del self.buffer[:size]
                return header, body
            now = time.monotonic()
            if now >= deadline:
                raise TimeoutError
            if max_memory is not None and self.baseline and now >= check:
                if self.rss() > self.baseline + max_memory:
                    raise MemoryError
                check = now + 0.02
            ready, _, _ = select.select([fd], [], [], min(deadline - now, 0.02))
            if ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    raise _Died
                self.buffer += chunk

    def wait_ready(self) -> None:
        """Wait until the worker has loaded its data (at once when it has)."""
        if self.baseline is None:
            self.receive(time.monotonic() + _STARTUP)
            self.baseline = self.rss()

    def call(self, job: dict, timeout: float, max_memory: int) -> tuple[dict, bytes]:
        """Send ``job`` and wait for its answer (the worker's data loaded first)."""
        self.wait_ready()
        data = json.dumps(job).encode("utf-8") + b"\n"
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.process.stdin.fileno(), view) :]
        except OSError:
            raise _Died from None
        return self.receive(time.monotonic() + timeout, max_memory)

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


class _Pool:
    """Query worker processes on a dump of the store; a worker that fails is replaced."""

    def __init__(self, store: ox.Store, size: int) -> None:
        self.size = size
        self.folder = Path(tempfile.mkdtemp(prefix="fks-serve-"))
        self.lock = threading.Lock()
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.workers: set[_Worker] = set()
        self.generation = 0
        self.dump = self.folder / "data-0.nq"
        self.closed = False
        self.renew(store, 1)  # one first, alone on the processor: see warm() and fill()

    def _spawn(self) -> None:
        """Start one worker of the current generation (the lock held)."""
        worker = _Worker(self.dump, self.generation)
        self.workers.add(worker)
        self.idle.put(worker)

    def renew(self, store: ox.Store, count: int | None = None) -> None:
        """Dump ``store`` and replace every worker by one that loads the new dump (``count``
        workers at first: all by default)."""
        with self.lock:
            self.generation += 1
            self.dump = self.folder / f"data-{self.generation}.nq"
            store.dump(self.dump, ox.RdfFormat.N_QUADS)
            stale = []
            while not self.idle.empty():
                stale.append(self.idle.get_nowait())
            for _ in range(self.size if count is None else count):
                self._spawn()
            for worker in stale:
                self.workers.discard(worker)
        for worker in stale:
            worker.kill()

    def warm(self) -> None:
        """Wait until one worker can answer, so that the first query is answered at once."""
        worker = self.idle.get()
        try:
            worker.wait_ready()
        except BaseException:
            self._drop(worker, replace=True)
            raise
        self.idle.put(worker)

    def fill(self) -> None:
        """Start workers up to the pool's size, one after the other in the background (one
        loading at a time leaves the processor to the queries of a fresh server)."""

        def start_next() -> None:
            while True:
                with self.lock:
                    if self.closed or len(self.workers) >= self.size:
                        return
                    worker = _Worker(self.dump, self.generation)
                    self.workers.add(worker)
                try:
                    worker.wait_ready()
                except (_Died, TimeoutError, OSError, ValueError):
                    self._drop(worker, replace=False)
                    return
                self.idle.put(worker)

        threading.Thread(target=start_next, name="fks-workers", daemon=True).start()

    def _drop(self, worker: _Worker, replace: bool) -> None:
        with self.lock:
            self.workers.discard(worker)
            if replace and not self.closed and worker.generation == self.generation:
                self._spawn()
        worker.kill()

    def run(self, job: dict, settings: Settings) -> tuple[dict, bytes]:
        """The answer of a free worker to ``job``; raises ``_Busy`` when none is free in time,
        ``TimeoutError``, ``MemoryError`` or ``_Died`` (the worker then replaced)."""
        try:
            worker = self.idle.get(timeout=settings.timeout)
        except queue.Empty:
            raise _Busy from None
        if worker.generation != self.generation:  # loaded before the last update
            self._drop(worker, replace=True)
            return self.run(job, settings)
        try:
            answer = worker.call(job, settings.timeout, settings.max_memory)
        except BaseException:
            self._drop(worker, replace=True)
            raise
        if worker.generation != self.generation or self.closed:
            self._drop(worker, replace=False)
        else:
            self.idle.put(worker)
        return answer

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            worker.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


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


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def dataset_store(path: str | os.PathLike[str]) -> ox.Store | None:
    """A store with the named graphs of a dataset file (``.nq``, ``.trig``) or a store folder.

    ``None`` for anything else (a graph file of triples, a dataset of CSV files, ...): the
    endpoint then serves the graph it is given. Served by :func:`make_server`, the default
    graph is the union of all graphs and ``GRAPH``, ``FROM`` and the protocol's
    ``default-graph-uri`` / ``named-graph-uri`` pick named graphs.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "d.nq"
    >>> _ = f.write_text('<https://ex.org/a> <https://ex.org/p> "x" <https://ex.org/g> .\\n')
    >>> [str(g) for g in dataset_store(f).named_graphs()]
    ['<https://ex.org/g>']
    >>> dataset_store("data/innovationstag-2014") is None
    True
    """
    path = Path(path)
    store = ox.Store()
    if is_store_folder(path):
        with reading(path) as folder, tempfile.TemporaryFile() as spool:
            folder.dump(spool, ox.RdfFormat.N_QUADS)
            spool.seek(0)
            store.bulk_load(input=spool, format=ox.RdfFormat.N_QUADS)
        return store
    if not (path.is_file() and is_graph_file(path)):
        return None
    rdf_format = format_for(path)
    if not rdf_format.supports_datasets:
        return None
    try:
        store.bulk_load(path=path, format=rdf_format, base_iri=path.resolve().as_uri())
    except (SyntaxError, OSError, ValueError) as exc:
        raise InputError([Problem(path.name, None, None, f"not valid RDF: {exc}")]) from None
    return store


class _Server(ThreadingHTTPServer):
    """A threading HTTP server with a long listen queue, a connection limit and no tracebacks."""

    daemon_threads = True
    request_queue_size = 1024
    pool: _Pool | None = None

    def __init__(self, address: tuple[str, int], handler: type, max_connections: int) -> None:
        self.connections = threading.BoundedSemaphore(max_connections)
        super().__init__(address, handler)

    def process_request(self, request, client_address) -> None:
        if not self.connections.acquire(blocking=False):
            message = b"too many connections; try later\n"
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; "
                    b"charset=utf-8\r\nConnection: close\r\nRetry-After: 1\r\n"
                    b"Content-Length: %d\r\n\r\n%s" % (len(message), message)
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.connections.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def handle_error(self, request, client_address) -> None:
        pass  # a client's request never prints a traceback on the terminal

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()


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
    answered as JSON, XML, CSV or TSV (SELECT, ASK) or Turtle, RDF/XML, JSON-LD or N-Triples
    (CONSTRUCT, DESCRIBE) as the Accept header asks, with ``default-graph-uri`` and
    ``named-graph-uri`` choosing the dataset and the endpoint's URL as base IRI; ``SERVICE``
    is refused (400), ``FROM`` takes graphs of the store (never the network), updates
    answer 403 unless allowed with a token. ``/``: a query page with the named queries as
    examples; ``/viz?view=...``: the graph pages. Call ``serve_forever()`` on the result and
    ``server_close()`` at the end; port 0 picks a free port (``server_address``).

    Queries run in ``settings.workers`` worker processes, each with its own copy of the data:
    one that runs too long or grows too large is killed and replaced (see :class:`Settings`).

    With ``store`` (e.g. from :func:`dataset_store`, or a store folder opened by
    :func:`fks_graph.store.folder.open_for_update`), SPARQL queries and updates go to that
    store, whose graphs together form the default graph; the pages still show ``graph``.

    Examples
    --------
    >>> from fks_graph.graph.rdf import new_graph
    >>> server = make_server(new_graph(), port=0)
    >>> server.server_address[0]
    '127.0.0.1'
    >>> server.server_close()
    """
    settings = settings or Settings()
    store = store if store is not None else oxigraph_store(graph)
    if store is None:
        raise UsageError("the endpoint needs a graph in an Oxigraph store (fks-graph builds those)")
    union = next(iter(store.named_graphs()), None) is not None
    page = home_page().encode("utf-8")
    write_lock = threading.Lock()
    allowed = {name.lower() for name in settings.allowed_hosts}

    class Handler(BaseHTTPRequestHandler):
        server_version = "fks-graph"
        protocol_version = "HTTP/1.1"
        timeout = settings.read_timeout  # a silent connection is closed
        started = False

        def log_message(self, format: str, *args: object) -> None:
            pass  # no request log on the terminal (and never a token)

        # ------------------------------------------------------------------ answers

        def _cors(self) -> bool:
            headers = getattr(self, "headers", None)  # none yet when the request line is bad
            origin = headers.get("Origin") if headers is not None else None
            if settings.cors == "*":
                self.send_header("Access-Control-Allow-Origin", "*")
            elif settings.cors and origin == settings.cors:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Vary", "Origin")
            else:
                return False
            return True

        def _send(
            self, status: int, body: bytes, content_type: str, headers: dict | None = None
        ) -> None:
            self.started = True
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self._cors()
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, status: int, message: str, headers: dict | None = None) -> None:
            body = (message + "\n").encode("utf-8")
            self._send(status, body, "text/plain; charset=utf-8", headers)

        def send_error(self, code: int, message: str | None = None, explain: str | None = None):
            """Malformed requests the base class finds: a plain-text answer, then close."""
            self.close_connection = True
            self.request_version = "HTTP/1.1"  # a status line even to a one-word request line
            try:
                phrase = HTTPStatus(code).phrase
            except ValueError:
                phrase = "error"
            self._error(code, message or phrase)

        def _guarded(self, work: Callable[[], None]) -> None:
            """Run ``work`` for a request checked for its Host; every failure is an answer."""
            self.started = False
            try:
                if not self._host_ok():
                    self.close_connection = True
                    self._error(
                        HTTPStatus.FORBIDDEN,
                        "this Host is not the endpoint's address (a reverse proxy's name "
                        "is accepted with --allowed-host)",
                    )
                    return
                work()
            except (ConnectionError, TimeoutError):
                self.close_connection = True  # the client went away or fell silent
            except Exception:  # noqa: BLE001 - a bug must not cost the answer
                self.close_connection = True
                if not self.started:
                    with contextlib.suppress(OSError):
                        self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error")

        def _host_ok(self) -> bool:
            given = self.headers.get("Host")
            if given is None or "*" in allowed:
                return True
            name, _, port = given.strip().lower().rpartition(":")
            if not name or "]" in port:  # no port given
                name, port = given.strip().lower(), "80"
            name = name.strip("[]")
            if name in allowed:
                return True
            bound = str(self.server.server_address[1])
            return port == bound and (name == "localhost" or _is_ip(name))

        # ------------------------------------------------------------------ methods

        def do_GET(self) -> None:
            self._guarded(self._get)

        do_HEAD = do_GET

        def do_POST(self) -> None:
            self._guarded(self._post)

        def do_OPTIONS(self) -> None:
            def preflight() -> None:
                self.send_response(HTTPStatus.NO_CONTENT)
                self.send_header("Allow", _ALLOW)
                if self._cors():
                    self.send_header("Access-Control-Allow-Methods", _ALLOW)
                    self.send_header(
                        "Access-Control-Allow-Headers", "Content-Type, Accept, Authorization"
                    )
                self.send_header("Content-Length", "0")
                self.end_headers()

            self._guarded(preflight)

        def _not_allowed(self) -> None:
            self.close_connection = True  # a body, if any, is not read
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, f"allowed: {_ALLOW}", {"Allow": _ALLOW})

        def do_PUT(self) -> None:
            self._guarded(self._not_allowed)

        do_DELETE = do_PATCH = do_TRACE = do_CONNECT = do_PUT

        # ------------------------------------------------------------------ requests

        def _params(self, text: str) -> dict[str, list[str]] | None:
            try:
                return parse_qs(text, keep_blank_values=True, max_num_fields=1000)
            except ValueError:
                self._error(HTTPStatus.BAD_REQUEST, "too many parameters")
                return None

        def _get(self) -> None:
            url = urlsplit(self.path)
            params = self._params(url.query)
            if params is None:
                return
            if url.path == "/":
                self._send(HTTPStatus.OK, page, "text/html; charset=utf-8")
            elif url.path == "/viz":
                self._viz(params)
            elif url.path == "/sparql":
                if "update" in params:
                    self._error(HTTPStatus.BAD_REQUEST, "updates are sent by POST")
                elif len(params.get("query", ())) > 1:
                    self._error(HTTPStatus.BAD_REQUEST, "give one query parameter, not several")
                elif "query" in params:
                    self._query(params["query"][0], params)
                else:
                    self._error(HTTPStatus.BAD_REQUEST, "give a query: /sparql?query=...")
            else:
                self._error(HTTPStatus.NOT_FOUND, "not found: / (query page), /sparql, /viz")

        def _body(self) -> bytes | None:
            """The request body, or ``None`` after an error answer (the body left unread)."""
            keep = self.close_connection
            self.close_connection = True  # until the body is read
            if self.headers.get("Transfer-Encoding"):
                self._error(
                    HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length (not chunked)"
                )
                return None
            values = self.headers.get_all("Content-Length") or []
            if not values:
                self._error(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
                return None
            value = values[0].strip()
            if len(set(values)) > 1 or not (value.isascii() and value.isdigit()):
                self._error(HTTPStatus.BAD_REQUEST, "invalid Content-Length")
                return None
            length = int(value)
            if length > _MAX_BODY:
                self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large")
                return None
            body = self.rfile.read(length)
            if len(body) < length:
                raise ConnectionError("the body ended early")
            self.close_connection = keep
            return body

        def _post(self) -> None:
            url = urlsplit(self.path)
            if url.path != "/sparql":
                self.close_connection = True
                self._error(HTTPStatus.NOT_FOUND, "not found: POST to /sparql")
                return
            raw = self._body()
            params = self._params(url.query)
            if raw is None or params is None:
                return
            kind, *options = (self.headers.get("Content-Type") or "").split(";")
            kind = kind.strip().lower()
            charset = "utf-8"
            for option in options:
                name, _, value = option.strip().partition("=")
                if name.lower() == "charset":
                    charset = value.strip().strip('"').lower()
            if not kind:
                self._error(
                    HTTPStatus.BAD_REQUEST,
                    "give the body's Content-Type: application/sparql-query, "
                    "application/sparql-update or application/x-www-form-urlencoded",
                )
                return
            if charset not in ("utf-8", "utf8"):
                self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "the body must be UTF-8")
                return
            try:
                body = raw.decode("utf-8")
            except UnicodeDecodeError:
                self._error(HTTPStatus.BAD_REQUEST, "the body is not valid UTF-8")
                return
            if "query" in params or "update" in params:
                self._error(HTTPStatus.BAD_REQUEST, "a POST carries its query in the body")
                return
            if kind == "application/sparql-query":
                self._query(body, params)
            elif kind == "application/sparql-update":
                self._update(body)
            elif kind == "application/x-www-form-urlencoded":
                form = self._params(body)
                if form is None:
                    return
                for name, values in form.items():
                    params.setdefault(name, []).extend(values)
                operations = params.get("query", []) + params.get("update", [])
                if len(operations) > 1:
                    self._error(HTTPStatus.BAD_REQUEST, "give one query or update, not several")
                elif "update" in params:
                    self._update(params["update"][0])
                elif "query" in params:
                    self._query(params["query"][0], params)
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

        def _query(self, text: str, params: dict[str, list[str]]) -> None:
            try:
                form = query_form(text, allow_from=True)
                from_clause = names_dataset(text)
            except UsageError as exc:
                self._error(HTTPStatus.BAD_REQUEST, str(exc))
                return
            default = params.get("default-graph-uri")
            named = params.get("named-graph-uri")
            for iri in (default or []) + (named or []):
                try:
                    ox.NamedNode(iri)
                except ValueError:
                    self._error(HTTPStatus.BAD_REQUEST, f"not an IRI: {iri!r}")
                    return
            graphs = form in ("CONSTRUCT", "DESCRIBE")
            offered = GRAPH_TYPES if graphs else RESULT_TYPES
            default_type = "text/turtle" if graphs else "application/sparql-results+json"
            media = _choose(self.headers.get("Accept", ""), offered, default_type)
            if media is None:
                self._error(HTTPStatus.NOT_ACCEPTABLE, f"answers come as {', '.join(offered)}")
                return
            host, port = self.server.server_address[:2]
            host = f"[{host}]" if ":" in host else host
            job = {
                "query": text,
                "media": media,
                "limit": settings.max_bytes,
                "base": f"http://{host}:{port}/sparql",
                "default": default,
                "named": named,
                "union": union and not from_clause,
            }
            try:
                header, body = pool.run(job, settings)
            except _Busy:
                self._error(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"all {settings.workers} query workers stayed busy for "
                    f"{settings.timeout:g} s; try later",
                    {"Retry-After": "1"},
                )
                return
            except TimeoutError:
                self._error(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query took longer than {settings.timeout:g} s and was stopped "
                    "(add LIMIT or narrow it)",
                )
                return
            except MemoryError:
                self._error(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query needed more than {settings.max_memory / 1e6:,.0f} MB of memory "
                    "and was stopped (add LIMIT or narrow it)",
                )
                return
            except _Died:
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, "the query's worker stopped; try later")
                return
            if header["status"] == "too-large":
                self._error(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    f"the answer is larger than {settings.max_bytes:,} bytes (add LIMIT)",
                )
            elif header["status"] == "error":
                self._error(HTTPStatus.BAD_REQUEST, f"query failed: {header['message']}")
            else:
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
                    pool.renew(store)  # the workers answer on the new data
            except (SyntaxError, ValueError, OSError) as exc:
                self._error(HTTPStatus.BAD_REQUEST, f"update failed: {exc}")
                return
            self._send(HTTPStatus.NO_CONTENT, b"", "text/plain; charset=utf-8")

    server = _Server((host, port), Handler, settings.max_connections)
    pool = server.pool = _Pool(store, settings.workers)
    try:
        pool.warm()  # the first query is answered at once ...
        pool.fill()  # ... while the other workers load the data
    except (_Died, TimeoutError, OSError):
        server.server_close()
        raise UsageError("the query workers cannot load the graph") from None
    return server
