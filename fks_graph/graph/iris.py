"""Deterministic instance IRIs under one configurable base, minted from input ids and names."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import quote

import pyoxigraph as ox

from fks_graph.core.errors import UsageError
from fks_graph.core.text import fold

if TYPE_CHECKING:  # only a type here: the command line imports this module to start
    from fks_graph.input.records import Actor

__all__ = ["DEFAULT_BASE", "Minter", "check_base", "clear_caches", "slug"]

DEFAULT_BASE = "https://w3id.org/fks-graph/data/"


def check_base(base: str) -> str:
    """Check a base IRI for instance data: absolute http(s), ending in ``/`` or ``#``.

    Examples
    --------
    >>> check_base("https://example.org/fks/")
    'https://example.org/fks/'
    >>> check_base("example.org")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: base IRI 'example.org' must start with http:// or https:// and end with '/' or '#'
    >>> check_base("https://example.org/50%ig/")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: base IRI 'https://example.org/50%ig/' is not a valid IRI (Invalid IRI percent encoding '%ig')
    """
    if (
        not base.startswith(("http://", "https://"))
        or not base.endswith(("/", "#"))
        or any(ch in base for ch in ' <>"{}|\\^`')
    ):
        raise UsageError(
            f"base IRI '{base}' must start with http:// or https:// and end with '/' or '#'"
        )
    try:  # minted IRIs extend it with encoded segments: checked once here, never again
        ox.NamedNode(base)
    except ValueError as exc:
        raise UsageError(f"base IRI '{base}' is not a valid IRI ({exc})") from None
    return base


@lru_cache(maxsize=1 << 14)  # city names repeat
def slug(text: str) -> str:
    """A readable ASCII slug of a name (umlauts transliterated).

    Examples
    --------
    >>> slug("Industrie- und Handelskammer Köln")
    'industrie-und-handelskammer-koeln'
    """
    return fold(text).replace("_", "-")


@lru_cache(maxsize=1 << 16)  # ids repeat: every membership names its network and actor
def _local(identifier: str) -> str:
    # "~" is percent-encoded here, so that local names starting with "~" are free for
    # actors known only by name and can never collide with an input id.
    return quote(identifier, safe="-._").replace("~", "%7E")


def clear_caches() -> None:
    """Forget the slugs and IRI segments made so far.

    The caches pay off while one graph is built (every membership names its network and
    actor); afterwards their entries would keep the memory of the whole build from being
    given back (they pin the allocator's arenas; ``bench/README.md`` has the figures).

    Examples
    --------
    >>> _ = slug("Köln")
    >>> clear_caches()
    >>> slug.cache_info().currsize
    0
    """
    slug.cache_clear()
    _local.cache_clear()


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


class Minter:
    """Mints the IRIs of one dataset's instances.

    Actors of the registry get ``actor/<id>``; actors known by name get
    ``actor/~<name>[~<city>]``, with a short hash appended when two different actors of the
    dataset would get the same slug.

    Examples
    --------
    >>> from fks_graph.input.records import Actor, Origin
    >>> o = Origin("memberships.csv", 2)
    >>> m = Minter("https://example.org/", [Actor("name:ihk köln@köln", "IHK Köln", o, city="Köln")])
    >>> m.network("N 1")
    'https://example.org/network/N%201'
    >>> m.actor("name:ihk köln@köln")
    'https://example.org/actor/~ihk-koeln~koeln'
    """

    def __init__(self, base: str, actors: Iterable[Actor]):
        self.base = check_base(base)
        locals_: dict[str, str] = {}
        for actor in actors:
            if actor.id is not None:
                local = _local(actor.id)
            else:
                local = "~" + (slug(actor.name) or _digest(actor.key))
                if actor.city and (city := slug(actor.city)):
                    local += f"~{city}"
            locals_[actor.key] = local
        counts: dict[str, int] = {}
        for local in locals_.values():
            counts[local] = counts.get(local, 0) + 1
        self._actors = {
            key: local
            if counts[local] == 1 or not local.startswith("~")
            else f"{local}~{_digest(key)}"
            for key, local in locals_.items()
        }

    def iri(self, *parts: str) -> str:
        """An IRI under the base from already encoded path segments."""
        return self.base + "/".join(parts)

    def network(self, network_id: str) -> str:
        """IRI of a network."""
        return self.iri("network", _local(network_id))

    def actor(self, key: str) -> str:
        """IRI of an actor, by its key."""
        return self.iri("actor", self._actors[key])

    def membership(self, network_id: str, actor_key: str, ordinal: int = 1) -> str:
        """IRI of a membership; ``ordinal`` > 1 for further periods of the same pair."""
        parts = ["membership", _local(network_id), self._actors[actor_key]]
        if ordinal > 1:
            parts.append(str(ordinal))
        return self.iri(*parts)

    def period(self, since: str | None, until: str | None) -> str:
        """IRI of a period (``time:Interval``), shared by every membership with these dates.

        Examples
        --------
        >>> m = Minter("https://example.org/", [])
        >>> m.period("2014", None), m.period("2011-05-01", "2015")
        ('https://example.org/time/2014--open', 'https://example.org/time/2011-05-01--2015')
        """
        return self.iri("time", _local(f"{since or 'open'}--{until or 'open'}"))

    def instant(self, date: str) -> str:
        """IRI of a day or year (``time:Instant``) that periods begin or end with.

        Examples
        --------
        >>> Minter("https://example.org/", []).instant("2014")
        'https://example.org/time/2014'
        """
        return self.iri("time", _local(date))

    def project(self, project_id: str) -> str:
        """IRI of a project."""
        return self.iri("project", _local(project_id))

    def partner(self, project_id: str, actor_key: str, ordinal: int = 1) -> str:
        """IRI of an actor's part in a project."""
        parts = ["project", _local(project_id), "partner", self._actors[actor_key]]
        if ordinal > 1:
            parts.append(str(ordinal))
        return self.iri(*parts)

    def region(self, code: str | None, name: str | None) -> str:
        """IRI of a region: by its code when given, else by its name."""
        return self.iri(
            "region", _local(code) if code else "~" + (slug(name or "") or _digest(name or ""))
        )

    def award(self, network_id: str, year: str, prize: str, ordinal: int = 1) -> str:
        """IRI of an award conferral; ``ordinal`` > 1 for the same prize again that year."""
        parts = ["award", _local(network_id), _local(year), slug(prize) or _digest(prize)]
        if ordinal > 1:
            parts.append(str(ordinal))
        return self.iri(*parts)

    def named(self, kind: str, name: str) -> str:
        """IRI of a thing known by name only (prize, event, parent organisation)."""
        return self.iri(kind, slug(name) or _digest(name))

    def identified(self, kind: str, identifier: str) -> str:
        """IRI of a thing with an input id (event, programme).

        Examples
        --------
        >>> Minter("https://example.org/", []).identified("event", "IT 2014")
        'https://example.org/event/IT%202014'
        """
        return self.iri(kind, _local(identifier))

    def participation(self, programme_id: str, network_id: str, ordinal: int = 1) -> str:
        """IRI of a network's part in a programme; ``ordinal`` > 1 for further rows."""
        parts = ["programme", _local(programme_id), "participant", _local(network_id)]
        if ordinal > 1:
            parts.append(str(ordinal))
        return self.iri(*parts)

    def dataset(self, dataset_slug: str) -> str:
        """IRI of the input dataset."""
        return self.iri("dataset", _local(dataset_slug))

    def graph(self, dataset_slug: str) -> str:
        """IRI of the graph built from a dataset (its named graph in TriG and stores)."""
        return self.iri("graph", _local(dataset_slug))
