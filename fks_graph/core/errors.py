"""Typed errors and problems, and the exit codes they map to."""

from __future__ import annotations

import errno
import os
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
    "environment_message",
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


# what the user has to change, where the system's words are not clear
_REASONS = {
    errno.EEXIST: "a file is in the way where a folder is needed",
    errno.ENOTDIR: "a file is in the way where a folder is needed",
    errno.EISDIR: "a folder is in the way where a file is needed",
}


def environment_message(exc: OSError) -> str:
    """One line for an error of the environment: the path concerned and what is wrong with it.

    The path is the second one of a rename (its target) when there is one.

    Examples
    --------
    >>> environment_message(PermissionError(13, "Permission denied", "data/netzwerke"))
    "cannot read or write 'data/netzwerke': Permission denied"
    >>> environment_message(OSError(28, "No space left on device", "/tmp/.g.tmp", None, "out/g.ttl"))
    "cannot read or write 'out/g.ttl': No space left on device"
    >>> environment_message(NotADirectoryError(20, "Not a directory", "out/analysis"))
    "cannot read or write 'out/analysis': a file is in the way where a folder is needed"
    >>> environment_message(OSError(5, "Input/output error"))
    'Input/output error'
    """
    reason = _REASONS.get(exc.errno) or exc.strerror or str(exc) or type(exc).__name__
    path = exc.filename2 if exc.filename2 is not None else exc.filename
    if path is None:
        return reason
    return f"cannot read or write '{os.fsdecode(path)}': {reason}"
