"""Cross-network actors: the actors that are members of several networks, the brokers."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fks_graph.core.cells import neutralise_records
from fks_graph.core.dates import DateError, parse_day
from fks_graph.core.errors import UsageError
from fks_graph.sparql.library import load_query
from fks_graph.sparql.run import run_query
from fks_graph.terms.vocab import vocabulary

if TYPE_CHECKING:  # the command reads a graph and runs one query: no networkx, scipy, numpy
    import networkx as nx
    from rdflib import Graph

__all__ = [
    "CSV_COLUMNS",
    "CrossActor",
    "cross_actor_params",
    "cross_actors",
    "cross_actors_in",
    "to_csv",
]

#: Columns of a cross-actor table (``fks-graph cross-actors --format csv``), in this order.
CSV_COLUMNS = (
    "actor",
    "label",
    "type",
    "network_count",
    "network_ids",
    "city",
    "states",
    "network_names",
)


@dataclass(frozen=True, slots=True)
class CrossActor:
    """An actor in ``network_count`` networks.

    ``network_ids`` are the networks' input ids (``dct:identifier``), sorted;
    ``network_names[i]`` is the name of ``network_ids[i]``; ``states`` are the ISO codes of
    the Länder of those networks, sorted; ``type`` is the actor type code.
    """

    actor: str
    label: str
    type: str
    network_count: int
    network_ids: tuple[str, ...]
    city: str | None = None
    states: tuple[str, ...] = ()
    network_names: tuple[str, ...] = ()

    def as_row(self) -> dict[str, str]:
        """The actor as a CSV row: :data:`CSV_COLUMNS`, several values joined with ``|``.

        Examples
        --------
        >>> CrossActor("https://example.org/actor/A", "IHK", "chamber_of_commerce", 2,
        ...            ("N1", "N2"), "Aachen", ("DE-NW",), ("Eins", "Zwei")).as_row()["network_ids"]
        'N1|N2'
        """
        return {
            "actor": self.actor,
            "label": self.label,
            "type": self.type,
            "network_count": str(self.network_count),
            "network_ids": "|".join(self.network_ids),
            "city": self.city or "",
            "states": "|".join(self.states),
            "network_names": "|".join(self.network_names),
        }

    def as_dict(self) -> dict[str, object]:
        """The actor as a JSON-ready mapping (lists for several values)."""
        return {
            "actor": self.actor,
            "label": self.label,
            "type": self.type,
            "network_count": self.network_count,
            "network_ids": list(self.network_ids),
            "city": self.city,
            "states": list(self.states),
            "network_names": list(self.network_names),
        }


def _actor_type(text: str) -> str:
    concept = vocabulary().actor_types.lookup(text)
    if concept is None:
        codes = ", ".join(vocabulary().actor_types.codes)
        raise UsageError(f"unknown actor type '{text}' (expected a code or label: {codes})")
    return concept.code


def _day(value: str | datetime.date) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return parse_day(value).isoformat()
    except DateError as exc:
        raise UsageError(str(exc)) from None


def _split(text: object) -> list[str]:
    return [part for part in str(text or "").split("|") if part]


def cross_actor_params(
    *,
    min_networks: int = 2,
    actor_type: str | None = None,
    state: str | None = None,
    at: str | datetime.date | None = None,
    certain_only: bool = False,
) -> dict[str, str]:
    """The parameters of the ``cross-network-actors`` query for :func:`cross_actors`, checked.

    Resolves an actor type label to its code and a Land name to its ISO code, so that a
    command can check its options before it reads a graph.

    Raises
    ------
    UsageError
        An unknown actor type or Land, a malformed date, ``min_networks`` below 1, or a
        type or Land that is no text (a list of Länder: one call per Land).

    Examples
    --------
    >>> cross_actor_params(min_networks=3, actor_type="Gewerkschaft", state="Bayern")
    {'min_networks': '3', 'actor_type': 'union', 'state': 'DE-BY'}
    >>> cross_actor_params(at="2014-13-01")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: '2014-13-01' is not a date (expected YYYY-MM-DD such as 2014-05-22, or DD.MM.YYYY)
    """
    if isinstance(min_networks, bool) or not isinstance(min_networks, int) or min_networks < 1:
        raise UsageError(f"min_networks must be a whole number of at least 1, not {min_networks!r}")
    params = {"min_networks": str(min_networks)}
    for name, value in (("actor_type", actor_type), ("state", state)):
        if value is not None and not isinstance(value, str):
            raise UsageError(f"{name} must be one value given as text, not {value!r}")
    if actor_type is not None:
        params["actor_type"] = _actor_type(actor_type)
    if state is not None:
        params["state"] = vocabulary().land_code(state)
    if at is not None:
        params["at"] = _day(at)
    if certain_only:
        params["certain_only"] = "true"
    return params


def cross_actors(
    graph: Graph,
    *,
    min_networks: int = 2,
    actor_type: str | None = None,
    state: str | None = None,
    at: str | datetime.date | None = None,
    certain_only: bool = False,
) -> list[CrossActor]:
    """The actors that are members of at least ``min_networks`` networks.

    Answered by the library query ``cross-network-actors`` (see
    :func:`fks_graph.sparql.library.list_queries`): memberships are counted as distinct networks per
    actor.

    Parameters
    ----------
    graph
        A built graph (:func:`fks_graph.build_graph`, :func:`fks_graph.source.open_graph`).
    min_networks
        Minimum number of networks (at least 1).
    actor_type
        Only actors of this type: a code (``jobcenter``) or label (``Agentur für Arbeit``).
    state
        Only networks located in this Land count: an ISO code (``DE-NW``) or a name
        (``Bayern``).
    at
        Only memberships active on this day (``YYYY-MM-DD`` or ``DD.MM.YYYY``) count: the membership began on
        or before it and ended on or after it; a year as begin counts from 1 January, a year
        as end until 31 December; a missing begin or end is open. The day a source states a
        membership (``as_of``) is not its begin: a membership known only from a page of
        2015 counts at any day, as one without dates does.
    certain_only
        Leave out memberships the sources do not firmly attest (marked ``uncertain``).

    Returns
    -------
    list of CrossActor
        By number of networks (most first), then label, then IRI.

    Raises
    ------
    UsageError
        An unknown actor type or Land, a malformed date, or ``min_networks`` below 1.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fks_graph.source import open_graph
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "networks.csv").write_text("id,name,state\\nN1,Nord,NRW\\nN2,Süd,BY\\n", "utf-8")
    >>> _ = (folder / "memberships.csv").write_text(
    ...     "network_id,actor_name,actor_type,since\\nN1,IHK Aachen,IHK,2011\\n"
    ...     "N2,IHK Aachen,IHK,2015\\nN2,Jobcenter Aachen,Jobcenter,\\n", "utf-8")
    >>> graph = open_graph(folder)
    >>> [(a.label, a.type, a.network_ids, a.states) for a in cross_actors(graph)]
    [('IHK Aachen', 'chamber_of_commerce', ('N1', 'N2'), ('DE-BY', 'DE-NW'))]
    >>> cross_actors(graph, at="2012-06-30")
    []
    >>> [a.label for a in cross_actors(graph, min_networks=1, state="Bayern", actor_type="Jobcenter")]
    ['Jobcenter Aachen']
    """
    params = cross_actor_params(
        min_networks=min_networks,
        actor_type=actor_type,
        state=state,
        at=at,
        certain_only=certain_only,
    )
    result = run_query(graph, load_query("cross-network-actors"), params)
    names = {
        record["network_id"]: record["name"]
        for record in run_query(graph, "all-networks").records(text=True)
    }
    actors = []
    for record in result.records(text=True):
        ids = tuple(sorted(set(_split(record["network_ids"]))))
        actors.append(
            CrossActor(
                actor=record["actor"],
                label=record["label"] or "",
                type=record["type"] or "",
                network_count=int(record["network_count"]),
                network_ids=ids,
                city=record["city"] or None,
                states=tuple(sorted(set(_split(record["states"])))),
                network_names=tuple(names.get(i, "") for i in ids),
            )
        )
    actors.sort(key=lambda a: (-a.network_count, a.label, a.actor))
    return actors


def cross_actors_in(B: nx.Graph, *, min_networks: int = 2) -> list[CrossActor]:
    """The actors of an actor–network graph that are members of at least ``min_networks`` networks.

    The answer of :func:`cross_actors` without filters, read off the graph the analysis
    builds anyway (:func:`~fks_graph.analysis.bipartite.actor_network_graph`) instead of a
    second pass over the knowledge graph: the main job uses it, because at national scale
    the SPARQL query costs much more memory and time (``bench/README.md``). As in the
    query, only networks with an input id and actors with a type count.

    Parameters
    ----------
    B
        An actor–network graph from :func:`~fks_graph.analysis.bipartite.actor_network_graph`.
    min_networks
        Minimum number of networks (at least 1).

    Returns
    -------
    list of CrossActor
        By number of networks (most first), then label, then IRI.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> from fks_graph.analysis.bipartite import actor_network_graph
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> cross_actors_in(actor_network_graph(graph), min_networks=1) == cross_actors(graph, min_networks=1)
    True
    """
    from fks_graph.analysis.bipartite import ACTOR

    cross_actor_params(min_networks=min_networks)  # the same check
    nodes = B.nodes
    actors = []
    for actor, data in nodes(data=True):
        if data["bipartite"] != ACTOR or data["type"] is None or len(B[actor]) < min_networks:
            continue
        networks = [n for n in B[actor] if nodes[n]["id"] is not None]
        if len(networks) < min_networks:
            continue
        names = {nodes[n]["id"]: nodes[n]["label"] for n in networks}
        ids = tuple(sorted(names))
        actors.append(
            CrossActor(
                actor=str(actor),
                label=data["label"],
                type=data["type"],
                network_count=len(networks),
                network_ids=ids,
                city=data["city"] or None,
                states=tuple(sorted({land for n in networks for land in nodes[n]["lands"]})),
                network_names=tuple(names[i] for i in ids),
            )
        )
    actors.sort(key=lambda a: (-a.network_count, a.label, a.actor))
    return actors


def to_csv(actors: list[CrossActor]) -> str:
    """The actors as CSV text: the header :data:`CSV_COLUMNS`, then one row per actor.

    Text a spreadsheet would take for a formula starts with an apostrophe
    (:func:`fks_graph.core.cells.neutralise`).

    Examples
    --------
    >>> print(to_csv([CrossActor("https://example.org/actor/A", "IHK", "chamber_of_commerce", 2,
    ...                          ("N1", "N2"))]).splitlines()[1])
    https://example.org/actor/A,IHK,chamber_of_commerce,2,N1|N2,,,
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(neutralise_records(actor.as_row() for actor in actors))
    return buffer.getvalue()
