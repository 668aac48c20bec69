"""Opening what a command is given: a dataset, a graph file or a store, and what is said."""

from __future__ import annotations

from pathlib import Path

import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.graph.files import write_graph
from fks_graph.source import open_graph

from .conftest import DATA_2014


@pytest.mark.parametrize("name", ["foreign.ttl", "foreign.nt"])
def test_a_graph_without_networks_is_opened_with_a_warning(tmp_path: Path, name: str) -> None:
    """Another tool's graph: validation passes and every table is empty, so it is said."""
    path = tmp_path / name
    path.write_text("<http://ex.org/a> <http://ex.org/p> <http://ex.org/b> .\n", encoding="utf-8")
    warnings = []
    graph = open_graph(path, warn=warnings.append)
    assert len(graph) == 1
    (warning,) = warnings
    assert (warning.file, warning.severity) == (str(path), "warning")
    assert warning.message.startswith("the graph holds no network")


def test_a_built_graph_and_a_dataset_are_opened_without_a_word(tmp_path: Path) -> None:
    warnings = []
    built = write_graph(build_graph(read_dataset(DATA_2014)), tmp_path / "g.ttl")
    for source in (built, DATA_2014):
        open_graph(source, warn=warnings.append)
    assert warnings == []
