"""The synthetic dataset generator: determinism, counts, integrity and the traps it sets."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from fks_graph.core.errors import UsageError
from fks_graph.core.resources import ontology_path
from fks_graph.input.names import normal_name
from fks_graph.input.read import read_dataset
from fks_graph.synthetic.codes import Codes
from fks_graph.synthetic.generate import GENERATED, GeneratedSummary, generate_dataset

from .conftest import invoke

FILES = (
    "actors.csv", "awards.csv", "dataset.csv", "memberships.csv", "networks.csv",
    "project_partners.csv", "projects.csv",
)  # fmt: skip
SIZES = (1, 60, 600, 2000)
LARGE = (600, 2000)
LOCAL_TYPES = {"company", "school", "education_provider"}
FKS = "https://w3id.org/fks-graph/ontology#"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@dataclass
class Generated:
    summary: GeneratedSummary
    tables: dict[str, list[dict[str, str]]]

    def __getitem__(self, table: str) -> list[dict[str, str]]:
        return self.tables[table]


@pytest.fixture(scope="module")
def make(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Generated]:
    made: dict[int, Generated] = {}

    def _make(size: int) -> Generated:
        if size not in made:
            folder = tmp_path_factory.mktemp(f"gen{size}")
            summary = generate_dataset(folder, networks=size, seed=1)
            tables = {name[:-4]: read(folder / name) for name in FILES}
            made[size] = Generated(summary, tables)
        return made[size]

    return _make


@pytest.fixture(scope="module", params=SIZES, ids=lambda n: f"{n}nets")
def data(request: pytest.FixtureRequest, make: Callable[[int], Generated]) -> Generated:
    return make(request.param)


@pytest.fixture(scope="module", params=LARGE, ids=lambda n: f"{n}nets")
def large(request: pytest.FixtureRequest, make: Callable[[int], Generated]) -> Generated:
    return make(request.param)


@dataclass
class Scheme:
    notations: set[str]
    labels: dict[str, str]  # label or notation -> notation
    ags: dict[str, str]  # notation -> AGS prefix (Länder only)


@pytest.fixture(scope="module")
def schemes() -> dict[str, Scheme]:
    graph = Graph().parse(ontology_path(), format="turtle")
    result: dict[str, Scheme] = {}
    for name in ("ActorTypes", "Roles", "ActionFields", "TargetGroups", "RegionTypes", "Laender"):
        scheme = Scheme(set(), {}, {})
        for concept in graph.subjects(SKOS.inScheme, URIRef(FKS + name)):
            code = str(graph.value(concept, SKOS.notation))
            scheme.notations.add(code)
            scheme.labels[code] = code
            for predicate in (SKOS.prefLabel, SKOS.altLabel):
                for label in graph.objects(concept, predicate):
                    scheme.labels.setdefault(str(label), code)
            ags = graph.value(concept, URIRef(FKS + "agsCode"))
            if ags is not None:
                scheme.ags[code] = str(ags)
        result[name] = scheme
    return result


def registry_by_name(data: Generated) -> dict[tuple[str, str], str]:
    return {(a["name"].casefold(), a["city"]): a["id"] for a in data["actors"]}


def identity(row: dict[str, str], registry: dict[tuple[str, str], str]) -> str:
    """Who a membership or partner row denotes: a registry id or a local name@city key."""
    if row["actor_id"]:
        return row["actor_id"]
    key = (row["actor_name"].casefold(), row["actor_city"])
    return registry.get(key) or f"{key[0]}@{key[1]}"


def networks_of(data: Generated) -> dict[str, set[str]]:
    registry = registry_by_name(data)
    result: dict[str, set[str]] = defaultdict(set)
    for row in data["memberships"]:
        result[identity(row, registry)].add(row["network_id"])
    return result


# --------------------------------------------------------------------------- files


def test_same_arguments_give_identical_bytes(tmp_path: Path) -> None:
    first = generate_dataset(tmp_path / "a", networks=300, seed=7)
    second = generate_dataset(tmp_path / "b", networks=300, seed=7)
    other = generate_dataset(tmp_path / "c", networks=300, seed=8)
    assert first.memberships == second.memberships
    for name in FILES:
        assert (first.path / name).read_bytes() == (second.path / name).read_bytes(), name
    assert (first.path / "memberships.csv").read_bytes() != (
        other.path / "memberships.csv"
    ).read_bytes()


@pytest.mark.parametrize("networks", [0, -3, 50_001, 2**64])
def test_refuses_fewer_than_one_network_or_more_than_the_limit(
    tmp_path: Path, networks: int
) -> None:
    with pytest.raises(ValueError, match="networks must be between 1 and 50,000"):
        generate_dataset(tmp_path / "out", networks=networks)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("networks", ["0", "50001", str(2**64)])
def test_the_command_refuses_them_in_one_line(tmp_path: Path, networks: str) -> None:
    code, _, err = invoke("generate", "--networks", networks, tmp_path / "out")
    assert code == 2
    assert err == f"error: --networks: between 1 and 50,000, not {int(networks):,}\n"


def test_creates_the_folder_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "er"
    summary = generate_dataset(str(out), networks=5, seed=2)
    assert summary.path == out
    assert sorted(p.name for p in out.iterdir()) == [GENERATED, *FILES]


def test_overwrites_an_earlier_dataset(tmp_path: Path) -> None:
    generate_dataset(tmp_path / "x", networks=40, seed=1)
    generate_dataset(tmp_path / "x", networks=10, seed=2)
    generate_dataset(tmp_path / "y", networks=10, seed=2)
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == [GENERATED, *FILES]
    for name in FILES:
        assert (tmp_path / "x" / name).read_bytes() == (tmp_path / "y" / name).read_bytes()


@pytest.mark.parametrize("name", ["notes.txt", "networks.csv", "dataset.csv"])
def test_a_folder_of_other_files_is_never_written_into(tmp_path: Path, name: str) -> None:
    # a real dataset folder (its networks.csv, its dataset.csv) or anyone's files
    (tmp_path / name).write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="holds files that fks-graph did not write"):
        generate_dataset(tmp_path, networks=3)
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert (tmp_path / name).read_text(encoding="utf-8") == "mine"


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: Path, target: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        generate_dataset(tmp_path, networks=3)
    assert list(tmp_path.iterdir()) == []


def test_files_are_utf8_with_the_canonical_headers(tmp_path: Path) -> None:
    generate_dataset(tmp_path, networks=3)
    headers = {
        name: (tmp_path / name).read_text(encoding="utf-8").split("\n", 1)[0] for name in FILES
    }
    assert headers["networks.csv"] == (
        "id,name,region,region_code,region_type,state,founded,legal_form,website,action_fields,"
        "target_groups,description,source"
    )
    assert headers["memberships.csv"] == (
        "network_id,actor_id,actor_name,actor_type,actor_city,role,since,until"
    )
    assert headers["actors.csv"] == "id,name,type,city,state,website,same_as"
    assert headers["projects.csv"] == (
        "id,name,network_id,start,end,action_fields,target_groups,description"
    )
    assert headers["project_partners.csv"] == (
        "project_id,actor_id,actor_name,actor_type,actor_city,role"
    )
    assert headers["awards.csv"] == "network_id,award,year,event,source"
    assert headers["dataset.csv"] == "key,value"


# --------------------------------------------------------------------------- counts


def test_summary_matches_the_files(data: Generated) -> None:
    summary = data.summary
    assert summary.networks == len(data["networks"])
    assert summary.memberships == len(data["memberships"])
    assert summary.projects == len(data["projects"])
    assert summary.awards == len(data["awards"])
    members = networks_of(data)
    assert summary.actors == len(members)
    assert summary.cross_network_actors == sum(1 for ns in members.values() if len(ns) >= 2)


def test_about_33_memberships_per_network(large: Generated) -> None:
    networks = large.summary.networks
    assert abs(large.summary.memberships / networks - 33) <= 33 * 0.15
    assert 1.0 <= large.summary.projects / networks <= 3.0


def test_every_network_has_five_members_and_one_coordinator(data: Generated) -> None:
    members = Counter(row["network_id"] for row in data["memberships"])
    coordinators = Counter(
        row["network_id"] for row in data["memberships"] if row["role"] == "coordinator"
    )
    for network in data["networks"]:
        assert members[network["id"]] >= 5, network["id"]
        assert coordinators[network["id"]] == 1, network["id"]


def test_institutions_are_cross_network_actors(
    large: Generated, schemes: dict[str, Scheme]
) -> None:
    assert large.summary.cross_network_actors > 0
    registry = registry_by_name(large)
    types = {actor["id"]: actor["type"] for actor in large["actors"]}
    labels = schemes["ActorTypes"].labels
    for row in large["memberships"]:
        if (who := identity(row, registry)) not in types:
            types[who] = labels[row["actor_type"]]
    spread = [(types[who], len(networks)) for who, networks in networks_of(large).items()]
    brokers = Counter(type_ for type_, count in spread if count >= 2)
    for type_ in ("chamber_of_commerce", "employment_agency", "jobcenter", "chamber_of_crafts"):
        assert brokers[type_] > 0, type_
    # local actors mostly in one network; a few companies in two or three, never more
    companies = [count for type_, count in spread if type_ == "company"]
    assert 2 in companies
    assert max(companies) <= 3
    assert sum(1 for count in companies if count >= 2) < 0.2 * len(companies)


# --------------------------------------------------------------------------- integrity


def test_referential_integrity(data: Generated) -> None:
    network_ids = [n["id"] for n in data["networks"]]
    actor_ids = [a["id"] for a in data["actors"]]
    project_ids = [p["id"] for p in data["projects"]]
    for ids in (network_ids, actor_ids, project_ids):
        assert len(set(ids)) == len(ids)
    assert set(network_ids) == {f"N{i:04d}" for i in range(1, len(network_ids) + 1)}
    network_ids, actor_ids, project_ids = set(network_ids), set(actor_ids), set(project_ids)
    for row in data["memberships"]:
        assert row["network_id"] in network_ids
        assert row["actor_id"] in actor_ids or (
            not row["actor_id"] and row["actor_name"] and row["actor_city"] and row["actor_type"]
        )
    for row in data["projects"]:
        assert row["network_id"] in network_ids
    for row in data["project_partners"]:
        assert row["project_id"] in project_ids
        assert row["actor_id"] in actor_ids or (
            not row["actor_id"] and row["actor_name"] and row["actor_city"]
        )
    for row in data["awards"]:
        assert row["network_id"] in network_ids
    used = {row["actor_id"] for row in data["memberships"] if row["actor_id"]}
    assert used <= actor_ids
    assert all(actor["same_as"] == "" for actor in data["actors"])


def test_no_actor_twice_in_a_network_and_partners_are_members(data: Generated) -> None:
    registry = registry_by_name(data)
    pairs = [(row["network_id"], identity(row, registry)) for row in data["memberships"]]
    assert len(set(pairs)) == len(pairs)
    network_of = {p["id"]: p["network_id"] for p in data["projects"]}
    members = set(pairs)
    for row in data["project_partners"]:
        assert (network_of[row["project_id"]], identity(row, registry)) in members


def test_named_institutions_resolve_to_exactly_one_registry_actor(
    data: Generated, schemes: dict[str, Scheme]
) -> None:
    names = Counter(actor["name"].casefold() for actor in data["actors"])
    assert not names or max(names.values()) == 1
    registry = registry_by_name(data)
    labels = schemes["ActorTypes"].labels
    for table in ("memberships", "project_partners"):
        for row in data[table]:
            if not row["actor_id"] and labels[row["actor_type"]] not in LOCAL_TYPES:
                assert (row["actor_name"].casefold(), row["actor_city"]) in registry, row
            elif not row["actor_id"]:  # a local actor never shares name and city with one
                assert (row["actor_name"].casefold(), row["actor_city"]) not in registry, row


def test_local_actors_are_spelled_the_same_everywhere(
    data: Generated, schemes: dict[str, Scheme]
) -> None:
    registry = registry_by_name(data)
    types = schemes["ActorTypes"].labels
    spellings: dict[tuple[str, str], set[str]] = defaultdict(set)
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in data["memberships"]:
        if not row["actor_id"]:
            key = (row["actor_name"].casefold(), row["actor_city"])
            spellings[key].add(row["actor_name"])
            kinds[key].add(types[row["actor_type"]])
            if key not in registry:
                assert types[row["actor_type"]] in LOCAL_TYPES
    assert all(len(names) == 1 for names in spellings.values())
    assert all(len(codes) == 1 for codes in kinds.values())


def test_the_reader_keeps_every_generated_actor_apart(data: Generated) -> None:
    """Name resolution merges no two generated actors (numbered siblings, look-alike firms,
    an IHK X and an Industrie- und Handelskammer X of two Kreise) and splits none."""
    dataset = read_dataset(data.summary.path)
    assert len(dataset.actors) == data.summary.actors
    assert len(dataset.memberships) == data.summary.memberships
    found: dict[str, set[str]] = defaultdict(set)
    for membership in dataset.memberships:
        found[membership.actor_key].add(membership.network_id)
    expected = networks_of(data)
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, expected.values()))
    assert sum(len(n) >= 2 for n in found.values()) == data.summary.cross_network_actors


def test_institutions_have_distinct_normal_names(data: Generated) -> None:
    names = Counter(normal_name(actor["name"]) for actor in data["actors"])
    assert not names or max(names.values()) == 1


def test_volkshochschulen_in_different_cities_and_numbered_berufsschulen(
    large: Generated,
) -> None:
    vhs_cities = {
        row["actor_city"] for row in large["memberships"] if row["actor_name"] == "Volkshochschule"
    }
    assert len(vhs_cities) >= 2
    schools = {row["actor_name"] for row in large["memberships"]}
    numbered = [
        match[1]
        for name in schools
        if (match := re.fullmatch(r"Berufsschule (.+) 1", name))
        and f"Berufsschule {match[1]} 2" in schools
    ]
    assert numbered


def test_hostile_but_legitimate_names(large: Generated) -> None:
    names = [row["actor_name"] for row in large["memberships"]]
    names += [row["name"] for row in large["networks"]]
    for char in ('"', ",", ";", "&", "„", "ä", "ö", "ü", "ß"):
        assert any(char in name for name in names), char
    assert not any("<" in name or ">" in name for name in names)


# --------------------------------------------------------------------------- values


def test_emitted_codes_are_ontology_notations(data: Generated, schemes: dict[str, Scheme]) -> None:
    codes = Codes.from_vocabulary()
    for scheme, emitted in (
        ("ActorTypes", {actor["type"] for actor in data["actors"]} | LOCAL_TYPES),
        ("Roles", {row["role"] for row in data["memberships"]}),
        ("ActionFields", codes.action_fields),
        ("TargetGroups", codes.target_groups),
        ("RegionTypes", {row["region_type"] for row in data["networks"]}),
    ):
        assert set(emitted) <= schemes[scheme].notations, scheme
    for scheme, labels in (
        ("ActorTypes", codes.type_labels),
        ("ActionFields", codes.field_labels),
        ("TargetGroups", codes.group_labels),
    ):
        for code, label in labels.items():
            assert schemes[scheme].labels[label] == code, label
    types, roles = schemes["ActorTypes"], schemes["Roles"]
    for table in ("memberships", "project_partners"):
        for row in data[table]:
            assert row["role"] in roles.notations
            assert not row["actor_type"] or row["actor_type"] in types.labels
    for actor in data["actors"]:
        assert actor["type"] in types.notations
    for table in ("networks", "projects"):
        for row in data[table]:
            for column, scheme in (
                ("action_fields", "ActionFields"),
                ("target_groups", "TargetGroups"),
            ):
                values = [value for value in row[column].split("|") if value]
                assert values or (table, column) == ("projects", "target_groups")
                assert all(value in schemes[scheme].labels for value in values), row[column]
    for row in data["networks"]:
        assert row["region_type"] in schemes["RegionTypes"].notations


def test_kreisschluessel_prefix_matches_the_state(
    data: Generated, schemes: dict[str, Scheme]
) -> None:
    laender = schemes["Laender"]
    for network in data["networks"]:
        states = [laender.labels[value] for value in network["state"].split("|")]
        assert re.fullmatch(r"\d{5}", network["region_code"])
        assert laender.ags[states[0]] == network["region_code"][:2], network["id"]
    for actor in data["actors"]:
        assert all(value in laender.notations for value in actor["state"].split("|"))


def test_dates_are_in_order(data: Generated) -> None:
    founded = {n["id"]: int(n["founded"]) for n in data["networks"]}
    assert all(2008 <= year <= 2016 for year in founded.values())
    assert {n["legal_form"] for n in data["networks"]} <= {"agreement", "e. V.", "GmbH"}
    date = re.compile(r"\d{4}(-\d{2}-\d{2})?")
    for row in data["memberships"]:
        if row["since"]:
            assert date.fullmatch(row["since"])
            assert int(row["since"][:4]) >= founded[row["network_id"]]
        if row["until"]:
            assert date.fullmatch(row["until"])
            assert int(row["until"][:4]) >= int((row["since"] or "0")[:4])
            assert int(row["until"][:4]) >= founded[row["network_id"]]
    for project in data["projects"]:
        assert date.fullmatch(project["start"])
        assert int(project["start"][:4]) >= founded[project["network_id"]]
        if project["end"]:
            assert int(project["end"][:4]) >= int(project["start"][:4])


def test_awards_follow_the_innovationstage(data: Generated) -> None:
    founded = {n["id"]: int(n["founded"]) for n in data["networks"]}
    numbers = {2012: 1, 2014: 3, 2019: 8, 2021: 9, 2022: 10}
    per_year = Counter(int(award["year"]) for award in data["awards"])
    for award in data["awards"]:
        year = int(award["year"])
        assert 2012 <= year <= 2022
        assert award["award"] == "Innovative Netzwerke"
        assert re.fullmatch(r"\d+\. Innovationstag", award["event"])
        if year in numbers:
            assert award["event"] == f"{numbers[year]}. Innovationstag"
        assert founded[award["network_id"]] < year
        assert urlsplit(award["source"]).hostname.endswith("example.org")
    assert all(count <= 8 for count in per_year.values())
    if data.summary.networks >= 600:
        assert 40 <= len(data["awards"]) <= 60


def test_web_addresses_are_placeholders(data: Generated) -> None:
    addresses = [n["website"] for n in data["networks"]] + [n["source"] for n in data["networks"]]
    addresses += [a["website"] for a in data["actors"]]
    for address in filter(None, addresses):
        host = urlsplit(address if "://" in address else f"https://{address}").hostname
        assert host.endswith((".example.org", ".invalid")) or host == "example.org", address


def test_dataset_says_synthetic(data: Generated) -> None:
    meta = {row["key"]: row["value"] for row in data["dataset"]}
    size = data.summary.networks
    assert meta["synthetic"] == "true"
    assert meta["parameters"] == f"networks={size} seed=1"
    assert meta["title"] == f"Synthetisches nationales Ökosystem ({size} Netzwerke, Seed 1)"
    assert meta["generator"] == "fks-graph generate"
    assert meta["license"] == "CC0-1.0"
    assert meta["description"]


def test_some_networks_span_several_kreise_and_laender(make: Callable[[int], Generated]) -> None:
    networks = make(2000)["networks"]
    assert any(" / " in n["region"] or n["region"].startswith("Region ") for n in networks)
    assert any("|" in n["state"] for n in networks)
    assert any(not n["state"].startswith("DE-") for n in networks)  # a Land's German name
    assert len({n["region_code"] for n in networks}) > 300
