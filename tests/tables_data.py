"""Helpers of the tests of reading raw tables: small CSV folders and workbooks."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from fks_graph.core.errors import InputError, Problem
from fks_graph.input.raw import Table
from fks_graph.input.tables import read_tables

NETWORKS = "id;name\nN1;Allianz A\n"


MEMBERSHIPS = "network_id;actor_name\nN1;IHK Aachen\n"


def _write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def _dataset(folder: Path, **files: str | bytes) -> Path:
    """A folder with valid networks.csv and memberships.csv unless given otherwise."""
    contents = {"networks.csv": NETWORKS, "memberships.csv": MEMBERSHIPS}
    contents.update({name.replace("__", "."): text for name, text in files.items()})
    for name, content in contents.items():
        if content is not None:
            _write(folder, name, content)
    return folder


def _problems(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        read_tables(path)
    return info.value.problems


def _values(table: Table) -> list[dict[str, str]]:
    return [row.values for row in table.rows]


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def _zip_bytes(folder: Path) -> bytes:
    path = folder / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("networks.csv", NETWORKS)
    return path.read_bytes()
