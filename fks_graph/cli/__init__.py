"""The ``fks-graph`` command line: a thin layer over the library, with documented exit codes."""

from __future__ import annotations

from fks_graph.cli import building, reading, serving  # noqa: F401  (registers the commands)
from fks_graph.cli.options import app

__all__ = ["app", "main"]


def main() -> None:
    """Run the command line (the ``fks-graph`` entry point)."""
    app()
