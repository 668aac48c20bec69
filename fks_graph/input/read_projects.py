"""Read the projects table and the project partners table."""

from __future__ import annotations

from fks_graph.input.read_actors import actor_ref
from fks_graph.input.records import Project, ProjectPartner
from fks_graph.input.rows import Reader

__all__ = ["read_partners", "read_projects"]


def read_projects(reader: Reader) -> list[Project]:
    """Read ``projects.csv`` (optional): one project of a network per row.

    Parameters
    ----------
    reader
        The reading of the dataset, its networks read.

    Returns
    -------
    list[Project]
        The projects of the rows without errors, in input order.

    Examples
    --------
    >>> from fks_graph.input.read_networks import read_networks
    >>> from fks_graph.input.raw import Row, Table
    >>> networks = Table("networks", "networks.csv", ("id", "name"),
    ...                  (Row(2, {"id": "N1", "name": "Bündnis A"}),))
    >>> projects = Table("projects", "projects.csv", ("id", "name", "network_id", "start"),
    ...     (Row(2, {"id": "P1", "name": "Azubi-Speeddating", "network_id": "Bündnis A",
    ...              "start": "01.09.2019"}),))
    >>> reader = Reader({"networks": networks, "projects": projects})
    >>> _ = read_networks(reader)
    >>> [(p.id, p.network_id, p.start) for p in read_projects(reader)]
    [('P1', 'N1', '2019-09-01')]
    """
    table = reader.tables.get("projects")
    result = []
    for row in table.rows if table else ():
        project_id = reader.unique_id(table, row, reader.project_ids, "project")
        name = reader.required(table, row, "name", "project name")
        network_id = reader.network_ref(table, row)
        start, end, _ = reader.period(table, row, "start", "end")
        fields, groups, themes = reader.codes(table, row)
        if project_id is None or name is None or network_id is None:
            continue
        reader.project_networks[project_id] = network_id
        result.append(
            Project(
                project_id,
                name,
                network_id,
                reader.origin(table, row),
                start,
                end,
                fields,
                groups,
                themes,
                reader.text(row, "description"),
                reader.url(table, row, "source"),
            )
        )
    return result


def read_partners(reader: Reader) -> list[ProjectPartner]:
    """Read ``project_partners.csv`` (optional): one actor taking part in a project per row.

    The projects must be read and the names prepared before.

    Parameters
    ----------
    reader
        The reading of the dataset.

    Returns
    -------
    list[ProjectPartner]
        The partners of the rows without errors, in input order.

    Examples
    --------
    >>> from fks_graph.input.raw import Row, Table
    >>> partners = Table("project_partners", "project_partners.csv", ("project_id", "actor_name"),
    ...     (Row(2, {"project_id": "P9", "actor_name": "IHK Aachen"}),))
    >>> reader = Reader({"project_partners": partners})
    >>> read_partners(reader)
    []
    >>> print(reader.errors[0])
    project_partners.csv, row 2, column 'project_id': unknown project id 'P9' (expected an id from projects.csv (there is none))
    """
    table = reader.tables.get("project_partners")
    result = []
    known = reader.tables.get("projects")
    projects = known.label if known else "projects.csv (there is none)"
    for row in table.rows if table else ():
        project_id = reader.required(table, row, "project_id", "project id")
        if project_id is not None and project_id not in reader.project_ids:
            reader.error(
                table,
                row,
                "project_id",
                f"unknown project id '{project_id}' (expected an id from {projects})",
            )
            project_id = None
        origin = reader.origin(table, row)
        scope = None if project_id is None else reader.project_networks.get(project_id)
        actor_key = actor_ref(reader, table, row, origin, scope)
        if project_id is None or actor_key is None:
            continue
        result.append(ProjectPartner(project_id, actor_key, origin, reader.text(row, "role")))
    return result
