"""The shared machinery of reading rows: the reading's state, problems, cell checks, references."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from fks_graph.core.dates import parse_date
from fks_graph.core.errors import Problem
from fks_graph.input.names import clean_text
from fks_graph.input.raw import Row, Table
from fks_graph.input.records import Actor, Origin
from fks_graph.input.registry import Entry
from fks_graph.input.resolve import Resolver
from fks_graph.input.values import earliest, latest, parse_url
from fks_graph.terms.vocab import Scheme, vocabulary

__all__ = ["NamedActor", "Reader"]

_Value = TypeVar("_Value", str, int, bool)


@dataclass
class NamedActor:
    """An actor known by name, collected over the rows that mention it."""

    key: str
    origin: Origin
    names: dict[str, int] = field(default_factory=dict)
    spellings: list[tuple[str, Origin]] = field(default_factory=list)
    types: dict[str, int] = field(default_factory=dict)
    cities: dict[str, int] = field(default_factory=dict)


class Reader:
    """The state of reading one dataset: its tables, problems found, indexes built so far.

    The readers of the tables (``read_networks`` and the others of ``fks_graph.input``) take
    it in turn; each cell check returns a clean value or records a problem.

    Examples
    --------
    >>> from fks_graph.input.raw import Row, Table
    >>> table = Table("networks", "networks.csv", ("id", "founded"),
    ...               (Row(2, {"id": "N1", "founded": "2014-02-30"}),))
    >>> reader = Reader({"networks": table})
    >>> reader.checked(table, table.rows[0], "founded", parse_date) is None
    True
    >>> print(reader.errors[0])
    networks.csv, row 2, column 'founded': '2014-02-30' is not a date (expected YYYY or YYYY-MM-DD such as 2014-05-22, or DD.MM.YYYY)
    """

    def __init__(self, tables: dict[str, Table]):
        self.tables = tables
        self.vocab = vocabulary()
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.network_ids: dict[str, Origin] = {}
        self.network_names: dict[str, str | None] = {}
        self.registry: dict[str, Actor] = {}
        self.resolver = Resolver((), ())  # replaced once the registry is read
        self.project_ids: dict[str, Origin] = {}
        self.project_networks: dict[str, str] = {}
        self.event_ids: dict[str, Origin] = {}
        self.network_states: dict[str, tuple[str, ...]] = {}
        self.links: dict[str, Entry] = {}  # actor key -> its official registry entry
        self.confirmed: dict[str, Entry] = {}  # name key -> the entry aliases.csv confirms
        self.event_names: dict[str, str | None] = {}
        self.named: dict[str, NamedActor] = {}
        # a plain dict, not an lru_cache of a bound method: that would be a reference cycle,
        # keeping the reader and all its tables alive until the next full collection
        self._concepts: dict[tuple[str, str], str | None] = {}

    def error(self, table: Table, row: Row | None, column: str | None, message: str) -> None:
        """An error in a cell, a row (``column`` None) or a whole table (``row`` None too)."""
        number = None if row is None else row.number
        header = None if column is None else table.header(column)
        self.errors.append(Problem(table.label, number, header, message))

    def warn(self, table: Table, row: Row, column: str | None, message: str) -> None:
        """A warning about a cell or (``column`` None) a row: the row is read all the same."""
        header = None if column is None else table.header(column)
        self.warnings.append(Problem(table.label, row.number, header, message, "warning"))

    def text(self, row: Row, column: str) -> str | None:
        """The clean text of a cell, ``None`` if it is empty."""
        raw = row.values.get(column)
        if not raw:  # most optional cells are empty: no lookup for them
            return None
        return clean_text(raw) or None

    def required(self, table: Table, row: Row, column: str, what: str) -> str | None:
        """The text of a cell that must not be empty (an error if it is)."""
        value = self.text(row, column)
        if value is None:
            self.error(table, row, column, f"missing {what} (the cell is empty)")
        return value

    def checked(
        self, table: Table, row: Row, column: str, parse: Callable[[str], _Value]
    ) -> _Value | None:
        """The value ``parse`` makes of a cell; ``None`` if it is empty or (an error) invalid."""
        value = self.text(row, column)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.error(table, row, column, str(exc))
            return None

    def period(
        self, table: Table, row: Row, begin_column: str, end_column: str
    ) -> tuple[str | None, str | None, bool]:
        """Begin and end dates of a row, and whether they are in order (an error if not)."""
        begin = self.checked(table, row, begin_column, parse_date)
        end = self.checked(table, row, end_column, parse_date)
        if begin and end and earliest(begin) > latest(end):
            self.error(
                table,
                row,
                end_column,
                f"{end_column} '{end}' is before {begin_column} '{begin}'",
            )
            return begin, end, False
        return begin, end, True

    def multi(self, row: Row, column: str) -> list[str]:
        """The values of a cell that holds several, separated by ``|``."""
        return [
            part for part in (clean_text(p) for p in row.values.get(column, "").split("|")) if part
        ]

    def concept(self, scheme_name: str, text: str) -> str | None:
        """The code of the concept of a scheme a cell names (each distinct cell looked up once)."""
        key = (scheme_name, text)
        try:
            return self._concepts[key]
        except KeyError:  # cells repeat: each distinct one is looked up once
            concept = getattr(self.vocab, scheme_name).lookup(text)
            code = self._concepts[key] = None if concept is None else concept.code
            return code

    def land(self, text: str) -> str | None:
        """The code of the Land a cell names (each distinct cell is looked up once)."""
        key = ("land", text)
        try:
            return self._concepts[key]
        except KeyError:
            concept = self.vocab.land(text)
            code = self._concepts[key] = None if concept is None else concept.code
            return code

    def codes(
        self, table: Table, row: Row
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """Action fields, target groups and free-text themes of a row."""
        found: dict[str, list[str]] = {"action_fields": [], "target_groups": []}
        themes: list[str] = []
        for column, codes in found.items():
            scheme: Scheme = getattr(self.vocab, column)
            for value in self.multi(row, column):
                code = self.concept(column, value)
                if code is None:
                    themes.append(value)
                    self.warn(
                        table,
                        row,
                        column,
                        f"'{value}' is not a known {column[:-1].replace('_', ' ')} "
                        f"(known: {', '.join(scheme.codes)}); kept as a free-text theme",
                    )
                elif code not in codes:
                    codes.append(code)
        return tuple(found["action_fields"]), tuple(found["target_groups"]), tuple(themes)

    def states(self, table: Table, row: Row, column: str = "state") -> tuple[str, ...]:
        """The codes of the Länder a cell names (an error for an unknown one)."""
        codes: list[str] = []
        for value in self.multi(row, column):
            code = self.land(value)
            if code is None:
                self.error(
                    table,
                    row,
                    column,
                    f"'{value}' is not a German Land (expected an ISO 3166-2 code such as DE-NW "
                    "or the Land's name such as Nordrhein-Westfalen)",
                )
            elif code not in codes:
                codes.append(code)
        return tuple(codes)

    def actor_type(self, table: Table, row: Row, column: str) -> str | None:
        """The code of the actor type a cell names; ``other`` (and a warning) if unknown."""
        value = self.text(row, column)
        if value is None:
            return None
        code = self.concept("actor_types", value)
        if code is None:
            self.warn(
                table,
                row,
                column,
                f"unknown actor type '{value}' (known: {', '.join(self.vocab.actor_types.codes)}); "
                "the actor is kept as 'other'",
            )
            return "other"
        return code

    def origin(self, table: Table, row: Row) -> Origin:
        """Where a row comes from: its file (or sheet) and row number."""
        return Origin(table.label, row.number)

    def unique_id(self, table: Table, row: Row, seen: dict[str, Origin], what: str) -> str | None:
        """The id of a row, an error if it is empty, holds ``|`` or was seen before in ``seen``."""
        value = self.required(table, row, "id", f"{what} id")
        if value is None:
            return None
        if "|" in value:  # other cells name it in lists separated by '|' (part_of, …)
            self.error(
                table, row, "id", f"{what} id '{value}' holds '|', which separates several values"
            )
            return None
        if value in seen:
            self.error(
                table, row, "id", f"duplicate {what} id '{value}' (first in row {seen[value].row})"
            )
            return None
        seen[value] = self.origin(table, row)
        return value

    def url(self, table: Table, row: Row, column: str) -> str | None:
        """The web address of a cell; ``None`` (and a warning) if it is none."""
        value = self.text(row, column)
        if value is None:
            return None
        try:
            return parse_url(value)
        except ValueError as exc:
            self.warn(table, row, column, f"{exc} (ignored)")
            return None

    def network_ref(self, table: Table, row: Row, column: str = "network_id") -> str | None:
        """The id of the network a cell names by id or exact name (an error if none)."""
        value = self.required(table, row, column, "network id")
        if value is None or value in self.network_ids:
            return value
        by_name = self.network_names.get(value)
        if by_name is not None:
            return by_name
        networks = self.tables["networks"].label
        if value in self.network_names:  # the name of several networks
            message = f"several networks in {networks} are named '{value}': give the id"
        else:
            message = f"unknown network id '{value}' (expected an id from {networks})"
        self.error(table, row, column, message)
        return None

    def registry_label(self) -> str:
        """How messages call the registry file."""
        actors = self.tables.get("actors")
        return actors.label if actors else "actors.csv (there is none)"
