"""The networks: their area, name, codes and members, with the membership rows."""

from __future__ import annotations

import random

from fks_graph.synthetic.draw import cumulative
from fks_graph.synthetic.geography import Kreis, adjacent, laender, land_codes
from fks_graph.synthetic.naming import adjective, slug
from fks_graph.synthetic.projects import add_projects
from fks_graph.synthetic.state import State
from fks_graph.synthetic.words import NETWORK_NAMES

__all__ = ["add_network"]

# Membership of institutions: (Kreis attribute, probability for the home Kreis, for the others).
_INSTITUTIONS = (
    ("ihk", 0.95, 0.7), ("hwk", 0.88, 0.6), ("aa", 0.95, 0.75), ("jc", 0.9, 0.75),
    ("mun", 0.95, 0.85), ("wf", 0.65, 0.4), ("dgb", 0.6, 0.3), ("drv", 0.45, 0.2),
    ("uni", 0.6, 0.3), ("agv", 0.55, 0.3), ("fi", 0.2, 0.1),
)  # fmt: skip
_COORDINATOR_WEIGHT = {
    "business_development": 3.0, "municipality": 3.0, "chamber_of_commerce": 3.0,
    "employment_agency": 1.5, "chamber_of_crafts": 1.0, "employers_association": 1.0,
    "education_provider": 0.4, "university": 0.4, "jobcenter": 0.4,
}  # fmt: skip
_ADVISORY = ("pension_insurance", "university", "research", "union")
_LOCAL_TYPES = ("company", "school", "education_provider")

# A member: (registry id or local actor index, actor type).
Member = tuple[str | int, str]


def _span(state: State, home: Kreis) -> list[Kreis]:
    """The Kreise a network works in: its home and up to two neighbours in the chain."""
    rng, kreise = state.rng, state.kreise
    roll = rng.random()
    size = 1 if roll < 0.73 else 2 if roll < 0.93 else 3
    span = [home]
    while len(span) < size:
        ends = {span[0].index, span[-1].index}
        options = []
        for i in sorted(ends):
            for j in (i - 1, i + 1):
                if (
                    0 <= j < len(kreise)
                    and all(k.index != j for k in span)
                    and adjacent(kreise[min(i, j)], kreise[max(i, j)])
                ):
                    options.append(kreise[j])
        if not options:
            break
        span.append(rng.choice(options))
        span[1:] = sorted(span[1:], key=lambda k: k.index)
    return span


def _network_name(state: State, span: list[Kreis], legal_form: str) -> tuple[str, str]:
    """A name not given before, and the region the network names."""
    rng = state.rng
    home = span[0]
    shorts = "-".join(dict.fromkeys(k.short for k in span))
    if len(span) == 1:
        region, r = home.label, home.area
    elif rng.random() < 0.6:
        region, r = " / ".join(k.label for k in span), shorts
    else:
        region, r = f"Region {shorts}", f"{adjective(home.seat)} Land"
    for attempt in range(30):
        name = rng.choice(NETWORK_NAMES).format(R=r if attempt < 20 else f"{r} {attempt}")
        if legal_form == "e. V." and rng.random() < 0.6:
            name += " e.V."
        elif legal_form == "GmbH" and rng.random() < 0.5:
            name += " GmbH"
        if name not in state.network_names:
            break
    state.network_names.add(name)
    return name, region


def _codes(
    rng: random.Random, codes: tuple[str, ...], low: int, high: int, labels: dict[str, str]
) -> list[str]:
    """``low`` to ``high`` of ``codes`` in their order, a few written as their German label."""
    chosen = rng.sample(codes, rng.randint(low, high))
    return [labels[c] if rng.random() < 0.04 else c for c in codes if c in chosen]


def _institution_members(
    state: State, span: list[Kreis], members: list[Member], seen: set[str | int]
) -> None:
    """The institutions of the span that join, home ones more likely, and welfare bodies."""
    rng = state.rng
    for attr, p_home, p_other in _INSTITUTIONS:
        ids = []
        for kreis in span:
            if kreis.inst[attr] not in ids:
                ids.append(kreis.inst[attr])
        for position, actor_id in enumerate(ids):
            if rng.random() < (p_home if position == 0 else p_other):
                members.append((actor_id, state.registry.actors[actor_id].type))
                seen.add(actor_id)
    for position, kreis in enumerate(span):
        for actor_id in kreis.welfare:
            if rng.random() < (0.45 if position == 0 else 0.2):
                members.append((actor_id, "welfare_organisation"))
                seen.add(actor_id)


def _local_members(
    state: State, span: list[Kreis], members: list[Member], seen: set[str | int]
) -> None:
    """Schools, a Volkshochschule, education providers and companies of the span's towns."""
    rng, actors = state.rng, state.locals
    towns: list[str] = []
    weights: list[float] = []
    for position, kreis in enumerate(span):
        for t, town in enumerate(kreis.towns):
            towns.append(town)
            weights.append((3.0 if position == 0 else 1.5) if t == 0 else 1.0)
    cum = cumulative(weights)

    def add(type_: str, reuse: float, cap: int) -> int | None:
        town = rng.choices(towns, cum_weights=cum)[0]
        lid = actors.pick(type_, town, seen, reuse, cap)
        if lid is not None:
            members.append((lid, type_))
            seen.add(lid)
        return lid

    for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
        lid = add("school", 0.2, 4)
        if lid is not None and rng.random() < 0.35:
            name = actors.actors[lid].name
            if name.startswith("Berufsschule "):  # a numbered sibling
                town = actors.actors[lid].city
                number = actors.school_counts[("Berufsschule", town)] = (
                    actors.school_counts[("Berufsschule", town)] + 1
                )
                sibling, _ = actors.get("school", f"Berufsschule {town} {number}", town)
                members.append((sibling, "school"))
                seen.add(sibling)
    if rng.random() < 0.55:
        town = rng.choices(towns, cum_weights=cum)[0]
        if town not in actors.vhs:
            name = "Volkshochschule" if rng.random() < 0.85 else f"Volkshochschule {town}"
            actors.vhs[town] = actors.get("education_provider", name, town)[0]
        if actors.vhs[town] not in seen:
            members.append((actors.vhs[town], "education_provider"))
            seen.add(actors.vhs[town])
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        add("education_provider", 0.25, 4)
    companies = rng.randint(3, 16)
    if rng.random() < 0.35:
        companies += rng.randint(5, 35)
    if rng.random() < 0.04:
        companies += rng.randint(30, 90)
    companies = max(companies, 5 - len(members))
    for _ in range(companies):
        add("company", 0.06, 3)


def _members(state: State, span: list[Kreis]) -> list[Member]:
    """The network's members in order: institutions first, then local actors."""
    members: list[Member] = []
    seen: set[str | int] = set()
    _institution_members(state, span, members, seen)
    _local_members(state, span, members, seen)
    return members


def _since(rng: random.Random, founded: int) -> tuple[str, str]:
    """When a member joined (often left open) and, rarely, when it left."""
    roll = rng.random()
    if roll < 0.55:
        since, year = "", founded
    else:
        year = founded + min(rng.randint(0, 6), rng.randint(0, 12))
        year = min(year, 2023)
        since = str(year)
        if roll > 0.9:
            since = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    until = ""
    if rng.random() < 0.05 and year < 2024:
        until = str(rng.randint(year + 1, 2024))
    return since, until


def _role(rng: random.Random, type_: str, coordinator: bool) -> str:
    if coordinator:
        return "coordinator"
    if type_ in _LOCAL_TYPES:
        return "member" if rng.random() < (0.75 if type_ == "company" else 0.4) else "partner"
    roll = rng.random()
    advisory = 0.35 if type_ in _ADVISORY else 0.08
    return "advisory" if roll < advisory else "member" if roll > 0.9 else "partner"


def _add_membership(
    state: State, nid: str, founded: int, who: str | int, type_: str, coordinator: bool
) -> None:
    """A membership row: by registry id, by id with a name, or by name, type and city."""
    rng = state.rng
    role = _role(rng, type_, coordinator)
    since, until = _since(rng, founded)
    label = state.codes.type_labels[type_] if rng.random() < 0.12 else type_
    if isinstance(who, int):
        local = state.locals.actors[who]
        local.uses += 1
        if label == "school" and local.name.startswith("Berufsschule") and rng.random() < 0.5:
            label = "Berufsschule"
        elif local.name.startswith("Volkshochschule") and rng.random() < 0.3:
            label = "Volkshochschule"
        row = [nid, "", local.name, label, local.city, role, since, until]
    else:
        actor = state.registry.actors[who]
        state.registry.uses[who] = state.registry.uses.get(who, 0) + 1
        roll = rng.random()
        if roll < 0.08:  # by name and city only: the reader resolves it against actors.csv
            row = [nid, "", actor.name, label, actor.city, role, since, until]
        else:
            name = actor.name if roll > 0.95 else actor.alias if roll > 0.9 else ""
            shown = label if rng.random() < 0.4 else ""
            row = [nid, who, name, shown, "", role, since, until]
    state.memberships.append(row)


def _website(rng: random.Random, name: str) -> str:
    web = slug(name)
    roll = rng.random()
    if roll < 0.6:
        return f"https://www.{web}.example.org/"
    if roll < 0.75:
        return f"https://{web}.invalid"
    return f"www.{web}.example.org" if roll < 0.85 else ""


def add_network(state: State, number: int, home: Kreis) -> None:
    """Network ``number`` at home in ``home``: its row, memberships and projects.

    Examples
    --------
    >>> state = State(1)
    >>> add_network(state, 1, state.kreise[0])
    >>> state.networks[0][0], state.networks[0][3] == state.kreise[0].key
    ('N0001', True)
    >>> sum(row[5] == "coordinator" for row in state.memberships)
    1
    """
    rng, codes = state.rng, state.codes
    nid = f"N{number:04d}"
    span = _span(state, home)
    founded = rng.choices(range(2008, 2017), cum_weights=(1, 3, 6, 10, 16, 22, 27, 30, 32))[0]
    legal_form = rng.choices(("agreement", "e. V.", "GmbH"), cum_weights=(6, 9, 10))[0]
    name, region = _network_name(state, span, legal_form)
    states = land_codes(span)
    if rng.random() < 0.07:
        land_names = {land.iso: land.name for land in laender()}
        states = [land_names[iso] for iso in states]
    website = _website(rng, name)
    fields = _codes(rng, codes.action_fields, 1, 4, codes.field_labels)
    groups = _codes(rng, codes.target_groups, 1, 5, codes.group_labels)
    field_codes = [f for f in codes.action_fields if f in fields or codes.field_labels[f] in fields]
    description = (
        f"{name} bündelt seit {founded} Kammern, Arbeitsverwaltung, Kommunen, Schulen und "
        f"Unternehmen; Region: {region}. Schwerpunkte: "
        + "; ".join(codes.field_labels[f] for f in field_codes)
        + "."
    )
    if rng.random() < 0.1:
        description += " Motto: „Gemeinsam für Fachkräfte – hier bei uns“."
    state.networks.append(
        [
            nid,
            name,
            region,
            home.key,
            home.region_type,
            "|".join(states),
            str(founded),
            legal_form,
            website,
            "|".join(fields),
            "|".join(groups),
            description,
            f"https://innovationsbuero.example.org/netzwerke/{nid}",
        ]
    )
    state.founded.append(founded)
    members = _members(state, span)
    weights = [_COORDINATOR_WEIGHT.get(type_, 0.0) for _, type_ in members]
    if not any(weights):
        weights = [1.0] * len(members)
    coordinator = rng.choices(range(len(members)), weights=weights)[0]
    for position, (who, type_) in enumerate(members):
        _add_membership(state, nid, founded, who, type_, position == coordinator)
    add_projects(state, nid, founded, span, field_codes, members, coordinator)
