"""Tests of fks_graph.input.read: reading a dataset against the input contract."""

from __future__ import annotations

import datetime as dt
import gc
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fks_graph.core.errors import InputError, Problem
from fks_graph.input.read import read_dataset
from fks_graph.input.records import Actor, Dataset, Membership, Origin
from fks_graph.input.registry import Entry

NETWORKS = "id,name\nN1,Allianz A\nN2,Allianz B\n"
MEMBERSHIPS = "network_id,actor_name\nN1,IHK Aachen\n"

Located = tuple[str, int | None, str | None]


def _write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> None:
    data = content.encode(encoding) if isinstance(content, str) else content
    (folder / name).write_bytes(data)


def _dataset(folder: Path, encoding: str = "utf-8", **tables: str | bytes | None) -> Path:
    """A folder ``folder/daten`` with the given CSV tables (``name=text``; ``None`` omits one).

    ``networks`` and ``memberships`` default to two networks and one membership.
    """
    folder = folder / "daten"
    folder.mkdir(parents=True, exist_ok=True)
    contents: dict[str, str | bytes | None] = {
        "networks": NETWORKS,
        "memberships": MEMBERSHIPS,
        **tables,
    }
    for name, content in contents.items():
        if content is not None:
            _write(folder, f"{name}.csv", content, encoding)
    return folder


def _german(folder: Path, **tables: str | bytes | None) -> Path:
    """Like :func:`_dataset`, but written in Windows-1252 as German Excel does."""
    return _dataset(folder, "cp1252", **tables)


def _read(path: Path) -> Dataset:
    """Read a dataset that must have no errors."""
    return read_dataset(path)


def _problems(path: Path, match: str) -> list[Problem]:
    """The problems of a dataset that must fail with an error matching ``match``."""
    with pytest.raises(InputError, match=match) as info:
        read_dataset(path)
    assert all(p.severity == "error" for p in info.value.problems)
    return info.value.problems


def _located(problems: tuple[Problem, ...] | list[Problem]) -> list[Located]:
    return [(p.file, p.row, p.column) for p in problems]


def _warnings(data: Dataset) -> list[tuple[str, int | None, str | None, str]]:
    assert all(w.severity == "warning" for w in data.warnings)
    return [(w.file, w.row, w.column, w.message) for w in data.warnings]


def _actor(data: Dataset, key: str) -> Actor:
    return next(a for a in data.actors if a.key == key)


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An XLSX workbook with one sheet per entry (rows of cell values)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


# -- the documented example (section 8 of the contract)

EXAMPLE_NETWORKS = (
    "ID;Name;Region;Kreisschlüssel;Bundesland;Gründungsjahr;Rechtsform;Handlungsfelder;"
    "Zielgruppen\n"
    "N1;Fachkräftebündnis Musterkreis;Musterkreis;;Nordrhein-Westfalen;2012;;"
    "Qualifizierung|Zuwanderung;Jugendliche|Frauen\n"
    "N2;Allianz Beispielstadt;Beispielstadt;09999;;2015;e. V.;Familie und Beruf;\n"
)
EXAMPLE_MEMBERSHIPS = (
    "Netzwerk;Akteur;Typ;Ort;Rolle;seit;bis\n"
    "N1;IHK Musterstadt;IHK;Musterstadt;Koordination;01.03.2012;\n"
    "N1;Agentur für Arbeit Musterstadt;Arbeitsagentur;Musterstadt;Partner;2012;\n"
    "N1;Volkshochschule;Bildungsträger;Musterstadt;Partner;;\n"
    "N2;Volkshochschule;Volkshochschule;Beispielstadt;Mitglied;2015-06-01;2018-12-31\n"
    "N2;IHK Musterstadt;IHK;Musterstadt;Partner;;\n"
    "Allianz Beispielstadt;Stadt Beispielstadt;Kommune;Beispielstadt;Träger;;\n"
)


def _example(tmp_path: Path) -> Path:
    folder = tmp_path / "Beispiel"
    folder.mkdir()
    _write(folder, "Netzwerke.csv", EXAMPLE_NETWORKS, "cp1252")
    _write(folder, "Mitgliedschaften.csv", EXAMPLE_MEMBERSHIPS, "cp1252")
    return folder


def test_the_documented_example(tmp_path: Path) -> None:
    data = _read(_example(tmp_path))
    assert data.warnings == ()
    n1, n2 = data.networks
    assert (n1.id, n1.name, n1.region, n1.states, n1.founded) == (
        "N1",
        "Fachkräftebündnis Musterkreis",
        "Musterkreis",
        ("DE-NW",),
        "2012",
    )
    assert (n1.action_fields, n1.target_groups, n1.themes) == (
        ("qualification", "immigration"),
        ("young_people", "women"),
        (),
    )
    assert n1.origin == Origin("Netzwerke.csv", 2)
    assert (n2.region_code, n2.states, n2.legal_form, n2.action_fields) == (
        "09999",
        ("DE-BY",),
        "e. V.",
        ("family",),
    )
    assert [(a.key, a.name, a.type, a.city) for a in data.actors] == [
        (
            "name:industrieundhandelskammermusterstadt",
            "IHK Musterstadt",
            "chamber_of_commerce",
            "Musterstadt",
        ),
        (
            "name:agenturfuerarbeitmusterstadt",
            "Agentur für Arbeit Musterstadt",
            "employment_agency",
            "Musterstadt",
        ),
        (
            "name:volkshochschulemusterstadt",
            "Volkshochschule",
            "education_provider",
            "Musterstadt",
        ),
        (
            "name:volkshochschulebeispielstadt",
            "Volkshochschule",
            "education_provider",
            "Beispielstadt",
        ),
        (
            "name:stadtbeispielstadt",
            "Stadt Beispielstadt",
            "municipality",
            "Beispielstadt",
        ),
    ]
    assert [(m.network_id, m.actor_key, m.role, m.since, m.until) for m in data.memberships] == [
        ("N1", "name:industrieundhandelskammermusterstadt", "coordinator", "2012-03-01", None),
        ("N1", "name:agenturfuerarbeitmusterstadt", "partner", "2012", None),
        ("N1", "name:volkshochschulemusterstadt", "partner", None, None),
        ("N2", "name:volkshochschulebeispielstadt", "member", "2015-06-01", "2018-12-31"),
        ("N2", "name:industrieundhandelskammermusterstadt", "partner", None, None),
        ("N2", "name:stadtbeispielstadt", "coordinator", None, None),
    ]
    assert [m.origin for m in data.memberships] == [
        Origin("Mitgliedschaften.csv", row) for row in range(2, 8)
    ]


def test_utf8_comma_csv_with_english_headers(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        networks="id,name,state,founded,website\nN1,Bündnis Süd,Bavaria,2011,https://b.de\n",
        memberships="network_id,actor_name,actor_type,actor_city,role,since,until\n"
        'N1,"Müller, Schmidt & Co. KG",company,München,member,2011-01-01,2013\n',
    )
    data = _read(folder)
    assert data.networks[0].states == ("DE-BY",)
    assert data.networks[0].website == "https://b.de"
    (actor,) = data.actors
    assert (actor.name, actor.type, actor.city) == (
        "Müller, Schmidt & Co. KG",
        "company",
        "München",
    )
    assert data.memberships[0].since == "2011-01-01"
    assert data.memberships[0].until == "2013"


# -- errors


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


# (tables to write over the defaults, expected problems as (file, row, column, message regex))
ERROR_CASES: dict[
    str, tuple[dict[str, str | bytes | None], list[tuple[str, int | None, str | None, str]]]
] = {
    "missing-required-column-networks": (
        {"networks": "ID;Gebiet\nN1;Aachen\n"},
        [
            (
                "networks.csv",
                None,
                "name",
                r"missing required column 'name' \(accepted headers: 'name', 'Name'.*found headers: 'ID', 'Gebiet'\)",
            )
        ],
    ),
    "missing-required-column-memberships": (
        {"memberships": "Akteur;Rolle\nIHK;Partner\n"},
        [("memberships.csv", None, "network_id", r"missing required column 'network_id'")],
    ),
    "missing-required-column-awards": (
        {"awards": "Netzwerk;Preis\nN1;Demografiepreis\n"},
        [("awards.csv", None, "year", r"missing required column 'year'")],
    ),
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
    "unknown-network-id-in-projects": (
        {"projects": "ID;Projekt;Netzwerk\nP1;SWITCH;N7\n"},
        [("projects.csv", 2, "Netzwerk", r"^unknown network id 'N7'")],
    ),
    "unknown-network-id-in-awards": (
        {"awards": "Netzwerk;Preis;Jahr\nAllianz C;Demografiepreis;2014\n"},
        [("awards.csv", 2, "Netzwerk", r"^unknown network id 'Allianz C'")],
    ),
    "unknown-actor-id": (
        {
            "actors": "ID;Name\nA1;IHK Aachen\n",
            "memberships": "Netzwerk;Akteur-ID\nN1;A1\nN2;A2\n",
        },
        [
            (
                "memberships.csv",
                3,
                "Akteur-ID",
                r"^unknown actor id 'A2' \(expected an id from actors\.csv\)$",
            )
        ],
    ),
    "actor-id-without-actors-file": (
        {"memberships": "Netzwerk;Akteur-ID\nN1;A1\n"},
        [
            (
                "memberships.csv",
                2,
                "Akteur-ID",
                r"^unknown actor id 'A1' \(expected an id from actors\.csv \(there is none\)\)$",
            )
        ],
    ),
    "duplicate-network-id": (
        {"networks": "ID;Name\nN1;Allianz A\nN2;Allianz B\nN1;Allianz C\n"},
        [("networks.csv", 4, "ID", r"^duplicate network id 'N1' \(first in row 2\)$")],
    ),
    "duplicate-actor-id": (
        {
            "actors": "Nr;Name\nA1;IHK Aachen\nA2;HWK Aachen\nA3;DGB\nA2;VHS\n",
            "memberships": "Netzwerk;Akteur-ID\nN1;A1\n",
        },
        [("actors.csv", 5, "Nr", r"^duplicate actor id 'A2' \(first in row 3\)$")],
    ),
    "duplicate-project-id": (
        {"projects": "ID;Projekt;Netzwerk\nP1;SWITCH;N1\nP1;Anderes;N2\n"},
        [("projects.csv", 3, "ID", r"^duplicate project id 'P1' \(first in row 2\)$")],
    ),
    "bad-founded-year": (
        {"networks": "ID;Name;Gründungsjahr\nN1;Allianz A;2012\nN2;Allianz B;20l4\n"},
        [("networks.csv", 3, "Gründungsjahr", r"^'20l4' is not a date")],
    ),
    "founded-year-too-early": (
        {"networks": "ID;Name;gegründet\nN1;Allianz A;1799\nN2;Allianz B;1800\n"},
        [("networks.csv", 2, "gegründet", r"^'1799' is not a year")],
    ),
    "founded-year-too-late": (
        {"networks": "ID;Name;Gründung\nN1;Allianz A;2200\nN2;Allianz B;2201\n"},
        [("networks.csv", 3, "Gründung", r"^'2201' is not a year")],
    ),
    "founded-impossible-date": (
        {"networks": "ID;Name;Gründungsjahr\nN1;Allianz A;2014-02-30\n"},
        [("networks.csv", 2, "Gründungsjahr", r"^'2014-02-30' is not a date")],
    ),
    "bad-since-year": (
        {"memberships": "Netzwerk;Akteur;seit\nN1;IHK;20l4\n"},
        [("memberships.csv", 2, "seit", r"^'20l4' is not a date")],
    ),
    "bad-award-year": (
        {"awards": "Netzwerk;Preis;Jahr\nN1;Demografiepreis;20l4\n"},
        [("awards.csv", 2, "Jahr", r"^'20l4' is not a year")],
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
    "invalid-project-start": (
        {"projects": "ID;Projekt;Netzwerk;Beginn\nP1;SWITCH;N1;2014-02-30\n"},
        [("projects.csv", 2, "Beginn", r"^'2014-02-30' is not a date")],
    ),
    "empty-memberships-file": (
        {"memberships": ""},
        [("memberships.csv", None, None, r"^the file is empty")],
    ),
    "memberships-without-header": (
        {"memberships": "\n;;\n  \n"},
        [("memberships.csv", None, None, r"^the file is empty")],
    ),
    "empty-networks-file": (
        {"networks": ""},
        [("networks.csv", None, None, r"^the file is empty")],
    ),
    "workbook-renamed-to-csv": (
        {"memberships": _zip_bytes()},
        [("memberships.csv", None, None, r"^not a text file .*ZIP archive")],
    ),
    "binary-file": (
        {"networks": b"\x00\x01\x02binary\x00\xff"},
        [("networks.csv", None, None, r"^not a text file")],
    ),
    "membership-without-actor": (
        {"memberships": "Netzwerk;Akteur-ID;Akteur;Rolle\nN1;;IHK;\nN1;;;Partner\n"},
        [("memberships.csv", 3, "Akteur", r"^missing actor: give actor_id or actor_name$")],
    ),
    "partner-without-actor": (
        {
            "projects": "ID;Projekt;Netzwerk\nP1;SWITCH;N1\n",
            "project_partners": "Projekt;Akteur;Rolle\nP1;;Leitung\n",
        },
        [("project_partners.csv", 2, "Akteur", r"^missing actor")],
    ),
    "network-without-id": (
        {"networks": "ID;Name\nN1;Allianz A\n;Allianz B\n"},
        [("networks.csv", 3, "ID", r"^missing network id \(the cell is empty\)$")],
    ),
    "network-without-name": (
        {"networks": "ID;Name\nN1;Allianz A\nN2;\n"},
        [("networks.csv", 3, "Name", r"^missing network name")],
    ),
    "membership-without-network": (
        {"memberships": "Netzwerk;Akteur\n;IHK\n"},
        [("memberships.csv", 2, "Netzwerk", r"^missing network id")],
    ),
    "award-without-year": (
        {"awards": "Netzwerk;Preis;Jahr\nN1;Demografiepreis;\n"},
        [("awards.csv", 2, "Jahr", r"^missing award year")],
    ),
    "unknown-land": (
        {"networks": "ID;Name;Bundesland\nN1;Allianz A;NRW\nN2;Allianz B;Bavaria-Nord\n"},
        [("networks.csv", 3, "Bundesland", r"^'Bavaria-Nord' is not a German Land")],
    ),
    "unknown-land-among-several": (
        {"networks": "ID;Name;Länder\nN1;Allianz A;DE-BB|DE-XX\n"},
        [("networks.csv", 2, "Länder", r"^'DE-XX' is not a German Land")],
    ),
    "unknown-land-of-actor": (
        {
            "actors": "ID;Name;Land\nA1;IHK Aachen;Rheinland\n",
            "memberships": "Netzwerk;Akteur-ID\nN1;A1\n",
        },
        [("actors.csv", 2, "Land", r"^'Rheinland' is not a German Land")],
    ),
    "unknown-project-id": (
        {
            "projects": "ID;Projekt;Netzwerk\nP1;SWITCH;N1\n",
            "project_partners": "Projekt;Akteur\nP1;IHK\nP2;HWK\n",
        },
        [
            (
                "project_partners.csv",
                3,
                "Projekt",
                r"^unknown project id 'P2' \(expected an id from projects\.csv\)$",
            )
        ],
    ),
    "partner-without-projects-file": (
        {"project_partners": "Projekt;Akteur\nP1;IHK\n"},
        [("project_partners.csv", 2, "Projekt", r"^unknown project id 'P1'")],
    ),
}


@pytest.mark.parametrize(("tables", "expected"), ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_errors(
    tmp_path: Path,
    tables: dict[str, str | bytes | None],
    expected: list[tuple[str, int | None, str | None, str]],
) -> None:
    folder = _german(tmp_path, **tables)
    problems = _problems(folder, re.escape(expected[0][0]))
    assert _located(problems) == [(file, row, column) for file, row, column, _ in expected]
    for problem, (*_, message) in zip(problems, expected, strict=True):
        assert re.search(message, problem.message), problem.message


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("networks", r"missing required file 'networks\.csv' \(German name: netzwerke\.csv"),
        (
            "memberships",
            r"missing required file 'memberships\.csv' \(German name: mitgliedschaften\.csv",
        ),
    ],
)
def test_missing_required_file(tmp_path: Path, missing: str, message: str) -> None:
    folder = _dataset(tmp_path, **{missing: None})
    (problem,) = _problems(folder, message)
    assert (problem.file, problem.row, problem.column) == (str(folder), None, None)


def test_missing_required_sheet(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "daten.xlsx", {"Netzwerke": [["ID", "Name"], ["N1", "A"]]})
    (problem,) = _problems(book, r"missing required sheet 'memberships'")
    assert (problem.file, problem.row, problem.column) == ("daten.xlsx", None, None)


def test_a_csv_file_is_not_a_dataset(tmp_path: Path) -> None:
    folder = _dataset(tmp_path)
    (problem,) = _problems(folder / "networks.csv", r"pass the folder that holds the CSV files")
    assert problem.row is None


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


@pytest.mark.parametrize(
    ("start", "end", "fails"),
    [("2015", "2012", True), ("2014-06-01", "2014", False), ("2014", "2013-12-31", True)],
)
def test_project_end_before_start(tmp_path: Path, start: str, end: str, fails: bool) -> None:
    folder = _german(
        tmp_path, projects=f"ID;Projekt;Netzwerk;Beginn;Ende\nP1;SWITCH;N1;{start};{end}\n"
    )
    if fails:
        (problem,) = _problems(folder, r"is before start")
        assert (problem.file, problem.row, problem.column) == ("projects.csv", 2, "Ende")
    else:
        (project,) = _read(folder).projects
        assert (project.start, project.end) == (start, end)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        networks="ID;Name;Bundesland;Gründungsjahr\n"
        "N1;Allianz A;NRW;20l4\n"
        "N2;Allianz B;Bavaria-Nord;2012\n"
        "N1;Allianz C;;\n",
        actors="ID;Name\nA1;IHK Aachen\nA1;HWK Aachen\n",
        memberships="Netzwerk;Akteur-ID;Akteur;seit;bis\n"
        "N9;;IHK;;\n"
        "N1;A7;;;\n"
        "N2;;;2014-02-30;\n"
        "N1;;DGB;2015;2012\n",
        projects="ID;Projekt;Netzwerk\nP1;SWITCH;N1\n",
        project_partners="Projekt;Akteur\nP2;IHK\n",
        awards="Netzwerk;Preis;Jahr\nN2;Demografiepreis;20l9\n",
    )
    problems = _problems(folder, r"(?s)Gründungsjahr.*20l9")
    assert _located(problems) == [
        ("networks.csv", 2, "Gründungsjahr"),
        ("networks.csv", 3, "Bundesland"),
        ("networks.csv", 4, "ID"),
        ("actors.csv", 3, "ID"),
        ("memberships.csv", 2, "Netzwerk"),
        ("memberships.csv", 3, "Akteur-ID"),
        ("memberships.csv", 4, "Akteur"),
        ("memberships.csv", 4, "seit"),
        ("memberships.csv", 5, "bis"),
        ("project_partners.csv", 2, "Projekt"),
        ("awards.csv", 2, "Jahr"),
    ]
    message = str(InputError(problems))
    assert "networks.csv, row 2, column 'Gründungsjahr': '20l4' is not a date" in message
    assert "memberships.csv, row 2, column 'Netzwerk': unknown network id 'N9'" in message


def test_problems_name_the_headers_as_written(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        networks="NETZWERK-ID;Bezeichnung;GRÜNDUNGSJAHR\nN1;Allianz A;20l4\n",
        memberships="netz;Mitglied;Beginn\nN1;IHK;2014-02-30\n",
    )
    problems = _problems(folder, r"GRÜNDUNGSJAHR")
    assert _located(problems) == [
        ("networks.csv", 2, "GRÜNDUNGSJAHR"),
        ("memberships.csv", 2, "Beginn"),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Gründungsjahr",
        "gruendungsjahr",
        "GRÜNDUNGSJAHR",
        "founded",
        "Founding Year",
        "FOUNDING-YEAR",
        "Gründungs-Jahr",
        "Gründungs Jahr",
    ],
)
def test_header_spellings(tmp_path: Path, header: str) -> None:
    folder = _german(tmp_path, networks=f"ID;Name;{header}\nN1;Allianz A;2014\n")
    assert _read(folder).networks[0].founded == "2014"


@pytest.mark.parametrize(
    "file_name",
    [
        "project_partners.csv",
        "Projektpartner.csv",
        "project-partners.csv",
        "PROJECT PARTNERS.csv",
        "Projekt-Partner.csv",
    ],
)
def test_file_name_spellings(tmp_path: Path, file_name: str) -> None:
    folder = _german(tmp_path, projects="ID;Projekt;Netzwerk\nP1;SWITCH;N1\n")
    _write(folder, file_name, "Projekt;Akteur\nP1;IHK\n", "cp1252")
    assert [p.project_id for p in _read(folder).partners] == ["P1"]


# -- warnings


def test_unknown_actor_type_is_kept_as_other(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        memberships="Netzwerk;Akteur;Typ\nN1;IHK Aachen;IHK\nN1;Zukunftswerkstatt;Denkfabrik\n",
    )
    data = _read(folder)
    assert [(a.name, a.type) for a in data.actors] == [
        ("IHK Aachen", "chamber_of_commerce"),
        ("Zukunftswerkstatt", "other"),
    ]
    assert len(data.memberships) == 2
    ((file, row, column, message),) = _warnings(data)
    assert (file, row, column) == ("memberships.csv", 3, "Typ")
    assert message.startswith("unknown actor type 'Denkfabrik' (known: chamber_of_commerce,")
    assert message.endswith("the actor is kept as 'other'")


def test_unknown_registry_actor_type_is_kept_as_other(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        actors="ID;Name;Akteursart\nA1;Zukunftswerkstatt;Denkfabrik\nA2;DGB;\n",
        memberships="Netzwerk;Akteur-ID\nN1;A1\nN1;A2\n",
    )
    data = _read(folder)
    assert [(a.key, a.type) for a in data.actors] == [("id:A1", "other"), ("id:A2", "other")]
    assert _located(data.warnings) == [("actors.csv", 2, "Akteursart")]


@pytest.mark.parametrize(
    ("header", "value", "fields", "groups"),
    [
        ("Handlungsfelder", "Qualifizierung|Digitalisierung", ("qualification",), ()),
        ("Zielgruppen", "Frauen|Pendler", (), ("women",)),
        ("Themen", "Digitalisierung", (), ()),
    ],
)
def test_unknown_action_field_or_target_group_is_kept_as_theme(
    tmp_path: Path, header: str, value: str, fields: tuple[str, ...], groups: tuple[str, ...]
) -> None:
    folder = _german(tmp_path, networks=f"ID;Name;{header}\nN1;Allianz A;{value}\n")
    data = _read(folder)
    (network,) = data.networks
    unknown = value.split("|")[-1]
    assert (network.action_fields, network.target_groups, network.themes) == (
        fields,
        groups,
        (unknown,),
    )
    ((file, row, column, message),) = _warnings(data)
    assert (file, row, column) == ("networks.csv", 2, header)
    assert message.startswith(f"'{unknown}' is not a known ")
    assert message.endswith("kept as a free-text theme")


def test_unknown_project_codes_are_kept_as_themes(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        projects="ID;Projekt;Netzwerk;Handlungsfeld;Zielgruppe\nP1;SWITCH;N1;Bildung|KI;Pendler\n",
    )
    data = _read(folder)
    (project,) = data.projects
    assert (project.action_fields, project.target_groups, project.themes) == (
        ("education",),
        (),
        ("KI", "Pendler"),
    )
    assert _located(data.warnings) == [
        ("projects.csv", 2, "Handlungsfeld"),
        ("projects.csv", 2, "Zielgruppe"),
    ]


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


def test_unknown_region_type_is_ignored(tmp_path: Path) -> None:
    folder = _german(
        tmp_path, networks="ID;Name;Regionstyp\nN1;Allianz A;Boom-Stadt\nN2;Allianz B;Großstadt\n"
    )
    data = _read(folder)
    assert [n.region_type for n in data.networks] == ["boom_city", None]
    assert _located(data.warnings) == [("networks.csv", 3, "Regionstyp")]


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("www.x.de", "https://www.x.de"),
        ("fachkraefte-aachen.de", "https://fachkraefte-aachen.de"),
        ("www.x.de/netzwerk/index.html", "https://www.x.de/netzwerk/index.html"),
        ("http://www.x.de", "http://www.x.de"),
        ("https://www.x.de/a?b=c", "https://www.x.de/a?b=c"),
        ("  https://www.x.de  ", "https://www.x.de"),
    ],
)
def test_website(tmp_path: Path, value: str, url: str) -> None:
    folder = _german(tmp_path, networks=f"ID;Name;Webseite\nN1;Allianz A;{value}\n")
    data = _read(folder)
    assert data.networks[0].website == url
    assert data.warnings == ()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("keine Angabe", "'keine Angabe' is not a web address"),
        ("siehe oben", "'siehe oben' is not a web address"),
        ("x", "'x' is not a web address"),
        # the regular expression lets these through; the graph could not hold them as IRIs
        (
            "https://www.x.de/a#b#c",
            "'https://www.x.de/a#b#c' is not a valid web address (Invalid IRI code point '#')",
        ),
        (
            "www.x.de/50%ig",
            "'www.x.de/50%ig' is not a valid web address (Invalid IRI percent encoding '%ig')",
        ),
        (
            "http://[::1/netzwerk",
            "'http://[::1/netzwerk' is not a valid web address (Invalid character '[' in host)",
        ),
        # only http(s), no credentials (not repeated), no bidi controls that disguise an address
        (
            "file:///etc/passwd",
            "'file:///etc/passwd' is not a web address (only http and https, not file:)",
        ),
        ("FTP://x.de/a", "'FTP://x.de/a' is not a web address (only http and https, not FTP:)"),
        (
            "javascript://x.de/%0Aalert(1)",
            "'javascript://x.de/%0Aalert(1)' is not a web address (only http and https, not javascript:)",
        ),
        (
            "https://admin:geheim@x.de/a?b",
            "'https://…@x.de/a?b' is not a web address (it holds a user name or password)",
        ),
        (
            "http://user@x.de",
            "'http://…@x.de' is not a web address (it holds a user name or password)",
        ),
    ],
)
def test_website_that_is_no_web_address_is_ignored(
    tmp_path: Path, value: str, message: str
) -> None:
    folder = _german(tmp_path, networks=f"ID;Name;Homepage\nN1;Allianz A;{value}\n")
    data = _read(folder)
    assert data.networks[0].website is None
    assert _warnings(data) == [("networks.csv", 2, "Homepage", f"{message} (ignored)")]


def test_a_web_address_with_a_bidi_control_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "networks.csv").write_text(
        "id,name,website\nN1,A,https://x.de/\u202egpj.exe\n", encoding="utf-8"
    )
    (folder / "memberships.csv").write_text("network_id,actor_name\nN1,X\n", encoding="utf-8")
    data = _read(folder)
    assert data.networks[0].website is None
    message = (
        "'https://x.de/\u202egpj.exe' is not a web address (it holds a bidirectional control "
        "character, which can disguise an address) (ignored)"
    )
    assert _warnings(data) == [("networks.csv", 2, "website", message)]


def test_registry_urls(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        actors="ID;Name;Internet;Wikidata;Quelle\nA1;IHK Aachen;www.aachen.ihk.de;"
        "https://www.wikidata.org/wiki/Q1;kaputt\n",
        memberships="Netzwerk;Akteur-ID\nN1;A1\n",
    )
    data = _read(folder)
    (actor,) = data.actors
    assert (actor.website, actor.same_as, actor.source) == (
        "https://www.aachen.ihk.de",
        "https://www.wikidata.org/wiki/Q1",
        None,
    )
    assert _located(data.warnings) == [("actors.csv", 2, "Quelle")]


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


def test_repeated_membership_by_network_name_and_spelling_is_merged(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        memberships="Netzwerk;Akteur;seit\nN1;IHK Aachen;01.03.2014\nAllianz A;ihk  aachen;2014-03-01\n",
    )
    data = _read(folder)
    assert len(data.memberships) == 1
    assert _warnings(data) == [("memberships.csv", 3, None, "same membership as in row 2 (merged)")]


def test_region_code_in_another_land_is_a_warning(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        networks="ID;Name;Bundesland;Kreisschlüssel\n"
        "N1;Allianz A;Bayern;05334\n"
        "N2;Allianz B;NRW|Bayern;05334\n"
        "N3;Allianz C;Sachsen;DEA2D\n",
    )
    data = _read(folder)
    assert [n.states for n in data.networks] == [("DE-BY",), ("DE-NW", "DE-BY"), ("DE-SN",)]
    assert _warnings(data) == [
        ("networks.csv", 2, "Kreisschlüssel", "region code '05334' lies in DE-NW, not in DE-BY"),
        ("networks.csv", 4, "Kreisschlüssel", "region code 'DEA2D' lies in DE-NW, not in DE-SN"),
    ]


# -- codes and Länder


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("IHK", "chamber_of_commerce"),
        ("Industrie- und Handelskammer", "chamber_of_commerce"),
        ("Handwerkskammer", "chamber_of_crafts"),
        ("HWK", "chamber_of_crafts"),
        ("Agentur für Arbeit", "employment_agency"),
        ("AGENTUR FUER ARBEIT", "employment_agency"),
        ("Arbeitsagentur", "employment_agency"),
        ("Jobcenter", "jobcenter"),
        ("Job-Center", "jobcenter"),
        ("Gewerkschaft", "union"),
        ("DGB", "union"),
        ("Volkshochschule", "education_provider"),
        ("Wirtschaftsförderung", "business_development"),
        ("Kommune", "municipality"),
        ("Unternehmen", "company"),
        ("employment agency", "employment_agency"),
        ("chamber_of_crafts", "chamber_of_crafts"),
        ("Sonstige", "other"),
    ],
)
def test_actor_type_labels(tmp_path: Path, label: str, code: str) -> None:
    folder = _german(tmp_path, memberships=f"Netzwerk;Akteur;Typ\nN1;Akteur X;{label}\n")
    data = _read(folder)
    assert data.actors[0].type == code
    assert data.warnings == ()


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


@pytest.mark.parametrize(
    ("value", "states"),
    [
        ("NRW", ("DE-NW",)),
        ("Nordrhein-Westfalen", ("DE-NW",)),
        ("North Rhine-Westphalia", ("DE-NW",)),
        ("Bayern", ("DE-BY",)),
        ("Bavaria", ("DE-BY",)),
        ("DE-BY", ("DE-BY",)),
        ("BY", ("DE-BY",)),
        ("de-by", ("DE-BY",)),
        ("Thüringen", ("DE-TH",)),
        ("Freistaat Sachsen", ("DE-SN",)),
        ("DE-BB|DE-SN", ("DE-BB", "DE-SN")),
        ("Berlin | Brandenburg", ("DE-BE", "DE-BB")),
        ("NRW|Nordrhein-Westfalen", ("DE-NW",)),
    ],
)
def test_land_names_and_codes(tmp_path: Path, value: str, states: tuple[str, ...]) -> None:
    folder = _german(
        tmp_path,
        networks=f"ID;Name;Bundesland\nN1;Allianz A;{value}\n",
        actors=f"ID;Name;Land\nA1;IHK;{value}\n",
        memberships="Netzwerk;Akteur-ID\nN1;A1\n",
    )
    data = _read(folder)
    assert data.networks[0].states == states
    assert data.actors[0].states == states


@pytest.mark.parametrize(
    ("region_code", "states"),
    [
        ("05334", ("DE-NW",)),
        ("DEA2D", ("DE-NW",)),
        ("09162", ("DE-BY",)),
        ("DE402", ("DE-BB",)),
        ("14612000", ("DE-SN",)),
        ("99999", ()),
    ],
)
def test_land_derived_from_region_code(
    tmp_path: Path, region_code: str, states: tuple[str, ...]
) -> None:
    folder = _german(tmp_path, networks=f"ID;Name;Kreisschlüssel\nN1;Allianz A;{region_code}\n")
    data = _read(folder)
    assert (data.networks[0].region_code, data.networks[0].states) == (region_code, states)
    assert data.warnings == ()


# -- dates


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("2014", "2014"),
        ("2014-05-22", "2014-05-22"),
        ("2014-5-2", "2014-05-02"),
        ("22.05.2014", "2014-05-22"),
        ("1.3.2012", "2012-03-01"),
        ("29.02.2016", "2016-02-29"),
        (" 2014 ", "2014"),
    ],
)
def test_date_formats(tmp_path: Path, value: str, stored: str) -> None:
    folder = _german(
        tmp_path,
        memberships=f"Netzwerk;Akteur;seit\nN1;IHK;{value}\n",
        projects=f"ID;Projekt;Netzwerk;Ende\nP1;SWITCH;N1;{value}\n",
    )
    data = _read(folder)
    assert data.memberships[0].since == stored
    assert data.projects[0].end == stored


def test_workbook(tmp_path: Path) -> None:
    book = _workbook(
        tmp_path / "Innovationstag.xlsx",
        {
            "Netzwerke": [
                ["ID", "Name", "Bundesland", "Gründungsjahr"],
                ["N1", "Fachkräfteallianz Aachen", "NRW", 2014],
                ["N2", "Bündnis Süd", "Bayern", 2012.0],
                [None, None, None, None],
                ["N3", "Netzwerk Ost", "DE-BB|DE-SN", "2013"],
            ],
            "Mitglieder": [
                ["Netzwerk", "Akteur", "Typ", "Ort", "seit", "bis"],
                ["N1", "IHK Aachen", "IHK", "Aachen", dt.date(2014, 3, 1), 2016],
                ["N2", "IHK Aachen", "IHK", "Aachen", dt.datetime(2012, 5, 22), "31.12.2015"],
                ["N3", "DGB", "Gewerkschaft", None, 2013, None],
            ],
            "Preise": [["Netzwerk", "Preis", "Jahr"], ["N1", "Innovative Netzwerke", 2014]],
            "Notizen": [["irgendwas"]],
        },
    )
    data = _read(book)
    assert data.warnings == ()
    assert [(n.id, n.states, n.founded) for n in data.networks] == [
        ("N1", ("DE-NW",), "2014"),
        ("N2", ("DE-BY",), "2012"),
        ("N3", ("DE-BB", "DE-SN"), "2013"),
    ]
    assert [n.origin.row for n in data.networks] == [2, 3, 5]
    assert [(m.network_id, m.since, m.until) for m in data.memberships] == [
        ("N1", "2014-03-01", "2016"),
        ("N2", "2012-05-22", "2015-12-31"),
        ("N3", "2013", None),
    ]
    assert [(a.name, a.type, a.city) for a in data.actors] == [
        ("IHK Aachen", "chamber_of_commerce", "Aachen"),
        ("DGB", "union", None),
    ]
    assert [(a.network_id, a.year) for a in data.awards] == [("N1", "2014")]
    assert (data.info.slug, data.info.title) == ("innovationstag", "Innovationstag")


def test_workbook_errors_name_sheet_row_and_header(tmp_path: Path) -> None:
    book = _workbook(
        tmp_path / "daten.xlsx",
        {
            "Netzwerke": [["ID", "Name", "Gründungsjahr"], ["N1", "A", "20l4"]],
            "Mitglieder": [["Netzwerk", "Akteur", "seit"], ["N9", "IHK", "2014-02-30"]],
        },
    )
    problems = _problems(book, r"20l4")
    assert [(p.row, p.column) for p in problems] == [
        (2, "Gründungsjahr"),
        (2, "Netzwerk"),
        (2, "seit"),
    ]
    assert [p.file.startswith("daten.xlsx") for p in problems] == [True, True, True]
    assert "Netzwerke" in problems[0].file
    assert "Mitglieder" in problems[1].file


def test_workbook_file_label_as_documented(tmp_path: Path) -> None:
    book = _workbook(
        tmp_path / "daten.xlsx",
        {
            "Netzwerke": [["ID", "Name"], ["N1", "A"]],
            "Mitglieder": [["Netzwerk", "Akteur"], ["N1", "IHK"]],
        },
    )
    data = _read(book)
    assert data.networks[0].origin == Origin("daten.xlsx, sheet 'Netzwerke'", 2)


def test_workbook_numeric_kreisschluessel_keeps_its_land(tmp_path: Path) -> None:
    book = _workbook(
        tmp_path / "daten.xlsx",
        {
            "Netzwerke": [["ID", "Name", "Kreisschlüssel"], ["N1", "Allianz Flensburg", 1001]],
            "Mitglieder": [["Netzwerk", "Akteur"], ["N1", "IHK Flensburg"]],
        },
    )
    assert _read(book).networks[0].states == ("DE-SH",)


def test_full_width_digits_are_not_a_year(tmp_path: Path) -> None:
    folder = _dataset(tmp_path, networks="id,name,founded\nN1,Allianz A,２０１４\n")
    (problem,) = _problems(folder, r"is not a date")
    assert (problem.row, problem.column) == (2, "founded")


# -- actor identity


def test_same_name_and_city_in_two_networks_is_one_actor(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        memberships="Netzwerk;Akteur;Ort\nN1;IHK Aachen;Aachen\nN2;IHK Aachen;Aachen\n",
    )
    data = _read(folder)
    (actor,) = data.actors
    assert (actor.key, actor.city, actor.origin) == (
        "name:industrieundhandelskammeraachen",
        "Aachen",
        Origin("memberships.csv", 2),
    )
    assert [(m.network_id, m.actor_key) for m in data.memberships] == [
        ("N1", actor.key),
        ("N2", actor.key),
    ]


def test_same_name_without_city_in_two_networks_is_one_actor(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        memberships="Netzwerk;Akteur\nN1;DGB Region Südwestsachsen\nN2;DGB Region Südwestsachsen\n",
    )
    data = _read(folder)
    assert [a.key for a in data.actors] == ["name:deutschergewerkschaftsbundregionsuedwestsachsen"]
    assert {m.actor_key for m in data.memberships} == {
        "name:deutschergewerkschaftsbundregionsuedwestsachsen"
    }


def test_generic_name_in_two_cities_is_two_actors(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        memberships="Netzwerk;Akteur;Ort\nN1;Volkshochschule;Bonn\nN2;Volkshochschule;Köln\n",
    )
    data = _read(folder)
    assert [(a.key, a.name, a.city) for a in data.actors] == [
        ("name:volkshochschulebonn", "Volkshochschule", "Bonn"),
        ("name:volkshochschulekoeln", "Volkshochschule", "Köln"),
    ]
    assert [m.actor_key for m in data.memberships] == [a.key for a in data.actors]


def test_name_without_city_and_with_city_are_two_actors(tmp_path: Path) -> None:
    folder = _german(
        tmp_path, memberships="Netzwerk;Akteur;Ort\nN1;Volkshochschule;\nN2;Volkshochschule;Bonn\n"
    )
    data = _read(folder)
    assert [(a.key, a.city) for a in data.actors] == [
        ("name:volkshochschule@N1", None),
        ("name:volkshochschulebonn", "Bonn"),
    ]


@pytest.mark.parametrize(
    "variant",
    ["ihk  aachen", "IHK AACHEN", " IHK Aachen ", "IHK\u00a0Aachen", "Ihk\tAachen"],
)
def test_case_and_space_variants_are_one_actor(tmp_path: Path, variant: str) -> None:
    folder = _dataset(
        tmp_path,
        memberships=f'network_id,actor_name,actor_city\nN1,IHK Aachen,Aachen\nN2,"{variant}",AACHEN\n',
    )
    data = _read(folder)
    (actor,) = data.actors
    assert actor.name == "IHK Aachen"
    assert actor.city == "Aachen"
    spelled = " ".join(variant.split())
    expected = [("IHK Aachen", Origin("memberships.csv", 2))]
    if spelled != "IHK Aachen":
        expected.append((spelled, Origin("memberships.csv", 3)))
    assert list(actor.spellings) == expected
    assert [m.actor_key for m in data.memberships] == [actor.key, actor.key]


def test_nfd_umlauts_are_the_same_actor(tmp_path: Path) -> None:
    nfd = "Handwerkskammer Mu\u0308nster"
    folder = _dataset(
        tmp_path,
        memberships=f"network_id,actor_name,actor_city\nN1,Handwerkskammer Münster,Münster\n"
        f"N2,{nfd},Mu\u0308nster\n",
    )
    data = _read(folder)
    (actor,) = data.actors
    assert actor.spellings == (("Handwerkskammer Münster", Origin("memberships.csv", 2)),)
    assert len(data.memberships) == 2


def test_preferred_name_is_the_most_frequent_spelling(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        networks="ID;Name\nN1;A\nN2;B\nN3;C\n",
        memberships="Netzwerk;Akteur\nN1;IHK aachen\nN2;IHK Aachen\nN3;IHK Aachen\n",
    )
    (actor,) = _read(folder).actors
    assert actor.name == "IHK Aachen"
    assert actor.spellings == (
        ("IHK aachen", Origin("memberships.csv", 2)),
        ("IHK Aachen", Origin("memberships.csv", 3)),
    )
    assert actor.origin == Origin("memberships.csv", 2)


def test_spellings_of_one_actor_across_networks_are_one_actor(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        networks="ID;Name\nN1;A\nN2;B\nN3;C\nN4;D\n",
        memberships="Netzwerk;Akteur;Ort\n"
        "N1;Jobcenter Rhein-Sieg;Siegburg\n"
        "N2;Job-Center Rhein-Sieg;\n"
        "N3;JobCenter Rhein - Sieg;Troisdorf\n"
        "N4;Jobcenter Rhein-Sieg;Siegburg\n"
        "N4;Jobcenter Bonn;Bonn\n",
    )
    data = _read(folder)
    assert [m.actor_key for m in data.memberships] == ["name:jobcenterrheinsieg"] * 4 + [
        "name:jobcenterbonn"
    ]
    actor = _actor(data, "name:jobcenterrheinsieg")
    assert (actor.name, actor.city) == ("Jobcenter Rhein-Sieg", "Siegburg")
    assert actor.spellings == (
        ("Jobcenter Rhein-Sieg", Origin("memberships.csv", 2)),
        ("Job-Center Rhein-Sieg", Origin("memberships.csv", 3)),
        ("JobCenter Rhein - Sieg", Origin("memberships.csv", 4)),
    )


def test_a_company_in_two_cities_is_two_actors(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        memberships="Netzwerk;Akteur;Ort\nN1;Müller Logistik GmbH;Bonn\nN2;Mueller Logistik GmbH;Köln\n"
        "N2;Müller Logistik AG;Bonn\n",
    )
    assert [a.key for a in _read(folder).actors] == [
        "name:muellerlogistikgmbhbonn",
        "name:muellerlogistikgmbhkoeln",
        "name:muellerlogistikagbonn",
    ]


def test_preferred_name_on_a_tie_is_the_first_seen(tmp_path: Path) -> None:
    folder = _german(tmp_path, memberships="Netzwerk;Akteur\nN1;ihk aachen\nN2;IHK Aachen\n")
    (actor,) = _read(folder).actors
    assert actor.name == "ihk aachen"


def test_actor_type_is_the_most_frequent_one_given(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        networks="ID;Name\nN1;A\nN2;B\nN3;C\nN4;D\n",
        memberships="Netzwerk;Akteur;Typ\n"
        "N1;Stadt Aachen;Wirtschaftsförderung\n"
        "N2;Stadt Aachen;Kommune\n"
        "N3;Stadt Aachen;\n"
        "N4;Stadt Aachen;Landkreis\n",
    )
    (actor,) = _read(folder).actors
    assert actor.type == "municipality"


def test_actor_without_any_type_is_other(tmp_path: Path) -> None:
    folder = _german(
        tmp_path, memberships="Netzwerk;Akteur;Typ\nN1;Stadt Aachen;\nN2;Stadt Aachen;\n"
    )
    (actor,) = _read(folder).actors
    assert actor.type == "other"


REGISTRY = "ID;Name;Typ;Ort\nIHK-AC;IHK Aachen;IHK;Aachen\nDGB;DGB Region NRW;Gewerkschaft;\n"


@pytest.mark.parametrize(
    ("name", "city", "key"),
    [
        ("IHK Aachen", "Aachen", "id:IHK-AC"),
        ("ihk  aachen", "AACHEN", "id:IHK-AC"),
        ("IHK Aachen", "", "id:IHK-AC"),
        ("IHK Aachen", "Köln", "id:IHK-AC"),  # a regional institution, whatever the city
        ("Industrie- und Handelskammer zu Aachen", "", "id:IHK-AC"),
        ("Volkshochschule", "Aachen", "name:volkshochschuleaachen"),
        ("IHK Aachen-Düren", "Aachen", "name:industrieundhandelskammeraachendueren"),
        ("DGB Region NRW", "Düsseldorf", "id:DGB"),
        ("DGB Region NRW", "", "id:DGB"),
    ],
)
def test_actor_name_resolves_to_the_registry_actor(
    tmp_path: Path, name: str, city: str, key: str
) -> None:
    folder = _german(
        tmp_path,
        actors=REGISTRY,
        memberships=f"Netzwerk;Akteur;Ort\nN1;{name};{city}\n",
    )
    data = _read(folder)
    assert data.memberships[0].actor_key == key
    assert [a.key for a in data.actors][:2] == ["id:IHK-AC", "id:DGB"]
    if key.startswith("id:"):
        assert len(data.actors) == 2
        actor = _actor(data, key)
        spelled = " ".join(name.split())
        if spelled != actor.name:
            assert actor.spellings[-1] == (spelled, Origin("memberships.csv", 2))
    else:
        assert len(data.actors) == 3


def test_ambiguous_registry_name_is_an_actor_of_its_own(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        actors="ID;Name;Ort\nVHS-BN;Volkshochschule;Bonn\nVHS-K;Volkshochschule;Köln\n",
        memberships="Netzwerk;Akteur;Ort\nN1;Volkshochschule;\nN1;Volkshochschule;Köln\n",
    )
    data = _read(folder)
    assert [m.actor_key for m in data.memberships] == ["name:volkshochschule@N1", "id:VHS-K"]
    assert [a.key for a in data.actors] == ["id:VHS-BN", "id:VHS-K", "name:volkshochschule@N1"]


def test_actor_id_with_another_name_records_a_spelling(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        actors=REGISTRY,
        memberships="Netzwerk;Akteur-ID;Akteur\n"
        "N1;IHK-AC;Industrie- und Handelskammer Aachen\n"
        "N2;IHK-AC;IHK Aachen\n"
        "N2;DGB;\n",
    )
    data = _read(folder)
    assert [m.actor_key for m in data.memberships] == ["id:IHK-AC", "id:IHK-AC", "id:DGB"]
    ihk = _actor(data, "id:IHK-AC")
    assert ihk.name == "IHK Aachen"
    assert ihk.spellings == (
        ("IHK Aachen", Origin("actors.csv", 2)),
        ("Industrie- und Handelskammer Aachen", Origin("memberships.csv", 2)),
    )
    assert len(data.actors) == 2


def test_registry_actor_fields(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        actors="Akteursnummer;Organisation;Akteurstyp;Sitz;Bundesland\n"
        "A1;Handwerkskammer Münster;Handwerkskammer;Münster;NRW\n",
        memberships="Netzwerk;Akteur-ID\nN1;A1\n",
    )
    (actor,) = _read(folder).actors
    assert actor == Actor(
        key="id:A1",
        name="Handwerkskammer Münster",
        origin=Origin("actors.csv", 2),
        id="A1",
        type="chamber_of_crafts",
        city="Münster",
        states=("DE-NW",),
        spellings=(("Handwerkskammer Münster", Origin("actors.csv", 2)),),
        registry=Entry("handwerkskammer", "00034", "Handwerkskammer Münster", None),
    )


def test_project_partners_share_actors_with_memberships(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        actors=REGISTRY,
        memberships="Netzwerk;Akteur;Ort\nN1;Volkshochschule;Bonn\n",
        projects="ID;Projekt;Netzwerk\nP1;SWITCH;N1\n",
        project_partners="Projekt;Akteur-ID;Akteur;Ort;Rolle\n"
        "P1;;volkshochschule;bonn;Durchführung\n"
        "P1;IHK-AC;;;Leitung\n"
        "P1;;Jobcenter Bonn;Bonn;\n",
    )
    data = _read(folder)
    assert [(p.project_id, p.actor_key, p.role) for p in data.partners] == [
        ("P1", "name:volkshochschulebonn", "Durchführung"),
        ("P1", "id:IHK-AC", "Leitung"),
        ("P1", "name:jobcenterbonn", None),
    ]
    assert [a.key for a in data.actors] == [
        "id:IHK-AC",
        "id:DGB",
        "name:volkshochschulebonn",
        "name:jobcenterbonn",
    ]


def test_unknown_type_of_a_registry_match_is_a_warning(tmp_path: Path) -> None:
    folder = _german(
        tmp_path, actors=REGISTRY, memberships="Netzwerk;Akteur;Typ\nN1;IHK Aachen;Kammerx\n"
    )
    data = _read(folder)
    assert data.memberships[0].actor_key == "id:IHK-AC"
    assert _located(data.warnings) == [("memberships.csv", 2, "Typ")]


# -- network references


@pytest.mark.parametrize(
    ("table", "text"),
    [
        ("memberships", "Netzwerk;Akteur\nAllianz B;IHK\n"),
        ("projects", "ID;Projekt;Netzwerk\nP1;SWITCH;Allianz B\n"),
        ("awards", "Netzwerk;Preis;Jahr\nAllianz B;Demografiepreis;2014\n"),
    ],
)
def test_network_given_by_its_exact_name(tmp_path: Path, table: str, text: str) -> None:
    folder = _german(tmp_path, **{table: text})
    data = _read(folder)
    records = {"memberships": data.memberships, "projects": data.projects, "awards": data.awards}
    assert [r.network_id for r in records[table]] == ["N2"]


def test_network_name_shared_by_two_networks_is_not_a_reference(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        networks="ID;Name\nN1;Fachkräfteallianz\nN2;Fachkräfteallianz\n",
        memberships="Netzwerk;Akteur\nFachkräfteallianz;IHK\n",
    )
    (problem,) = _problems(folder, r"unknown network id 'Fachkräfteallianz'")
    assert (problem.row, problem.column) == (2, "Netzwerk")


def test_exact_network_name_is_found_despite_a_similar_one(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        networks="id,name\nN1,Allianz A-B\nN2,Allianz A B\n",
        memberships="network_id,actor_name\nAllianz A-B,IHK\nAllianz A B,HWK\n",
    )
    assert [m.network_id for m in _read(folder).memberships] == ["N1", "N2"]


# -- dataset metadata


def test_dataset_metadata(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        dataset="Schlüssel;Wert\n"
        "Title;Netzwerke 2014 (synthetisch)\n"
        "description;Erfundene Daten\n"
        "source;www.example.de\n"
        "LICENSE;CC-BY-4.0\n"
        "synthetic;true\n"
        "generator;fks-gen 1.0\n"
        "parameters;networks=600 seed=1\n"
        "unbekannt;wird ignoriert\n",
    )
    info = _read(folder).info
    assert (info.slug, info.title, info.description) == (
        "daten",
        "Netzwerke 2014 (synthetisch)",
        "Erfundene Daten",
    )
    assert (info.source, info.license, info.synthetic) == (
        "https://www.example.de",
        "CC-BY-4.0",
        True,
    )
    assert (info.generator, info.parameters) == ("fks-gen 1.0", "networks=600 seed=1")
    assert info.files == ("dataset.csv", "memberships.csv", "networks.csv")


def test_dataset_source_that_is_no_web_address_is_a_warning(tmp_path: Path) -> None:
    folder = _german(tmp_path, dataset="Feld;Wert\ntitle;T\nsource;https://x.de/%zz\n")
    data = _read(folder)
    assert data.info.source is None
    assert _located(data.warnings) == [("dataset.csv", 3, "Wert")]


@pytest.mark.parametrize(
    ("value", "synthetic"),
    [
        ("true", True),
        ("True", True),
        ("yes", True),
        ("ja", True),
        ("Wahr", True),
        ("1", True),
        ("false", False),
        ("nein", False),
        ("0", False),
        ("", False),
    ],
)
def test_synthetic_flag(tmp_path: Path, value: str, synthetic: bool) -> None:
    folder = _german(tmp_path, dataset=f"Feld;Wert\nsynthetic;{value}\n")
    assert _read(folder).info.synthetic is synthetic


@pytest.mark.parametrize(
    ("folder_name", "slug"),
    [
        ("Innovationstag 2014", "innovationstag-2014"),
        ("fks_daten", "fks-daten"),
        ("Übung", "uebung"),
    ],
)
def test_slug_and_title_from_the_folder_name(tmp_path: Path, folder_name: str, slug: str) -> None:
    folder = tmp_path / folder_name
    folder.mkdir()
    _write(folder, "networks.csv", NETWORKS)
    _write(folder, "memberships.csv", MEMBERSHIPS)
    info = _read(folder).info
    assert (info.slug, info.title, info.synthetic) == (slug, folder_name, False)


def test_slug_from_the_id_key(tmp_path: Path) -> None:
    folder = _german(tmp_path, dataset="key;value\nid;Innovationstag 2014\ntitle;Innovationstag\n")
    info = _read(folder).info
    assert (info.slug, info.title) == ("innovationstag-2014", "Innovationstag")


def test_title_of_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _dataset(tmp_path)
    monkeypatch.chdir(folder)
    info = read_dataset(".").info
    assert (info.slug, info.title) == ("daten", "daten")


# -- order and determinism


def test_records_keep_input_order(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        networks="ID;Name\nN3;Zeta\nN1;Alpha\nN2;Mitte\n",
        actors="ID;Name\nZ9;Zentrum\nA1;Agentur\n",
        memberships="Netzwerk;Akteur-ID;Akteur\n"
        "N2;;Zebra GmbH\n"
        "N3;A1;\n"
        "N1;;Alpha AG\n"
        "N3;Z9;\n"
        "N2;;Mitte e. V.\n",
        projects="ID;Projekt;Netzwerk\nP2;Zwei;N1\nP1;Eins;N3\n",
        awards="Netzwerk;Preis;Jahr\nN2;Z-Preis;2015\nN1;A-Preis;2014\n",
    )
    data = _read(folder)
    assert [n.id for n in data.networks] == ["N3", "N1", "N2"]
    assert [a.key for a in data.actors] == [
        "id:Z9",
        "id:A1",
        "name:zebragmbh",
        "name:alphaag",
        "name:mitteev@N2",
    ]
    assert [m.origin.row for m in data.memberships] == [2, 3, 4, 5, 6]
    assert [p.id for p in data.projects] == ["P2", "P1"]
    assert [a.award for a in data.awards] == ["Z-Preis", "A-Preis"]
    assert _read(folder) == data


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


def test_reading_leaves_neither_cycles_nor_cached_names() -> None:
    # the records and the reader form no reference cycles (the reader runs with the cycle
    # collector paused, and a cycle would keep every table alive until a full collection),
    # and the name caches are emptied: at national scale both kept hundreds of MB
    from fks_graph.input.names import clean_text, name_key, normal_name

    shipped = Path(__file__).parent / "fixtures" / "innovationstag-2014"
    read_dataset(shipped)  # first reading: imports and the vocabulary, made once
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        data = read_dataset(shipped)
        assert data.actors
        del data
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
    assert [f.cache_info().currsize for f in (clean_text, normal_name, name_key)] == [0, 0, 0]


# --------------------------------------------------------------------------- real-data columns


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


def test_network_kind_umbrella_and_founding_day(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        networks="id,name,Art,Teil von,gegründet\n"
        "L,Fachkräfteallianz Land,Allianz,,03.12.2015\n"
        "R,Regionale Allianz,alliance,Fachkräfteallianz Land,2016\n"
        "N1,Bündnis,Fachkräftebündnis,,\n",
    )
    land, region, pact = _read(folder).networks
    assert (land.kind, land.founded, land.part_of) == ("alliance", "2015-12-03", ())
    assert (region.kind, region.part_of) == ("alliance", ("L",))
    assert pact.kind == "pact"


@pytest.mark.parametrize(
    ("part_of", "message"),
    [("X9", r"unknown network id 'X9'"), ("N1", r"network 'N1' cannot be part of itself")],
)
def test_bad_umbrella_is_an_error(tmp_path: Path, part_of: str, message: str) -> None:
    folder = _dataset(tmp_path, networks=f"id,name,part_of\nN1,Allianz A,{part_of}\n")
    (problem,) = _problems(folder, message)
    assert (problem.file, problem.row, problem.column) == ("networks.csv", 2, "part_of")


def test_unknown_network_kind_is_a_warning(tmp_path: Path) -> None:
    folder = _dataset(tmp_path, networks="id,name,kind\nN1,Allianz A,Stammtisch\n")
    data = _read(folder)
    assert data.networks[0].kind is None
    assert _warnings(data) == [
        (
            "networks.csv",
            2,
            "kind",
            (
                "unknown network kind 'Stammtisch' (known: alliance, pact, initiative, forum, "
                "cooperation_agreement, association, project_network, other); ignored"
            ),
        )
    ]


def test_events_awards_programmes_and_participations(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        events="id,name,Datum,Veranstaltungsort,Ort,Bewerbungen,Teilnehmende\n"
        "IT3,3. Innovationstag,22.05.2014,Haus der Deutschen Wirtschaft,Berlin,67,rund 300\n",
        awards="network_id,award,year,event\nN1,Innovative Netzwerke,2014,IT3\n"
        "N2,Innovative Netzwerke,2014,3. Innovationstag\n",
        programmes="id,name,Träger\nEP,Entwicklungspartnerschaft,Innovationsbüro\n",
        participations="Programm,Netzwerk,seit,Stand,unsicher\n"
        "EP,N1,2016,,\nEntwicklungspartnerschaft,Allianz B,,2018-02-20,x\n",
    )
    data = _read(folder)
    (event,) = data.events
    assert (event.date, event.place, event.city, event.applicants, event.participants) == (
        "2014-05-22",
        "Haus der Deutschen Wirtschaft",
        "Berlin",
        67,
        300,
    )
    assert [(a.event, a.event_id) for a in data.awards] == [("IT3", "IT3"), ("IT3", "IT3")]
    assert [(p.id, p.organiser) for p in data.programmes] == [("EP", "Innovationsbüro")]
    assert [(p.programme_id, p.network_id, p.since, p.as_of, p.uncertain)
            for p in data.participations] == [
        ("EP", "N1", "2016", None, False),
        ("EP", "N2", None, "2018-02-20", True),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("tables", "located", "message"),
    [
        (
            {"events": "id,name\nIT3,3. Innovationstag\n",
             "awards": "network_id,award,year,event\nN1,Preis,2014,IT4\n"},
            ("awards.csv", 2, "event"),
            r"unknown event 'IT4' \(expected an id or name from events.csv\)",
        ),
        (
            {"participations": "programme_id,network_id\nEP,N1\n"},
            ("participations.csv", 2, "programme_id"),
            r"unknown programme id 'EP' \(expected an id from programmes.csv \(there is none\)\)",
        ),
        (
            {"events": "id,name,applicants\nIT3,3. Innovationstag,viele\n"},
            ("events.csv", 2, "applicants"),
            r"'viele' is not a count",
        ),
    ],
)  # fmt: skip
def test_bad_event_programme_rows_are_errors(
    tmp_path: Path, tables: dict[str, str], located: Located, message: str
) -> None:
    (problem,) = _problems(_dataset(tmp_path, **tables), message)
    assert (problem.file, problem.row, problem.column) == located


def test_award_event_is_text_without_events_file(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path, awards="network_id,award,year,event\nN1,Preis,2014,3. Innovationstag\n"
    )
    (award,) = _read(folder).awards
    assert (award.event, award.event_id) == ("3. Innovationstag", None)


@pytest.mark.parametrize("name", ["Jobcenter", "Agentur für Arbeit", "DGB", "Südwestmetall"])
def test_name_that_needs_a_place_is_one_actor_per_network(tmp_path: Path, name: str) -> None:
    folder = _dataset(tmp_path, memberships=f"network_id,actor_name\nN1,{name}\nN2,{name}\n")
    data = _read(folder)
    assert len(data.actors) == 2
    assert len({m.actor_key for m in data.memberships}) == 2


def test_name_that_needs_a_place_is_one_actor_within_a_network(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        memberships="network_id,actor_name,role\nN1,DGB,member\nN1,DGB,coordinator\n",
    )
    assert len(_read(folder).actors) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("IHK Chemnitz, Regionalkammer Mittelsachsen", "Industrie- und Handelskammer Chemnitz"),
        ("IHK Hannover, Geschäftsstelle Göttingen", "Industrie- und Handelskammer Hannover"),
        ("IHK zu Leipzig", "Industrie- und Handelskammer zu Leipzig"),
        ("HWK Braunschweig-Lüneburg-Stade", "Handwerkskammer Braunschweig-Lüneburg-Stade"),
        ("Arbeitsagentur Hildesheim", "Agentur für Arbeit Hildesheim"),
        ("ver.di Bezirk SüdOstniedersachsen", "Ver.di Bezirk Süd-Ost-Niedersachsen"),
        ("HAWK Hildesheim/Holzminden/Göttingen", "HAWK Hildesheim Holzminden Göttingen"),
    ],
)
def test_real_spellings_of_one_actor_across_networks(
    tmp_path: Path, first: str, second: str
) -> None:
    folder = _dataset(tmp_path, memberships=f'network_id,actor_name\nN1,"{first}"\nN2,"{second}"\n')
    data = _read(folder)
    assert len(data.actors) == 1
    assert {name for name, _ in data.actors[0].spellings} == {first, second}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("DGB Region Südwestsachsen", "DGB Dresden"),
        ("Südwestmetall, Bezirksgruppe Schwarzwald-Hegau", "Südwestmetall Bezirksgruppe Ulm"),
        ("Staatliche Studienakademie Leipzig", "Staatliche Studienakademie Bautzen"),
    ],
)
def test_units_of_one_organisation_stay_apart_and_know_it(
    tmp_path: Path, first: str, second: str
) -> None:
    folder = _dataset(tmp_path, memberships=f'network_id,actor_name\nN1,"{first}"\nN2,"{second}"\n')
    a, b = _read(folder).actors
    assert a.key != b.key
    assert a.parent is not None
    assert a.parent == b.parent


def test_parent_of_registry_actor_and_of_none(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        actors="id,name\nAA,Agentur für Arbeit Aachen-Düren\nI,IHK Aachen\n",
        memberships="network_id,actor_id\nN1,AA\nN1,I\n",
    )
    aa, ihk = _read(folder).actors
    assert (aa.parent.name, aa.parent.type) == ("Bundesagentur für Arbeit", "employment_agency")
    assert ihk.parent is None


def test_umbrellas_in_a_circle_are_an_error(tmp_path: Path) -> None:
    folder = _dataset(tmp_path, networks="id,name,part_of\nN1,A,N2\nN2,B,N3\nN3,C,N1\nN4,D,N1\n")
    problems = _problems(folder, r"part_of goes round in a circle")
    assert [(p.row, p.column) for p in problems] == [(2, "part_of"), (3, "part_of"), (4, "part_of")]


def test_a_region_of_several_kreise(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        networks="id,name,Kreisschlüssel,state\n"
        "N1,Bündnis,03101|3102,\nN2,Allianz,05314|03101,\nN3,Netz,05314|03101,DE-NI\n",
    )
    data = read_dataset(folder)
    first, second, third = data.networks
    assert third.states == ("DE-NI",)  # the Land given wins, with a warning
    assert (first.region_codes, first.region_code, first.states) == (
        ("03101", "03102"),
        None,
        ("DE-NI",),
    )
    assert second.states == ("DE-NW", "DE-NI")  # the Länder of its Kreise
    assert _warnings(data) == [
        ("networks.csv", 4, "Kreisschlüssel", "region code '05314' lies in DE-NW, not in DE-NI")
    ]
