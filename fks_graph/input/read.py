"""Read a dataset into checked, typed records: values, references and actor names resolved."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from fks_graph.core.dates import parse_date, parse_year
from fks_graph.core.errors import InputError, Problem
from fks_graph.core.nogc import no_gc
from fks_graph.core.text import fold
from fks_graph.input.names import (
    Parent,
    clean_text,
    clear_caches,
    main_unit,
    name_key,
    needs_place,
    normal_name,
    parent_of,
    registry_key,
)
from fks_graph.input.records import (
    Actor,
    Alias,
    Award,
    Dataset,
    DatasetInfo,
    Event,
    Membership,
    Network,
    Origin,
    Participation,
    Programme,
    Project,
    ProjectPartner,
)
from fks_graph.input.registry import REGISTRIES, Entry, entries_for, entry_of, may_have_entry
from fks_graph.input.resolve import Resolver
from fks_graph.input.tables import Row, Table, read_tables
from fks_graph.terms.vocab import Scheme, vocabulary

__all__ = ["parse_count", "parse_flag", "read_dataset"]

_TRUE = frozenset({"true", "yes", "ja", "wahr", "1", "x", "unsicher", "uncertain"})
_FALSE = frozenset({"false", "no", "nein", "falsch", "0"})
_URL = re.compile(r"[a-z][a-z0-9+.-]*://[^\s<>\"{}|\\^`]+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/[^\s<>\"{}|\\^`]*)?", re.IGNORECASE
)
_Value = TypeVar("_Value", str, int, bool)
# bidirectional controls (Trojan Source): they reorder how an address is shown
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def parse_flag(text: str) -> bool:
    """Check a yes/no cell: ``true``/``ja``/``x``/``1`` (also ``?`` for uncertain) or
    ``false``/``nein``/``0``.

    Examples
    --------
    >>> parse_flag("ja"), parse_flag("X"), parse_flag("[?]"), parse_flag("false")
    (True, True, True, False)
    >>> parse_flag("vielleicht")
    Traceback (most recent call last):
    ...
    ValueError: 'vielleicht' is not yes or no (expected true/ja/x/1 or false/nein/0)
    """
    value = fold(text)
    if value in _TRUE or text.strip() in ("?", "[?]"):
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"'{text}' is not yes or no (expected true/ja/x/1 or false/nein/0)")


def parse_count(text: str) -> int:
    """Check a count: a whole number, ``ca.``/``rund``/``about`` and thousands dots allowed.

    Examples
    --------
    >>> parse_count("67"), parse_count("rund 1.200"), parse_count("~300")
    (67, 1200, 300)
    >>> parse_count("²")
    Traceback (most recent call last):
    ...
    ValueError: '²' is not a count (expected a whole number such as 67)
    >>> parse_count("viele")
    Traceback (most recent call last):
    ...
    ValueError: 'viele' is not a count (expected a whole number such as 67)
    """
    digits = re.sub(
        r"^(ca\.?|rund|etwa|about|approx\.?|~)\s*", "", text.strip(), flags=re.IGNORECASE
    )
    digits = re.sub(r"(?<=\d)[.,\u202f ](?=\d{3}\b)", "", digits)
    if not re.fullmatch(r"[0-9]+", digits):
        raise ValueError(f"'{text}' is not a count (expected a whole number such as 67)")
    return int(digits)


def _earliest(date: str) -> str:
    return f"{date}-01-01" if len(date) == 4 else date


def _latest(date: str) -> str:
    return f"{date}-12-31" if len(date) == 4 else date


def _url(text: str) -> str:
    """Check a web address: an absolute URL (``www.x.de`` gets ``https://``), ``ValueError`` else.

    The graph holds it as an IRI, so it must be one by Oxigraph's own check, too.

    Examples
    --------
    >>> _url("www.x.de"), _url("https://x.de/a?b=c")
    ('https://www.x.de', 'https://x.de/a?b=c')
    >>> _url("https://x.de/50%ig")
    Traceback (most recent call last):
    ...
    ValueError: 'https://x.de/50%ig' is not a valid web address (Invalid IRI percent encoding '%ig')

    Only ``http`` and ``https``; no user name or password (not repeated in the message); no
    bidirectional control characters, which can make an address look like another.

    >>> _url("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: 'file:///etc/passwd' is not a web address (only http and https, not file:)
    >>> _url("https://admin:geheim@x.de/")
    Traceback (most recent call last):
    ...
    ValueError: 'https://…@x.de/' is not a web address (it holds a user name or password)
    """
    text = text.strip()
    if _BIDI.search(text):
        raise ValueError(
            f"'{text}' is not a web address (it holds a bidirectional control character, "
            "which can disguise an address)"
        )
    if _URL.fullmatch(text):
        url = text
    elif _DOMAIN.fullmatch(text):
        url = f"https://{text}"
    else:
        raise ValueError(f"'{text}' is not a web address")
    scheme, rest = url.split("://", 1)
    if scheme.lower() not in ("http", "https"):
        raise ValueError(f"'{text}' is not a web address (only http and https, not {scheme}:)")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" in authority:
        shown = f"{scheme}://…@{authority.rsplit('@', 1)[1]}{rest[len(authority) :]}"
        raise ValueError(f"'{shown}' is not a web address (it holds a user name or password)")
    try:
        ox.NamedNode(url)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a valid web address ({exc})") from None
    return url


def _stated(text: str) -> str:
    """A day on which a source states something: a date, a month or a year."""
    return parse_date(text, month=True)


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
        (parent for name in names if (parent := parent_of(main_unit(normal_name(name))))),
        None,
    )


@dataclass
class _NamedActor:
    """An actor known by name, collected over the rows that mention it."""

    key: str
    origin: Origin
    names: dict[str, int] = field(default_factory=dict)
    spellings: list[tuple[str, Origin]] = field(default_factory=list)
    types: dict[str, int] = field(default_factory=dict)
    cities: dict[str, int] = field(default_factory=dict)


class _Reader:
    """The state of reading one dataset: problems found, indexes built so far."""

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
        self.named: dict[str, _NamedActor] = {}
        # a plain dict, not an lru_cache of a bound method: that would be a reference cycle,
        # keeping the reader and all its tables alive until the next full collection
        self._concepts: dict[tuple[str, str], str | None] = {}

    # -- problems

    def error(self, table: Table, row: Row | None, column: str | None, message: str) -> None:
        number = None if row is None else row.number
        header = None if column is None else table.header(column)
        self.errors.append(Problem(table.label, number, header, message))

    def warn(self, table: Table, row: Row, column: str | None, message: str) -> None:
        header = None if column is None else table.header(column)
        self.warnings.append(Problem(table.label, row.number, header, message, "warning"))

    # -- cell readers: each returns a clean value or records a problem

    def text(self, row: Row, column: str) -> str | None:
        raw = row.values.get(column)
        if not raw:  # most optional cells are empty: no lookup for them
            return None
        return clean_text(raw) or None

    def required(self, table: Table, row: Row, column: str, what: str) -> str | None:
        value = self.text(row, column)
        if value is None:
            self.error(table, row, column, f"missing {what} (the cell is empty)")
        return value

    def checked(
        self, table: Table, row: Row, column: str, parse: Callable[[str], _Value]
    ) -> _Value | None:
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
        if begin and end and _earliest(begin) > _latest(end):
            self.error(
                table,
                row,
                end_column,
                f"{end_column} '{end}' is before {begin_column} '{begin}'",
            )
            return begin, end, False
        return begin, end, True

    def multi(self, row: Row, column: str) -> list[str]:
        return [
            part for part in (clean_text(p) for p in row.values.get(column, "").split("|")) if part
        ]

    def concept(self, scheme_name: str, text: str) -> str | None:
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
        return Origin(table.label, row.number)

    def unique_id(self, table: Table, row: Row, seen: dict[str, Origin], what: str) -> str | None:
        value = self.required(table, row, "id", f"{what} id")
        if value is None:
            return None
        if value in seen:
            self.error(
                table, row, "id", f"duplicate {what} id '{value}' (first in row {seen[value].row})"
            )
            return None
        seen[value] = self.origin(table, row)
        return value

    # -- tables

    def info(self, path: Path) -> DatasetInfo:
        meta: dict[str, str] = {}
        source = None
        table = self.tables.get("dataset")
        for row in table.rows if table else ():
            key, value = self.text(row, "key"), self.text(row, "value")
            if key and value:
                meta[name := fold(key)] = value
                if name == "source":
                    source = self.url(table, row, "value")
        stem = path.stem if path.suffix.lower() == ".xlsx" else path.resolve().name
        slug = fold(meta.get("id") or stem).replace("_", "-") or "dataset"
        synthetic = fold(meta.get("synthetic", "false")) in {"true", "yes", "ja", "wahr", "1"}
        return DatasetInfo(
            slug=slug,
            title=meta.get("title") or stem,
            description=meta.get("description"),
            source=source,
            license=meta.get("license"),
            synthetic=synthetic,
            generator=meta.get("generator"),
            parameters=meta.get("parameters"),
            files=tuple(sorted(t.label for t in self.tables.values())),
        )

    def networks(self) -> list[Network]:
        table = self.tables["networks"]
        result = []
        for row in table.rows:
            network_id = self.unique_id(table, row, self.network_ids, "network")
            name = self.required(table, row, "name", "network name")
            # a Kreisschlüssel/AGS stored as a number lost its leading zero
            region_codes = tuple(
                dict.fromkeys(
                    "0" + code if code.isdigit() and len(code) in (4, 7) else code
                    for code in self.multi(row, "region_code")
                )
            )
            given = self.states(table, row)
            states = given
            for code in region_codes:
                if (land := self.vocab.land_for_region_code(code)) is None:
                    continue
                if not given:  # the Länder of the region's codes
                    states = (*states, land.code) if land.code not in states else states
                elif land.code not in given:
                    self.warn(
                        table,
                        row,
                        "region_code",
                        f"region code '{code}' lies in {land.code}, not in {'|'.join(given)}",
                    )
            region_type = None
            if value := self.text(row, "region_type"):
                region_type = self.concept("region_types", value)
                if region_type is None:
                    self.warn(table, row, "region_type", f"unknown region type '{value}' (ignored)")
            fields, groups, themes = self.codes(table, row)
            founded = self.checked(table, row, "founded", parse_date)
            kind = None
            if value := self.text(row, "kind"):
                kind = self.concept("network_kinds", value)
                if kind is None:
                    self.warn(
                        table,
                        row,
                        "kind",
                        f"unknown network kind '{value}' (known: "
                        f"{', '.join(self.vocab.network_kinds.codes)}); ignored",
                    )
            if network_id is None or name is None:
                continue
            self.network_names[name] = None if name in self.network_names else network_id
            self.network_states[network_id] = states
            result.append(
                Network(
                    id=network_id,
                    name=name,
                    origin=self.origin(table, row),
                    kind=kind,
                    region=self.text(row, "region"),
                    region_code=region_codes[0] if len(region_codes) == 1 else None,
                    region_codes=region_codes,
                    region_type=region_type,
                    states=states,
                    founded=founded,
                    legal_form=self.text(row, "legal_form"),
                    part_of=tuple(self.multi(row, "part_of")),
                    website=self.url(table, row, "website"),
                    action_fields=fields,
                    target_groups=groups,
                    themes=themes,
                    description=self.text(row, "description"),
                    source=self.url(table, row, "source"),
                )
            )
        result = [self.umbrellas(table, network) for network in result]
        self.circles(table, result)
        return result

    def umbrella_error(self, table: Table, network: Network, message: str) -> None:
        """An error in the ``part_of`` cell of a network's row (read already)."""
        self.errors.append(
            Problem(table.label, network.origin.row, table.header("part_of"), message)
        )

    def circles(self, table: Table, networks: list[Network]) -> None:
        """A network that is, through its umbrellas, part of itself is an error."""
        umbrellas = {network.id: network.part_of for network in networks}
        for network in networks:
            seen, todo = set(), list(network.part_of)
            while todo:
                current = todo.pop()
                if current == network.id:
                    self.umbrella_error(
                        table,
                        network,
                        f"network '{network.id}' is part of itself through "
                        f"{'|'.join(network.part_of)} (part_of goes round in a circle)",
                    )
                    break
                if current not in seen:
                    seen.add(current)
                    todo.extend(umbrellas.get(current, ()))

    def umbrellas(self, table: Table, network: Network) -> Network:
        """Check the networks a network is part of (ids or exact names); an error if unknown."""
        found = []
        for value in network.part_of:
            umbrella = value if value in self.network_ids else self.network_names.get(value)
            if umbrella is None:
                self.umbrella_error(
                    table,
                    network,
                    f"unknown network id '{value}' (expected an id from {table.label})",
                )
            elif umbrella == network.id:
                self.umbrella_error(
                    table, network, f"network '{network.id}' cannot be part of itself"
                )
            elif umbrella not in found:
                found.append(umbrella)
        return replace(network, part_of=tuple(found))

    def url(self, table: Table, row: Row, column: str) -> str | None:
        value = self.text(row, column)
        if value is None:
            return None
        try:
            return _url(value)
        except ValueError as exc:
            self.warn(table, row, column, f"{exc} (ignored)")
            return None

    def network_ref(self, table: Table, row: Row, column: str = "network_id") -> str | None:
        value = self.required(table, row, column, "network id")
        if value is None or value in self.network_ids:
            return value
        by_name = self.network_names.get(value)
        if by_name is not None:
            return by_name
        networks = self.tables["networks"].label
        self.error(
            table, row, column, f"unknown network id '{value}' (expected an id from {networks})"
        )
        return None

    def actors(self) -> None:
        table = self.tables.get("actors")
        seen: dict[str, Origin] = {}
        for row in table.rows if table else ():
            actor_id = self.unique_id(table, row, seen, "actor")
            name = self.required(table, row, "name", "actor name")
            actor_type = self.actor_type(table, row, "type") or "other"
            states = self.states(table, row)
            if actor_id is None or name is None:
                continue
            city = self.text(row, "city")
            same_as = self.url(table, row, "same_as")
            origin = self.origin(table, row)
            self.registry[actor_id] = Actor(
                key=registry_key(actor_id),
                name=name,
                origin=origin,
                id=actor_id,
                type=actor_type,
                city=city,
                states=states,
                website=self.url(table, row, "website"),
                same_as=same_as,
                source=self.url(table, row, "source"),
                spellings=((name, origin),),
                parent=_parent([name]),
            )

    def registry_label(self) -> str:
        """How messages call the registry file."""
        actors = self.tables.get("actors")
        return actors.label if actors else "actors.csv (there is none)"

    def names(self) -> None:
        """Prepare the resolution of actor names: the registry, every name mentioned, aliases."""
        tables = [self.tables.get(name) for name in ("memberships", "project_partners")]
        mentions = {
            (name, self.text(row, "actor_city"))
            for table in tables
            for row in (table.rows if table else ())
            if not row.values.get("actor_id") and (name := self.text(row, "actor_name"))
        }
        self.resolver = Resolver(self.registry.values(), mentions, self.registry_label())
        if (aliases := self.tables.get("aliases")) is not None:
            self.aliases(aliases)
        self.registry_links(mentions)

    def registry_links(self, mentions: set[tuple[str, str | None]]) -> None:
        """Link actors to official registry entries by name (an entry of a Land of one of the
        actor's networks, exactly one); the actors of one entry are one actor."""
        linkable = {
            mention
            for mention in mentions
            if may_have_entry(mention[0]) or name_key(*mention) in self.confirmed
        }
        laender: dict[tuple[str, str | None], set[str]] = defaultdict(set)
        table = self.tables.get("memberships")
        for row in table.rows if table and linkable else ():
            name, network = self.text(row, "actor_name"), self.text(row, "network_id")
            mention = (name, self.text(row, "actor_city"))
            if mention in linkable and network is not None and not row.values.get("actor_id"):
                network_id = (
                    network if network in self.network_ids else self.network_names.get(network)
                )
                laender[mention].update(self.network_states.get(network_id or "", ()))
        keys: dict[Entry, list[str]] = defaultdict(list)
        named: dict[Entry, list[tuple[str, str | None]]] = defaultdict(list)
        for actor in self.registry.values():
            if len(found := entries_for(actor.name, actor.states)) == 1:
                keys[found[0]].append(actor.key)
        for mention in sorted(linkable, key=lambda m: (m[0], m[1] or "")):
            found = entries_for(mention[0], laender.get(mention, ()))
            if (confirmed := self.confirmed.get(name_key(*mention))) is not None:
                found = (confirmed,)  # a person chose it from the review list
            if len(found) == 1:
                key = self.resolver.resolve(*mention)
                if key not in keys[found[0]]:
                    keys[found[0]].append(key)
                named[found[0]].append(mention)
        for entry, found_keys in keys.items():
            ids = [key for key in found_keys if key.startswith("id:")]
            for other in ids[1:]:  # two ids of actors.csv are never merged: said, not done
                actor = self.registry[other[3:]]
                self.warnings.append(
                    Problem(
                        actor.origin.file,
                        actor.origin.row,
                        self.tables["actors"].header("name"),
                        f"actor '{actor.id}' has the official entry {entry.label} "
                        f"({entry.code}) of actor '{ids[0][3:]}': one actor under two ids?",
                        "warning",
                    )
                )
            target = ids[0] if ids else found_keys[0]
            self.resolver.join(named[entry], target)
            self.links[target] = entry

    def aliases(self, table: Table) -> None:
        """Read ``aliases.csv`` and hand it to the resolver; bad rows are errors."""
        aliases = []
        for row in table.rows:
            registry, code = self.text(row, "registry"), self.text(row, "code")
            if registry is not None or code is not None:  # a confirmed official entry
                self.confirmed_entry(table, row, registry, code)
                continue
            name = self.required(table, row, "name", "alias name")
            if name is not None:
                aliases.append(
                    Alias(
                        name,
                        self.origin(table, row),
                        self.text(row, "city"),
                        self.text(row, "actor_id"),
                        self.text(row, "canonical_name"),
                        self.text(row, "canonical_city"),
                    )
                )

        def report(problems: list[Problem], severity: str) -> Callable[[Alias, str, str], None]:
            def add(alias: Alias, column: str, message: str) -> None:
                header = table.header(column)
                problems.append(Problem(table.label, alias.origin.row, header, message, severity))

            return add

        self.resolver.add_aliases(
            aliases, report(self.errors, "error"), report(self.warnings, "warning")
        )

    def confirmed_entry(
        self, table: Table, row: Row, registry: str | None, code: str | None
    ) -> None:
        """A row of ``aliases.csv`` (as ``resolve --registry`` writes them) that confirms the
        official entry of a name: the actor of that name (and city) is linked to it."""
        name = self.required(table, row, "name", "alias name")
        if registry is None or code is None:
            missing = "registry" if registry is None else "code"
            self.error(table, row, missing, f"missing {missing}: give both registry and code")
            return
        entry = entry_of(registry, code)
        if entry is None:
            self.error(
                table,
                row,
                "code",
                f"'{code}' is no code of the registry '{registry}' "
                f"(registries: {', '.join(REGISTRIES)})",
            )
        elif name is not None:
            self.confirmed[name_key(name, self.text(row, "city"))] = entry

    def spelling(self, actor_id: str, name: str, origin: Origin) -> None:
        """Record another spelling of a registry actor."""
        actor = self.registry[actor_id]
        if all(name != seen for seen, _ in actor.spellings):
            self.registry[actor_id] = replace(actor, spellings=(*actor.spellings, (name, origin)))

    def actor_ref(
        self, table: Table, row: Row, origin: Origin, scope: str | None = None
    ) -> str | None:
        """The key of the actor a membership or partner row (from ``origin``) refers to.

        ``scope`` is the network of the row: a name that needs a place, given without a city,
        is an actor of that network only (see :meth:`Resolver.resolve`)."""
        actor_id = self.text(row, "actor_id")
        name = self.text(row, "actor_name")
        city = self.text(row, "actor_city")
        actor_type = self.actor_type(table, row, "actor_type")
        if actor_id is not None:
            if actor_id not in self.registry:
                self.error(
                    table,
                    row,
                    "actor_id",
                    f"unknown actor id '{actor_id}' (expected an id from {self.registry_label()})",
                )
                return None
            if name is not None:
                self.spelling(actor_id, name, origin)
            return self.registry[actor_id].key
        if name is None:
            self.error(table, row, "actor_name", "missing actor: give actor_id or actor_name")
            return None
        key = self.resolver.resolve(name, city, scope)
        if key.startswith("id:"):
            self.spelling(key[3:], name, origin)
            return key
        actor = self.named.get(key)
        if actor is None:
            actor = self.named[key] = _NamedActor(key, origin)
        if name not in actor.names:
            actor.spellings.append((name, origin))
        actor.names[name] = actor.names.get(name, 0) + 1
        if city is not None:
            actor.cities[city] = actor.cities.get(city, 0) + 1
        raw_type = self.text(row, "actor_type")
        if (
            actor_type is not None
            and raw_type is not None
            and self.concept("actor_types", raw_type)
        ):
            actor.types[actor_type] = actor.types.get(actor_type, 0) + 1
        return key

    def memberships(self) -> list[Membership]:
        table = self.tables["memberships"]
        result = []
        seen: dict[tuple, int] = {}
        for row in table.rows:
            network_id = self.network_ref(table, row)
            origin = self.origin(table, row)
            actor_key = self.actor_ref(table, row, origin, network_id)
            since, until, ordered = self.period(table, row, "since", "until")
            as_of = self.checked(table, row, "as_of", _stated)
            uncertain = self.checked(table, row, "uncertain", parse_flag) or False
            if not ordered:
                continue
            role = None
            if value := self.text(row, "role"):
                role = self.concept("roles", value)
                if role is None:
                    self.warn(
                        table,
                        row,
                        "role",
                        f"unknown role '{value}' (known: {', '.join(self.vocab.roles.codes)}); left empty",
                    )
            if network_id is None or actor_key is None:
                continue
            identity = (network_id, actor_key, role, since, until)
            if identity in seen:
                self.warn(table, row, None, f"same membership as in row {seen[identity]} (merged)")
                continue
            seen[identity] = row.number
            result.append(
                Membership(
                    network_id,
                    actor_key,
                    origin,
                    role,
                    since,
                    until,
                    self.url(table, row, "source"),
                    as_of,
                    uncertain,
                    self.text(row, "note"),
                )
            )
        return result

    def projects(self) -> list[Project]:
        table = self.tables.get("projects")
        result = []
        for row in table.rows if table else ():
            project_id = self.unique_id(table, row, self.project_ids, "project")
            name = self.required(table, row, "name", "project name")
            network_id = self.network_ref(table, row)
            start, end, _ = self.period(table, row, "start", "end")
            fields, groups, themes = self.codes(table, row)
            if project_id is None or name is None or network_id is None:
                continue
            self.project_networks[project_id] = network_id
            result.append(
                Project(
                    project_id,
                    name,
                    network_id,
                    self.origin(table, row),
                    start,
                    end,
                    fields,
                    groups,
                    themes,
                    self.text(row, "description"),
                    self.url(table, row, "source"),
                )
            )
        return result

    def partners(self) -> list[ProjectPartner]:
        table = self.tables.get("project_partners")
        result = []
        for row in table.rows if table else ():
            project_id = self.required(table, row, "project_id", "project id")
            if project_id is not None and project_id not in self.project_ids:
                self.error(
                    table,
                    row,
                    "project_id",
                    f"unknown project id '{project_id}' (expected an id from projects.csv)",
                )
                project_id = None
            origin = self.origin(table, row)
            scope = None if project_id is None else self.project_networks.get(project_id)
            actor_key = self.actor_ref(table, row, origin, scope)
            if project_id is None or actor_key is None:
                continue
            result.append(ProjectPartner(project_id, actor_key, origin, self.text(row, "role")))
        return result

    def awards(self) -> list[Award]:
        table = self.tables.get("awards")
        result = []
        for row in table.rows if table else ():
            network_id = self.network_ref(table, row)
            award = self.required(table, row, "award", "award name")
            year = self.checked(table, row, "year", parse_year)
            if year is None and self.text(row, "year") is None:
                self.error(table, row, "year", "missing award year (the cell is empty)")
            event = self.text(row, "event")
            event_id = None
            if event is not None:
                event_id = event if event in self.event_ids else self.event_names.get(event)
                if event_id is None and "events" in self.tables:
                    self.error(
                        table,
                        row,
                        "event",
                        f"unknown event '{event}' (expected an id or name from "
                        f"{self.tables['events'].label})",
                    )
            if network_id is None or award is None or year is None:
                continue
            result.append(
                Award(
                    network_id,
                    award,
                    year,
                    self.origin(table, row),
                    event_id or event,
                    self.url(table, row, "source"),
                    event_id,
                )
            )
        return result

    def events(self) -> list[Event]:
        table = self.tables.get("events")
        result = []
        for row in table.rows if table else ():
            event_id = self.unique_id(table, row, self.event_ids, "event")
            name = self.required(table, row, "name", "event name")
            date = self.checked(table, row, "date", parse_date)
            applicants = self.checked(table, row, "applicants", parse_count)
            participants = self.checked(table, row, "participants", parse_count)
            if event_id is None or name is None:
                continue
            self.event_names[name] = None if name in self.event_names else event_id
            result.append(
                Event(
                    event_id,
                    name,
                    self.origin(table, row),
                    date,
                    self.text(row, "place"),
                    self.text(row, "city"),
                    applicants,
                    participants,
                    self.text(row, "organiser"),
                    self.text(row, "description"),
                    self.url(table, row, "source"),
                )
            )
        return result

    def programmes(self) -> tuple[list[Programme], list[Participation]]:
        """Programmes and the networks' parts in them; a participation needs its programme."""
        table = self.tables.get("programmes")
        programmes, seen = [], {}
        for row in table.rows if table else ():
            programme_id = self.unique_id(table, row, seen, "programme")
            name = self.required(table, row, "name", "programme name")
            if programme_id is None or name is None:
                continue
            programmes.append(
                Programme(
                    programme_id,
                    name,
                    self.origin(table, row),
                    self.text(row, "organiser"),
                    self.text(row, "description"),
                    self.url(table, row, "website"),
                    self.url(table, row, "source"),
                )
            )
        names = {p.name: p.id for p in programmes}
        table = self.tables.get("participations")
        participations = []
        for row in table.rows if table else ():
            value = self.required(table, row, "programme_id", "programme id")
            programme_id = value if value in seen else names.get(value or "")
            if value is not None and programme_id is None:
                label = (
                    self.tables["programmes"].label
                    if "programmes" in self.tables
                    else ("programmes.csv (there is none)")
                )
                self.error(
                    table,
                    row,
                    "programme_id",
                    f"unknown programme id '{value}' (expected an id from {label})",
                )
            network_id = self.network_ref(table, row)
            since, until, _ = self.period(table, row, "since", "until")
            as_of = self.checked(table, row, "as_of", _stated)
            uncertain = self.checked(table, row, "uncertain", parse_flag) or False
            if programme_id is None or network_id is None:
                continue
            participations.append(
                Participation(
                    programme_id,
                    network_id,
                    self.origin(table, row),
                    since,
                    until,
                    as_of,
                    uncertain,
                    self.url(table, row, "source"),
                    self.text(row, "note"),
                )
            )
        return programmes, participations

    def named_actors(self) -> list[Actor]:
        result = []
        for actor in self.named.values():
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
                    registry=self.links.get(actor.key),
                )
            )
        return result


def read_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Read, check and resolve a dataset (a folder of CSV files or an XLSX workbook).

    Parameters
    ----------
    path
        The dataset folder or ``.xlsx`` workbook, following the input contract
        (``docs/input-contract.md``).

    Returns
    -------
    Dataset
        Typed records in input order, with every actor mention resolved to an actor and
        non-fatal problems in ``warnings``.

    Raises
    ------
    InputError
        With every problem found, each naming file, row and column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "networks.csv").write_text("id;name;Bundesland\\nN1;Bündnis A;NRW\\n"
    ...                                            "N2;Allianz B;Bayern\\n", encoding="cp1252")
    >>> _ = (folder / "memberships.csv").write_text(
    ...     "network_id,actor_name,actor_type,actor_city\\n"
    ...     "N1,IHK Aachen,IHK,Aachen\\nN2,IHK Aachen,IHK,Aachen\\nN2,Volkshochschule,,Bonn\\n",
    ...     encoding="utf-8")
    >>> data = read_dataset(folder)
    >>> [n.states for n in data.networks]
    [('DE-NW',), ('DE-BY',)]
    >>> [(a.name, a.type, a.city) for a in data.actors]
    [('IHK Aachen', 'chamber_of_commerce', 'Aachen'), ('Volkshochschule', 'other', 'Bonn')]
    >>> len(data.memberships)
    3
    """
    path = Path(path)
    with no_gc():  # many small records, no cycles
        try:
            reader = _Reader(read_tables(path))
            info = reader.info(path)
            networks = reader.networks()
            reader.actors()
            reader.names()
            memberships = reader.memberships()
            projects = reader.projects()
            partners = reader.partners()
            events = reader.events()
            awards = reader.awards()
            programmes, participations = reader.programmes()
            if reader.errors:
                raise InputError(reader.errors)
            registry_actors = [
                replace(actor, registry=reader.links.get(actor.key))
                for actor in reader.registry.values()
            ]
            return Dataset(
                info=info,
                networks=tuple(networks),
                actors=(*registry_actors, *reader.named_actors()),
                memberships=tuple(memberships),
                projects=tuple(projects),
                partners=tuple(partners),
                awards=tuple(awards),
                warnings=tuple(reader.warnings),
                events=tuple(events),
                programmes=tuple(programmes),
                participations=tuple(participations),
            )
        finally:
            clear_caches()  # they serve one reading; kept, they would pin its memory
