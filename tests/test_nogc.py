"""Pausing the cycle collector: state restored, survivors aged unexamined, cycles still freed."""

from __future__ import annotations

import gc
import weakref

import pytest

from fks_graph.core.nogc import no_gc


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_state_is_restored(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with no_gc():
            assert not gc.isenabled()
            with no_gc():  # nested: the inner block changes nothing
                pass
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_what_the_block_keeps_is_in_the_oldest_generation() -> None:
    with no_gc():
        kept = [_Node() for _ in range(1000)]
    young = {id(o) for o in gc.get_objects(0)} | {id(o) for o in gc.get_objects(1)}
    assert not any(id(node) in young for node in kept)
    assert gc.get_count()[0] < 100  # nothing left for the next young collection to walk


def test_a_cycle_made_in_the_block_is_still_collected() -> None:
    with no_gc():
        a, b = _Node(), _Node()
        a.other, b.other = b, a
        probe = weakref.ref(a)
        del a, b
    assert probe() is not None  # no collection ran meanwhile
    gc.collect()
    assert probe() is None
