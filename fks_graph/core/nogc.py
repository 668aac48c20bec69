"""Pause Python's cycle collector while a block makes many objects that form no cycles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["no_gc"]


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off; restore its state afterwards.

    Reading and building make hundreds of thousands of small records and terms that hold no
    reference cycles: the collector would walk them again and again for nothing (a large share
    of the reading time, see ``bench/README.md``). Memory is still freed by reference counting.

    What the block made and kept goes to the oldest generation unexamined (``gc.freeze``,
    then ``gc.unfreeze``): re-enabled, the collector would otherwise walk all of it at once.
    A later full collection still sees it, so a cycle
    made in the block is collected then.

    Examples
    --------
    >>> import gc
    >>> with no_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
