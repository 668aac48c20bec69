"""The notebook API: DataFrames of queries, cross-actors, measures and views; inline pages."""

from __future__ import annotations

import datetime
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Graph

from fks_graph.analysis.cross_actors import cross_actors
from fks_graph.core.errors import UsageError
from fks_graph.export.tables import edge_table, node_table
from fks_graph.export.views import read_measures, view_graph
from fks_graph.notebook import (
    PageFrame,
    cross_actors_frame,
    edges_frame,
    measures_frame,
    nodes_frame,
    query_frame,
    show_page,
)

from .export_data import export_graph, iri


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    return export_graph(tmp_path_factory.mktemp("notebook"))


def test_query_frame_has_python_values(graph: Graph) -> None:
    text = """
    SELECT ?actor ?label ?since ?until ?networks WHERE {
      ?m org:member ?actor ; org:organization ?n .
      ?actor skos:prefLabel ?label .
      OPTIONAL { ?m org:memberDuring/time:hasBeginning/(time:inXSDDate|time:inXSDgYear) ?since }
      OPTIONAL { ?m org:memberDuring/time:hasEnd/(time:inXSDDate|time:inXSDgYear) ?until }
      { SELECT ?actor (COUNT(DISTINCT ?x) AS ?networks) WHERE { ?y org:member ?actor ; org:organization ?x } GROUP BY ?actor }
    } ORDER BY ?actor ?since
    """
    frame = query_frame(graph, text)
    assert list(frame.columns) == ["actor", "label", "since", "until", "networks"]
    drv = frame[frame["actor"] == iri("actor", "DRV")].to_dict("records")
    assert [(r["since"], r["until"], r["networks"]) for r in drv] == [
        ("2010", "2012", 2),  # years stay text
        (datetime.date(2018, 1, 1), datetime.date(2019, 6, 30), 2),
    ]
    minus = frame[(frame["actor"] == iri("actor", "MINUS"))]
    assert minus["since"].isna().any()


@pytest.mark.parametrize(
    ("text", "answer"), [("ASK { ?s ?p ?o }", True), ("ASK { <x:y> ?p ?o }", False)]
)
def test_query_frame_of_an_ask_query_holds_its_answer(
    graph: Graph, text: str, answer: bool
) -> None:
    assert query_frame(graph, text).to_dict("records") == [{"boolean": answer}]


def test_query_frame_binds_parameters(graph: Graph) -> None:
    frame = query_frame(graph, "cross-network-actors", {"min_networks": "2", "state": "NRW"})
    assert frame["label"].tolist() == ["Deutsche Rentenversicherung"]  # N1 and N3 lie in NW
    with pytest.raises(UsageError, match="min_networks"):
        query_frame(graph, "cross-network-actors", {"min_networks": "zwei"})


def test_cross_actors_frame_is_cross_actors(graph: Graph) -> None:
    frame = cross_actors_frame(graph, min_networks=2)
    assert frame.to_dict("records") == [a.as_dict() for a in cross_actors(graph, min_networks=2)]
    assert frame.iloc[0]["network_ids"] == ["N1", "N2"]
    assert cross_actors_frame(graph, min_networks=9).empty


def test_measures_frame(graph: Graph) -> None:
    frame = measures_frame(graph)
    measured = read_measures(graph)
    assert frame.index.name == "node"
    assert list(frame.columns) == ["label", "kind", *measured.metrics]
    assert set(frame.index) == set(view_graph(graph))
    for node, values in measured.nodes.items():
        for metric, value in values.items():
            assert frame.loc[node, metric] == value
    assert pd.isna(frame.loc[iri("network", "N1"), "broker"])  # networks are not brokers
    assert frame.loc[iri("actor", "IHK-AC"), "label"] == "IHK Aachen"


def test_measures_frame_needs_the_analysis(tmp_path: Path) -> None:
    with pytest.raises(
        UsageError, match=r"the graph has no measures: add them with .*add_measurements"
    ):
        measures_frame(export_graph(tmp_path, analysed=False))


@pytest.mark.parametrize("view", ["bipartite", "actors", "networks"])
def test_node_and_edge_frames_are_the_tables(graph: Graph, view: str) -> None:
    G = view_graph(graph, view)
    for frame, (columns, rows) in (
        (nodes_frame(graph, view), node_table(G)),
        (edges_frame(graph, view), edge_table(G)),
    ):
        assert list(frame.columns) == columns
        assert len(frame) == len(rows)
        assert frame.astype(object).where(frame.notna(), None).values.tolist() == rows


class _Iframe(HTMLParser):
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            self.attrs = dict(attrs)


def _srcdoc(frame: PageFrame) -> dict[str, str | None]:
    parser = _Iframe()
    parser.feed(frame._repr_html_())
    return parser.attrs


HOSTILE_PAGE = '<!DOCTYPE html><p title="a &amp; b">Bündnis "Süd" &lt;x&gt;</p><script>1<2</script>'


def test_show_page_puts_the_page_into_srcdoc() -> None:
    attrs = _srcdoc(show_page(HOSTILE_PAGE, height=420))
    assert attrs["srcdoc"] == HOSTILE_PAGE  # escaped for the attribute, unescaped by a browser
    assert "420px" in (attrs["style"] or "")
    assert "allow-scripts" in (attrs["sandbox"] or "")
    assert "allow-same-origin" not in (attrs["sandbox"] or "")


@pytest.mark.parametrize("as_text", [True, False])
def test_show_page_reads_a_file(tmp_path: Path, as_text: bool) -> None:
    page = tmp_path / "seite.html"
    page.write_text(HOSTILE_PAGE, encoding="utf-8")
    frame = show_page(str(page) if as_text else page)
    assert frame.html == HOSTILE_PAGE


@pytest.mark.parametrize("missing", ["nichts.html", Path("nichts.html")])
def test_show_page_of_a_missing_file(missing: str | Path) -> None:
    with pytest.raises(UsageError, match=r"nichts.html: no such page file"):
        show_page(missing)


def test_the_module_does_not_import_ipython() -> None:
    code = "import sys, fks_graph.notebook; print('IPython' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: query_frame("graph.ttl", "networks-by-land"), "expected an rdflib Graph, not str"),
        (lambda: cross_actors_frame(None), "expected an rdflib Graph, not NoneType"),
        (lambda: edges_frame(Path("g.ttl")), "expected an rdflib Graph, not PosixPath"),
        (lambda: show_page("<p>x</p>", height=float("inf")), "height must be a whole number"),
    ],
)
def test_wrong_arguments_say_what_was_expected(call, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        call()


def test_show_page_of_a_file_that_is_no_text(tmp_path: Path) -> None:
    (tmp_path / "x.html").write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(UsageError, match=r"x\.html: not a page \(not UTF-8 text\)"):
        show_page(tmp_path / "x.html")
