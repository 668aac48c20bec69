"""Benchmark the reading commands on a built graph file against pyoxigraph alone.

Usage::

    python bench/reading.py [--networks 600] [--repeat 5]

Generates a national dataset (seed 1), builds its Turtle file once, then runs each command in
a fresh process and prints the median wall time of the runs with its ratio to the floor,
measured in the same invocation: a bare script that imports pyoxigraph, bulk-loads the same
file and reads every value of the library's ``cross-network-actors`` query. Imports, parsing
and output count for both sides; the goal of issue #20 is ``cross-actors`` within 1.6× of it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from startup import median_seconds  # bench/ is the script's folder: its first import path

QUERY = Path(__file__).resolve().parents[1] / "fks_graph" / "sparql" / "queries"

#: The floor: pyoxigraph loads the file and answers the cross-network query, values read.
BARE = """
import sys
import pyoxigraph as ox
store = ox.Store()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.TURTLE)
two = ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
text = open(sys.argv[2], encoding="utf-8").read()
rows = [[None if t is None else t.value for t in row]
        for row in store.query(text, substitutions={ox.Variable("min_networks"): two})]
print(len(rows))
"""


def _commands(graph: Path, out: Path) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "fks_graph"]
    query = str(QUERY / "cross-network-actors.rq")
    return {
        "pyoxigraph load + query (the floor)": [sys.executable, "-c", BARE, str(graph), query],
        "fks-graph cross-actors -f csv": [*cli, "cross-actors", str(graph), "-f", "csv"],
        "fks-graph cross-actors (table)": [*cli, "cross-actors", str(graph)],
        "fks-graph query cross-network-actors": [
            *cli, "query", str(graph), "cross-network-actors", "-f", "csv",
        ],
        "fks-graph query networks-by-land": [*cli, "query", str(graph), "networks-by-land"],
        "fks-graph viz (overview)": [*cli, "viz", str(graph), "-o", str(out / "o.html"), "-q"],
        "fks-graph export .graphml": [
            *cli, "export", str(graph), "-o", str(out / "g.graphml"), "-q",
        ],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--networks", type=int, default=600, help="networks generated")
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cli = [sys.executable, "-m", "fks_graph"]
        data, graph = folder / "data", folder / "graph.ttl"
        subprocess.run([*cli, "generate", "-n", str(args.networks), str(data), "-q"], check=True)
        subprocess.run([*cli, "build", str(data), "-o", str(graph), "-q"], check=True)
        print(f"{args.networks} networks, {graph.stat().st_size / 1e6:.1f} MB of Turtle")
        print(f"{'command':<40} {'median':>8} {'× floor':>8}")
        floor = None
        for name, command in _commands(graph, folder).items():
            seconds = median_seconds(command, args.repeat)
            floor = floor or seconds
            print(f"{name:<40} {seconds:>7.2f}s {seconds / floor:>7.2f}×")


if __name__ == "__main__":
    main()
