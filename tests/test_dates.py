"""Tests of fks_graph.core.dates: the one date parser."""

from __future__ import annotations

import datetime as dt

import pytest

from fks_graph.core.dates import DateError, parse_date, parse_day, parse_year, precision


@pytest.mark.parametrize(
    ("text", "month", "iso"),
    [
        ("2014", False, "2014"),
        (" 2014 ", False, "2014"),
        ("2014-05-22", False, "2014-05-22"),
        ("2014-5-2", False, "2014-05-02"),
        ("22.05.2014", False, "2014-05-22"),
        ("1.3.2020", False, "2020-03-01"),
        ("2015-11", True, "2015-11"),
        ("11.2015", True, "2015-11"),
        ("11/2015", True, "2015-11"),
        ("2014-05-22", True, "2014-05-22"),
        ("2014", True, "2014"),
    ],
)
def test_parse_date(text: str, month: bool, iso: str) -> None:
    assert parse_date(text, month=month) == iso


@pytest.mark.parametrize(
    ("text", "month", "message"),
    [
        ("2014-02-30", False, r"'2014-02-30' is not a date \(expected YYYY or YYYY-MM-DD"),
        ("2015-11", False, r"'2015-11' is not a date \(expected YYYY or YYYY-MM-DD"),
        ("2015-13", True, r"'2015-13' is not a date \(expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("1700", False, r"'1700' is not a year \(expected four digits"),
        ("01.01.1700", False, r"'01.01.1700' is not a date"),
        ("22/05/2014", False, r"'22/05/2014' is not a date"),
        ("gestern", True, r"'gestern' is not a date"),
    ],
)
def test_parse_date_rejects(text: str, month: bool, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(text, month=month)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2014-05-22", dt.date(2014, 5, 22)),
        ("2014-5-22", dt.date(2014, 5, 22)),
        ("01.03.2020", dt.date(2020, 3, 1)),
        ("1700-01-01", dt.date(1700, 1, 1)),  # a day need not be a plausible input year
        # a time of day (a workbook's date cell with a time, a database export) is dropped
        ("2014-05-22T10:30:00", dt.date(2014, 5, 22)),
        ("2014-05-22 10:30", dt.date(2014, 5, 22)),
        ("22.05.2014 10:30:15", dt.date(2014, 5, 22)),
        ("2014-05-22T10:30:00.250", dt.date(2014, 5, 22)),
        ("2016-06-15T00:00:00.000Z", dt.date(2016, 6, 15)),  # JSON, with its zone
        ("2018-06-20 09:00:00+02", dt.date(2018, 6, 20)),  # a PostgreSQL export
        ("2018-06-20T09:00+02:00", dt.date(2018, 6, 20)),
    ],
)
def test_parse_day(text: str, day: dt.date) -> None:
    assert parse_day(text) == day


@pytest.mark.parametrize(
    "text", ["2014", "2014-05", "2014-02-30", "30.02.2014", "2014-05-22T10", "2014-05-22T25"]
)
def test_parse_day_rejects(text: str) -> None:
    with pytest.raises(DateError, match=rf"'{text}' is not a date \(expected YYYY-MM-DD"):
        parse_day(text)


def test_one_error_type_that_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)
    with pytest.raises(DateError, match="is not a year"):
        parse_year("20l4")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2014", "year"), ("11/2015", "month"), ("22.05.2014", "day")],
)
def test_precision_of_a_parsed_date(text: str, expected: str) -> None:
    assert precision(parse_date(text, month=True)) == expected


@pytest.mark.parametrize("text", ["2014", "31.02.2014", "2014-13-01"])
def test_a_bad_day_names_both_forms_it_accepts(text: str) -> None:
    with pytest.raises(DateError, match=r"YYYY-MM-DD such as 2014-05-22, or DD\.MM\.YYYY\)$"):
        parse_day(text)
