"""Graph files: every format round-trips, an independent parser reads them, writes are atomic."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from fks_graph.core.errors import InputError, UsageError
from fks_graph.graph import files
from fks_graph.graph.build import build_graph
from fks_graph.graph.files import format_for, graph_name, load_graph, write_graph
from fks_graph.graph.rdf import new_graph
from fks_graph.input.read import read_dataset

SUFFIXES = [".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"]
GRAPH_2014 = "https://w3id.org/fks-graph/data/graph/innovationstag-2014"


@pytest.fixture
def graph(small_dataset: Path) -> Graph:
    return build_graph(read_dataset(small_dataset))


def _plain(graph: Graph) -> Graph:
    plain = Graph()
    for triple in graph:
        plain.add(triple)
    return plain


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_format_round_trips(graph: Graph, tmp_path: Path, suffix: str) -> None:
    path = write_graph(graph, tmp_path / f"graph{suffix}")
    again = load_graph(path)
    assert len(again) == len(graph)
    assert isomorphic(_plain(again), _plain(graph))


# rdflib's own quad and JSON-LD parsers warn about its deprecated ConjunctiveGraph
@pytest.mark.filterwarnings("ignore:.*(ConjunctiveGraph|Dataset)::rdflib")
@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_rdflib_reads_what_we_write(graph: Graph, tmp_path: Path, suffix: str) -> None:
    path = write_graph(graph, tmp_path / f"graph{suffix}")
    rdflib_format = {
        ".ttl": "turtle",
        ".nt": "nt",
        ".nq": "nquads",
        ".trig": "trig",
        ".jsonld": "json-ld",
        ".rdf": "xml",
    }[suffix]
    if suffix in {".nq", ".trig"}:
        from rdflib import Dataset

        parsed = Dataset()
        parsed.parse(path, format=rdflib_format)
        assert len(list(parsed.quads())) == len(graph)
    else:
        assert len(Graph().parse(path, format=rdflib_format)) == len(graph)


def test_a_plain_rdflib_graph_is_written_like_its_oxigraph_graph(
    graph: Graph, tmp_path: Path
) -> None:
    built = write_graph(graph, tmp_path / "built.nt").read_text(encoding="utf-8")
    plain = write_graph(_plain(graph), tmp_path / "plain.nt").read_text(encoding="utf-8")
    assert sorted(plain.splitlines()) == sorted(built.splitlines())


@pytest.mark.parametrize(
    ("suffix", "syntax"),
    [
        (".ttl", "turtle"),
        (".nt", "ntriples"),
        (".trig", "trig"),
        (".rdf", "rdfxml"),
        (".nq", "nquads"),
    ],
)
def test_rapper_parses_what_we_write(
    graph: Graph, tmp_path: Path, rapper: str, suffix: str, syntax: str
) -> None:
    path = write_graph(graph, tmp_path / f"graph{suffix}")
    result = subprocess.run(
        [rapper, "-i", syntax, "-c", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert f"returned {len(graph)} triples" in result.stderr


def test_quad_formats_use_the_graph_iri(graph: Graph, tmp_path: Path) -> None:
    text = write_graph(graph, tmp_path / "graph.nq").read_text(encoding="utf-8")
    assert all(
        line.endswith("<https://w3id.org/fks-graph/data/graph/small> .")
        for line in text.splitlines()
    )


def test_writes_utf8(graph: Graph, tmp_path: Path) -> None:
    assert "Bündnis Nord" in write_graph(graph, tmp_path / "g.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "char"), [("IHK\x1b[2J", "U+001B"), ("a\x01b", "U+0001"), ("x\ufffe", "U+FFFE")]
)
def test_rdf_xml_refuses_what_xml_cannot_hold(tmp_path: Path, text: str, char: str) -> None:
    """A literal from a graph file may hold it; written, the RDF/XML would be ill-formed."""
    graph = new_graph()
    subject, predicate = URIRef("https://ex.org/a"), URIRef("https://ex.org/p")
    graph.add((subject, predicate, Literal(text)))
    target = tmp_path / "g.rdf"
    target.write_text("previous", encoding="utf-8")
    message = f"g.rdf: the graph holds a character RDF/XML cannot hold ({char} in a literal)"
    with pytest.raises(UsageError, match=re.escape(message)):
        write_graph(graph, target)
    assert target.read_text(encoding="utf-8") == "previous"
    written = Graph().parse(write_graph(graph, tmp_path / "g.nt"))  # N-Triples can hold it
    assert written.value(subject, predicate) == Literal(text)


@pytest.mark.parametrize("name", ["graph.ttl", "graph.nq"])
def test_failed_write_leaves_the_existing_file(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    target = tmp_path / "out" / name
    target.parent.mkdir()
    target.write_text("previous", encoding="utf-8")

    def broken(*args, **kwargs):
        out = next(a for a in args if isinstance(a, Path))  # Oxigraph writes to the path
        out.write_bytes(b"half a graph")
        raise OSError("disk full")

    class BrokenStore:  # triples are written by the store itself, quads by ox.serialize
        def __init__(self, store):
            self.quads_for_pattern = store.quads_for_pattern
            self.dump = broken

    real = files.oxigraph_store
    monkeypatch.setattr(files, "oxigraph_store", lambda g: BrokenStore(real(g)))
    monkeypatch.setattr(files.ox, "serialize", broken)
    with pytest.raises(OSError, match="disk full"):
        write_graph(graph, target)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in target.parent.iterdir()] == [name]


@pytest.mark.parametrize(
    ("name", "path", "expected"),
    [
        (None, "x.ttl", ox.RdfFormat.TURTLE),
        (None, "x.NT", ox.RdfFormat.N_TRIPLES),
        ("ttl", "x.out", ox.RdfFormat.TURTLE),
        ("json-ld", "x", ox.RdfFormat.JSON_LD),
        ("TriG", "x", ox.RdfFormat.TRIG),
    ],
)
def test_format_for(name: str | None, path: str, expected: ox.RdfFormat) -> None:
    assert format_for(path, name) == expected


@pytest.mark.parametrize(
    ("name", "path", "match"),
    [
        (None, "x.csv", "cannot tell the RDF format of 'x.csv'"),
        ("yaml", "x.ttl", "unknown format 'yaml'"),
    ],
)
def test_format_for_rejects(name: str | None, path: str, match: str) -> None:
    with pytest.raises(UsageError, match=match):
        format_for(path, name)


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ('@prefix ex: <https://ex.org/> .\nex:a ex:p ex:b .\nex:a ex:p "open .\n', 3),
        ("<https://ex.org/a> <https://ex.org/p> <not an iri> .\n", 1),
    ],
)
def test_load_reports_syntax_errors_with_their_line(tmp_path: Path, text: str, row: int) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl") as info:
        load_graph(path)
    assert info.value.problems[0].row == row


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("g.ttl", "<a> <p> <b> ."),  # parsed and stored by Oxigraph itself
        ("g.trig", "<g> { <a> <p> <b> . }"),  # named graphs merged into the default graph
    ],
)
def test_load_resolves_relative_iris_against_the_file(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (triple,) = list(load_graph(path))
    assert str(triple[0]) == (tmp_path / "a").resolve().as_uri()


def test_load_reports_syntax_errors_of_dataset_formats(tmp_path: Path) -> None:
    path = tmp_path / "bad.trig"
    path.write_text("<https://ex.org/g> {\n<https://ex.org/a> <https://ex.org/p> .\n}\n")
    with pytest.raises(InputError, match=r"bad\.trig, row 2: not valid TriG"):
        load_graph(path)


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such graph file"):
        load_graph(tmp_path / "missing.ttl")


def test_a_graph_names_itself(data_2014: Path) -> None:
    assert graph_name(build_graph(read_dataset(data_2014))) == GRAPH_2014


def test_a_graph_without_provenance_names_none() -> None:
    assert graph_name(new_graph()) is None


def test_a_union_of_datasets_names_none(graph: Graph, data_2014: Path) -> None:
    assert graph_name(graph) is not None
    assert graph_name(graph + build_graph(read_dataset(data_2014))) is None


def test_quads_go_to_the_graph_the_graph_names(graph: Graph, tmp_path: Path) -> None:
    quads = list(ox.parse(path=write_graph(graph, tmp_path / "g.nq")))
    assert {quad.graph_name for quad in quads} == {ox.NamedNode(graph_name(graph))}


def test_quads_of_a_graph_without_name_go_to_the_default_graph(tmp_path: Path) -> None:
    unnamed = new_graph()
    unnamed.add((URIRef("https://ex.org/a"), URIRef("https://ex.org/p"), Literal("x")))
    path = write_graph(unnamed, tmp_path / "g.nq")
    assert path.read_text(encoding="utf-8") == '<https://ex.org/a> <https://ex.org/p> "x" .\n'


@pytest.mark.parametrize("name", ["long.ttl", "long.nt"])
def test_a_term_longer_than_the_parser_reads_is_an_input_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(f'<https://ex.org/a> <https://ex.org/p> "{"x" * 17_000_000}" .\n', "utf-8")
    with pytest.raises(InputError, match=rf"{name}: a term .* is longer than Oxigraph's parser"):
        load_graph(path)


def test_rdf_xml_with_a_term_longer_than_the_others_allow_is_refused_before_parsing(
    tmp_path: Path,
) -> None:
    """RDF/XML's parser has no bound of its own: a 1 GB literal took 3 GB of memory."""
    head = (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="https://ex.org/"><rdf:Description rdf:about="https://ex.org/a"><ex:p>'
    )
    tail = "</ex:p></rdf:Description></rdf:RDF>\n"
    path = tmp_path / "long.rdf"
    path.write_text(head + "x" * (files.MAX_TERM + 1) + tail, "utf-8")
    with pytest.raises(InputError, match=r"long\.rdf: a term .* is longer than 16 MiB"):
        load_graph(path)
    path.write_text(head + "x" * (files.MAX_TERM - 100) + tail, "utf-8")
    assert len(load_graph(path)) == 1


@pytest.mark.parametrize(("name", "content"), [("empty.ttl", ""), ("empty.jsonld", "{}")])
def test_a_graph_file_without_triples_is_an_input_error(
    tmp_path: Path, name: str, content: str
) -> None:
    # `validate` said "the graph conforms", the other commands wrote empty results
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=rf"{name}: the graph file holds no triples"):
        load_graph(path)
