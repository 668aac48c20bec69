"""Local actors (companies, schools, education providers), named by name, type and town."""

from __future__ import annotations

import random
from dataclasses import dataclass

from fks_graph.input.names import name_key
from fks_graph.synthetic.draw import cumulative
from fks_graph.synthetic.naming import Names, adjective
from fks_graph.synthetic.words import (
    BRANCHES,
    EDU_KINDS,
    HOSTILE_COMPANIES,
    LEGAL_FORMS,
    PUBLIC_COMPANIES,
    QUARTERS,
    SCHOOL_KINDS,
    TRADES,
)

__all__ = ["Local", "LocalActors"]


@dataclass(slots=True)
class Local:
    """A local actor and the number of networks it is a member of."""

    name: str
    type: str
    city: str
    uses: int = 0


class LocalActors:
    """The local actors of a run: each name once per town (as the reader's name key sees it).

    Examples
    --------
    >>> rng = random.Random(1)
    >>> actors = LocalActors(rng, Names(rng))
    >>> actors.get("school", "Realschule Brelingen", "Brelingen")
    (0, True)
    >>> actors.get("school", "Realschule  Brelingen", "Brelingen")
    (0, False)
    >>> actors.school_name("Quarnau"), actors.school_counts
    ('Berufsschule Quarnau 1', {('Berufsschule', 'Quarnau'): 1})
    """

    def __init__(self, rng: random.Random, names: Names) -> None:
        self.rng = rng
        self.names = names
        self.actors: list[Local] = []
        self.index: dict[tuple[str, str], int] = {}
        self.pools: dict[tuple[str, str], list[int]] = {}  # (type, town) -> local ids
        self.school_counts: dict[tuple[str, str], int] = {}
        self.vhs: dict[str, int] = {}  # town -> its Volkshochschule
        self.legal_forms = [form for form, _ in LEGAL_FORMS]
        self.legal_cum = cumulative(w for _, w in LEGAL_FORMS)
        self.school_kinds = [kind for kind, _ in SCHOOL_KINDS]
        self.school_cum = cumulative(w for _, w in SCHOOL_KINDS)

    def get(self, type_: str, name: str, town: str) -> tuple[int, bool]:
        """The local actor ``name`` in ``town`` (created if new) and whether it was new."""
        key = (name_key(name, town), town)
        found = self.index.get(key)
        if found is not None:
            return found, False
        lid = self.index[key] = len(self.actors)
        self.actors.append(Local(name, type_, town))
        self.pools.setdefault((type_, town), []).append(lid)
        return lid, True

    def company_name(self, town: str) -> str:
        """An invented company of ``town``: by branch, surname, trade, or a public utility."""
        rng = self.rng
        surname = self.names.surname
        form = rng.choices(self.legal_forms, cum_weights=self.legal_cum)[0]
        roll = rng.random()
        if roll < 0.015:
            return rng.choice(HOSTILE_COMPANIES).format(
                S=surname(), S2=surname(), T=town, J=adjective(town)
            )
        if roll < 0.05:
            return rng.choice(PUBLIC_COMPANIES).format(T=town, J=adjective(town))
        if roll < 0.30:
            return f"{adjective(town)} {rng.choice(BRANCHES)} {form}"
        if roll < 0.55:
            return f"{surname()} {rng.choice(BRANCHES)} {form}"
        if roll < 0.65:
            return f"{surname()} {form}"
        if roll < 0.72:
            return f"{surname()} & {surname()} {form}"
        if roll < 0.82:
            return f"{rng.choice(BRANCHES)} {surname()} {form}"
        trade = rng.choice(TRADES)
        return f"{trade} {surname()}" + (" e.K." if rng.random() < 0.4 else "")

    def school_name(self, town: str) -> str:
        """A school of ``town``; Berufsschulen numbered, others by quarter after the first."""
        kind = self.rng.choices(self.school_kinds, cum_weights=self.school_cum)[0]
        count = self.school_counts[(kind, town)] = self.school_counts.get((kind, town), 0) + 1
        if kind == "Berufsschule":
            return f"Berufsschule {town} {count}"
        if count == 1:
            return f"{kind} {town}"
        if count <= 1 + len(QUARTERS):
            return f"{kind} {town}-{QUARTERS[count - 2]}"
        return f"{kind} {town} {count}"

    def edu_name(self, town: str) -> str:
        """An education provider of ``town``."""
        return self.rng.choice(EDU_KINDS).format(T=town, S=self.names.surname())

    def pick(
        self, type_: str, town: str, seen: set[str | int], reuse: float, cap: int
    ) -> int | None:
        """A local actor of ``type_`` in ``town`` not in ``seen``: reused or new (or none).

        With probability ``reuse`` one already known in the town is taken if it is in fewer
        than ``cap`` networks; otherwise up to twelve new names are tried.
        """
        rng = self.rng
        pool = self.pools.get((type_, town))
        if pool and rng.random() < reuse:
            lid = rng.choice(pool)
            if self.actors[lid].uses < cap and lid not in seen:
                return lid
        make = {"company": self.company_name, "school": self.school_name}.get(type_, self.edu_name)
        for _ in range(12):
            lid, new = self.get(type_, make(town), town)
            if new or (self.actors[lid].uses < cap and lid not in seen):
                return lid
        return None
