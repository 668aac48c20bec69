"""Tests of fks_graph.input.read_actors: the actor registry, actor names and their identity."""

from __future__ import annotations

from pathlib import Path

import pytest

from fks_graph.input.records import Actor, Origin
from fks_graph.input.registry import Entry

from .read_data import (
    _actor,
    _check_errors,
    _dataset,
    _german,
    _located,
    _read,
    _warnings,
)

# (tables to write over the defaults, expected problems as (file, row, column, message regex))
ERROR_CASES: dict[
    str, tuple[dict[str, str | bytes | None], list[tuple[str, int | None, str | None, str]]]
] = {
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
    "duplicate-actor-id": (
        {
            "actors": "Nr;Name\nA1;IHK Aachen\nA2;HWK Aachen\nA3;DGB\nA2;VHS\n",
            "memberships": "Netzwerk;Akteur-ID\nN1;A1\n",
        },
        [("actors.csv", 5, "Nr", r"^duplicate actor id 'A2' \(first in row 3\)$")],
    ),
    "unknown-land-of-actor": (
        {
            "actors": "ID;Name;Land\nA1;IHK Aachen;Rheinland\n",
            "memberships": "Netzwerk;Akteur-ID\nN1;A1\n",
        },
        [("actors.csv", 2, "Land", r"^'Rheinland' is not a German Land")],
    ),
}


@pytest.mark.parametrize(("tables", "expected"), ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_errors(
    tmp_path: Path,
    tables: dict[str, str | bytes | None],
    expected: list[tuple[str, int | None, str | None, str]],
) -> None:
    _check_errors(tmp_path, tables, expected)


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
