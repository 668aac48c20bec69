"""The built wheel carries the ontology, the registries and the templates: a fresh venv reads them."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

CHECK = textwrap.dedent(
    """
    import fks_graph, sys
    from fks_graph.core.resources import ontology_path, shapes_path
    from rdflib import Graph
    assert sys.prefix in fks_graph.__file__, fks_graph.__file__
    assert sys.prefix in str(ontology_path()), ontology_path()
    print(len(Graph().parse(ontology_path())), len(Graph().parse(shapes_path())))
    from fks_graph.terms.vocab import vocabulary
    print(vocabulary().actor_types.lookup("IHK").code)
    from fks_graph.registries import chambers_of_crafts, outlines
    assert sys.prefix in chambers_of_crafts.__wrapped__.__code__.co_filename
    print(len(chambers_of_crafts()), len(outlines("kreise")["features"]))
    from fks_graph.core.templates import environment
    from fks_graph.serve.page import home_page
    tiers = ("analysis", "export", "serve", "viz")
    kinds = ["html", "svg", "js"]
    print(*sorted(t for p in tiers for t in environment("fks_graph." + p).list_templates(kinds)))
    assert "fks-graph SPARQL" in home_page()
    """
)


def _package_dirs() -> list[str]:
    """The folders this interpreter imports packages from: its site-packages and what their
    .pth files add (an outer venv's included), not the standard library nor a source tree."""
    stdlib = {sysconfig.get_path(name) for name in ("stdlib", "platstdlib")}
    stdlib |= {str(Path(lib) / "lib-dynload") for lib in stdlib}
    return [
        entry
        for entry in sys.path
        if entry
        and entry not in stdlib
        and Path(entry).is_dir()
        and not (Path(entry) / "fks_graph" / "__init__.py").is_file()
    ]


def fresh_venv(env_dir: Path) -> Path:
    """A new venv that sees the dependencies this interpreter sees, but no fks_graph; its python.

    A venv made with ``system_site_packages`` would see the *base* interpreter's packages,
    which inside a virtual environment are not the ones installed (the README's test command
    run in a venv): the folders are listed in a .pth file instead, after the venv's own
    site-packages, so that what is installed into the venv comes first.
    """
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    lines = "".join(f"{entry}\n" for entry in _package_dirs())
    (Path(purelib) / "outer-packages.pth").write_text(lines, encoding="utf-8")
    return python


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
    python = fresh_venv(tmp_path / "venv")
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
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # no source tree
    result = subprocess.run(
        [str(python), "-c", CHECK],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=clean,
    )
    assert result.returncode == 0, result.stderr
    counts, code, registries, templates = result.stdout.split("\n")[:4]
    assert int(counts.split()[0]) > 500
    assert int(counts.split()[1]) > 20
    assert code == "chamber_of_commerce"
    assert registries == "53 401"  # the registries' files ship inside the wheel
    assert templates.split() == [  # and the pages' templates
        *("base.html", "charts.html", "frame.html", "map.html", "map.js", "membership.svg"),
        *("ontology.html", "page.html", "page.js", "query.html", "query.js", "report.html"),
    ]


def test_the_wheel_test_passes_inside_a_venv(tmp_path: Path) -> None:
    """The README's test command is usually run in a venv: the wheel test passes there too."""
    outer = fresh_venv(tmp_path / "outer")  # a venv whose dependencies come from itself
    check = "import pyoxigraph, rdflib, sys; assert sys.prefix != sys.base_prefix; print('ok')"
    seen = subprocess.run([str(outer), "-c", check], capture_output=True, text=True, check=True)
    assert seen.stdout == "ok\n"
    test = f"{Path(__file__).name}::test_installed_wheel_loads_the_ontology"
    result = subprocess.run(
        [str(outer), "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
