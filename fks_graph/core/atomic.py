"""Write files and folders atomically: beside the target first, renamed into place at the end."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fks_graph.core.errors import UsageError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one run per folder is up to the user
    fcntl = None  # type: ignore[assignment]

__all__ = ["atomic_folder", "atomic_path", "atomic_write", "write_text"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file's path that replaces ``path`` only when the block succeeds.

    For writers that open the file themselves (Oxigraph writes to a path without Python's
    lock, to a Python file object with it). A failure inside the block leaves an existing
    ``path`` untouched and no temporary file behind; an ``OSError`` of writing (a full
    disk) names ``path``. Missing parent folders are created. The file is synced to disk
    before it is renamed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(target) as temporary:
    ...     _ = temporary.write_bytes(b"new")
    >>> target.read_bytes(), [p.name for p in target.parent.iterdir()]
    (b'new', ['a.txt'])
    """
    path = Path(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        # a device, a pipe or a socket (/dev/full, /dev/stdout): the rename would put a
        # regular file in its place
        raise UsageError(f"{path} is no regular file (a device, a pipe or a socket); name a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:  # the folder cannot take files: name the target
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        temporary.chmod(0o644)
        temporary.replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError) and exc.filename2 is None and exc.filename in (None, name):
            # a failed write or rename names the target, not the temporary file
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a temporary binary file that replaces ``path`` only when the block succeeds.

    The file form of :func:`atomic_path`: the same guarantees.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_write(target) as out:
    ...     _ = out.write(b"new")
    >>> target.read_bytes()
    b'new'
    >>> try:
    ...     with atomic_write(target) as out:
    ...         _ = out.write(b"half")
    ...         raise RuntimeError("failed")
    ... except RuntimeError:
    ...     pass
    >>> target.read_bytes(), sorted(p.name for p in target.parent.iterdir())
    (b'new', ['a.txt'])
    """
    with atomic_path(path) as temporary, temporary.open("wb") as out:
        yield out


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> write_text(pathlib.Path(tempfile.mkdtemp()) / "r.txt", "Prüfbericht").read_text(encoding="utf-8")
    'Prüfbericht'
    """
    with atomic_write(path) as out:
        out.write(text.encode("utf-8"))
    return Path(path)


@contextlib.contextmanager
def atomic_folder(path: str | os.PathLike[str], *, marker: str) -> Iterator[Path]:
    """A new folder beside ``path`` that replaces ``path``, whole, when the block succeeds.

    The block writes into the yielded folder and should write the file ``marker`` last; at
    the end the new folder takes the place of ``path`` by two renames, so ``path`` is never
    a mix of two runs. A failure leaves ``path`` as it was; so does a killed process, whose
    leftovers beside ``path`` (hidden ``.NAME.new-*.tmp`` and ``.NAME.old-*.tmp`` folders) the
    next block removes. An
    existing ``path`` must be a folder that is empty or holds ``marker`` (the output of an
    earlier block), so that nobody's other files are deleted. Two blocks on the same
    ``path`` at once: the second is refused (an advisory lock, ``.NAME.lock`` beside).

    Raises
    ------
    UsageError
        ``path`` holds files without ``marker``, another block is writing it, or it is ``.``,
        ``..`` or a mount point (which cannot be replaced).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with atomic_folder(target, marker="done") as new:
    ...     _ = write_text(new / "a.txt", "one")
    ...     _ = write_text(new / "done", "")
    >>> try:
    ...     with atomic_folder(target, marker="done") as new:
    ...         _ = write_text(new / "b.txt", "half")
    ...         raise RuntimeError("failed")
    ... except RuntimeError:
    ...     pass
    >>> sorted(p.name for p in target.iterdir()), sorted(p.name for p in target.parent.iterdir())
    (['a.txt', 'done'], ['.out.lock', 'out'])
    """
    if Path(path).name in ("", ".", ".."):  # replaced whole, it would leave the shell nowhere
        raise UsageError(f"{path}: name the folder to write (it is replaced whole), not '.'")
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    if path.is_mount():
        raise UsageError(f"{path} is a mount point and cannot be replaced; name a folder in it")
    if path.is_dir() and not (path / marker).is_file() and any(path.iterdir()):
        raise UsageError(
            f"{path} holds files that fks-graph did not write (no {marker}); "
            "name a new or empty folder, or the folder of an earlier run, which is replaced"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = (path.parent / f".{path.name}.lock").open("a+b")
    except OSError as exc:  # name the target, not the lock file
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    with lock:
        if fcntl is not None:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise UsageError(f"{path} is being written by another fks-graph run") from None
        # what a killed block left: only folders named as this block names them (a glob on
        # ".NAME.*.tmp" also took the files other outputs were writing, ".NAME.2024.x.tmp")
        ours = re.compile(
            rf"\.{re.escape(path.name)}\.(?:new-[a-z0-9_]{{8}}|old-[0-9a-f]{{32}})\.tmp"
        )
        for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            if ours.fullmatch(stale.name) and stale.is_dir() and not stale.is_symlink():
                _remove(stale)
        staging = Path(
            tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.new-", suffix=".tmp")
        )
        try:
            yield staging
            staging.chmod(0o755)
            old = path.parent / f".{path.name}.old-{uuid.uuid4().hex}.tmp"
            if path.exists():
                path.rename(old)
            staging.rename(path)
        except OSError as exc:  # name the file in the target, not in the new folder
            _remove(staging)
            named = exc.filename2 if exc.filename2 is not None else exc.filename
            if named is None or not Path(os.fsdecode(named)).is_relative_to(staging):
                raise
            target = path / Path(os.fsdecode(named)).relative_to(staging)
            raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from exc
        except BaseException:
            _remove(staging)
            raise
        _remove(old)


def _remove(path: Path) -> None:
    """Remove a file or folder tree if it is there, quietly."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()
