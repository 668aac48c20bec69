"""Resolve actor names: mentions to actors (registry, rule, aliases); near matches for review."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from fks_graph.core.cells import neutralise_records
from fks_graph.input.names import (
    LEGAL_FORMS,
    distinctions,
    is_generic,
    kinds,
    legal_forms,
    name_key,
    needs_place,
    normal_name,
    registry_key,
    unit_of,
)
from fks_graph.input.records import Actor, Alias, Dataset

__all__ = [
    "REVIEW_COLUMNS",
    "NearMatch",
    "Resolver",
    "Side",
    "near_matches",
    "similarity",
    "to_csv",
]

Report = Callable[[Alias, str, str], None]  # an alias row, its column, the message


def _in(city: str | None) -> str:
    return f" in {city}" if city else ""


class Resolver:
    """Which actor a name (and city) denotes in one dataset.

    In this order: a reviewed alias (``aliases.csv``); the registry actor of that name and
    city, if exactly one fits; the actor of the name key (:func:`~fks_graph.input.names.name_key`,
    the automatic rule); and, for a name given without a city that is not generic, the one
    actor of that name with a city, if there is exactly one.

    Parameters
    ----------
    registry
        The actors of ``actors.csv``.
    mentions
        Every ``(actor_name, actor_city)`` of the rows that name an actor without ``actor_id``.
    registry_label
        How messages call the registry file.

    Examples
    --------
    >>> from fks_graph.input.records import Actor, Origin
    >>> ihk = Actor("id:IHK-AC", "IHK Aachen", Origin("actors.csv", 2), id="IHK-AC", city="Aachen")
    >>> resolver = Resolver([ihk], [("Zentis GmbH & Co. KG", "Aachen"), ("ZENTIS GmbH & Co.KG", None)])
    >>> resolver.resolve("Industrie- und Handelskammer zu Aachen", None)
    'id:IHK-AC'
    >>> resolver.resolve("ZENTIS GmbH & Co.KG", None)
    'name:zentisgmbhcokgaachen'
    """

    def __init__(
        self,
        registry: Iterable[Actor],
        mentions: Iterable[tuple[str, str | None]],
        registry_label: str = "actors.csv",
    ):
        self.registry = {actor.id: actor for actor in registry if actor.id is not None}
        self.registry_label = registry_label
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._by_key: dict[str, list[str]] = defaultdict(list)
        self._full: dict[str, str] = {}
        for actor_id, actor in self.registry.items():
            self._full[actor_id] = full = name_key(actor.name, actor.city)
            self._by_name[name_key(actor.name)].append(actor_id)
            self._by_key[full].append(actor_id)
        self.keys: set[str] = set()  # the name keys mentioned
        with_city: dict[str, set[str]] = defaultdict(set)  # normal name -> keys with a city
        located: set[str] = set()  # name keys also given with a city the name contains
        named: dict[str, str] = {}  # a name of each name key given with a city
        mentioned = set(mentions)
        # the names also given without a city: only for them does a city matter here
        # (compared by name key: where words are separated does not matter)
        cityless = {name_key(name) for name, city in mentioned if not city}
        for name, city in mentioned:
            key = name_key(name, city)
            self.keys.add(key)
            bare = name_key(name)
            if not city or bare not in cityless:
                continue  # nothing to attach to or from
            if key != bare:
                with_city[bare].add(key)
                named.setdefault(bare, name)
            elif city:
                located.add(key)
        self._attach = {
            bare: next(iter(keys))
            for bare, keys in with_city.items()
            if len(keys) == 1 and bare in self.keys and bare not in located
            and not needs_place(unit_of(named[bare]))
        }  # fmt: skip
        self.aliases: dict[str, str] = {}
        self._scoped: set[str] = set()  # alias targets that are generic names without a city
        self._resolved: dict[tuple[str, str | None], str] = {}

    def registry_match(self, name: str, city: str | None) -> str | None:
        """The id of the registry actor a name (and city) denotes, if exactly one does.

        The name keys must be equal (:func:`~fks_graph.input.names.name_key` without a city:
        ``Goethe Gymnasium`` = ``Goethe-Gymnasium``); a mention without a city fits the only
        registry actor of that name unless the name needs a place (``Jobcenter``: then it is
        its network's own actor), a mention with a city the one in that city, else the only one
        without a city. ``Volkshochschule Bonn`` also fits ``Volkshochschule`` in Bonn.
        """
        candidates = self._by_name.get(name_key(name), [])
        if city is None and needs_place(unit_of(name)):
            return None  # a generic name (Jobcenter) without a city: its network's own actor
        if city is None and len(candidates) == 1:
            return candidates[0]
        if city is not None and candidates:
            key = name_key(name, city)
            for found in (
                [c for c in candidates if self._full[c] == key],
                [c for c in candidates if self.registry[c].city is None],
            ):
                if len(found) == 1:
                    return found[0]
        by_key = self._by_key.get(name_key(name, city), [])
        return by_key[0] if len(by_key) == 1 else None

    def resolve(self, name: str, city: str | None, scope: str | None = None) -> str:
        """The key of the actor a name (and city) denotes: ``id:…`` or ``name:…``.

        ``scope`` is the network the mention belongs to: a name that needs a place to say
        which actor it is (:func:`~fks_graph.input.names.needs_place`, e.g. ``Jobcenter`` or
        ``DGB``) given without a city is an actor of that network alone.

        Examples
        --------
        >>> resolver = Resolver([], [("DGB", None), ("DGB Region Südwestsachsen", None)])
        >>> resolver.resolve("DGB", None, "N1") == resolver.resolve("DGB", None, "N2")
        False
        >>> resolver.resolve("DGB Region Südwestsachsen", None, "N1") == resolver.resolve(
        ...     "Deutscher Gewerkschaftsbund Region Süd-West-Sachsen", None, "N2")
        True
        """
        mention = (name, city, scope)
        if (found := self._resolved.get(mention)) is None:
            key = name_key(name, city)
            if (found := self.aliases.get(key)) is not None:
                if scope is not None and city is None and found in self._scoped:
                    found = f"{found}@{scope}"  # an alias of a generic name: per network
            else:
                if (actor_id := self.registry_match(name, city)) is not None:
                    found = registry_key(actor_id)
                else:
                    key = self._attach.get(key, key)
                    found = self.aliases.get(key, key)
                    if (
                        scope is not None
                        and city is None
                        and found.startswith("name:")
                        and needs_place(unit_of(name))
                    ):
                        found = f"{found}@{scope}"
            self._resolved[mention] = found
        return found

    def join(self, mentions: Iterable[tuple[str, str | None]], target: str) -> None:
        """Make every mention (name, city) denote the actor ``target`` (a key): they are one
        actor by something other than their names, such as one official registry code.

        Examples
        --------
        >>> resolver = Resolver([], [("HWK Dresden", None), ("Kammer Dresden", None)])
        >>> resolver.join([("Kammer Dresden", None)], resolver.resolve("HWK Dresden", None))
        >>> resolver.resolve("Kammer Dresden", None) == resolver.resolve("HWK Dresden", None)
        True
        """
        for name, city in mentions:
            key = name_key(name, city)
            if key != target:
                self.aliases[key] = target
        self._resolved.clear()

    def _describe(self, key: str) -> str:
        if key.startswith("id:"):
            actor = self.registry[key[3:]]
            return f"actor '{actor.id}' ('{actor.name}')"
        return f"the actor named '{key[5:]}'"

    def _target(self, alias: Alias, error: Report) -> str | None:
        """The key of the actor an alias row gives, or ``None`` (and an error)."""
        if alias.actor_id is not None:
            actor = self.registry.get(alias.actor_id)
            if actor is None:
                error(
                    alias,
                    "actor_id",
                    f"unknown actor id '{alias.actor_id}' (expected an id from "
                    f"{self.registry_label})",
                )
                return None
            if alias.canonical_name and name_key(alias.canonical_name) != name_key(actor.name):
                error(
                    alias,
                    "canonical_name",
                    f"'{alias.canonical_name}' is not the name of actor '{actor.id}' "
                    f"('{actor.name}'); give either actor_id or canonical_name",
                )
                return None
            return actor.key
        if alias.canonical_name is None:
            error(alias, "canonical_name", "missing actor: give actor_id or canonical_name")
            return None
        city = alias.canonical_city or alias.city
        if (actor_id := self.registry_match(alias.canonical_name, city)) is not None:
            return registry_key(actor_id)
        key = name_key(alias.canonical_name, city)
        key = self._attach.get(key, key)
        if key in self.keys:
            if city is None and needs_place(unit_of(alias.canonical_name)):
                self._scoped.add(key)  # "Jobcenter": the one of each mention's network
            return key
        error(
            alias,
            "canonical_name",
            f"'{alias.canonical_name}'{_in(city)} matches no actor of the dataset (expected a "
            f"name of the memberships or project partners, or of {self.registry_label})",
        )
        return None

    def add_aliases(self, aliases: Sequence[Alias], error: Report, warn: Report) -> None:
        """Apply reviewed aliases; a bad row is reported to ``error``, a useless one to ``warn``.

        An alias must give a known actor, must not take the name of one registry actor for
        another actor (that would merge two registry actors), must not contradict an earlier
        alias and must not point to a name that is itself an alias.
        """
        rows: dict[str, Alias] = {}
        for alias in aliases:
            target = self._target(alias, error)
            if target is None:
                continue
            key = name_key(alias.name, alias.city)
            own = self.registry_match(alias.name, alias.city)
            if own is not None and registry_key(own) != target:
                error(
                    alias,
                    "name",
                    f"'{alias.name}'{_in(alias.city)} is the name of actor '{own}' of "
                    f"{self.registry_label}; the alias would merge it with "
                    f"{self._describe(target)}",
                )
                continue
            if key in rows and self.aliases[key] != target:
                error(
                    alias,
                    "name",
                    f"'{alias.name}'{_in(alias.city)} is already an alias of "
                    f"{self._describe(self.aliases[key])} (row {rows[key].origin.row})",
                )
                continue
            rows.setdefault(key, alias)
            self.aliases[key] = target
            self._resolved.clear()
            if key == target or own is not None:
                warn(alias, "name", "has no effect: the names already denote the same actor")
            elif key not in self.keys:
                warn(
                    alias,
                    "name",
                    f"no actor is named '{alias.name}'{_in(alias.city)} in the dataset "
                    "(the alias is not used)",
                )
        for key, alias in rows.items():
            target = self.aliases[key]
            if target != key and target in rows:
                error(
                    alias,
                    "canonical_name",
                    f"'{alias.canonical_name}' is itself an alias (row "
                    f"{rows[target].origin.row}); give the actor it belongs to",
                )


# --------------------------------------------------------------------------- near matches

REVIEW_COLUMNS = (
    "score",
    "name",
    "city",
    "networks",
    "actor_id",
    "canonical_name",
    "canonical_city",
    "canonical_networks",
)
_MAX_BLOCK = 400  # a blocking word shared by more actors says nothing (a legal form, a region)


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a near match: an actor as the dataset has it, with its networks."""

    key: str
    name: str
    city: str | None
    type: str
    id: str | None
    networks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NearMatch:
    """Two actors whose names are alike, but not alike enough to be merged automatically.

    ``alias`` is the spelling a reviewer may confirm as another name of ``actor`` (the
    registry actor, or the actor in more networks); ``score`` is the similarity (0-100).
    """

    score: float
    alias: Side
    actor: Side

    def as_row(self) -> dict[str, str]:
        """The match as a row of ``aliases.csv``, with score and networks for the reviewer."""
        return {
            "score": f"{self.score:.0f}",
            "name": self.alias.name,
            "city": self.alias.city or "",
            "networks": "|".join(self.alias.networks),
            "actor_id": self.actor.id or "",
            "canonical_name": self.actor.name,
            "canonical_city": self.actor.city or "",
            "canonical_networks": "|".join(self.actor.networks),
        }


@dataclass(frozen=True, slots=True)
class _Traits:
    """What of an actor decides whether it can be one with another (the never-merged rules)."""

    registry: bool
    type: str
    name: str  # the normal name
    city: str
    forms: frozenset[str]
    marks: frozenset[str]
    kinds: frozenset[str]
    generic: bool

    @classmethod
    def of(cls, actor: Actor, normal: str) -> _Traits:
        city = normal_name(actor.city) if actor.city else ""
        return cls(
            actor.id is not None,
            actor.type,
            normal,
            city,
            legal_forms(normal),
            distinctions(normal),
            kinds(normal),
            is_generic(normal),
        )

    def compatible(self, other: _Traits) -> bool:
        """Two registry actors, types, legal forms, numbers or kinds that differ: never; nor
        two cities, unless it is the same name of an institution (a school, a Volkshochschule
        in two cities is worth a look; a firm or a generic name is not)."""
        return not (
            (self.registry and other.registry)
            or (self.type != other.type and "other" not in (self.type, other.type))
            or (
                self.city
                and other.city
                and self.city != other.city
                and not (self.name == other.name and self.kinds and not self.generic)
            )
            or (self.forms and other.forms and self.forms != other.forms)
            or self.marks != other.marks
            or (self.kinds and other.kinds and self.kinds != other.kinds)
        )


def _words(normal: str) -> list[str]:
    """The words of a normal name that are compared: joiners split, legal forms left out."""
    return sorted(w for w in normal.replace("-", " ").split() if w not in LEGAL_FORMS)


def similarity(first: str, second: str) -> float:
    """How alike two names are (0-100), for review: typos score high, other words low.

    The words both names share are set aside; the words in which they differ are compared
    by their edit similarity (optimal string alignment: a swap of two letters is one edit).
    Names that differ only by words one of them adds score the share of the letters in common.
    Legal forms, case, order of words and all that :func:`normal_name` ignores do not count.

    Examples
    --------
    >>> round(similarity("Handwerskammer Aachen", "HWK Aachen"))
    93
    >>> round(similarity("Brelinger Brauerei GmbH", "Brelinger Druckerei GmbH"))
    56
    >>> round(similarity("Lindt & Sprüngli GmbH", "Lindt & Sprüngli (Deutschland) GmbH"))
    61
    """
    words_a, words_b = _words(normal_name(first)), _words(normal_name(second))
    only_a, only_b = Counter(words_a), Counter(words_b)
    shared = only_a & only_b
    only_a, only_b = only_a - shared, only_b - shared
    if only_a and only_b:
        return 100 * OSA.normalized_similarity(
            " ".join(sorted(only_a.elements())), " ".join(sorted(only_b.elements()))
        )
    common = sum(len(word) * count for word, count in shared.items())
    extra = sum(len(word) * count for word, count in (only_a or only_b).items())
    return 100 * common / (common + extra) if common + extra else 100.0


def near_matches(dataset: Dataset, *, min_score: float = 80.0) -> list[NearMatch]:
    """Pairs of actors of a dataset whose names are near but were not merged, for review.

    Candidates are blocked, not all pairs compared: two actors are compared only if their
    names share a distinctive word, or their cities and a word's first three letters (a block
    of more than 400 actors is too common to say anything and is skipped); a rapidfuzz ratio
    of the normal names, computed block by block in C++, sorts out the clearly different ones,
    then :func:`similarity` scores the rest. Pairs that can never be one actor are left out:
    two registry actors, different types, legal forms, numbers or kinds of institution, and
    different cities unless both have the same name of an institution.

    Parameters
    ----------
    dataset
        Records as :func:`fks_graph.input.read_dataset` returns them (aliases applied).
    min_score
        The least score listed (0-100).

    Returns
    -------
    list[NearMatch]
        Best first; each pair once.

    Examples
    --------
    >>> from fks_graph.input.records import DatasetInfo, Membership, Origin
    >>> o = Origin("memberships.csv", 2)
    >>> actors = (Actor("name:a", "Handwerkskammer Aachen", o, city="Aachen"),
    ...           Actor("name:b", "Handwerskammer Aachen", o, city="Aachen"),
    ...           Actor("name:c", "Kreishandwerkerschaft Aachen", o, city="Aachen"))
    >>> members = (Membership("N1", "name:a", o), Membership("N2", "name:a", o),
    ...            Membership("N3", "name:b", o), Membership("N3", "name:c", o))
    >>> (match,) = near_matches(Dataset(DatasetInfo("d", "D"), (), actors, members))
    >>> match.alias.name, match.actor.name, match.actor.networks, round(match.score)
    ('Handwerskammer Aachen', 'Handwerkskammer Aachen', ('N1', 'N2'), 93)
    """
    networks: dict[str, dict[str, None]] = defaultdict(dict)
    for membership in dataset.memberships:
        networks[membership.actor_key][membership.network_id] = None
    actors = dataset.actors
    normals = [normal_name(actor.name) for actor in actors]
    texts = [" ".join(_words(normal)) for normal in normals]
    traits = [_Traits.of(actor, normal) for actor, normal in zip(actors, normals, strict=True)]
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    distinctive: dict[str, bool] = {}
    for index, (trait, text) in enumerate(zip(traits, texts, strict=True)):
        words = {word for word in text.split() if not word.isdigit()}
        keys = {("city", trait.city, word[:3]) for word in words}
        for word in words:
            if word not in distinctive:
                distinctive[word] = len(word) > 2 and not is_generic(word)
            if distinctive[word]:
                keys.add(("word", word))
        for block in keys:
            blocks[block].append(index)
    cutoff = max(0.0, min_score - 5)  # the ratio of whole names bounds the score from above
    found = [np.zeros(0, dtype=np.int64)]
    for members in blocks.values():
        if not 1 < len(members) <= _MAX_BLOCK:
            continue
        strings = [texts[i] for i in members]
        scores = process.cdist(
            strings, strings, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float32
        )
        rows, columns = np.nonzero(np.triu(scores, 1))
        if len(rows):
            index = np.asarray(members, dtype=np.int64)  # ascending: index[row] < index[column]
            found.append(index[rows] * len(actors) + index[columns])
    pairs = np.unique(np.concatenate(found))  # each pair once, in a fixed order
    sides: dict[int, Side] = {}

    def side(index: int) -> Side:
        if index not in sides:
            actor = actors[index]
            sides[index] = Side(
                actor.key,
                actor.name,
                actor.city,
                actor.type,
                actor.id,
                tuple(networks.get(actor.key, ())),
            )
        return sides[index]

    matches = []
    for first, second in zip(*np.divmod(pairs, len(actors)), strict=True):
        first, second = int(first), int(second)
        if not traits[first].compatible(traits[second]):
            continue
        score = similarity(actors[first].name, actors[second].name)
        if score < min_score:
            continue
        one, other = side(first), side(second)
        if (other.id is not None, len(other.networks), -second) > (
            one.id is not None,
            len(one.networks),
            -first,
        ):
            one, other = other, one
        matches.append(NearMatch(score, alias=other, actor=one))
    matches.sort(key=lambda m: (-m.score, m.actor.name, m.alias.name, m.alias.key))
    return matches


def to_csv(matches: Iterable[NearMatch]) -> str:
    """Near matches as CSV text; the confirmed rows make an ``aliases.csv`` as they are.

    Opened in a spreadsheet, a name cannot act as a formula (:func:`~fks_graph.core.cells.neutralise`);
    read back as ``aliases.csv``, the names are as they were (:func:`~fks_graph.core.cells.restore`).

    Examples
    --------
    >>> print(to_csv([]), end="")
    score,name,city,networks,actor_id,canonical_name,canonical_city,canonical_networks
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, REVIEW_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(neutralise_records(match.as_row() for match in matches))
    return out.getvalue()
