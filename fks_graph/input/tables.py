"""Read the raw tables of a dataset (a folder of CSV files or one XLSX workbook) as text."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

from fks_graph.core.errors import InputError, Problem
from fks_graph.core.nogc import no_gc
from fks_graph.input.contract import TABLES, TableSpec, canonical_column, table_for_name

__all__ = ["Row", "Table", "read_tables"]


@dataclass(frozen=True, slots=True)
class Row:
    """A data row: its number as a spreadsheet shows it, and its cells by canonical column."""

    number: int
    values: dict[str, str]


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the dataset: canonical name, source label, columns present and rows."""

    name: str
    label: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    headers: dict[str, str] = field(default_factory=dict)  # canonical column -> header as written

    def header(self, column: str) -> str:
        """The header of ``column`` as the file writes it (for messages a user recognises)."""
        return self.headers.get(column, column)


_DELIMITERS = (";", ",", "\t")  # in order of preference on a tie
_SEP_LINE = re.compile(r'\s*"?sep=([^"\r\n])"?\s*', re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_ROW_PROBLEMS = 100  # per file; more are summarised in one problem
_TEXT_EXPECTED = "expected CSV text in UTF-8 or Windows-1252"
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive, perhaps an XLSX workbook renamed to .csv"),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
)


def _cp1252_table() -> str:
    """Windows-1252 as a decoding table; its five undefined bytes map like Latin-1."""
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


_CP1252 = _cp1252_table()


def _reason(exc: BaseException) -> str:
    """A short human-readable reason for an exception."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc).strip()
    return text or type(exc).__name__


def _column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _aliases(spec: TableSpec, column: str) -> str:
    """The headers accepted for a column, canonical name first."""
    col = next(c for c in spec.columns if c.name == column)
    return ", ".join(f"'{a}'" for a in dict.fromkeys((col.name, *col.aliases)))


def _required_columns(spec: TableSpec) -> str:
    return ", ".join(c.name for c in spec.columns if c.required)


# -- building a table from text records (shared by CSV and XLSX)


def _build_table(
    spec: TableSpec,
    label: str,
    records: Iterable[tuple[int, list[str]]],
    problems: list[Problem],
    *,
    kind: str,
    extra_cells_are_errors: bool,
) -> Table | None:
    """Turn ``(row number, cells)`` records into a table; the first non-blank one is the header."""
    records = iter(records)
    first = next(((n, cells) for n, cells in records if "".join(cells).strip()), None)
    if first is None:
        problems.append(
            Problem(
                label,
                None,
                None,
                f"the {kind} is empty (expected a header row with at least the columns "
                f"{_required_columns(spec)}, then one row per record)",
            )
        )
        return None
    header_number, header = first

    positions: dict[str, tuple[int, str]] = {}
    for index, cell in enumerate(header):
        text = cell.strip()
        column = canonical_column(spec.name, text) if text else None
        if column is None:
            continue
        if column in positions:
            first, first_text = positions[column]
            problems.append(
                Problem(
                    label,
                    header_number,
                    column,
                    f"two headers stand for column '{column}': '{first_text}' (column "
                    f"{_column_letter(first)}) and '{text}' (column {_column_letter(index)}); "
                    "keep only one of them",
                )
            )
            continue
        positions[column] = (index, text)

    found = ", ".join(f"'{c.strip()}'" for c in header if c.strip())
    for column in spec.columns:
        if column.required and column.name not in positions:
            problems.append(
                Problem(
                    label,
                    None,
                    column.name,
                    f"missing required column '{column.name}' (accepted headers: "
                    f"{_aliases(spec, column.name)}; found headers: {found or 'none'})",
                )
            )

    names = tuple(positions)
    # pick the known cells in one C call; the two surplus picks make it return a tuple even
    # for zero or one known column, and zip drops them
    pick = itemgetter(*(index for index, _ in positions.values()), 0, 0)
    width = len(header)
    padding = [""] * width
    rows: list[Row] = []
    overflow = 0
    for number, cells in records:
        if not "".join(cells).strip():
            continue
        count = len(cells)
        if count < width:
            cells = cells + padding[count:]
        elif count > width and extra_cells_are_errors and "".join(cells[width:]).strip():
            overflow += 1
            if overflow <= _MAX_ROW_PROBLEMS:
                extra = " | ".join(c.strip() for c in cells[width:] if c.strip())
                problems.append(
                    Problem(
                        label,
                        number,
                        None,
                        f"the row has {count} cells but the header has {width} columns "
                        f"(extra text: '{extra}'); a value probably contains the delimiter "
                        "without quotes around it",
                    )
                )
        rows.append(Row(number, dict(zip(names, map(str.strip, pick(cells)), strict=False))))
    if overflow > _MAX_ROW_PROBLEMS:
        problems.append(
            Problem(
                label,
                None,
                None,
                f"{overflow - _MAX_ROW_PROBLEMS} more rows have more cells than the header",
            )
        )
    headers = {column: text for column, (_, text) in positions.items()}
    return Table(spec.name, label, names, tuple(rows), headers)


# -- CSV


def _decode(data: bytes) -> str:
    """Decode strictly as UTF-8 (BOM stripped), else as Windows-1252 -- the whole file.

    A file that is UTF-8 in places (a valid multi-byte sequence) and not in others mixes two
    encodings; read as either, some of its text would be wrong, so it is refused.

    Raises
    ------
    ValueError
        The file mixes encodings: the message names the first line that is not UTF-8.

    Examples
    --------
    >>> _decode("Bündnis".encode("utf-8")), _decode("Bündnis".encode("cp1252"))
    ('Bündnis', 'Bündnis')
    >>> _decode("id,name\\nN1,Bündnis\\n".encode("utf-8") + "N2,Köln\\n".encode("cp1252"))
    Traceback (most recent call last):
    ...
    ValueError: line 3 is not UTF-8 (byte 0xF6 in 'N2,Köln'), but other lines are: the file mixes two encodings; save it again as UTF-8 (CSV UTF-8)
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        lenient = data.decode("utf-8", errors="surrogateescape")
        if any(ord(char) > 0x7F and not 0xDC80 <= ord(char) <= 0xDCFF for char in lenient):
            start = data.rfind(b"\n", 0, exc.start) + 1
            end = data.find(b"\n", exc.start)
            line = codecs.charmap_decode(data[start : end if end >= 0 else None], "strict", _CP1252)
            shown = line[0].strip()
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            number = data.count(b"\n", 0, exc.start) + 1
            raise ValueError(
                f"line {number} is not UTF-8 "
                f"(byte 0x{data[exc.start]:02X} in '{shown}'), but other lines are: the file "
                "mixes two encodings; save it again as UTF-8 (CSV UTF-8)"
            ) from None
        return codecs.charmap_decode(data, "strict", _CP1252)[0]


def _not_text(data: bytes) -> str | None:
    """Why ``data`` is not CSV text, or ``None`` if it may be."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return (
            f"the file is UTF-16 text ({_TEXT_EXPECTED}); "
            "in Excel, save it as 'CSV UTF-8' or 'CSV (Trennzeichen-getrennt)'"
        )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"not a text file ({_TEXT_EXPECTED}); it looks like {what}"
    if b"\x00" in data:
        return f"not a text file ({_TEXT_EXPECTED}); it contains NUL bytes"
    return None


def _has_many_controls(text: str) -> bool:
    sample = text[:65536]
    count = sum(1 for _ in _CONTROL.finditer(sample))
    return count > max(8, len(sample) // 100)


def _has_content(line: str) -> bool:
    """Whether a line holds more than whitespace, delimiters and quotes."""
    return bool(line.strip(' \t\n;,"'))


def _delimiter(line: str) -> str:
    """The delimiter of a header line: the most frequent of ``; , TAB`` outside quotes."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(_DELIMITERS, key=counts.__getitem__)


def _csv_records(
    text: str, delimiter: str, skip: int, label: str, problems: list[Problem]
) -> Iterator[tuple[int, list[str]]]:
    """Parse CSV text into ``(physical line where the record starts, cells)``.

    ``text`` has ``\\n`` line ends; its first ``skip`` lines are not part of the table.
    """
    source = io.StringIO(text, newline="")
    for _ in range(skip):
        source.readline()
    reader = csv.reader(source, delimiter=delimiter)
    consumed = skip
    start = skip + 1
    try:
        for cells in reader:
            start = consumed + 1
            consumed = skip + reader.line_num
            yield start, cells
    except csv.Error as exc:
        problems.append(
            Problem(
                label,
                skip + reader.line_num,
                None,
                f"cannot read the CSV from here on ({exc}); perhaps a '\"' is never closed",
            )
        )
        return
    if consumed > start:  # the last record spans lines: was a quote left open?
        tail = io.StringIO(text, newline="").readlines()[start - 1 : consumed]
        try:
            list(csv.reader(tail, delimiter=delimiter, strict=True))
        except csv.Error as exc:
            if "end of data" not in str(exc):
                return
            problems.append(
                Problem(
                    label,
                    start,
                    None,
                    "a quoted cell starting in this row is never closed (an unmatched '\"'), "
                    "so the rest of the file was read as one cell; close the quote or remove it",
                )
            )


def _read_csv(file: Path, spec: TableSpec, problems: list[Problem]) -> Table | None:
    label = file.name
    try:
        data = file.read_bytes()
    except OSError as exc:
        problems.append(Problem(label, None, None, f"cannot read the file: {_reason(exc)}"))
        return None
    why = _not_text(data)
    if why is None:
        try:
            text = _decode(data)
        except ValueError as exc:
            problems.append(Problem(label, None, None, str(exc)))
            return None
        if _has_many_controls(text):
            why = f"not a text file ({_TEXT_EXPECTED}); it contains many control characters"
    if why is not None:
        problems.append(Problem(label, None, None, why))
        return None

    if "\r" in text:  # Windows and old Mac line ends, also inside quoted cells
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    skip = 0
    first_line = text[: text.find("\n") + 1 or len(text)]
    if match := _SEP_LINE.fullmatch(first_line):
        delimiter = match.group(1)
        skip = 1
    else:
        header_line = next((line for line in io.StringIO(text) if _has_content(line)), "")
        delimiter = _delimiter(header_line)
    records = _csv_records(text, delimiter, skip, label, problems)
    return _build_table(spec, label, records, problems, kind="file", extra_cells_are_errors=True)


def _read_folder(folder: Path, problems: list[Problem]) -> dict[str, Table]:
    try:
        files = sorted(
            (
                p
                for p in folder.iterdir()
                if p.suffix.lower() == ".csv" and not p.name.startswith((".", "~")) and p.is_file()
            ),
            key=lambda p: (p.name.casefold(), p.name),
        )
    except OSError as exc:
        problems.append(Problem(str(folder), None, None, f"cannot list the folder: {_reason(exc)}"))
        return {}
    sources: dict[str, str] = {}
    tables: dict[str, Table] = {}
    for file in files:
        name = table_for_name(file.stem)
        if name is None:
            continue
        if name in sources:
            problems.append(
                Problem(
                    file.name,
                    None,
                    None,
                    f"this file and '{sources[name]}' both stand for table '{name}'; "
                    "keep only one of them",
                )
            )
            continue
        sources[name] = file.name
        table = _read_csv(file, TABLES[name], problems)
        if table is not None:
            tables[name] = table
    found = ", ".join(f"'{p.name}'" for p in files) or "none"
    for spec in TABLES.values():
        if spec.required and spec.name not in sources:
            problems.append(
                Problem(
                    str(folder),
                    None,
                    None,
                    f"missing required file '{spec.name}.csv' (German name: "
                    f"{spec.file_aliases[0]}.csv; CSV files found: {found})",
                )
            )
    return tables


# -- XLSX


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
# the start tag of a cell in a sheet's XML (with or without a namespace prefix)
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")


def _workbook_too_large(handle: BinaryIO) -> str | None:
    """Why a workbook is too large to read, or ``None``: its unpacked size and cell count.

    Both are found without parsing: the sizes the archive declares (more is never unpacked:
    a part that holds more fails its check) and the cell tags of the sheets, counted while
    they are unpacked in pieces, so that a hostile file is refused within seconds.
    """
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a zip archive: openpyxl says what is wrong with it
    with archive:
        parts = archive.infolist()
        unpacked = sum(part.file_size for part in parts)
        if unpacked > MAX_UNPACKED:
            return (
                f"the workbook unpacks to {unpacked / 2**20:,.0f} MiB, more than the "
                f"{MAX_UNPACKED / 2**20:,.0f} MiB fks-graph reads (a damaged or hostile file, "
                "or more than a dataset holds: save the tables as CSV files instead)"
            )
        cells = 0
        for part in parts:
            if not part.filename.startswith("xl/worksheets/"):
                continue
            rest = b""
            try:
                with archive.open(part) as stream:
                    while chunk := stream.read(1 << 20):
                        data = rest + chunk
                        cut = data.rfind(b"<")  # a tag cut in two is counted with the next piece
                        cells += len(_CELL_TAG.findall(data, 0, max(cut, 0)))
                        rest = data[max(cut, 0) :][-4096:]
                    cells += len(_CELL_TAG.findall(rest + b" "))
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
                return None  # a damaged part: openpyxl says what is wrong with it
            if cells > MAX_CELLS:
                return (
                    f"the sheets of the workbook hold more than {MAX_CELLS:,} cells (a damaged "
                    "or hostile file, or more than a dataset holds: save the tables as CSV "
                    "files instead)"
                )
    return None


def _read_workbook(file: Path, problems: list[Problem]) -> dict[str, Table]:
    import openpyxl  # only needed for workbooks; imported late to keep start-up fast

    label = file.name
    tables: dict[str, Table] = {}
    try:
        handle = file.open("rb")
    except OSError as exc:
        problems.append(Problem(label, None, None, f"cannot read the file: {_reason(exc)}"))
        return tables
    with handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles, extensions, validations
        too_large = _workbook_too_large(handle)
        if too_large is not None:
            problems.append(Problem(label, None, None, too_large))
            return tables
        handle.seek(0)
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any failure to open is bad input, never a traceback
            hint = ""
            handle.seek(0)
            if handle.read(4) == b"\xd0\xcf\x11\xe0":
                hint = " (it looks like an old .xls or a password-protected workbook)"
            problems.append(
                Problem(
                    label,
                    None,
                    None,
                    f"not a valid XLSX workbook{hint}: {_reason(exc)}; save it again as .xlsx",
                )
            )
            return tables
        sheets: dict[str, str] = {}
        titles: list[str] = []
        try:
            titles = [sheet.title for sheet in workbook.worksheets]
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
                try:
                    sheet.reset_dimensions()  # some writers store wrong dimensions
                    records = [
                        (number, [_cell_text(v) for v in values])
                        for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
                    ]
                except Exception as exc:  # noqa: BLE001 - a damaged sheet is bad input, never a traceback
                    problems.append(
                        Problem(sheet_label, None, None, f"cannot read the sheet: {_reason(exc)}")
                    )
                    continue
                table = _build_table(
                    TABLES[name],
                    sheet_label,
                    records,
                    problems,
                    kind="sheet",
                    extra_cells_are_errors=False,
                )
                if table is not None:
                    tables[name] = table
        finally:
            workbook.close()
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
            [Problem(str(path), None, None, f"cannot access: {_reason(exc)}")]
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
            tables = _read_workbook(workbook, problems)
    elif is_dir:
        with no_gc():
            tables = _read_folder(path, problems)
    elif is_file and path.suffix.lower() == ".xlsx":
        with no_gc():
            tables = _read_workbook(path, problems)
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
