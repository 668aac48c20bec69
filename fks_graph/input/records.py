"""Typed records of a dataset: what reading and checking the input files produce."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fks_graph.core.errors import Problem
from fks_graph.input.names import Parent

if TYPE_CHECKING:
    from fks_graph.input.registry import Entry

__all__ = [
    "Actor",
    "Alias",
    "Award",
    "Dataset",
    "DatasetInfo",
    "Event",
    "Membership",
    "Network",
    "Origin",
    "Participation",
    "Programme",
    "Project",
    "ProjectPartner",
]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from: the file (``memberships.csv`` or ``data.xlsx, sheet 'X'``) and row."""

    file: str
    row: int


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """Metadata of a dataset (from the optional ``dataset.csv``, else from its path).

    ``slug`` names the dataset in IRIs; ``files`` lists the input files that were read.
    """

    slug: str
    title: str
    description: str | None = None
    source: str | None = None
    license: str | None = None
    synthetic: bool = False
    generator: str | None = None
    parameters: str | None = None
    files: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Network:
    """A regional network (``networks.csv``).

    ``states`` are ISO 3166-2 codes (``DE-NW``); ``action_fields``, ``target_groups`` and
    ``region_type`` are concept codes of the ontology's SKOS schemes; values that matched no
    concept are kept in ``themes``; ``kind`` is a network kind code; ``part_of`` are the ids of
    the networks this one is part of (a Land's alliance for its regional ones);
    ``region_codes`` are the codes of its region (several: the Kreise it is made of), and
    ``region_code`` the code when there is one. Dates are
    ``YYYY`` or ``YYYY-MM-DD`` strings.
    """

    id: str
    name: str
    origin: Origin
    kind: str | None = None
    region: str | None = None
    region_code: str | None = None
    region_codes: tuple[str, ...] = ()
    region_type: str | None = None
    states: tuple[str, ...] = ()
    founded: str | None = None
    legal_form: str | None = None
    part_of: tuple[str, ...] = ()
    website: str | None = None
    action_fields: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    description: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor: from the registry ``actors.csv`` (``id`` set) or named in a membership.

    ``key`` identifies the actor within the dataset (``id:…`` for registry actors, ``name:…``
    for actors known by name and city, see :mod:`fks_graph.input.names`); ``spellings`` are
    all names seen for it, with where each was seen; ``parent`` is the organisation whose
    regional unit the actor is (:data:`fks_graph.input.names.PARENTS`), if any; ``registry``
    its entry in an official registry (:mod:`fks_graph.input.registry`), if it has one.
    """

    key: str
    name: str
    origin: Origin
    id: str | None = None
    type: str = "other"
    city: str | None = None
    states: tuple[str, ...] = ()
    website: str | None = None
    same_as: str | None = None
    source: str | None = None
    spellings: tuple[tuple[str, Origin], ...] = field(default=())
    parent: Parent | None = None
    registry: Entry | None = None


@dataclass(frozen=True, slots=True)
class Alias:
    """A reviewed spelling of an actor (``aliases.csv``): ``name`` (in ``city``) denotes the actor.

    The actor is given by ``actor_id`` (an actor of the registry) or by ``canonical_name``
    (in ``canonical_city``, default ``city``), a name under which the actor occurs.
    """

    name: str
    origin: Origin
    city: str | None = None
    actor_id: str | None = None
    canonical_name: str | None = None
    canonical_city: str | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    """An actor's membership in a network (``memberships.csv``); ``role`` is a role code.

    ``since`` and ``until`` bound the membership; ``as_of`` is a day (``YYYY-MM-DD``, or a
    month ``YYYY-MM`` or year) on which the source says it held, which is not its beginning;
    ``uncertain`` marks a membership the source does not firmly attest.
    """

    network_id: str
    actor_key: str
    origin: Origin
    role: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    as_of: str | None = None
    uncertain: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Project:
    """A joint project of a network (``projects.csv``)."""

    id: str
    name: str
    network_id: str
    origin: Origin
    start: str | None = None
    end: str | None = None
    action_fields: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    description: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class ProjectPartner:
    """An actor's part in a project (``project_partners.csv``); ``role`` is free text."""

    project_id: str
    actor_key: str
    origin: Origin
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Award:
    """A prize conferred on a network in a year (``awards.csv``).

    ``event`` is the id of an event of ``events.csv`` when it names one, else the event's
    name as free text (``event_id`` tells which).
    """

    network_id: str
    award: str
    year: str
    origin: Origin
    event: str | None = None
    source: str | None = None
    event_id: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """An event (``events.csv``), such as an Innovationstag at which prizes are conferred."""

    id: str
    name: str
    origin: Origin
    date: str | None = None
    place: str | None = None
    city: str | None = None
    applicants: int | None = None
    participants: int | None = None
    organiser: str | None = None
    description: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Programme:
    """A programme networks take part in (``programmes.csv``)."""

    id: str
    name: str
    origin: Origin
    organiser: str | None = None
    description: str | None = None
    website: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Participation:
    """A network's part in a programme (``participations.csv``); dates as in :class:`Membership`."""

    programme_id: str
    network_id: str
    origin: Origin
    since: str | None = None
    until: str | None = None
    as_of: str | None = None
    uncertain: bool = False
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Dataset:
    """All records of one dataset, checked and with actor names resolved.

    Records keep the order of the input rows, so that everything built from a dataset is
    deterministic. ``warnings`` are problems that did not stop reading (e.g. an unknown
    actor type, kept as ``other``).
    """

    info: DatasetInfo
    networks: tuple[Network, ...]
    actors: tuple[Actor, ...]
    memberships: tuple[Membership, ...]
    projects: tuple[Project, ...] = ()
    partners: tuple[ProjectPartner, ...] = ()
    awards: tuple[Award, ...] = ()
    warnings: tuple[Problem, ...] = ()
    events: tuple[Event, ...] = ()
    programmes: tuple[Programme, ...] = ()
    participations: tuple[Participation, ...] = ()
