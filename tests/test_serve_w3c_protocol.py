"""The W3C SPARQL 1.1 Protocol test suite (tests/w3c/protocol) run against the endpoint."""

from __future__ import annotations

import http.client
import json
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection

from fks_graph.graph.rdf import new_graph
from fks_graph.serve.endpoint import dataset_store, make_server

SUITE = Path(__file__).parent / "w3c" / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
RESULTS = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values"}  # fmt: skip
RDF_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML,
             "application/n-triples": ox.RdfFormat.N_TRIPLES}  # fmt: skip

MANIFEST = Graph().parse(SUITE / "manifest.ttl", format="turtle")
_ROOT = MANIFEST.value(predicate=RDF.type, object=MF.Manifest, any=False)
ENTRIES = list(Collection(MANIFEST, MANIFEST.value(_ROOT, MF.entries)))


def _name(test: URIRef) -> str:
    return str(test).rsplit("#", 1)[1]


def _requests(test: URIRef) -> list[dict]:
    action = MANIFEST.value(test, MF.action)
    requests = []
    for node in Collection(MANIFEST, MANIFEST.value(action, HT.requests)):
        body = MANIFEST.value(node, HT.body)
        headers = {}
        listed = MANIFEST.value(node, HT.headers)
        for header in Collection(MANIFEST, listed) if listed is not None else []:
            headers[str(MANIFEST.value(header, HT.fieldName))] = str(
                MANIFEST.value(header, HT.fieldValue)
            )
        response = MANIFEST.value(node, HT.resp)
        boolean = MANIFEST.value(response, MF.expectedBoolean)
        fmt = MANIFEST.value(response, MF.expectedFormat)
        requests.append(
            {
                "method": str(MANIFEST.value(node, HT.methodName)),
                "path": str(MANIFEST.value(node, HT.absolutePath)),
                "headers": headers,
                "body": None
                if body is None
                else str(MANIFEST.value(body, CNT.chars)).encode(
                    str(MANIFEST.value(body, CNT.characterEncoding))
                ),
                "status": {
                    str(s).rsplit("#StatusCode", 1)[1][0]  # hts:StatusCode4xx: "4"
                    for s in MANIFEST.objects(response, MF.expectedStatus)
                },
                "format": None if fmt is None else str(fmt),
                "boolean": None if boolean is None else boolean.toPython(),
            }
        )
    return requests


QUERY_TESTS = [t for t in ENTRIES if not _name(t).startswith("update_")]
UPDATE_TESTS = [t for t in ENTRIES if _name(t).startswith("update_")]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The endpoint serving every graph the manifest's tests name, as named graphs."""
    quads = []
    for test in ENTRIES:
        for data in MANIFEST.objects(test, UT.graphData):
            name = ox.NamedNode(str(MANIFEST.value(data, RDFS.label)))
            path = SUITE / Path(str(MANIFEST.value(data, UT.graph))).name
            for triple in ox.parse(path=path, format=ox.RdfFormat.N_TRIPLES):
                quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, name))
    dataset = tmp_path_factory.mktemp("w3c") / "protocol.nq"
    ox.serialize(quads, dataset, ox.RdfFormat.N_QUADS)
    server = make_server(new_graph(), "127.0.0.1", 0, store=dataset_store(dataset))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(5)


def _send(port: int, request: dict) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        # the manifest's paths start with /sparql/, to be replaced by the endpoint's path
        assert request["path"].startswith("/sparql/")
        path = "/sparql" + request["path"][len("/sparql/") :]
        connection.request(request["method"], path, body=request["body"],
                           headers=request["headers"])  # fmt: skip
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def _boolean(kind: str, body: bytes) -> bool:
    if kind == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    if kind == "application/sparql-results+xml":
        found = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return found.text.strip() == "true"
    raise AssertionError(f"a boolean answer as {kind}")


def test_the_suite_is_complete():
    assert (len(ENTRIES), len(QUERY_TESTS), len(UPDATE_TESTS)) == (34, 27, 7)


@pytest.mark.parametrize("test", QUERY_TESTS, ids=_name)
def test_query_protocol(served, test):
    for request in _requests(test):
        status, kind, body = _send(served, request)
        assert str(status)[0] in request["status"], (status, body)
        kind = kind.split(";")[0].strip()
        if request["format"] == "boolean":
            assert _boolean(kind, body) in (True, False)
        elif request["format"] == "tabular":
            assert kind in RESULTS
            if kind == "application/sparql-results+json":
                assert json.loads(body)["head"]["vars"] == ["value"]
        elif request["format"] == "RDF":
            assert kind in RDF_TYPES
            list(ox.parse(body, format=RDF_TYPES[kind]))  # parses
        if request["boolean"] is not None:
            assert _boolean(kind, body) is request["boolean"]


@pytest.mark.parametrize("test", UPDATE_TESTS, ids=_name)
def test_update_protocol_is_refused(served, test):
    status, _, body = _send(served, _requests(test)[0])
    assert (status, b"read-only" in body) == (403, True)
