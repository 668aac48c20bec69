"""Store folders: versions switched atomically, other graphs kept, locks, and a load killed midway."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from fks_graph.core.errors import UsageError
from fks_graph.store.folder import MARKER, is_store_folder, open_for_update, put_graph, reading
from fks_graph.synthetic.generate import generate_dataset

EX = "https://example.org/"
A, B = f"{EX}graph/a", f"{EX}graph/b"


def triples(*objects: str) -> list[ox.Triple]:
    return [
        ox.Triple(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}p"), ox.Literal(o)) for o in objects
    ]


def contents(folder: Path) -> dict[str, set[str]]:
    with reading(folder) as store:
        found: dict[str, set[str]] = {}
        for quad in store:
            found.setdefault(str(quad.graph_name), set()).add(quad.object.value)
    return found


def versions(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("v-*"))


def test_put_creates_replaces_and_keeps_other_graphs(tmp_path):
    folder = tmp_path / "store"
    put_graph(folder, A, triples("a1", "a2"))
    put_graph(folder, B, triples("b1"))
    put_graph(folder, A, triples("a3"))
    assert contents(folder) == {f"<{A}>": {"a3"}, f"<{B}>": {"b1"}}
    assert is_store_folder(folder)
    assert len(versions(folder)) == 1  # the replaced versions are gone


def test_default_graph_triples_are_kept(tmp_path):
    put_graph(tmp_path, A, triples("a1"))
    with open_for_update(tmp_path) as store:
        store.update(f"INSERT DATA {{ <{EX}x> <{EX}y> 'in the default graph' }}")
    put_graph(tmp_path, A, triples("a2"))
    assert contents(tmp_path) == {f"<{A}>": {"a2"}, "DEFAULT": {"in the default graph"}}


@pytest.mark.parametrize("name", ["not an iri", "https://example.org/a b", "<x>"])
def test_bad_graph_names_are_refused_before_writing(tmp_path, name):
    with pytest.raises(ValueError, match="Invalid IRI"):
        put_graph(tmp_path, name, triples("x"))
    assert not is_store_folder(tmp_path)
    assert versions(tmp_path) == []


def test_a_folder_with_other_files_is_not_overwritten(tmp_path):
    (tmp_path / "networks.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(UsageError, match="holds other files and is not an fks-graph store"):
        put_graph(tmp_path, A, triples("x"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["networks.csv"]


@pytest.mark.parametrize("use", [reading, open_for_update])
def test_a_folder_that_is_no_store_is_refused(tmp_path, use):
    refused = pytest.raises(UsageError, match=r"not an fks-graph store \(no fks-graph-store.json\)")
    with refused, use(tmp_path):
        pass


@pytest.mark.parametrize(
    ("marker", "message"),
    [("{", "damaged store marker"), ('{"current": "v-gone"}', "names a missing version 'v-gone'")],
)
def test_a_damaged_marker_is_reported(tmp_path, marker, message):
    put_graph(tmp_path, A, triples("x"))
    (tmp_path / MARKER).write_text(marker, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        put_graph(tmp_path, A, triples("y"))


def test_readers_share_and_writers_wait(tmp_path):
    put_graph(tmp_path, A, triples("x"))
    with reading(tmp_path), reading(tmp_path) as second:
        assert len(second) == 1
        with pytest.raises(UsageError, match="in use by another fks-graph process"):
            put_graph(tmp_path, A, triples("y"))
    with open_for_update(tmp_path), pytest.raises(UsageError, match="in use"), reading(tmp_path):
        pass
    put_graph(tmp_path, A, triples("y"))  # free again
    assert contents(tmp_path) == {f"<{A}>": {"y"}}


def test_a_failing_load_leaves_the_previous_graph(tmp_path):
    put_graph(tmp_path, A, triples("old"))

    def failing():
        yield from triples("new1", "new2")
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError, match="the source broke"):
        put_graph(tmp_path, A, failing())
    assert contents(tmp_path) == {f"<{A}>": {"old"}}
    assert len(versions(tmp_path)) == 1


def test_updates_in_place_persist_across_processes(tmp_path):
    put_graph(tmp_path, A, triples("x"))
    with open_for_update(tmp_path) as store:
        store.update(f"INSERT DATA {{ GRAPH <{A}> {{ <{EX}s> <{EX}p> 'added' }} }}")
    code = (
        "import sys; from fks_graph.store.folder import reading\n"
        "with reading(sys.argv[1]) as s: print(sorted(q.object.value for q in s))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "['added', 'x']"


def test_a_killed_load_leaves_the_previous_graph(tmp_path):
    """SIGKILL while the new version is being written: the old graph stays, whole."""
    small, large = tmp_path / "small", tmp_path / "large"
    generate_dataset(small, networks=20, seed=1)
    generate_dataset(large, networks=300, seed=2)
    store = tmp_path / "store"
    cli = [sys.executable, "-m", "fks_graph", "build", "-q", "--store", str(store)]
    subprocess.run([*cli, str(small)], check=True)
    before = contents(store)
    (old,) = versions(store)
    process = subprocess.Popen([*cli, str(large)])
    try:
        deadline = time.monotonic() + 120
        while versions(store) == [old] and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(30)
    assert process.returncode == -signal.SIGKILL, "the load ended before it could be killed"
    assert json.loads((store / MARKER).read_text(encoding="utf-8"))["current"] == old
    assert len(versions(store)) == 2  # the half-written version is still there ...
    assert contents(store) == before  # ... but nobody reads it
    subprocess.run([*cli, str(small)], check=True)
    assert len(versions(store)) == 1  # the next load clears it away
    assert contents(store) == before


def test_an_interrupted_first_load_does_not_lock_the_folder_out(tmp_path):
    def failing():
        yield from triples("x")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        put_graph(tmp_path, A, failing())
    assert not is_store_folder(tmp_path)
    (tmp_path / f"v-{'ab' * 16}").mkdir()  # what a killed first load leaves
    put_graph(tmp_path, A, triples("y"))
    assert contents(tmp_path) == {f"<{A}>": {"y"}}
    assert len(versions(tmp_path)) == 1


@pytest.mark.parametrize("exists", [False, True])
def test_a_failing_first_load_leaves_no_store_folder_behind(tmp_path, exists):
    """A folder the load made goes again (a full disk left an empty folder that no reader
    took for a store); a folder the user gave stays, empty."""
    folder = tmp_path / "store"
    if exists:
        folder.mkdir()

    def failing():
        yield from triples("x")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        put_graph(folder, A, failing())
    assert folder.exists() == exists
    if exists:
        assert versions(folder) == []


@pytest.mark.parametrize("lock", [False, True])
def test_a_folder_of_a_users_v_folders_is_not_taken_for_a_store(tmp_path, lock):
    """Only versions named as the store names them, beside its lock file, are leftovers."""
    (tmp_path / "v-1.0").mkdir()
    (tmp_path / "v-2.0").mkdir()
    if lock:
        (tmp_path / ".fks-graph-store.lock").touch()
    with pytest.raises(UsageError, match="holds other files and is not an fks-graph store"):
        put_graph(tmp_path, A, triples("x"))
    assert sorted(p.name for p in tmp_path.glob("v-*")) == ["v-1.0", "v-2.0"]


@pytest.mark.parametrize(
    "refusal",
    [PermissionError(13, "Permission denied"), OSError(30, "Read-only file system")],
    ids=["another-users-store", "read-only-mount"],
)
def test_a_store_without_write_permission_can_be_read(tmp_path, monkeypatch, refusal):
    """The lock file cannot be opened for writing: the store is read all the same."""
    put_graph(tmp_path, A, triples("x"))
    opened = Path.open

    def refused(self, mode="r", *args, **kwargs):
        if self.name == ".fks-graph-store.lock":
            raise refusal
        return opened(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refused)
    assert contents(tmp_path) == {f"<{A}>": {"x"}}
    with pytest.raises(UsageError, match="no permission to write the store"):
        put_graph(tmp_path, A, triples("y"))


def test_a_damaged_store_is_reported(tmp_path):
    put_graph(tmp_path, A, triples("a1", "a2"))
    (table,) = sorted(tmp_path.glob("v-*/*.sst"))[:1]
    with table.open("r+b") as damaged:  # a block of the table overwritten
        damaged.seek(200)
        damaged.write(bytes(range(100)))
    with (
        pytest.raises(UsageError, match=r"cannot open the Oxigraph store: Corruption"),
        reading(tmp_path),
    ):
        pass
