"""Tests of fks_graph.input.read_events: events, awards, programmes and participations."""

from __future__ import annotations

from pathlib import Path

import pytest

from .read_data import (
    Located,
    _check_errors,
    _dataset,
    _problems,
    _read,
)

# (tables to write over the defaults, expected problems as (file, row, column, message regex))
ERROR_CASES: dict[
    str, tuple[dict[str, str | bytes | None], list[tuple[str, int | None, str | None, str]]]
] = {
    "missing-required-column-awards": (
        {"awards": "Netzwerk;Preis\nN1;Demografiepreis\n"},
        [("awards.csv", None, "year", r"missing required column 'year'")],
    ),
    "unknown-network-id-in-awards": (
        {"awards": "Netzwerk;Preis;Jahr\nAllianz C;Demografiepreis;2014\n"},
        [("awards.csv", 2, "Netzwerk", r"^unknown network id 'Allianz C'")],
    ),
    "bad-award-year": (
        {"awards": "Netzwerk;Preis;Jahr\nN1;Demografiepreis;20l4\n"},
        [("awards.csv", 2, "Jahr", r"^'20l4' is not a year")],
    ),
    "award-without-year": (
        {"awards": "Netzwerk;Preis;Jahr\nN1;Demografiepreis;\n"},
        [("awards.csv", 2, "Jahr", r"^missing award year")],
    ),
}


@pytest.mark.parametrize(("tables", "expected"), ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_errors(
    tmp_path: Path,
    tables: dict[str, str | bytes | None],
    expected: list[tuple[str, int | None, str | None, str]],
) -> None:
    _check_errors(tmp_path, tables, expected)


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
        (  # Python's own message was about its limit of 4,300 digits
            {"events": "id,name,participants\nIT3,3. Innovationstag," + "9" * 5000 + "\n"},
            ("events.csv", 2, "participants"),
            r"'9{5000}' is not a count \(expected a whole number such as 67\)",
        ),
        (  # a name two events share says which event it is no more than an unknown one
            {"events": "id,name\nIT3,Innovationstag\nIT4,Innovationstag\n",
             "awards": "network_id,award,year,event\nN1,Preis,2014,Innovationstag\n"},
            ("awards.csv", 2, "event"),
            r"several events in events.csv are named 'Innovationstag': give the id",
        ),
        (
            {"programmes": "id,name\nP-SN,Fachkräfteallianzen\nP-BW,Fachkräfteallianzen\n",
             "participations": "programme_id,network_id\nFachkräfteallianzen,N1\n"},
            ("participations.csv", 2, "programme_id"),
            r"several programmes in programmes.csv are named 'Fachkräfteallianzen': give the id",
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


def test_a_repeated_award_row_is_merged_and_the_same_prize_again_kept(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        awards="network_id,award,year,event\n"
        "N1,Innovative Netzwerke,2014,3. Innovationstag\n"
        "N1,innovative Netzwerke,2014,3. Innovationstag\n"  # the same, spelt otherwise
        "N1,Innovative Netzwerke,2014,4. Innovationstag\n",  # won again at another event
    )
    data = _read(folder)
    assert [(a.origin.row, a.event) for a in data.awards] == [
        (2, "3. Innovationstag"),
        (4, "4. Innovationstag"),
    ]
    assert [(w.row, w.message) for w in data.warnings] == [(3, "same award as in row 2 (merged)")]
