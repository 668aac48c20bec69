"""Tests of fks_graph.synthetic.draw: balanced runs and cumulative weights."""

from __future__ import annotations

import random

import pytest

from fks_graph.synthetic.draw import balanced, cumulative


@pytest.mark.parametrize(("size", "parts"), [(1, 1), (7, 3), (96, 9), (5, 9), (4, -1)])
def test_balanced_runs_cover_the_items_in_order(size: int, parts: int) -> None:
    items = list(range(size))
    runs = balanced(items, parts, random.Random(size))
    assert [x for run in runs for x in run] == items
    assert len(runs) == max(1, min(parts, size))
    assert max(map(len, runs)) - min(map(len, runs)) <= 1


def test_balanced_shuffles_only_the_sizes() -> None:
    sizes = {
        tuple(map(len, balanced(list(range(10)), 4, random.Random(seed)))) for seed in range(20)
    }
    assert len(sizes) > 1
    assert all(sorted(s) == [2, 2, 3, 3] for s in sizes)


def test_cumulative_totals() -> None:
    assert cumulative([]) == []
    assert cumulative(w for w in (2, 3)) == [2.0, 5.0]
