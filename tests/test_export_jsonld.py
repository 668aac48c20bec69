"""JSON-LD export, read back with rdflib's JSON-LD parser and the shipped context (no fetch)."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from pyld import jsonld
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import ORG

from fks_graph.core.errors import UsageError
from fks_graph.core.resources import ontology_path
from fks_graph.export.jsonld import (
    check_jsonld_view,
    context,
    context_path,
    jsonld_document,
    write_jsonld,
)
from fks_graph.export.views import view_graph
from fks_graph.graph.rdf import new_graph
from fks_graph.terms.namespace import FKS, FKS_NAMESPACE

from .export_data import HOSTILE, export_graph, iri

# rdflib's JSON-LD parser builds a ConjunctiveGraph internally, which rdflib 7.6 deprecates
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return export_graph(tmp_path_factory.mktemp("jsonld"))


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to fetch the published context fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access: {args}")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def _parse(path: Path) -> Graph:
    """The export as RDF, read by rdflib: the document carries its context."""
    assert isinstance(json.loads(path.read_text(encoding="utf-8"))["@context"], dict)
    return Graph().parse(path, format="json-ld")


def _offline_loader(url: str, options: object = None) -> dict[str, object]:
    """pyld's document loader for local files only: any other URL fails the test."""
    parts = urllib.parse.urlsplit(url)
    assert parts.scheme == "file", f"network access: {url}"
    document = json.loads(Path(urllib.request.url2pathname(parts.path)).read_text("utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def test_triples_are_the_graphs_own(graph: Graph, tmp_path: Path) -> None:
    (out,) = write_jsonld(graph, tmp_path / "g.jsonld")
    read = _parse(out)
    shortcut = {(s, o) for s, p, o in read if p == ORG.memberOf}
    own = [(s, p, o) for s, p, o in read if p != ORG.memberOf and not isinstance(s, BNode)]
    assert own
    assert [t for t in own if t not in graph] == []
    B = view_graph(graph)
    actors = {node for node, kind in B.nodes(data="kind") if kind == "actor"}
    edges = {(u, v) if u in actors else (v, u) for u, v in B.edges}
    assert shortcut == {(URIRef(actor), URIRef(network)) for actor, network in edges}


def test_reads_back_as_the_same_views(graph: Graph, tmp_path: Path) -> None:
    """Parsed and merged with the ontology (for the codes), the JSON-LD gives the same views."""
    (out,) = write_jsonld(graph, tmp_path / "g.jsonld")
    read = new_graph()
    for triple in _parse(out):
        read.add(triple)
    read.parse(ontology_path(), format="turtle")
    for view in ("bipartite", "networks"):
        expected, got = view_graph(graph, view), view_graph(read, view)
        assert dict(got.nodes(data=True)) == dict(expected.nodes(data=True))
        assert {frozenset(e): d for *e, d in got.edges(data=True)} == {
            frozenset(e): d for *e, d in expected.edges(data=True)
        }
    names = {
        str(o) for o in read.objects(None, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
    }
    assert set(HOSTILE[:5]) | {"<script>alert('x')</script>"} <= names


@pytest.mark.parametrize("embed_context", [True, False])
def test_pyld_reads_the_export_offline(graph: Graph, tmp_path: Path, embed_context: bool) -> None:
    """pyld, an independent JSON-LD processor, gives the triples rdflib reads, without a fetch."""
    written = write_jsonld(graph, tmp_path / "g.jsonld", embed_context=embed_context)
    assert [p.name for p in written] == ["g.jsonld"] + ([] if embed_context else ["context.jsonld"])
    document = json.loads(written[0].read_text(encoding="utf-8"))
    options = {"base": written[0].as_uri(), "documentLoader": _offline_loader}
    assert jsonld.expand(document, options)
    nquads = jsonld.to_rdf(document, {**options, "format": "application/n-quads"})
    read = Graph().parse(data=nquads, format="nt")
    expected = _parse(write_jsonld(graph, tmp_path / "embedded.jsonld")[0])
    assert len(read) == len(expected)
    named = {t for t in read if not isinstance(t[0], BNode)}
    assert named == {t for t in expected if not isinstance(t[0], BNode)}


def test_json_users_get_short_keys(graph: Graph) -> None:
    document = jsonld_document(graph)
    ihk = next(node for node in document["@graph"] if node.get("identifier") == "IHK-AC")
    assert ihk["type"] == "Actor"
    assert ihk["actorType"] == "chamber_of_commerce"
    assert ihk["memberOf"] == [iri("network", "N1"), iri("network", "N2")]
    first = ihk["memberships"][0]
    assert first["organization"] == iri("network", "N1")
    assert first["role"] == "coordinator"
    assert first["during"]["begin"]["year"] == "2011"
    assert {m["metric"] for m in ihk["measurements"]} >= {"degree", "betweenness", "broker"}
    network = next(node for node in document["@graph"] if node.get("identifier") == "N1")
    assert network["land"] == ["DE-NW", "DE-RP"]
    pairs = [node for node in document["@graph"] if "measureOf" in node]
    assert pairs
    assert all(node["metric"] == "jaccard" and len(node["measureOf"]) == 2 for node in pairs)


def test_hostile_text_is_plain_json(graph: Graph, tmp_path: Path) -> None:
    (out,) = write_jsonld(graph, tmp_path / "g.jsonld")
    text = out.read_text(encoding="utf-8")
    assert 'Bündnis \\"Fachkräfte\\" <Nord> & Süd' in text  # UTF-8, JSON-escaped quotes only


def test_context_terms_are_defined() -> None:
    """Every fks: term of the context is a term of the ontology (FKS raises for others)."""
    terms = context()
    assert terms["@version"] == 1.1
    fks_terms = []
    for key, value in terms.items():
        if key.startswith("@"):
            continue
        target = value if isinstance(value, str) else value.get("@id") or value.get("@reverse")
        if isinstance(target, str) and target.startswith("fks:"):
            fks_terms.append(target[4:])
    assert fks_terms
    for term in fks_terms:
        assert str(getattr(FKS, term)).startswith(FKS_NAMESPACE)
    assert context_path().parent == ontology_path().parent


@pytest.mark.parametrize("view", ["actors", "networks"])
def test_only_the_bipartite_view(graph: Graph, tmp_path: Path, view: str) -> None:
    with pytest.raises(UsageError, match=f"writes the bipartite projection .*, not '{view}'"):
        write_jsonld(graph, tmp_path / "g.jsonld", view)
    assert not (tmp_path / "g.jsonld").exists()
    assert check_jsonld_view("bipartite") == "bipartite"


def test_an_unanalysed_graph_has_no_measurements(tmp_path: Path) -> None:
    document = jsonld_document(export_graph(tmp_path, analysed=False))
    assert not [
        node for node in document["@graph"] if "measurements" in node or "measureOf" in node
    ]


@pytest.mark.parametrize(
    ("name", "before", "message"),
    [
        ("context.jsonld", None, "the context is written as context.jsonld"),
        ("g.jsonld", '{"mine": true}', "is there and is not fks-graph's context"),
    ],
)
def test_a_linked_context_never_replaces_another_file(
    graph: Graph, tmp_path: Path, name: str, before: str | None, message: str
) -> None:
    context = tmp_path / "context.jsonld"
    if before is not None:
        context.write_text(before, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        write_jsonld(graph, tmp_path / name, embed_context=False)
    assert not (tmp_path / "g.jsonld").exists()
    assert (context.read_text(encoding="utf-8") if context.exists() else None) == before
    if before is not None:  # its own context, written before, is written again
        context.unlink()
        write_jsonld(graph, tmp_path / name, embed_context=False)
        assert len(write_jsonld(graph, tmp_path / name, embed_context=False)) == 2
