"""Read and write graph files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML), atomically."""

from __future__ import annotations

import mmap
import os
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import PROV

from fks_graph.core.atomic import atomic_path
from fks_graph.core.errors import InputError, Problem, UsageError
from fks_graph.core.text import not_xml
from fks_graph.graph.iris import DEFAULT_BASE
from fks_graph.graph.rdf import PREFIXES, graph_from_store, on_oxigraph, oxigraph_store

__all__ = [
    "FORMATS",
    "MAX_TERM",
    "format_for",
    "graph_name",
    "is_graph_file",
    "load_graph",
    "write_graph",
]

#: Format names (for ``--format``) and the file extensions that select them.
FORMATS: dict[str, tuple[ox.RdfFormat, tuple[str, ...]]] = {
    "turtle": (ox.RdfFormat.TURTLE, (".ttl", ".turtle")),
    "nt": (ox.RdfFormat.N_TRIPLES, (".nt", ".ntriples")),
    "nquads": (ox.RdfFormat.N_QUADS, (".nq", ".nquads")),
    "trig": (ox.RdfFormat.TRIG, (".trig",)),
    "jsonld": (ox.RdfFormat.JSON_LD, (".jsonld", ".json-ld")),
    "xml": (ox.RdfFormat.RDF_XML, (".rdf", ".owl", ".xml")),
}
_QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


def format_for(path: str | os.PathLike[str], name: str | None = None) -> ox.RdfFormat:
    """The RDF format named ``name``, or else the one the file extension of ``path`` selects.

    Examples
    --------
    >>> format_for("graph.ttl") == ox.RdfFormat.TURTLE
    True
    >>> format_for("graph.out", "nt") == ox.RdfFormat.N_TRIPLES
    True
    >>> format_for("graph.txt")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: cannot tell the RDF format of 'graph.txt': use one of the extensions .ttl, .nt, .nq, .trig, .jsonld, .rdf or --format turtle|nt|nquads|trig|jsonld|xml
    """
    if name is not None:
        key = name.lower().replace("-", "")
        aliases = {
            "ttl": "turtle",
            "ntriples": "nt",
            "nq": "nquads",
            "json": "jsonld",
            "rdfxml": "xml",
        }
        key = aliases.get(key, key)
        if key not in FORMATS:
            raise UsageError(f"unknown format '{name}' (use one of {', '.join(FORMATS)})")
        return FORMATS[key][0]
    suffix = Path(path).suffix.lower()
    for rdf_format, suffixes in FORMATS.values():
        if suffix in suffixes:
            return rdf_format
    raise UsageError(
        f"cannot tell the RDF format of '{Path(path).name}': use one of the extensions "
        ".ttl, .nt, .nq, .trig, .jsonld, .rdf or --format turtle|nt|nquads|trig|jsonld|xml"
    )


def is_graph_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a graph file by its extension (and not a dataset).

    Examples
    --------
    >>> is_graph_file("out/graph.ttl"), is_graph_file("tests/fixtures/innovationstag-2014")
    (True, False)
    """
    suffix = Path(path).suffix.lower()
    return any(suffix in suffixes for _, suffixes in FORMATS.values())


#: The longest term (a literal or IRI) read from a graph file: Oxigraph's parsers of the line
#: and Turtle formats stop there (at 16 MiB); RDF/XML files are checked for it before parsing.
MAX_TERM = 16 * 2**20


def _longest_text(path: Path) -> int:
    """The longest run of bytes without a ``<`` in a file: the longest text an XML element or
    attribute of it can hold, found in pieces without parsing."""
    longest = run = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            pieces = chunk.split(b"<")
            if len(pieces) == 1:
                run += len(chunk)
                continue
            longest = max(longest, run + len(pieces[0]), *(len(p) for p in pieces[1:-1]))
            run = len(pieces[-1])
    return max(longest, run)


def load_graph(
    path: str | os.PathLike[str], *, format: str | None = None, base: str = DEFAULT_BASE
) -> Graph:
    """Load a graph file; triples of all named graphs are merged into the default graph.

    Raises
    ------
    InputError
        When the file is missing or not valid RDF (with line and column of the error).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "g.nt"
    >>> _ = f.write_text('<https://ex.org/a> <https://ex.org/p> "x" .\\n', encoding="utf-8")
    >>> len(load_graph(f))
    1
    >>> _ = f.write_text('<https://ex.org/a> <https://ex.org/p> "x\\n', encoding="utf-8")
    >>> load_graph(f)
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.InputError: g.nt, row 1: not valid N-Triples: ...
    """
    path = Path(path)
    rdf_format = format_for(path, format)
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, "no such graph file")])
    store = ox.Store()
    base_iri = path.resolve().as_uri()
    if rdf_format == ox.RdfFormat.RDF_XML and _longest_text(path) > MAX_TERM:
        raise InputError(  # the XML parser has no bound of its own (a 1 GB literal: 3 GB)
            [
                Problem(
                    path.name,
                    None,
                    None,
                    f"a term (a literal or IRI) of the file is longer than {MAX_TERM // 2**20} "
                    "MiB, the most fks-graph reads",
                )
            ]
        )
    try:
        if rdf_format.supports_datasets:  # the named graphs' triples into the default graph
            quads = ox.parse(path=path, format=rdf_format, base_iri=base_iri)
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        else:  # parsed and stored by Oxigraph, no term objects (bench/README.md: design figures)
            store.load(path=path, format=rdf_format, base_iri=base_iri)
    except SyntaxError as exc:
        row = getattr(exc, "lineno", None)
        message = str(exc.msg if hasattr(exc, "msg") else exc)
        raise InputError(
            [Problem(path.name, row, None, f"not valid {rdf_format.name}: {message}")]
        ) from None
    except (OSError, ValueError) as exc:
        raise InputError(
            [Problem(path.name, None, None, f"cannot read the graph file: {exc}")]
        ) from None
    except MemoryError as exc:  # Oxigraph's parser reads a term within a bounded buffer
        if "buffer maximal size" not in str(exc):
            raise
        raise InputError(
            [
                Problem(
                    path.name,
                    None,
                    None,
                    "a term (a literal or IRI) of the file is longer than Oxigraph's parser "
                    f"reads at once ({exc})",
                )
            ]
        ) from None
    if len(store) == 0:  # an empty file (or `{}`) would pass for an ecosystem without networks
        raise InputError([Problem(path.name, None, None, "the graph file holds no triples")])
    return graph_from_store(store, base=base)


def graph_name(graph: Graph) -> str | None:
    """The IRI ``graph`` gives itself, or ``None`` unless it names exactly one such graph.

    A built graph describes itself: ``<graph> prov:wasDerivedFrom <dataset>``, generated by
    a build that ``prov:used`` the dataset (see :func:`fks_graph.graph.build.dataset_statements`).
    A graph without that provenance names none; the union of several datasets' graphs names
    several, and no one of them is its name. Callers decide what ``None`` means: a graph
    file writes the triples into the default graph, a store refuses the graph.

    Examples
    --------
    >>> from fks_graph.graph.rdf import new_graph
    >>> graph_name(new_graph()) is None
    True
    >>> from fks_graph import build_graph, read_dataset
    >>> graph_name(build_graph(read_dataset("tests/fixtures/innovationstag-2014")))
    'https://w3id.org/fks-graph/data/graph/innovationstag-2014'
    """
    names = {
        str(name)
        for name, build in graph.subject_objects(PROV.wasGeneratedBy)  # few: graph, generation
        for dataset in graph.objects(build, PROV.used)
        if (name, PROV.wasDerivedFrom, dataset) in graph
    }
    return names.pop() if len(names) == 1 else None


def _check_xml(written: Path, path: Path) -> None:
    """Refuse an RDF/XML file that holds a character XML cannot hold (a literal from a graph
    file or a store may): no parser would read it, and XML cannot escape it."""
    if written.stat().st_size == 0:
        return
    with (
        written.open("rb") as handle,
        mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
    ):
        char = not_xml(data)
    if char is not None:
        raise UsageError(
            f"{path}: the graph holds a character RDF/XML cannot hold ({char} in a literal); "
            "write it as Turtle, N-Triples or JSON-LD"
        )


def write_graph(
    graph: Graph,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    name: str | None = None,
) -> Path:
    """Write ``graph`` to ``path`` atomically (a temporary file renamed into place).

    A failed write leaves an existing file untouched. Formats with named graphs (TriG,
    N-Quads) put the triples into the named graph ``name`` (by default the graph's own IRI
    from its build provenance).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fks_graph.graph.rdf import new_graph
    >>> from rdflib import URIRef, Literal
    >>> g = new_graph()
    >>> g.add((URIRef("https://ex.org/a"), URIRef("https://ex.org/p"), Literal("ä")))
    <Graph identifier=urn:x-rdflib:default (<class 'rdflib.graph.Graph'>)>
    >>> out = write_graph(g, pathlib.Path(tempfile.mkdtemp()) / "g.nt")
    >>> out.read_text(encoding="utf-8")
    '<https://ex.org/a> <https://ex.org/p> "ä" .\\n'
    """
    path = Path(path)
    rdf_format = format_for(path, format)
    store = oxigraph_store(on_oxigraph(graph))  # a plain rdflib graph: a copy
    prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces()} or PREFIXES
    # Oxigraph writes to a path itself, without Python's lock (to a Python file object it
    # takes the lock for every buffer): the pages are drawn meanwhile
    with atomic_path(path) as temporary:
        if rdf_format not in _QUAD_FORMATS:
            # the store writes its default graph itself, in subject order (Turtle groups by
            # subject): much faster than handing it the triples one by one
            store.dump(temporary, rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes)
            if rdf_format == ox.RdfFormat.RDF_XML:
                _check_xml(temporary, path)
            return path
        triples = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        target = name or graph_name(graph)
        named = ox.NamedNode(target) if target else ox.DefaultGraph()
        items = (ox.Quad(q.subject, q.predicate, q.object, named) for q in triples)
        ox.serialize(items, temporary, rdf_format, prefixes=prefixes)
    return path
