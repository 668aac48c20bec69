"""Remote stores: a real Oxigraph server (`oxigraph serve`) and fks-graph's own endpoint, on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.analysis.cross_actors import cross_actors
from fks_graph.core.errors import UsageError
from fks_graph.graph.files import graph_name
from fks_graph.graph.rdf import oxigraph_store
from fks_graph.store.remote import RemoteStore, update_url_for
from fks_graph.store.target import dataset_graphs, load_store, save_graph

from .conftest import DATA_2014, invoke, require_tool

GRAPH_2014 = "https://w3id.org/fks-graph/data/graph/innovationstag-2014"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server ended: {process.stderr.read() if process.stderr else ''}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"no answer from {url}")


class OxigraphServer:
    """``oxigraph serve`` on a free loopback port, keeping its data in ``location``."""

    def __init__(self, location: Path) -> None:
        self.binary = require_tool("oxigraph")
        self.location = location
        self.process: subprocess.Popen | None = None

    def start(self) -> OxigraphServer:
        self.port = free_port()
        self.process = subprocess.Popen(
            [self.binary, "serve", "--location", str(self.location),
             "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        wait_for(f"http://127.0.0.1:{self.port}/", self.process)
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def stop(self) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(30)
        if self.process.stderr:
            self.process.stderr.close()


@pytest.fixture
def server(tmp_path):
    running = OxigraphServer(tmp_path / "oxigraph").start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def graph_2014():
    return build_graph(read_dataset(DATA_2014))


@pytest.mark.parametrize(
    ("query_url", "update_url"),
    [
        ("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update"),
        ("http://fuseki:3030/fks/query", "http://fuseki:3030/fks/update"),
        ("http://fuseki:3030/fks/query/", "http://fuseki:3030/fks/update"),
        ("http://graphdb:7200/repositories/fks", "http://graphdb:7200/repositories/fks/statements"),
        ("http://virtuoso:8890/sparql", "http://virtuoso:8890/sparql"),
    ],
)
def test_update_url_follows_the_servers_conventions(query_url, update_url):
    assert update_url_for(query_url) == update_url


def test_the_update_url_can_be_given(monkeypatch):
    monkeypatch.setenv("FKS_STORE_UPDATE_URL", "https://db.example.org/write")
    assert RemoteStore("https://db.example.org/read").update_url == "https://db.example.org/write"


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/sparql",
        "http://",
        "http:///sparql",
        "http://[::1/sparql",  # urllib raises ValueError
        "http://127.0.0.1:abc/sparql",  # ... only when the port is asked for
        "http://exa mple.com/sparql",  # http.client would refuse it at the request
        "http://example.com/spar\nql",
    ],
)
def test_not_a_store_url(url):
    with pytest.raises(UsageError, match="not a store URL"):
        RemoteStore(url)
    with pytest.raises(UsageError, match="not a store URL"):
        update_url_for(url)


def test_build_into_oxigraph_and_read_it_back(server, tmp_path, small_dataset):
    code, _, err = invoke("build", small_dataset, "--store", server.url, "-o", tmp_path / "g.nt")
    assert code == 0, err
    code, from_server, _ = invoke("cross-actors", server.url, "--min-networks", "1", "-f", "csv")
    assert code == 0
    _, from_file, _ = invoke("cross-actors", tmp_path / "g.nt", "--min-networks", "1", "-f", "csv")
    assert from_server == from_file
    assert len(from_server.splitlines()) > 1


def test_replacing_one_graph_keeps_the_others(server, graph_2014, small_dataset):
    small = build_graph(read_dataset(small_dataset))
    save_graph(graph_2014, server.url)
    save_graph(small, server.url)
    save_graph(graph_2014, server.url)  # again: replaced, not doubled
    assert dataset_graphs(server.url) == sorted([GRAPH_2014, graph_name(small)])
    assert set(load_store(server.url + "#innovationstag-2014")) == set(graph_2014)
    assert set(load_store(server.url)) == set(graph_2014) | set(small)


def test_hostile_text_arrives_unchanged(server, hostile_dataset):
    graph = build_graph(read_dataset(hostile_dataset))
    save_graph(graph, server.url)
    assert set(load_store(server.url)) == set(graph)
    assert cross_actors(load_store(server.url), min_networks=1) == cross_actors(
        graph, min_networks=1
    )


def test_an_interrupted_upload_leaves_the_previous_graph(server, graph_2014):
    """What a client killed during the upload leaves: a request cut short, then a closed socket."""
    save_graph(graph_2014, server.url)
    body = (
        f"DROP SILENT GRAPH <{GRAPH_2014}> ;\n"
        f"INSERT DATA {{ GRAPH <{GRAPH_2014}> {{\n<https://example.org/a> <https://example.org/b> "
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port)) as connection:
        connection.sendall(
            b"POST /update HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/sparql-update\r\n"
            + f"Content-Length: {len(body) + 10_000_000}\r\n\r\n".encode()
            + body
        )
    time.sleep(0.5)
    assert set(load_store(server.url)) == set(graph_2014)


@pytest.mark.parametrize("after", [1.0, 2.5])
def test_a_killed_build_leaves_no_half_graph(server, graph_2014, tmp_path, after):
    """Killed while reading, building or uploading: the new graph is there whole or not at all."""
    from fks_graph.synthetic.generate import generate_dataset

    save_graph(graph_2014, server.url)
    generate_dataset(tmp_path / "large", networks=300, seed=3)  # uploads for seconds
    large = build_graph(read_dataset(tmp_path / "large"))
    process = subprocess.Popen(
        [sys.executable, "-m", "fks_graph", "build", "-q", str(tmp_path / "large"),
         "--store", server.url]
    )  # fmt: skip
    time.sleep(after)
    process.kill()
    process.wait(30)
    assert process.returncode == -9, "the build ended before it could be killed"
    time.sleep(0.5)
    assert set(load_store(server.url + "#innovationstag-2014")) == set(graph_2014)
    if graph_name(large) in dataset_graphs(server.url):
        slug = graph_name(large).rpartition("/")[2]
        assert set(load_store(f"{server.url}#{slug}")) == set(large)
    else:
        assert set(load_store(server.url)) == set(graph_2014)


def test_a_graph_larger_than_one_request_goes_in_parts(server, graph_2014, small_dataset):
    small = build_graph(read_dataset(small_dataset))
    remote = RemoteStore(server.url)
    remote.put_graph(graph_name(small), oxigraph_store(small))
    remote.put_graph(GRAPH_2014, oxigraph_store(graph_2014))
    # a staging graph an interrupted load left behind
    remote.update(
        f"INSERT DATA {{ GRAPH <{GRAPH_2014}/staging/old> {{ <a:b> <a:c> 1 }} }}".encode()
    )
    remote.put_graph(GRAPH_2014, oxigraph_store(graph_2014), max_request=20_000)  # ten parts
    assert sorted(remote.graphs()) == sorted([GRAPH_2014, graph_name(small)])
    assert set(load_store(server.url + "#innovationstag-2014")) == set(graph_2014)
    assert set(load_store(server.url)) == set(graph_2014) | set(small)


def test_the_store_keeps_its_graphs_across_a_server_restart(server, graph_2014):
    save_graph(graph_2014, server.url)
    server.stop()
    server.start()
    assert set(load_store(server.url)) == set(graph_2014)


def test_unreachable_and_wrong_urls_are_clear(server):
    code, _, err = invoke("cross-actors", f"http://127.0.0.1:{free_port()}/query")
    assert code == 2
    assert "cannot reach the store at http://127.0.0.1:" in err
    code, _, err = invoke("cross-actors", f"http://127.0.0.1:{server.port}/nothing-here")
    assert code == 2
    assert "answered 404" in err


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://u:p@127.0.0.1:7878/query", "http://127.0.0.1:7878/query"),
        ("http://u:p@[::1]:7878/query", "http://[::1]:7878/query"),
        ("https://u@db.example.org/sparql#2014", "https://db.example.org/sparql"),
    ],
)
def test_credentials_leave_the_url(url, expected):
    assert RemoteStore(url).url == expected


def test_credentials_are_sent_and_never_shown(server, monkeypatch):
    store = RemoteStore(f"http://someone:pa55word@127.0.0.1:{server.port}/query")
    assert store.url == server.url
    assert store._headers["Authorization"].startswith("Basic ")
    with pytest.raises(UsageError) as caught:
        RemoteStore(f"http://someone:pa55word@127.0.0.1:{server.port}/nope").select("ASK {}")
    assert "pa55word" not in str(caught.value)
    monkeypatch.setenv("FKS_STORE_TOKEN", "t0ken")
    assert RemoteStore(server.url)._headers["Authorization"] == "Bearer t0ken"


# ------------------------------------------------------- fks-graph serve as the remote store


def serve(store: Path, token: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "fks_graph", "serve", str(store), "--port", str(port),
         "--allow-update"],
        env={**os.environ, "FKS_SERVE_TOKEN": token},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    wait_for(f"http://127.0.0.1:{port}/", process)
    return process, f"http://127.0.0.1:{port}/sparql"


def test_serve_writes_updates_into_a_store_folder_that_persist(tmp_path, graph_2014, monkeypatch):
    store = tmp_path / "store"
    save_graph(graph_2014, store)
    process, url = serve(store, "s3cret")
    try:
        monkeypatch.setenv("FKS_STORE_TOKEN", "wrong")
        with pytest.raises(UsageError, match="answered 403"):
            RemoteStore(url).update(
                b"INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }"
            )
        monkeypatch.setenv("FKS_STORE_TOKEN", "s3cret")
        RemoteStore(url).update(
            f"INSERT DATA {{ GRAPH <{GRAPH_2014}> {{ <https://example.org/a> "
            f"<https://example.org/b> 'kept' }} }}".encode()
        )
        asked = RemoteStore(url).select("SELECT ?o WHERE { <https://example.org/a> ?p ?o }")
        assert [row[0].value for row in asked] == ["kept"]  # the named graphs are the default
    finally:
        process.terminate()
        process.wait(30)
        process.stderr.close()
    assert process.returncode == 0
    code, out, _ = invoke("query", store, "SELECT ?o WHERE { <https://example.org/a> ?p ?o }")
    assert code == 0
    assert "kept" in out
