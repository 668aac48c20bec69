"""fks-graph: the knowledge graph of the German regional networks for securing skilled workers.

The flow runs one way: input files → typed records (:mod:`fks_graph.input`) → RDF graph
(:mod:`fks_graph.graph`) → consumers that only read the graph (validation, queries, ...).

The entry points below are imported on first use, so that ``import fks_graph`` and
``fks-graph --help`` load neither rdflib nor numpy; each command imports what it needs.

>>> import fks_graph
>>> callable(fks_graph.read_dataset) and callable(fks_graph.build_graph)
True
"""

from __future__ import annotations

import importlib

from fks_graph.core.errors import FksError, InputError, Problem, UsageError

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

# name -> the module that defines it, imported when the name is first used
_LAZY = {
    "FKS": "fks_graph.terms.namespace",
    "build_graph": "fks_graph.graph.build",
    "load_graph": "fks_graph.graph.files",
    "read_dataset": "fks_graph.input.read",
    "write_graph": "fks_graph.graph.files",
}


def __getattr__(name: str) -> object:
    if name == "__version__":
        from fks_graph.core.version import version

        value: object = version()
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module 'fks_graph' has no attribute {name!r}")
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
