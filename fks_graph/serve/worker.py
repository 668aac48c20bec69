"""A query worker: a process that answers the endpoint's SPARQL queries on its own copy of the data.

The endpoint starts ``python worker.py DUMP`` (this file as a script, so that starting it imports
nothing but pyoxigraph, the runner's :mod:`fks_graph.sparql.engine` and the check of
:mod:`fks_graph.sparql.safety`, of the same fks_graph as this file, and rdflib's parser, set up
before the worker says it is ready): it loads ``DUMP`` (N-Quads) into an in-memory store, writes one ready
line, then answers jobs one at a time. A job is one JSON line on stdin; the answer is one JSON
line on stdout (``{"status": "ok", "size": N}``, ``{"status": "too-large"}``,
``{"status": "refused" | "unrepresentable" | "error", "message": ...}``) followed,
when ok, by the ``N`` bytes of the serialised result. Neither rdflib's check nor Oxigraph can be
stopped while they run, so the endpoint kills a worker whose query runs too long or takes too
much memory, and starts another.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

_ROOT = str(Path(__file__).resolve().parents[2])  # the folder that holds this fks_graph
if not __package__ and _ROOT not in map(str, (Path(p).resolve() for p in sys.path if p)):
    # run as a script from a checkout that is not on the path (e.g. a second worktree): put
    # it first, so that the worker imports the fks_graph it belongs to; an installed package's
    # folder (site-packages) is on the path already and is not moved ahead of the stdlib
    sys.path.insert(0, _ROOT)

from fks_graph.core.errors import UsageError
from fks_graph.core.text import not_xml
from fks_graph.sparql.engine import GRAPH_TYPES, RESULT_TYPES, execute, serialize
from fks_graph.sparql.safety import analyse, check_update

__all__ = ["answer", "main"]


# the media types whose answers are XML documents
_XML = {
    media: kind in ("XML", "RDF_XML") for media, kind in {**RESULT_TYPES, **GRAPH_TYPES}.items()
}


class _TooLarge(Exception):
    pass


class _Capped:
    """A byte sink that refuses to grow beyond ``limit``."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def answer(store: ox.Store, job: dict) -> tuple[dict, bytes]:
    """The answer header and body of one job on ``store``.

    ``job`` holds ``query``, ``form`` (what the endpoint read from its text, see
    :func:`fks_graph.sparql.safety.sniff_form`), ``media`` (a key of
    :data:`fks_graph.sparql.engine.RESULT_TYPES` or :data:`~fks_graph.sparql.engine.GRAPH_TYPES`),
    ``limit`` (the largest body), ``base`` (the base IRI or ``None``), ``default`` and
    ``named`` (IRIs of the protocol's dataset, or ``None``) and ``union`` (the default graph is
    the union of all graphs when neither the protocol nor the query's ``FROM`` names a
    dataset). The query is checked first (:func:`fks_graph.sparql.safety.analyse`: syntax,
    no update, no ``SERVICE``; ``{"status": "refused", "message": ...}`` otherwise); the
    runner's :func:`~fks_graph.sparql.engine.execute` answers it. An XML answer that would
    hold a character XML cannot hold is ``{"status": "unrepresentable", ...}``. A job
    ``{"update": TEXT}`` is a SPARQL update, checked and applied to this worker's copy (the
    endpoint tries each update here first, within its time limit).

    Examples
    --------
    >>> store = ox.Store()
    >>> job = {"query": "ASK {}", "form": "ASK", "media": "text/csv", "limit": 100,
    ...        "base": None, "default": None, "named": None, "union": False}
    >>> answer(store, {**job, "media": "application/sparql-results+json"})
    ({'status': 'ok', 'size': 26}, b'{"head":{},"boolean":true}')
    >>> answer(store, {**job, "query": "SELECT (<nope:x>(1) AS ?x) {}", "form": "SELECT"})[0]
    {'status': 'error', 'message': 'The custom function <nope:x> is not supported'}
    >>> answer(store, {**job, "query": "ASK { SERVICE <https://example.org/> {} }"})[0]["status"]
    'refused'
    """
    if "update" in job:
        return _update(store, job["update"])
    sink = _Capped(job["limit"])
    try:
        # the check parses the text in Python, which takes a minute for some valid texts:
        # here, in a process the endpoint stops at its time limit, not in the server's own
        shape = analyse(job["query"], allow_from=True)
        if shape.form != job["form"]:
            raise UsageError(f"a {shape.form} query whose text reads like {job['form']}")
    except UsageError as exc:
        return {"status": "refused", "message": str(exc)}, b""
    try:
        result = execute(
            store,
            job["query"],
            base_iri=job["base"],
            default_graph=job["default"],
            named_graphs=job["named"],
            union=job["union"] and not shape.dataset,  # FROM names the dataset
        )
        serialize(result, job["media"], sink)
    except _TooLarge:
        return {"status": "too-large"}, b""
    except Exception as exc:  # noqa: BLE001 - every engine error is the client's answer
        return {"status": "error", "message": str(exc) or type(exc).__name__}, b""
    body = b"".join(sink.parts)
    if _XML.get(job["media"]) and (char := not_xml(body)) is not None:
        return {  # a literal from a graph file or an update may hold it: no parser reads it
            "status": "unrepresentable",
            "message": f"the answer holds a character XML cannot hold ({char}); ask for JSON, "
            "CSV, TSV, Turtle or N-Triples",
        }, b""
    return {"status": "ok", "size": len(body)}, body


def _update(store: ox.Store, text: str) -> tuple[dict, bytes]:
    """Check an update (no ``LOAD``, no ``SERVICE``) and apply it to this worker's copy."""
    try:
        check_update(text)
    except UsageError as exc:
        return {"status": "refused", "message": str(exc)}, b""
    try:
        store.update(text)
    except Exception as exc:  # noqa: BLE001 - every engine error is the client's answer
        return {"status": "error", "message": str(exc) or type(exc).__name__}, b""
    return {"status": "ok", "size": 0}, b""


def _write(out: BinaryIO, header: dict, body: bytes = b"") -> None:
    out.write(json.dumps(header).encode("utf-8") + b"\n")
    out.write(body)
    out.flush()


def _watch(parent: int) -> None:
    """End this process when the endpoint's process is gone (even during a query)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def main(argv: list[str]) -> int:
    """Load the dump ``argv[1]`` and answer jobs from stdin until it closes."""
    threading.Thread(target=_watch, args=(os.getppid(),), daemon=True).start()
    store = ox.Store()
    store.bulk_load(path=argv[1], format=ox.RdfFormat.N_QUADS)
    analyse("ASK {}", allow_from=True)  # rdflib's parser imported and set up before the first job
    out = sys.stdout.buffer
    _write(out, {"status": "ready"})
    for line in sys.stdin.buffer:
        _write(out, *answer(store, json.loads(line)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
