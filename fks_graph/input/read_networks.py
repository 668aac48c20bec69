"""Read the networks table: ids, names, Länder and regions, kinds, umbrella networks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from fks_graph.core.dates import parse_date
from fks_graph.core.errors import Problem
from fks_graph.input.raw import Row, Table
from fks_graph.input.records import Network
from fks_graph.input.rows import Reader
from fks_graph.input.values import parse_region_code

__all__ = ["read_networks"]


def read_networks(reader: Reader) -> list[Network]:
    """Read ``networks.csv``: one network per row, with its Länder, codes and umbrellas.

    Records the network ids, names and Länder in ``reader`` for the tables read later.

    Parameters
    ----------
    reader
        The reading of the dataset.

    Returns
    -------
    list[Network]
        The networks of the rows without errors, in input order.

    Examples
    --------
    >>> from fks_graph.input.raw import Row, Table
    >>> table = Table("networks", "networks.csv", ("id", "name", "state", "region_code"), (
    ...     Row(2, {"id": "N1", "name": "Bündnis A", "state": "NRW", "region_code": ""}),
    ...     Row(3, {"id": "N2", "name": "Allianz B", "state": "", "region_code": "9162"})))
    >>> [(n.id, n.states, n.region_codes) for n in read_networks(Reader({"networks": table}))]
    [('N1', ('DE-NW',), ()), ('N2', ('DE-BY',), ('09162',))]
    """
    table = reader.tables["networks"]
    result = []
    for row in table.rows:
        network_id = reader.unique_id(table, row, reader.network_ids, "network")
        name = reader.required(table, row, "name", "network name")
        region_codes = tuple(dict.fromkeys(_region_codes(reader, table, row)))
        given = reader.states(table, row)
        states = given
        for code in region_codes:
            if (land := reader.vocab.land_for_region_code(code)) is None:
                continue
            if not given:  # the Länder of the region's codes
                states = (*states, land.code) if land.code not in states else states
            elif land.code not in given:
                reader.warn(
                    table,
                    row,
                    "region_code",
                    f"region code '{code}' lies in {land.code}, not in {'|'.join(given)}",
                )
        region_type = None
        if value := reader.text(row, "region_type"):
            region_type = reader.concept("region_types", value)
            if region_type is None:
                reader.warn(table, row, "region_type", f"unknown region type '{value}' (ignored)")
        fields, groups, themes = reader.codes(table, row)
        founded = reader.checked(table, row, "founded", parse_date)
        kind = None
        if value := reader.text(row, "kind"):
            kind = reader.concept("network_kinds", value)
            if kind is None:
                reader.warn(
                    table,
                    row,
                    "kind",
                    f"unknown network kind '{value}' (known: "
                    f"{', '.join(reader.vocab.network_kinds.codes)}); ignored",
                )
        if network_id is None or name is None:
            continue
        reader.network_names[name] = None if name in reader.network_names else network_id
        reader.network_states[network_id] = states
        result.append(
            Network(
                id=network_id,
                name=name,
                origin=reader.origin(table, row),
                kind=kind,
                region=reader.text(row, "region"),
                region_code=region_codes[0] if len(region_codes) == 1 else None,
                region_codes=region_codes,
                region_type=region_type,
                states=states,
                founded=founded,
                legal_form=reader.text(row, "legal_form"),
                part_of=tuple(reader.multi(row, "part_of")),
                website=reader.url(table, row, "website"),
                action_fields=fields,
                target_groups=groups,
                themes=themes,
                description=reader.text(row, "description"),
                source=reader.url(table, row, "source"),
            )
        )
    result = [_umbrellas(reader, table, network) for network in result]
    _circles(reader, table, result)
    return result


def _region_codes(reader: Reader, table: Table, row: Row) -> Iterator[str]:
    """The region codes of a row, checked; one that is none is kept as given, with a warning."""
    for code in reader.multi(row, "region_code"):
        try:
            yield parse_region_code(code)
        except ValueError as exc:
            reader.warn(table, row, "region_code", f"{exc}; kept as given, no Land derived")
            yield code


def _umbrella_error(reader: Reader, table: Table, network: Network, message: str) -> None:
    """An error in the ``part_of`` cell of a network's row (read already)."""
    reader.errors.append(Problem(table.label, network.origin.row, table.header("part_of"), message))


def _circles(reader: Reader, table: Table, networks: list[Network]) -> None:
    """A network that is, through its umbrellas, part of itself is an error."""
    umbrellas = {network.id: network.part_of for network in networks}
    for network in networks:
        seen, todo = set(), list(network.part_of)
        while todo:
            current = todo.pop()
            if current == network.id:
                _umbrella_error(
                    reader,
                    table,
                    network,
                    f"network '{network.id}' is part of itself through "
                    f"{'|'.join(network.part_of)} (part_of goes round in a circle)",
                )
                break
            if current not in seen:
                seen.add(current)
                todo.extend(umbrellas.get(current, ()))


def _umbrellas(reader: Reader, table: Table, network: Network) -> Network:
    """Check the networks a network is part of (ids or exact names); an error if unknown."""
    found = []
    for value in network.part_of:
        umbrella = value if value in reader.network_ids else reader.network_names.get(value)
        if umbrella is None and value in reader.network_names:  # the name of several
            _umbrella_error(
                reader, table, network, f"several networks are named '{value}': give the id"
            )
        elif umbrella is None:
            _umbrella_error(
                reader,
                table,
                network,
                f"unknown network id '{value}' (expected an id from {table.label})",
            )
        elif umbrella == network.id:
            _umbrella_error(
                reader, table, network, f"network '{network.id}' cannot be part of itself"
            )
        elif umbrella not in found:
            found.append(umbrella)
    return replace(network, part_of=tuple(found))
