"""Remote SPARQL 1.1 stores over HTTP: queries, updates and the atomic replacement of a named graph."""

from __future__ import annotations

import base64
import io
import os
import tempfile
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable
from typing import BinaryIO
from urllib.parse import SplitResult, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from fks_graph.core.errors import UsageError

__all__ = ["MAX_REQUEST", "RemoteStore", "update_url_for"]

_TIMEOUT = 600.0  # seconds without an answer; loading a national graph takes a while
#: The largest update request sent; larger graphs go in parts (Oxigraph refuses > 128 MiB).
MAX_REQUEST = 64 * 2**20


def _store_url(url: str) -> SplitResult:
    """The parts of a store URL; UsageError unless it is a well-formed http(s) URL."""
    why = None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is no number raises only when asked for
    except ValueError as exc:
        why = str(exc)
    else:
        if parts.scheme not in ("http", "https") or not parts.hostname:
            why = "no http(s) scheme or host"
        elif any(c.isspace() or not c.isprintable() for c in url):
            why = "it holds a space or a control character"
    if why is not None:
        raise UsageError(f"not a store URL ({why}): give http(s)://host[:port]/path, not {url!r}")
    return parts


def update_url_for(query_url: str) -> str:
    """The SPARQL Update endpoint that goes with a query endpoint, by the servers' conventions.

    Oxigraph and Fuseki answer updates at ``.../update`` beside ``.../query``; GraphDB at
    ``/repositories/ID/statements``; Virtuoso and ``fks-graph serve`` at the query URL itself.
    ``FKS_STORE_UPDATE_URL`` overrides the guess.

    Examples
    --------
    >>> update_url_for("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/update'
    >>> update_url_for("https://graphdb.example.org/repositories/fks")
    'https://graphdb.example.org/repositories/fks/statements'
    >>> update_url_for("http://127.0.0.1:8890/sparql")
    'http://127.0.0.1:8890/sparql'
    """
    parts = _store_url(query_url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last == "query":
        path = f"{head}/update"
    elif head.endswith("/repositories"):
        path = f"{path}/statements"
    else:
        path = parts.path
    return urlunsplit(parts._replace(path=path))


class RemoteStore:
    """A SPARQL 1.1 server reached over HTTP, by its query endpoint's URL.

    Credentials come from the URL (``https://user:password@host/...``, sent as HTTP Basic
    authentication) or from the ``FKS_STORE_TOKEN`` environment variable (a Bearer token);
    they never appear in messages.

    Examples
    --------
    >>> store = RemoteStore("http://reader:secret@127.0.0.1:7878/query")
    >>> store.url, store.update_url
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
    """

    def __init__(self, url: str, *, timeout: float = _TIMEOUT) -> None:
        parts = _store_url(url)
        self._headers: dict[str, str] = {}
        if parts.username is not None:
            pair = f"{parts.username}:{parts.password or ''}".encode()
            self._headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
            parts = parts._replace(netloc=parts.netloc.rpartition("@")[2])  # keeps [IPv6]
        elif os.environ.get("FKS_STORE_TOKEN"):
            self._headers["Authorization"] = f"Bearer {os.environ['FKS_STORE_TOKEN']}"
        self.url = urlunsplit(parts._replace(fragment=""))
        self.update_url = os.environ.get("FKS_STORE_UPDATE_URL") or update_url_for(self.url)
        self.timeout = timeout

    def _post(self, url: str, body: bytes | BinaryIO, content_type: str, accept: str, length: int):
        headers = dict(self._headers, **{"Content-Type": content_type, "Accept": accept})
        headers["Content-Length"] = str(length)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", errors="replace").strip()
            raise UsageError(
                f"the store at {url} answered {exc.code} {exc.reason}"
                + (f": {detail}" if detail else "")
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise UsageError(f"cannot reach the store at {url}: {reason}") from None

    def _query(self, text: str, accept: str):
        body = urlencode({"query": text}).encode("utf-8")
        return self._post(self.url, body, "application/x-www-form-urlencoded", accept, len(body))

    def select(self, text: str) -> list[ox.QuerySolution]:
        """The solutions of a ``SELECT`` query.

        Examples
        --------
        >>> RemoteStore("http://127.0.0.1:9/query").select("SELECT * {}")
        Traceback (most recent call last):
        ...
        fks_graph.core.errors.UsageError: cannot reach the store at http://127.0.0.1:9/query: [Errno 111] Connection refused
        """
        with self._query(text, "application/sparql-results+json") as response:
            data = response.read()
        try:
            return list(ox.parse_query_results(data, ox.QueryResultsFormat.JSON))
        except (SyntaxError, ValueError) as exc:
            raise UsageError(f"the store at {self.url} sent unreadable results: {exc}") from None

    def construct_into(self, text: str, target: ox.Store) -> None:
        """Add the triples a ``CONSTRUCT`` query answers to the default graph of ``target``."""
        with self._query(text, "application/n-triples") as response:
            try:
                target.bulk_load(input=response, format=ox.RdfFormat.N_TRIPLES)
            except (SyntaxError, ValueError) as exc:
                raise UsageError(f"the store at {self.url} sent unreadable RDF: {exc}") from None

    def update(self, body: bytes | BinaryIO, length: int | None = None) -> None:
        """Run a SPARQL update (text as UTF-8 bytes, or a binary file of ``length`` bytes)."""
        if length is None:
            assert isinstance(body, bytes)
            length = len(body)
        with self._post(self.update_url, body, "application/sparql-update", "*/*", length):
            pass

    def graphs(self) -> list[str]:
        """The names of all named graphs of the store."""
        return [row[0].value for row in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }")]

    def put_graph(
        self,
        name: str,
        triples: Iterable[ox.Triple | ox.Quad],
        *,
        max_request: int = MAX_REQUEST,
    ) -> None:
        """Replace the named graph ``name`` by ``triples``, atomically.

        Up to ``max_request`` bytes, ``DROP SILENT GRAPH`` and ``INSERT DATA`` travel in one
        update request, which SPARQL servers run as one transaction (Oxigraph, Fuseki,
        GraphDB): an upload cut short is an incomplete request the server refuses, so the
        previous graph stays. A larger graph (servers limit request bodies: Oxigraph to
        128 MiB, about 2,000 networks) goes in parts into a staging graph beside it
        (``<name>/staging/<uuid>``, which no reader takes for a dataset), then one
        ``MOVE`` request makes it the graph; staging graphs an interrupted load left behind
        are dropped by the next load of the same graph. The data is spooled to a temporary
        file, not held in memory.
        """
        graph = str(ox.NamedNode(name))  # the term's own N-Triples form, checked by Oxigraph
        plain = (ox.Triple(t.subject, t.predicate, t.object) for t in triples)
        with tempfile.TemporaryFile() as spool:
            ox.serialize(plain, spool, ox.RdfFormat.N_TRIPLES)
            size = spool.tell()
            spool.seek(0)
            if size <= max_request:
                self._insert(spool, size, f"DROP SILENT GRAPH {graph} ;\n", graph)
                return
            staging_prefix = f"{name}/staging/"
            for leftover in self.graphs():
                if leftover.startswith(staging_prefix):
                    self.update(f"DROP SILENT GRAPH {ox.NamedNode(leftover)}".encode())
            staging = str(ox.NamedNode(staging_prefix + uuid.uuid4().hex))
            while lines := spool.readlines(max_request):
                part = b"".join(lines)
                self._insert(io.BytesIO(part), len(part), "", staging)
            self.update(f"MOVE SILENT GRAPH {staging} TO {graph}".encode())

    def _insert(self, ntriples: BinaryIO, size: int, before: str, graph: str) -> None:
        """``INSERT DATA`` of N-Triples into ``graph``, streamed from a file."""
        head = f"{before}INSERT DATA {{ GRAPH {graph} {{\n".encode()
        tail = b"} }\n"
        body = _Joined([io.BytesIO(head), ntriples, io.BytesIO(tail)])
        self.update(body, len(head) + size + len(tail))  # type: ignore[arg-type]


class _Joined:
    """Binary files read one after the other, as one (an HTTP body sent in blocks)."""

    def __init__(self, parts: list[BinaryIO]) -> None:
        self.parts = parts

    def read(self, size: int = -1) -> bytes:
        while self.parts:
            data = self.parts[0].read(size)
            if data:
                return data
            self.parts.pop(0)
        return b""
