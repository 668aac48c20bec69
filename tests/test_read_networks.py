"""Tests of fks_graph.input.read_networks: the networks table."""

from __future__ import annotations

from pathlib import Path

import pytest

from fks_graph.input.read import read_dataset

from .read_data import (
    _check_errors,
    _dataset,
    _german,
    _located,
    _problems,
    _read,
    _warnings,
)

# (tables to write over the defaults, expected problems as (file, row, column, message regex))
ERROR_CASES: dict[
    str, tuple[dict[str, str | bytes | None], list[tuple[str, int | None, str | None, str]]]
] = {
    "duplicate-network-id": (
        {"networks": "ID;Name\nN1;Allianz A\nN2;Allianz B\nN1;Allianz C\n"},
        [("networks.csv", 4, "ID", r"^duplicate network id 'N1' \(first in row 2\)$")],
    ),
    "network-id-with-a-pipe": (  # part_of and the queries' lists separate ids by '|'
        {"networks": "ID;Name\nN1;Allianz A\nA|B;Allianz B\n"},
        [("networks.csv", 3, "ID", r"^network id 'A\|B' holds '\|', which separates several")],
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
    "network-without-id": (
        {"networks": "ID;Name\nN1;Allianz A\n;Allianz B\n"},
        [("networks.csv", 3, "ID", r"^missing network id \(the cell is empty\)$")],
    ),
    "network-without-name": (
        {"networks": "ID;Name\nN1;Allianz A\nN2;\n"},
        [("networks.csv", 3, "Name", r"^missing network name")],
    ),
    "unknown-land": (
        {"networks": "ID;Name;Bundesland\nN1;Allianz A;NRW\nN2;Allianz B;Bavaria-Nord\n"},
        [("networks.csv", 3, "Bundesland", r"^'Bavaria-Nord' is not a German Land")],
    ),
    "unknown-land-among-several": (
        {"networks": "ID;Name;Länder\nN1;Allianz A;DE-BB|DE-XX\n"},
        [("networks.csv", 2, "Länder", r"^'DE-XX' is not a German Land")],
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
        ("www.bücher.de", "https://www.bücher.de"),  # umlauts in a domain, as with https://
        ("fachkräfte-düren.de/über-uns", "https://fachkräfte-düren.de/über-uns"),
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
        ("https:///netzwerk", "'https:///netzwerk' is not a web address (it names no host)"),
        (
            "https://x.de:99999/",
            "'https://x.de:99999/' is not a web address (the port '99999' is no port number)",
        ),
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
        ("11", ("DE-BE",)),
    ],
)
def test_land_derived_from_region_code(
    tmp_path: Path, region_code: str, states: tuple[str, ...]
) -> None:
    folder = _german(tmp_path, networks=f"ID;Name;Kreisschlüssel\nN1;Allianz A;{region_code}\n")
    data = _read(folder)
    assert (data.networks[0].region_code, data.networks[0].states) == (region_code, states)
    assert data.warnings == ()


@pytest.mark.parametrize(
    ("given", "code", "states"),
    [  # keys a spreadsheet stored as numbers, without their leading zero
        ("1", "01", ("DE-SH",)),  # a Land
        ("5334", "05334", ("DE-NW",)),  # a Kreis
        ("1001000", "01001000", ("DE-SH",)),  # a Gemeinde (AGS)
        ("10540056", "010540056", ("DE-SH",)),  # a Gemeindeverband: 10540 is no Kreis, 01054 is
        ("10041100", "10041100", ("DE-SL",)),  # a Gemeinde of the Saarland: 10041 is a Kreis
        ("10540000000", "010540000000", ("DE-SH",)),  # a Regionalschlüssel
        ("05 3 34", "05334", ("DE-NW",)),  # written with spaces
    ],
)
def test_region_codes_get_their_leading_zero_back(
    tmp_path: Path, given: str, code: str, states: tuple[str, ...]
) -> None:
    folder = _german(tmp_path, networks=f"ID;Name;Kreisschlüssel\nN1;Allianz A;{given}\n")
    data = _read(folder)
    assert (data.networks[0].region_code, data.networks[0].states) == (code, states)
    assert data.warnings == ()


@pytest.mark.parametrize("given", ["99999", "O5334", "03101, 03102", "Kreis Lippe", "DE"])
def test_a_region_code_that_is_none_is_kept_with_a_warning(tmp_path: Path, given: str) -> None:
    folder = _german(tmp_path, networks=f"ID;Name;Kreisschlüssel\nN1;Allianz A;{given}\n")
    data = _read(folder)
    assert (data.networks[0].region_code, data.networks[0].states) == (given, ())
    (warning,) = data.warnings
    assert (warning.row, warning.column) == (2, "Kreisschlüssel")
    assert warning.message.startswith(f"'{given}' is no region code")


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
    (problem,) = _problems(
        folder, r"several networks in networks\.csv are named 'Fachkräfteallianz': give the id"
    )
    assert (problem.row, problem.column) == (2, "Netzwerk")


def test_network_name_shared_by_two_networks_is_no_umbrella(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        networks="id,name,part_of\nN1,Allianz,\nN2,Allianz,\nN3,Regional,Allianz\n",
    )
    (problem,) = _problems(folder, r"several networks are named 'Allianz': give the id")
    assert problem.row == 4


def test_exact_network_name_is_found_despite_a_similar_one(tmp_path: Path) -> None:
    folder = _dataset(
        tmp_path,
        networks="id,name\nN1,Allianz A-B\nN2,Allianz A B\n",
        memberships="network_id,actor_name\nAllianz A-B,IHK\nAllianz A B,HWK\n",
    )
    assert [m.network_id for m in _read(folder).memberships] == ["N1", "N2"]


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
