"""Write files atomically: to a temporary file beside the target, renamed into place at the end."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_write", "write_text"]


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Open a temporary binary file that replaces ``path`` only when the block succeeds.

    A failure inside the block leaves an existing ``path`` untouched and no temporary file
    behind; an ``OSError`` of writing (a full disk) names ``path``. Missing parent folders
    are created.

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
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as exc:  # the folder cannot take files: name the target
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).chmod(0o644)
        Path(temporary).replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(exc, OSError) and exc.filename2 is None and exc.filename in (None, temporary):
            # a failed write or rename names the target, not the temporary file
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise


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
