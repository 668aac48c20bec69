"""The built wheel carries the ontology: installed into a fresh venv, it finds and parses it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

CHECK = textwrap.dedent(
    """
    import fks_graph, sys
    from fks_graph.resources import ontology_path, shapes_path
    from rdflib import Graph
    assert sys.prefix in fks_graph.__file__, fks_graph.__file__
    assert sys.prefix in str(ontology_path()), ontology_path()
    print(len(Graph().parse(ontology_path())), len(Graph().parse(shapes_path())))
    from fks_graph.vocab import vocabulary
    print(vocabulary().actor_types.lookup("IHK").code)
    """
)


def test_installed_wheel_loads_the_ontology(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("fks_graph-*.whl")
    env_dir = tmp_path / "venv"
    # the fresh venv sees the already installed dependencies, not the source tree
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [str(python), "-c", CHECK], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    counts, code = result.stdout.split("\n")[:2]
    assert int(counts.split()[0]) > 500
    assert int(counts.split()[1]) > 20
    assert code == "chamber_of_commerce"
