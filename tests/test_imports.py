"""Starting is quick: the package and the command line import no heavy library until used."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    "rdflib",
    "oxrdflib",
    "networkx",
    "numpy",
    "scipy",
    "numba",
    "llvmlite",
    "openpyxl",
    "rapidfuzz",
    "pyvis",
    "igraph",
    "pyshacl",
    "jinja2",
)


def _imported(code: str) -> list[str]:
    """The heavy top-level packages a fresh interpreter has imported after ``code``."""
    script = (
        f"import sys\n{code}\nimport json\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    "code",
    [
        "import fks_graph",
        "import fks_graph.cli",
        "from fks_graph import FksError, UsageError",
        (
            "from fks_graph.cli import app\n"
            "from typer.testing import CliRunner\n"
            "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
            "assert CliRunner().invoke(app, ['cross-actors', '--help']).exit_code == 0"
        ),
    ],
)
def test_starting_imports_no_heavy_library(code: str) -> None:
    assert _imported(code) == []


def test_the_entry_points_are_there_when_used() -> None:
    assert {"rdflib", "oxrdflib"} <= set(_imported("import fks_graph\nfks_graph.build_graph"))
    import fks_graph

    assert callable(fks_graph.read_dataset)
    assert fks_graph.__version__
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = fks_graph.nothing
    assert {"build_graph", "read_dataset", "FKS"} <= set(dir(fks_graph))


@pytest.mark.parametrize(
    ("graph", "compiled"),
    [
        ("nx.path_graph(40)", False),
        ("nx.connected_watts_strogatz_graph(400, 6, 0.3, seed=1)", True),
    ],
    ids=["small-as-python", "large-compiled"],
)
def test_numba_is_imported_when_a_large_betweenness_is_computed(graph: str, compiled: bool) -> None:
    module = "import fks_graph.analysis.run\nimport fks_graph.analysis.betweenness"
    assert not {"numba", "llvmlite"} & set(_imported(module))
    computed = f"{module}\nimport networkx as nx\n"
    computed += f"fks_graph.analysis.betweenness.betweenness_centrality({graph})"
    assert ({"numba", "llvmlite"} <= set(_imported(computed))) == compiled
