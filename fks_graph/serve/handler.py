"""The endpoint's HTTP request handler: SPARQL 1.1 Protocol, the query page, graph pages."""

from __future__ import annotations

import contextlib
import ipaddress
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
from rdflib import Graph

from fks_graph.core.errors import UsageError
from fks_graph.serve.pool import Busy, Died, Pool
from fks_graph.serve.readers import Readers
from fks_graph.serve.settings import Settings
from fks_graph.sparql.engine import GRAPH_TYPES, RESULT_TYPES
from fks_graph.sparql.safety import sniff_form
from fks_graph.viz.geo import map_of
from fks_graph.viz.layout import lay_out
from fks_graph.viz.page import render_map, render_page
from fks_graph.viz.views import view_of

__all__ = ["Handler", "Service", "choose"]

_MAX_BODY = 10_000_000  # the largest request body read
_ALLOW = "GET, HEAD, POST, OPTIONS"


@dataclass(frozen=True)
class Service:
    """What an endpoint serves: the pages' graph, the store SPARQL goes to and its workers.

    ``union``: the default graph is the union of the store's named graphs; ``page``: the
    query page's HTML; ``allowed``: host names accepted besides ``localhost`` and addresses;
    updates are applied under ``write_lock``, one at a time.

    Examples
    --------
    >>> service = Service(Graph(), ox.Store(), Settings(), None, False, b"", frozenset())
    >>> service.settings.workers
    4
    """

    graph: Graph
    store: ox.Store
    settings: Settings
    pool: Pool
    union: bool
    page: bytes
    allowed: frozenset[str]
    write_lock: threading.Lock = field(default_factory=threading.Lock)


def choose(accept: str, offered: dict[str, object], default: str) -> str | None:
    """The offered media type the Accept header prefers (``None``: nothing acceptable).

    Examples
    --------
    >>> offered = {"text/csv": 1, "application/sparql-results+json": 2}
    >>> choose("text/csv;q=0.5, application/*;q=0.1", offered, "application/sparql-results+json")
    'text/csv'
    >>> choose("image/png", offered, "application/sparql-results+json") is None
    True
    """
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


class Handler(BaseHTTPRequestHandler):
    """The endpoint's answers to one connection: the query page, graph pages and SPARQL.

    The server it is given to carries the :class:`Service` as ``service``. Every request is
    checked for its ``Host`` first; every failure becomes a plain-text answer (never a
    traceback on the terminal, never a request log).
    """

    server_version = "fks-graph"
    protocol_version = "HTTP/1.1"
    started = False

    @property
    def service(self) -> Service:
        """What this endpoint serves (the server's)."""
        return self.server.service  # type: ignore[attr-defined]

    def setup(self) -> None:
        """Close a connection that stays silent for ``settings.read_timeout``."""
        self.timeout = self.service.settings.read_timeout
        super().setup()

    def handle_one_request(self) -> None:
        """Read and answer one request; while it is read, the connection counts as reading
        (the server cuts the one reading longest when all are taken: see :class:`Readers`)."""
        readers: Readers = self.server.readers  # type: ignore[attr-defined]
        readers.start(self.connection)
        try:
            super().handle_one_request()
        finally:
            readers.stop(self.connection)

    def _read(self) -> None:
        """The request has been read: the connection no longer counts as reading."""
        self.server.readers.stop(self.connection)  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:
        pass  # no request log on the terminal (and never a token)

    # ------------------------------------------------------------------ answers

    def _cors(self) -> bool:
        headers = getattr(self, "headers", None)  # none yet when the request line is bad
        origin = headers.get("Origin") if headers is not None else None
        settings = self.service.settings
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
        if self.command != "POST":  # a POST's body is read later (_body)
            self._read()
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
        allowed = self.service.allowed
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
            self._send(HTTPStatus.OK, self.service.page, "text/html; charset=utf-8")
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
        self._read()
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
        name, lang = params.get("view", ["overview"])[0], params.get("lang", ["de"])[0]
        try:
            if name == "map":
                html = render_map(map_of(self.service.graph, lang=lang))
            else:
                html = render_page(lay_out(view_of(self.service.graph, name, lang=lang)))
        except UsageError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
            return
        self._send(HTTPStatus.OK, html.encode("utf-8"), "text/html; charset=utf-8")

    def _query(self, text: str, params: dict[str, list[str]]) -> None:
        settings = self.service.settings
        try:  # the form for the answer's media type; the query's check runs in the worker
            form = sniff_form(text) or "SELECT"  # none: the check says what the text is
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
        media = choose(self.headers.get("Accept", ""), offered, default_type)
        if media is None:
            self._error(HTTPStatus.NOT_ACCEPTABLE, f"answers come as {', '.join(offered)}")
            return
        host, port = self.server.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        job = {
            "query": text,
            "form": form,
            "media": media,
            "limit": settings.max_bytes,
            "base": f"http://{host}:{port}/sparql",
            "default": default,
            "named": named,
            "union": self.service.union,
        }
        answer = self._run_job(job, "query")
        if answer is None:
            return
        header, body = answer
        if header["status"] == "too-large":
            self._error(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"the answer is larger than {settings.max_bytes:,} bytes (add LIMIT)",
            )
        elif header["status"] == "refused":  # the check: syntax, an update, SERVICE
            self._error(HTTPStatus.BAD_REQUEST, header["message"])
        elif header["status"] == "unrepresentable":  # XML cannot hold a character of it
            self._error(HTTPStatus.NOT_ACCEPTABLE, header["message"])
        elif header["status"] == "error":
            self._error(HTTPStatus.BAD_REQUEST, f"query failed: {header['message']}")
        else:
            charset = "" if media.startswith("application/n-") else "; charset=utf-8"
            self._send(HTTPStatus.OK, body, media + charset)

    def _run_job(self, job: dict, what: str, *, keep: bool = True) -> tuple[dict, bytes] | None:
        """A worker's answer to ``job``; ``None`` after a 503 answer (busy, too slow, too
        large in memory, the worker gone). ``keep=False``: the worker is replaced after."""
        settings = self.service.settings
        hint = "add LIMIT or narrow it" if what == "query" else "narrow its WHERE clause"
        try:
            return self.service.pool.run(job, settings, keep=keep)
        except Busy:
            self._error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"all {settings.workers} query workers stayed busy for "
                f"{settings.timeout:g} s; try later",
                {"Retry-After": "1"},
            )
        except TimeoutError:
            self._error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the {what} took longer than {settings.timeout:g} s and was stopped ({hint})",
            )
        except MemoryError:
            self._error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the {what} needed more than {settings.max_memory / 1e6:,.0f} MB of memory "
                f"and was stopped ({hint})",
            )
        except Died:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"the {what}'s worker stopped; try later")
        return None

    def _update(self, text: str) -> None:
        settings = self.service.settings
        expected = f"Bearer {settings.token}" if settings.token else None
        given = self.headers.get("Authorization")
        if not settings.allow_update or expected is None or given != expected:
            self._error(HTTPStatus.FORBIDDEN, "updates are refused: the endpoint is read-only")
            return
        service = self.service
        with service.write_lock:  # one update at a time, tried and applied
            # tried first on a worker's copy, checked there and stopped at the time limit
            # (Oxigraph cannot stop an update); that worker is replaced after
            answer = self._run_job({"update": text}, "update", keep=False)
            if answer is None:
                return
            header, _ = answer
            if header["status"] != "ok":
                refused = header["status"] == "refused"
                message = header["message"] if refused else f"update failed: {header['message']}"
                self._error(HTTPStatus.BAD_REQUEST, message)
                return
            try:
                service.store.update(text)  # as fast as on the copy: within the limit
            except (SyntaxError, ValueError, OSError) as exc:
                self._error(HTTPStatus.BAD_REQUEST, f"update failed: {exc}")
                return
            finally:
                service.pool.renew(service.store)  # the workers answer on the new data
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain; charset=utf-8")
