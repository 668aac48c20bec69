"""CSV tables and the HTML report: content, embedded plots, escaping, no outside resources."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.analysis.ecosystem import measure_ecosystem
from fks_graph.analysis.report import TABLES, write_report, write_tables

from .analysis_data import HOSTILE, ecosystem_dataset, iri


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def report_folder(tmp_path: Path) -> Path:
    eco = measure_ecosystem(build_graph(read_dataset(ecosystem_dataset(tmp_path / "data"))))
    out = tmp_path / "out"
    write_tables(eco, out)
    write_report(eco, out, activity="https://example.org/run/1", started="2026-01-01T00:00:00Z")
    return out


def test_one_csv_per_measure(report_folder: Path) -> None:
    assert sorted(p.name for p in report_folder.iterdir()) == sorted(
        [f"{name}.csv" for name in TABLES] + ["report.html"]
    )
    actors = rows(report_folder / "actors.csv")
    assert actors[0]["actor"] == iri("actor", "IHK")  # highest betweenness first
    ihk = actors[0]
    assert (ihk["networks"], ihk["lands"], ihk["land_span"], ihk["broker"]) == (
        "3",
        "DE-BY|DE-NW",
        "2",
        "true",
    )
    assert {a["label"]: a["broker"] for a in actors}["Agentur für Arbeit Köln"] == "false"
    assert float(ihk["betweenness"]) > 0
    assert len(rows(report_folder / "networks.csv")) == 4
    overlap = rows(report_folder / "network_overlap.csv")
    assert (overlap[0]["id_a"], overlap[0]["id_b"], overlap[0]["jaccard"]) == ("N1", "N2", "0.5")
    assert sum(int(c["size"]) for c in rows(report_folder / "communities.csv")) == 9


def test_coverage_tables(report_folder: Path) -> None:
    by_type = {r["id"]: r for r in rows(report_folder / "coverage_network_type.csv")}
    assert by_type["N1"]["chamber_of_commerce"] == "1"
    assert by_type["N1"]["company"] == "1"
    assert by_type["N1"]["total"] == "3"
    assert by_type["N4"]["jobcenter"] == "1"
    cells = {
        (r["action_field"], r["target_group"]): (r["networks"], r["projects"], r["total"])
        for r in rows(report_folder / "coverage_field_group.csv")
    }
    assert len(cells) == 5 * 10  # every action field with every target group: gaps are 0
    assert cells[("qualification", "women")] == ("2", "1", "3")
    assert cells[("activation", "older_workers")] == ("0", "1", "1")
    assert cells[("family", "refugees")] == ("0", "0", "0")
    labels = {
        r["action_field"]: r["action_field_label"]
        for r in rows(report_folder / "coverage_field_group.csv")
    }
    assert labels["qualification"] == "Qualifizierung: Aus- und Weiterbildung"


def test_report_draws_its_charts_inline_and_loads_nothing(report_folder: Path) -> None:
    html = (report_folder / "report.html").read_text(encoding="utf-8")
    charts = re.findall(r'<svg class="(chart|panel)"', html)
    assert charts == [
        "chart",
        "chart",
        "panel",
        "panel",
        "chart",
    ]  # Länder, types, degrees, brokers
    assert html.count('<table class="heat">') == 1
    assert "<img" not in html
    assert not re.search(r"(src|href)=", html)
    assert "<script" not in html
    assert "Wichtigste Vermittler" in html
    assert "IHK Mittelrhein" in html


@pytest.mark.parametrize("name", [HOSTILE, 'Kosten $5 & $ "IHK" </td><script>x</script>'])
def test_hostile_names_are_escaped(tmp_path: Path, name: str) -> None:
    data = ecosystem_dataset(tmp_path / "data", ihk=name)
    eco = measure_ecosystem(build_graph(read_dataset(data)))
    html = write_report(eco, tmp_path / "out").read_text(encoding="utf-8")
    assert name not in html
    assert "<img src=x" not in html
    assert "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html or "&lt;/td&gt;&lt;script&gt;" in html
    tables = write_tables(eco, tmp_path / "out")
    assert rows(tables["actors"])[0]["label"] == name  # the tables keep the data as it is


@pytest.mark.parametrize(
    "ihk", [HOSTILE, "IHK" + "Fachkräftesicherung" * 500], ids=["hostile", "long"]
)
def test_the_report_renders_in_a_browser_offline(tmp_path: Path, browser, ihk: str) -> None:
    """The charts draw in Chromium from file://, inside the page's width, with no error; a
    name of 10,000 characters without a space breaks inside its cell."""
    data = ecosystem_dataset(tmp_path / "data", ihk=ihk)
    page_file = write_report(measure_ecosystem(build_graph(read_dataset(data))), tmp_path / "out")
    context = browser.new_context(viewport={"width": 1000, "height": 800}, offline=True)
    try:
        page = context.new_page()
        messages, requests, dialogs = [], [], []
        page.on("console", lambda m: messages.append(m.text))
        page.on("pageerror", lambda e: messages.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(page_file.resolve().as_uri())
        boxes = page.evaluate(
            "[...document.querySelectorAll('svg.chart, svg.panel')]"
            ".map(s => [s.getBoundingClientRect().width, s.getBoundingClientRect().height])"
        )
        bars = page.evaluate("document.querySelectorAll('svg.chart rect').length")
        points = page.evaluate("document.querySelectorAll('svg.panel circle').length")
        scripts = page.evaluate("document.querySelectorAll('script, img').length")
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert messages == []
    assert dialogs == []
    assert requests == [page_file.resolve().as_uri()]
    assert len(boxes) == 5
    assert all(0 < w <= 1000 and h > 0 for w, h in boxes)
    assert bars > 5
    assert points > 2
    assert scripts == 0  # the hostile name stayed text
    assert width <= 1000
