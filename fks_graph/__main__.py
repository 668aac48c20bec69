"""Run the command line interface: ``python -m fks_graph``."""

from fks_graph.cli import main

main()
