"""Tests of fks_graph.input.tables: reading the raw CSV/XLSX tables of a dataset."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl
import pytest

from fks_graph.core.errors import InputError, Problem
from fks_graph.input import workbook
from fks_graph.input.raw import Row, Table
from fks_graph.input.tables import read_tables

NETWORKS = "id;name\nN1;Allianz A\n"
MEMBERSHIPS = "network_id;actor_name\nN1;IHK Aachen\n"


def _write(folder: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def _dataset(folder: Path, **files: str | bytes) -> Path:
    """A folder with valid networks.csv and memberships.csv unless given otherwise."""
    contents = {"networks.csv": NETWORKS, "memberships.csv": MEMBERSHIPS}
    contents.update({name.replace("__", "."): text for name, text in files.items()})
    for name, content in contents.items():
        if content is not None:
            _write(folder, name, content)
    return folder


def _problems(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        read_tables(path)
    return info.value.problems


def _values(table: Table) -> list[dict[str, str]]:
    return [row.values for row in table.rows]


# -- reading CSV


def test_reads_a_folder_of_csv_files(tmp_path: Path) -> None:
    _dataset(tmp_path)
    tables = read_tables(tmp_path)
    assert sorted(tables) == ["memberships", "networks"]
    networks = tables["networks"]
    assert networks == Table(
        "networks",
        "networks.csv",
        ("id", "name"),
        (Row(2, {"id": "N1", "name": "Allianz A"}),),
        {"id": "id", "name": "name"},
    )
    assert tables["memberships"].rows == (Row(2, {"network_id": "N1", "actor_name": "IHK Aachen"}),)


def test_accepts_a_str_path_and_optional_tables(tmp_path: Path) -> None:
    _dataset(tmp_path, awards__csv="Netzwerk;Preis;Jahr;Anlass\nN1;Demografiepreis;2019;Tag\n")
    tables = read_tables(str(tmp_path))
    assert tables["awards"].columns == ("network_id", "award", "year", "event")
    assert _values(tables["awards"]) == [
        {"network_id": "N1", "award": "Demografiepreis", "year": "2019", "event": "Tag"}
    ]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")],
    ids=["utf-8", "utf-8-bom", "cp1252"],
)
def test_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "ID;Name;Gründungsjahr;Region\r\nN1;Handwerkskammer Düsseldorf;2014;Düsseldorf – Süd\r\n"
    _dataset(tmp_path, networks__csv=prefix + text.encode(encoding))
    networks = read_tables(tmp_path)["networks"]
    assert networks.columns == ("id", "name", "founded", "region")
    assert _values(networks) == [
        {
            "id": "N1",
            "name": "Handwerkskammer Düsseldorf",
            "founded": "2014",
            "region": "Düsseldorf – Süd",
        }
    ]


def test_cp1252_bytes_undefined_in_cp1252_map_like_latin1(tmp_path: Path) -> None:
    # 0x81 and 0x9D are undefined in Windows-1252; 0xFC is ü, 0x80 the euro sign
    _dataset(tmp_path, networks__csv=b"id;name\nN1;B\xfcndnis \x80 \x81\x9d\n")
    assert read_tables(tmp_path)["networks"].rows[0].values["name"] == "Bündnis € \x81\x9d"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id,name,region\nN1,Allianz; Nord,Kiel\n", {"id": "N1", "name": "Allianz; Nord"}),
        ("id;name;region\nN1;Allianz, Nord;Kiel\n", {"id": "N1", "name": "Allianz, Nord"}),
        (
            "id\tname\tregion\nN1\tAllianz, Nord; Süd\tKiel\n",
            {"id": "N1", "name": "Allianz, Nord; Süd"},
        ),
        # delimiters inside quotes do not count: two ',' outside, two ';' inside
        (
            'id,name,"Notiz; intern; alt"\nN1,Allianz; Nord,x\n',
            {"id": "N1", "name": "Allianz; Nord"},
        ),
        # a tie prefers ';' over ','
        ("id;name;Notiz,mit,Komma\nN1;Allianz, Nord;a,b\n", {"id": "N1", "name": "Allianz, Nord"}),
    ],
    ids=["comma", "semicolon", "tab", "quoted-delimiters-ignored", "tie-prefers-semicolon"],
)
def test_delimiter_detection(tmp_path: Path, text: str, expected: dict[str, str]) -> None:
    _dataset(tmp_path, networks__csv=text)
    values = read_tables(tmp_path)["networks"].rows[0].values
    assert {key: values[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "columns", "values"),
    [
        (
            "sep=;\nid;name\nN1;Allianz, Nord\n",
            ("id", "name"),
            {"id": "N1", "name": "Allianz, Nord"},
        ),
        ("sep=\t\nid\tname\nN1\tA;B\n", ("id", "name"), {"id": "N1", "name": "A;B"}),
        # the header alone would suggest ',' (two commas, one ';'); sep= wins
        (
            "SEP=;\r\nNetzwerk;Akteur,Rolle,Notiz\r\nN1;IHK, Köln\r\n",
            ("network_id",),
            {"network_id": "N1"},
        ),
    ],
    ids=["sep-semicolon", "sep-tab", "sep-overrides-detection"],
)
def test_excel_sep_line(
    tmp_path: Path, text: str, columns: tuple[str, ...], values: dict[str, str]
) -> None:
    name = "memberships.csv" if text.startswith("SEP") else "networks.csv"
    _dataset(tmp_path, **{name.replace(".", "__"): text})
    table = read_tables(tmp_path)[name.split(".")[0]]
    assert table.columns == columns
    # the sep= line is line 1, the header line 2: the first record starts on line 3
    assert table.rows == (Row(3, values),)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_quoted_cells_with_newlines_delimiters_and_quotes(tmp_path: Path, newline: str) -> None:
    lines = [
        "id;name;description",
        'N1;"Müller ""Bau""; GmbH";"Zeile 1',
        'Zeile 2"',
        "N2;Allianz B;kurz",
        'N3;"C";"a',
        "",
        'c"',
        "N4;D;",
    ]
    _dataset(tmp_path, networks__csv=newline.join(lines) + newline)
    rows = read_tables(tmp_path)["networks"].rows
    assert [row.number for row in rows] == [2, 4, 5, 8]
    assert rows[0].values == {
        "id": "N1",
        "name": 'Müller "Bau"; GmbH',
        "description": "Zeile 1\nZeile 2",
    }
    assert rows[2].values["description"] == "a\n\nc"
    assert rows[3].values == {"id": "N4", "name": "D", "description": ""}


def test_german_header_aliases(tmp_path: Path) -> None:
    _dataset(
        tmp_path,
        networks__csv="ID;Name;Region;Bundesland;Gründungsjahr\nN1;Allianz A;Aachen;NRW;2014\n",
        memberships__csv=(
            "Netzwerk;Akteur;Typ;Rolle;Stadt;seit;bis\n"
            "N1;IHK Aachen;IHK;Mitglied;Aachen;2015;2020\n"
        ),
    )
    tables = read_tables(tmp_path)
    assert tables["networks"].columns == ("id", "name", "region", "state", "founded")
    assert tables["memberships"].columns == (
        "network_id",
        "actor_name",
        "actor_type",
        "role",
        "actor_city",
        "since",
        "until",
    )
    assert _values(tables["memberships"]) == [
        {
            "network_id": "N1",
            "actor_name": "IHK Aachen",
            "actor_type": "IHK",
            "role": "Mitglied",
            "actor_city": "Aachen",
            "since": "2015",
            "until": "2020",
        }
    ]


def test_german_file_names(tmp_path: Path) -> None:
    _write(tmp_path, "Netzwerke.CSV", NETWORKS)
    _write(tmp_path, "mitgliedschaften.csv", MEMBERSHIPS)
    tables = read_tables(tmp_path)
    assert (tables["networks"].label, tables["memberships"].label) == (
        "Netzwerke.CSV",
        "mitgliedschaften.csv",
    )


def test_unknown_files_and_columns_are_ignored(tmp_path: Path) -> None:
    _dataset(
        tmp_path,
        networks__csv="Bemerkung;id;;name;Farbe\nsiehe oben;N1;ohne Kopf;Allianz A;blau\n",
        notes__csv=b"\x89PNG\r\n\x1a\n\x00\x00",  # unknown stem: never opened
        readme__txt="not a table",
    )
    _write(tmp_path, "._networks.csv", b"\x00\x05\x16\x07 macOS resource fork")
    (tmp_path / "projects.csv").mkdir()  # a folder named like a table is no file
    _write(tmp_path / "projects.csv", "networks.csv", b"\x00 not read: no recursion")
    tables = read_tables(tmp_path)
    assert sorted(tables) == ["memberships", "networks"]
    assert tables["networks"].columns == ("id", "name")
    assert _values(tables["networks"]) == [{"id": "N1", "name": "Allianz A"}]


def test_empty_rows_are_skipped_and_short_rows_padded(tmp_path: Path) -> None:
    text = "\n;;;\nid;name;region;\nN1;A\n;;;\n  ; ;\t;\nN2;B;Köln;;;\n;;;;\n\n"
    _dataset(tmp_path, networks__csv=text)
    rows = read_tables(tmp_path)["networks"].rows
    assert rows == (
        Row(4, {"id": "N1", "name": "A", "region": ""}),
        Row(7, {"id": "N2", "name": "B", "region": "Köln"}),
    )


def test_cells_are_stripped(tmp_path: Path) -> None:
    _dataset(tmp_path, networks__csv='  id ; Name \n N1 ;" Allianz A "\u00a0\n')
    assert read_tables(tmp_path)["networks"].rows[0].values == {"id": "N1", "name": "Allianz A"}


def test_header_only_is_an_empty_table(tmp_path: Path) -> None:
    _dataset(tmp_path, memberships__csv="\ufeffnetwork_id;actor_name\r\n;;\r\n")
    table = read_tables(tmp_path)["memberships"]
    assert table.columns == ("network_id", "actor_name")
    assert table.rows == ()


# -- CSV errors


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"  \r\n\t\n", b";;;\r\n;;;\r\n", b"sep=;\n"],
    ids=["zero-bytes", "bom-only", "whitespace", "empty-cells-only", "sep-line-only"],
)
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    _dataset(tmp_path, memberships__csv=content)
    assert _problems(tmp_path) == [
        Problem(
            "memberships.csv",
            None,
            None,
            "the file is empty (expected a header row with at least the columns network_id, "
            "then one row per record)",
        )
    ]


def _zip_bytes(folder: Path) -> bytes:
    path = folder / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("networks.csv", NETWORKS)
    return path.read_bytes()


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (None, "ZIP archive"),
        (b"id;name\nN1;A\x00\x00B\n", "NUL bytes"),
        (bytes(range(1, 9)) * 100, "control characters"),
    ],
    ids=["png", "zip", "nul-bytes", "control-characters"],
)
def test_binary_file(tmp_path: Path, content: bytes | None, detail: str) -> None:
    _dataset(tmp_path, networks__csv=_zip_bytes(tmp_path) if content is None else content)
    with pytest.raises(
        InputError,
        match=r"^networks\.csv: not a text file \(expected CSV text in UTF-8 or Windows-1252\)",
    ) as info:
        read_tables(tmp_path)
    assert detail in str(info.value)


def test_utf16_file(tmp_path: Path) -> None:
    _dataset(tmp_path, networks__csv=NETWORKS.replace(";", "\t").encode("utf-16"))
    with pytest.raises(InputError, match=r"networks\.csv: the file is UTF-16 text"):
        read_tables(tmp_path)


@pytest.mark.parametrize(
    ("files", "messages"),
    [
        (
            {"memberships__csv": None},
            [
                (
                    "missing required file 'memberships.csv' (German name: mitgliedschaften.csv; "
                    "CSV files found: 'networks.csv')"
                )
            ],
        ),
        (
            {"memberships__csv": None, "networks__csv": None, "notes__csv": "x"},
            [
                (
                    "missing required file 'networks.csv' (German name: netzwerke.csv; "
                    "CSV files found: 'notes.csv')"
                ),
                (
                    "missing required file 'memberships.csv' (German name: mitgliedschaften.csv; "
                    "CSV files found: 'notes.csv')"
                ),
            ],
        ),
    ],
    ids=["one", "both"],
)
def test_missing_required_file(
    tmp_path: Path, files: dict[str, str | None], messages: list[str]
) -> None:
    folder = tmp_path / "daten"
    folder.mkdir()
    _dataset(folder, **files)
    assert _problems(folder) == [Problem(str(folder), None, None, m) for m in messages]


def test_two_files_for_one_table(tmp_path: Path) -> None:
    _dataset(tmp_path, netzwerke__csv=NETWORKS)
    assert _problems(tmp_path) == [
        Problem(
            "netzwerke.csv",
            None,
            None,
            "this file and 'networks.csv' both stand for table 'networks'; keep only one of them",
        )
    ]


def test_missing_required_column(tmp_path: Path) -> None:
    _dataset(tmp_path, networks__csv="ID;Netzwerkname_alt;Region\nN1;A;B\n")
    (problem,) = _problems(tmp_path)
    assert (problem.file, problem.row, problem.column) == ("networks.csv", None, "name")
    assert problem.message.startswith("missing required column 'name' (accepted headers: 'name', ")
    assert "'Bezeichnung'" in problem.message
    assert problem.message.endswith("found headers: 'ID', 'Netzwerkname_alt', 'Region')")


def test_duplicate_canonical_header(tmp_path: Path) -> None:
    _dataset(tmp_path, memberships__csv="Netzwerk;Akteur;network_id\nN1;IHK;N1\n")
    assert _problems(tmp_path) == [
        Problem(
            "memberships.csv",
            1,
            "network_id",
            "two headers stand for column 'network_id': 'Netzwerk' (column A) and 'network_id' "
            "(column C); keep only one of them",
        )
    ]


def test_extra_non_empty_cells_are_errors_in_every_row(tmp_path: Path) -> None:
    _dataset(
        tmp_path,
        memberships__csv=("network_id;actor_name\nN1;Müller; Söhne\nN1;IHK;;\nN1;A;B;C\nN1;Ok\n"),
    )
    problems = _problems(tmp_path)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("memberships.csv", 2, None),
        ("memberships.csv", 4, None),
    ]
    assert problems[0].message.startswith(
        "the row has 3 cells but the header has 2 columns (extra text: 'Söhne')"
    )
    assert "(extra text: 'B | C')" in problems[1].message


def test_unclosed_quote(tmp_path: Path) -> None:
    _dataset(tmp_path, networks__csv='id;name\nN1;"Allianz A\nN2;Allianz B\nN3;C\n')
    (problem,) = _problems(tmp_path)
    assert (problem.file, problem.row, problem.column) == ("networks.csv", 2, None)
    assert "never closed" in problem.message


def test_all_problems_are_collected_with_file_row_and_column(tmp_path: Path) -> None:
    _dataset(
        tmp_path,
        networks__csv="id;Bezeichnung;name\nN1;A;A\n",
        memberships__csv="Akteur\nIHK\n",
        awards__csv=b"\x00\x01",
    )
    problems = _problems(tmp_path)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("awards.csv", None, None),
        ("memberships.csv", None, "network_id"),
        ("networks.csv", 1, "name"),
    ]
    text = str(InputError(problems))
    assert "networks.csv, row 1, column 'name': two headers stand for column 'name'" in text
    assert "memberships.csv, column 'network_id': missing required column" in text


# -- paths


def test_nonexistent_path(tmp_path: Path) -> None:
    missing = tmp_path / "nirgends"
    with pytest.raises(
        InputError,
        match=r"nirgends: the path does not exist \(expected a folder of CSV files or an "
        r"\.xlsx workbook\)$",
    ):
        read_tables(missing)


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("daten.txt", ""),
        ("networks.csv", "; pass the folder that holds the CSV files"),
        ("daten.xls", "; save the workbook as .xlsx"),
    ],
)
def test_path_that_is_neither_folder_nor_workbook(tmp_path: Path, name: str, hint: str) -> None:
    path = _write(tmp_path, name, NETWORKS)
    assert _problems(path) == [
        Problem(str(path), None, None, f"neither a folder of CSV files nor an .xlsx workbook{hint}")
    ]


# -- XLSX


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def test_reads_an_xlsx_workbook(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "daten.xlsx",
        {
            "Hinweise": [["Diese Mappe enthält ..."]],
            "Netzwerke": [
                [],
                ["ID", "Name", "Gründungsjahr", None, "Notiz", "Region"],
                [1, "  Allianz A ", 2014.0, "ohne Kopf", "x", 0.1 + 0.2],
                [None, None, None, None, None, None],
                ["N2", True, 2015, None, None, 2.5],
            ],
            "Mitgliedschaften": [
                ["Netzwerk", "Akteur", "seit", "bis"],
                ["N1", "IHK Aachen", dt.datetime(2019, 1, 2), dt.datetime(2020, 3, 4, 13, 30)],
                ["N2", False, dt.date(2021, 5, 6), None, "rechts der Tabelle"],
            ],
        },
    )
    tables = read_tables(path)
    assert sorted(tables) == ["memberships", "networks"]
    networks = tables["networks"]
    assert networks.label == "daten.xlsx, sheet 'Netzwerke'"
    assert networks.columns == ("id", "name", "founded", "region")
    assert networks.rows == (
        Row(3, {"id": "1", "name": "Allianz A", "founded": "2014", "region": "0.3"}),
        Row(5, {"id": "N2", "name": "true", "founded": "2015", "region": "2.5"}),
    )
    memberships = tables["memberships"]
    assert memberships.label == "daten.xlsx, sheet 'Mitgliedschaften'"
    assert _values(memberships) == [
        {
            "network_id": "N1",
            "actor_name": "IHK Aachen",
            "since": "2019-01-02",
            "until": "2020-03-04T13:30:00",
        },
        {"network_id": "N2", "actor_name": "false", "since": "2021-05-06", "until": ""},
    ]


def test_xlsx_missing_sheet_and_empty_sheet(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "daten.xlsx", {"Netzwerke": [], "Tabelle1": [["a"]]})
    assert _problems(path) == [
        Problem(
            "daten.xlsx, sheet 'Netzwerke'",
            None,
            None,
            "the sheet is empty (expected a header row with at least the columns id, name, "
            "then one row per record)",
        ),
        Problem(
            "daten.xlsx",
            None,
            None,
            "missing required sheet 'memberships' (German name: Mitgliedschaften; "
            "sheets found: 'Netzwerke', 'Tabelle1')",
        ),
    ]


def test_xlsx_header_problems_name_the_sheet(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "daten.xlsx",
        {
            "networks": [["id", "name"], ["N1", "A"]],
            "Netzwerke": [["id", "name"]],
            "Mitglieder": [["Netzwerk", "Netz", "Akteur"], ["N1", "N1", "IHK"]],
        },
    )
    assert [(p.file, p.row, p.column) for p in _problems(path)] == [
        ("daten.xlsx, sheet 'Netzwerke'", None, None),
        ("daten.xlsx, sheet 'Mitglieder'", 1, "network_id"),
    ]


@pytest.mark.parametrize(
    "content",
    [b"id;name\nN1;A\n", b"PK\x03\x04 truncated", None, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
    ids=["csv-text", "truncated-zip", "zip-without-workbook", "ole-xls"],
)
def test_corrupt_xlsx(tmp_path: Path, content: bytes | None) -> None:
    path = _write(tmp_path, "daten.xlsx", _zip_bytes(tmp_path) if content is None else content)
    (problem,) = _problems(path)
    assert (problem.file, problem.row, problem.column) == ("daten.xlsx", None, None)
    assert problem.message.startswith("not a valid XLSX workbook")
    assert problem.message.endswith("; save it again as .xlsx")


# -- speed


@pytest.mark.slow
def test_reads_200000_rows(tmp_path: Path) -> None:
    row = 'N{};"Firma {} GmbH; & Co";Unternehmen;Düsseldorf;Mitglied;2014;;https://x.de/{}\r\n'
    text = "Netzwerk;Akteur;Typ;Stadt;Rolle;seit;bis;Quelle\r\n" + "".join(
        row.format(i % 500, i, i) for i in range(200_000)
    )
    _dataset(tmp_path, memberships__csv=text.encode("cp1252"))
    rows = read_tables(tmp_path)["memberships"].rows
    assert len(rows) == 200_000
    assert rows[-1].number == 200_001
    assert rows[-1].values["actor_name"] == "Firma 199999 GmbH; & Co"


def test_keeps_headers_as_written_for_messages(tmp_path: Path) -> None:
    (tmp_path / "networks.csv").write_text("ID;Name\n", encoding="utf-8")
    (tmp_path / "memberships.csv").write_text("Netzwerk;Akteur;seit\n", encoding="utf-8")
    table = read_tables(tmp_path)["memberships"]
    assert (table.header("network_id"), table.header("since")) == ("Netzwerk", "seit")
    assert table.header("until") == "until"


def _bomb(path: Path, sheet_xml: Iterable[bytes]) -> Path:
    """A valid workbook whose 'memberships' sheet is replaced by the given XML, deflated."""
    plain = _workbook(
        path.with_suffix(".plain.xlsx"),
        {"networks": [["id", "name"], ["N1", "A"]], "memberships": [["network_id"], ["N1"]]},
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            if name == "xl/worksheets/sheet2.xml":
                with out.open(name, "w", force_zip64=True) as part:
                    for piece in sheet_xml:
                        part.write(piece)
            else:
                out.writestr(name, source.read(name))
    return path


_SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org'
    b'/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    b"network_id</t></is></c></row>"
)
_SHEET_END = b"</sheetData></worksheet>"


def test_a_workbook_that_unpacks_too_far_is_refused(tmp_path: Path) -> None:
    """A zip bomb: about 1 MB that unpacks to more than MAX_UNPACKED; refused before parsing."""
    spaces = b" " * 2**20
    pieces = (spaces for _ in range(workbook.MAX_UNPACKED // 2**20 + 1))
    path = _bomb(tmp_path / "bomb.xlsx", [_SHEET_START, *pieces, _SHEET_END])
    assert path.stat().st_size < 2**21
    with pytest.raises(InputError, match=r"bomb\.xlsx: the workbook unpacks to 513 MiB, more than"):
        read_tables(path)


def test_a_workbook_with_too_many_cells_is_refused(tmp_path: Path) -> None:
    cells = b'<row r="2">' + b"<c/>" * (workbook.MAX_CELLS + 1) + b"</row>"
    path = _bomb(tmp_path / "cells.xlsx", [_SHEET_START, cells, _SHEET_END])
    with pytest.raises(InputError, match=r"cells\.xlsx: the sheets of the workbook hold more than"):
        read_tables(path)
    # a sheet written the same way within the limits is read
    cells = b'<row r="2">' + b'<c t="inlineStr"><is><t>N1</t></is></c>' + b"</row>"
    assert len(read_tables(_bomb(tmp_path / "ok.xlsx", [_SHEET_START, cells, _SHEET_END]))) == 2


_MIXED = (
    "line {} is not UTF-8 (byte 0x{} in '{}'), but other lines are: the file mixes two "
    "encodings; save it again as UTF-8 (CSV UTF-8)"
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (  # UTF-8 with one Windows-1252 line: refused, naming the line
            "id,name\nN1,Bündnis für Fachkräfte\n".encode() + "N2,Köln\n".encode("cp1252"),
            _MIXED.format(3, "F6", "N2,Köln"),
        ),
        (
            b"id,name\n" + "N1,Düren\n".encode("cp1252") + "N2,Bündnis\n".encode(),
            _MIXED.format(2, "FC", "N1,Düren"),
        ),
    ],
)
def test_a_file_that_mixes_encodings_is_refused(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    folder = _dataset(tmp_path, networks__csv=content)
    assert _problems(folder) == [Problem("networks.csv", None, None, expected)]


@pytest.mark.parametrize(
    "content",
    [
        "id,name\nN1,Bündnis für Fachkräfte\nN2,Köln\n".encode("cp1252"),  # wholly Windows-1252
        b"id,name\nN1,Bundnis\n" + "N2,Köln\n".encode("cp1252"),  # ASCII is both
        "id,name\nN1,Bündnis für Fachkräfte\nN2,Köln\n".encode(),
    ],
)
def test_a_file_in_one_encoding_is_read_whole(tmp_path: Path, content: bytes) -> None:
    tables = read_tables(_dataset(tmp_path, networks__csv=content))
    names = [row.values["name"] for row in tables["networks"].rows]
    assert names[-1] == "Köln"
    assert not any("Ã" in name for name in names)


def test_a_folder_with_one_workbook_reads_the_workbook(tmp_path: Path) -> None:
    sheets = {"Netzwerke": [["ID", "Name"], ["N1", "Allianz"]], "memberships": [["Netzwerk"]]}
    (tmp_path / "data").mkdir()
    _workbook(tmp_path / "data" / "dataset.xlsx", sheets)
    (tmp_path / "data" / "~$dataset.xlsx").write_bytes(b"Excel's lock file")
    tables = read_tables(tmp_path / "data")
    assert tables["networks"].label == "dataset.xlsx, sheet 'Netzwerke'"
    assert _values(tables["networks"]) == [{"id": "N1", "name": "Allianz"}]


@pytest.mark.parametrize(
    ("files", "found"),
    [
        (["a.xlsx", "b.xlsx"], "none"),  # two workbooks: which one?
        (["dataset.xlsx", "networks.csv"], "'networks.csv'"),  # CSV files: the folder is read
    ],
)
def test_a_folder_with_several_workbooks_or_csv_files_is_a_folder(
    tmp_path: Path, files: list[str], found: str
) -> None:
    for name in files:
        if name.endswith(".xlsx"):
            _workbook(tmp_path / name, {"networks": [["id", "name"], ["N1", "A"]]})
        else:
            _write(tmp_path, name, NETWORKS)
    messages = [p.message for p in _problems(tmp_path)]
    assert any(f"CSV files found: {found})" in m for m in messages), messages
