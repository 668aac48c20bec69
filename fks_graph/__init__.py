"""fks-graph: the knowledge graph of the German regional networks for securing skilled workers.

The flow runs one way: input files → typed records (:mod:`fks_graph.input`) → RDF graph
(:mod:`fks_graph.graph`) → consumers that only read the graph (validation, queries, ...).

>>> import fks_graph
>>> callable(fks_graph.read_dataset) and callable(fks_graph.build_graph)
True
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("fks-graph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

from fks_graph.errors import FksError, InputError, Problem, UsageError
from fks_graph.graph.build import build_graph
from fks_graph.graph.files import load_graph, write_graph
from fks_graph.input.read import read_dataset
from fks_graph.namespace import FKS

__all__ = [
    "FKS",
    "FksError",
    "InputError",
    "Problem",
    "UsageError",
    "__version__",
    "build_graph",
    "load_graph",
    "read_dataset",
    "write_graph",
]
