"""The analysis run as a whole, and the ``fks-graph analyse`` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fks_graph import build_graph, load_graph, read_dataset
from fks_graph.analysis.report import TABLES
from fks_graph.analysis.run import add_measurements, analyse
from fks_graph.cli import app
from fks_graph.core.errors import UsageError
from fks_graph.sparql.run import select
from fks_graph.synthetic.generate import generate_dataset

from .analysis_data import ecosystem_dataset, iri

MEASUREMENTS = "SELECT (COUNT(?m) AS ?n) WHERE { ?m a fks:Measurement }"


def test_analyse_writes_tables_report_and_results(tmp_path: Path) -> None:
    graph = build_graph(read_dataset(ecosystem_dataset(tmp_path / "data")))
    before = len(graph)
    steps: list[str] = []
    result = analyse(graph, tmp_path / "out", seed=1, step=steps.append)
    assert set(result.tables) == set(TABLES)
    assert all(path.is_file() for path in result.tables.values())
    assert result.report == tmp_path / "out" / "report.html"
    assert result.brokers == (iri("actor", "IHK"), iri("actor", "JC"))
    assert len(graph) == before  # the analysis only reads the graph
    assert add_measurements(graph, result) == result.triples
    assert len(graph) == before + result.triples
    # 4 node measures of 4 networks, 6 of the 3 actors in several networks, 4 overlaps
    assert select(graph, MEASUREMENTS) == [(str(4 * 4 + 3 * 6 + 4),)]
    assert set(steps) <= set(result.timings)
    assert {"betweenness", "communities", "measurements", "report"} <= set(steps)


def test_add_puts_the_results_in_once_ready_has_returned(tmp_path: Path) -> None:
    graph = build_graph(read_dataset(ecosystem_dataset(tmp_path / "data")))
    before = len(graph)
    seen: list[int] = []
    result = analyse(graph, tmp_path / "out", add=True, ready=lambda: seen.append(len(graph)))
    assert seen == [before]  # called once, before any result went in
    assert len(graph) == before + result.triples
    assert select(graph, MEASUREMENTS) == [(str(4 * 4 + 3 * 6 + 4),)]
    assert all(path.is_file() for path in result.tables.values())


def test_what_ready_raises_is_raised_and_nothing_goes_in(tmp_path: Path) -> None:
    graph = build_graph(read_dataset(ecosystem_dataset(tmp_path / "data")))
    before = len(graph)

    def fails() -> None:
        raise RuntimeError("validation failed")

    with pytest.raises(RuntimeError, match="validation failed"):
        analyse(graph, tmp_path / "out", add=True, ready=fails)
    assert len(graph) == before
    assert not (tmp_path / "out").exists()  # the analysis folder was not put in place


def test_the_output_folder_is_replaced_whole_and_only_an_earlier_analysis(
    tmp_path: Path,
) -> None:
    data = ecosystem_dataset(tmp_path / "data")
    graph = build_graph(read_dataset(data))
    out = tmp_path / "out"
    analyse(graph, out)
    (out / "stale.csv").write_text("from an older version", encoding="utf-8")
    result = analyse(graph, out)  # an earlier analysis: replaced whole
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(f"{name}.csv" for name in TABLES), "report.html"]
    )
    assert result.report == out / "report.html"
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    with pytest.raises(UsageError, match="holds files that fks-graph did not write"):
        analyse(graph, data)  # the dataset's networks.csv would have become a table
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_a_graph_out_that_cannot_be_written_leaves_the_earlier_analysis(tmp_path: Path) -> None:
    graph = build_graph(read_dataset(ecosystem_dataset(tmp_path / "data")))
    out = tmp_path / "out"
    analyse(graph, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (tmp_path / "g.ttl").mkdir()  # a folder where the graph file belongs
    with pytest.raises(IsADirectoryError):
        analyse(graph, out, graph_out=tmp_path / "g.ttl")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    with pytest.raises(IsADirectoryError):
        analyse(graph, tmp_path / "new", graph_out=tmp_path / "g.ttl")
    assert not (tmp_path / "new").exists()


def test_same_graph_and_seed_give_the_same_tables(tmp_path: Path) -> None:
    generate_dataset(tmp_path / "data", networks=40, seed=2)
    outputs = []
    for run in ("a", "b"):
        graph = build_graph(read_dataset(tmp_path / "data"))
        analyse(graph, tmp_path / run, seed=7)
        outputs.append({name: (tmp_path / run / f"{name}.csv").read_bytes() for name in TABLES})
    assert outputs[0] == outputs[1]


def test_cli_analyse_with_graph_out(tmp_path: Path) -> None:
    data = ecosystem_dataset(tmp_path / "data")
    out, graph_file = tmp_path / "out", tmp_path / "analysed.ttl"
    result = CliRunner().invoke(
        app, ["analyse", str(data), "-o", str(out), "--seed", "3", "--graph-out", str(graph_file)]
    )
    assert result.exit_code == 0, result.output
    assert "2 brokers" in result.output
    assert (out / "report.html").is_file()
    graph = load_graph(graph_file)
    assert int(select(graph, MEASUREMENTS)[0][0]) == 38
    assert "seed=3" in {p for (p,) in select(graph, "SELECT ?p WHERE { ?r fks:parameters ?p }")}


def test_cli_analyse_reads_a_graph_file_and_rejects_a_bad_graph_out(tmp_path: Path) -> None:
    data = ecosystem_dataset(tmp_path / "data")
    runner = CliRunner()
    first = runner.invoke(
        app,
        ["analyse", str(data), "-o", str(tmp_path / "a"), "--graph-out", str(tmp_path / "g.nt")],
    )
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["analyse", str(tmp_path / "g.nt"), "-o", str(tmp_path / "b"), "-q"])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "b" / "actors.csv").read_bytes() == (
        tmp_path / "a" / "actors.csv"
    ).read_bytes()
    bad = runner.invoke(
        app,
        ["analyse", str(data), "-o", str(tmp_path / "c"), "--graph-out", str(tmp_path / "g.txt")],
    )
    assert bad.exit_code == 2
    assert "cannot tell the RDF format" in bad.output
    assert not (tmp_path / "c").exists()
