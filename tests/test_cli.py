"""The command line, run in-process: commands, exit codes, messages, no half-written outputs."""

from __future__ import annotations

import contextlib
import csv
import ctypes
import io
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import ORG, RDF, SDO, SKOS, XSD

from fks_graph import __version__, build_graph, read_dataset
from fks_graph.cli import app
from fks_graph.core.cells import restore
from fks_graph.graph.files import load_graph, write_graph

from .conftest import DATA_2014, write_dataset
from .conftest import invoke as run
from .export_data import export_dataset

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_the_commands_are_the_documented_ones() -> None:
    assert (
        sorted(
            [
                "analyse",
                "build",
                "cross-actors",
                "docs",
                "export",
                "generate",
                "queries",
                "query",
                "resolve",
                "run",
                "serve",
                "validate",
                "viz",
            ]
        )
        == COMMANDS
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example: fks-graph" in out
    assert "Traceback" not in out


def test_version() -> None:
    assert run("--version")[:2] == (0, f"fks-graph {__version__}\n")


def test_build_writes_the_graph(small_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "graph.ttl"
    code, _, err = run("build", small_dataset, "-o", out)
    assert code == 0
    assert "2 networks, 4 actors, 6 memberships" in err
    assert "Bündnis Nord" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("suffix", "fmt", "marker"), [(".out", "nt", "> ."), (".ttl", None, "@prefix")]
)
def test_build_format(
    small_dataset: Path, tmp_path: Path, suffix: str, fmt: str | None, marker: str
) -> None:
    out = tmp_path / f"graph{suffix}"
    args = ["build", small_dataset, "-o", out, "-q"] + (["--format", fmt] if fmt else [])
    assert run(*args)[0] == 0
    assert marker in out.read_text(encoding="utf-8")


def test_build_with_base(small_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.nt"
    assert run("build", small_dataset, "-o", out, "--base", "https://example.org/x/")[0] == 0
    assert "<https://example.org/x/network/N1>" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("base", ["example.org", "https://example.org", "https://ex.org/%zz/"])
def test_build_rejects_a_bad_base(small_dataset: Path, tmp_path: Path, base: str) -> None:
    code, _, err = run("build", small_dataset, "-o", tmp_path / "g.ttl", "--base", base)
    assert code == 2
    assert "base IRI" in err


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        (
            {"networks": "id;name\nN1;A\n", "memberships": "Netzwerk;Akteur;seit\nN9;X;20l4\n"},
            [
                "memberships.csv, row 2, column 'Netzwerk': unknown network id 'N9'",
                "memberships.csv, row 2, column 'seit': '20l4' is not a date",
            ],
        ),
        (
            {"networks": "id,name\nN1,A\nN1,B\n", "memberships": "network_id,actor_name\nN1,X\n"},
            ["networks.csv, row 3, column 'id': duplicate network id 'N1' (first in row 2)"],
        ),
        (
            {"networks": "", "memberships": "network_id,actor_name\n"},
            ["networks.csv: the file is empty"],
        ),
        ({"memberships": "network_id,actor_name\n"}, ["missing required file 'networks.csv'"]),
        (
            {"networks": "id,title\nN1,A\n", "memberships": "network_id,actor_name\n"},
            ["networks.csv, column 'name': missing required column 'name'"],
        ),
    ],
)
def test_bad_input_exits_2_with_file_row_column(
    tmp_path: Path, tables: dict[str, str], expected: list[str]
) -> None:
    data = write_dataset(tmp_path / "bad", **tables)
    out = tmp_path / "graph.ttl"
    out.write_text("previous graph", encoding="utf-8")
    code, _, err = run("build", data, "-o", out)
    assert code == 2
    for text in expected:
        assert text in err
    assert "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "previous graph"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "graph.ttl"]


def test_not_a_text_file(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "bad", memberships="network_id,actor_name\n")
    (data / "networks.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, _, err = run("build", data, "-o", tmp_path / "g.ttl")
    assert code == 2
    assert "networks.csv: not a text file" in err


def test_unknown_actor_type_is_a_warning(tmp_path: Path) -> None:
    data = write_dataset(
        tmp_path / "d",
        networks="id,name\nN1,A\n",
        memberships="network_id,actor_name,actor_type\nN1,X,Bäckerei\n",
    )
    code, _, err = run("build", data, "-o", tmp_path / "g.ttl")
    assert code == 0
    assert (
        "warning: memberships.csv, row 2, column 'actor_type': unknown actor type 'Bäckerei'" in err
    )
    assert "actor-type/other" in (tmp_path / "g.ttl").read_text(encoding="utf-8")


def test_quiet_hides_warnings(tmp_path: Path) -> None:
    data = write_dataset(
        tmp_path / "d",
        networks="id,name\nN1,A\n",
        memberships="network_id,actor_name,actor_type\nN1,X,Bäckerei\n",
    )
    code, _, err = run("build", data, "-o", tmp_path / "g.ttl", "--quiet")
    assert (code, err) == (0, "")


def test_missing_dataset(tmp_path: Path) -> None:
    code, _, err = run("build", tmp_path / "nowhere", "-o", tmp_path / "g.ttl")
    assert code == 2
    assert "nowhere" in err


def test_usage_error_exits_2(small_dataset: Path) -> None:
    assert run("build", small_dataset)[0] == 2  # no --output
    assert run("build", small_dataset, "-o", "x.ttl", "--frobnicate")[0] == 2


def test_validate_conforming_dataset_and_graph(small_dataset: Path, tmp_path: Path) -> None:
    code, out, _ = run("validate", small_dataset)
    assert code == 0, out
    graph = tmp_path / "g.ttl"
    run("build", small_dataset, "-o", graph)
    assert run("validate", graph)[0] == 0


def _violating_graph(small_dataset: Path, tmp_path: Path) -> Path:
    graph = tmp_path / "g.nt"
    run("build", small_dataset, "-o", graph)
    text = graph.read_text(encoding="utf-8")
    # a second member for one membership
    extra = (
        "<https://w3id.org/fks-graph/data/membership/N1/IHK-AC> <http://www.w3.org/ns/org#member> "
        "<https://w3id.org/fks-graph/data/actor/~dgb-region-nord> .\n"
    )
    graph.write_text(text + extra, encoding="utf-8")
    return graph


@pytest.mark.parametrize(("lang", "word"), [("en", "membership"), ("de", "Mitgliedschaft")])
def test_validate_violation_exits_1_with_a_readable_report(
    small_dataset: Path, tmp_path: Path, lang: str, word: str
) -> None:
    code, out, _ = run("validate", _violating_graph(small_dataset, tmp_path), "--lang", lang)
    assert code == 1
    assert word in out
    assert "IHK Aachen" in out


def test_validate_json(small_dataset: Path, tmp_path: Path) -> None:
    code, out, _ = run("validate", _violating_graph(small_dataset, tmp_path), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["conforms"] is False
    assert report["violations"][0]["kind"] == "membership"


def test_validate_bad_graph_file(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text("this is not turtle", encoding="utf-8")
    code, _, err = run("validate", graph)
    assert code == 2
    assert "g.ttl, row 1: not valid" in err


def test_generate_then_build(tmp_path: Path) -> None:
    code, _, err = run("generate", "--networks", "20", "--seed", "3", tmp_path / "gen")
    assert code == 0
    assert "20 networks" in err
    assert run("build", tmp_path / "gen", "-o", tmp_path / "gen.ttl", "-q")[0] == 0


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_validate_engines(small_dataset: Path, tmp_path: Path, engine: str) -> None:
    code, out, _ = run("validate", _violating_graph(small_dataset, tmp_path), "--engine", engine)
    assert code == 1
    assert "IHK Aachen" in out


def test_run_writes_graph_and_report(data_2014: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run("run", data_2014, "-o", out)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "analysis",
        "cross-actors.csv",
        "fks-graph-run.json",
        "graph.nt",
        "graph.ttl",
        "map.html",
        "overview.html",
        "validation.json",
        "validation.txt",
        "warnings.txt",
    ]
    assert "Überblick: alle Netzwerke" in (out / "overview.html").read_text(encoding="utf-8")
    assert "Karte: Netzwerke" in (out / "map.html").read_text(encoding="utf-8")
    assert "conforms" in (out / "validation.txt").read_text(encoding="utf-8")
    assert json.loads((out / "validation.json").read_text(encoding="utf-8"))["conforms"] is True
    assert "the graph conforms to the shapes" in err
    assert (out / "analysis" / "report.html").is_file()
    assert "fks:Measurement" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_run_in_german(small_dataset: Path, tmp_path: Path) -> None:
    assert run("run", small_dataset, "-o", tmp_path / "out", "--lang", "de")[0] == 0
    assert "keine Probleme" in (tmp_path / "out" / "validation.txt").read_text(encoding="utf-8")


def test_run_with_bad_input_writes_nothing(tmp_path: Path) -> None:
    data = write_dataset(
        tmp_path / "bad", networks="id,name\nN1,A\n", memberships="network_id,actor_name\nN9,X\n"
    )
    code, _, err = run("run", data, "-o", tmp_path / "out")
    assert code == 2
    assert "unknown network id 'N9'" in err
    assert not (tmp_path / "out").exists()


def test_build_converts_a_graph_file(small_dataset: Path, tmp_path: Path) -> None:
    run("build", small_dataset, "-o", tmp_path / "g.ttl")
    code, _, err = run("build", tmp_path / "g.ttl", "-o", tmp_path / "g.nq")
    assert code == 0, err
    lines = (tmp_path / "g.nq").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(load_graph(tmp_path / "g.ttl"))
    assert all(line.endswith("<https://w3id.org/fks-graph/data/graph/small> .") for line in lines)


@pytest.mark.parametrize(
    ("name", "view", "written"),
    [
        ("eco.gexf", "bipartite", ["eco.gexf"]),
        ("eco.csv", "networks", ["eco.edges.csv", "eco.nodes.csv"]),
        ("eco.jsonld", "bipartite", ["eco.jsonld"]),
    ],
)
def test_export(small_dataset: Path, tmp_path: Path, name: str, view: str, written: list) -> None:
    code, _, err = run("export", small_dataset, "-o", tmp_path / "out" / name, "--projection", view)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == written
    assert err.startswith("wrote ")
    assert all(str(tmp_path / "out" / file) in err for file in written)


@pytest.mark.parametrize(
    ("name", "view", "message"),
    [
        ("eco.json", "bipartite", "cannot tell the export format of 'eco.json'"),
        ("eco.gexf", "people", "unknown projection 'people'"),
        ("eco.jsonld", "actors", "the JSON-LD export writes the bipartite projection"),
    ],
)
def test_export_usage_errors_write_nothing(
    small_dataset: Path, tmp_path: Path, name: str, view: str, message: str
) -> None:
    code, _, err = run("export", small_dataset, "-o", tmp_path / "out" / name, "--projection", view)
    assert code == 2
    assert f"error: {message}" in err
    assert not (tmp_path / "out").exists()


def test_export_view_is_a_deprecated_alias_of_projection(
    small_dataset: Path, tmp_path: Path
) -> None:
    code, _, err = run("export", small_dataset, "-o", tmp_path / "old.gexf", "--view", "networks")
    assert code == 0, err
    assert "warning: --view is deprecated for export, use --projection" in err
    code, _, err = run(
        "export", small_dataset, "-o", tmp_path / "new.gexf", "--projection", "networks"
    )
    assert code == 0, err
    assert "deprecated" not in err
    assert (tmp_path / "old.gexf").read_bytes().count(b"<node ") == (
        tmp_path / "new.gexf"
    ).read_bytes().count(b"<node ")


def test_export_refuses_two_different_projections(small_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "eco.gexf"
    code, _, err = run(
        "export", small_dataset, "-o", out, "--projection", "actors", "--view", "networks"
    )
    assert code == 2
    assert "error: give --projection only (--view is its old, deprecated name)" in err
    assert not out.exists()


def test_export_help_names_projection_not_view() -> None:
    code, out, _ = run("export", "--help")
    assert code == 0
    assert "--projection" in out
    assert "--view" not in out


def test_quiet_before_the_command_counts_for_it(small_dataset: Path, tmp_path: Path) -> None:
    code, _, err = run("--quiet", "build", small_dataset, "-o", tmp_path / "g.ttl")
    assert code == 0
    assert err == ""
    code, _, err = run("build", small_dataset, "-o", tmp_path / "g.ttl")
    assert code == 0
    assert err.startswith("wrote ")


@pytest.mark.parametrize("flag", [[], ["--embed-context"]])
def test_export_embeds_the_context(small_dataset: Path, tmp_path: Path, flag: list[str]) -> None:
    out = tmp_path / "eco.jsonld"
    assert run("export", small_dataset, "-o", out, *flag, "-q")[:2] == (0, "")
    assert json.loads(out.read_text(encoding="utf-8"))["@context"]["name"] == "skos:prefLabel"


def test_export_links_the_context_beside(small_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "eco.jsonld"
    assert run("export", small_dataset, "-o", out, "--link-context", "-q")[:2] == (0, "")
    assert json.loads(out.read_text(encoding="utf-8"))["@context"] == "context.jsonld"
    context = json.loads((tmp_path / "context.jsonld").read_text(encoding="utf-8"))
    assert context["@context"]["name"] == "skos:prefLabel"


def test_docs(tmp_path: Path) -> None:
    code, _, err = run("docs", "-o", tmp_path / "docs")
    assert code == 0
    assert f"wrote {tmp_path / 'docs' / 'index.html'}" in err
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == [
        "context.jsonld", "fks.ttl", "index.html", "shapes.ttl",
    ]  # fmt: skip


def _review_dataset(folder: Path) -> Path:
    return write_dataset(
        folder,
        networks="id,name\nN1,A\nN2,B\nN3,C\n",
        memberships="network_id,actor_name,actor_city\n"
        "N1,Handwerkskammer Aachen,Aachen\nN2,HWK Aachen,Aachen\nN3,Handwerskammer Aachen,Aachen\n",
    )


def test_resolve_lists_near_matches(tmp_path: Path) -> None:
    folder = _review_dataset(tmp_path / "data")
    code, out, _ = run("resolve", folder)
    assert code == 0
    assert out.splitlines()[0].split() == [
        "score", "name", "city", "networks", "actor_id", "canonical_name", "canonical_city",
        "canonical_networks",
    ]  # fmt: skip
    assert "Handwerskammer Aachen" in out.splitlines()[2]
    assert "N1|N2" in out
    assert out.rstrip().endswith("(1 row)")
    assert run("resolve", folder, "--min-score", "99")[1].rstrip().endswith("(0 rows)")
    assert "Example: fks-graph resolve" in run("resolve", "--help")[1]


def test_resolve_csv_becomes_the_aliases_file(tmp_path: Path) -> None:
    folder = _review_dataset(tmp_path / "data")
    code, out, _ = run("resolve", folder, "--format", "csv", "-q")
    assert code == 0
    assert out.splitlines()[1] == (
        "93,Handwerskammer Aachen,Aachen,N3,,Handwerkskammer Aachen,Aachen,N1|N2"
    )
    (folder / "aliases.csv").write_text(out, encoding="utf-8")
    assert run("resolve", folder, "--format", "csv", "-q")[1].count("\n") == 1
    out_graph = tmp_path / "graph.nt"
    assert run("build", folder, "-o", out_graph, "-q")[0] == 0
    member = (
        "SELECT ?name { ?m org:organization/dct:identifier 'N3' ; org:member/skos:prefLabel ?name }"
    )
    names = [str(row[0]) for row in load_graph(out_graph).query(member)]
    assert names == ["Handwerkskammer Aachen"]


def test_resolve_bad_alias_exits_2_with_file_row_column(tmp_path: Path) -> None:
    folder = _review_dataset(tmp_path / "data")
    (folder / "aliases.csv").write_text(
        "Schreibweise;Akteur-ID\nHandwerskammer Aachen;HWK-AC\n", encoding="utf-8"
    )
    code, out, err = run("resolve", folder)
    assert (code, out) == (2, "")
    assert (
        "aliases.csv, row 2, column 'Akteur-ID': unknown actor id 'HWK-AC' "
        "(expected an id from actors.csv (there is none))"
    ) in err
    assert run("build", folder, "-o", tmp_path / "g.ttl")[0] == 2
    assert not (tmp_path / "g.ttl").exists()


_LIVE = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _live_formulas(text: str, delimiter: str = ",") -> list[str]:
    """Cells a spreadsheet would run as a formula (quotes of a TSV cell stripped, as it does)."""
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    lines = io.StringIO(text.removeprefix("\ufeff"), newline="")
    rows = csv.reader(lines, delimiter=delimiter, quoting=quoting)
    cells = (cell.removeprefix('"') if delimiter == "\t" else cell for row in rows for cell in row)
    return [c for c in cells if _LIVE.match(c) and not _NUMBER.fullmatch(c.split('"')[0])]


def test_run_writes_no_live_formula(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run("run", export_dataset(tmp_path / "data"), "-o", out, "-q")
    assert code in (0, 1), err
    tables = [out / "cross-actors.csv", *sorted((out / "analysis").glob("*.csv"))]
    assert len(tables) == 7
    for table in tables:
        assert _live_formulas(table.read_text(encoding="utf-8")) == [], table.name
    actors = (out / "analysis" / "actors.csv").read_text(encoding="utf-8").splitlines()
    labels = {restore(row["label"]) for row in csv.DictReader(actors)}
    assert labels >= {"-Minus GmbH & Co. KG", "'s-Hertogenbosch Partner"}


@pytest.mark.parametrize(
    ("args", "delimiter"),
    [
        (["cross-actors", "--min-networks", "1", "--format", "csv"], ","),
        (["query", "SELECT ?name ?n WHERE { ?s skos:prefLabel ?name BIND(-1 AS ?n) }"], ","),
        (["query", "SELECT ?name ?n WHERE { ?s skos:prefLabel ?name BIND(-1 AS ?n) }"], "\t"),
    ],
)
def test_tables_for_people_hold_no_live_formula(
    tmp_path: Path, args: list[str], delimiter: str
) -> None:
    data = export_dataset(tmp_path / "data")
    fmt = ["--format", "tsv" if delimiter == "\t" else "csv"] if args[0] == "query" else []
    code, out, err = run(args[0], data, *args[1:], *fmt)
    assert code == 0, err
    assert _live_formulas(out, delimiter) == []
    assert "'-Minus GmbH & Co. KG" in out
    if args[0] == "query":  # numbers stay numbers; --raw gives the values as they are
        assert "'-1" not in out
        code, raw, _ = run(args[0], data, *args[1:], *fmt, "--raw")
        assert code == 0
        assert len(_live_formulas(raw, delimiter)) >= 3


class _CapHeader(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class _CapData(ctypes.Structure):
    _fields_ = (("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32))
    _fields_ += (("inheritable", ctypes.c_uint32),)


@contextlib.contextmanager
def _without_permission_override() -> Iterator[None]:
    """File permissions hold for this thread even when it runs as root.

    Root passes every permission check through the capabilities DAC_OVERRIDE and
    DAC_READ_SEARCH; they are taken out of this thread's effective set for the block (and
    given back from the permitted set after), so that a folder of mode 000 is unreadable.
    """
    if os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _CapHeader(0x20080522, 0), (_CapData * 2)()  # _LINUX_CAPABILITY_VERSION_3
    assert libc.capget(ctypes.byref(header), data) == 0
    effective = data[0].effective
    data[0].effective &= ~0b110  # CAP_DAC_OVERRIDE (1), CAP_DAC_READ_SEARCH (2)
    assert libc.capset(ctypes.byref(header), data) == 0
    try:
        yield
    finally:
        data[0].effective = effective
        assert libc.capset(ctypes.byref(header), data) == 0


@contextlib.contextmanager
def _file_size_limit(size: int) -> Iterator[None]:
    """Writing a file beyond ``size`` bytes fails as on a full disk (EFBIG instead of ENOSPC)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the error, not the signal
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


def _one_line_error(code: int, err: str, path: Path, reason: str) -> None:
    assert code == 2, err
    assert err.count("\n") == 1, err
    assert err.startswith("error: "), err
    assert str(path) in err, err
    assert reason in err, err


@pytest.mark.parametrize(
    "command",
    [
        ["run", "-o", "{tmp}/out"],
        ["validate"],
        ["cross-actors"],
        ["build", "-o", "{tmp}/g.ttl"],
        ["query", "ASK { ?s ?p ?o }"],
    ],
)
def test_an_unreadable_data_folder_is_one_line_and_exit_2(
    small_dataset: Path, tmp_path: Path, command: list[str]
) -> None:
    small_dataset.chmod(0)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command[1:]]
    try:
        with _without_permission_override():
            code, _, err = run(command[0], small_dataset, *args)
    finally:
        small_dataset.chmod(0o755)
    _one_line_error(code, err, small_dataset, "Permission denied")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["build", "DATA", "-o"], "locked/g.ttl"),
        (["run", "DATA", "-o"], "locked/out"),
        (["export", "DATA", "-o"], "locked/eco.gexf"),
        (["docs", "-o"], "locked/docs"),
        (["generate", "-n", "2"], "locked/gen"),
    ],
)
def test_an_unwritable_target_is_one_line_and_exit_2(
    small_dataset: Path, tmp_path: Path, command: list[str], target: str
) -> None:
    (tmp_path / "locked").mkdir(mode=0o555)
    args = [small_dataset if a == "DATA" else a for a in command[1:]]
    with _without_permission_override():
        code, _, err = run(command[0], *args, tmp_path / target)
    _one_line_error(code, err, tmp_path / target, "Permission denied")


@pytest.mark.parametrize(
    ("command", "target"),
    [
        ("build", "g.ttl"),
        ("run", "out"),
        ("export", "eco.gexf"),
        ("export", "eco.xlsx"),  # openpyxl's zip file, left open, wrote again when collected
        ("viz", "page.html"),
    ],
)
def test_a_full_disk_is_one_line_and_exit_2(
    small_dataset: Path, tmp_path: Path, command: str, target: str
) -> None:
    with _file_size_limit(2_000):
        code, _, err = run(command, small_dataset, "-o", tmp_path / target)
    _one_line_error(code, err, tmp_path / target, "File too large")
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize(
    ("command", "target", "reason"),
    [
        ("viz", "folder.html", "a folder is in the way where a file is needed"),
        ("build", "folder.ttl", "a folder is in the way where a file is needed"),
        ("run", "file.txt", "a file is in the way where a folder is needed"),
        ("analyse", "file.txt", "a file is in the way where a folder is needed"),
    ],
)
def test_a_folder_for_a_file_and_a_file_for_a_folder(
    small_dataset: Path, tmp_path: Path, command: str, target: str, reason: str
) -> None:
    (tmp_path / "folder.html").mkdir()
    (tmp_path / "folder.ttl").mkdir()
    (tmp_path / "file.txt").write_text("keep", encoding="utf-8")
    code, _, err = run(command, small_dataset, "-o", tmp_path / target)
    _one_line_error(code, err, tmp_path / target, reason)
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "keep"


_TERMINAL_TRAPS = (
    "\x1b]0;owned\x07\x1b[2J\x1b]8;;https://evil.example/\x07klick\x1b]8;;\x07 :x::smile: [bold]"
)


def test_control_characters_in_cells_never_reach_the_terminal(tmp_path: Path) -> None:
    trap = _TERMINAL_TRAPS.replace('"', '""')
    data = write_dataset(
        tmp_path / "d",
        networks=f'id,name\nN1,"Netz {trap}"\n',
        memberships=f'network_id,actor_name,actor_type\nN1,"IHK {trap}","Typ \x1b[2J :x:"\n',
    )
    code, out, err = run("build", data, "-o", tmp_path / "g.ttl")
    assert code == 0, err
    for text in (out, err):
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "❌" not in text  # rich's emoji code :x: stays the text it is
    assert "unknown actor type 'Typ [2J :x:'" in err  # the control character left the cell


@pytest.mark.parametrize(
    "command",
    [
        ["query", "SELECT ?name WHERE { ?a skos:prefLabel ?name }"],
        ["query", "SELECT ?name WHERE { ?a skos:prefLabel ?name }", "--format", "csv"],
        ["query", "SELECT ?name WHERE { ?a skos:prefLabel ?name }", "--format", "tsv"],
        ["cross-actors", "--min-networks", "1"],
        ["cross-actors", "--min-networks", "1", "--format", "csv"],
        ["validate"],
    ],
)
def test_text_from_a_graph_file_cannot_act_on_the_terminal(
    tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # results written to a terminal (a file or a pipe gets them exactly: CSV, TSV, JSON)
    monkeypatch.setattr("fks_graph.cli.session._stdout_is_terminal", lambda: True)
    # cells lose their control characters (see above), but a graph file may hold any text
    data = write_dataset(
        tmp_path / "d",
        networks="id,name\nN1,Netz\n",
        memberships="network_id,actor_name,actor_type\nN1,IHK,Typ\n",
    )
    graph = build_graph(read_dataset(data))
    for subject, label in list(graph.subject_objects(SKOS.prefLabel)):
        graph.set((subject, SKOS.prefLabel, Literal(f"{label} {_TERMINAL_TRAPS}")))
    trapped = write_graph(graph, tmp_path / "trapped.nt")
    code, out, err = run(command[0], trapped, *command[1:])
    assert code in (0, 1), err
    for text in (out, err):
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "❌" not in text  # rich's emoji code :x: stays the text it is
    if command[0] in ("query", "cross-actors"):
        assert "\\x1b]0;owned\\x07\\x1b[2J" in out  # shown, escaped


_RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


# valid and short (40 KB), but rdflib's parser, which checks it, takes about 20 s for it
_SLOW_TO_CHECK = "ASK { FILTER(1 IN (" + ",".join(["1"] * 20_000) + ")) }"


def _query_process(*args: str, text: str = _RUNAWAY) -> subprocess.Popen:
    """``fks-graph query`` of a cross product that would run for hours, as its own process
    (a query left running on a thread of the test process would take a core from the rest)."""
    return subprocess.Popen(
        [sys.executable, "-m", "fks_graph", "query", str(DATA_2014), text, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_runaway_query_ends_at_its_time_limit() -> None:
    process = _query_process("--timeout", "1")
    try:
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 2
    assert err.strip().splitlines()[-1] == (
        "error: the query (see --timeout) took longer than 1 s and was given up"
    )


def test_the_time_limit_covers_checking_the_query() -> None:
    process = _query_process("--timeout", "1", text=_SLOW_TO_CHECK)
    start = time.monotonic()
    try:
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert time.monotonic() - start < 10
    assert process.returncode == 2
    assert err.strip().splitlines()[-1] == (
        "error: checking the query (see --timeout) took longer than 1 s and was given up"
    )


def test_ctrl_c_stops_a_running_query() -> None:
    # Oxigraph runs the query without Python's lock: the main thread only waits for it
    process = _query_process("--timeout", "0")
    try:
        time.sleep(3)  # reading the graph, then the query
        process.send_signal(signal.SIGINT)
        start = time.monotonic()
        _, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert time.monotonic() - start < 3
    assert process.returncode == 130
    assert err.strip().splitlines()[-1] == "interrupted"


@pytest.mark.parametrize("target", ["graph.ttl", "page", "notes.txt"])
def test_a_page_is_written_only_to_an_html_file(tmp_path: Path, target: str) -> None:
    # `viz graph.ttl -o graph.ttl` replaced the graph with the page
    path = tmp_path / target
    path.write_text("keep", encoding="utf-8")
    code, _, err = run("viz", DATA_2014, "-o", path)
    _one_line_error(code, err, path, "the page is HTML; name a file ending in .html")
    assert path.read_text(encoding="utf-8") == "keep"


def test_an_export_never_replaces_the_graph_it_exports(tmp_path: Path) -> None:
    # `export G.jsonld -o G.jsonld` replaced the graph with the lossy export
    graph = write_graph(build_graph(read_dataset(DATA_2014)), tmp_path / "g.jsonld")
    before = graph.read_bytes()
    code, _, err = run("export", graph, "-o", tmp_path / "." / "g.jsonld")
    _one_line_error(code, err, graph.name, "is the graph to export; name another output file")
    assert graph.read_bytes() == before


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_an_ill_typed_literal_is_one_violation_line_without_traceback(
    tmp_path: Path, engine: str
) -> None:
    graph = build_graph(read_dataset(DATA_2014))
    network = next(graph.subjects(RDF.type, ORG.OrganizationalCollaboration))
    graph.add((network, SDO.foundingDate, Literal("2016-13-45", datatype=XSD.date)))
    # its own process: in this one pytest takes the log records rdflib writes to stderr
    done = subprocess.run(
        [sys.executable, "-m", "fks_graph", "validate", str(write_graph(graph, tmp_path / "g.nt")),
         "--engine", engine],
        check=False, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1
    assert "2016-13-45" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_a_numba_that_cannot_be_imported_is_one_line_and_exit_2(tmp_path: Path) -> None:
    # None in sys.modules makes `import numba` fail as a broken install does
    script = (
        "import sys\nsys.modules['numba'] = None\n"
        "from fks_graph.analysis import betweenness\nbetweenness.COMPILE_FROM = 0\n"
        f"sys.argv = ['fks-graph', 'run', {str(DATA_2014)!r}, '-o', {str(tmp_path / 'out')!r}]\n"
        "from fks_graph.cli import main\nmain()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: exact betweenness of a graph this size needs numba")
    assert len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("data", "code"), [("bad", 2), ("good", 0)])
def test_a_closed_stderr_changes_no_exit_code(tmp_path: Path, data: str, code: int) -> None:
    # `fks-graph run ... 2>&1 | head -1`: head exits, the messages meet a closed pipe
    folder = (
        write_dataset(tmp_path / "bad", networks="id,name,state\nN1,,Atlantis\n")
        if data == "bad"
        else DATA_2014
    )
    out = tmp_path / "out"
    job = subprocess.Popen(
        [sys.executable, "-m", "fks_graph", "run", str(folder), "-o", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    job.stderr.close()  # before it writes a word
    assert job.wait(timeout=300) == code  # rich's own answer was 1 for both
    assert out.is_dir() == (code == 0)


@pytest.mark.parametrize("command", [["queries"], ["query", str(DATA_2014), "networks-by-land"]])
def test_a_full_device_on_stdout_is_one_line_and_exit_2(command: list[str]) -> None:
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "fks_graph", *command],
            check=False, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "No space left on device" in done.stderr


def test_after_ctrl_c_nothing_left_behind_prints_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A generator cut off by Ctrl-C (openpyxl's sheet writer) is collected at exit: its
    'Exception ignored ...' traceback would follow the one line 'interrupted'."""
    import typer

    from fks_graph.cli.session import session

    class Command:  # what session reads of a command's context: the root's options
        params: dict[str, object] = {}  # noqa: RUF012

        def find_root(self) -> Command:
            return self

    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # put back after the test

    def cut_off():
        try:
            yield 1
        finally:
            raise RuntimeError("the writer's cleanup fails")

    writers = []

    def interrupted_export() -> None:
        with session(Command()):  # type: ignore[arg-type]
            writers.append(cut_off())
            next(writers[0])
            raise KeyboardInterrupt

    with pytest.raises(typer.Exit):
        interrupted_export()
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    writers.clear()  # collected: its cleanup's error goes to sys.unraisablehook
    assert sys.stderr.getvalue() == ""
