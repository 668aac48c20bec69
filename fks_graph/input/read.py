"""Read a dataset into checked, typed records: values, references and actor names resolved."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from fks_graph.core.errors import InputError
from fks_graph.core.nogc import no_gc
from fks_graph.core.text import fold
from fks_graph.input.names import clear_caches
from fks_graph.input.read_actors import named_actors, prepare_names, read_actors
from fks_graph.input.read_events import read_awards, read_events, read_programmes
from fks_graph.input.read_memberships import read_memberships
from fks_graph.input.read_networks import read_networks
from fks_graph.input.read_projects import read_partners, read_projects
from fks_graph.input.records import Dataset, DatasetInfo
from fks_graph.input.rows import Reader
from fks_graph.input.tables import read_tables

__all__ = ["read_dataset"]


# the keys of dataset.csv, by their folded German or English names
_KEYS = {key: key for key in ("title", "description", "source", "license", "synthetic", "id")}
_KEYS.update(
    generator="generator",
    parameters="parameters",
    licence="license",
    titel="title",
    beschreibung="description",
    quelle="source",
    lizenz="license",
    synthetisch="synthetic",
    parameter="parameters",
)


def _info(reader: Reader, path: Path) -> DatasetInfo:
    """The dataset's metadata: the ``dataset`` table (key, value), else the path's name."""
    meta: dict[str, str] = {}
    source = None
    table = reader.tables.get("dataset")
    for row in table.rows if table else ():
        key, value = reader.text(row, "key"), reader.text(row, "value")
        if key and value:
            name = _KEYS.get(fold(key))
            if name is None:
                known = ", ".join(sorted(set(_KEYS.values()) - {"id"}))
                reader.warn(table, row, "key", f"unknown key '{key}' (ignored; known: {known})")
                continue
            meta[name] = value
            if name == "source":
                source = reader.url(table, row, "value")
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
        files=tuple(sorted(t.label for t in reader.tables.values())),
    )


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
            reader = Reader(read_tables(path))
            info = _info(reader, path)
            networks = read_networks(reader)
            read_actors(reader)
            prepare_names(reader)
            memberships = read_memberships(reader)
            projects = read_projects(reader)
            partners = read_partners(reader)
            events = read_events(reader)
            awards = read_awards(reader)
            programmes, participations = read_programmes(reader)
            if reader.errors:
                raise InputError(reader.errors)
            registry_actors = [
                replace(actor, registry=reader.links.get(actor.key))
                for actor in reader.registry.values()
            ]
            return Dataset(
                info=info,
                networks=tuple(networks),
                actors=(*registry_actors, *named_actors(reader)),
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
