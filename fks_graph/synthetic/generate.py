"""Generate a synthetic national ecosystem of networks as CSV files, deterministic from a seed."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fks_graph.core.atomic import atomic_folder, atomic_write, write_text
from fks_graph.synthetic.draw import cumulative
from fks_graph.synthetic.geography import Kreis, laender
from fks_graph.synthetic.networks import add_network
from fks_graph.synthetic.projects import add_awards
from fks_graph.synthetic.state import State
from fks_graph.synthetic.words import DESCRIPTION

__all__ = ["GENERATED", "MAX_NETWORKS", "GeneratedSummary", "generate_dataset"]

#: The hidden file that marks a folder as a generated dataset (and may be replaced whole).
GENERATED = ".fks-graph-generated"

_NETWORK_COLUMNS = (
    "id name region region_code region_type state founded legal_form website action_fields "
    "target_groups description source"
)
# How much more likely a Kreis is home to a network, by region type and for the city states.
_TYPE_WEIGHT = {"boom_city": 1.6, "strong_county": 1.2, "city_in_transition": 1.1}
_CITY_STATE_WEIGHT = {"DE-BE": 4.0, "DE-HH": 3.0, "DE-HB": 1.5}


@dataclass(frozen=True, slots=True)
class GeneratedSummary:
    """What :func:`generate_dataset` wrote: the folder and the counts of its tables."""

    path: Path
    networks: int
    actors: int
    memberships: int
    projects: int
    awards: int
    cross_network_actors: int


def _home_weight(kreis: Kreis) -> float:
    """How likely ``kreis`` is home to a network, relative to an average Landkreis."""
    weight = _TYPE_WEIGHT.get(kreis.region_type, 1.0)
    return weight * _CITY_STATE_WEIGHT.get(laender()[kreis.land].iso, 1.0)


def _run(networks: int, seed: int) -> State:
    """Draw the geography, the institutions, ``networks`` networks and the awards."""
    state = State(seed)
    homes = state.rng.choices(
        state.kreise, cum_weights=cumulative(_home_weight(k) for k in state.kreise), k=networks
    )
    for number, home in enumerate(homes, start=1):
        add_network(state, number, home)
    add_awards(state)
    return state


def _write_csv(folder: Path, name: str, header: list[str], rows: Iterable[list[str]]) -> None:
    """Write a CSV file atomically: a temporary file in the same folder, then a rename."""
    with atomic_write(folder / name) as out:
        stream = io.TextIOWrapper(out, encoding="utf-8", newline="")
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        stream.flush()
        stream.detach()  # leave the binary file to atomic_write, which renames it


#: Most networks generated: 50 times the real ecosystem (about 600); 20,000 take some
#: 4 GB and minutes to analyse (bench/README.md), more would outgrow ordinary machines.
MAX_NETWORKS = 50_000


def generate_dataset(
    out_dir: str | os.PathLike, *, networks: int = 600, seed: int = 1
) -> GeneratedSummary:
    """Generate a synthetic national ecosystem of networks as a folder of CSV files.

    The geography follows the real structure (16 Länder, about 400 Kreise in real proportion,
    79 IHKs, 53 Handwerkskammern, 156 Agenturen für Arbeit, a Jobcenter per Kreis, the 14 regional
    carriers of the Deutsche Rentenversicherung), but every place, organisation and person name
    is invented (the Länder and the Rentenversicherung carriers are real). Institutions are
    shared by the networks of their area and named by ``actor_id`` into ``actors.csv``; local
    actors (companies, schools, Volkshochschulen) by name, type and city. The same arguments
    give byte-identical files.

    Parameters
    ----------
    out_dir
        The dataset folder: created, or replaced whole once all files are written. An
        existing folder must be empty or an earlier generated dataset (it holds the hidden
        file :data:`GENERATED`, which readers skip); another folder is refused, so that
        nobody's files are overwritten.
    networks
        Number of networks (1 to :data:`MAX_NETWORKS`); about 33 memberships each.
    seed
        Seed of the random generator.

    Returns
    -------
    GeneratedSummary
        The folder and the counts: networks, distinct actors, membership rows, projects, awards
        and actors in two or more networks.

    Raises
    ------
    ValueError
        If ``networks`` is less than 1 or more than :data:`MAX_NETWORKS`.

    Examples
    --------
    >>> import shutil, tempfile
    >>> summary = generate_dataset(tempfile.mkdtemp(), networks=20, seed=3)
    >>> summary.networks, summary.memberships > 20 * 15
    (20, True)
    >>> sorted(p.name for p in summary.path.iterdir())  # doctest: +NORMALIZE_WHITESPACE
    ['.fks-graph-generated', 'actors.csv', 'awards.csv', 'dataset.csv', 'memberships.csv',
     'networks.csv', 'project_partners.csv', 'projects.csv']
    >>> (summary.path / "dataset.csv").read_text(encoding="utf-8").splitlines()[3]
    'synthetic,true'
    >>> shutil.rmtree(summary.path)
    """
    if not 1 <= networks <= MAX_NETWORKS:
        raise ValueError(f"networks must be between 1 and {MAX_NETWORKS:,}, not {networks:,}")
    folder = Path(out_dir)
    gen = _run(networks, seed)
    used = [actor for actor in gen.registry.actors.values() if actor.id in gen.registry.uses]
    parameters = f"networks={networks} seed={seed}"
    dataset = [
        ["title", f"Synthetisches nationales Ökosystem ({networks} Netzwerke, Seed {seed})"],
        ["description", DESCRIPTION],
        ["synthetic", "true"],
        ["generator", "fks-graph generate"],
        ["parameters", parameters],
        ["license", "CC0-1.0"],
    ]
    tables = (
        ("networks.csv", _NETWORK_COLUMNS, gen.networks),
        (
            "actors.csv",
            "id name type city state website same_as",
            ([a.id, a.name, a.type, a.city, a.states, a.website, ""] for a in used),
        ),
        (
            "memberships.csv",
            "network_id actor_id actor_name actor_type actor_city role since until",
            gen.memberships,
        ),
        (
            "projects.csv",
            "id name network_id start end action_fields target_groups description",
            gen.projects,
        ),
        (
            "project_partners.csv",
            "project_id actor_id actor_name actor_type actor_city role",
            gen.partners,
        ),
        ("awards.csv", "network_id award year event source", gen.awards),
        ("dataset.csv", "key value", dataset),
    )
    with atomic_folder(folder, marker=GENERATED) as new:
        for name, header, rows in tables:
            _write_csv(new, name, header.split(), rows)
        write_text(new / GENERATED, f"fks-graph generate {parameters}\n")
    return GeneratedSummary(
        path=folder,
        networks=networks,
        actors=len(used) + len(gen.locals.actors),
        memberships=len(gen.memberships),
        projects=len(gen.projects),
        awards=len(gen.awards),
        cross_network_actors=gen.cross_network(),
    )
