"""Tests of fks_graph.input.read: reading a whole dataset (files, workbooks, metadata, order)."""

from __future__ import annotations

import datetime as dt
import gc
import io
import zipfile
from pathlib import Path

import pytest

from fks_graph.core.errors import InputError
from fks_graph.input.read import read_dataset
from fks_graph.input.records import Origin

from .read_data import (
    MEMBERSHIPS,
    NETWORKS,
    _check_errors,
    _dataset,
    _german,
    _located,
    _problems,
    _read,
    _workbook,
    _write,
)

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
}


@pytest.mark.parametrize(("tables", "expected"), ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_errors(
    tmp_path: Path,
    tables: dict[str, str | bytes | None],
    expected: list[tuple[str, int | None, str | None, str]],
) -> None:
    _check_errors(tmp_path, tables, expected)


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
    (unknown,) = _read(folder).warnings
    assert (unknown.row, unknown.column) == (9, "Schlüssel")
    assert unknown.message.startswith("unknown key 'unbekannt' (ignored; known: description, ")


def test_dataset_metadata_in_german(tmp_path: Path) -> None:
    folder = _german(
        tmp_path,
        dataset="Schlüssel;Wert\nTitel;Fachkräftenetzwerke\nBeschreibung;Aus Quellen\n"
        "Quelle;https://example.de/\nLizenz;CC-BY-4.0\nLicence;CC0\n",
    )
    info = _read(folder).info
    assert (info.title, info.description, info.source) == (
        "Fachkräftenetzwerke",
        "Aus Quellen",
        "https://example.de/",
    )
    assert info.license == "CC0"  # the last of two rows for one key


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
