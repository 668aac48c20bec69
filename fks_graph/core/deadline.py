"""Waiting for work that Python cannot interrupt: a time limit, and Ctrl-C answered at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from fks_graph.core.errors import UsageError

__all__ = ["within"]

_T = TypeVar("_T")


def within(seconds: float | None, work: Callable[[], _T], what: str) -> _T:
    """The result of ``work()``, run on a thread; ``UsageError`` once ``seconds`` have passed.

    Oxigraph evaluates a query in compiled code without Python's lock: the thread that called
    it cannot be interrupted, not even by Ctrl-C, until the query ends, which for a runaway
    query is never. Here the calling thread only waits, so a time limit and Ctrl-C
    (``KeyboardInterrupt``) take effect at once. Work that ran out of time is left behind on
    its thread (a daemon thread, which ends with the process): for commands that end on the
    error, not for a server.

    Parameters
    ----------
    seconds : float or None
        The time limit; ``None`` or 0 for none.
    work : callable
        What to run, without arguments.
    what : str
        What the work is, for the message (``"the query"``).

    Raises
    ------
    UsageError
        The time ran out.

    Examples
    --------
    >>> within(5, lambda: 6 * 7, "the answer")
    42
    >>> import time
    >>> try:
    ...     within(0.05, lambda: time.sleep(1), "the nap")
    ... except UsageError as exc:
    ...     print(str(exc).replace("0.05", "N"))
    the nap took longer than N s and was given up
    """
    done = threading.Event()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name=f"fks-graph: {what}", daemon=True).start()
    if not done.wait(seconds or None):  # the wait answers Ctrl-C on the main thread
        raise UsageError(f"{what} took longer than {seconds:g} s and was given up")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
