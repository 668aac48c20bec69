"""Read the actors: the registry (``actors.csv``), aliases, official entries, named actors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from fks_graph.core.cells import restore
from fks_graph.core.errors import Problem
from fks_graph.input.names import (
    Parent,
    main_unit,
    name_key,
    needs_place,
    normal_name,
    parent_of,
    registry_key,
    unit_of,
)
from fks_graph.input.raw import Row, Table
from fks_graph.input.records import Actor, Alias, Origin
from fks_graph.input.registry import REGISTRIES, Entry, entries_for, entry_of, may_have_entry
from fks_graph.input.resolve import Resolver
from fks_graph.input.rows import NamedActor, Reader

__all__ = ["actor_ref", "named_actors", "prepare_names", "read_actors"]


def _preferred(names: dict[str, int]) -> str:
    """The preferred label among an actor's spellings (with their counts): one that says which
    actor it is (not ``Jobcenter`` alone, not a branch office), then the most frequent, then
    the first seen."""

    def rank(name: str) -> tuple[bool, bool, int]:
        normal = normal_name(name)
        unit = main_unit(normal)
        return (not needs_place(unit), unit == normal, names[name])

    if len(names) == 1:
        return next(iter(names))
    return max(names, key=rank)  # max keeps the first of equals: the first seen


def _parent(names: Iterable[str]) -> Parent | None:
    """The organisation whose regional unit the first of an actor's names names, if any."""
    return next(
        (parent for name in names if (parent := parent_of(unit_of(name)))),
        None,
    )


def read_actors(reader: Reader) -> None:
    """Read ``actors.csv`` (optional), the registry of actors with ids, into ``reader``.

    Parameters
    ----------
    reader
        The reading of the dataset; its ``registry`` gets one actor per row without errors.

    Examples
    --------
    >>> from fks_graph.input.raw import Row, Table
    >>> actors = Table("actors", "actors.csv", ("id", "name", "type"),
    ...     (Row(2, {"id": "A1", "name": "IHK Aachen", "type": "IHK"}),))
    >>> reader = Reader({"actors": actors})
    >>> read_actors(reader)
    >>> [(a.key, a.type) for a in reader.registry.values()]
    [('id:A1', 'chamber_of_commerce')]
    """
    table = reader.tables.get("actors")
    seen: dict[str, Origin] = {}
    for row in table.rows if table else ():
        actor_id = reader.unique_id(table, row, seen, "actor")
        name = reader.required(table, row, "name", "actor name")
        actor_type = reader.actor_type(table, row, "type") or "other"
        states = reader.states(table, row)
        if actor_id is None or name is None:
            continue
        city = reader.text(row, "city")
        same_as = reader.url(table, row, "same_as")
        origin = reader.origin(table, row)
        reader.registry[actor_id] = Actor(
            key=registry_key(actor_id),
            name=name,
            origin=origin,
            id=actor_id,
            type=actor_type,
            city=city,
            states=states,
            website=reader.url(table, row, "website"),
            same_as=same_as,
            source=reader.url(table, row, "source"),
            spellings=((name, origin),),
            parent=_parent([name]),
        )


def prepare_names(reader: Reader) -> None:
    """Prepare the resolution of actor names: the registry, every name mentioned, aliases,
    and the links of actors to official registry entries.

    Parameters
    ----------
    reader
        The reading of the dataset, its networks and registry actors read.

    Examples
    --------
    >>> from fks_graph.input.raw import Row, Table
    >>> memberships = Table("memberships", "memberships.csv", ("network_id", "actor_name"),
    ...     (Row(2, {"network_id": "N1", "actor_name": "IHK Aachen"}),))
    >>> reader = Reader({"memberships": memberships})
    >>> prepare_names(reader)
    >>> reader.resolver.resolve("IHK Aachen", None) == reader.resolver.resolve("IHK  Aachen", None)
    True
    """
    tables = [reader.tables.get(name) for name in ("memberships", "project_partners")]
    mentions = {
        (name, reader.text(row, "actor_city"))
        for table in tables
        for row in (table.rows if table else ())
        if not row.values.get("actor_id") and (name := reader.text(row, "actor_name"))
    }
    reader.resolver = Resolver(reader.registry.values(), mentions, reader.registry_label())
    if (aliases := reader.tables.get("aliases")) is not None:
        _aliases(reader, aliases)
    _registry_links(reader, mentions)


def _registry_links(reader: Reader, mentions: set[tuple[str, str | None]]) -> None:
    """Link actors to official registry entries by name (an entry of a Land of one of the
    actor's networks, exactly one); the actors of one entry are one actor."""
    linkable = {
        mention
        for mention in mentions
        if may_have_entry(mention[0]) or name_key(*mention) in reader.confirmed
    }
    laender: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    table = reader.tables.get("memberships")
    for row in table.rows if table and linkable else ():
        name, network = reader.text(row, "actor_name"), reader.text(row, "network_id")
        mention = (name, reader.text(row, "actor_city"))
        if mention in linkable and network is not None and not row.values.get("actor_id"):
            network_id = (
                network if network in reader.network_ids else reader.network_names.get(network)
            )
            laender[mention].update(reader.network_states.get(network_id or "", ()))
    keys: dict[Entry, list[str]] = defaultdict(list)
    named: dict[Entry, list[tuple[str, str | None]]] = defaultdict(list)
    for actor in reader.registry.values():
        if len(found := entries_for(actor.name, actor.states)) == 1:
            keys[found[0]].append(actor.key)
    for mention in sorted(linkable, key=lambda m: (m[0], m[1] or "")):
        found = entries_for(mention[0], laender.get(mention, ()))
        if (confirmed := reader.confirmed.get(name_key(*mention))) is not None:
            found = (confirmed,)  # a person chose it from the review list
        if len(found) == 1:
            key = reader.resolver.resolve(*mention)
            if key not in keys[found[0]]:
                keys[found[0]].append(key)
            named[found[0]].append(mention)
    for entry, found_keys in keys.items():
        ids = [key for key in found_keys if key.startswith("id:")]
        for other in ids[1:]:  # two ids of actors.csv are never merged: said, not done
            actor = reader.registry[other[3:]]
            reader.warnings.append(
                Problem(
                    actor.origin.file,
                    actor.origin.row,
                    reader.tables["actors"].header("name"),
                    f"actor '{actor.id}' has the official entry {entry.label} "
                    f"({entry.code}) of actor '{ids[0][3:]}': one actor under two ids?",
                    "warning",
                )
            )
        target = ids[0] if ids else found_keys[0]
        reader.resolver.join(named[entry], target)
        reader.links[target] = entry


def _aliases(reader: Reader, table: Table) -> None:
    """Read ``aliases.csv`` and hand it to the resolver; bad rows are errors."""
    aliases = []
    for row in table.rows:
        registry, code = reader.text(row, "registry"), reader.text(row, "code")
        if registry is not None or code is not None:  # a confirmed official entry
            _confirmed_entry(reader, table, row, registry, code)
            continue
        name = reader.required(table, row, "name", "alias name")
        if name is not None:  # restore: the review file of 'resolve' neutralises formulas
            aliases.append(
                Alias(
                    restore(name),
                    reader.origin(table, row),
                    restore(reader.text(row, "city")),
                    restore(reader.text(row, "actor_id")),
                    restore(reader.text(row, "canonical_name")),
                    restore(reader.text(row, "canonical_city")),
                )
            )

    def report(problems: list[Problem], severity: str) -> Callable[[Alias, str, str], None]:
        def add(alias: Alias, column: str, message: str) -> None:
            header = table.header(column)
            problems.append(Problem(table.label, alias.origin.row, header, message, severity))

        return add

    reader.resolver.add_aliases(
        aliases, report(reader.errors, "error"), report(reader.warnings, "warning")
    )


def _confirmed_entry(
    reader: Reader, table: Table, row: Row, registry: str | None, code: str | None
) -> None:
    """A row of ``aliases.csv`` (as ``resolve --registry`` writes them) that confirms the
    official entry of a name: the actor of that name (and city) is linked to it."""
    name = reader.required(table, row, "name", "alias name")
    if registry is None or code is None:
        missing = "registry" if registry is None else "code"
        reader.error(table, row, missing, f"missing {missing}: give both registry and code")
        return
    entry = entry_of(registry, code)
    if entry is None and registry.strip().casefold() not in REGISTRIES:
        reader.error(
            table,
            row,
            "registry",
            f"'{registry}' is no registry (registries: {', '.join(REGISTRIES)})",
        )
    elif entry is None:
        reader.error(
            table,
            row,
            "code",
            f"'{code}' is no code of the registry '{registry}' "
            f"(registries: {', '.join(REGISTRIES)})",
        )
    elif name is not None:
        city = reader.text(row, "city")
        reader.confirmed[key := name_key(name, city)] = entry
        if key not in reader.resolver.keys:  # as for the other aliases: a typo, say
            where = f" in {city}" if city else ""
            reader.warn(
                table,
                row,
                "name",
                f"no actor is named '{name}'{where} in the dataset (the alias is not used)",
            )


def _spelling(reader: Reader, actor_id: str, name: str, origin: Origin) -> None:
    """Record another spelling of a registry actor."""
    actor = reader.registry[actor_id]
    if all(name != seen for seen, _ in actor.spellings):
        reader.registry[actor_id] = replace(actor, spellings=(*actor.spellings, (name, origin)))


def actor_ref(
    reader: Reader, table: Table, row: Row, origin: Origin, scope: str | None = None
) -> str | None:
    """The key of the actor a membership or partner row (from ``origin``) refers to.

    ``scope`` is the network of the row: a name that needs a place, given without a city,
    is an actor of that network only (see :meth:`Resolver.resolve`). An actor known by name
    only is collected in ``reader.named``; a wrong ``actor_id`` is an error (``None``).

    Examples
    --------
    >>> from fks_graph.input.records import Origin
    >>> from fks_graph.input.raw import Row, Table
    >>> table = Table("memberships", "memberships.csv", ("actor_id",), (Row(2, {"actor_id": "A9"}),))
    >>> reader = Reader({"memberships": table})
    >>> actor_ref(reader, table, table.rows[0], Origin("memberships.csv", 2)) is None
    True
    >>> print(reader.errors[0])
    memberships.csv, row 2, column 'actor_id': unknown actor id 'A9' (expected an id from actors.csv (there is none))
    """
    actor_id = reader.text(row, "actor_id")
    name = reader.text(row, "actor_name")
    city = reader.text(row, "actor_city")
    actor_type = reader.actor_type(table, row, "actor_type")
    if actor_id is not None:
        if actor_id not in reader.registry:
            reader.error(
                table,
                row,
                "actor_id",
                f"unknown actor id '{actor_id}' (expected an id from {reader.registry_label()})",
            )
            return None
        if name is not None:
            _spelling(reader, actor_id, name, origin)
        return reader.registry[actor_id].key
    if name is None:
        reader.error(table, row, "actor_name", "missing actor: give actor_id or actor_name")
        return None
    key = reader.resolver.resolve(name, city, scope)
    if key.startswith("id:"):
        _spelling(reader, key[3:], name, origin)
        return key
    actor = reader.named.get(key)
    if actor is None:
        actor = reader.named[key] = NamedActor(key, origin)
    if name not in actor.names:
        actor.spellings.append((name, origin))
    actor.names[name] = actor.names.get(name, 0) + 1
    if city is not None:
        actor.cities[city] = actor.cities.get(city, 0) + 1
    raw_type = reader.text(row, "actor_type")
    if actor_type is not None and raw_type is not None and reader.concept("actor_types", raw_type):
        actor.types[actor_type] = actor.types.get(actor_type, 0) + 1
    return key


def named_actors(reader: Reader) -> list[Actor]:
    """The actors known by name only, one per resolved name: preferred name, most frequent
    type and city, every spelling with where it was read.

    Examples
    --------
    >>> from fks_graph.input.records import Origin
    >>> from fks_graph.input.raw import Row, Table
    >>> rows = (Row(2, {"actor_name": "IHK Aachen", "actor_type": "IHK"}),
    ...         Row(3, {"actor_name": "IHK AACHEN", "actor_type": ""}))
    >>> table = Table("memberships", "memberships.csv", ("actor_name", "actor_type"), rows)
    >>> reader = Reader({"memberships": table})
    >>> prepare_names(reader)
    >>> keys = {actor_ref(reader, table, row, Origin(table.label, row.number)) for row in rows}
    >>> [(a.name, a.type, len(a.spellings)) for a in named_actors(reader)]
    [('IHK Aachen', 'chamber_of_commerce', 2)]
    """
    result = []
    for actor in reader.named.values():
        name = _preferred(actor.names)
        actor_type = max(actor.types, key=actor.types.__getitem__) if actor.types else "other"
        city = max(actor.cities, key=actor.cities.__getitem__) if actor.cities else None
        result.append(
            Actor(
                key=actor.key,
                name=name,
                origin=actor.origin,
                type=actor_type,
                city=city,
                spellings=tuple(actor.spellings),
                parent=_parent(actor.names),
                registry=reader.links.get(actor.key),
            )
        )
    return result
