"""Shared fixtures: paths of the shipped data and small datasets written on the fly."""

from __future__ import annotations

import os
import shutil
import sysconfig
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fks_graph.cli import app

ROOT = Path(__file__).resolve().parent.parent
# the real dataset shipped as the default, and the 2014 prize winners as a small fixture (the
# shipped data before it; its networks are part of the real dataset now)
REAL = ROOT / "data" / "netzwerke-fachkraeftesicherung"
DATA_2014 = ROOT / "tests" / "fixtures" / "innovationstag-2014"


def require_tool(name: str) -> str:
    """The path of a system tool the tests need; fails (skips only when FKS_ALLOW_SKIP=1)."""
    # also beside this Python: pip puts the scripts of packages (e.g. `oxigraph`) there
    path = shutil.which(name) or shutil.which(name, path=sysconfig.get_path("scripts"))
    if path is None:
        message = f"'{name}' is not installed (.ci/run installs it; Debian: see README)"
        if os.environ.get("FKS_ALLOW_SKIP") == "1":
            pytest.skip(message)
        pytest.fail(message)
    return path


@pytest.fixture
def rapper() -> str:
    """Path of ``rapper`` (Debian raptor2-utils), the independent RDF parser."""
    return require_tool("rapper")


@pytest.fixture
def data_2014() -> Path:
    """The shipped 2014 Innovationstag dataset."""
    return DATA_2014


def write_dataset(folder: Path, **tables: str) -> Path:
    """Write CSV tables (``name=text``) into ``folder`` as UTF-8 and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def small_dataset(tmp_path: Path) -> Path:
    """Two networks sharing an IHK (by id) and a union (by name), with dates and a project."""
    return write_dataset(
        tmp_path / "small",
        networks="id,name,state,region,region_code,founded,action_fields,target_groups\n"
        "N1,Bündnis Nord,DE-NW,Aachen,DEA2D,2011,qualification|immigration,women\n"
        "N2,Allianz Süd,Bayern,Regensburg,,2013,activation,\n",
        actors="id,name,type,city\nIHK-AC,IHK Aachen,IHK,Aachen\n",
        memberships="network_id,actor_id,actor_name,actor_type,actor_city,role,since,until\n"
        "N1,IHK-AC,,,,coordinator,2011,\n"
        "N2,IHK-AC,,,,partner,2013-05-01,2015\n"
        "N1,,DGB Region Nord,Gewerkschaft,,partner,,\n"
        "N2,,DGB Region Nord,union,,member,,\n"
        "N1,,Volkshochschule,education_provider,Aachen,,,\n"
        "N2,,Volkshochschule,education_provider,Regensburg,,,\n",
        projects="id,name,network_id,start,end\nP1,SWITCH,N1,2011,2014\n",
        project_partners="project_id,actor_id,actor_name,role\nP1,IHK-AC,,lead\n",
        awards="network_id,award,year,event\nN1,Innovative Netzwerke,2014,3. Innovationstag 2014\n",
    )


#: Names written to trip an HTML page up: markup, attribute breakouts, script ends, "href"
#: (which makes pyvis's own template render tooltips as HTML), template syntax, quotes.
HOSTILE = (
    '<img src=x onerror="window.__pwned=1">Netzwerk Nord',
    "</script><script>window.__pwned=2</script>Allianz Süd",
    '<a href="javascript:window.__pwned=3">Jobcenter Nord</a>',
    '" onmouseover="window.__pwned=4" data-x="IHK',
    "{{7*7}} ${7*7} Schule",
    "Müller & Söhne <GmbH> 'Ä'",
)


@pytest.fixture
def hostile_dataset(tmp_path: Path) -> Path:
    """Two networks and four shared actors whose names, cities and regions are hostile HTML."""
    n1, n2, jobcenter, ihk, school, firm = (name.replace('"', '""') for name in HOSTILE)
    return write_dataset(
        tmp_path / "hostile",
        networks="id,name,state,region\n"
        f'N1,"{n1}",DE-NW,"<svg onload=window.__pwned=5>"\n'
        f'N2,"{n2}",DE-BY,Regensburg\n',
        memberships="network_id,actor_name,actor_type,actor_city,role\n"
        f'N1,"{jobcenter}",jobcenter,"<b>Köln</b>",coordinator\n'
        f'N2,"{jobcenter}",jobcenter,"<b>Köln</b>",partner\n'
        f'N1,"{ihk}",IHK,,partner\n'
        f'N2,"{ihk}",IHK,,partner\n'
        f'N1,"{school}",school,,\n'
        f'N2,"{school}",school,,\n'
        f'N1,"{firm}",company,"Lüdenscheid",\n'
        f'N2,"{firm}",company,"Lüdenscheid",\n'
        "N1,Stadt Aachen,municipality,Aachen,\n",
    )


def invoke(*args: str | Path) -> tuple[int, str, str]:
    """Run ``fks-graph ARGS`` in-process; exit code, stdout and stderr (no traceback allowed)."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    unexpected = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not unexpected, result.exception
    return result.exit_code, result.stdout, result.stderr


CHROMIUM = Path("/usr/bin/chromium")
_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing_part(message: str) -> None:
    """Fail (in CI) or skip (only when FKS_ALLOW_SKIP=1 says so) for a missing browser or tool."""
    if os.environ.get("FKS_ALLOW_SKIP") == "1":
        pytest.skip(message)
    pytest.fail(message)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, launched by Playwright (never a downloaded browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_part("playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        missing_part(f"{CHROMIUM} is missing (.ci/run installs it: apt-get install -y chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=_FLAGS)
        yield chromium
        chromium.close()
