"""Benchmark `fks-graph serve` under many concurrent clients: throughput and latency percentiles.

Usage::

    python bench/endpoint.py                          # 200 clients, the shipped 2014 dataset
    python bench/endpoint.py --before /tmp/fks-main   # also the code at that path, same run
    python bench/endpoint.py --clients 200 --requests 5 --repeat 3 --networks 600

Each code tree (this checkout, and ``--before`` if given: a plain checkout of an older
commit) serves the same data in its own `fks-graph serve` process on a loopback port. A
client process then opens ``--clients`` connections at once, each sending ``--requests``
GET queries one after another (a new connection per request, ``Connection: close``),
cycling through the shipped named queries (distinct texts with GROUP BY, FILTER, ...);
with ``--warm`` each server first answers each query once, alone (a server whose query
check breaks under concurrent first parses is then measured at its best).
Printed per tree: the median over ``--repeat`` rounds of the throughput (answers 200 per
second of wall-clock), the 50th/95th/99th percentile latency of the answered requests, and
the count of requests that got no 200 (status or connection error), with the ratio of the
throughputs of this tree to the ``--before`` tree measured in the same invocation.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def _queries() -> list[str]:
    sys.path.insert(0, str(HERE))
    from fks_graph.sparql.library import list_queries

    return [query.text for query in list_queries()]


async def _one(port: int, target: str, timeout: float) -> tuple[str, float]:
    start = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
        writer.write(
            f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Accept: application/sparql-results+json\r\nConnection: close\r\n\r\n".encode()
        )
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout)
        writer.close()
    except (OSError, asyncio.TimeoutError) as exc:
        return type(exc).__name__, time.perf_counter() - start
    status = data.split(b" ", 2)[1].decode() if data.startswith(b"HTTP/") else "no answer"
    return status, time.perf_counter() - start


async def _round(port: int, clients: int, requests: int, queries: list[str]) -> dict:
    targets = ["/sparql?" + urllib.parse.urlencode({"query": q}) for q in queries]

    async def client(number: int) -> list[tuple[str, float]]:
        return [
            await _one(port, targets[(number + i) % len(targets)], 120.0) for i in range(requests)
        ]

    start = time.perf_counter()
    results = await asyncio.gather(*(client(n) for n in range(clients)))
    wall = time.perf_counter() - start
    flat = [item for result in results for item in result]
    ok = sorted(seconds for status, seconds in flat if status == "200")
    failed = Counter(status for status, _ in flat if status != "200")
    return {"wall": wall, "ok": ok, "failed": failed}


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(share * len(values)))]


def _serve(tree: Path, data: str) -> tuple[subprocess.Popen, int]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    process = subprocess.Popen(
        [sys.executable, "-m", "fks_graph", "serve", data, "--port", "0", "--timeout", "60"],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in process.stderr:
        if "serving" in line:
            return process, int(line.split(" at ")[1].split()[0].rstrip("/").rsplit(":", 1)[1])
    raise SystemExit(f"the server of {tree} did not start")


async def _warm(port: int, queries: list[str]) -> None:
    for query in queries:  # one at a time: each query parsed once before the clock starts
        await _one(port, "/sparql?" + urllib.parse.urlencode({"query": query}), 120.0)


def _measure(tree: Path, data: str, args: argparse.Namespace, queries: list[str]) -> dict:
    process, port = _serve(tree, data)
    rounds = []
    try:
        if args.warm:
            asyncio.run(_warm(port, queries))
        for _ in range(args.repeat):
            rounds.append(asyncio.run(_round(port, args.clients, args.requests, queries)))
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
    throughput = statistics.median(len(r["ok"]) / r["wall"] for r in rounds)
    failed: Counter = Counter()
    for r in rounds:
        failed.update(r["failed"])
    return {
        "throughput": throughput,
        "p50": statistics.median(_percentile(r["ok"], 0.50) for r in rounds),
        "p95": statistics.median(_percentile(r["ok"], 0.95) for r in rounds),
        "p99": statistics.median(_percentile(r["ok"], 0.99) for r in rounds),
        "sent": args.clients * args.requests * args.repeat,
        "failed": failed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=5, help="per client and round")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (the median is printed)")
    parser.add_argument("--networks", type=int, default=0, help="generated networks (0: 2014)")
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with")
    parser.add_argument(
        "--warm", action="store_true", help="send each query once, alone, before the rounds"
    )
    args = parser.parse_args()
    queries = _queries()
    with tempfile.TemporaryDirectory() as scratch:
        data = str(HERE / "data" / "innovationstag-2014")
        if args.networks:
            from fks_graph.synthetic.generate import generate_dataset

            data = str(Path(scratch) / "data")
            generate_dataset(data, networks=args.networks, seed=1)
        trees = [("before", args.before)] if args.before else []
        trees.append(("this tree", HERE))
        results = {name: _measure(tree, data, args, queries) for name, tree in trees}
    print(
        f"{args.clients} clients x {args.requests} requests x {args.repeat} rounds, "
        f"{len(queries)} distinct queries, data {'2014' if not args.networks else args.networks}"
        + (", warmed up" if args.warm else "")
    )
    print(f"{'tree':<10} {'answers/s':>10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  not 200")
    for name, r in results.items():
        failed = ", ".join(f"{k}: {v}" for k, v in r["failed"].most_common()) or "none"
        print(
            f"{name:<10} {r['throughput']:>10.1f} {r['p50'] * 1e3:>8.1f} {r['p95'] * 1e3:>8.1f} "
            f"{r['p99'] * 1e3:>8.1f}  {sum(r['failed'].values())}/{r['sent']} ({failed})"
        )
    if "before" in results and results["before"]["throughput"]:
        ratio = results["this tree"]["throughput"] / results["before"]["throughput"]
        print(f"throughput of this tree / before: {ratio:.2f}x")
    elif "before" in results:
        print("before: no request answered 200")


if __name__ == "__main__":
    main()
