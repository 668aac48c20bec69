"""Linking actors to the official registries: by name, within their Länder, never guessed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from fks_graph.core.errors import InputError
from fks_graph.input.read import read_dataset
from fks_graph.input.registry import (
    REVIEW_COLUMNS,
    Entry,
    candidates,
    entries_for,
    needs_entry,
    registry_review,
    review_csv,
)

from .conftest import invoke, write_dataset

NETWORKS = (
    "id,name,state\nN1,Allianz Sachsen,DE-SN\nN2,Allianz Bayern,DE-BY\nN3,Allianz Leipzig,DE-SN\n"
)


def _read(tmp_path: Path, memberships: str, **tables: str):
    return read_dataset(
        write_dataset(tmp_path, networks=NETWORKS, memberships=memberships, **tables)
    )


@pytest.mark.parametrize(
    ("name", "registry", "code"),
    [
        ("HWK Dresden", "handwerkskammer", "00002"),
        ("Handwerkskammer zu Leipzig", "handwerkskammer", "00003"),
        ("Industrie- und Handelskammer Chemnitz", "ihk", "123"),
        ("IHK zu Leipzig", "ihk", "159"),
        ("IHK Zwickau", "ihk", "123"),  # merged into Chemnitz: the old name still resolves
        ("Jobcenter Mittelsachsen", "jobcenter", "08002"),
        ("Landkreis Mittelsachsen", "kreis", "14522"),
        ("Landratsamt Mittelsachsen", "kreis", "14522"),
        ("Stadt Chemnitz", "kreis", "14511"),
    ],
)
def test_names_find_their_entry(name: str, registry: str, code: str) -> None:
    (entry,) = entries_for(name, ["DE-SN"])
    assert (entry.registry, entry.code) == (registry, code)


@pytest.mark.parametrize(
    ("name", "states"),
    [
        ("HWK Dresden", ["DE-BY"]),  # another Land's chamber: never
        ("Jobcenter", ["DE-SN"]),  # no place
        ("Stadt Göttingen", ["DE-NI"]),  # not a kreisfreie Stadt
        ("Landkreis Nordsachsen, Amt für Wirtschaftsförderung", ["DE-SN"]),  # an office of it
        ("Deutscher Gewerkschaftsbund", ["DE-SN"]),
    ],
)
def test_names_without_an_entry(name: str, states: list[str]) -> None:
    assert entries_for(name, states) == ()


def test_an_ambiguous_name_has_several_entries() -> None:
    # the city of Leipzig and the Landkreis Leipzig each have a Jobcenter called "Leipzig"
    assert len(entries_for("Jobcenter Leipzig", ["DE-SN"])) == 2


def test_actors_of_one_entry_are_one_actor(tmp_path: Path) -> None:
    data = _read(
        tmp_path,
        "network_id,actor_name,actor_type\n"
        "N1,Landratsamt Mittelsachsen,Kommune\nN3,Landkreis Mittelsachsen,Kommune\n"
        "N1,HWK Dresden,HWK\nN3,Handwerkskammer Dresden,HWK\n",
    )
    assert len(data.actors) == 2
    assert {(a.registry.registry, a.registry.code) for a in data.actors} == {
        ("kreis", "14522"),
        ("handwerkskammer", "00002"),
    }
    assert len({m.actor_key for m in data.memberships}) == 2


def test_a_registry_actor_and_a_name_of_one_entry_are_one_actor(tmp_path: Path) -> None:
    data = _read(
        tmp_path,
        "network_id,actor_id,actor_name\nN1,H1,\nN3,,Handwerkskammer Dresden\n",
        actors="id,name,type,state\nH1,HWK Dresden,HWK,DE-SN\n",
    )
    (actor,) = data.actors
    assert actor.key == "id:H1"
    assert actor.registry == Entry("handwerkskammer", "00002", "Handwerkskammer Dresden", "DE-SN")


def test_a_chamber_in_another_lands_network_gets_no_code(tmp_path: Path) -> None:
    data = _read(tmp_path, "network_id,actor_name,actor_type\nN2,HWK Dresden,HWK\n")
    (actor,) = data.actors
    assert actor.registry is None
    (unlinked,) = registry_review(data)
    assert unlinked.actor is actor
    assert all(c.entry.state in (None, "DE-BY") for c in unlinked.candidates)


def test_review_lists_unlinked_actors_with_candidates(tmp_path: Path) -> None:
    data = _read(
        tmp_path,
        "network_id,actor_name,actor_type\n"
        "N1,Handwerskammer Dresden,HWK\nN1,Jobcenter Leipzig,Jobcenter\n"
        "N1,IHK Chemnitz,IHK\nN1,Volkshochschule Leipzig,Bildungsträger\n",
    )
    review = {u.actor.name: u for u in registry_review(data)}
    assert set(review) == {"Handwerskammer Dresden", "Jobcenter Leipzig"}  # IHK linked, VHS none
    assert review["Handwerskammer Dresden"].candidates[0].entry.code == "00002"
    assert {c.entry.code for c in review["Jobcenter Leipzig"].candidates[:2]} == {"07502", "07610"}
    rows = list(csv.DictReader(io.StringIO(review_csv(review.values()))))
    assert tuple(rows[0]) == REVIEW_COLUMNS


def test_review_cells_are_safe_for_spreadsheets(tmp_path: Path) -> None:
    data = _read(tmp_path, 'network_id,actor_name,actor_type\nN1,"=HYPERLINK(1)",IHK\n')
    assert "\n'=HYPERLINK(1)," in review_csv(registry_review(data))


@pytest.mark.parametrize(
    ("actor_type", "name", "expected"),
    [
        ("chamber_of_crafts", "Handwerkskammer", True),
        ("municipality", "Landkreis Görlitz", True),
        ("municipality", "Gemeinde Weinböhla", False),
        ("union", "DGB", False),
    ],
)
def test_which_actors_need_an_entry(actor_type: str, name: str, expected: bool) -> None:
    assert needs_entry(actor_type, name) is expected


def test_candidates_are_scored_best_first() -> None:
    found = candidates("Handwerkskammer Mannheim", registry="handwerkskammer")
    assert found[0].score == 100
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_cli_registry_review(tmp_path: Path) -> None:
    folder = write_dataset(
        tmp_path,
        networks=NETWORKS,
        memberships="network_id,actor_name,actor_type\nN1,Handwerskammer Dresden,HWK\n",
    )
    code, out, _ = invoke("resolve", folder, "--registry", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == ",".join(REVIEW_COLUMNS)
    assert "Handwerkskammer Dresden" in out


def test_two_registry_actors_of_one_entry_are_a_warning(tmp_path: Path) -> None:
    data = _read(
        tmp_path,
        "network_id,actor_id\nN1,H1\nN3,H2\n",
        actors="id,name,type\nH1,HWK Dresden,HWK\nH2,Handwerkskammer Dresden,HWK\n",
    )
    assert len(data.actors) == 2  # two ids stay two actors
    (warning,) = data.warnings
    assert (warning.file, warning.row, warning.column) == ("actors.csv", 3, "name")
    assert "of actor 'H1': one actor under two ids?" in warning.message


NI = "id,name,state\nN1,Bündnis Nordwest,DE-NI\nN2,Allianz Oldenburg,DE-NI\n"


def test_the_review_list_saved_as_aliases_confirms_an_entry(tmp_path: Path) -> None:
    memberships = (
        "network_id,actor_name,actor_type\nN1,Oldenburgische IHK,IHK\nN2,IHK Oldenburg,IHK\n"
    )
    folder = write_dataset(tmp_path / "d", networks=NI, memberships=memberships)
    before = read_dataset(folder)
    assert len(before.actors) == 2
    (unlinked,) = registry_review(before)  # "Oldenburgische IHK": no entry has that name
    assert unlinked.candidates[0].entry.code == "161"
    # a person keeps the right row of the review list and saves it as aliases.csv
    (folder / "aliases.csv").write_text(review_csv([unlinked]).splitlines()[0] + "\n"
                                        + review_csv([unlinked]).splitlines()[1] + "\n",
                                        encoding="utf-8")  # fmt: skip
    after = read_dataset(folder)
    (actor,) = after.actors  # both names are the IHK Oldenburg now
    assert (actor.registry.registry, actor.registry.code) == ("ihk", "161")
    assert registry_review(after) == []


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("Oldenburgische IHK,ihk,999", "code", r"'999' is no code of the registry 'ihk'"),
        ("Oldenburgische IHK,,161", "registry", r"missing registry: give both registry and code"),
        ("Oldenburgische IHK,kammer,161", "registry", r"'kammer' is no registry \(registries: "),
        ("Oldenburgische IHK, IHK ,999", "code", r"'999' is no code of the registry 'IHK'"),
    ],
)
def test_a_bad_confirmed_entry_is_an_error(
    tmp_path: Path, row: str, column: str, message: str
) -> None:
    folder = write_dataset(
        tmp_path,
        networks=NI,
        memberships="network_id,actor_name\nN1,Oldenburgische IHK\n",
        aliases=f"name,registry,code\n{row}\n",
    )
    with pytest.raises(InputError, match=message) as info:
        read_dataset(folder)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.column) == ("aliases.csv", 2, column)
