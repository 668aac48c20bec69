"""The shipped datasets build, conform to the shapes, and keep their facts and sources."""

from __future__ import annotations

import csv
import re
import shlex
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.analysis.cross_actors import cross_actors
from fks_graph.analysis.run import add_measurements, analyse
from fks_graph.sparql.library import list_queries
from fks_graph.sparql.params import parse_params
from fks_graph.sparql.run import run_query
from fks_graph.validate.report import validate_graph

from .conftest import REAL, ROOT

DATASETS = sorted(p for p in (ROOT / "data").iterdir() if p.is_dir())


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def real_graph():
    return build_graph(read_dataset(REAL))


@pytest.mark.parametrize("folder", DATASETS, ids=[p.name for p in DATASETS])
def test_every_shipped_dataset_builds_and_conforms(folder: Path) -> None:
    dataset = read_dataset(folder)
    assert dataset.warnings == ()
    report = validate_graph(build_graph(dataset))
    assert report.conforms, report.text()


def test_the_real_dataset_is_the_only_shipped_one() -> None:
    assert DATASETS == [REAL]
    assert not read_dataset(REAL).info.synthetic


# --------------------------------------------------------------------------- every row sourced

_URL = re.compile(r"https?://\S+")


@pytest.mark.parametrize(
    "table", ["networks", "memberships", "programmes", "participations", "events", "awards"]
)
def test_every_row_has_its_source_url(table: str) -> None:
    rows = _rows(REAL / f"{table}.csv")
    assert rows
    assert all(_URL.fullmatch(row["source"]) for row in rows), table


def test_at_least_350_sourced_memberships_and_their_urls_are_kept() -> None:
    dataset = read_dataset(REAL)
    assert len(dataset.memberships) >= 350
    rows = _rows(REAL / "memberships.csv")
    assert [m.source for m in dataset.memberships] == [row["source"] for row in rows]


def test_every_network_has_a_land() -> None:
    dataset = read_dataset(REAL)
    assert len(dataset.networks) >= 60
    assert all(network.states for network in dataset.networks)


def test_stated_days_and_doubt_are_kept(real_graph) -> None:
    rows = _rows(REAL / "memberships.csv")
    stated = sum(bool(row["as_of"]) for row in rows)
    uncertain = sum(row["uncertain"] == "true" for row in rows)
    assert stated > 200
    assert uncertain > 10
    text = "SELECT (COUNT(?m) AS ?n) WHERE { ?m a org:Membership ; fks:asOf ?day }"
    assert int(run_query(real_graph, text).rows[0][0]) == stated
    text = "SELECT (COUNT(?m) AS ?n) WHERE { ?m a org:Membership ; fks:uncertain true }"
    assert int(run_query(real_graph, text).rows[0][0]) == uncertain


# --------------------------------------------------------------------------- the expected answer
# Identity as docs/input-contract.md (section 5) defines it, computed here from the CSV files
# with the csv module alone: names compare in a folded form (case, umlauts, punctuation, the
# field's abbreviations, a branch office is its institution, where words are separated does not
# matter); a name that says which actor it is only with a place is one actor per network.

_ABBREVIATIONS = [
    (r"\bindustrie(?:-|\s)+(?:und|u\.)\s+handelskammer\b", "ihk"),
    (r"\bhandwerkskammer\b", "hwk"),
    (r"\bagentur\s+f(?:ü|ue)r\s+arbeit\b", "arbeitsagentur"),
    (r"\bdeutscher\s+gewerkschaftsbund\b", "dgb"),
    (r"\bhochschule\s+f(?:ü|ue)r\s+angewandte\s+wissenschaften\b", "hochschule"),
    (r"\((ihk|hwk)\)", ""),
    (r"\b(ihk|hwk)\s+zu\b", r"\1"),
]
_BRANCH = re.compile(
    r"[,\s]+(geschäftsstelle|regionalkammer|projektbüro|standort)\b.*$", re.IGNORECASE
)
# names that need a place: only institution words (the contract's generic names) or an
# organisation of regional units by itself
_GENERIC_WORDS = {
    "jobcenter", "arbeitsagentur", "bundesagentur", "für", "arbeit", "ihk", "hwk", "dgb",
    "kreishandwerkerschaft", "arbeitgeberverband", "mitte", "ig", "metall", "südwestmetall",
    "bundesverband", "mittelständische", "wirtschaft", "fachhochschule",
}  # fmt: skip


def _kreise() -> dict[str, str]:
    """Folded name of a Kreis or kreisfreie Stadt, as its administration is called -> AGS
    (the official list shipped with the package, read with the csv module)."""
    names = {}
    for row in _rows(ROOT / "fks_graph" / "registries" / "kreise.csv"):
        place = "".join(re.findall(r"\w+", row["name"].split(",")[0].casefold()))
        kreisfrei = row["type"] in ("Kreisfreie Stadt", "Stadtkreis")
        for office in (
            ("stadt", "landeshauptstadt")
            if kreisfrei
            else ("landkreis", "kreis", "kreisverwaltung", "landratsamt")
        ):
            names[office + place] = row["ags"]
    return names


_KREISE = _kreise()


def _key(name: str) -> tuple[str, bool]:
    """A folded name and whether it needs a place to say which actor it is; the offices of one
    Kreis (Landkreis X, Kreisverwaltung X, Landratsamt X) are that Kreis."""
    folded = "".join(re.findall(r"\w+", unicodedata.normalize("NFC", name).casefold()))
    if folded in _KREISE:
        return f"kreis:{_KREISE[folded]}", False
    text = unicodedata.normalize("NFC", name).casefold()
    text = _BRANCH.sub("", text)
    for pattern, replacement in _ABBREVIATIONS:
        text = re.sub(pattern, replacement, text)
    words = re.findall(r"\w+", text.replace("ver.di", "verdi"))
    generic = bool(words) and all(word in _GENERIC_WORDS for word in words)
    return "".join(words), generic


def expected_cross_actors(folder: Path) -> list[tuple[str, ...]]:
    """The network ids of every actor in two or more networks, from the CSV files."""
    networks: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for row in _rows(folder / "memberships.csv"):
        key, generic = _key(row["actor_name"])
        city = _key(row["actor_city"])[0] if row["actor_city"] else ""
        if city and not key.endswith(city) and generic:
            key += city
        identity = (key, row["network_id"]) if generic and not city else (key,)
        networks[identity].add(row["network_id"])
    return sorted(tuple(sorted(ids)) for ids in networks.values() if len(ids) >= 2)


def test_cross_network_actors_equal_the_independent_answer(real_graph) -> None:
    found = sorted(actor.network_ids for actor in cross_actors(real_graph))
    assert found == expected_cross_actors(REAL)
    assert len(found) >= 25


# the Kammern and Arbeitsagenturen of "Overlaps A" in network-facts.md, with their networks
OVERLAPS_A = {
    "IHK Chemnitz": {"SN-CHE", "SN-MS", "SN-LAND"},
    "IHK zu Leipzig": {"SN-NS", "SN-L", "SN-LL", "SN-LAND"},
    "IHK Dresden": {"SN-MEI", "SN-DD", "SN-SSO", "SN-LAND"},
    "Handwerkskammer Chemnitz": {"SN-CHE", "SN-MS"},
    "Handwerkskammer Dresden": {"SN-MEI", "SN-DD", "SN-SSO"},
    "Handwerkskammer Braunschweig-Lüneburg-Stade": {"NI-NON", "NI-SON", "NI-EW"},
    "IHK Lüneburg-Wolfsburg": {"NI-NON", "NI-SON"},
    "IHK Hannover": {"NI-SNS", "NI-HAN"},
    "Agentur für Arbeit Hildesheim": {"NI-SON", "NI-LW"},
    "IHK Aachen": {"NW-AC", "NW-SWITCH"},
    "Handwerkskammer Aachen": {"NW-AC", "NW-SWITCH"},
    "Handwerkskammer Dortmund": {"NW-WR", "NW-BO"},
    "Handwerkskammer Konstanz": {"BW-SBH", "BW-AB"},
    "Handwerkskammer für Schwaben": {"BY-DR", "BY-A3"},
    "IHK Schwaben": {"BY-DR", "BY-A3", "BY-MM"},
    "IHK Potsdam": {"BB-PO", "BB-WB"},
    "Handwerkskammer Potsdam": {"BB-PO", "BB-WB"},
    "Agentur für Arbeit Potsdam": {"BB-PO", "BB-WB"},
    "DGB Region Südwestsachsen": {"SN-CHE", "SN-MS"},
    "ver.di Bezirk Süd-Ost-Niedersachsen": {"NI-SON", "NI-SNS"},
    "Ostfalia Hochschule für angewandte Wissenschaften": {"NI-NON", "NI-SON"},
    "HAWK Hildesheim/Holzminden/Göttingen": {"NI-SNS", "NI-LW"},
    "Amt für regionale Landesentwicklung Braunschweig": {"NI-SON", "NI-SNS"},
}


@pytest.mark.parametrize("name", sorted(OVERLAPS_A))
def test_overlaps_a_are_one_actor_in_their_networks(real_graph, name: str) -> None:
    text = """SELECT ?actor ?name WHERE { ?actor a org:FormalOrganization ;
                                       skos:prefLabel|skos:altLabel ?spelling .
                                FILTER(LCASE(STR(?spelling)) = LCASE(STR(?name))) }"""
    by_name = {str(row[0]) for row in run_query(real_graph, text, {"name": name}).rows}
    actors = [a for a in cross_actors(real_graph) if a.actor in by_name]
    if not actors:  # the name as written in none of the rows: by its label
        actors = [a for a in cross_actors(real_graph) if _key(a.label) == _key(name)]
    assert [set(a.network_ids) for a in actors] == [OVERLAPS_A[name]]


def test_no_dgb_unit_is_merged_across_laender(real_graph) -> None:
    text = (
        """SELECT ?actor WHERE { ?actor org:unitOf/skos:prefLabel "Deutscher Gewerkschaftsbund" }"""
    )
    units = {str(row[0]) for row in run_query(real_graph, text).rows}
    assert len(units) >= 15
    for actor in cross_actors(real_graph, min_networks=1):
        if actor.actor in units:
            assert len(actor.states) == 1, actor


def test_every_library_query_example_answers_on_the_shipped_data(tmp_path: Path) -> None:
    graph = build_graph(read_dataset(REAL))
    analysed = build_graph(read_dataset(REAL))
    add_measurements(
        analysed, analyse(analysed, tmp_path)
    )  # what `fks-graph run data/… -o out` writes to out/graph.ttl
    for named in list_queries():
        words = shlex.split(named.example)
        assert words[2] in ("data/netzwerke-fachkraeftesicherung", "out/graph.ttl"), named.name
        params = parse_params(
            w for w, prev in zip(words[1:], words, strict=False) if prev == "--param"
        )
        on = graph if words[2].startswith("data/") else analysed
        assert len(run_query(on, named, params)) > 0, named.name


@pytest.mark.parametrize(
    ("query", "params", "expected"),
    [
        ("networks-of-programme", {"programme": "Entwicklungspartnerschaft"},
         {"NI-NON", "NW-OWL", "BE-VB", "NI-EA", "BB-PO"}),
        ("award-winners-by-year", {"year": "2014"},
         {"BY-SEN", "NW-SWITCH", "BB-WIL", "MV-CK", "NW-BN"}),
    ],
)  # fmt: skip
def test_library_answers_on_real_facts(
    real_graph, query: str, params: dict[str, str], expected: set[str]
) -> None:
    result = run_query(real_graph, query, params)
    assert {str(record["network_id"]) for record in result.records()} == expected


def test_networks_with_any_dgb_unit(real_graph) -> None:
    result = run_query(real_graph, "networks-with-unit-of", {"organisation": "DGB"})
    ids = {str(record["network_id"]) for record in result.records()}
    assert {"SN-CHE", "SN-MS", "NI-NON", "BY-IN", "BW-S", "NW-BO"} <= ids
    assert len(ids) >= 20
