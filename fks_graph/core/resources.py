"""Locate the files shipped with the package: ontology, shapes and queries."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["ontology_path", "shapes_path"]


def _ontology_dir() -> Path:
    # In a wheel the ontology folder is installed as ``fks_graph/ontology``
    # (see ``[tool.hatch.build.targets.wheel.force-include]``); in a source
    # checkout or an editable install it is the top-level ``ontology/`` folder.
    installed = Path(str(files("fks_graph"))) / "ontology"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "ontology"


def ontology_path() -> Path:
    """Path of the OWL ontology ``fks.ttl``.

    Examples
    --------
    >>> ontology_path().name
    'fks.ttl'
    >>> ontology_path().is_file()
    True
    """
    return _ontology_dir() / "fks.ttl"


def shapes_path() -> Path:
    """Path of the SHACL shapes ``shapes.ttl``.

    Examples
    --------
    >>> shapes_path().name
    'shapes.ttl'
    """
    return _ontology_dir() / "shapes.ttl"
