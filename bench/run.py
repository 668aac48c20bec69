"""Benchmark fks-graph stages on generated national datasets (median time, peak memory, ratios).

Usage::

    python bench/run.py                        # 600 and 6,000 networks, 3 runs each
    python bench/run.py --networks 600 --repeat 5 --stages build,parse
    python bench/run.py --no-naive             # skip the slow naive baseline

Every run of a stage is a fresh Python process, so that timings and peak memory (the process's
maximum resident set size) do not leak between stages. For each stage the median of the runs is
printed, with the ratio to the naive stack (rdflib's default in-memory store, used plainly)
measured in the same invocation, and the ratio to pyoxigraph's raw parse of the same triples
(the floor for a build); for the main job also to pyoxigraph's parse of the job's own
``graph.nt``, with the analysis' measurements (``vs own``: the ``parse-own`` stage, after ``e2e``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

# Each stage is a snippet run in a fresh interpreter with DATA, OUT (a scratch folder) and NT
# (the built graph as N-Triples) defined; it may set TRIPLES, and may restart the clock
# (``start = time.perf_counter()``) after a set-up that is not what the stage measures.
_BROWSER = """
    from playwright.sync_api import sync_playwright
    from fks_graph.graph.files import load_graph
    from fks_graph.viz.page import write_page
    page_file = write_page(load_graph(NT), OUT / "browser.html", {view!r})
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_context(viewport={{"width": 1400, "height": 900}}, offline=True).new_page()
        start = time.perf_counter()
        page.goto(page_file.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
        seconds_in_page = time.perf_counter() - start
        TRIPLES = page.evaluate({count!r})  # here: nodes (networks on the map) drawn
        browser.close()
    start = time.perf_counter() - seconds_in_page
"""

STAGES: dict[str, str] = {
    # the real thing: read + check + resolve + build + write Turtle, as `fks-graph build` does
    "build": """
        from fks_graph import read_dataset, build_graph, write_graph
        graph = build_graph(read_dataset(DATA))
        write_graph(graph, OUT / "graph.ttl")
        TRIPLES = triple_count(graph)  # as fks-graph build counts (len() would be a query)
    """,
    # the floor: pyoxigraph parsing the same triples from N-Triples into a store
    "parse": """
        import pyoxigraph as ox
        store = ox.Store()
        store.bulk_load(path=NT, format=ox.RdfFormat.N_TRIPLES)
        TRIPLES = len(store)
    """,
    # the floor the goal of issue 20 names: pyoxigraph parsing the main job's own graph.nt
    # (the graph with the analysis' measurements), as the e2e stage before it wrote it
    "parse-own": """
        import pyoxigraph as ox
        own = OUT / f"e2e-{DATA.name}" / "graph.nt"
        if not own.is_file():
            raise SystemExit(f"parse-own reads the e2e stage's {own}: run e2e before it")
        store = ox.Store()
        store.bulk_load(path=own, format=ox.RdfFormat.N_TRIPLES)
        TRIPLES = len(store)
    """,
    # the naive stack: the same records into rdflib's default store, serialised by rdflib
    "build-naive": """
        from rdflib import Graph, Literal, URIRef
        from fks_graph import read_dataset
        from fks_graph.graph.build import dataset_triples
        from fks_graph.core.resources import ontology_path
        def term(node):
            if node.__class__.__name__ == "NamedNode":
                return URIRef(node.value)
            datatype = URIRef(node.datatype.value) if node.datatype else None
            return Literal(node.value, datatype=datatype)
        graph = Graph()
        graph.parse(ontology_path())
        for t in dataset_triples(read_dataset(DATA)):
            graph.add((term(t.subject), term(t.predicate), term(t.object)))
        graph.serialize(OUT / "naive.ttl", format="turtle", encoding="utf-8")
        TRIPLES = len(graph)
    """,
    # name resolution as the reader does it, on cold caches: registry, every actor mention of
    # memberships and project partners resolved to an actor (setup untimed: `start` is reset)
    "resolve": """
        from fks_graph.input import names
        from fks_graph.input.read import read_dataset
        from fks_graph.input.resolve import Resolver
        from fks_graph.input.tables import read_tables
        tables = read_tables(DATA)
        registry = [a for a in read_dataset(DATA).actors if a.id is not None]
        mentions = [
            (row.values["actor_name"], row.values.get("actor_city") or None)
            for table in (tables["memberships"], tables["project_partners"])
            for row in table.rows if not row.values.get("actor_id")
        ]
        for cached in (names.clean_text, names.normal_name, names.name_key):
            cached.cache_clear()
        start = time.perf_counter()
        resolver = Resolver(registry, mentions)
        TRIPLES = len({resolver.resolve(name, city) for name, city in mentions})  # actors named
    """,
    # the review list: near matches of all actors (blocking + rapidfuzz), setup untimed
    "review": """
        from fks_graph.input.read import read_dataset
        from fks_graph.input.resolve import near_matches
        dataset = read_dataset(DATA)
        start = time.perf_counter()
        TRIPLES = len(near_matches(dataset))  # here: the number of near matches
    """,
    "cross-actors": """
        from fks_graph.graph.files import load_graph
        from fks_graph.analysis.cross_actors import cross_actors
        graph = load_graph(NT)
        TRIPLES = len(cross_actors(graph))  # here: the number of cross-network actors
    """,
    "analyse": """
        from fks_graph.graph.files import load_graph
        from fks_graph.analysis.run import add_measurements, analyse
        graph = load_graph(NT)
        add_measurements(graph, analyse(graph, OUT / "analysis"))
        TRIPLES = triple_count(graph)
    """,
    # pages: the graph is loaded first (not timed), then the page is written
    "viz-overview": """
        from fks_graph.graph.files import load_graph
        from fks_graph.viz.page import write_page
        graph = load_graph(NT)
        start = time.perf_counter()
        write_page(graph, OUT / "overview.html", "overview")
        TRIPLES = (OUT / "overview.html").stat().st_size  # here: bytes of the page
    """,
    # the naive stack: the same overview as a networkx graph through pyvis's from_nx
    "viz-overview-naive": """
        import networkx as nx
        from pyvis.network import Network
        from fks_graph.graph.files import load_graph
        from fks_graph.viz.views import view_of
        graph = load_graph(NT)
        view = view_of(graph, "overview")
        start = time.perf_counter()
        G = nx.Graph()
        for n in view.nodes:
            G.add_node(n.id, label=n.label, title="\\n".join(n.tip), size=n.size)
        G.add_edges_from((e.source, e.target) for e in view.edges)
        net = Network(cdn_resources="in_line")
        net.from_nx(G)
        net.write_html(str(OUT / "naive.html"))
        TRIPLES = (OUT / "naive.html").stat().st_size
    """,
    "viz-map": """
        from fks_graph.graph.files import load_graph
        from fks_graph.viz.page import write_page
        graph = load_graph(NT)
        start = time.perf_counter()
        write_page(graph, OUT / "map.html", "map")
        TRIPLES = (OUT / "map.html").stat().st_size
    """,
    "viz-ego": """
        from fks_graph.graph.files import load_graph
        from fks_graph.viz.page import write_page
        graph = load_graph(NT)
        start = time.perf_counter()
        write_page(graph, OUT / "ego.html", "network:N0001")
        TRIPLES = (OUT / "ego.html").stat().st_size
    """,
    # the main job in one process, as `fks-graph run` does it: read, build, validate,
    # cross-network actors, analyse (exact betweenness), write graph and tables, overview page;
    # STEPS: the time from the start of each of its steps to the start of the next
    "e2e": """
        from fks_graph.pipeline import run
        start = time.perf_counter()  # imports are not timed (this one takes 0.27 s)
        marks = []
        result = run(
            DATA, OUT / f"e2e-{DATA.name}", step=lambda name: marks.append((name, time.perf_counter()))
        )
        marks.append(("", time.perf_counter()))
        STEPS = {name: later - at for (name, at), (_, later) in zip(marks, marks[1:])}
        TRIPLES = result.triples
    """,
    # the naive stack's consumers, each on a graph in rdflib's default store (loading it is
    # not timed: a naive run builds it once, see build-naive); their sum with build-naive and
    # viz-overview-naive is the naive end to end
    "validate-naive": """
        import pyshacl
        from rdflib import Graph
        from fks_graph.core.resources import shapes_path
        graph = Graph().parse(NT)
        start = time.perf_counter()
        conforms, _, _ = pyshacl.validate(graph, shacl_graph=Graph().parse(shapes_path()))
        TRIPLES = len(graph)
    """,
    "cross-actors-naive": """
        from rdflib import Graph, Literal
        from fks_graph.sparql.library import load_query
        graph = Graph().parse(NT)
        start = time.perf_counter()
        query = load_query("cross-network-actors").text
        TRIPLES = len(list(graph.query(query, initBindings={"min_networks": Literal(2)})))
    """,
    # networkx used plainly on the actor-network graph read with rdflib's SPARQL; exact
    # betweenness is timed on BETWEENNESS_SOURCES sources and scaled to all of them
    # (Brandes' cost is the same for every source): the whole run takes half an hour
    "analyse-naive": """
        import networkx as nx
        from rdflib import Graph
        graph = Graph().parse(NT)
        start = time.perf_counter()
        rows = graph.query(
            "SELECT ?a ?n WHERE { ?m <http://www.w3.org/ns/org#member> ?a ;"
            " <http://www.w3.org/ns/org#organization> ?n }"
        )
        B = nx.Graph((str(a), str(n)) for a, n in rows)
        networks = {str(n) for _, n in rows}
        sources = 200
        begin = time.perf_counter()
        nx.betweenness_centrality(B, k=sources, seed=1)
        sampled = time.perf_counter() - begin
        start -= sampled * (B.number_of_nodes() / sources - 1)  # as if all sources ran
        list(nx.connected_components(B))
        nx.community.louvain_communities(B, seed=1)
        nx.bipartite.weighted_projected_graph(B, networks)
        TRIPLES = B.number_of_nodes()
    """,
    # in Debian's headless Chromium: from navigation to the page's ready mark (layout settled)
    "browser-overview": _BROWSER.format(view="overview", count="network.body.data.nodes.length"),
    "browser-ego": _BROWSER.format(view="network:N0001", count="network.body.data.nodes.length"),
    "browser-map": _BROWSER.format(view="map", count="fksMap.circles.length"),
    "validate": """
        from fks_graph.graph.files import load_graph
        from fks_graph.validate.report import validate_graph
        graph = load_graph(NT)
        report = validate_graph(graph)
        TRIPLES = triple_count(graph)
    """,
}

# the stages of the naive stack that add up to its end to end (see the e2e stage)
_E2E_PARTS = ("build", "validate", "cross-actors", "analyse", "viz-overview")

_RUNNER = """
import json, time
from pathlib import Path
import networkx, pyoxigraph, rdflib  # imports are not timed: every stage has them to pay
import fks_graph.graph.build, fks_graph.analysis.run, fks_graph.validate.report
from fks_graph.graph.rdf import triple_count
DATA, OUT, NT = Path({data!r}), Path({out!r}), Path({nt!r})
TRIPLES = STEPS = None
start = time.perf_counter()
{body}
seconds = time.perf_counter() - start
# this process's own high-water mark (ru_maxrss would carry the parent's across fork and exec)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak, "triples": TRIPLES, "steps": STEPS}}))
"""


def run_stage(
    stage: str, data: Path, out: Path, nt: Path, timeout: float | None = None
) -> dict[str, float]:
    """Run one stage once in a fresh interpreter; its time, peak memory and triple count.

    A stage stopped after ``timeout`` seconds reports that time with ``at_least`` set: the
    real time is longer.
    """
    code = _RUNNER.format(
        data=str(data), out=str(out), nt=str(nt), body=textwrap.dedent(STAGES[stage])
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False,
            timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"seconds": float(timeout or 0), "peak_mb": 0.0, "triples": 0, "at_least": True}
    if result.returncode != 0:
        raise RuntimeError(f"stage {stage} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


_PREPARE = """
from fks_graph import build_graph, read_dataset, write_graph
from fks_graph.synthetic.generate import generate_dataset
generate_dataset({data!r}, networks={networks!r}, seed={seed!r})
write_graph(build_graph(read_dataset({data!r})), {nt!r})
"""


def prepare(networks: int, seed: int, folder: Path) -> tuple[Path, Path]:
    """Generate a dataset and its N-Triples graph (for the stages that start from a graph).

    A fresh interpreter does it, so that this process, the parent of every measured run, stays
    as small as a user's shell instead of keeping the built graph's memory (757 MB at 6,000
    networks; bench/README.md, "Seventh session").
    """
    data = folder / f"national-{networks}"
    nt = folder / f"national-{networks}.nt"
    code = _PREPARE.format(data=str(data), networks=networks, seed=seed, nt=str(nt))
    subprocess.run([sys.executable, "-c", code], check=True)
    return data, nt


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a table of medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--networks", type=int, action="append", help="dataset size(s) (default 600 and 6000)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage (median reported)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--stages", default="build,parse,build-naive", help=f"comma-separated: {', '.join(STAGES)}"
    )
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    parser.add_argument(
        "--naive-repeat", type=int, default=1, help="runs per naive stage (minutes each)"
    )
    parser.add_argument(
        "--naive-timeout",
        type=float,
        default=600,
        help="seconds after which a naive stage is stopped and reported as '>' that time",
    )
    parser.add_argument(
        "--naive-max", type=int, default=600, help="largest size the naive stack is run at"
    )
    args = parser.parse_args(argv)
    sizes = args.networks or [600, 6000]
    stages = [s for s in args.stages.split(",") if s in STAGES]

    print(
        f"{'networks':>8} {'stage':<18} {'triples':>10} {'median s':>9} {'peak MB':>8} {'vs naive':>9} {'vs parse':>9} {'vs own':>7}"
    )
    measured: dict[int, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="fks-bench-") as tmp:
        folder = Path(tmp)
        for size in sizes:
            data, nt = prepare(size, args.seed, folder)
            medians: dict[str, dict[str, float]] = {}
            measured[size] = medians
            for stage in stages:
                if stage.endswith("-naive") and (args.no_naive or size > args.naive_max):
                    continue
                naive = stage.endswith("-naive")
                repeat = args.naive_repeat if naive else args.repeat
                timeout = args.naive_timeout if naive else None
                runs = [run_stage(stage, data, folder, nt, timeout) for _ in range(repeat)]
                medians[stage] = {
                    "seconds": statistics.median(r["seconds"] for r in runs),
                    "peak_mb": max(r["peak_mb"] for r in runs),
                    "triples": runs[0]["triples"] or 0,
                    "at_least": any(r.get("at_least") for r in runs),
                }
                print(f"  ({size} {stage}: {medians[stage]['seconds']:.2f} s)", file=sys.stderr)
                if runs[0].get("steps"):
                    print_steps(size, stage, [r["steps"] for r in runs])
            if "e2e" in medians and all(f"{s}-naive" in medians for s in _E2E_PARTS):
                # the naive end to end: its stages, each measured in this run
                medians["e2e-naive"] = {
                    "seconds": sum(medians[f"{s}-naive"]["seconds"] for s in _E2E_PARTS),
                    "peak_mb": max(medians[f"{s}-naive"]["peak_mb"] for s in _E2E_PARTS),
                    "triples": medians["e2e"]["triples"],
                    "at_least": any(medians[f"{s}-naive"]["at_least"] for s in _E2E_PARTS),
                }
            for stage, m in medians.items():
                naive = medians.get(f"{stage}-naive") if not stage.endswith("-naive") else None
                bound = ">" if naive and naive["at_least"] else ""  # the naive run was stopped
                vs_naive = f"{bound}{naive['seconds'] / m['seconds']:.1f}x" if naive else "-"
                seconds = f"{'>' if m['at_least'] else ''}{m['seconds']:.2f}"
                parse = medians.get("parse")
                vs_parse = (
                    f"{m['seconds'] / parse['seconds']:.1f}x"
                    if parse and stage.startswith(("build", "e2e"))
                    else "-"
                )
                own = medians.get("parse-own")
                vs_own = f"{m['seconds'] / own['seconds']:.1f}x" if own and stage == "e2e" else "-"
                print(
                    f"{size:>8} {stage:<18} {m['triples']:>10,} {seconds:>9} {m['peak_mb']:>8.0f} "
                    f"{vs_naive:>9} {vs_parse:>9} {vs_own:>7}",
                    flush=True,
                )
    growth(measured)


def print_steps(size: int, stage: str, runs: list[dict[str, float]]) -> None:
    """Print the median time of each step of a stage that reports its steps (the main job)."""
    parts = [f"{name} {statistics.median(r.get(name, 0.0) for r in runs):.2f}" for name in runs[0]]
    print(f"  ({size} {stage} by step, s: {'; '.join(parts)})", file=sys.stderr)


def growth(measured: dict[int, dict[str, dict[str, float]]]) -> None:
    """Print the growth exponent of each stage's time and peak memory between two sizes:
    ``log(t2 / t1) / log(n2 / n1)`` (1 is linear in the number of networks)."""
    for small, large in itertools.pairwise(sorted(measured)):
        for stage in measured[small]:
            if stage not in measured[large] or stage.endswith("-naive"):
                continue
            a, b = measured[small][stage], measured[large][stage]
            scale = math.log(large / small)
            time_exp = math.log(b["seconds"] / a["seconds"]) / scale
            memory_exp = math.log(b["peak_mb"] / a["peak_mb"]) / scale
            print(
                f"growth {stage} {small}->{large}: time exponent {time_exp:.2f}, "
                f"peak memory exponent {memory_exp:.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
