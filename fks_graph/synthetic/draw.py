"""Random draws the generator shares: cumulative weights and balanced runs."""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import TypeVar

__all__ = ["balanced", "cumulative"]

_T = TypeVar("_T")


def balanced(items: list[_T], parts: int, rng: random.Random) -> list[list[_T]]:
    """Split ``items`` into ``parts`` contiguous runs of near-equal, shuffled sizes.

    ``parts`` is clamped to between 1 and the number of items.

    Examples
    --------
    >>> runs = balanced(list(range(7)), 3, random.Random(1))
    >>> sorted(len(run) for run in runs), [x for run in runs for x in run]
    ([2, 2, 3], [0, 1, 2, 3, 4, 5, 6])
    >>> balanced([1, 2], 0, random.Random(1))
    [[1, 2]]
    """
    parts = max(1, min(parts, len(items)))
    base, extra = divmod(len(items), parts)
    sizes = [base + 1] * extra + [base] * (parts - extra)
    rng.shuffle(sizes)
    runs, start = [], 0
    for size in sizes:
        runs.append(items[start : start + size])
        start += size
    return runs


def cumulative(weights: Iterable[float]) -> list[float]:
    """The running totals of ``weights``, for ``random.choices(cum_weights=...)``.

    Examples
    --------
    >>> cumulative([1.0, 2.0, 0.5])
    [1.0, 3.0, 3.5]
    """
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out
