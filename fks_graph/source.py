"""Open what a command is given: a dataset (folder or XLSX) is read and built, a graph file loaded."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from fks_graph.errors import InputError, Problem
from fks_graph.graph.build import build_graph
from fks_graph.graph.files import is_graph_file, load_graph
from fks_graph.graph.iris import DEFAULT_BASE
from fks_graph.input.read import read_dataset

__all__ = ["open_graph"]


def open_graph(
    path: str | os.PathLike[str],
    *,
    base: str = DEFAULT_BASE,
    warn: Callable[[Problem], None] | None = None,
) -> Graph:
    """The graph of ``path``: built from a dataset folder or workbook, or loaded from a graph file.

    Parameters
    ----------
    path
        A dataset folder, an ``.xlsx`` workbook, or a graph file (``.ttl``, ``.nt``, ...).
    base
        Base IRI of instance data when a dataset is built.
    warn
        Called with each warning found while reading a dataset.

    Examples
    --------
    >>> from fks_graph.resources import ontology_path
    >>> len(open_graph(ontology_path())) > 100
    True
    >>> open_graph("no/such/place")
    Traceback (most recent call last):
    ...
    fks_graph.errors.InputError: no/such/place: no such file or folder
    """
    path = Path(path)
    if not path.exists():
        raise InputError([Problem(str(path), None, None, "no such file or folder")])
    if path.is_file() and is_graph_file(path):
        return load_graph(path, base=base)
    dataset = read_dataset(path)
    for problem in dataset.warnings:
        if warn is not None:
            warn(problem)
    return build_graph(dataset, base=base)
