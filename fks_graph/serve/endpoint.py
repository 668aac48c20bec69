"""A read-only SPARQL 1.1 Protocol endpoint over a graph, with a query page and graph pages."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from fks_graph.core.errors import InputError, Problem, UsageError
from fks_graph.graph.files import format_for, is_graph_file
from fks_graph.graph.rdf import on_oxigraph, oxigraph_store
from fks_graph.serve.handler import Handler, Service
from fks_graph.serve.page import home_page
from fks_graph.serve.pool import Died, Pool
from fks_graph.serve.readers import Readers
from fks_graph.serve.settings import Settings
from fks_graph.store.folder import is_store_folder, reading

__all__ = ["dataset_store", "make_server"]


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


# seconds a connection may have been reading a request before a new client may take its slot
# when every slot is taken (a request arrives within milliseconds)
_SLOW_READER = 1.0


class _Server(ThreadingHTTPServer):
    """A threading HTTP server with a long listen queue, a connection limit and no tracebacks."""

    daemon_threads = True
    request_queue_size = 1024
    pool: Pool | None = None
    service: Service | None = None

    def __init__(self, address: tuple[str, int], handler: type, max_connections: int) -> None:
        self.connections = threading.BoundedSemaphore(max_connections)
        self.readers = Readers()
        super().__init__(address, handler)

    def _connection_free(self) -> bool:
        """Take a connection slot; when all are taken, cut the connection that has been
        reading a request longest (a slow client, an idle keep-alive) and take its slot."""
        if self.connections.acquire(blocking=False):
            return True
        while self.readers.cut_oldest(older_than=_SLOW_READER):
            if self.connections.acquire(timeout=1.0):  # its handler ends and frees it
                return True
        return False

    def process_request(self, request, client_address) -> None:
        if not self._connection_free():
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
    A plain rdflib graph is served from a copy in Oxigraph
    (:func:`fks_graph.graph.rdf.on_oxigraph`).

    Examples
    --------
    >>> from fks_graph.graph.rdf import new_graph
    >>> server = make_server(new_graph(), port=0)
    >>> server.server_address[0]
    '127.0.0.1'
    >>> server.server_close()
    """
    settings = settings or Settings()
    if store is None:
        try:
            graph = on_oxigraph(graph)  # a plain rdflib graph: served from a copy
        except ValueError as exc:
            raise UsageError(f"the endpoint cannot serve this graph: {exc}") from None
        store = oxigraph_store(graph)
    union = next(iter(store.named_graphs()), None) is not None
    page = home_page().encode("utf-8")
    server = _Server((host, port), Handler, settings.max_connections)
    pool = server.pool = Pool(store, settings.workers)
    server.service = Service(
        graph=graph,
        store=store,
        settings=settings,
        pool=pool,
        union=union,
        page=page,
        allowed=frozenset(name.lower() for name in settings.allowed_hosts),
    )
    try:
        pool.warm()  # the first query is answered at once ...
        pool.fill()  # ... while the other workers load the data
    except (Died, TimeoutError, OSError):
        server.server_close()
        raise UsageError("the query workers cannot load the graph") from None
    return server
