"""The raw tables of a dataset: rows of text by canonical column, built from records of cells."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter

from fks_graph.core.errors import Problem
from fks_graph.core.text import key
from fks_graph.input.contract import TableSpec, canonical_column

__all__ = ["Row", "Table", "build_table", "reason"]

_MAX_ROW_PROBLEMS = 100  # per file; more are summarised in one problem


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


def reason(exc: BaseException) -> str:
    """A short human-readable reason for an exception.

    Examples
    --------
    >>> reason(PermissionError(13, "Permission denied")), reason(ValueError())
    ('Permission denied', 'ValueError')
    """
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


def _positions(
    spec: TableSpec, label: str, number: int, header: list[str], problems: list[Problem]
) -> dict[str, tuple[int, str]]:
    """The canonical columns of a header row: their positions and headers as written.

    The English canonical name wins over an alias: beside a header ``network_id``, a header
    ``Netzwerk`` (the network's name, for readers) is left out like an unknown one. Two other
    headers for one column are a problem (the first one counts); so is a missing required
    column.
    """
    positions: dict[str, tuple[int, str]] = {}
    for index, cell in enumerate(header):
        text = cell.strip()
        column = canonical_column(spec.name, text) if text else None
        if column is None:
            continue
        if column in positions:
            first, first_text = positions[column]
            if key(first_text) == key(column) != key(text):
                continue  # the canonical header came first
            if key(text) == key(column) != key(first_text):
                positions[column] = (index, text)  # the canonical header comes after an alias
                continue
            problems.append(
                Problem(
                    label,
                    number,
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
    return positions


def _rows(
    label: str,
    records: Iterator[tuple[int, list[str]]],
    positions: dict[str, tuple[int, str]],
    width: int,
    problems: list[Problem],
    *,
    extra_cells_are_errors: bool,
) -> tuple[Row, ...]:
    """The non-blank data rows, short ones padded, cells picked by canonical column."""
    names = tuple(positions)
    # pick the known cells in one C call; the two surplus picks make it return a tuple even
    # for zero or one known column, and zip drops them
    pick = itemgetter(*(index for index, _ in positions.values()), 0, 0)
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
    return tuple(rows)


def build_table(
    spec: TableSpec,
    label: str,
    records: Iterable[tuple[int, list[str]]],
    problems: list[Problem],
    *,
    kind: str,
    extra_cells_are_errors: bool,
) -> Table | None:
    """Turn ``(row number, cells)`` records into a table; the first non-blank one is the header.

    Shared by the CSV files and the sheets of a workbook.

    Parameters
    ----------
    spec
        The table of the input contract.
    label
        How messages name the file or sheet.
    records
        The rows as a spreadsheet numbers them, with their cells as text.
    problems
        Where problems are added: an empty table, header problems, rows with extra cells.
    kind
        ``"file"`` or ``"sheet"``, for messages.
    extra_cells_are_errors
        Whether non-empty cells beyond the header are a problem (a CSV delimiter unquoted).

    Returns
    -------
    Table | None
        The table, ``None`` if it is empty.

    Examples
    --------
    >>> from fks_graph.input.contract import TABLES
    >>> problems = []
    >>> table = build_table(TABLES["networks"], "n.csv", [(1, ["ID", "Name", "x"]), (2, ["N1", " A "])],
    ...                     problems, kind="file", extra_cells_are_errors=True)
    >>> table.columns, table.rows, problems
    (('id', 'name'), (Row(number=2, values={'id': 'N1', 'name': 'A'}),), [])
    >>> build_table(TABLES["networks"], "n.csv", [(1, ["", ""])], problems, kind="file",
    ...             extra_cells_are_errors=True) is None
    True
    >>> print(problems[0])  # doctest: +ELLIPSIS
    n.csv: the file is empty (expected a header row with at least the columns id, name, ...
    """
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
    number, header = first
    positions = _positions(spec, label, number, header, problems)
    rows = _rows(
        label,
        records,
        positions,
        len(header),
        problems,
        extra_cells_are_errors=extra_cells_are_errors,
    )
    headers = {column: text for column, (_, text) in positions.items()}
    return Table(spec.name, label, tuple(positions), rows, headers)
