"""Benchmark starting fks-graph: wall time of `--help` and of importing the package.

Usage::

    python bench/startup.py [--repeat 7]

Each command runs in a fresh process; the median of the runs is printed with the ratio to
starting a bare interpreter (``python -c pass``), measured in the same invocation.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass (the floor)": [sys.executable, "-c", "pass"],
    "import fks_graph": [sys.executable, "-c", "import fks_graph"],
    "fks-graph --help": [sys.executable, "-m", "fks_graph", "--help"],
    "fks-graph cross-actors --help": [sys.executable, "-m", "fks_graph", "cross-actors", "--help"],
    "fks-graph queries": [sys.executable, "-m", "fks_graph", "queries"],
}


def median_seconds(command: list[str], repeat: int) -> float:
    """The median wall time of ``repeat`` runs of ``command``, each a fresh process."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per command (median)")
    args = parser.parse_args()
    if shutil.which(sys.executable) is None:  # pragma: no cover
        sys.exit(f"error: cannot run {sys.executable}")
    floor = None
    print(f"{'command':<34} {'median':>8} {'× floor':>8}")
    for name, command in COMMANDS.items():
        seconds = median_seconds(command, args.repeat)
        floor = floor or seconds
        print(f"{name:<34} {seconds:>7.3f}s {seconds / floor:>7.1f}×")


if __name__ == "__main__":
    main()
