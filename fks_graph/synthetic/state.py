"""The state of one generation run: random generator, geography, registry, actors and rows."""

from __future__ import annotations

import random

from fks_graph.synthetic.codes import Codes
from fks_graph.synthetic.geography import Kreis, make_kreise
from fks_graph.synthetic.institutions import Registry, found_institutions
from fks_graph.synthetic.local_actors import LocalActors
from fks_graph.synthetic.naming import Names

__all__ = ["State"]


class State:
    """One run from ``seed``: the Kreise with their institutions, and the rows written so far.

    Every draw comes from the one random generator ``rng``, in a fixed order, so that the same
    seed gives the same files.

    Examples
    --------
    >>> state = State(1)
    >>> len(state.kreise), len(state.registry.actors) > 1000, state.networks
    (400, True, [])
    """

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.codes = Codes.from_vocabulary()
        self.names = Names(self.rng)
        self.registry = Registry(self.rng)
        self.locals = LocalActors(self.rng, self.names)
        self.kreise: list[Kreis] = make_kreise(self.rng, self.names)
        found_institutions(self.kreise, self.registry, self.rng)
        self.network_names: set[str] = set()
        self.founded: list[int] = []
        self.networks: list[list[str]] = []
        self.memberships: list[list[str]] = []
        self.projects: list[list[str]] = []
        self.partners: list[list[str]] = []
        self.awards: list[list[str]] = []

    def cross_network(self) -> int:
        """The number of actors (institutions and local ones) in two or more networks."""
        registry = sum(1 for uses in self.registry.uses.values() if uses >= 2)
        return registry + sum(1 for local in self.locals.actors if local.uses >= 2)
