"""The installed version of fks-graph, read from the package metadata."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["version"]


@lru_cache(maxsize=1)
def version() -> str:
    """The version of the installed distribution (``0.0.0`` in a source tree without install).

    Examples
    --------
    >>> version().count(".") >= 2
    True
    """
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("fks-graph")
    except PackageNotFoundError:  # pragma: no cover - a source tree without install
        return "0.0.0"
