"""Atomic files: the target is replaced only by a complete file, and errors name the target."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from fks_graph.core.atomic import atomic_folder, atomic_path, atomic_write
from fks_graph.core.errors import UsageError


def _by_path(target: Path, data: bytes, fail: BaseException | None) -> None:
    with atomic_path(target) as temporary:
        assert temporary.parent == target.parent
        assert temporary.name.startswith(".")
        temporary.write_bytes(data)
        if fail is not None:
            raise fail


def _by_file(target: Path, data: bytes, fail: BaseException | None) -> None:
    with atomic_write(target) as out:
        out.write(data)
        if fail is not None:
            raise fail


WRITERS = [_by_path, _by_file]


@pytest.mark.parametrize("write", WRITERS)
def test_a_complete_write_replaces_the_target(tmp_path: Path, write) -> None:
    target = tmp_path / "sub" / "graph.nt"
    write(target, b"old", None)
    write(target, b"new", None)
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["graph.nt"]
    assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize(
    ("fail", "match"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), r"No space left.*graph\.nt"),
        (OSError("disk full"), r"disk full.*graph\.nt"),
        (KeyboardInterrupt(), None),
    ],
)
def test_a_failed_write_leaves_the_target_and_names_it(
    tmp_path: Path, write, fail: BaseException, match: str | None
) -> None:
    target = tmp_path / "graph.nt"
    target.write_bytes(b"previous")
    with pytest.raises(type(fail), match=match) as raised:
        write(target, b"half a graph", fail)
    if isinstance(fail, OSError):
        assert raised.value.filename == str(target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


@pytest.mark.parametrize("write", WRITERS)
def test_a_pipe_or_device_is_never_replaced(tmp_path: Path, write) -> None:
    # a rename would put a regular file in place of /dev/full or /dev/stdout (as root)
    pipe = tmp_path / "out.html"
    os.mkfifo(pipe)
    with pytest.raises(UsageError, match=r"out\.html is no regular file \(a device, a pipe"):
        write(pipe, b"new", None)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


def test_a_folder_block_removes_only_its_own_leftovers(tmp_path: Path) -> None:
    """A killed block's folders go; the files other outputs are writing beside stay
    (``.out.2024.x.tmp`` is ``out.2024`` being written, not a leftover of ``out``)."""
    stale = [tmp_path / ".out.new-abc_1234.tmp", tmp_path / f".out.old-{'0f' * 16}.tmp"]
    for folder in stale:
        folder.mkdir()
    others = [tmp_path / ".out.2024.k3j4_x9q.tmp", tmp_path / ".out.notes.tmp"]
    for other in others:
        other.write_text("being written", encoding="utf-8")
    (tmp_path / ".out.new-abc_1234x.tmp").mkdir()  # not a name the block gives
    with atomic_folder(tmp_path / "out", marker="done") as new:
        (new / "done").touch()
    assert not any(folder.exists() for folder in stale)
    assert all(other.read_text(encoding="utf-8") == "being written" for other in others)
    assert (tmp_path / ".out.new-abc_1234x.tmp").is_dir()


@pytest.mark.parametrize("name", [".", "..", "sub/.."])
def test_a_folder_block_refuses_dot_and_dot_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Replaced whole, ``-o .`` would leave the shell in a removed folder (and named a
    temporary '..old-*.tmp' in its message)."""
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    refused = pytest.raises(UsageError, match=r"name the folder to write \(it is replaced whole\)")
    with refused, atomic_folder(Path(name), marker="done"):
        pass
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["sub"]
