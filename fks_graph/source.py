"""Open what a command is given: a dataset is read and built, a graph file loaded, a store read."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib.namespace import ORG, RDF

from fks_graph.core.errors import InputError, Problem
from fks_graph.graph.files import is_graph_file, load_graph
from fks_graph.graph.iris import DEFAULT_BASE
from fks_graph.store.target import is_store, load_store

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["open_graph"]


def open_graph(
    path: str | os.PathLike[str],
    *,
    base: str = DEFAULT_BASE,
    warn: Callable[[Problem], None] | None = None,
) -> Graph:
    """The graph of ``path``: built from a dataset, loaded from a graph file, or read from a store.

    Parameters
    ----------
    path
        A dataset folder, an ``.xlsx`` workbook, a graph file (``.ttl``, ``.nt``, ...), or a
        store: a store folder or the ``http(s)://`` URL of a SPARQL endpoint, with ``#slug``
        to choose one dataset (see :func:`fks_graph.store.target.load_store`).
    base
        Base IRI of instance data when a dataset is built.
    warn
        Called with each warning found while reading a dataset, and when a graph file or
        store holds no network.

    Examples
    --------
    >>> from fks_graph.core.resources import ontology_path
    >>> len(open_graph(ontology_path())) > 100
    True
    >>> open_graph("no/such/place")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.InputError: no/such/place: no such file or folder
    """
    store = is_store(path)
    if store or (Path(path).is_file() and is_graph_file(path)):
        graph = load_store(path, base=base) if store else load_graph(path, base=base)
        if warn is not None and (None, RDF.type, ORG.OrganizationalCollaboration) not in graph:
            warn(  # another tool's graph, say: every result about the ecosystem is empty
                Problem(
                    str(path),
                    None,
                    None,
                    "the graph holds no network (org:OrganizationalCollaboration): is it one "
                    "fks-graph built? Results about networks and actors will be empty",
                    "warning",
                )
            )
        return graph
    path = Path(path)
    if not path.exists():
        raise InputError([Problem(str(path), None, None, "no such file or folder")])
    # a dataset: its reading and building are imported only for it (a graph file needs neither)
    from fks_graph.graph.build import build_graph
    from fks_graph.input.read import read_dataset

    dataset = read_dataset(path)
    for problem in dataset.warnings:
        if warn is not None:
            warn(problem)
    return build_graph(dataset, base=base)
