"""The endpoint's query worker processes: each loads a dump of the store, one query at a time."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from fks_graph.serve.settings import Settings

__all__ = ["Busy", "Died", "Pool", "Worker"]

_WORKER = Path(__file__).with_name("worker.py")
_STARTUP = 300.0  # seconds a new query worker may take to load the data


class Busy(Exception):
    """No worker became free in time."""


class Died(Exception):
    """The worker process ended (or its pipe broke) before it answered."""


class Worker:
    """One query worker process and the pipes to it."""

    def __init__(self, dump: Path, generation: int) -> None:
        self.generation = generation
        self.process = subprocess.Popen(
            [sys.executable, str(_WORKER), str(dump)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a dying worker's last words never reach the terminal
            bufsize=0,
        )
        self.buffer = bytearray()
        self.baseline: int | None = None  # resident bytes once the data is loaded

    def rss(self) -> int:
        """Resident bytes of the process (0 where ``/proc`` cannot tell)."""
        try:
            statm = Path(f"/proc/{self.process.pid}/statm").read_bytes()
            return int(statm.split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def receive(self, deadline: float, max_memory: int | None = None) -> tuple[dict, bytes]:
        """The next answer (header and body); raises ``TimeoutError`` after ``deadline``,
        ``MemoryError`` when the process grows beyond its limit, ``Died`` when it ends."""
        fd = self.process.stdout.fileno()
        header: dict | None = None
        check = 0.0
        while True:
            if header is None and (end := self.buffer.find(b"\n")) >= 0:
                header = json.loads(self.buffer[:end])
                del self.buffer[: end + 1]
            if header is not None and len(self.buffer) >= header.get("size", 0):
                size = header.get("size", 0)
                body = bytes(self.buffer[:size])
                del self.buffer[:size]
                return header, body
            now = time.monotonic()
            if now >= deadline:
                raise TimeoutError
            if max_memory is not None and self.baseline and now >= check:
                if self.rss() > self.baseline + max_memory:
                    raise MemoryError
                check = now + 0.02
            ready, _, _ = select.select([fd], [], [], min(deadline - now, 0.02))
            if ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    raise Died
                self.buffer += chunk

    def wait_ready(self) -> None:
        """Wait until the worker has loaded its data (at once when it has)."""
        if self.baseline is None:
            self.receive(time.monotonic() + _STARTUP)
            self.baseline = self.rss()

    def call(self, job: dict, timeout: float, max_memory: int) -> tuple[dict, bytes]:
        """Send ``job`` and wait for its answer (the worker's data loaded first)."""
        self.wait_ready()
        data = json.dumps(job).encode("utf-8") + b"\n"
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.process.stdin.fileno(), view) :]
        except OSError:
            raise Died from None
        return self.receive(time.monotonic() + timeout, max_memory)

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


class Pool:
    """Query worker processes on a dump of the store; a worker that fails is replaced.

    A job is what :func:`fks_graph.serve.worker.answer` takes; :meth:`run` hands it to a free
    worker within ``settings.timeout`` and kills the worker when it runs too long or grows
    beyond ``settings.max_memory``. :meth:`close` ends every worker and removes the dumps.

    Examples
    --------
    >>> pool = Pool(ox.Store(), 1)
    >>> job = {"query": "ASK {}", "form": "ASK", "media": "application/sparql-results+json",
    ...        "limit": 100, "base": None, "default": None, "named": None, "union": False}
    >>> pool.run(job, Settings(timeout=60))
    ({'status': 'ok', 'size': 26}, b'{"head":{},"boolean":true}')
    >>> pool.close()
    """

    def __init__(self, store: ox.Store, size: int) -> None:
        self.size = size
        self.folder = Path(tempfile.mkdtemp(prefix="fks-serve-"))
        self.lock = threading.Lock()
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers: set[Worker] = set()
        self.generation = 0
        self.dump = self.folder / "data-0.nq"
        self.closed = False
        self.renew(store, 1)  # one first, alone on the processor: see warm() and fill()

    def _spawn(self) -> None:
        """Start one worker of the current generation (the lock held)."""
        worker = Worker(self.dump, self.generation)
        self.workers.add(worker)
        self.idle.put(worker)

    def renew(self, store: ox.Store, count: int | None = None) -> None:
        """Dump ``store`` and replace every worker by one that loads the new dump (``count``
        workers at first: all by default)."""
        with self.lock:
            self.generation += 1
            self.dump = self.folder / f"data-{self.generation}.nq"
            store.dump(self.dump, ox.RdfFormat.N_QUADS)
            stale = []
            while not self.idle.empty():
                stale.append(self.idle.get_nowait())
            for _ in range(self.size if count is None else count):
                self._spawn()
            for worker in stale:
                self.workers.discard(worker)
        for worker in stale:
            worker.kill()

    def warm(self) -> None:
        """Wait until one worker can answer, so that the first query is answered at once."""
        worker = self.idle.get()
        try:
            worker.wait_ready()
        except BaseException:
            self._drop(worker, replace=True)
            raise
        self.idle.put(worker)

    def fill(self) -> None:
        """Start workers up to the pool's size, one after the other in the background (one
        loading at a time leaves the processor to the queries of a fresh server)."""

        def start_next() -> None:
            while True:
                with self.lock:
                    if self.closed or len(self.workers) >= self.size:
                        return
                    worker = Worker(self.dump, self.generation)
                    self.workers.add(worker)
                try:
                    worker.wait_ready()
                except (Died, TimeoutError, OSError, ValueError):
                    self._drop(worker, replace=False)
                    return
                self.idle.put(worker)

        threading.Thread(target=start_next, name="fks-workers", daemon=True).start()

    def _drop(self, worker: Worker, replace: bool) -> None:
        with self.lock:
            self.workers.discard(worker)
            if replace and not self.closed and worker.generation == self.generation:
                self._spawn()
        worker.kill()

    def run(self, job: dict, settings: Settings, *, keep: bool = True) -> tuple[dict, bytes]:
        """The answer of a free worker to ``job``; raises ``Busy`` when none is free in time,
        ``TimeoutError``, ``MemoryError`` or ``Died`` (the worker then replaced).
        ``keep=False``: the worker is replaced after the job too (an update changed its copy)."""
        try:
            worker = self.idle.get(timeout=settings.timeout)
        except queue.Empty:
            raise Busy from None
        if worker.generation != self.generation:  # loaded before the last update
            self._drop(worker, replace=True)
            return self.run(job, settings, keep=keep)
        try:
            answer = worker.call(job, settings.timeout, settings.max_memory)
        except BaseException:
            self._drop(worker, replace=True)
            raise
        if not keep:
            self._drop(worker, replace=True)
        elif worker.generation != self.generation or self.closed:
            self._drop(worker, replace=False)
        else:
            self.idle.put(worker)
        return answer

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            worker.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
