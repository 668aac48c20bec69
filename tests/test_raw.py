"""Tests of fks_graph.input.raw: tables built from rows of cells (headers, padding, problems)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fks_graph.core.errors import InputError, Problem
from fks_graph.input.raw import Row
from fks_graph.input.tables import read_tables

from .tables_data import _dataset, _problems, _values


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


def test_missing_required_column(tmp_path: Path) -> None:
    _dataset(tmp_path, networks__csv="ID;Netzwerkname_alt;Region\nN1;A;B\n")
    (problem,) = _problems(tmp_path)
    assert (problem.file, problem.row, problem.column) == ("networks.csv", None, "name")
    assert problem.message.startswith("missing required column 'name' (accepted headers: 'name', ")
    assert "'Bezeichnung'" in problem.message
    assert problem.message.endswith("found headers: 'ID', 'Netzwerkname_alt', 'Region')")


@pytest.mark.parametrize(
    "header", ["Netzwerk;Akteur;network_id", "network_id;Akteur;Netzwerk", "NETWORK-ID;Akteur;Netz"]
)
def test_the_canonical_header_wins_over_an_alias(tmp_path: Path, header: str) -> None:
    """Beside ``network_id``, a ``Netzwerk`` column (the name, for readers) is left out."""
    cells = {"Netzwerk": "Allianz A", "Netz": "Allianz A", "Akteur": "IHK"}
    row = ";".join(cells.get(name, "N1") for name in header.split(";"))
    _dataset(tmp_path, memberships__csv=f"{header}\n{row}\n")
    (membership,) = read_tables(tmp_path)["memberships"].rows
    assert membership.values == {"network_id": "N1", "actor_name": "IHK"}


def test_two_aliases_of_one_column(tmp_path: Path) -> None:
    _dataset(tmp_path, memberships__csv="Netzwerk;Akteur;Netzwerk-ID\nN1;IHK;N1\n")
    assert _problems(tmp_path) == [
        Problem(
            "memberships.csv",
            1,
            "network_id",
            "two headers stand for column 'network_id': 'Netzwerk' (column A) and 'Netzwerk-ID' "
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


def test_keeps_headers_as_written_for_messages(tmp_path: Path) -> None:
    (tmp_path / "networks.csv").write_text("ID;Name\n", encoding="utf-8")
    (tmp_path / "memberships.csv").write_text("Netzwerk;Akteur;seit\n", encoding="utf-8")
    table = read_tables(tmp_path)["memberships"]
    assert (table.header("network_id"), table.header("since")) == ("Netzwerk", "seit")
    assert table.header("until") == "until"


def test_all_problems_are_collected_with_file_row_and_column(tmp_path: Path) -> None:
    _dataset(
        tmp_path,
        networks__csv="id;Bezeichnung;Netzwerkname\nN1;A;A\n",
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
