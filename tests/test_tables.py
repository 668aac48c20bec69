"""Tests of fks_graph.input.tables: which path is read how, and the speed of reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from fks_graph.core.errors import InputError, Problem
from fks_graph.input.tables import read_tables

from .tables_data import NETWORKS, _dataset, _problems, _values, _workbook, _write


def test_accepts_a_str_path_and_optional_tables(tmp_path: Path) -> None:
    _dataset(tmp_path, awards__csv="Netzwerk;Preis;Jahr;Anlass\nN1;Demografiepreis;2019;Tag\n")
    tables = read_tables(str(tmp_path))
    assert tables["awards"].columns == ("network_id", "award", "year", "event")
    assert _values(tables["awards"]) == [
        {"network_id": "N1", "award": "Demografiepreis", "year": "2019", "event": "Tag"}
    ]


def test_nonexistent_path(tmp_path: Path) -> None:
    missing = tmp_path / "nirgends"
    with pytest.raises(
        InputError,
        match=r"nirgends: the path does not exist \(expected a folder of CSV files or an "
        r"\.xlsx workbook\)$",
    ):
        read_tables(missing)


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("daten.txt", ""),
        ("networks.csv", "; pass the folder that holds the CSV files"),
        ("daten.xls", "; save the workbook as .xlsx"),
    ],
)
def test_path_that_is_neither_folder_nor_workbook(tmp_path: Path, name: str, hint: str) -> None:
    path = _write(tmp_path, name, NETWORKS)
    assert _problems(path) == [
        Problem(str(path), None, None, f"neither a folder of CSV files nor an .xlsx workbook{hint}")
    ]


@pytest.mark.slow
def test_reads_200000_rows(tmp_path: Path) -> None:
    row = 'N{};"Firma {} GmbH; & Co";Unternehmen;Düsseldorf;Mitglied;2014;;https://x.de/{}\r\n'
    text = "Netzwerk;Akteur;Typ;Stadt;Rolle;seit;bis;Quelle\r\n" + "".join(
        row.format(i % 500, i, i) for i in range(200_000)
    )
    _dataset(tmp_path, memberships__csv=text.encode("cp1252"))
    rows = read_tables(tmp_path)["memberships"].rows
    assert len(rows) == 200_000
    assert rows[-1].number == 200_001
    assert rows[-1].values["actor_name"] == "Firma 199999 GmbH; & Co"


def test_a_folder_with_one_workbook_reads_the_workbook(tmp_path: Path) -> None:
    sheets = {"Netzwerke": [["ID", "Name"], ["N1", "Allianz"]], "memberships": [["Netzwerk"]]}
    (tmp_path / "data").mkdir()
    _workbook(tmp_path / "data" / "dataset.xlsx", sheets)
    (tmp_path / "data" / "~$dataset.xlsx").write_bytes(b"Excel's lock file")
    tables = read_tables(tmp_path / "data")
    assert tables["networks"].label == "dataset.xlsx, sheet 'Netzwerke'"
    assert _values(tables["networks"]) == [{"id": "N1", "name": "Allianz"}]


@pytest.mark.parametrize(
    ("files", "found"),
    [
        # two workbooks: which one?
        (["b.xlsx", "a.xlsx"], "none; workbooks: 'a.xlsx', 'b.xlsx': pass the one to read"),
        (["dataset.xlsx", "networks.csv"], "'networks.csv'"),  # CSV files: the folder is read
    ],
)
def test_a_folder_with_several_workbooks_or_csv_files_is_a_folder(
    tmp_path: Path, files: list[str], found: str
) -> None:
    for name in files:
        if name.endswith(".xlsx"):
            _workbook(tmp_path / name, {"networks": [["id", "name"], ["N1", "A"]]})
        else:
            _write(tmp_path, name, NETWORKS)
    messages = [p.message for p in _problems(tmp_path)]
    assert any(f"CSV files found: {found})" in m for m in messages), messages
