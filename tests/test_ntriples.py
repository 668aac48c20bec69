"""N-Triples statements as text: chunks, loading on a second thread, strict parsing."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from fks_graph.graph.ntriples import chunks, load_statements, parse_statements

EX = "https://example.org/"


TEXT = 'with a quote " and a \\ backslash'


def _statements(count: int) -> list[str]:
    return [f"<{EX}s{n}> <{EX}p> {ox.Literal(f'value {n} {TEXT}')} .\n" for n in range(count)]


@pytest.mark.parametrize(
    ("count", "size", "expected"), [(0, 3, []), (3, 3, [3]), (7, 3, [3, 3, 1])]
)
def test_chunks_hold_whole_lines(count: int, size: int, expected: list[int]) -> None:
    parts = list(chunks(_statements(count), size))
    assert [part.count(b"\n") for part in parts] == expected
    assert b"".join(parts).decode("utf-8") == "".join(_statements(count))


@pytest.mark.parametrize("size", [1, 4, 1 << 16])
def test_loading_gives_what_a_strict_parse_gives(size: int) -> None:
    statements = _statements(50)
    store = ox.Store()
    assert load_statements(store, statements, size=size) == 50
    expected = {ox.Quad(t.subject, t.predicate, t.object) for t in parse_statements(statements)}
    assert set(store) == expected
    assert next(iter(store)).object.value.startswith("value ")


def test_loading_into_a_named_graph_and_counting_repeats() -> None:
    store = ox.Store()
    graph = ox.NamedNode(EX + "g")
    assert load_statements(store, _statements(3) * 2, to_graph=graph, size=2) == 6
    assert len(store) == 3
    assert {quad.graph_name for quad in store} == {graph}


def test_an_error_while_making_statements_stops_the_loading() -> None:
    def failing() -> Iterator[str]:
        yield from _statements(10)
        raise ValueError("bad record")

    before = threading.active_count()
    store = ox.Store()
    with pytest.raises(ValueError, match="bad record"):
        load_statements(store, failing(), size=3)
    assert threading.active_count() == before  # the loading thread is gone
    assert len(store) == 9  # the chunks made before the error, never a half chunk


def test_parsing_is_strict() -> None:
    with pytest.raises(SyntaxError):
        list(parse_statements([f"<{EX}a b> <{EX}p> <{EX}o> .\n"]))
