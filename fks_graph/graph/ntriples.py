"""N-Triples statements made as text, loaded into an Oxigraph store on a second thread."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice

import pyoxigraph as ox

__all__ = ["chunks", "load_statements", "parse_statements"]

#: Statements per chunk: about 10 MB of text, parsed while the next chunk is made.
CHUNK = 1 << 16


def chunks(statements: Iterable[str], size: int = CHUNK) -> Iterator[bytes]:
    r"""N-Triples statements (one line each, with its newline) as UTF-8 text of ``size`` lines.

    Examples
    --------
    >>> [len(c) for c in chunks(["<a:b> <a:c> <a:d> .\n"] * 5, size=2)]
    [40, 40, 20]
    """
    statements = iter(statements)
    while lines := list(islice(statements, size)):
        yield "".join(lines).encode("utf-8")


def load_statements(
    store: ox.Store,
    statements: Iterable[str],
    *,
    to_graph: ox.NamedNode | ox.DefaultGraph | None = None,
    size: int = CHUNK,
) -> int:
    r"""Add N-Triples statements to a store; they are parsed and indexed while the next are made.

    Oxigraph parses text without Python's global lock, so the statements made on this thread
    (pure Python) and their loading on a second thread share the two cores. The statements
    must be valid N-Triples (made by fks-graph from checked terms): they are read leniently,
    without checking every IRI again, which saves a third of the parse.

    Parameters
    ----------
    store
        The store to add to.
    statements
        N-Triples statements, one per string, each ending in a newline.
    to_graph
        The graph to add to (default: the default graph).
    size
        Statements per chunk handed to the loading thread; at most two chunks wait.

    Returns
    -------
    int
        How many statements were given (a triple the store already had counts too).

    Examples
    --------
    >>> store = ox.Store()
    >>> load_statements(store, [f"<https://example.org/{n}> <https://example.org/p> 'x' .\n".replace("'", '"')
    ...                         for n in range(5)], size=2)
    5
    >>> len(store)
    5
    """
    graph = ox.DefaultGraph() if to_graph is None else to_graph
    count = 0
    with ThreadPoolExecutor(1, thread_name_prefix="fks-load") as loader:
        waiting: deque[Future[None]] = deque()
        for data in chunks(statements, size):
            count += data.count(b"\n")
            waiting.append(
                loader.submit(
                    store.load, data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=True
                )
            )
            if len(waiting) > 2:
                waiting.popleft().result()
        for done in waiting:
            done.result()
    return count


def parse_statements(statements: Iterable[str]) -> Iterator[ox.Triple]:
    r"""N-Triples statements as pyoxigraph triples (strictly parsed: every term is checked).

    Examples
    --------
    >>> [t.object.value for t in parse_statements(['<a:b> <a:c> "d \\"e\\"" .\n'])]
    ['d "e"']
    """
    for data in chunks(statements):
        yield from ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
