"""The main job against the naive stack: same graph, answers and measures, only faster."""

from __future__ import annotations

import csv
import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, RDF, XSD

from fks_graph import read_dataset
from fks_graph.analysis.cross_actors import cross_actors, to_csv
from fks_graph.core.errors import UsageError
from fks_graph.core.resources import ontology_path, shapes_path
from fks_graph.graph.build import dataset_triples
from fks_graph.pipeline import MANIFEST, run
from fks_graph.source import open_graph
from fks_graph.sparql.library import load_query
from fks_graph.synthetic.generate import generate_dataset
from fks_graph.terms.namespace import FKS

from .conftest import DATA_2014, ROOT


def _naive_graph(data: Path) -> Graph:
    """The dataset's graph the plain way: rdflib's default store, triple by triple."""
    graph = Graph()
    graph.parse(ontology_path())
    for quad in dataset_triples(read_dataset(data)):
        terms = []
        for term in (quad.subject, quad.predicate, quad.object):
            if term.__class__.__name__ == "NamedNode":
                terms.append(URIRef(term.value))
            elif term.language:
                terms.append(Literal(term.value, lang=term.language))
            else:
                datatype = term.datatype.value  # xsd:string is a plain literal in rdflib
                plain = datatype == str(XSD.string)
                terms.append(Literal(term.value, datatype=None if plain else URIRef(datatype)))
        graph.add(tuple(terms))
    return graph


@pytest.fixture(scope="module", params=["2014", "generated"])
def case(request, tmp_path_factory):
    """A dataset, what the main job wrote for it, and the naive stack's graph of it."""
    if request.param == "2014":
        data = DATA_2014
    else:
        data = tmp_path_factory.mktemp("gen") / "n8"
        generate_dataset(data, networks=8, seed=7)
    out = tmp_path_factory.mktemp("out")
    result = run(data, out)
    return data, out, result, _naive_graph(data)


def _without_analysis(graph: Graph) -> Graph:
    """The graph minus what the analysis added (its run and measurements)."""
    analysis = {s for s in graph.subjects() if "/analysis/" in str(s)}
    kept = Graph()
    for triple in graph:
        if triple[0] not in analysis:
            kept.add(triple)
    return kept


def test_same_graph_as_the_naive_stack(case):
    _, out, _, naive = case
    ours = _without_analysis(Graph().parse(out / "graph.nt"))
    assert len(ours) == len(naive)
    assert isomorphic(ours, naive)


def test_same_cross_network_actors_as_rdflib_sparql(case):
    _, out, result, naive = case
    query = load_query("cross-network-actors").text
    rows = naive.query(query, initBindings={"min_networks": Literal(2)})
    expected = {str(row.actor): int(row.network_count) for row in rows}
    with (out / "cross-actors.csv").open(encoding="utf-8") as table:
        found = {row["actor"]: int(row["network_count"]) for row in csv.DictReader(table)}
    assert found == expected
    assert len(result.cross_actors) == len(expected)


def test_cross_actors_file_is_the_answer_of_the_cross_actors_command(case):
    # the main job reads them off the analysis' actor–network graph, not the query
    _, out, result, _ = case
    answer = cross_actors(open_graph(out / "graph.nt"), min_networks=1)
    assert len(answer) > 10
    answer = [actor for actor in answer if actor.network_count >= 2]
    assert (out / "cross-actors.csv").read_bytes() == to_csv(answer).encode("utf-8")
    assert list(result.cross_actors) == answer


def test_same_betweenness_as_networkx(case):
    _, out, _, naive = case
    rows = naive.query(
        "SELECT ?a ?n WHERE { ?m org:member ?a ; org:organization ?n }", initNs={"org": ORG}
    )
    B = nx.Graph((str(a), str(n)) for a, n in rows)
    expected = nx.betweenness_centrality(B)
    with (out / "analysis" / "actors.csv").open(encoding="utf-8") as table:
        found = {row["actor"]: float(row["betweenness"]) for row in csv.DictReader(table)}
    members = {a for a in found if a in expected}
    assert members == {str(a) for a, _ in rows}
    assert {a: found[a] for a in members} == pytest.approx({a: expected[a] for a in members})


def test_same_verdict_as_pyshacl_on_rdflib(case):
    _, _, result, naive = case
    conforms, _, _ = pyshacl.validate(naive, shacl_graph=Graph().parse(shapes_path()))
    assert result.report.conforms is conforms is True


def _manifest_files(out: Path) -> list[str]:
    return json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]


def _files(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())


def test_a_second_run_replaces_the_folder_whole(small_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(DATA_2014, out)
    (out / "analysis" / "stale.csv").write_text("from an older version", encoding="utf-8")
    result = run(small_dataset, out)
    assert result.networks == 2
    assert all(path.is_file() for path in result.files)
    assert {out / "overview.html", out / "map.html"} <= set(result.files)  # the map beside
    assert result.analysis.report == out / "analysis" / "report.html"
    assert _files(out) == sorted([*_manifest_files(out), MANIFEST])  # nothing else
    assert "Bündnis Nord" in (out / "graph.ttl").read_text(encoding="utf-8")
    assert "sensorik" not in (out / "analysis" / "networks.csv").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.glob("*out*")) == [".out.lock", "out"]


def test_a_killed_run_leaves_the_previous_folder_and_no_leftovers(
    small_dataset: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run(small_dataset, out)
    before = {name: (out / name).read_bytes() for name in _manifest_files(out)}
    generate_dataset(tmp_path / "big", networks=60, seed=3)
    command = [sys.executable, "-m", "fks_graph", "run", tmp_path / "big", "-o", out, "-q"]
    process = subprocess.Popen(command, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:  # kill -9 once the new folder beside it holds files
        deadline = time.monotonic() + 120
        while not any(p.is_file() for p in tmp_path.glob(".out.new-*.tmp/**/*")):
            assert process.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.005)
    finally:
        process.kill()
        process.wait()
    assert list(tmp_path.glob(".out.*.tmp"))  # the killed run's leftovers
    assert {name: (out / name).read_bytes() for name in _manifest_files(out)} == before
    run(small_dataset, out)
    assert not list(tmp_path.glob(".out.*.tmp"))  # removed by the next run
    assert _files(out) == sorted([*before, MANIFEST])


def test_a_folder_with_other_files_is_refused(small_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("keep me", encoding="utf-8")
    with pytest.raises(UsageError, match="holds files that fks-graph did not write"):
        run(small_dataset, out)
    assert _files(out) == ["thesis.docx"]


def test_two_runs_into_one_folder_at_once(small_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with (tmp_path / ".out.lock").open("a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another run holds the folder
        with pytest.raises(UsageError, match="is being written by another fks-graph run"):
            run(small_dataset, out)
    assert not out.exists()


def test_the_measurements_are_in_the_graph(case) -> None:
    _, out, result, _ = case
    written = Graph().parse(out / "graph.nt")
    measured = set(written.subjects(RDF.type, FKS.Measurement))
    assert len(measured) > 0
    assert measured < {URIRef(s.split(">", 1)[0][1:]) for s in result.analysis.measurements}
    assert result.triples == len(written)
