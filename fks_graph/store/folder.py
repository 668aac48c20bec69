"""Embedded Oxigraph stores in a folder: versions switched atomically, locked against concurrent writers."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from fks_graph.core.atomic import write_text
from fks_graph.core.errors import UsageError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one writer at a time is up to the user
    fcntl = None  # type: ignore[assignment]

__all__ = ["MARKER", "is_store_folder", "open_for_update", "put_graph", "reading"]

#: The file that makes a folder an fks-graph store; it names the current version.
MARKER = "fks-graph-store.json"
_LOCK = ".fks-graph-store.lock"
_VERSION_PREFIX = "v-"
# a version's folder: the prefix and a UUID's hex digits
_VERSION = re.compile(rf"{re.escape(_VERSION_PREFIX)}[0-9a-f]{{32}}")


def is_store_folder(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder that holds an fks-graph store.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> is_store_folder(folder)
    False
    >>> put_graph(folder, "https://example.org/graph/demo", [])
    >>> is_store_folder(folder)
    True
    """
    return (Path(path) / MARKER).is_file()


@contextlib.contextmanager
def _locked(folder: Path, *, write: bool) -> Iterator[Path | None]:
    """Hold the store's lock (shared to read, exclusive to write); yield the current version."""
    if write:
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"{folder}: not a folder, cannot hold a store")
        if folder.is_dir() and not is_store_folder(folder) and not _only_ours(folder):
            raise UsageError(
                f"{folder}: the folder holds other files and is not an fks-graph store "
                "(give an empty or new folder)"
            )
        folder.mkdir(parents=True, exist_ok=True)
    elif not is_store_folder(folder):
        raise UsageError(f"{folder}: not an fks-graph store (no {MARKER})")
    handle: BinaryIO | None = None
    try:
        handle = (folder / _LOCK).open("a+b")
    except OSError as exc:
        read_only = isinstance(exc, PermissionError) or exc.errno == errno.EROFS
        if write or not read_only:
            why = "no permission to write the store" if read_only else "cannot open the store"
            raise UsageError(f"{folder}: {why}: {exc.strerror or exc}") from None
        # a read-only folder (a read-only mount, another user's store): nobody writes it
        # while we read
    with handle or contextlib.nullcontext():
        try:
            if fcntl is not None and handle is not None:
                fcntl.flock(handle, (fcntl.LOCK_EX if write else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(
                f"{folder}: the store is in use by another fks-graph process "
                f"({'a reader or writer' if write else 'a writer'}); try again when it ends"
            ) from None
        yield _current(folder)


def _only_ours(folder: Path) -> bool:
    """Whether a folder without marker holds only what an interrupted first load leaves: our
    lock file and versions named as we name them (``v-`` and 32 hex digits), or nothing."""
    entries = list(folder.iterdir())
    versions = [e for e in entries if e.name != _LOCK]
    if versions and not (folder / _LOCK).is_file():  # never ours without the lock file
        return False
    return all(e.is_dir() and _VERSION.fullmatch(e.name) for e in versions)


def _current(folder: Path) -> Path | None:
    marker = folder / MARKER
    if not marker.is_file():
        return None
    try:
        version = json.loads(marker.read_text(encoding="utf-8"))["current"]
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"{marker}: damaged store marker") from None
    path = folder / str(version)
    if not path.is_dir() or path.parent != folder:
        raise UsageError(f"{marker}: names a missing version {version!r}")
    return path


def _open(path: Path, *, read_only: bool) -> ox.Store:
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB finds its files damaged
        raise UsageError(f"{path}: cannot open the Oxigraph store: {exc}") from None


def put_graph(
    folder: str | os.PathLike[str], name: str, triples: Iterable[ox.Triple | ox.Quad]
) -> None:
    """Put ``triples`` into the named graph ``name`` of the store in ``folder``, replacing it.

    The store's other graphs are kept. The new state is written as a new version beside the
    current one and made current by renaming one small file, so an interrupted load (even a
    killed process) leaves the previous graph as it was; versions left by an interrupted load
    are removed by the next one. Creates the store in a new or empty folder; a folder it
    created is removed again when the first load fails.

    Raises
    ------
    UsageError
        The folder holds other files, or another process uses the store.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> t = ox.Triple(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/b"), ox.Literal("c"))
    >>> put_graph(folder, "https://example.org/graph/demo", [t])
    >>> put_graph(folder, "https://example.org/graph/demo", [t, t])
    >>> with reading(folder) as store:
    ...     len(store)
    1
    """
    folder = Path(folder)
    graph = ox.NamedNode(name)
    new = not os.path.lexists(folder)
    with _locked(folder, write=True) as current:
        for leftover in folder.glob(f"{_VERSION_PREFIX}*"):
            if leftover != current and _VERSION.fullmatch(leftover.name):
                shutil.rmtree(leftover, ignore_errors=True)
        version = folder / f"{_VERSION_PREFIX}{uuid.uuid4().hex}"
        try:
            target = _open(version, read_only=False)
            if current is not None:
                previous = _open(current, read_only=True)
                others = [g for g in previous.named_graphs() if g != graph]
                others.append(ox.DefaultGraph())
                target.bulk_extend(
                    q
                    for other in others
                    for q in previous.quads_for_pattern(None, None, None, other)
                )
                del previous
            target.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
            target.flush()
            del target
            write_text(folder / MARKER, json.dumps({"fks-graph store": 1, "current": version.name}))
        except BaseException:  # a full disk, a bad triple, Ctrl-C: nothing half-made stays
            shutil.rmtree(folder if new else version, ignore_errors=True)
            raise
        if current is not None:
            shutil.rmtree(current, ignore_errors=True)


@contextlib.contextmanager
def reading(folder: str | os.PathLike[str]) -> Iterator[ox.Store]:
    """The current version of the store in ``folder``, read-only, for the block.

    Holds the store's lock shared: other readers may come; a writer meanwhile is refused
    with a message saying the store is in use (it does not wait).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> put_graph(folder, "https://example.org/graph/demo", [])
    >>> with reading(folder) as store:
    ...     len(store)
    0
    """
    with _locked(Path(folder), write=False) as current:
        assert current is not None  # a store folder always has a current version
        store = _open(current, read_only=True)
        try:
            yield store
        finally:
            del store


@contextlib.contextmanager
def open_for_update(folder: str | os.PathLike[str]) -> Iterator[ox.Store]:
    """The current version of the store in ``folder``, open for reading and writing in place.

    Holds the store's lock for the block: no other process reads or writes it meanwhile.
    Changes are made in place, each SPARQL update as one transaction (unlike
    :func:`put_graph`, which switches whole versions).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> put_graph(folder, "https://example.org/graph/demo", [])
    >>> with open_for_update(folder) as store:
    ...     store.update("INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }")
    >>> with reading(folder) as store:
    ...     len(store)
    1
    """
    folder = Path(folder)
    if not is_store_folder(folder):
        raise UsageError(f"{folder}: not an fks-graph store (no {MARKER})")
    with _locked(folder, write=True) as current:
        assert current is not None
        store = _open(current, read_only=False)
        try:
            yield store
        finally:
            store.flush()
            del store
