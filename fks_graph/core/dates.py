"""The one date parser: years, months and days as input files and options write them."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["DateError", "parse_date", "parse_day", "parse_year", "precision"]

_YEAR = re.compile(r"[0-9]{4}")
# a time of day after the day (a workbook's date cell, a database export), with its zone
# (Z, +02, +02:00) if any: dropped
_TIME = r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?: ?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?))?)?"
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})" + _TIME)
_GERMAN_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})" + _TIME)
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})|([0-9]{1,2})[./]([0-9]{4})")
_YEAR_RANGE = (1800, 2200)
_PRECISIONS = {4: "year", 7: "month"}


class DateError(ValueError):
    """A text that is not a year, month or day in a form fks-graph accepts."""


def parse_year(text: str) -> str:
    """Check a year: four digits between 1800 and 2200 (``DateError`` otherwise).

    Examples
    --------
    >>> parse_year("2014")
    '2014'
    >>> parse_year("20l4")
    Traceback (most recent call last):
    ...
    fks_graph.core.dates.DateError: '20l4' is not a year (expected four digits such as 2014, between 1800 and 2200)
    """
    text = text.strip()
    if not _YEAR.fullmatch(text) or not _YEAR_RANGE[0] <= int(text) <= _YEAR_RANGE[1]:
        raise DateError(
            f"'{text}' is not a year (expected four digits such as 2014, "
            f"between {_YEAR_RANGE[0]} and {_YEAR_RANGE[1]})"
        )
    return text


def parse_day(text: str) -> dt.date:
    """Check a day: ``YYYY-MM-DD`` or German ``DD.MM.YYYY`` (``DateError`` otherwise).

    Any year of four digits is a year here; :func:`parse_date` (the input's dates) also
    checks that it lies between 1800 and 2200. A time of day after it is dropped.

    Examples
    --------
    >>> parse_day("2014-5-22"), parse_day("01.03.2020"), parse_day("2014-05-22T10:30:00")
    (datetime.date(2014, 5, 22), datetime.date(2020, 3, 1), datetime.date(2014, 5, 22))
    >>> parse_day("2014")
    Traceback (most recent call last):
    ...
    fks_graph.core.dates.DateError: '2014' is not a date (expected YYYY-MM-DD such as 2014-05-22, or DD.MM.YYYY)
    """
    text = text.strip()
    match = _ISO_DATE.fullmatch(text)
    parts = match.groups() if match else None
    if parts is None and (match := _GERMAN_DATE.fullmatch(text)):
        parts = (match[3], match[2], match[1])
    try:
        if parts is None:
            raise DateError(text)
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise DateError(
            f"'{text}' is not a date (expected YYYY-MM-DD such as 2014-05-22, or DD.MM.YYYY)"
        ) from None


def parse_date(text: str, *, month: bool = False) -> str:
    """Check a date: ``YYYY`` or ``YYYY-MM-DD`` (also ``DD.MM.YYYY``), returned as ISO text.

    With ``month``, a month is a date too: ``YYYY-MM`` (also ``MM.YYYY``, ``MM/YYYY``), for
    a source dated only to the month. A day is read by :func:`parse_day`; every year must lie
    between 1800 and 2200.

    Examples
    --------
    >>> parse_date("2014"), parse_date("2014-5-22"), parse_date("22.05.2014")
    ('2014', '2014-05-22', '2014-05-22')
    >>> parse_date("11/2015", month=True), parse_date("2015-11", month=True)
    ('2015-11', '2015-11')
    >>> parse_date("2014-02-30")
    Traceback (most recent call last):
    ...
    fks_graph.core.dates.DateError: '2014-02-30' is not a date (expected YYYY or YYYY-MM-DD such as 2014-05-22, or DD.MM.YYYY)
    """
    text = text.strip()
    if _YEAR.fullmatch(text):
        return parse_year(text)
    if month and (found := _MONTH.fullmatch(text)):
        year, number = (found[1], found[2]) if found[1] else (found[4], found[3])
        if 1 <= int(number) <= 12:
            return f"{parse_year(year)}-{int(number):02d}"
        raise DateError(
            f"'{text}' is not a date "
            "(expected YYYY, YYYY-MM or YYYY-MM-DD such as 2014-05-22, or MM.YYYY, DD.MM.YYYY)"
        )
    try:
        day = parse_day(text)
        parse_year(str(day.year))
        return day.isoformat()
    except DateError:
        raise DateError(
            f"'{text}' is not a date "
            "(expected YYYY or YYYY-MM-DD such as 2014-05-22, or DD.MM.YYYY)"
        ) from None


def precision(date: str) -> str:
    """How precise a date :func:`parse_date` returned is: ``year``, ``month`` or ``day``.

    Examples
    --------
    >>> precision("2014"), precision("2015-11"), precision("2014-05-22")
    ('year', 'month', 'day')
    """
    return _PRECISIONS.get(len(date), "day")
