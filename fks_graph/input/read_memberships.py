"""Read the memberships table: which actor is in which network, in which role, when."""

from __future__ import annotations

from fks_graph.input.read_actors import actor_ref
from fks_graph.input.records import Membership
from fks_graph.input.rows import Reader
from fks_graph.input.values import parse_flag, parse_stated

__all__ = ["read_memberships"]


def read_memberships(reader: Reader) -> list[Membership]:
    """Read ``memberships.csv``: one membership of an actor in a network per row.

    A repeated membership (same network, actor, role and period) is merged with a warning;
    the merged membership is certain when any of its rows is (with that row's source, stated
    day and note), so the order of the rows does not matter.
    The networks and the registry actors must be read and the names prepared before.

    Parameters
    ----------
    reader
        The reading of the dataset.

    Returns
    -------
    list[Membership]
        The memberships of the rows without errors, in input order.

    Examples
    --------
    >>> from fks_graph.input.read_actors import prepare_names
    >>> from fks_graph.input.read_networks import read_networks
    >>> from fks_graph.input.raw import Row, Table
    >>> networks = Table("networks", "networks.csv", ("id", "name"),
    ...                  (Row(2, {"id": "N1", "name": "Bündnis A"}),))
    >>> memberships = Table("memberships", "memberships.csv", ("network_id", "actor_name", "since"),
    ...     (Row(2, {"network_id": "N1", "actor_name": "IHK Aachen", "since": "03.2014"}),))
    >>> reader = Reader({"networks": networks, "memberships": memberships})
    >>> _ = read_networks(reader); prepare_names(reader)
    >>> [(m.network_id, m.since) for m in read_memberships(reader)]
    [('N1', None)]
    >>> print(reader.errors[0])
    memberships.csv, row 2, column 'since': '03.2014' is not a date (expected YYYY or YYYY-MM-DD such as 2014-05-22, or DD.MM.YYYY)
    """
    table = reader.tables["memberships"]
    result = []
    seen: dict[tuple, int] = {}
    for row in table.rows:
        network_id = reader.network_ref(table, row)
        origin = reader.origin(table, row)
        actor_key = actor_ref(reader, table, row, origin, network_id)
        since, until, ordered = reader.period(table, row, "since", "until")
        as_of = reader.checked(table, row, "as_of", parse_stated)
        uncertain = reader.checked(table, row, "uncertain", parse_flag) or False
        if not ordered:
            continue
        role = None
        if value := reader.text(row, "role"):
            role = reader.concept("roles", value)
            if role is None:
                reader.warn(
                    table,
                    row,
                    "role",
                    f"unknown role '{value}' (known: {', '.join(reader.vocab.roles.codes)}); left empty",
                )
        if network_id is None or actor_key is None:
            continue
        membership = Membership(
            network_id,
            actor_key,
            origin,
            role,
            since,
            until,
            reader.url(table, row, "source"),
            as_of,
            uncertain,
            reader.text(row, "note"),
        )
        identity = (network_id, actor_key, role, since, until)
        if identity not in seen:
            seen[identity] = len(result)
            result.append(membership)
            continue
        first = result[seen[identity]]
        if first.uncertain and not uncertain:  # a firm source attests it: the row that says so
            result[seen[identity]] = membership
            merged = "merged; certain, as this row attests it"
        else:
            merged = "merged"
        reader.warn(table, row, None, f"same membership as in row {first.origin.row} ({merged})")
    return result
