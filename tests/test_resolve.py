"""Resolution of actor names: the resolver, reviewed aliases, near matches, the labelled set."""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from fks_graph.core.errors import InputError
from fks_graph.input.read import read_dataset
from fks_graph.input.records import Actor, Alias, Dataset, DatasetInfo, Membership, Origin
from fks_graph.input.resolve import (
    REVIEW_COLUMNS,
    Resolver,
    near_matches,
    similarity,
    to_csv,
)
from fks_graph.synthetic.generate import generate_dataset

from .conftest import write_dataset

LABELLED = Path(__file__).parent / "fixtures" / "resolution"
REGISTRY = (
    Actor("id:IHK-AC", "IHK Aachen", Origin("actors.csv", 2), id="IHK-AC", city="Aachen"),
    Actor("id:VHS-BN", "Volkshochschule", Origin("actors.csv", 3), id="VHS-BN", city="Bonn"),
    Actor("id:VHS-K", "Volkshochschule", Origin("actors.csv", 4), id="VHS-K", city="Köln"),
    Actor("id:DRV", "DRV Rheinland", Origin("actors.csv", 5), id="DRV", city="Düsseldorf"),
    Actor("id:GG", "Goethe-Gymnasium", Origin("actors.csv", 6), id="GG", city="Bonn"),
    Actor("id:JC-MEI", "Jobcenter", Origin("actors.csv", 7), id="JC-MEI", city="Meißen"),
)


# --------------------------------------------------------------------------- the resolver


@pytest.mark.parametrize(
    ("name", "city", "key"),
    [
        ("Industrie- und Handelskammer zu Aachen", None, "id:IHK-AC"),
        ("ihk aachen", "Aachen", "id:IHK-AC"),
        ("IHK", "Aachen", "id:IHK-AC"),
        ("IHK Aachen", "Düren", "id:IHK-AC"),  # a regional institution, whatever the city
        ("VHS", "Bonn", "id:VHS-BN"),
        ("Volkshochschule Köln", None, "id:VHS-K"),
        ("Volkshochschule", None, "name:volkshochschule"),  # which of the two? neither
        ("Volkshochschule", "Aachen", "name:volkshochschuleaachen"),
        ("Deutsche Rentenversicherung Rheinland", None, "id:DRV"),
        ("Deutsche Rentenversicherung Rheinland", "Köln", "id:DRV"),
        ("Zentis GmbH & Co.KG", None, "name:zentisgmbhcokgaachen"),  # its only city
        ("Goethe-Schule", None, "name:goetheschule"),  # in two cities: no guess
        ("Stadtwerke", None, "name:stadtwerke"),  # generic: never given a city
        # where words are separated does not matter, for the city a name is attached to ...
        ("Müller Druck GmbH", None, "name:muellerdruckgmbhbonn"),
        # ... nor for the registry
        ("Goethe Gymnasium", None, "id:GG"),
        ("Goethe Gymnasium", "Bonn", "id:GG"),
        # a generic name without a city is its network's, not the registry's one in Meißen
        ("Jobcenter", None, "name:jobcenter"),
        ("Jobcenter", "Meißen", "id:JC-MEI"),
    ],
)
def test_resolve(name: str, city: str | None, key: str) -> None:
    mentions = [
        ("Zentis GmbH & Co. KG", "Aachen"),
        ("Zentis GmbH & Co.KG", None),
        ("Goethe-Schule", "Bonn"),
        ("Goethe-Schule", "Köln"),
        ("Goethe-Schule", None),
        ("Stadtwerke", "Bonn"),
        ("Stadtwerke", None),
        ("Müller-Druck GmbH", "Bonn"),
        ("Müller Druck GmbH", None),
        ("Goethe Gymnasium", None),
    ]
    assert Resolver(REGISTRY, mentions).resolve(name, city) == key


def test_a_cityless_name_also_given_with_its_own_city_is_not_moved() -> None:
    mentions = [
        ("Müller GmbH Bonn", None),
        ("Müller GmbH Bonn", "Bonn"),
        ("Müller GmbH Bonn", "Köln"),
    ]
    resolver = Resolver((), mentions)
    assert resolver.resolve("Müller GmbH Bonn", None) == "name:muellergmbhbonn"
    assert resolver.resolve("Müller GmbH Bonn", "Köln") == "name:muellergmbhbonnkoeln"


# --------------------------------------------------------------------------- aliases

NETWORKS = "id,name\nN1,Allianz A\nN2,Allianz B\nN3,Allianz C\n"
ACTORS = "id,name,city\nIHK-AC,IHK Aachen,Aachen\nHWK-AC,Handwerkskammer Aachen,Aachen\n"
MEMBERSHIPS = (
    "network_id,actor_id,actor_name,actor_city\n"
    "N1,,Handwerskammer Aachen,Aachen\n"
    "N2,HWK-AC,,\n"
    "N1,,Bundesstadt Bonn,Bonn\n"
    "N2,,Stadt Bonn,Bonn\n"
    "N3,,Stadt Bonn,Bonn\n"
)


def _with_aliases(tmp_path: Path, aliases: str) -> Path:
    return write_dataset(
        tmp_path / "data",
        networks=NETWORKS,
        actors=ACTORS,
        memberships=MEMBERSHIPS,
        aliases=aliases,
    )


def test_aliases_merge_names_into_registry_and_named_actors(tmp_path: Path) -> None:
    folder = _with_aliases(
        tmp_path,
        "name,city,actor_id,canonical_name\n"
        "Handwerskammer Aachen,Aachen,HWK-AC,\n"
        "Bundesstadt Bonn,Bonn,,Stadt Bonn\n",
    )
    data = read_dataset(folder)
    assert [m.actor_key for m in data.memberships] == [
        "id:HWK-AC",
        "id:HWK-AC",
        "name:stadtbonn",
        "name:stadtbonn",
        "name:stadtbonn",
    ]
    bonn = next(a for a in data.actors if a.key == "name:stadtbonn")
    assert bonn.name == "Stadt Bonn"  # the most frequent spelling
    assert [name for name, _ in bonn.spellings] == ["Bundesstadt Bonn", "Stadt Bonn"]
    assert data.warnings == ()


def test_an_alias_of_a_generic_name_joins_each_networks_own_actor(tmp_path: Path) -> None:
    """``JC`` is ``Jobcenter``: in each network the Jobcenter of that network, not one actor
    spanning both (which would be a broker between two Länder)."""
    folder = write_dataset(
        tmp_path / "data",
        networks="id,name,state\nN1,Allianz Meißen,DE-SN\nN2,Bündnis Oberbayern,DE-BY\n",
        memberships="network_id,actor_name\nN1,Jobcenter\nN2,Jobcenter\nN1,JC\nN2,JC\n",
        aliases="name,canonical_name\nJC,Jobcenter\n",
    )
    data = read_dataset(folder)
    assert [m.actor_key for m in data.memberships] == ["name:jobcenter@N1", "name:jobcenter@N2"]
    assert len(data.actors) == 2


def test_german_alias_headers_and_file_name(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path / "data",
        networks=NETWORKS,
        actors=ACTORS,
        memberships=MEMBERSHIPS,
        Schreibweisen="Schreibweise;Ort;Akteur-ID;Akteur\nHandwerskammer Aachen;Aachen;HWK-AC;\n",
    )
    assert read_dataset(folder).memberships[0].actor_key == "id:HWK-AC"


def test_the_review_csv_is_an_aliases_file(tmp_path: Path) -> None:
    folder = _with_aliases(tmp_path, "name\n")
    (folder / "aliases.csv").unlink()
    matches = near_matches(read_dataset(folder))
    assert [(m.alias.name, m.actor.id) for m in matches] == [("Handwerskammer Aachen", "HWK-AC")]
    (folder / "aliases.csv").write_text(to_csv(matches), encoding="utf-8")
    data = read_dataset(folder)
    assert data.memberships[0].actor_key == "id:HWK-AC"
    assert near_matches(data) == []


def test_the_review_csv_runs_no_formula_and_reads_back_as_written(tmp_path: Path) -> None:
    """A name starting with @ gets an apostrophe in the review file (a spreadsheet would run
    it); used as aliases.csv, the file gives the name as it was."""
    folder = write_dataset(
        tmp_path / "data",
        networks=NETWORKS,
        memberships="network_id,actor_name,actor_city\n"
        "N1,@SUM(1+1) Werkstatt GmbH,Bonn\nN2,@SUM(1+1) Werkstat GmbH,Bonn\n",
    )
    matches = near_matches(read_dataset(folder))
    review = to_csv(matches)
    assert ",@" not in review
    assert ",'@SUM(1+1) Werkstat" in review
    (folder / "aliases.csv").write_text(review, encoding="utf-8")
    data = read_dataset(folder)
    assert len({m.actor_key for m in data.memberships}) == 1
    assert data.actors[0].name.startswith("@SUM(1+1) Werkstat")


@pytest.mark.parametrize(
    ("aliases", "column", "message"),
    [
        (
            "name,actor_id\nHandwerskammer Aachen,HWK-XX\n",
            "actor_id",
            "unknown actor id 'HWK-XX' (expected an id from actors.csv)",
        ),
        (
            "name,canonical_name\nBundesstadt Bonn,Stadt Bon\n",
            "canonical_name",
            "'Stadt Bon' matches no actor of the dataset",
        ),
        (
            "name,city,actor_id\nIHK Aachen,Aachen,HWK-AC\n",
            "name",
            (
                "'IHK Aachen' in Aachen is the name of actor 'IHK-AC' of actors.csv; the alias "
                "would merge it with actor 'HWK-AC' ('Handwerkskammer Aachen')"
            ),
        ),
        (
            "name,city,canonical_name\nHandwerkskammer Aachen,,Stadt Bonn\n",
            "name",
            "is the name of actor 'HWK-AC'",
        ),
        (
            "name,actor_id,canonical_name\nHandwerskammer Aachen,HWK-AC,IHK Aachen\n",
            "canonical_name",
            "'IHK Aachen' is not the name of actor 'HWK-AC' ('Handwerkskammer Aachen')",
        ),
        ("name,city\nHandwerskammer Aachen,Aachen\n", "canonical_name", "missing actor"),
        (
            (
                "name,city,actor_id\nHandwerskammer Aachen,Aachen,HWK-AC\n"
                "Handwerskammer  Aachen,Aachen,IHK-AC\n"
            ),
            "name",
            "is already an alias of actor 'HWK-AC' ('Handwerkskammer Aachen') (row 2)",
        ),
        (
            (
                "name,city,canonical_name,canonical_city\nBundesstadt Bonn,Bonn,Stadt Bonn,\n"
                "Stadt Bonn,Bonn,Handwerskammer Aachen,Aachen\n"
            ),
            "canonical_name",
            "'Stadt Bonn' is itself an alias (row 3); give the actor it belongs to",
        ),
        ("name,city\n,Aachen\n", "name", "missing alias name"),
    ],
)
def test_bad_aliases_name_file_row_and_column(
    tmp_path: Path, aliases: str, column: str, message: str
) -> None:
    folder = _with_aliases(tmp_path, aliases)
    with pytest.raises(InputError, match=r"aliases\.csv") as caught:
        read_dataset(folder)
    problems = [p for p in caught.value.problems if p.file == "aliases.csv"]
    assert len(problems) == 1, problems
    (problem,) = problems
    assert problem.column == column
    assert problem.row in (2, 3)
    assert message in problem.message


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ("name,city,canonical_name\nSchtadt Bonn,Bonn,Stadt Bonn\n", "the alias is not used"),
        ("name,city,canonical_name\nStadt Bonn,Bonn,Stadt  Bonn\n", "has no effect"),
        ("name,city,actor_id\nIHK Aachen,,IHK-AC\n", "has no effect"),
        # an official entry confirmed for a name no row uses (a typo)
        (
            "name,registry,code\nHandwerkskamer Aachen,handwerkskammer,00033\n",
            "the alias is not used",
        ),
    ],
)
def test_useless_aliases_are_warnings(tmp_path: Path, aliases: str, message: str) -> None:
    data = read_dataset(_with_aliases(tmp_path, aliases))
    (warning,) = data.warnings
    assert (warning.file, warning.row, warning.column) == ("aliases.csv", 2, "name")
    assert message in warning.message


def test_no_actors_file_for_an_alias_id(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path / "data",
        networks=NETWORKS,
        memberships="network_id,actor_name\nN1,IHK Aachen\n",
        aliases="name,actor_id\nIHK Aix,IHK-AC\n",
    )
    with pytest.raises(InputError, match=r"actors.csv \(there is none\)"):
        read_dataset(folder)


def test_alias_check_reports_to_callbacks() -> None:
    resolver = Resolver(REGISTRY, [("IHK Aix", None)])
    errors: list[tuple[str, str]] = []
    alias = Alias("IHK Aix", Origin("aliases.csv", 2), actor_id="IHK-AC")
    resolver.add_aliases([alias], lambda a, c, m: errors.append((c, m)), lambda *_: None)
    assert errors == []
    assert resolver.resolve("IHK  Aix", None) == "id:IHK-AC"


# --------------------------------------------------------------------------- near matches


@pytest.mark.parametrize(
    ("first", "second", "low", "high"),
    [
        ("Handwerskammer Aachen", "Handwerkskammer Aachen", 90, 100),
        ("Agentur für Arbiet Bonn", "Agentur für Arbeit Bonn", 80, 90),
        ("IHK Aahcen", "IHK Aachen", 80, 90),
        ("Agentur für Arbeit Aachen Düren", "Agentur für Arbeit Aachen-Düren", 100, 100),
        ("Brelinger Brauerei GmbH", "Brelinger Druckerei GmbH", 0, 60),
        ("Wüllinger AG", "Wüller AG", 0, 75),
        ("RWTH Aachen", "RWTH Aachen University", 40, 60),
    ],
)
def test_similarity(first: str, second: str, low: float, high: float) -> None:
    assert low <= similarity(first, second) <= high
    assert similarity(first, second) == similarity(second, first)


def _dataset(*actors: tuple[str, str | None, str, tuple[str, ...]]) -> Dataset:
    """Actors (name, city, type, networks) known by name, as a dataset."""
    origin = Origin("memberships.csv", 2)
    records, memberships = [], []
    for number, (name, city, type_, networks) in enumerate(actors):
        key = f"name:{number}"
        records.append(Actor(key, name, origin, type=type_, city=city))
        memberships += [Membership(network, key, origin) for network in networks]
    return Dataset(DatasetInfo("d", "D"), (), tuple(records), tuple(memberships))


@pytest.mark.parametrize(
    "pair",
    [
        (("Volkshochschule", "Bonn"), ("Volkshochschule", "Köln")),
        (("Schumacher GmbH", "Düren"), ("Schumacher AG", "Düren")),
        (("Berufsschule Erkelenz 1", "Erkelenz"), ("Berufsschule Erkelenz 2", "Erkelenz")),
        (("Gymnasium Brelingen-Nord", "Brelingen"), ("Gymnasium Brelingen-Süd", "Brelingen")),
        (("Handwerkskammer Aachen", "Aachen"), ("Kreishandwerkerschaft Aachen", "Aachen")),
        (("Stadt Aachen", "Aachen"), ("StädteRegion Aachen", "Aachen")),
        (("Merker Werkzeugbau GmbH", "Quistenbach"), ("Merker Werkzeugbau GmbH", "Quistbach")),
    ],
    ids=["generic-in-two-cities", "legal-forms", "numbers", "quarters", "kinds", "stadt", "towns"],
)
def test_never_merged_pairs_are_not_proposed(pair: tuple[tuple[str, str], ...]) -> None:
    data = _dataset(*((name, city, "other", ("N1", "N2")) for name, city in pair))
    assert near_matches(data, min_score=0) == []


@pytest.mark.parametrize(
    ("name", "proposed"),
    [
        ("Volkshochschule Testhausen", True),
        ("Goethe-Gymnasium", True),
        ("Volkshochschule", False),
        ("Müller Logistik GmbH", False),
    ],
)
def test_one_institution_name_in_two_cities_is_proposed(name: str, proposed: bool) -> None:
    data = _dataset((name, "Aachen", "other", ("N1",)), (name, "Bonn", "other", ("N2",)))
    assert len(near_matches(data)) == proposed


def test_different_types_and_two_registry_actors_are_not_proposed() -> None:
    origin = Origin("actors.csv", 2)
    actors = (
        Actor("id:A", "Handwerkskammer Aachen", origin, id="A", type="chamber_of_crafts"),
        Actor("id:B", "Handwerskammer Aachen", origin, id="B", type="chamber_of_crafts"),
        Actor("name:c", "Handwerkskammer Aachn", origin, type="company"),
    )
    assert near_matches(Dataset(DatasetInfo("d", "D"), (), actors, ())) == []


def test_near_match_sides_and_order() -> None:
    data = _dataset(
        ("Agentur für Arbiet Bonn", "Bonn", "other", ("N9",)),
        ("Agentur für Arbeit Bonn", "Bonn", "employment_agency", ("N3", "N8")),
        ("Handwerskammer Aachen", "Aachen", "other", ("N10",)),
        ("Handwerkskammer Aachen", None, "chamber_of_crafts", ("N1", "N2")),
    )
    matches = near_matches(data)
    assert [(m.alias.name, m.actor.name, m.actor.networks) for m in matches] == [
        ("Handwerskammer Aachen", "Handwerkskammer Aachen", ("N1", "N2")),
        ("Agentur für Arbiet Bonn", "Agentur für Arbeit Bonn", ("N3", "N8")),
    ]
    assert matches[0].score > matches[1].score >= 80
    assert near_matches(data, min_score=95) == matches[:0]


def test_review_csv() -> None:
    data = _dataset(
        ("Handwerskammer Aachen", "Aachen", "other", ("N10",)),
        ("Handwerkskammer Aachen", "Aachen", "other", ("N1", "N2")),
    )
    rows = list(csv.DictReader(to_csv(near_matches(data)).splitlines()))
    assert tuple(rows[0]) == REVIEW_COLUMNS
    assert rows == [
        {
            "score": "93",
            "name": "Handwerskammer Aachen",
            "city": "Aachen",
            "networks": "N10",
            "actor_id": "",
            "canonical_name": "Handwerkskammer Aachen",
            "canonical_city": "Aachen",
            "canonical_networks": "N1|N2",
        }
    ]


# --------------------------------------------------------------------------- the labelled set


@dataclass(frozen=True)
class Figures:
    precision: float
    recall: float
    true: int
    found: int


def _figures(folder: Path) -> Figures:
    """Precision and recall of the cross-network actors the build finds, against ``truth``.

    A found cross-network actor is correct when all its rows belong to one true actor. A true
    cross-network actor is found when one correct actor has exactly its networks.
    """
    with (folder / "memberships.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter=";"))
    truth = {number: row["truth"] for number, row in enumerate(rows, start=2)}
    true_networks: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        true_networks[row["truth"]].add(row["Netzwerk"])
    networks: dict[str, set[str]] = defaultdict(set)
    actors: dict[str, set[str]] = defaultdict(set)
    for membership in read_dataset(folder).memberships:
        networks[membership.actor_key].add(membership.network_id)
        actors[membership.actor_key].add(truth[membership.origin.row])
    pure = {key: next(iter(truths)) for key, truths in actors.items() if len(truths) == 1}
    crossing = [key for key, found in networks.items() if len(found) >= 2]
    true_cross = {actor for actor, found in true_networks.items() if len(found) >= 2}
    found = {actor for key, actor in pure.items() if networks[key] == true_networks[actor]}
    return Figures(
        precision=sum(key in pure for key in crossing) / len(crossing),
        recall=len(found & true_cross) / len(true_cross),
        true=len(true_cross),
        found=len(crossing),
    )


def test_the_labelled_set_is_large_and_messy(capsys: pytest.CaptureFixture[str]) -> None:
    with (LABELLED / "memberships.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter=";"))
    assert len(rows) >= 300
    true_networks: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, set[str]] = defaultdict(set)
    exact: dict[tuple[str, str], set[str]] = defaultdict(set)
    truths: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        true_networks[row["truth"]].add(row["Netzwerk"])
        spellings[row["truth"]].add(row["Akteur"])
        key = (" ".join(row["Akteur"].split()).casefold(), " ".join(row["Ort"].split()).casefold())
        exact[key].add(row["Netzwerk"])
        truths[key].add(row["truth"])
    assert sum(len(names) > 1 for names in spellings.values()) >= 50
    true_cross = {actor for actor, found in true_networks.items() if len(found) >= 2}
    found = {
        next(iter(truths[key]))
        for key, networks in exact.items()
        if len(truths[key]) == 1 and networks == true_networks[next(iter(truths[key]))]
    }
    recall = len(found & true_cross) / len(true_cross)
    with capsys.disabled():
        print(f"\nlabelled set, exact name matching: recall {recall:.3f}")
    assert recall < 0.4  # exact matching misses most cross-network actors


def test_labelled_set_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    figures = _figures(LABELLED)
    with capsys.disabled():
        print(
            f"\nlabelled set: {figures.true} true cross-network actors, {figures.found} found; "
            f"precision {figures.precision:.3f}, recall {figures.recall:.3f}"
        )
    assert figures.precision == 1.0
    assert figures.recall >= 0.95


def test_labelled_set_with_the_reviewed_aliases(tmp_path: Path) -> None:
    folder = tmp_path / "labelled"
    shutil.copytree(LABELLED, folder)
    matches = near_matches(read_dataset(folder))
    proposed = {(m.alias.name, m.actor.name) for m in matches}
    assert proposed == {
        ("Handwerskammer Aachen", "Handwerkskammer Aachen"),
        ("Agentur für Arbiet Bonn", "Agentur für Arbeit Bonn"),
        ("Industrie- und Handelskamer zu Köln", "IHK Köln"),
    }
    (folder / "aliases.csv").write_text(to_csv(matches), encoding="utf-8")
    figures = _figures(folder)
    assert (figures.precision, figures.recall) == (1.0, 1.0)


# --------------------------------------------------------------------------- generated data


def test_look_alike_generated_firms_are_only_proposed_in_one_town(tmp_path: Path) -> None:
    data = read_dataset(generate_dataset(tmp_path / "gen", networks=600, seed=1).path)
    matches = near_matches(data)
    assert len(matches) < len(data.actors) / 1000
    assert all(m.alias.city == m.actor.city and m.alias.id is None for m in matches)
