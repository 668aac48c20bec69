"""Tests of fks_graph.input.read_projects: the projects and project partners tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from .read_data import (
    _check_errors,
    _german,
    _located,
    _problems,
    _read,
)

# (tables to write over the defaults, expected problems as (file, row, column, message regex))
ERROR_CASES: dict[
    str, tuple[dict[str, str | bytes | None], list[tuple[str, int | None, str | None, str]]]
] = {
    "unknown-network-id-in-projects": (
        {"projects": "ID;Projekt;Netzwerk\nP1;SWITCH;N7\n"},
        [("projects.csv", 2, "Netzwerk", r"^unknown network id 'N7'")],
    ),
    "duplicate-project-id": (
        {"projects": "ID;Projekt;Netzwerk\nP1;SWITCH;N1\nP1;Anderes;N2\n"},
        [("projects.csv", 3, "ID", r"^duplicate project id 'P1' \(first in row 2\)$")],
    ),
    "invalid-project-start": (
        {"projects": "ID;Projekt;Netzwerk;Beginn\nP1;SWITCH;N1;2014-02-30\n"},
        [("projects.csv", 2, "Beginn", r"^'2014-02-30' is not a date")],
    ),
    "partner-without-actor": (
        {
            "projects": "ID;Projekt;Netzwerk\nP1;SWITCH;N1\n",
            "project_partners": "Projekt;Akteur;Rolle\nP1;;Leitung\n",
        },
        [("project_partners.csv", 2, "Akteur", r"^missing actor")],
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
        [
            (
                "project_partners.csv",
                2,
                "Projekt",
                r"^unknown project id 'P1' \(expected an id from projects\.csv \(there is none\)\)$",
            )
        ],
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
