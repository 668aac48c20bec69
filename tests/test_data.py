"""The shipped datasets build, conform to the shapes, and keep their facts and sources."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.validate import validate_graph

from .conftest import ROOT

DATASETS = sorted(p for p in (ROOT / "data").iterdir() if p.is_dir())


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("folder", DATASETS, ids=[p.name for p in DATASETS])
def test_every_shipped_dataset_builds_and_conforms(folder: Path) -> None:
    dataset = read_dataset(folder)
    assert dataset.warnings == ()
    report = validate_graph(build_graph(dataset))
    assert report.conforms, report.text()


def test_2014_winners_and_award(data_2014: Path) -> None:
    dataset = read_dataset(data_2014)
    assert len(dataset.networks) == 5
    assert {(a.award, a.year, a.event) for a in dataset.awards} == {
        ("Innovative Netzwerke", "2014", "3. Innovationstag 2014")
    }
    assert not dataset.info.synthetic
    names = {n.name for n in dataset.networks}
    assert "Bündnis für Fachkräfte Bonn/Rhein-Sieg" in names
    assert {"DE-BB", "DE-SN"} <= {s for n in dataset.networks for s in n.states}


@pytest.mark.parametrize("table", ["networks", "actors", "memberships", "projects", "awards"])
def test_2014_every_row_has_its_source(data_2014: Path, table: str) -> None:
    rows = _rows(data_2014 / f"{table}.csv")
    assert rows
    assert all(row["source"].startswith("https://") for row in rows)
