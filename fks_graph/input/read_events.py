"""Read the tables of what networks do besides projects: events, awards, programmes."""

from __future__ import annotations

from fks_graph.core.dates import parse_date, parse_year
from fks_graph.core.text import fold
from fks_graph.input.records import Award, Event, Participation, Programme
from fks_graph.input.rows import Reader
from fks_graph.input.values import parse_count, parse_flag, parse_stated

__all__ = ["read_awards", "read_events", "read_programmes"]


def read_events(reader: Reader) -> list[Event]:
    """Read ``events.csv`` (optional): one event (a fair, a speed dating) per row.

    Parameters
    ----------
    reader
        The reading of the dataset.

    Returns
    -------
    list[Event]
        The events of the rows without errors, in input order.

    Examples
    --------
    >>> from fks_graph.input.raw import Row, Table
    >>> events = Table("events", "events.csv", ("id", "name", "date", "participants"),
    ...     (Row(2, {"id": "E1", "name": "Ausbildungsmesse", "date": "12.03.2019",
    ...              "participants": "rund 1.200"}),))
    >>> [(e.id, e.date, e.participants) for e in read_events(Reader({"events": events}))]
    [('E1', '2019-03-12', 1200)]
    """
    table = reader.tables.get("events")
    result = []
    for row in table.rows if table else ():
        event_id = reader.unique_id(table, row, reader.event_ids, "event")
        name = reader.required(table, row, "name", "event name")
        date = reader.checked(table, row, "date", parse_date)
        applicants = reader.checked(table, row, "applicants", parse_count)
        participants = reader.checked(table, row, "participants", parse_count)
        if event_id is None or name is None:
            continue
        reader.event_names[name] = None if name in reader.event_names else event_id
        result.append(
            Event(
                event_id,
                name,
                reader.origin(table, row),
                date,
                reader.text(row, "place"),
                reader.text(row, "city"),
                applicants,
                participants,
                reader.text(row, "organiser"),
                reader.text(row, "description"),
                reader.url(table, row, "source"),
            )
        )
    return result


def read_awards(reader: Reader) -> list[Award]:
    """Read ``awards.csv`` (optional): one award a network won per row; a row that repeats
    one (the same network, prize, year and event, spelt alike) is merged with a warning.

    The networks and events must be read before; an award's event is an event's id or
    name, or free text when there is no events table.

    Parameters
    ----------
    reader
        The reading of the dataset.

    Returns
    -------
    list[Award]
        The awards of the rows without errors, in input order.

    Examples
    --------
    >>> from fks_graph.input.read_networks import read_networks
    >>> from fks_graph.input.raw import Row, Table
    >>> networks = Table("networks", "networks.csv", ("id", "name"),
    ...                  (Row(2, {"id": "N1", "name": "Bündnis A"}),))
    >>> awards = Table("awards", "awards.csv", ("network_id", "award", "year", "event"),
    ...     (Row(2, {"network_id": "N1", "award": "Preis", "year": "2019", "event": "Gala"}),))
    >>> reader = Reader({"networks": networks, "awards": awards})
    >>> _ = read_networks(reader)
    >>> [(a.network_id, a.year, a.event) for a in read_awards(reader)]
    [('N1', '2019', 'Gala')]
    """
    table = reader.tables.get("awards")
    result = []
    seen: dict[tuple[str, str, str, str], int] = {}  # an award -> the row that first gave it
    for row in table.rows if table else ():
        network_id = reader.network_ref(table, row)
        award = reader.required(table, row, "award", "award name")
        year = reader.checked(table, row, "year", parse_year)
        if year is None and reader.text(row, "year") is None:
            reader.error(table, row, "year", "missing award year (the cell is empty)")
        event = reader.text(row, "event")
        event_id = None
        if event is not None:
            event_id = event if event in reader.event_ids else reader.event_names.get(event)
            if event_id is None and "events" in reader.tables:
                events = reader.tables["events"].label
                reader.error(
                    table,
                    row,
                    "event",
                    f"several events in {events} are named '{event}': give the id"
                    if event in reader.event_names
                    else f"unknown event '{event}' (expected an id or name from {events})",
                )
        if network_id is None or award is None or year is None:
            continue
        identity = (network_id, fold(award), year, event_id or fold(event or ""))
        if identity in seen:
            reader.warn(table, row, None, f"same award as in row {seen[identity]} (merged)")
            continue
        seen[identity] = row.number
        result.append(
            Award(
                network_id,
                award,
                year,
                reader.origin(table, row),
                event_id or event,
                reader.url(table, row, "source"),
                event_id,
            )
        )
    return result


def read_programmes(reader: Reader) -> tuple[list[Programme], list[Participation]]:
    """Read ``programmes.csv`` and ``participations.csv`` (optional): the funding programmes
    and the networks' parts in them; a participation needs its programme.

    Parameters
    ----------
    reader
        The reading of the dataset, its networks read.

    Returns
    -------
    tuple[list[Programme], list[Participation]]
        The programmes and the participations of the rows without errors, in input order.

    Examples
    --------
    >>> from fks_graph.input.raw import Row, Table
    >>> programmes = Table("programmes", "programmes.csv", ("id", "name"),
    ...     (Row(2, {"id": "PR1", "name": "Passgenaue Besetzung"}),))
    >>> [p.id for p in read_programmes(Reader({"programmes": programmes}))[0]]
    ['PR1']
    """
    table = reader.tables.get("programmes")
    programmes, seen = [], {}
    for row in table.rows if table else ():
        programme_id = reader.unique_id(table, row, seen, "programme")
        name = reader.required(table, row, "name", "programme name")
        if programme_id is None or name is None:
            continue
        programmes.append(
            Programme(
                programme_id,
                name,
                reader.origin(table, row),
                reader.text(row, "organiser"),
                reader.text(row, "description"),
                reader.url(table, row, "website"),
                reader.url(table, row, "source"),
            )
        )
    names: dict[str, str | None] = {}  # a name -> its programme's id (None: several)
    for programme in programmes:
        names[programme.name] = None if programme.name in names else programme.id
    table = reader.tables.get("participations")
    participations = []
    for row in table.rows if table else ():
        value = reader.required(table, row, "programme_id", "programme id")
        programme_id = value if value in seen else names.get(value or "")
        if value is not None and programme_id is None:
            label = (
                reader.tables["programmes"].label
                if "programmes" in reader.tables
                else ("programmes.csv (there is none)")
            )
            reader.error(
                table,
                row,
                "programme_id",
                f"several programmes in {label} are named '{value}': give the id"
                if value in names
                else f"unknown programme id '{value}' (expected an id from {label})",
            )
        network_id = reader.network_ref(table, row)
        since, until, _ = reader.period(table, row, "since", "until")
        as_of = reader.checked(table, row, "as_of", parse_stated)
        uncertain = reader.checked(table, row, "uncertain", parse_flag) or False
        if programme_id is None or network_id is None:
            continue
        participations.append(
            Participation(
                programme_id,
                network_id,
                reader.origin(table, row),
                since,
                until,
                as_of,
                uncertain,
                reader.url(table, row, "source"),
                reader.text(row, "note"),
            )
        )
    return programmes, participations
