"""Tests of fks_graph.input.read_memberships: the memberships table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fks_graph.input.records import Membership, Origin

from .read_data import (
    _check_errors,
    _dataset,
    _german,
    _problems,
    _read,
    _warnings,
)

# (tables to write over the defaults, expected problems as (file, row, column, message regex))
ERROR_CASES: dict[
    str, tuple[dict[str, str | bytes | None], list[tuple[str, int | None, str | None, str]]]
] = {
    "unknown-network-id": (
        {"memberships": "Netzwerk;Akteur\nN1;IHK\nN9;HWK\n"},
        [
            (
                "memberships.csv",
                3,
                "Netzwerk",
                r"^unknown network id 'N9' \(expected an id from networks\.csv\)$",
            )
        ],
    ),
    "bad-since-year": (
        {"memberships": "Netzwerk;Akteur;seit\nN1;IHK;20l4\n"},
        [("memberships.csv", 2, "seit", r"^'20l4' is not a date")],
    ),
    "invalid-iso-date": (
        {"memberships": "Netzwerk;Akteur;seit\nN1;IHK;2014-02-30\n"},
        [
            (
                "memberships.csv",
                2,
                "seit",
                r"^'2014-02-30' is not a date \(expected YYYY or YYYY-MM-DD",
            )
        ],
    ),
    "invalid-german-date": (
        {"memberships": "Netzwerk;Akteur;bis\nN1;IHK;30.02.2014\n"},
        [("memberships.csv", 2, "bis", r"^'30\.02\.2014' is not a date")],
    ),
    "invalid-month": (
        {"memberships": "Netzwerk;Akteur;von\nN1;IHK;2014-13-01\n"},
        [("memberships.csv", 2, "von", r"^'2014-13-01' is not a date")],
    ),
    "date-with-slashes": (
        {"memberships": "Netzwerk;Akteur;ab\nN1;IHK;03/2014\n"},
        [("memberships.csv", 2, "ab", r"^'03/2014' is not a date")],
    ),
    "membership-without-actor": (
        {"memberships": "Netzwerk;Akteur-ID;Akteur;Rolle\nN1;;IHK;\nN1;;;Partner\n"},
        [("memberships.csv", 3, "Akteur", r"^missing actor: give actor_id or actor_name$")],
    ),
    "membership-without-network": (
        {"memberships": "Netzwerk;Akteur\n;IHK\n"},
        [("memberships.csv", 2, "Netzwerk", r"^missing network id")],
    ),
}


@pytest.mark.parametrize(("tables", "expected"), ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_errors(
    tmp_path: Path,
    tables: dict[str, str | bytes | None],
    expected: list[tuple[str, int | None, str | None, str]],
) -> None:
    _check_errors(tmp_path, tables, expected)


@pytest.mark.parametrize(
    ("since", "until"),
    [
        ("2015", "2012"),
        ("2015", "2014-12-31"),
        ("2014-03-01", "2013"),
        ("2014-03-02", "2014-03-01"),
        ("01.03.2014", "28.02.2014"),
    ],
)
def test_until_before_since(tmp_path: Path, since: str, until: str) -> None:
    folder = _german(
        tmp_path,
        memberships=f"Netzwerk;Akteur;seit;bis\nN1;IHK;2012;2013\nN1;HWK;{since};{until}\n",
    )
    (problem,) = _problems(folder, r"is before since")
    assert (problem.file, problem.row, problem.column) == ("memberships.csv", 3, "bis")
    assert re.fullmatch(r"until '[\d-]+' is before since '[\d-]+'", problem.message)


@pytest.mark.parametrize(
    ("since", "until", "stored"),
    [
        ("2014", "2014-03-01", ("2014", "2014-03-01")),
        ("2014-03-01", "2014", ("2014-03-01", "2014")),
        ("2014", "2014", ("2014", "2014")),
        ("2014-03-01", "2014-03-01", ("2014-03-01", "2014-03-01")),
        ("2012", "2015", ("2012", "2015")),
        ("01.03.2014", "31.12.2014", ("2014-03-01", "2014-12-31")),
        ("2014-12-31", "2014", ("2014-12-31", "2014")),
    ],
)
def test_until_not_before_since(
    tmp_path: Path, since: str, until: str, stored: tuple[str, str]
) -> None:
    folder = _german(tmp_path, memberships=f"Netzwerk;Akteur;seit;bis\nN1;IHK;{since};{until}\n")
    (membership,) = _read(folder).memberships
    assert (membership.since, membership.until) == stored


def test_unknown_role_is_left_empty(tmp_path: Path) -> None:
    folder = _german(
        tmp_path, memberships="Netzwerk;Akteur;Funktion\nN1;IHK;Schirmherr\nN2;IHK;Träger\n"
    )
    data = _read(folder)
    assert [m.role for m in data.memberships] == [None, "coordinator"]
    ((file, row, column, message),) = _warnings(data)
    assert (file, row, column) == ("memberships.csv", 2, "Funktion")
    assert message == (
        "unknown role 'Schirmherr' (known: coordinator, partner, member, advisory); left empty"
    )


def test_repeated_membership_is_merged(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        memberships="Netzwerk;Akteur;Rolle;seit\n"
        "N1;IHK Aachen;Partner;2014\n"
        "N2;IHK Aachen;Partner;2014\n"
        "N1;IHK Aachen;Partner;2014\n"
        "N1;IHK Aachen;Koordination;2014\n"
        "N1;IHK Aachen;Partner;2015\n",
    )
    data = _read(folder)
    assert [(m.network_id, m.role, m.since, m.origin.row) for m in data.memberships] == [
        ("N1", "partner", "2014", 2),
        ("N2", "partner", "2014", 3),
        ("N1", "coordinator", "2014", 5),
        ("N1", "partner", "2015", 6),
    ]
    assert _warnings(data) == [("memberships.csv", 4, None, "same membership as in row 2 (merged)")]


@pytest.mark.parametrize("rows", [("ja", "nein", ""), ("nein", "ja", ""), ("ja", "", "ja")])
def test_a_repeated_membership_is_certain_when_one_of_its_rows_is(
    tmp_path: Path, rows: tuple[str, ...]
) -> None:
    """Whatever the order of the rows: a firm source attests the membership."""
    lines = "".join(
        f"N1;IHK Aachen;{flag};https://example.org/{number}\n" for number, flag in enumerate(rows)
    )
    folder = _german(tmp_path, memberships="Netzwerk;Akteur;unsicher;Quelle\n" + lines)
    data = _read(folder)
    (membership,) = data.memberships
    certain = next(number for number, flag in enumerate(rows) if flag != "ja")
    assert not membership.uncertain
    assert (membership.source, membership.origin.row) == (
        f"https://example.org/{certain}",
        certain + 2,
    )
    assert len(_warnings(data)) == 2


def test_repeated_membership_by_network_name_and_spelling_is_merged(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        memberships="Netzwerk;Akteur;seit\nN1;IHK Aachen;01.03.2014\nAllianz A;ihk  aachen;2014-03-01\n",
    )
    data = _read(folder)
    assert len(data.memberships) == 1
    assert _warnings(data) == [("memberships.csv", 3, None, "same membership as in row 2 (merged)")]


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Koordination", "coordinator"),
        ("Träger", "coordinator"),
        ("Partner", "partner"),
        ("Kooperationspartner", "partner"),
        ("Mitglied", "member"),
        ("Beirat", "advisory"),
        ("member", "member"),
    ],
)
def test_role_labels(tmp_path: Path, label: str, code: str) -> None:
    folder = _german(tmp_path, memberships=f"Netzwerk;Akteur;Rolle\nN1;IHK;{label}\n")
    assert _read(folder).memberships[0].role == code


def test_memberships_are_typed_records(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        memberships="network_id,actor_name,role,since,until,source\n"
        "N1,IHK Aachen,partner,2014,2015-06-30,www.ihk.de/netzwerk\n",
    )
    assert _read(folder).memberships == (
        Membership(
            "N1",
            "name:industrieundhandelskammeraachen",
            Origin("memberships.csv", 2),
            "partner",
            "2014",
            "2015-06-30",
            "https://www.ihk.de/netzwerk",
        ),
    )


def test_stated_day_uncertainty_and_note_of_a_membership(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        memberships="network_id,actor_name,since,Stand,unsicher,Anmerkung\n"
        "N1,IHK Aachen,,27.08.2015,,\n"
        "N2,IHK Aachen,2016,11/2015,ja,Sprecher nennt sie\n",
    )
    first, second = _read(folder).memberships
    assert (first.since, first.as_of, first.uncertain, first.note) == (
        None,
        "2015-08-27",
        False,
        None,
    )
    assert (second.since, second.as_of, second.uncertain, second.note) == (
        "2016",
        "2015-11",
        True,
        "Sprecher nennt sie",
    )


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("as_of", "2015-13", r"'2015-13' is not a date \(expected YYYY, YYYY-MM"),
        ("as_of", "Sommer 2015", r"'Sommer 2015' is not a date"),
        ("uncertain", "vielleicht", r"'vielleicht' is not yes or no"),
        ("since", "2015-11", r"'2015-11' is not a date \(expected YYYY or YYYY-MM-DD"),
    ],
)
def test_bad_stated_day_or_flag_is_an_error(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    folder = _dataset(tmp_path, memberships=f"network_id,actor_name,{column}\nN1,IHK,{value}\n")
    (problem,) = _problems(folder, message)
    assert (problem.file, problem.row, problem.column) == ("memberships.csv", 2, column)


def test_control_characters_in_names_are_left_out(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        memberships="network_id,actor_name\nN1,IHK Aachen\x01\nN2,IHK\x7f Aachen\ufffe\n",
    )
    data = _read(folder)
    assert {m.actor_key for m in data.memberships} == {data.memberships[0].actor_key}
    assert [actor.name for actor in data.actors] == ["IHK Aachen"]
