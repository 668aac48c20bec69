"""Spreadsheet cells safe from formula injection: the one neutraliser of every table written for people."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

__all__ = ["FORMULA_STARTS", "neutralise", "neutralise_records", "neutralise_rows", "restore"]

#: A spreadsheet takes a cell starting with one of these for a formula (or a DDE command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# what gets an apostrophe: a formula start, or an apostrophe (so that restore is exact)
_QUOTED = (*FORMULA_STARTS, "'")

_T = TypeVar("_T")


def neutralise(value: _T) -> _T | str:
    """A cell value a spreadsheet cannot take for a formula (CSV/formula injection).

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets an
    apostrophe in front, so that a spreadsheet shows it as text and runs nothing; so does
    text already starting with an apostrophe, so that :func:`restore` is exact. Numbers,
    booleans and ``None`` stay as they are.

    Examples
    --------
    >>> neutralise("=cmd|' /C calc'!A0"), neutralise("IHK Köln"), neutralise(-1)
    ("'=cmd|' /C calc'!A0", 'IHK Köln', -1)
    >>> restore(neutralise("'s-Hertogenbosch")) == "'s-Hertogenbosch"
    True
    """
    if isinstance(value, str) and value.startswith(_QUOTED):
        return "'" + value
    return value


def restore(value: _T) -> _T | str:
    """The value :func:`neutralise` was given: the apostrophe it put in front removed.

    Only an apostrophe :func:`neutralise` can have written goes: one before a formula start
    or before another apostrophe (a name such as ``'s-Hertogenbosch`` written by a person
    stays as it is).

    Examples
    --------
    >>> restore("'@SUM(A1)"), restore("Aachen"), restore("''s-Hertogenbosch"), restore("'s-Gravenhage")
    ('@SUM(A1)', 'Aachen', "'s-Hertogenbosch", "'s-Gravenhage")
    """
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(_QUOTED):
        return value[1:]
    return value


def neutralise_rows(rows: Iterable[Sequence[object]]) -> Iterable[list[object]]:
    """Rows of cells with every text cell neutralised (see :func:`neutralise`).

    Examples
    --------
    >>> list(neutralise_rows([("=1+2", 3, None, "Jobcenter")]))
    [["'=1+2", 3, None, 'Jobcenter']]
    """
    return ([neutralise(cell) for cell in row] for row in rows)


def neutralise_records(records: Iterable[Mapping[str, object]]) -> Iterable[dict[str, object]]:
    """Records (column -> cell, as ``csv.DictWriter`` writes them) with every text cell
    neutralised (see :func:`neutralise`).

    Examples
    --------
    >>> list(neutralise_records([{"name": "@SUM(A1)", "networks": 2}]))
    [{'name': "'@SUM(A1)", 'networks': 2}]
    """
    return ({column: neutralise(cell) for column, cell in record.items()} for record in records)
