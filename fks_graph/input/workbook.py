"""Read the sheets of an XLSX workbook, refusing damaged and hostile files before parsing."""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from fks_graph.core.errors import Problem
from fks_graph.input.contract import TABLES, table_for_name
from fks_graph.input.raw import Table, build_table, reason

if TYPE_CHECKING:  # openpyxl is imported when a workbook is read: start-up stays fast
    from openpyxl import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

__all__ = ["MAX_CELLS", "MAX_UNPACKED", "read_workbook"]


def _cell_text(value: object) -> str:
    """The text of a workbook cell value."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        value = float(format(value, ".15g"))  # as Excel shows it: 0.1 + 0.2 -> 0.3
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.replace(tzinfo=None, microsecond=0).isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


#: Most a workbook may unpack to, in bytes: more is a damaged or hostile file (a "zip bomb").
MAX_UNPACKED = 512 * 2**20
#: Most cells the sheets of a workbook may hold (about twice those of 6,000 networks).
MAX_CELLS = 5_000_000
# the start tag of a cell, and of a cell's formula, in a sheet's XML (with or without a
# namespace prefix)
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _inspect(handle: BinaryIO) -> tuple[str | None, bool]:
    """Why a workbook is too large to read (or ``None``), and whether its sheets hold formulas.

    Found without parsing: the sizes the archive declares (more is never unpacked: a part
    that holds more fails its check) and the cell and formula tags of the sheets, counted
    while they are unpacked in pieces, so that a hostile file is refused within seconds.
    """
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None, False  # not a zip archive: openpyxl says what is wrong with it
    formulas = False
    with archive:
        parts = archive.infolist()
        unpacked = sum(part.file_size for part in parts)
        if unpacked > MAX_UNPACKED:
            return (
                f"the workbook unpacks to {unpacked / 2**20:,.0f} MiB, more than the "
                f"{MAX_UNPACKED / 2**20:,.0f} MiB fks-graph reads (a damaged or hostile file, "
                "or more than a dataset holds: save the tables as CSV files instead)"
            ), False
        cells = 0
        for part in parts:
            if not part.filename.startswith("xl/worksheets/"):
                continue
            rest = b""
            try:
                with archive.open(part) as stream:
                    while chunk := stream.read(1 << 20):
                        data = rest + chunk
                        cut = max(data.rfind(b"<"), 0)  # a tag cut in two: counted with the next
                        cells += len(_CELL_TAG.findall(data, 0, cut))
                        formulas = formulas or _FORMULA_TAG.search(data, 0, cut) is not None
                        rest = data[cut:][-4096:]
                    cells += len(_CELL_TAG.findall(rest + b" "))
                    formulas = formulas or _FORMULA_TAG.search(rest + b" ") is not None
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
                return None, False  # a damaged part: openpyxl says what is wrong with it
            if cells > MAX_CELLS:
                return (
                    f"the sheets of the workbook hold more than {MAX_CELLS:,} cells (a damaged "
                    "or hostile file, or more than a dataset holds: save the tables as CSV "
                    "files instead)"
                ), False
    return None, formulas


def _load(
    handle: BinaryIO, label: str, problems: list[Problem], *, values: bool = True
) -> Workbook | None:
    """Open a workbook for reading (the values of formulas, or the formulas themselves);
    ``None`` (and a problem) if it cannot be."""
    import openpyxl  # only needed for workbooks; imported late to keep start-up fast

    try:
        handle.seek(0)
        return openpyxl.load_workbook(handle, read_only=True, data_only=values)
    except Exception as exc:  # noqa: BLE001 - any failure to open is bad input, never a traceback
        hint = ""
        try:
            handle.seek(0)
            if handle.read(4) == b"\xd0\xcf\x11\xe0":
                hint = " (it looks like an old .xls or a password-protected workbook)"
        except OSError:  # the file cannot be read at all: the error says why
            pass
        problems.append(
            Problem(
                label,
                None,
                None,
                f"not a valid XLSX workbook{hint}: {reason(exc)}; save it again as .xlsx",
            )
        )
        return None


def _rows(sheet: ReadOnlyWorksheet, *, values_only: bool = True) -> Iterator[tuple]:
    sheet.reset_dimensions()  # some writers store wrong dimensions
    return sheet.iter_rows(values_only=values_only)


def _formulas_without_value(
    label: str, formulas: ReadOnlyWorksheet, rows: list[tuple], header: list[str]
) -> Iterator[Problem]:
    """Cells that hold a formula but no value: a program wrote the workbook without
    computing it (openpyxl, pandas and many exporters do), and the cell would read as empty.

    ``rows`` are the sheet's cells read for values: a formula Excel computed to an empty
    text has the type ``str`` there, one never computed has none.
    """
    from openpyxl.utils import get_column_letter

    for number, (cells, row) in enumerate(zip(rows, _rows(formulas), strict=False), 1):
        for index, (cell, formula) in enumerate(zip(cells, row, strict=False)):
            if (
                isinstance(formula, str)
                and formula.startswith("=")
                and cell.value is None
                and cell.data_type != "str"
            ):
                shown = formula if len(formula) <= 40 else formula[:39] + "…"
                named = index < len(header) and header[index]
                yield Problem(
                    label,
                    number,
                    header[index] if named else get_column_letter(index + 1),
                    f"holds the formula {shown} but no value: the program that wrote the "
                    "workbook did not compute it; open and save the workbook in Excel or "
                    "LibreOffice, or put the value into the cell",
                )


def _sheet_table(
    sheet: ReadOnlyWorksheet,
    name: str,
    label: str,
    problems: list[Problem],
    formulas: ReadOnlyWorksheet | None = None,
) -> Table | None:
    """The table of a sheet that stands for table ``name``; ``None`` if it is damaged or empty.

    ``formulas``: the same sheet read for its formulas, when the workbook holds any.
    """
    try:
        if formulas is None:
            records = [
                (number, [_cell_text(v) for v in values])
                for number, values in enumerate(_rows(sheet), 1)
            ]
        else:
            rows = list(_rows(sheet, values_only=False))
            records = [
                (number, [_cell_text(cell.value) for cell in cells])
                for number, cells in enumerate(rows, 1)
            ]
            header = next((cells for _, cells in records if any(cells)), [])
            problems.extend(_formulas_without_value(label, formulas, rows, header))
    except Exception as exc:  # noqa: BLE001 - a damaged sheet is bad input, never a traceback
        problems.append(Problem(label, None, None, f"cannot read the sheet: {reason(exc)}"))
        return None
    return build_table(
        TABLES[name], label, records, problems, kind="sheet", extra_cells_are_errors=False
    )


def _sheet_tables(
    workbook: Workbook, label: str, problems: list[Problem], formulas: Workbook | None = None
) -> tuple[dict[str, Table], dict[str, str]]:
    """The tables of a workbook's sheets, and the sheet title of each table found.

    ``formulas``: the workbook read for its formulas, when it holds any.
    """
    tables: dict[str, Table] = {}
    sheets: dict[str, str] = {}
    for sheet in workbook.worksheets:
        name = table_for_name(sheet.title)
        if name is None:
            continue
        sheet_label = f"{label}, sheet '{sheet.title}'"
        if name in sheets:
            problems.append(
                Problem(
                    sheet_label,
                    None,
                    None,
                    f"this sheet and sheet '{sheets[name]}' both stand for table "
                    f"'{name}'; keep only one of them",
                )
            )
            continue
        sheets[name] = sheet.title
        table = _sheet_table(sheet, name, sheet_label, problems, formulas and formulas[sheet.title])
        if table is not None:
            tables[name] = table
    return tables, sheets


def read_workbook(file: Path, problems: list[Problem]) -> dict[str, Table]:
    """Read the sheets of an XLSX workbook whose titles stand for tables of the input contract.

    A workbook that unpacks to more than :data:`MAX_UNPACKED` bytes or holds more than
    :data:`MAX_CELLS` cells is refused before it is parsed.

    Parameters
    ----------
    file
        The ``.xlsx`` workbook.
    problems
        Where problems are added: an unreadable, damaged or too large workbook, two sheets
        for one table, missing required sheets, and every problem of a sheet's content.

    Returns
    -------
    dict[str, Table]
        The tables read, by canonical name.

    Examples
    --------
    >>> import pathlib, tempfile, openpyxl
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "daten.xlsx"
    >>> book = openpyxl.Workbook()
    >>> book.active.title = "Netzwerke"
    >>> book.active.append(["ID", "Name"]); book.active.append(["N1", "Allianz A"])
    >>> book.save(path)
    >>> problems = []
    >>> read_workbook(path, problems)["networks"].rows
    (Row(number=2, values={'id': 'N1', 'name': 'Allianz A'}),)
    >>> print(problems[0])
    daten.xlsx: missing required sheet 'memberships' (German name: Mitgliedschaften; sheets found: 'Netzwerke')
    """
    label = file.name
    try:
        handle = file.open("rb")
    except OSError as exc:
        problems.append(Problem(label, None, None, f"cannot read the file: {reason(exc)}"))
        return {}
    with handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles, extensions, validations
        too_large, has_formulas = _inspect(handle)
        if too_large is not None:
            problems.append(Problem(label, None, None, too_large))
            return {}
        workbook = _load(handle, label, problems)
        if workbook is None:
            return {}
        # the same file once more for the formulas (the two readers seek it in turn)
        formulas = _load(handle, label, problems, values=False) if has_formulas else None
        sheets: dict[str, str] = {}
        titles: list[str] = []
        try:
            titles = [sheet.title for sheet in workbook.worksheets]
            tables, sheets = _sheet_tables(workbook, label, problems, formulas)
        finally:
            workbook.close()
            if formulas is not None:
                formulas.close()
    found = ", ".join(f"'{t}'" for t in titles) or "none"
    for spec in TABLES.values():
        if spec.required and spec.name not in sheets:
            problems.append(
                Problem(
                    label,
                    None,
                    None,
                    f"missing required sheet '{spec.name}' (German name: "
                    f"{spec.file_aliases[0].capitalize()}; sheets found: {found})",
                )
            )
    return tables
