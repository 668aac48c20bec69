"""Remote SPARQL 1.1 stores over HTTP: queries, updates and the atomic replacement of a named graph."""

from __future__ import annotations

import base64
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterable
from typing import BinaryIO
from urllib.parse import urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from fks_graph.errors import UsageError

__all__ = ["RemoteStore", "update_url_for"]

_TIMEOUT = 600.0  # seconds without an answer; loading a national graph takes a while


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
    parts = urlsplit(query_url)
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
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"not a store URL: give http(s)://host[:port]/path, not {url!r}")
        self._headers: dict[str, str] = {}
        if parts.username is not None:
            pair = f"{parts.username}:{parts.password or ''}".encode()
            self._headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
            netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
            parts = parts._replace(netloc=netloc)
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
        fks_graph.errors.UsageError: cannot reach the store at http://127.0.0.1:9/query: [Errno 111] Connection refused
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

    def put_graph(self, name: str, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        """Replace the named graph ``name`` by ``triples`` in one update request.

        ``DROP SILENT GRAPH`` and ``INSERT DATA`` travel in one request, which SPARQL servers
        run as one transaction (Oxigraph, Fuseki, GraphDB): an interrupted upload is an
        incomplete request the server refuses, so the previous graph stays. The request is
        spooled to a temporary file, not held in memory.
        """
        graph = str(ox.NamedNode(name))  # the term's own N-Triples form, checked by Oxigraph
        plain = (ox.Triple(t.subject, t.predicate, t.object) for t in triples)
        with tempfile.TemporaryFile() as spool:
            spool.write(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n".encode())
            ox.serialize(plain, spool, ox.RdfFormat.N_TRIPLES)
            spool.write(b"} }\n")
            length = spool.tell()
            spool.seek(0)
            self.update(spool, length)
