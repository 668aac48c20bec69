"""Benchmark loading a graph into each store and the cross-actors query on it, against rdflib.

Usage::

    python bench/stores.py                                 # 600 and 6,000 networks, 3 runs each
    python bench/stores.py --networks 600 --repeat 5
    python bench/stores.py --networks 6000 --repeat 1 --rdflib-timeout 300

Stores: ``rdflib`` (its default in-memory store and SPARQL engine, the baseline),
``oxigraph-memory`` (what the commands use), ``folder`` (an embedded Oxigraph store on disk,
``fks_graph.store``) and ``oxigraph-server`` (a real ``oxigraph serve`` started here, once per
size, reached over HTTP). Every run of a step is a fresh Python process (imports and set-up not
timed); the median of the runs is printed with the process's peak memory (maximum resident set
size) and the ratio to rdflib's time for the same step (``load``, or ``query`` for every query
step) measured in the same invocation. An rdflib step is stopped after ``--rdflib-timeout``
seconds and printed as ``>`` that time. The cross-actors rows must be the same in every store.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import prepare  # the bench folder is not a package

from fks_graph.store.remote import RemoteStore

# Each step is a snippet run in a fresh interpreter with NT, WHERE (the store folder or the
# server's query URL) and TEXT (the query) defined; it sets COUNT (triples, or rows for queries),
# may stop the clock (END = now()) and may restart the clock and the time limit (restart())
# after a set-up that is not what the step measures.
_LOAD = """
    graph = load_graph(NT)
    restart()
    save_graph(graph, WHERE)
    COUNT = triple_count(graph)
"""
_OPEN = """
    copy = load_store(WHERE)
    END = now()
    COUNT = triple_count(copy)
"""
_QUERY = """
    copy = load_store(WHERE)
    restart()
    COUNT = len(cross_actors(copy))
"""
STEPS: list[tuple[str, str, str]] = [
    ("rdflib", "load", """
        graph = rdflib.Graph().parse(str(NT), format="nt")
        END = now()
        COUNT = len(graph)
    """),
    ("rdflib", "query", """
        graph = rdflib.Graph().parse(str(NT), format="nt")
        restart()
        bindings = {"min_networks": rdflib.Literal(2)}
        COUNT = len(list(graph.query(TEXT, initBindings=bindings)))
    """),
    ("oxigraph-memory", "load", """
        graph = load_graph(NT)
        END = now()
        COUNT = triple_count(graph)
    """),
    ("oxigraph-memory", "query", """
        graph = load_graph(NT)
        restart()
        COUNT = len(cross_actors(graph))
    """),
    ("folder", "load", _LOAD),
    ("folder", "open", _OPEN),
    ("folder", "query", _QUERY),
    # (a) pyoxigraph on the read-only disk store, its default graph the union of the graphs
    ("folder", "query-on-disk", """
        with reading(WHERE) as disk:
            restart()
            binding = {ox.Variable("min_networks"): ox.Literal(2)}
            solutions = disk.query(TEXT, substitutions=binding, use_default_graph_as_union=True)
            COUNT = len(list(solutions))
    """),
    # (b) rdflib + oxrdflib over the disk store: a Graph whose identifier is the named graph
    ("folder", "query-on-disk-rdflib", """
        from oxrdflib import OxigraphStore
        with reading(WHERE) as disk:
            name = rdflib.URIRef(next(iter(disk.named_graphs())).value)
            graph = rdflib.Graph(store=OxigraphStore(store=disk), identifier=name)
            restart()
            COUNT = len(cross_actors(graph))
    """),
    ("oxigraph-server", "load", _LOAD),
    # the Graph Store Protocol instead (PUT of the N-Triples file): Oxigraph refuses SPARQL
    # requests over 128 MiB, so `load` fails at 6,000 networks; this one loads the server then
    ("oxigraph-server", "load-gsp", """
        import urllib.parse, urllib.request
        from fks_graph.graph.files import graph_name
        graph = load_graph(NT)
        name, count = urllib.parse.quote(graph_name(graph), safe=""), triple_count(graph)
        restart()
        headers = {"Content-Type": "application/n-triples", "Content-Length": str(NT.stat().st_size)}
        url = WHERE.replace("/query", "/store?graph=") + name
        with NT.open("rb") as body:
            urllib.request.urlopen(urllib.request.Request(url, body, headers, method="PUT")).close()
        COUNT = count
    """),
    ("oxigraph-server", "open", _OPEN),
    ("oxigraph-server", "query", _QUERY),
    # the server answers: the parameter bound by VALUES, its default graph the union
    ("oxigraph-server", "query-on-server", """
        import urllib.parse, urllib.request
        text = TEXT.replace("WHERE {", "WHERE {\\n  VALUES ?min_networks { 2 }", 1)
        body = urllib.parse.urlencode({"query": text}).encode()
        accept = {"Accept": "application/sparql-results+json"}
        request = urllib.request.Request(WHERE + "?union-default-graph", body, accept)
        with urllib.request.urlopen(request) as answer:
            COUNT = len(json.load(answer)["results"]["bindings"])
    """),
]  # fmt: skip

_RUNNER = """
import json, signal, time
from pathlib import Path
import pyoxigraph as ox, rdflib
from fks_graph.analysis.cross_actors import cross_actors
from fks_graph.graph.files import load_graph
from fks_graph.graph.rdf import triple_count
from fks_graph.sparql.library import load_query
from fks_graph.store.folder import reading
from fks_graph.store.target import load_store, save_graph
NT, WHERE, TEXT = Path({nt!r}), {where!r}, load_query("cross-network-actors").text
COUNT = END = None
now = time.perf_counter
def restart(limit={limit}):
    global start
    signal.alarm(limit)  # SIGALRM ends the process: the run is stopped
    start = now()
restart({first_limit})
{body}
seconds = (END or now()) - start
# VmHWM, not ru_maxrss: Linux carries the parent's high-water mark over fork and exec into
# ru_maxrss, so it would never be below the benchmark's own (the generated data)
peak = int(Path("/proc/self/status").read_text().split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "count": COUNT}}))
"""


def run_step(body: str, nt: Path, where: str, limit: int = 0) -> dict:
    """Run one step once in a fresh interpreter: its seconds, peak MB and count.

    A run stopped after ``limit`` seconds (0: none) of timed work has ``at_least`` set.
    """
    body = textwrap.dedent(body)
    first = 0 if "restart()" in body else limit  # a set-up is not limited, the step is
    code = _RUNNER.format(nt=str(nt), where=where, limit=limit, first_limit=first, body=body)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    if result.returncode == -signal.SIGALRM:
        return {"seconds": float(limit), "peak_mb": 0.0, "count": None, "at_least": True}
    if result.returncode != 0:
        return {"seconds": 0.0, "peak_mb": 0.0, "count": None, "error": result.stderr.strip()}
    return json.loads(result.stdout.strip().splitlines()[-1])


@contextlib.contextmanager
def oxigraph_server(location: Path, peak: dict[str, float]) -> Iterator[str]:
    """A running ``oxigraph serve`` on a free local port; its query URL. Sets peak["mb"]."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["oxigraph", "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("oxigraph serve ended at start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/query"
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak["mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
    finally:
        server.terminate()
        server.wait()


def _empty(store: str, where: str) -> None:
    """An empty store to load into (not timed): a new folder, a server without graphs."""
    if store == "folder":
        shutil.rmtree(where, ignore_errors=True)
    elif store == "oxigraph-server":
        RemoteStore(where).update(b"DROP ALL")


def measure(
    store: str, step: str, body: str, nt: Path, where: str, args: argparse.Namespace
) -> dict:
    """The median time of a step's runs, their peak memory and count, or the step's error."""
    runs = []
    for _ in range(args.repeat):
        if step.startswith("load"):
            _empty(store, where)
        runs.append(run_step(body, nt, where, args.rdflib_timeout if store == "rdflib" else 0))
        if runs[-1].get("error"):
            return runs[-1]
        if runs[-1].get("at_least"):
            break  # the next runs would be stopped too
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "count": next((r["count"] for r in runs if r["count"] is not None), None),
        "at_least": any(r.get("at_least") for r in runs),
    }


def _row(*cells: object) -> None:
    widths = (8, -16, -21, 12, 9, 8, 10)  # negative: left-aligned
    cells = (f"{c!s:{'<' if w < 0 else '>'}{abs(w)}}" for c, w in zip(cells, widths, strict=True))
    print(" ".join(cells), flush=True)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a table of medians and ratios to rdflib."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--networks", type=int, action="append", help="dataset size(s) (default 600 and 6000)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (median reported)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--rdflib-timeout", type=int, default=900, help="seconds after which rdflib is stopped"
    )
    args = parser.parse_args(argv)
    _row("networks", "store", "step", "triples/rows", "median s", "peak MB", "vs rdflib")
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="fks-bench-stores-") as tmp:
        folder = Path(tmp)
        for size in args.networks or [600, 6000]:
            _, nt = prepare(size, args.seed, folder)
            server_peak: dict[str, float] = {}
            rows: dict[str, int] = {}  # the cross-actors rows of each query step
            medians: dict[tuple[str, str], dict] = {}
            with oxigraph_server(folder / f"server-{size}", server_peak) as url:
                for store, step, body in STEPS:
                    where = url if store == "oxigraph-server" else str(folder / f"store-{size}")
                    m = medians[(store, step)] = measure(store, step, body, nt, where, args)
                    if "error" in m:
                        failed.append(f"{size} {store} {step}: {m['error'].splitlines()[-1]}")
                        _row(size, store, step, "-", "failed", "-", "-")
                        continue
                    if step.startswith("query") and m["count"] is not None:
                        rows[f"{store} {step}"] = m["count"]
                    base = medians.get(("rdflib", "query" if "query" in step else "load"))
                    ratio = "-"
                    if base and "seconds" in base and store != "rdflib" and step != "open":
                        bound = ">" if base["at_least"] else ""
                        ratio = f"{bound}{base['seconds'] / m['seconds']:.1f}x"
                    seconds = f"{'>' if m['at_least'] else ''}{m['seconds']:.2f}"
                    count = "-" if m["count"] is None else f"{m['count']:,}"
                    peak = f"{m['peak_mb']:.0f}" if m["peak_mb"] else "-"
                    _row(size, store, step, count, seconds, peak, ratio)
            print(f"{size:>8} oxigraph-server process peak: {server_peak.get('mb', 0):.0f} MB")
            if len(set(rows.values())) > 1:
                raise SystemExit(f"cross-actors rows differ between stores at {size}: {rows}")
            if rows:
                count = next(iter(rows.values()))
                print(
                    f"{size:>8} cross-actors rows: {count:,} in all {len(rows)} query steps that ran"
                )
    if failed:
        raise SystemExit("failed steps:\n" + "\n".join(failed))


if __name__ == "__main__":
    main()
