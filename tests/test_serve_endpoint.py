"""The SPARQL endpoint, asked by independent clients (SPARQLWrapper, plain HTTP) on loopback."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper

from fks_graph import build_graph, read_dataset
from fks_graph.serve.endpoint import Settings, _choose, make_server

from .conftest import DATA_2014, HOSTILE

NETWORKS = "SELECT ?n WHERE { ?n a <http://www.w3.org/ns/org#OrganizationalCollaboration> }"
INSERT = "INSERT DATA { <https://example.org/a> <https://example.org/b> 'c' }"
TOKEN = "s3cret-token"


class Running:
    """An endpoint serving in a thread on a free loopback port."""

    def __init__(self, graph: Graph, settings: Settings | None = None) -> None:
        self.server = make_server(graph, "127.0.0.1", 0, settings)
        host, port = self.server.server_address[:2]
        self.url = f"http://{host}:{port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

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
        ("SELECT * FROM <https://example.org/g> WHERE { ?s ?p ?o }", 400, "FROM and FROM NAMED are refused"),
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
        load = "LOAD <https://example.org/data.ttl>"
        status, _, text = running.request("/sparql", load.encode(), **right)
        assert (status, b"never reaches the network" in text) == (400, True)
    finally:
        running.stop()


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # ~13 M rows: about a second
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # hours


def test_timeout_and_size_limit(graph):
    running = Running(graph, Settings(timeout=0.02, max_bytes=2_000))
    try:
        status, _, text = running.request("/sparql?" + urllib.parse.urlencode({"query": SLOW}))
        assert status == 503
        assert b"took longer than 0.02 s" in text
        time.sleep(0.5)  # the query finishes in the background
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


def test_hostile_names_in_pages_are_escaped(hostile_dataset):
    running = Running(build_graph(read_dataset(hostile_dataset)))
    try:
        status, _, page = running.request("/viz?view=network:N1")
        assert status == 200
        assert HOSTILE[0].encode() not in page  # only escaped forms reach the page
    finally:
        running.stop()


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [("text/csv;q=0, */*;q=0.1", "application/sparql-results+json"), ("image/png", None)],
)
def test_choose(accept, chosen):
    offered = {"application/sparql-results+json": 1, "text/csv": 2}
    assert _choose(accept, offered, "application/sparql-results+json") == chosen


def test_busy_workers_answer_503(graph):
    running = Running(graph, Settings(timeout=0.02, workers=1))
    try:
        slow = "/sparql?" + urllib.parse.urlencode({"query": SLOW})
        assert running.request(slow)[0] == 503  # timed out, still running in its worker
        status, _, text = running.request(slow)
        assert status == 503
        assert b"all 1 query workers are busy" in text
        ask = "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
        deadline = time.monotonic() + 20  # the slow query ends, and its worker is free again
        while running.request(ask)[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert running.request(ask)[0] == 200
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
