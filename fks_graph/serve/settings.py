"""How the SPARQL endpoint guards itself: time, memory and size limits, updates, origins."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    """How the endpoint guards itself.

    ``timeout``: seconds a query may run (and wait for a free worker) before the client gets
    503; the worker process running it is then killed and replaced, so the work stops.
    ``max_memory``: bytes a query may add to its worker's memory beyond the loaded data
    (503 beyond; the worker is killed and replaced). ``max_bytes``: the largest answer sent
    (413 beyond). ``workers``: query worker processes. Updates are refused with 403 unless
    ``allow_update`` and the request carries ``Authorization: Bearer <token>``. ``cors``: the
    origin (or ``*``) whose web pages may read answers (none by default). ``allowed_hosts``:
    host names accepted in the ``Host`` header besides ``localhost`` and IP addresses (e.g.
    the name a reverse proxy forwards; ``*`` accepts any). ``read_timeout``: seconds a
    connection may stay silent; ``max_connections``: connections served at once (beyond, a new
    client takes the place of the one that has been reading its request longest, or gets 503).

    Examples
    --------
    >>> Settings(timeout=5).timeout, Settings().workers
    (5, 4)
    """

    timeout: float = 30.0
    max_bytes: int = 50_000_000
    allow_update: bool = False
    token: str | None = None
    workers: int = 4
    max_memory: int = 2_000_000_000
    cors: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    read_timeout: float = 20.0
    max_connections: int = 256
