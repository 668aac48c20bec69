"""Helpers of the tests of reading a dataset: writing small datasets, collecting problems."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from fks_graph.core.errors import InputError, Problem
from fks_graph.input.read import read_dataset
from fks_graph.input.records import Actor, Dataset

NETWORKS = "id,name\nN1,Allianz A\nN2,Allianz B\n"


MEMBERSHIPS = "network_id,actor_name\nN1,IHK Aachen\n"


Located = tuple[str, int | None, str | None]


def _write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> None:
    data = content.encode(encoding) if isinstance(content, str) else content
    (folder / name).write_bytes(data)


def _dataset(folder: Path, encoding: str = "utf-8", **tables: str | bytes | None) -> Path:
    """A folder ``folder/daten`` with the given CSV tables (``name=text``; ``None`` omits one).

    ``networks`` and ``memberships`` default to two networks and one membership.
    """
    folder = folder / "daten"
    folder.mkdir(parents=True, exist_ok=True)
    contents: dict[str, str | bytes | None] = {
        "networks": NETWORKS,
        "memberships": MEMBERSHIPS,
        **tables,
    }
    for name, content in contents.items():
        if content is not None:
            _write(folder, f"{name}.csv", content, encoding)
    return folder


def _german(folder: Path, **tables: str | bytes | None) -> Path:
    """Like :func:`_dataset`, but written in Windows-1252 as German Excel does."""
    return _dataset(folder, "cp1252", **tables)


def _read(path: Path) -> Dataset:
    """Read a dataset that must have no errors."""
    return read_dataset(path)


def _problems(path: Path, match: str) -> list[Problem]:
    """The problems of a dataset that must fail with an error matching ``match``."""
    with pytest.raises(InputError, match=match) as info:
        read_dataset(path)
    assert all(p.severity == "error" for p in info.value.problems)
    return info.value.problems


def _located(problems: tuple[Problem, ...] | list[Problem]) -> list[Located]:
    return [(p.file, p.row, p.column) for p in problems]


def _warnings(data: Dataset) -> list[tuple[str, int | None, str | None, str]]:
    assert all(w.severity == "warning" for w in data.warnings)
    return [(w.file, w.row, w.column, w.message) for w in data.warnings]


def _actor(data: Dataset, key: str) -> Actor:
    return next(a for a in data.actors if a.key == key)


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An XLSX workbook with one sheet per entry (rows of cell values)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _check_errors(
    tmp_path: Path,
    tables: dict[str, str | bytes | None],
    expected: list[tuple[str, int | None, str | None, str]],
) -> None:
    """Read the dataset of ``tables`` (over the defaults, in Windows-1252): exactly the
    ``expected`` problems, in order: (file, row, column, message regex)."""
    folder = _german(tmp_path, **tables)
    problems = _problems(folder, re.escape(expected[0][0]))
    assert _located(problems) == [(file, row, column) for file, row, column, _ in expected]
    for problem, (*_, message) in zip(problems, expected, strict=True):
        assert re.search(message, problem.message), problem.message
