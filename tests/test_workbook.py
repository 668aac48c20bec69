"""Tests of fks_graph.input.workbook: reading XLSX workbooks, refusing hostile ones."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from fks_graph.core.errors import InputError, Problem
from fks_graph.input import workbook
from fks_graph.input.raw import Row
from fks_graph.input.tables import read_tables

from .tables_data import _problems, _values, _workbook, _write, _zip_bytes


def test_reads_an_xlsx_workbook(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "daten.xlsx",
        {
            "Hinweise": [["Diese Mappe enthält ..."]],
            "Netzwerke": [
                [],
                ["ID", "Name", "Gründungsjahr", None, "Notiz", "Region"],
                [1, "  Allianz A ", 2014.0, "ohne Kopf", "x", 0.1 + 0.2],
                [None, None, None, None, None, None],
                ["N2", True, 2015, None, None, 2.5],
            ],
            "Mitgliedschaften": [
                ["Netzwerk", "Akteur", "seit", "bis"],
                ["N1", "IHK Aachen", dt.datetime(2019, 1, 2), dt.datetime(2020, 3, 4, 13, 30)],
                ["N2", False, dt.date(2021, 5, 6), None, "rechts der Tabelle"],
            ],
        },
    )
    tables = read_tables(path)
    assert sorted(tables) == ["memberships", "networks"]
    networks = tables["networks"]
    assert networks.label == "daten.xlsx, sheet 'Netzwerke'"
    assert networks.columns == ("id", "name", "founded", "region")
    assert networks.rows == (
        Row(3, {"id": "1", "name": "Allianz A", "founded": "2014", "region": "0.3"}),
        Row(5, {"id": "N2", "name": "true", "founded": "2015", "region": "2.5"}),
    )
    memberships = tables["memberships"]
    assert memberships.label == "daten.xlsx, sheet 'Mitgliedschaften'"
    assert _values(memberships) == [
        {
            "network_id": "N1",
            "actor_name": "IHK Aachen",
            "since": "2019-01-02",
            "until": "2020-03-04T13:30:00",
        },
        {"network_id": "N2", "actor_name": "false", "since": "2021-05-06", "until": ""},
    ]


def test_xlsx_missing_sheet_and_empty_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "daten.xlsx", {"Netzwerke": [], "Tabelle1": [["a"]]})
    assert _problems(path) == [
        Problem(
            "daten.xlsx, sheet 'Netzwerke'",
            None,
            None,
            "the sheet is empty (expected a header row with at least the columns id, name, "
            "then one row per record)",
        ),
        Problem(
            "daten.xlsx",
            None,
            None,
            "missing required sheet 'memberships' (German name: Mitgliedschaften; "
            "sheets found: 'Netzwerke', 'Tabelle1')",
        ),
    ]


def test_xlsx_header_problems_name_the_sheet(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "daten.xlsx",
        {
            "networks": [["id", "name"], ["N1", "A"]],
            "Netzwerke": [["id", "name"]],
            "Mitglieder": [["Netzwerk", "Netz", "Akteur"], ["N1", "N1", "IHK"]],
        },
    )
    assert [(p.file, p.row, p.column) for p in _problems(path)] == [
        ("daten.xlsx, sheet 'Netzwerke'", None, None),
        ("daten.xlsx, sheet 'Mitglieder'", 1, "network_id"),
    ]


@pytest.mark.parametrize(
    "content",
    [b"id;name\nN1;A\n", b"PK\x03\x04 truncated", None, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
    ids=["csv-text", "truncated-zip", "zip-without-workbook", "ole-xls"],
)
def test_corrupt_xlsx(tmp_path: Path, content: bytes | None) -> None:
    path = _write(tmp_path, "daten.xlsx", _zip_bytes(tmp_path) if content is None else content)
    (problem,) = _problems(path)
    assert (problem.file, problem.row, problem.column) == ("daten.xlsx", None, None)
    assert problem.message.startswith("not a valid XLSX workbook")
    assert problem.message.endswith("; save it again as .xlsx")


def _bomb(path: Path, sheet_xml: Iterable[bytes]) -> Path:
    """A valid workbook whose 'memberships' sheet is replaced by the given XML, deflated."""
    plain = _workbook(
        path.with_suffix(".plain.xlsx"),
        {"networks": [["id", "name"], ["N1", "A"]], "memberships": [["network_id"], ["N1"]]},
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            if name == "xl/worksheets/sheet2.xml":
                with out.open(name, "w", force_zip64=True) as part:
                    for piece in sheet_xml:
                        part.write(piece)
            else:
                out.writestr(name, source.read(name))
    return path


_SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org'
    b'/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    b"network_id</t></is></c></row>"
)


_SHEET_END = b"</sheetData></worksheet>"


def test_a_workbook_that_unpacks_too_far_is_refused(tmp_path: Path) -> None:
    """A zip bomb: about 1 MB that unpacks to more than MAX_UNPACKED; refused before parsing."""
    spaces = b" " * 2**20
    pieces = (spaces for _ in range(workbook.MAX_UNPACKED // 2**20 + 1))
    path = _bomb(tmp_path / "bomb.xlsx", [_SHEET_START, *pieces, _SHEET_END])
    assert path.stat().st_size < 2**21
    with pytest.raises(InputError, match=r"bomb\.xlsx: the workbook unpacks to 513 MiB, more than"):
        read_tables(path)


def test_a_workbook_with_too_many_cells_is_refused(tmp_path: Path) -> None:
    cells = b'<row r="2">' + b"<c/>" * (workbook.MAX_CELLS + 1) + b"</row>"
    path = _bomb(tmp_path / "cells.xlsx", [_SHEET_START, cells, _SHEET_END])
    with pytest.raises(InputError, match=r"cells\.xlsx: the sheets of the workbook hold more than"):
        read_tables(path)
    # a sheet written the same way within the limits is read
    cells = b'<row r="2">' + b'<c t="inlineStr"><is><t>N1</t></is></c>' + b"</row>"
    assert len(read_tables(_bomb(tmp_path / "ok.xlsx", [_SHEET_START, cells, _SHEET_END]))) == 2


class _Unreadable(io.BytesIO):
    """A file whose every read fails, as on a failing disk."""

    def read(self, size: int | None = -1) -> bytes:
        raise OSError(5, "Input/output error")


def test_a_workbook_that_cannot_be_read_is_named() -> None:
    problems: list[Problem] = []
    assert workbook._load(_Unreadable(b"PK\x03\x04"), "daten.xlsx", problems) is None
    (problem,) = problems
    assert (problem.file, problem.row, problem.column) == ("daten.xlsx", None, None)
    assert problem.message.startswith("not a valid XLSX workbook: ")


def _with_formula(path: Path, column: str, cell_xml: str | None) -> Path:
    """Memberships whose row 3 takes ``column`` from row 2 by formula; ``cell_xml``: the cell as
    Excel writes it (formula and computed value), ``None``: as openpyxl writes it (no value)."""
    second = {"B": "Volkshochschule", "C": "Bonn", column: f"={column}2"}
    rows = [["Netzwerk", "Akteur", "Ort"], ["N1", "Volkshochschule", "Bonn"]]
    rows.append(["N2", second["B"], second["C"]])
    networks = [["ID", "Name"], ["N1", "A"], ["N2", "B"]]
    _workbook(path, {"Netzwerke": networks, "Mitgliedschaften": rows})
    if cell_xml is not None:
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        sheet = "xl/worksheets/sheet2.xml"
        written = f'<c r="{column}3"><f>{column}2</f><v></v></c>'
        assert written.encode() in parts[sheet]
        parts[sheet] = parts[sheet].replace(written.encode(), cell_xml.encode())
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    return path


@pytest.mark.parametrize(("column", "header"), [("C", "Ort"), ("B", "Akteur")])
def test_a_formula_without_a_computed_value_is_named(
    tmp_path: Path, column: str, header: str
) -> None:
    path = _with_formula(tmp_path / "daten.xlsx", column, None)
    assert _problems(path) == [
        Problem(
            "daten.xlsx, sheet 'Mitgliedschaften'",
            3,
            header,
            f"holds the formula ={column}2 but no value: the program that wrote the workbook did "
            "not compute it; open and save the workbook in Excel or LibreOffice, or put the "
            "value into the cell",
        )
    ]


@pytest.mark.parametrize(
    ("cell_xml", "city"),
    [
        ('<c r="C3" t="str"><f>C2</f><v>Bonn</v></c>', "Bonn"),  # as Excel saves it
        ('<c r="C3" t="str"><f>IF(A3="N2","",C2)</f><v></v></c>', ""),  # computed: empty text
    ],
)
def test_a_formula_excel_computed_is_read_as_its_value(
    tmp_path: Path, cell_xml: str, city: str
) -> None:
    path = _with_formula(tmp_path / "daten.xlsx", "C", cell_xml)
    rows = read_tables(path)["memberships"].rows
    assert [row.values.get("actor_city", "") for row in rows] == ["Bonn", city]
