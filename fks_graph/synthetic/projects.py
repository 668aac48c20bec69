"""The projects of a network with their partners, and the awards of the Innovationstage."""

from __future__ import annotations

from fks_graph.synthetic.geography import Kreis
from fks_graph.synthetic.state import State
from fks_graph.synthetic.words import PROJECTS

__all__ = ["add_awards", "add_projects"]

_AWARD_YEARS = (2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2021, 2022)  # no 2020
_AWARDS_PER_YEAR = {2013: 8, 2022: 4}  # otherwise 5


def _add_partners(
    state: State, pid: str, members: list[tuple[str | int, str]], coordinator: int
) -> None:
    """A project's partners among the network's members, led mostly by its coordinator."""
    rng = state.rng
    lead = coordinator if rng.random() < 0.7 else rng.randrange(len(members))
    others = [i for i in range(len(members)) if i != lead]
    chosen = [lead, *rng.sample(others, min(len(others), rng.randint(1, 5)))]
    for position, index in enumerate(chosen):
        who, type_ = members[index]
        role = "coordinator" if position == 0 else "partner"
        if isinstance(who, int):
            local = state.locals.actors[who]
            state.partners.append([pid, "", local.name, type_, local.city, role])
        elif rng.random() < 0.1:
            actor = state.registry.actors[who]
            state.partners.append([pid, "", actor.name, type_, actor.city, role])
        else:
            state.partners.append([pid, who, "", "", "", role])


def add_projects(
    state: State,
    nid: str,
    founded: int,
    span: list[Kreis],
    field_codes: list[str],
    members: list[tuple[str | int, str]],
    coordinator: int,
) -> None:
    """One to three projects of the network ``nid`` (the last one added) that fit its fields.

    Examples
    --------
    >>> state = State(1)
    >>> members = [("IHK01", "chamber_of_commerce"), ("JC001", "jobcenter")]
    >>> state.networks.append(["N0001", "Netz"])
    >>> add_projects(state, "N0001", 2010, state.kreise[:1], ["family"], members, 0)
    >>> {row[2] for row in state.projects}, {row[5] for row in state.projects} <= {"family"}
    ({'N0001'}, True)
    """
    rng = state.rng
    home = span[0]
    r = home.area if len(span) == 1 else "-".join(dict.fromkeys(k.short for k in span))
    fitting = [p for p in PROJECTS if set(p[1].split()) & set(field_codes)] or list(PROJECTS)
    labels = state.codes.field_labels
    for template, fields, groups in rng.sample(
        fitting, min(len(fitting), rng.choice((1, 2, 2, 3)))
    ):
        pid = f"P{len(state.projects) + 1:05d}"
        start_year = rng.randint(max(founded, 2010), 2022)
        start = str(start_year)
        if rng.random() < 0.3:
            start = f"{start_year}-{rng.randint(1, 12):02d}-01"
        end = str(start_year + rng.randint(1, 4)) if rng.random() < 0.7 else ""
        project_fields = [f for f in fields.split() if f in field_codes] or fields.split()
        name = template.format(R=r, T=home.seat)
        state.projects.append(
            [
                pid,
                name,
                nid,
                start,
                end,
                "|".join(project_fields),
                "|".join(groups.split()),
                (
                    f"{name}: ein Projekt von {state.networks[-1][1]} "
                    f"({', '.join(labels[f] for f in project_fields)})."
                ),
            ]
        )
        _add_partners(state, pid, members, coordinator)


def add_awards(state: State) -> None:
    """The "Innovative Netzwerke" awards: five a year (eight in 2013, four in 2022), once each.

    Examples
    --------
    >>> state = State(1)
    >>> state.networks, state.founded = [["N0001"], ["N0002"]], [2010, 2016]
    >>> add_awards(state)
    >>> [(row[0], row[2]) for row in state.awards]
    [('N0001', '2012'), ('N0002', '2017')]
    """
    rng = state.rng
    winners: set[int] = set()
    for number, year in enumerate(_AWARD_YEARS, start=1):
        eligible = [i for i, f in enumerate(state.founded) if f < year and i not in winners]
        for i in sorted(rng.sample(eligible, min(len(eligible), _AWARDS_PER_YEAR.get(year, 5)))):
            winners.add(i)
            state.awards.append(
                [
                    state.networks[i][0],
                    "Innovative Netzwerke",
                    str(year),
                    f"{number}. Innovationstag",
                    f"https://innovationsbuero.example.org/innovationstag/{year}",
                ]
            )
