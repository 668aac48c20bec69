"""The endpoint's connections that are reading a request: the oldest is cut when it is full."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

__all__ = ["Readers"]


class Readers:
    """Connections waiting for or reading a request (its head and body), by when they began.

    A client that sends a request sends it within milliseconds; one that trickles a byte now
    and then (or a keep-alive connection left idle) holds a connection without using it. When
    every connection is taken, the server cuts the one that has been reading longest
    (:meth:`cut_oldest`), so that slow clients cannot lock everyone else out.

    Examples
    --------
    >>> a, b = socket.socketpair()
    >>> readers = Readers()
    >>> readers.start(a)
    >>> readers.cut_oldest(older_than=60.0)  # not reading for a minute yet
    False
    >>> readers.cut_oldest(older_than=0.0)
    True
    >>> b.recv(1)  # the other end sees the connection closed
    b''
    >>> a.close(); b.close()
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._since: dict[socket.socket, float] = {}

    def start(self, connection: socket.socket) -> None:
        """``connection`` begins to wait for or read a request."""
        with self._lock:
            self._since[connection] = time.monotonic()

    def stop(self, connection: socket.socket) -> None:
        """``connection`` has read its request (or is closed)."""
        with self._lock:
            self._since.pop(connection, None)

    def cut_oldest(self, older_than: float) -> bool:
        """Shut down the connection reading for longest, if for ``older_than`` seconds or more;
        whether one was cut. Its handler then sees the connection closed and ends."""
        with self._lock:
            if not self._since:
                return False
            connection, since = min(self._since.items(), key=lambda item: item[1])
            if time.monotonic() - since < older_than:
                return False
            del self._since[connection]
        with contextlib.suppress(OSError):
            connection.shutdown(socket.SHUT_RDWR)
        return True
