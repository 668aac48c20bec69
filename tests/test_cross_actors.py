"""Cross-network actors: checked against an answer computed from the CSV files themselves."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph

from fks_graph.analysis.bipartite import actor_network_graph
from fks_graph.analysis.cross_actors import (
    CSV_COLUMNS,
    CrossActor,
    cross_actor_params,
    cross_actors,
    cross_actors_in,
)
from fks_graph.core.errors import UsageError
from fks_graph.source import open_graph
from fks_graph.sparql.run import run_query
from fks_graph.synthetic.generate import generate_dataset

from .conftest import invoke as cli
from .conftest import write_dataset

# --------------------------------------------------------------------------- the expected answer


def _fold(text: str | None) -> str:
    """Names and cities compare ignoring case, repeated spaces and Unicode normal form."""
    return " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def expected_networks(folder: Path) -> dict[tuple[str, ...], set[str]]:
    """Actor identity → network ids, as docs/input-contract.md section 5 defines identity.

    An actor is an ``actor_id`` of actors.csv, or one per distinct (name, city) of the rows
    that give a name; a name (and city, if both rows give one) that fits exactly one registry
    actor is that registry actor.
    """
    networks = _read(folder / "networks.csv")
    ids = {row["id"] for row in networks}
    by_name = {row["name"]: row["id"] for row in networks}
    registry = {row["id"]: (_fold(row["name"]), _fold(row.get("city"))) for row in
                _read(folder / "actors.csv")} if (folder / "actors.csv").exists() else {}  # fmt: skip
    answer: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for row in _read(folder / "memberships.csv"):
        network = row["network_id"] if row["network_id"] in ids else by_name[row["network_id"]]
        if row.get("actor_id"):
            key: tuple[str, ...] = ("id", row["actor_id"])
        else:
            name, city = _fold(row["actor_name"]), _fold(row.get("actor_city"))
            fits = [
                actor_id
                for actor_id, (reg_name, reg_city) in registry.items()
                if reg_name == name and (not city or not reg_city or reg_city == city)
            ]
            key = ("id", fits[0]) if len(fits) == 1 else ("name", name, city)
        answer[key].add(network)
    return answer


def identities(graph: Graph, actors: list[CrossActor]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The same identity for each actor found: its registry id, else its (name, city)."""
    text = "SELECT ?actor ?id WHERE { ?actor a org:FormalOrganization ; dct:identifier ?id }"
    registry_ids = {str(a): str(i) for a, i in run_query(graph, text).rows}
    found: dict[tuple[str, ...], tuple[str, ...]] = {}
    for actor in actors:
        if actor.actor in registry_ids:
            key: tuple[str, ...] = ("id", registry_ids[actor.actor])
        else:
            key = ("name", _fold(actor.label), _fold(actor.city))
        assert key not in found, key
        found[key] = actor.network_ids
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated ecosystem plus rows that repeat names in the ways the contract defines."""
    folder = tmp_path_factory.mktemp("cross") / "national-200"
    generate_dataset(folder, networks=200, seed=11)
    registry = _read(folder / "actors.csv")
    names = [_fold(r["name"]) for r in registry]
    ihk = next(r for r in registry if r["type"] == "chamber_of_commerce" and
               names.count(_fold(r["name"])) == 1)  # fmt: skip
    extra = [
        # the registry IHK by name: other case and spacing, with and without its city
        ["N0003", "", ihk["name"].upper().replace(" ", "  "), "", ihk["city"], "partner"],
        ["N0004", "", ihk["name"].lower(), "", "", "member"],
        # one Volkshochschule per city, and one without a city; repeated rows count once
        ["N0001", "", "Volkshochschule Testhausen", "Volkshochschule", "Aachen", "partner"],
        ["N0002", "", "volkshochschule  testhausen", "Bildungsträger", "AACHEN", "member"],
        ["N0003", "", "Volkshochschule Testhausen", "Volkshochschule", "Bonn", "partner"],
        ["N0005", "", "Volkshochschule Testhausen", "Volkshochschule", "Bonn", "partner"],
        ["N0005", "", "Volkshochschule Testhausen", "", "", "member"],
        ["N0005", "", "Volkshochschule Testhausen", "", "", "partner"],
        ["N0006", "", "Volkshochschule Testhausen", "", "", "partner"],
        ["N0007", "", "Volkshochschule Testhausen", "", "Köln", "partner"],
    ]
    with (folder / "memberships.csv").open("a", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows([*row, "", ""] for row in extra)
    return folder


@pytest.fixture(scope="module")
def generated_graph(generated: Path) -> Graph:
    return open_graph(generated)


# --------------------------------------------------------------------------- acceptance


@pytest.mark.parametrize("min_networks", [2, 3])
def test_exactly_the_actors_in_several_networks(
    generated: Path, generated_graph: Graph, min_networks: int
) -> None:
    expected = {
        key: tuple(sorted(networks))
        for key, networks in expected_networks(generated).items()
        if len(networks) >= min_networks
    }
    actors = cross_actors(generated_graph, min_networks=min_networks)
    assert identities(generated_graph, actors) == expected
    assert all(a.network_count == len(a.network_ids) >= min_networks for a in actors)
    if min_networks == 3:
        assert 50 < len(expected) < len(expected_networks(generated))
        return
    # the data exercises what it should: many brokers, repeated names, names of registry actors
    assert len(expected) > 300
    assert ("name", "volkshochschule testhausen", "aachen") in expected
    assert ("name", "volkshochschule testhausen", "bonn") in expected
    assert ("name", "volkshochschule testhausen", "") in expected  # N0005, N0006
    names = [k for k in expected if k[0] == "name"]
    assert len(names) > 20  # local actors given by name in several networks


@pytest.mark.parametrize("min_networks", [1, 2, 3])
def test_the_actor_network_graph_gives_the_same_answer(
    generated_graph: Graph, min_networks: int
) -> None:
    # what the main job uses instead of the query: every field, in the same order
    B = actor_network_graph(generated_graph)
    expected = cross_actors(generated_graph, min_networks=min_networks)
    assert cross_actors_in(B, min_networks=min_networks) == expected
    if min_networks == 2:  # the data exercises what may differ
        assert any(a.city for a in expected)
        assert any(a.city is None for a in expected)
        assert any(len(a.states) > 1 for a in expected)


def test_a_registry_actor_named_by_name_and_city(generated: Path, generated_graph: Graph) -> None:
    rows = _read(generated / "memberships.csv")
    registry = {_fold(r["name"]): r["id"] for r in _read(generated / "actors.csv")}
    by_name = [r for r in rows if not r["actor_id"] and _fold(r["actor_name"]) in registry]
    assert len(by_name) > 50  # the generator names registry actors by name and city, too
    found = {a.actor.rsplit("/", 1)[1]: a for a in cross_actors(generated_graph)}
    # the last two: the IHK by name with its city (other case and spacing), and without
    assert [bool(r["actor_city"]) for r in by_name[-2:]] == [True, False]
    ihk_id = registry[_fold(by_name[-1]["actor_name"])]
    assert "N0003" in found[ihk_id].network_ids
    assert "N0004" in found[ihk_id].network_ids


def test_sorted_by_count_then_label(generated_graph: Graph) -> None:
    actors = cross_actors(generated_graph)
    assert actors == sorted(actors, key=lambda a: (-a.network_count, a.label, a.actor))
    top = actors[0]
    assert top.network_count >= 5
    assert list(top.network_ids) == sorted(top.network_ids)
    assert list(top.states) == sorted(top.states)
    assert len(top.network_names) == len(top.network_ids)


# --------------------------------------------------------------------------- filters


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dataset(
        tmp_path_factory.mktemp("small") / "filters",
        networks="id,name,state\n"
        "N1,Netz Eins,DE-NW\nN2,Netz Zwei,DE-BY\nN3,Netz Drei,DE-BB|DE-SN\nN4,Netz Vier,NRW\n",
        actors="id,name,type,city\n"
        "IHK,IHK Musterstadt,IHK,Musterstadt\nJC,Jobcenter Musterstadt,Jobcenter,Musterstadt\n",
        memberships="network_id,actor_id,actor_name,actor_type,actor_city,role,since,until\n"
        "N1,IHK,,,,partner,2011,\n"
        "N2,IHK,,,,partner,2014-05-01,2015\n"
        "N3,IHK,,,,member,,\n"
        "N1,JC,,,,partner,2015-06-30,2016-06-30\n"
        "N4,JC,,,,partner,,2013\n"
        "N1,,DGB Region,Gewerkschaft,,member,,\n"
        "N2,,DGB Region,union,,member,,\n"
        "N4,,DGB Region,Gewerkschaft,,member,,2012-12-31\n"
        "Netz Drei,,Volkshochschule,Bildungsträger,Bonn,,,\n"
        "N4,,Volkshochschule,Bildungsträger,Bonn,,,\n"
        "N2,,Volkshochschule,Bildungsträger,Köln,,,\n",
    )


@pytest.fixture(scope="module")
def small_graph(small: Path) -> Graph:
    return open_graph(small)


def counts(graph: Graph, **filters) -> list[tuple[str, str | None, int]]:
    return [(a.label, a.city, a.network_count) for a in cross_actors(graph, **filters)]


def test_default(small_graph: Graph) -> None:
    actors = cross_actors(small_graph)
    assert [(a.label, a.type, a.network_ids, a.city) for a in actors] == [
        ("DGB Region", "union", ("N1", "N2", "N4"), None),
        ("IHK Musterstadt", "chamber_of_commerce", ("N1", "N2", "N3"), "Musterstadt"),
        ("Jobcenter Musterstadt", "jobcenter", ("N1", "N4"), "Musterstadt"),
        ("Volkshochschule", "education_provider", ("N3", "N4"), "Bonn"),
    ]
    ihk = actors[1]
    assert ihk.states == ("DE-BB", "DE-BY", "DE-NW", "DE-SN")
    assert ihk.network_names == ("Netz Eins", "Netz Zwei", "Netz Drei")
    assert ihk.actor == "https://w3id.org/fks-graph/data/actor/IHK"
    assert ihk.as_row() == {
        "actor": "https://w3id.org/fks-graph/data/actor/IHK",
        "label": "IHK Musterstadt",
        "type": "chamber_of_commerce",
        "network_count": "3",
        "network_ids": "N1|N2|N3",
        "city": "Musterstadt",
        "states": "DE-BB|DE-BY|DE-NW|DE-SN",
        "network_names": "Netz Eins|Netz Zwei|Netz Drei",
    }


def test_min_networks(small_graph: Graph) -> None:
    assert counts(small_graph, min_networks=3) == [
        ("DGB Region", None, 3),
        ("IHK Musterstadt", "Musterstadt", 3),
    ]
    assert counts(small_graph, min_networks=4) == []
    assert len(cross_actors(small_graph, min_networks=1)) == 5  # Volkshochschule Köln too
    with pytest.raises(UsageError, match="min_networks must be a whole number of at least 1"):
        cross_actors(small_graph, min_networks=0)


@pytest.mark.parametrize(
    "options",
    [{"state": ["DE-BY"]}, {"state": 9}, {"actor_type": ["ihk", "hwk"]}, {"actor_type": b"ihk"}],
    ids=["state-list", "state-number", "type-list", "type-bytes"],
)
def test_a_type_or_land_that_is_no_text_is_a_usage_error(options: dict) -> None:
    # from a notebook, where a list of Länder is a natural thing to try
    with pytest.raises(UsageError, match=r"must be one value given as text, not"):
        cross_actor_params(**options)


@pytest.mark.parametrize(
    ("actor_type", "labels"),
    [
        ("Gewerkschaft", ["DGB Region"]),
        ("union", ["DGB Region"]),
        ("Jobcenter", ["Jobcenter Musterstadt"]),
        ("Industrie- und Handelskammer", ["IHK Musterstadt"]),
        ("Agentur für Arbeit", []),
    ],
)
def test_actor_type_by_code_or_german_label(
    small_graph: Graph, actor_type: str, labels: list[str]
) -> None:
    assert [a.label for a in cross_actors(small_graph, actor_type=actor_type)] == labels


def test_state(small_graph: Graph) -> None:
    # only networks in the Land count: the IHK has one network in NRW
    assert counts(small_graph, state="DE-NW") == [
        ("DGB Region", None, 2),
        ("Jobcenter Musterstadt", "Musterstadt", 2),
    ]
    assert counts(small_graph, state="Nordrhein-Westfalen") == counts(small_graph, state="NW")
    # a network in two Länder counts for each of them
    assert counts(small_graph, state="Sachsen", min_networks=1) == [
        ("IHK Musterstadt", "Musterstadt", 1),
        ("Volkshochschule", "Bonn", 1),
    ]
    assert counts(small_graph, state="Brandenburg", min_networks=1) == counts(
        small_graph, state="DE-SN", min_networks=1
    )
    ihk = cross_actors(small_graph, state="DE-SN", min_networks=1)[0]
    assert (ihk.network_ids, ihk.states) == (("N3",), ("DE-BB", "DE-SN"))
    assert counts(small_graph, state="DE-HB", min_networks=1) == []
    with pytest.raises(UsageError, match="unknown Land 'Bavaria-Nord'"):
        cross_actors(small_graph, state="Bavaria-Nord")


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # a year as begin counts from 1 January ...
        ("2010-12-31", {"DGB Region": 3, "IHK Musterstadt": 1, "Jobcenter Musterstadt": 1}),
        ("2011-01-01", {"DGB Region": 3, "IHK Musterstadt": 2, "Jobcenter Musterstadt": 1}),
        # ... a full date as end includes that day, a year as end includes 31 December
        ("2012-12-31", {"DGB Region": 3, "IHK Musterstadt": 2, "Jobcenter Musterstadt": 1}),
        ("2013-01-01", {"DGB Region": 2, "IHK Musterstadt": 2, "Jobcenter Musterstadt": 1}),
        ("2013-12-31", {"DGB Region": 2, "IHK Musterstadt": 2, "Jobcenter Musterstadt": 1}),
        ("2014-01-01", {"DGB Region": 2, "IHK Musterstadt": 2}),
        ("2014-04-30", {"DGB Region": 2, "IHK Musterstadt": 2}),
        ("2014-05-01", {"DGB Region": 2, "IHK Musterstadt": 3}),
        ("2015-06-30", {"DGB Region": 2, "IHK Musterstadt": 3, "Jobcenter Musterstadt": 1}),
        ("2015-12-31", {"DGB Region": 2, "IHK Musterstadt": 3, "Jobcenter Musterstadt": 1}),
        ("2016-01-01", {"DGB Region": 2, "IHK Musterstadt": 2, "Jobcenter Musterstadt": 1}),
        ("2016-06-30", {"DGB Region": 2, "IHK Musterstadt": 2, "Jobcenter Musterstadt": 1}),
        ("2016-07-01", {"DGB Region": 2, "IHK Musterstadt": 2}),
    ],
)
def test_at(small_graph: Graph, at: str, expected: dict[str, int]) -> None:
    found = {
        label: count
        for label, city, count in counts(small_graph, at=at, min_networks=1)
        if city != "Köln" and label != "Volkshochschule"  # no dates: always 1 and 2
    }
    assert found == expected
    assert ("Volkshochschule", "Bonn", 2) in counts(small_graph, at=at, min_networks=1)


def test_at_and_state_together(small_graph: Graph) -> None:
    assert counts(small_graph, at="2013-06-01", state="DE-NW") == []
    assert counts(small_graph, at="2012-06-01", state="DE-NW") == [("DGB Region", None, 2)]
    assert counts(small_graph, at="2012-06-01", state="DE-NW", actor_type="jobcenter",
                  min_networks=1) == [("Jobcenter Musterstadt", "Musterstadt", 1)]  # fmt: skip
    with pytest.raises(UsageError, match="'2014-02-30' is not a date"):
        cross_actors(small_graph, at="2014-02-30")


# --------------------------------------------------------------------------- the command line


def test_cli_csv_columns(small: Path) -> None:
    code, out, err = cli("cross-actors", small, "--format", "csv")
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[0] == [
        "actor", "label", "type", "network_count", "network_ids", "city", "states",
        "network_names",
    ]  # fmt: skip
    assert rows[2] == [
        "https://w3id.org/fks-graph/data/actor/IHK",
        "IHK Musterstadt",
        "chamber_of_commerce",
        "3",
        "N1|N2|N3",
        "Musterstadt",
        "DE-BB|DE-BY|DE-NW|DE-SN",
        "Netz Eins|Netz Zwei|Netz Drei",
    ]
    assert [r[1] for r in rows[1:]] == [
        "DGB Region", "IHK Musterstadt", "Jobcenter Musterstadt", "Volkshochschule",
    ]  # fmt: skip


def test_cli_options(small: Path) -> None:
    code, out, _ = cli(
        "cross-actors", small, "--min-networks", "1", "--type", "Gewerkschaft",
        "--state", "DE-NW", "--at", "2013-06-01", "--format", "json",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out) == [
        {
            "actor": "https://w3id.org/fks-graph/data/actor/~dgb-region",
            "label": "DGB Region",
            "type": "union",
            "network_count": 1,
            "network_ids": ["N1"],
            "city": None,
            "states": ["DE-NW"],
            "network_names": ["Netz Eins"],
        }
    ]
    code, out, _ = cli("cross-actors", small, "--min-networks", "3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["label", "type", "network_count", "network_ids", "city", "states"]
    assert lines[2].split()[:4] == ["DGB", "Region", "union", "3"]
    assert lines[-1] == "(2 rows)"


def test_at_accepts_the_dates_the_input_accepts(small: Path) -> None:
    assert cross_actor_params(at="01.03.2020") == {"min_networks": "2", "at": "2020-03-01"}
    assert cross_actor_params(at="2020-3-1") == {"min_networks": "2", "at": "2020-03-01"}
    iso = cli("cross-actors", small, "--at", "2013-06-01", "--format", "csv")
    german = cli("cross-actors", small, "--at", "01.06.2013", "--format", "csv")
    assert german == iso
    assert iso[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "Bäckerei"], "unknown actor type 'Bäckerei'"),
        (["--state", "XX"], "unknown Land 'XX'"),
        (["--at", "2014-02-30"], "'2014-02-30' is not a date"),
        (
            ["--at", "30.02.2014"],
            "'30.02.2014' is not a date (expected YYYY-MM-DD such as 2014-05-22, or DD.MM.YYYY)",
        ),
        (["--min-networks", "0"], "Invalid value"),
        (["--format", "xml"], "Invalid value"),
    ],
)
def test_cli_bad_options_exit_2(small: Path, args: list[str], message: str) -> None:
    code, out, err = cli("cross-actors", small, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in out + err


# --------------------------------------------------------------------------- stated days, doubt


@pytest.fixture(scope="module")
def stated_graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """An actor in three networks: once from a page of 2015, once uncertain, once since 2016."""
    folder = write_dataset(
        tmp_path_factory.mktemp("stated"),
        networks="id,name,state\nN1,Eins,DE-SN\nN2,Zwei,DE-SN\nN3,Drei,DE-SN\n",
        memberships="network_id,actor_name,since,as_of,uncertain\n"
        "N1,IHK Dresden,,2015-08-27,\nN2,IHK Dresden,,,true\nN3,IHK Dresden,2016,,\n",
    )
    return open_graph(folder)


@pytest.mark.parametrize(
    ("options", "networks"),
    [
        ({}, ("N1", "N2", "N3")),
        ({"certain_only": True}, ("N1", "N3")),
        # a stated day is not a beginning: the 2015 page counts before 2015 too
        ({"at": "2014-01-01"}, ("N1", "N2")),
        ({"at": "2017-01-01", "certain_only": True}, ("N1", "N3")),
    ],
)
def test_stated_days_and_uncertain_memberships(
    stated_graph: Graph, options: dict[str, object], networks: tuple[str, ...]
) -> None:
    (actor,) = cross_actors(stated_graph, **options)
    assert actor.network_ids == networks


def test_cli_certain_only(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path,
        networks="id,name\nN1,Eins\nN2,Zwei\n",
        memberships="network_id,actor_name,uncertain\nN1,IHK Dresden,\nN2,IHK Dresden,ja\n",
    )
    code, out, _ = cli("cross-actors", folder, "--format", "csv")
    assert code == 0
    assert "IHK Dresden" in out
    code, out, _ = cli("cross-actors", folder, "--certain-only", "--format", "csv")
    assert code == 0
    assert out.splitlines() == [",".join(CSV_COLUMNS)]
