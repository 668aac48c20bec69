"""Outputs of ``fks-graph run`` pinned: a restructuring must leave every written file unchanged.

The digests in ``tests/golden/outputs.json`` were recorded before the package was restructured
into tiers (issue #18). Each run here writes the same outputs again and compares them, file by
file, after normalising what changes from run to run (the analysis run's timestamp IRI and the
times it records). HTML pages are compared with runs of white space between tags collapsed, so
that moving markup into templates may re-indent it but not change it.

Record anew (only when a change of output is intended, and say so in the commit):
``FKS_GOLDEN_RECORD=1 python -m pytest tests/test_golden.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REAL, ROOT

GOLDEN = ROOT / "tests" / "golden" / "outputs.json"
RESOLUTION = ROOT / "tests" / "fixtures" / "resolution"

_RUN_STAMP = re.compile(rb"\d{8}T\d{6,}Z")
_TIME = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
_TAG_SPACE = re.compile(rb">\s+<")
_SPACE = re.compile(rb"\s+")


def normalised(name: str, content: bytes) -> bytes:
    """The content of an output file without what differs between two runs of the same input."""
    content = _TIME.sub(b"TIME", _RUN_STAMP.sub(b"RUN", content))
    if name.endswith(".nt"):
        content = b"\n".join(sorted(content.splitlines()))
    elif name.endswith(".html"):
        content = _SPACE.sub(b" ", _TAG_SPACE.sub(b"><", content))
    return content


def digests(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of the normalised content, for every file below ``folder``."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(
            normalised(path.name, path.read_bytes())
        ).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _cli(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fks_graph", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr  # 1: the data does not conform (a result)


def _outputs(case: str, tmp: Path) -> dict[str, str]:
    if case == "generated-600":
        data = tmp / "input"
        _cli("generate", "--networks", "600", "--seed", "1", str(data))
        written = {f"input/{k}": v for k, v in digests(data).items()}
    else:
        data, written = (REAL if case == "real" else RESOLUTION), {}
    _cli("run", str(data), "-o", str(tmp / "out"), "-q")
    return written | digests(tmp / "out")


@pytest.mark.slow
@pytest.mark.parametrize("case", ["real", "resolution", "generated-600"])
def test_run_writes_the_recorded_outputs(case: str, tmp_path: Path) -> None:
    outputs = _outputs(case, tmp_path)
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}
    if os.environ.get("FKS_GOLDEN_RECORD") == "1":
        recorded[case] = outputs
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    changed = sorted(
        name
        for name in outputs.keys() | recorded[case].keys()
        if outputs.get(name) != recorded[case].get(name)
    )
    assert not changed, f"{case}: these outputs changed: {changed}"


@pytest.mark.parametrize(
    ("name", "first", "second"),
    [
        (
            "graph.nt",
            b'<a> <t> "2026-12-02T21:47:09.32Z" .\n<b> <p> <o> .',
            b'<b> <p> <o> .\n<a> <t> "2027-01-01T00:00:00Z" .',
        ),
        (
            "report.html",
            b"<td>2026-12-02T21:47:09+00:00</td>\n  <td>x</td>",
            b"<td>2030-01-01T10:00:00+00:00</td><td>x</td>",
        ),
        ("x.csv", b"run/20261202T214709295762Z/m", b"run/20300101T000000000001Z/m"),
    ],
)
def test_normalising_removes_only_what_varies(name: str, first: bytes, second: bytes) -> None:
    assert normalised(name, first) == normalised(name, second)
    assert normalised(name, first) != normalised(
        name, first.replace(b"<b>", b"<c>").replace(b"x<", b"y<").replace(b"/m", b"/n")
    )
