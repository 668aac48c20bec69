"""Read the raw tables of a dataset (a folder of CSV files or one XLSX workbook) as text."""

from __future__ import annotations

import os
from pathlib import Path

from fks_graph.core.errors import InputError, Problem
from fks_graph.core.nogc import no_gc
from fks_graph.input.csv_files import read_folder
from fks_graph.input.raw import Table, reason
from fks_graph.input.workbook import read_workbook

__all__ = ["read_tables"]


def _only_workbook(folder: Path) -> Path | None:
    """The one ``.xlsx`` workbook of a folder without CSV files, else ``None``.

    Hidden files and the lock files Excel writes (``~$name.xlsx``) do not count.
    """
    try:
        entries = [p for p in folder.iterdir() if not p.name.startswith((".", "~")) and p.is_file()]
    except OSError:
        return None  # the folder reader reports it
    if any(p.suffix.lower() == ".csv" for p in entries):
        return None
    workbooks = [p for p in entries if p.suffix.lower() == ".xlsx"]
    return workbooks[0] if len(workbooks) == 1 else None


def read_tables(path: str | os.PathLike[str]) -> dict[str, Table]:
    """Read the raw tables of a dataset: a folder of CSV files or one XLSX workbook.

    A folder that holds no CSV files but one workbook is read as that workbook.

    File stems and sheet names are matched to the tables of the input contract, headers to
    canonical columns (German aliases included); unknown files, sheets and columns are ignored.
    CSV files may be UTF-8 (with or without BOM) or Windows-1252, delimited by ``;``, ``,``
    or tab (detected from the header line, or given by an Excel ``sep=`` first line).

    Parameters
    ----------
    path
        The dataset folder or ``.xlsx`` workbook.

    Returns
    -------
    dict[str, Table]
        The tables found, by canonical name; each row's cells are stripped text, ``""``
        when empty; fully empty rows are skipped.

    Raises
    ------
    InputError
        With every problem found (missing or unreadable files, missing or duplicate
        columns, rows with too many cells), each naming file, row and column.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "netzwerke.csv").write_text(
    ...     "ID;Name;Gründungsjahr\\nN1;Allianz Düsseldorf;2014\\n;;\\n", encoding="cp1252")
    >>> _ = (folder / "memberships.csv").write_text("Netzwerk,Akteur\\nN1,IHK\\n")
    >>> tables = read_tables(folder)
    >>> sorted(tables)
    ['memberships', 'networks']
    >>> net = tables["networks"]
    >>> net.label, net.columns
    ('netzwerke.csv', ('id', 'name', 'founded'))
    >>> net.rows[0]
    Row(number=2, values={'id': 'N1', 'name': 'Allianz Düsseldorf', 'founded': '2014'})
    >>> (folder / "memberships.csv").unlink()
    >>> read_tables(folder)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.InputError: ...: missing required file 'memberships.csv' (German name: ...
    """
    path = Path(path)
    problems: list[Problem] = []
    try:
        exists, is_dir, is_file = path.exists(), path.is_dir(), path.is_file()
    except OSError as exc:
        raise InputError(
            [Problem(str(path), None, None, f"cannot access: {reason(exc)}")]
        ) from None
    if not exists:
        raise InputError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "the path does not exist (expected a folder of CSV files or an .xlsx workbook)",
                )
            ]
        )
    workbook = _only_workbook(path) if is_dir else None
    if workbook is not None:  # a folder with one workbook and no CSV files: the workbook
        with no_gc():
            tables = read_workbook(workbook, problems)
    elif is_dir:
        with no_gc():
            tables = read_folder(path, problems)
    elif is_file and path.suffix.lower() == ".xlsx":
        with no_gc():
            tables = read_workbook(path, problems)
    else:
        hint = {
            ".csv": "; pass the folder that holds the CSV files",
            ".xls": "; save the workbook as .xlsx",
            ".ods": "; save the workbook as .xlsx",
        }.get(path.suffix.lower(), "")
        raise InputError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    f"neither a folder of CSV files nor an .xlsx workbook{hint}",
                )
            ]
        )
    if problems:
        raise InputError(problems)
    return tables
