"""Typed errors and problems, and the exit codes they map to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_NONCONFORMING",
    "EXIT_OK",
    "FksError",
    "InputError",
    "Problem",
    "UsageError",
]

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_BAD_INPUT = 2


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in an input file, located by file, row and column.

    ``row`` is the row number a spreadsheet shows (the header is row 1, the first data row is
    row 2); ``None`` when the problem concerns the whole file or column.

    Examples
    --------
    >>> str(Problem("memberships.csv", 5, "network_id", "unknown network id 'N9'"))
    "memberships.csv, row 5, column 'network_id': unknown network id 'N9'"
    >>> str(Problem("networks.csv", None, None, "the file is empty"))
    'networks.csv: the file is empty'
    """

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The problem as a JSON-ready mapping."""
        return {
            "severity": self.severity,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class FksError(Exception):
    """Base class of the errors fks-graph reports to a user; carries an exit code."""

    exit_code = EXIT_BAD_INPUT


class UsageError(FksError):
    """A command was called with arguments that cannot work (exit code 2)."""


class InputError(FksError):
    """Input data that cannot be read or is inconsistent (exit code 2).

    Examples
    --------
    >>> err = InputError([Problem("networks.csv", 3, "id", "duplicate id 'N1'")])
    >>> print(err)
    networks.csv, row 3, column 'id': duplicate id 'N1'
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
