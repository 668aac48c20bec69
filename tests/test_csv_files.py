"""Tests of fks_graph.input.csv_files: reading the CSV files of a folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from fks_graph.core.errors import InputError, Problem
from fks_graph.input.raw import Row, Table
from fks_graph.input.tables import read_tables

from .tables_data import (
    MEMBERSHIPS,
    NETWORKS,
    _dataset,
    _problems,
    _values,
    _write,
    _zip_bytes,
)


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
        # a header cell wrapped with Alt+Enter: the header row goes on over the next line
        ('"Netz-\nwerk ID",name\nN1,Allianz; Nord\n', {"id": "N1", "name": "Allianz; Nord"}),
        ('"Netz-\nwerk\nID"\tname\nN1\tAllianz, Nord\n', {"id": "N1", "name": "Allianz, Nord"}),
    ],
    ids=[
        "comma",
        "semicolon",
        "tab",
        "quoted-delimiters-ignored",
        "tie-prefers-semicolon",
        "comma-header-over-two-lines",
        "tab-header-over-three-lines",
    ],
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
    (tmp_path / "unterordner").mkdir()  # folders are not searched
    _write(tmp_path / "unterordner", "projects.csv", b"\x00 not read: no recursion")
    tables = read_tables(tmp_path)
    assert sorted(tables) == ["memberships", "networks"]
    assert tables["networks"].columns == ("id", "name")
    assert _values(tables["networks"]) == [{"id": "N1", "name": "Allianz A"}]


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


@pytest.mark.parametrize(
    ("encoding", "says"),
    [("utf-16", "is"), ("utf-16-le", "looks like"), ("utf-16-be", "looks like")],
)
def test_utf16_file(tmp_path: Path, encoding: str, says: str) -> None:
    """With a byte order mark, or without (every other byte NUL)."""
    _dataset(tmp_path, networks__csv=NETWORKS.replace(";", "\t").encode(encoding))
    with pytest.raises(InputError, match=rf"networks\.csv: the file {says} UTF-16 text"):
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


@pytest.mark.parametrize(
    ("content", "row", "column", "message"),
    [
        ('id;name\nN1;"Allianz A\nN2;Allianz B\nN3;C\n', 2, "name", "is never closed"),
        # a quote opened by mistake, closed rows later by the next quote with text after it
        (
            'id,name,note\nN0,Netz 0,\nN1,"Allianz A,\nN2,Allianz B,\nN3,C,"Quelle"\nN4,D,\n',
            3,
            "name",
            "runs on to row 5 and ends there in a quote followed by more text, so rows 3–5",
        ),
    ],
)
def test_a_quote_left_open_swallowing_rows_is_reported(
    tmp_path: Path, content: str, row: int, column: str, message: str
) -> None:
    _dataset(tmp_path, networks__csv=content)
    (problem,) = _problems(tmp_path)
    assert (problem.file, problem.row, problem.column) == ("networks.csv", row, column)
    assert message in problem.message


def test_quoted_cells_may_hold_line_breaks(tmp_path: Path) -> None:
    _dataset(
        tmp_path,
        networks__csv='id,name,note\nN1,"Allianz\nA","erste Zeile\n""zweite"", Zeile"\nN2,B,x\n',
    )
    assert _values(read_tables(tmp_path)["networks"]) == [  # "note" is no column of the table
        {"id": "N1", "name": "Allianz\nA"},
        {"id": "N2", "name": "B"},
    ]


_MIXED = (
    "line {} is not UTF-8 (byte 0x{} in '{}'), but {} UTF-8 ('{}'): the file mixes two "
    "encodings; save it again as UTF-8 (CSV UTF-8)"
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (  # UTF-8 with one Windows-1252 line: refused, naming the line
            "id,name\nN1,Bündnis für Fachkräfte\n".encode() + "N2,Köln\n".encode("cp1252"),
            _MIXED.format(3, "F6", "N2,Köln", "line 2 holds", "ü"),
        ),
        (
            b"id,name\n" + "N1,Düren\n".encode("cp1252") + "N2,Bündnis\n".encode(),
            _MIXED.format(2, "FC", "N1,Düren", "line 3 holds", "ü"),
        ),
        (  # one line, two encodings
            b"id,name\nN1," + "Köln ".encode("cp1252") + "– Bonn\n".encode(),
            _MIXED.format(2, "F6", "N1,Köln â€“ Bonn", "it also holds", "–"),
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
        # Windows-1252 byte pairs that are valid UTF-8 too: ß“ (DF 93), ß« (DF AB),
        # Ö” (D6 94), ×’ (D7 92); they decode to NKo, Syriac, Hebrew: no UTF-8 of this field
        "id,name\nN1,Bündnis „Groß“\nN2,„SPAß“ im ÜBERGANG – „HÖ”\nN3,Maß« 3×’\nN2,Köln\n".encode(
            "cp1252"
        ),
        b"id,name\nN1,Bundnis\n" + "N2,Köln\n".encode("cp1252"),  # ASCII is both
        "id,name\nN1,Bündnis für Fachkräfte\nN2,Köln\n".encode(),
    ],
)
def test_a_file_in_one_encoding_is_read_whole(tmp_path: Path, content: bytes) -> None:
    tables = read_tables(_dataset(tmp_path, networks__csv=content))
    names = [row.values["name"] for row in tables["networks"].rows]
    assert names[-1] == "Köln"
    assert not any("Ã" in name for name in names)


def _folder(path: Path) -> None:
    path.mkdir()


def _dangling(path: Path) -> None:
    path.symlink_to(path.with_name("gone.csv"))


def _loop(path: Path) -> None:
    path.symlink_to(path)


def _pipe(path: Path) -> None:
    os.mkfifo(path)


def _to_a_folder(path: Path) -> None:
    (path.parent / "sub").mkdir()
    path.symlink_to(path.parent / "sub")


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (_folder, "a folder"),
        (_to_a_folder, "a folder"),
        (_dangling, "a link to nothing, or a loop of links"),
        (_loop, "a link to nothing, or a loop of links"),
        (_pipe, "not a regular file"),
    ],
)
@pytest.mark.parametrize("table", ["networks", "projects"])
def test_a_table_name_that_is_no_file_is_an_error(
    tmp_path: Path, make: Callable[[Path], None], what: str, table: str
) -> None:
    # never left out without a word (an optional table's data would be lost), nor opened (a
    # pipe would wait for ever)
    _dataset(tmp_path, **{f"{table}__csv": None})
    make(tmp_path / f"{table}.csv")
    (problem,) = _problems(tmp_path)
    assert (problem.file, problem.row, problem.column) == (f"{table}.csv", None, None)
    assert f"stands for table '{table}', but it is {what}" in problem.message


@pytest.mark.parametrize("quoted", [False, True])
def test_a_cell_longer_than_the_limit_is_named_as_such(tmp_path: Path, quoted: bool) -> None:
    long = "x" * 140_000
    cell = f'"{long}"' if quoted else long
    _dataset(tmp_path, networks__csv=f"id,name\nN1,Allianz A\nN2,{cell}\nN3,C\n")
    (problem,) = _problems(tmp_path)
    assert (problem.file, problem.row, problem.column) == ("networks.csv", 3, None)
    assert problem.message.startswith("a cell is longer than 131,072 characters")
