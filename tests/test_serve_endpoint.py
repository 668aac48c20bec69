"""The SPARQL endpoint, asked by independent clients (SPARQLWrapper, plain HTTP) on loopback."""

from __future__ import annotations

import csv
import io
import itertools
import json
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from fks_graph import build_graph, read_dataset
from fks_graph.core.errors import UsageError
from fks_graph.graph.rdf import oxigraph_store
from fks_graph.serve.endpoint import dataset_store, make_server
from fks_graph.serve.page import example_text
from fks_graph.serve.settings import Settings
from fks_graph.sparql.library import list_queries
from fks_graph.sparql.run import run_query

from .conftest import DATA_2014, HOSTILE

NETWORKS = "SELECT ?n WHERE { ?n a <http://www.w3.org/ns/org#OrganizationalCollaboration> }"
INSERT = "INSERT DATA { <https://example.org/a> <https://example.org/b> 'c' }"
TOKEN = "s3cret-token"
SPARQL_QUERY = "application/sparql-query"


class Running:
    """An endpoint serving in a thread on a free loopback port."""

    def __init__(self, graph: Graph, settings: Settings | None = None, store=None) -> None:
        self.server = make_server(graph, "127.0.0.1", 0, settings, store=store)
        host, port = self.server.server_address[:2]
        self.url = f"http://{host}:{port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def raw(self, data: bytes, timeout: float = 10) -> bytes:
        """The bytes the server answers to ``data`` sent as is, until it closes."""
        port = self.server.server_address[1]
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.sendall(data.replace(b"{host}", f"127.0.0.1:{port}".encode()))
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    def request(self, path: str, data: bytes | None = None, **headers: str):
        """Status, content type and body of a request (errors included)."""
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers["Content-Type"], error.read()


@pytest.fixture(scope="module")
def graph():
    return build_graph(read_dataset(DATA_2014))


@pytest.fixture
def endpoint(graph):
    running = Running(graph, Settings(timeout=20))
    yield running
    running.stop()


def test_sparqlwrapper_selects_as_json_and_csv(endpoint):
    client = SPARQLWrapper(endpoint.url + "/sparql")
    client.setQuery(NETWORKS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert len(rows) == 5
    client.setReturnFormat(CSV)
    table = list(csv.reader(io.StringIO(client.query().convert().decode("utf-8"))))
    assert table[0] == ["n"]
    assert len(table) == 6


def test_sparqlwrapper_defaults_xml(endpoint):
    client = SPARQLWrapper(endpoint.url + "/sparql")  # XML: results and RDF/XML graphs
    client.setQuery(NETWORKS)
    assert client.returnFormat == XML
    assert len(client.query().convert().getElementsByTagName("result")) == 5
    client.setQuery("CONSTRUCT { <s> <p> 1 } WHERE {}")  # a relative IRI: the endpoint is the base
    # not convert(): it would build rdflib's deprecated ConjunctiveGraph
    response = client.query().response
    assert response.headers["Content-Type"].startswith("application/rdf+xml")
    answer = Graph().parse(data=response.read(), format="xml")
    assert set(answer.subjects()) == {rdflib.URIRef(endpoint.url + "/s")}


def test_sparqlwrapper_constructs_turtle(endpoint):
    client = SPARQLWrapper(endpoint.url + "/sparql")
    client.setQuery(
        "CONSTRUCT { ?n ?p ?o } WHERE { ?n a <http://www.w3.org/ns/org#OrganizationalCollaboration> ; ?p ?o }"
    )
    client.setReturnFormat(TURTLE)
    answer = Graph().parse(data=client.query().convert().decode("utf-8"), format="turtle")
    assert len(set(answer.subjects())) == 5


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/html;q=0.9, text/csv;q=0.5", "text/csv"),
        ("*/*", "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
    ],
)
def test_content_negotiation(endpoint, accept, expected):
    query = urllib.parse.urlencode({"query": NETWORKS})
    status, kind, _ = endpoint.request(f"/sparql?{query}", Accept=accept)
    assert status == 200
    assert kind.split(";")[0] == expected


def test_post_forms_and_json_ld(endpoint):
    body = urllib.parse.urlencode(
        {"query": "DESCRIBE <https://w3id.org/fks-graph/data/network/switch-aachen>"}
    ).encode()
    status, kind, data = endpoint.request(
        "/sparql",
        body,
        **{
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/ld+json",
        },
    )
    assert (status, kind.split(";")[0]) == (200, "application/ld+json")
    described = list(ox.parse(data, format=ox.RdfFormat.JSON_LD))  # not rdflib's: deprecated
    assert {str(q.subject.value) for q in described} >= {
        "https://w3id.org/fks-graph/data/network/switch-aachen"
    }
    status, _, data = endpoint.request(
        "/sparql", NETWORKS.encode(), **{"Content-Type": "application/sparql-query"}
    )
    assert status == 200
    assert len(json.loads(data)["results"]["bindings"]) == 5


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }", 400, "SERVICE is refused"),
        ("PREFIX fn: <http://www.w3.org/2005/xpath-functions#> SELECT (fn:environment-variable('HOME') AS ?x) {}", 400, "query failed: The custom function"),
        ("SELEKT nothing", 400, "SPARQL syntax error"),
    ],
)  # fmt: skip
def test_refused_queries(endpoint, query, status, message):
    code, _, body = endpoint.request("/sparql?" + urllib.parse.urlencode({"query": query}))
    assert code == status
    assert message in body.decode("utf-8")


def test_unacceptable_format(endpoint):
    query = urllib.parse.urlencode({"query": NETWORKS})
    status, _, _ = endpoint.request(f"/sparql?{query}", Accept="image/png")
    assert status == 406


def test_updates_are_refused_and_serving_goes_on(endpoint, graph):
    before = len(graph)
    for body, kind in (
        (INSERT.encode(), "application/sparql-update"),
        (urllib.parse.urlencode({"update": INSERT}).encode(), "application/x-www-form-urlencoded"),
    ):
        status, _, text = endpoint.request("/sparql", body, **{"Content-Type": kind})
        assert status == 403
        assert b"read-only" in text
    assert len(graph) == before
    assert endpoint.request("/sparql?" + urllib.parse.urlencode({"query": NETWORKS}))[0] == 200


def test_updates_with_the_token_when_allowed(graph):
    copy = build_graph(read_dataset(DATA_2014))
    running = Running(copy, Settings(allow_update=True, token=TOKEN))
    try:
        kind = {"Content-Type": "application/sparql-update"}
        assert running.request("/sparql", INSERT.encode(), **kind)[0] == 403  # no token
        wrong = {**kind, "Authorization": "Bearer nope"}
        assert running.request("/sparql", INSERT.encode(), **wrong)[0] == 403
        right = {**kind, "Authorization": f"Bearer {TOKEN}"}
        assert running.request("/sparql", INSERT.encode(), **right)[0] == 204
        assert len(copy) == len(graph) + 1
        ask = "ASK { <https://example.org/a> <https://example.org/b> 'c' }"
        status, _, body = running.request("/sparql?" + urllib.parse.urlencode({"query": ask}))
        assert (status, json.loads(body)["boolean"]) == (200, True)  # the workers see it
        load = "LOAD <https://example.org/data.ttl>"
        status, _, text = running.request("/sparql", load.encode(), **right)
        assert (status, b"never reaches the network" in text) == (400, True)
    finally:
        running.stop()


def test_a_runaway_update_is_stopped_at_the_time_limit_and_changes_nothing():
    copy = build_graph(read_dataset(DATA_2014))
    before = len(copy)
    running = Running(copy, Settings(allow_update=True, token=TOKEN, timeout=1, workers=1))
    right = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
    runaway = (
        "INSERT { ?a <https://example.org/x> 1 } "
        "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STRLEN(CONCAT(STR(?c), STR(?f), STR(?i))) < 0) }"
    )
    try:
        start = time.monotonic()
        status, _, text = running.request("/sparql", runaway.encode(), **right)
        assert (status, b"the update took longer than 1 s and was stopped" in text) == (503, True)
        assert time.monotonic() - start < 10
        assert len(copy) == before
        assert running.request("/sparql", INSERT.encode(), **right)[0] == 204  # goes on
        assert len(copy) == before + 1
        refused = "INSERT DATA { SERVICE <https://example.org/> {} }"
        assert running.request("/sparql", refused.encode(), **right)[0] == 400
    finally:
        running.stop()


def test_slow_clients_lock_nobody_out(graph):
    """Every connection taken by clients that send their request a byte now and then: a new
    client takes the slot of the one that has been reading longest."""
    running = Running(graph, Settings(max_connections=8, workers=1))
    port = running.server.server_address[1]
    slow = []
    try:
        for _ in range(8):
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
            slow.append(connection)  # the head is never finished
        time.sleep(1.5)
        for _ in range(3):
            query = urllib.parse.urlencode({"query": "ASK {}"})
            assert running.request(f"/sparql?{query}")[0] == 200
        cut = []
        for connection in slow:
            connection.settimeout(0.2)
            try:
                cut.append(connection.recv(65536) == b"")
            except TimeoutError:  # still open, still waiting for its head
                cut.append(False)
        # the oldest was cut for the first new client, whose slot then served the others; a
        # new client that connects before the server has freed the slot of the one served
        # just before it (its handler ends after the response has gone out) cuts the next
        # oldest: on a busy machine two or three are cut, always the oldest first
        cuts = sum(cut)
        assert 1 <= cuts <= 3
        assert cut == [True] * cuts + [False] * (8 - cuts)
    finally:
        for connection in slow:
            connection.close()
        running.stop()


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # ~13 M rows: about a second
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # hours


@pytest.mark.parametrize(
    ("query", "accept", "status"),
    [
        ("SELECT ?o { ?s ?p ?o }", "application/sparql-results+xml", 406),
        ("SELECT ?o { ?s ?p ?o }", "application/sparql-results+json", 200),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "application/rdf+xml", 406),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples", 200),
    ],
)
def test_xml_answers_never_hold_what_xml_cannot(query, accept, status):
    """A literal from a graph file may hold a control character: XML cannot, JSON can."""
    graph = rdflib.Graph()
    graph.add((rdflib.URIRef("https://ex.org/a"), rdflib.URIRef("https://ex.org/p"),
               rdflib.Literal("IHK\x1b[2J")))  # fmt: skip
    running = Running(graph, Settings(workers=1))
    try:
        got, _, body = running.request("/sparql?" + urllib.parse.urlencode({"query": query}),
                                       Accept=accept)  # fmt: skip
        assert got == status
        if status == 406:
            assert body.startswith(b"the answer holds a character XML cannot hold (U+001B)")
        else:
            assert b"IHK\\u001" in body  # escaped as JSON and N-Triples escape it
    finally:
        running.stop()


# valid and short (40 KB), but rdflib's parser, which checks it, takes about 20 s for it
SLOW_TO_CHECK = "ASK { FILTER(1 IN (" + ",".join(["1"] * 20_000) + ")) }"


def test_a_query_slow_to_check_is_stopped_and_blocks_nobody(graph):
    """The check runs in a worker, stopped at the time limit, not in the server's process."""
    running = Running(graph, Settings(timeout=2, workers=2))
    answers = []

    def slow() -> None:
        body = SLOW_TO_CHECK.encode()
        answers.append(running.request("/sparql", body, **{"Content-Type": SPARQL_QUERY}))

    try:
        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.5)
        start = time.monotonic()
        status, _, body = running.request("/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
        assert (status, json.loads(body)["boolean"]) == (200, True)
        assert time.monotonic() - start < 1.5
        thread.join(30)
        ((status, _, text),) = answers
        assert (status, b"took longer than 2 s and was stopped" in text) == (503, True)
    finally:
        running.stop()


def test_timeout_and_size_limit(graph):
    # SLOW takes about a second; the others, checked and run in the worker, a few ms
    running = Running(graph, Settings(timeout=0.3, max_bytes=2_000))
    try:
        status, _, text = running.request("/sparql?" + urllib.parse.urlencode({"query": SLOW}))
        assert status == 503
        assert b"took longer than 0.3 s and was stopped" in text
        everything = "SELECT * WHERE { ?s ?p ?o }"
        status, _, text = running.request(
            "/sparql?" + urllib.parse.urlencode({"query": everything})
        )
        assert status == 413
        assert b"larger than 2,000 bytes" in text
        assert running.request("/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))[0] == 200
    finally:
        running.stop()


def test_home_page_and_graph_pages(endpoint):
    status, kind, page = endpoint.request("/")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert b"cross-network-actors" in page
    status, kind, page = endpoint.request("/viz?view=network:switch-aachen&lang=en")
    assert status == 200
    assert b"window.network = network" in page
    assert endpoint.request("/viz?view=network:N9")[0] == 400
    assert endpoint.request("/nothing")[0] == 404
    status, kind, page = endpoint.request("/viz?view=map")  # the map, as 'viz --view map'
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert b'id="fks-map"' in page


@pytest.mark.parametrize("named", list_queries(), ids=lambda q: q.name)
def test_page_examples_answer_as_their_commands(endpoint, graph, named):
    words = shlex.split(named.example)
    params = dict(w.partition("=")[::2] for b, w in itertools.pairwise(words) if b == "--param")
    required = {p.name: params[p.name] for p in named.params if p.required}
    status, _, body = endpoint.request(
        "/sparql?" + urllib.parse.urlencode({"query": example_text(named)})
    )
    assert status == 200
    rows = json.loads(body)["results"]["bindings"]
    assert len(rows) == len(run_query(graph, named, required))


def test_hostile_names_in_pages_are_escaped(hostile_dataset):
    running = Running(build_graph(read_dataset(hostile_dataset)))
    try:
        status, _, page = running.request("/viz?view=network:N1")
        assert status == 200
        assert HOSTILE[0].encode() not in page  # only escaped forms reach the page
    finally:
        running.stop()


def test_runaway_queries_are_stopped_and_serving_goes_on(graph):
    running = Running(graph, Settings(timeout=1.0, workers=2))
    try:
        pool = running.server.pool
        first = {worker.process.pid for worker in pool.workers}
        runaway = "/sparql?" + urllib.parse.urlencode({"query": RUNAWAY})
        answers: list[tuple[int, bytes]] = []

        def ask() -> None:
            status, _, text = running.request(runaway)
            answers.append((status, text))

        threads = [threading.Thread(target=ask) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert [status for status, _ in answers] == [503] * 6
        assert all(b"was stopped" in text or b"stayed busy" in text for _, text in answers)
        start = time.perf_counter()
        status, _, text = running.request(
            "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        )
        assert (status, json.loads(text)["boolean"]) == (200, True)
        assert time.perf_counter() - start < 5
        live = {worker.process.pid for worker in pool.workers}
        assert len(live) == 2
        assert not first & live  # the runaway workers were killed and replaced
    finally:
        running.stop()


def test_memory_limit_stops_a_query(graph):
    running = Running(graph, Settings(timeout=30, max_memory=50_000_000, workers=1))
    try:
        hungry = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
        start = time.perf_counter()
        status, _, text = running.request("/sparql?" + urllib.parse.urlencode({"query": hungry}))
        assert (status, b"needed more than 50 MB of memory" in text) == (503, True)
        assert time.perf_counter() - start < 25
        assert running.request("/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))[0] == 200
    finally:
        running.stop()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_cleanly_even_during_a_runaway_query(signum):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fks_graph",
            "serve",
            str(DATA_2014),
            "--port",
            "0",
            "--timeout",
            "0.5",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stderr.readline()
        assert "serving" in line
        url = line.split(" at ")[1].split()[0]
        with pytest.raises(urllib.error.HTTPError, match="503"):
            urllib.request.urlopen(f"{url}sparql?{urllib.parse.urlencode({'query': RUNAWAY})}")
        query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        with urllib.request.urlopen(f"{url}sparql?{query}", timeout=10) as response:
            assert json.loads(response.read())["boolean"] is True
        process.send_signal(signum)  # the runaway query still runs
        _, err = process.communicate(timeout=20)
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == 0
    assert "Traceback" not in err
    assert err.strip() == "stopped"


def test_simultaneous_distinct_queries_on_a_fresh_server(graph):
    store = oxigraph_store(graph)
    texts = [q.text + f"\n# client {i}\n" for i, q in enumerate(list_queries() * 5)][:50]
    expected = [len(list(store.query(text))) for text in texts]
    running = Running(graph)  # fresh: nothing parsed, no worker ready
    try:
        barrier = threading.Barrier(len(texts))
        answers: dict[int, tuple[int, bytes]] = {}

        def ask(number: int) -> None:
            query = urllib.parse.urlencode({"query": texts[number]})
            barrier.wait()
            answers[number] = running.request(f"/sparql?{query}")[::2]

        threads = [threading.Thread(target=ask, args=(n,)) for n in range(len(texts))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert [answers[n][0] for n in range(len(texts))] == [200] * len(texts)
        counts = [len(json.loads(answers[n][1])["results"]["bindings"]) for n in range(len(texts))]
        assert counts == expected
    finally:
        running.stop()


def test_a_burst_of_connections_is_served(endpoint):
    ask = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    port = endpoint.server.server_address[1]
    sockets = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(100)]
    try:
        for connection in sockets:
            connection.sendall(ask.replace(b"{host}", f"127.0.0.1:{port}".encode()))
        answers = []
        for connection in sockets:
            data = b""
            while chunk := connection.recv(65536):
                data += chunk
            answers.append(data.split(b" ", 2)[1])
    finally:
        for connection in sockets:
            connection.close()
    assert answers == [b"200"] * 100


POST = b"POST /sparql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
QUERY_TYPE = b"Content-Type: application/sparql-query\r\n"


@pytest.mark.parametrize(
    ("request_bytes", "status", "message"),
    [
        (POST + QUERY_TYPE + b"Content-Length: -1\r\n\r\n", b"400", b"invalid Content-Length"),
        (POST + QUERY_TYPE + b"Content-Length: abc\r\n\r\n", b"400", b"invalid Content-Length"),
        (POST + QUERY_TYPE + b"Content-Length: 5\r\nContent-Length: 6\r\n\r\n", b"400", b"invalid Content-Length"),
        (POST + QUERY_TYPE + b"\r\n", b"411", b"needs a Content-Length"),
        (POST + QUERY_TYPE + b"Transfer-Encoding: chunked\r\n\r\n", b"411", b"not chunked"),
        (POST + QUERY_TYPE + b"Content-Length: 99999999999\r\n\r\n", b"413", b"too large"),
        (POST + b"Content-Length: 6\r\n\r\nASK {}", b"400", b"give the body's Content-Type"),
        (POST + b"Content-Type: application/sparql-query; charset=UTF-16\r\nContent-Length: 6\r\n\r\nASK {}", b"415", b"must be UTF-8"),
        (POST + QUERY_TYPE + b"Content-Length: 7\r\n\r\nASK {}\xff", b"400", b"not valid UTF-8"),
        (b"PUT /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Length: 6\r\n\r\n", b"405", b"Allow: GET, HEAD, POST, OPTIONS"),
        (b"DELETE /sparql HTTP/1.1\r\nHost: {host}\r\n\r\n", b"405", b"Allow: GET, HEAD, POST, OPTIONS"),
        (b"BREW /sparql HTTP/1.1\r\nHost: {host}\r\n\r\n", b"501", b"Unsupported method"),
        (b"NONSENSE\r\n\r\n", b"400", b"Bad request syntax"),
        (b"GET /sparql?query=ASK%7B%7D&query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n", b"400", b"not several"),
        (b"GET /sparql?query=ASK%7B%7D&default-graph-uri=no%20iri HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n", b"400", b"not an IRI"),
        (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: evil.example:80\r\n\r\n", b"403", b"not the endpoint's address"),
    ],
)  # fmt: skip
def test_malformed_requests_get_an_answer(endpoint, capfd, request_bytes, status, message):
    start = time.perf_counter()
    answer = endpoint.raw(request_bytes)
    assert answer.split(b" ", 2)[1] == status
    assert message in answer
    assert b"Access-Control-Allow-Origin" not in answer
    assert time.perf_counter() - start < 5  # answered at once: no body read, no wait
    assert "Traceback" not in capfd.readouterr().err


def test_head_answers_headers_only(endpoint):
    answer = endpoint.raw(
        b"HEAD /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert b"application/sparql-results+json" in head
    assert body == b""


def test_silent_and_surplus_connections_are_closed(graph):
    running = Running(graph, Settings(read_timeout=0.5, max_connections=2))
    try:
        port = running.server.server_address[1]
        silent = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2)]
        time.sleep(0.2)
        assert running.raw(b"GET / HTTP/1.1\r\n\r\n").startswith(b"HTTP/1.1 503")
        start = time.perf_counter()
        assert [connection.recv(100) for connection in silent] == [b"", b""]  # closed
        assert time.perf_counter() - start < 3
        for connection in silent:
            connection.close()
        time.sleep(0.2)
        assert running.request("/sparql?query=ASK%7B%7D")[0] == 200
    finally:
        running.stop()


@pytest.mark.parametrize(
    ("cors", "origin", "allowed"),
    [
        (None, "http://evil.example", None),
        ("https://tool.example", "http://evil.example", None),
        ("https://tool.example", "https://tool.example", "https://tool.example"),
        ("*", "http://evil.example", "*"),
    ],
)
def test_cors_only_when_asked(graph, cors, origin, allowed):
    running = Running(graph, Settings(cors=cors))
    try:
        query = "/sparql?query=ASK%7B%7D"
        request = urllib.request.Request(running.url + query, headers={"Origin": origin})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["Access-Control-Allow-Origin"] == allowed
        preflight = urllib.request.Request(
            running.url + "/sparql", method="OPTIONS", headers={"Origin": origin}
        )
        with urllib.request.urlopen(preflight, timeout=30) as response:
            assert response.status == 204
            assert response.headers["Access-Control-Allow-Origin"] == allowed
    finally:
        running.stop()


@pytest.mark.parametrize(
    ("allowed_hosts", "host", "status"),
    [
        ((), "localhost:{port}", b"200"),
        ((), "127.0.0.1:{port}", b"200"),
        ((), "127.0.0.1:1", b"403"),
        ((), "rebound.example:{port}", b"403"),
        (("sparql.example",), "sparql.example", b"200"),
        (("*",), "anything.example", b"200"),
    ],
)
def test_host_header_is_checked(graph, allowed_hosts, host, status):
    running = Running(graph, Settings(allowed_hosts=allowed_hosts))
    try:
        host = host.replace("{port}", str(running.server.server_address[1]))
        answer = running.raw(
            f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
        )
        assert answer.split(b" ", 2)[1] == status
    finally:
        running.stop()


TRIG = """
<https://ex.org/a> <https://ex.org/p> "default" .
<https://ex.org/g1> { <https://ex.org/a> <https://ex.org/p> "one" . }
<https://ex.org/g2> { <https://ex.org/a> <https://ex.org/p> "two" , "three" . }
"""


@pytest.mark.parametrize(
    ("query", "params", "count"),
    [
        ("SELECT * { ?s ?p ?o }", {}, 4),  # the default graph: the union of all graphs
        ("SELECT * { GRAPH ?g { ?s ?p ?o } }", {}, 3),
        ("SELECT * { ?s ?p ?o }", {"default-graph-uri": ["https://ex.org/g2"]}, 2),
        ("SELECT * { ?s ?p ?o }", {"default-graph-uri": ["https://ex.org/nope"]}, 0),
        ("SELECT * { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": ["https://ex.org/g1"]}, 1),
        ("SELECT * FROM <https://ex.org/g1> { ?s ?p ?o }", {}, 1),
        ("SELECT * FROM <https://ex.org/g1> { ?s ?p ?o }", {"default-graph-uri": ["https://ex.org/g2"]}, 2),
    ],
)  # fmt: skip
def test_named_graphs_and_the_protocols_dataset(tmp_path, query, params, count):
    trig = tmp_path / "data.trig"
    trig.write_text(TRIG, encoding="utf-8")
    running = Running(Graph(), store=dataset_store(trig))
    try:
        arguments = urllib.parse.urlencode({"query": query, **params}, doseq=True)
        status, _, body = running.request(f"/sparql?{arguments}")
        assert (status, len(json.loads(body)["results"]["bindings"])) == (200, count)
    finally:
        running.stop()


def test_serve_command_with_named_graphs_cors_and_allowed_host(tmp_path):
    trig = tmp_path / "data.trig"
    trig.write_text(TRIG, encoding="utf-8")
    command = [sys.executable, "-m", "fks_graph", "serve", str(trig), "--port", "0",
               "--cors", "https://tool.example", "--allowed-host", "sparql.example",
               "--max-memory", "100"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        warning = process.stderr.readline()  # the data is no graph fks-graph built: it says so
        assert warning.startswith("warning: ")
        assert "holds no network" in warning
        line = process.stderr.readline()
        assert "serving" in line
        url = line.split(" at ")[1].split()[0]
        query = urllib.parse.urlencode({"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }"})
        request = urllib.request.Request(
            f"{url}sparql?{query}",
            headers={"Origin": "https://tool.example", "Host": "sparql.example"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "https://tool.example"
            assert len(json.loads(response.read())["results"]["bindings"]) == 3
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=20)
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()
    assert (process.returncode, err.strip()) == (0, "stopped")


def test_a_plain_rdflib_graph_is_served_from_a_copy() -> None:
    plain = Graph()
    plain.add(
        (rdflib.URIRef("https://ex.org/a"), rdflib.RDF.type, rdflib.URIRef("https://ex.org/T"))
    )
    running = Running(plain, Settings(workers=1))
    try:
        query = urllib.parse.quote("SELECT ?s WHERE { ?s a <https://ex.org/T> }")
        status, _, body = running.request(f"/sparql?query={query}")
        bindings = json.loads(body)["results"]["bindings"]
        assert (status, [b["s"]["value"] for b in bindings]) == (200, ["https://ex.org/a"])
    finally:
        running.stop()


def test_a_graph_oxigraph_cannot_hold_is_a_usage_error() -> None:
    plain = Graph()
    plain.add(
        (rdflib.URIRef("https://ex.org/a b"), rdflib.RDF.type, rdflib.URIRef("https://ex.org/T"))
    )
    with pytest.raises(UsageError, match="the endpoint cannot serve this graph: Invalid IRI"):
        make_server(plain, "127.0.0.1", 0)
