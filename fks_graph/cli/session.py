"""One command's dealings with the terminal: progress, warnings, messages, errors as exit codes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.text import Text

from fks_graph.core.errors import EXIT_BAD_INPUT, FksError, Problem, environment_message
from fks_graph.core.terminal import printable, printable_lines
from fks_graph.graph.iris import check_base

if TYPE_CHECKING:
    from rdflib import Graph

    from fks_graph.input.records import Dataset

__all__ = ["MAX_WARNINGS", "Session", "session"]

#: Warnings shown on the terminal; the rest is counted (``fks-graph run`` writes them all).
MAX_WARNINGS = 20


class _Terminal(Console):
    """A console that shows text from data as it is: control characters escaped (see
    :func:`fks_graph.core.terminal.printable`), no markup, no emoji codes, no highlighting."""

    def print(self, *objects: object, **options: object) -> None:  # type: ignore[override]
        options["markup"] = False
        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **options)

    def on_broken_pipe(self) -> None:
        """Nobody reads stderr any more (piped into ``head``, which has exited): the rest of
        the messages go nowhere, and the command goes on to its own exit code (rich's own
        answer is to exit with 1 at once, which would make bad input look like a crash)."""
        self.quiet = True
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())


def _stdout_is_terminal() -> bool:
    try:
        return os.isatty(1)
    except OSError:
        return False


class Session:
    """What one command shows on stderr: progress, warnings and messages, unless quiet.

    Parameters
    ----------
    quiet : bool
        No progress, no warnings, no messages but the necessary ones.
    """

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.console: Console = _Terminal(
            stderr=True, highlight=False, soft_wrap=True, emoji=False, markup=False
        )

    def data(self, text: str, *, nl: bool = True) -> None:
        """Write a command's result to stdout: as it is into a file or a pipe, with control
        characters escaped (:func:`~fks_graph.core.terminal.printable_lines`) on a terminal,
        where a name from the data could otherwise recolour, retitle or clear it."""
        typer.echo(printable_lines(text) if _stdout_is_terminal() else text, nl=nl)

    @property
    def live(self) -> bool:
        """Whether progress is shown: not quiet, and stderr is a terminal."""
        return not self.quiet and self.console.is_terminal

    @contextlib.contextmanager
    def step(self, label: str) -> Iterator[None]:
        """A spinner with ``label`` while the block runs (only when :attr:`live`)."""
        if not self.live:
            yield
            return
        with self.console.status(Text(printable(label))):
            yield

    @contextlib.contextmanager
    def progress(self, first: str) -> Iterator[Callable[[str], object] | None]:
        """A spinner whose label the library's ``step`` callback changes; ``None`` when not live."""
        if not self.live:
            yield None
            return
        with self.console.status(Text(printable(first))) as status:
            yield lambda name: status.update(Text(printable(name)))

    def warn(self, problems: Iterable[Problem]) -> None:
        """Show the first :data:`MAX_WARNINGS` problems as warnings, and how many more there are."""
        if self.quiet:
            return
        problems = list(problems)
        for problem in problems[:MAX_WARNINGS]:
            self.console.print(f"warning: {problem}")
        if len(problems) > MAX_WARNINGS:
            self.console.print(f"warning: … and {len(problems) - MAX_WARNINGS} more warnings")

    def say(self, text: str) -> None:
        """A message on stderr, unless quiet."""
        if not self.quiet:
            self.console.print(text)

    def tell(self, text: str) -> None:
        """A message on stderr even when quiet (what a server does, that it stopped)."""
        self.console.print(text)

    def open(self, data: str | os.PathLike[str], *, base: str) -> Graph:
        """The graph of ``data`` (see :func:`fks_graph.source.open_graph`), warnings shown."""
        from fks_graph.source import open_graph

        check_base(base)
        warnings: list[Problem] = []
        with self.step(f"reading {data}"):
            graph = open_graph(data, base=base, warn=warnings.append)
        self.warn(warnings)
        return graph

    def read(self, data: str | os.PathLike[str]) -> Dataset:
        """The records of a dataset (see :func:`fks_graph.input.read.read_dataset`), warnings shown."""
        from fks_graph.input.read import read_dataset

        with self.step(f"reading {data}"):
            dataset = read_dataset(data)
        self.warn(dataset.warnings)
        return dataset


def _report(console: Console, exc: FksError) -> None:
    problems = getattr(exc, "problems", None)
    if problems and len(problems) == 1:
        console.print(f"error: {problems[0]}")
    elif problems:
        console.print(f"error: {len(problems)} problem(s) in the input:")
        for problem in problems:
            console.print(f"  {problem}")
    else:
        console.print(f"error: {exc}")


@contextlib.contextmanager
def session(context: typer.Context, quiet: bool = False) -> Iterator[Session]:
    """A :class:`Session` for the block; errors in it become one clear message and an exit code.

    The session is quiet when the command's ``--quiet`` or ``fks-graph --quiet COMMAND`` says
    so (``context`` is the command's). fks-graph's own errors exit with their code (2 for bad
    input or usage), an ``OSError`` of the environment (permissions, a full disk) with 2,
    Ctrl-C with 130; never a traceback.
    """
    current = Session(quiet or bool(context.find_root().params.get("quiet")))
    try:
        yield current
    except FksError as exc:
        _report(current.console, exc)
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:  # the environment: permissions, a full disk, a folder for a file
        current.console.print(f"error: {environment_message(exc)}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except KeyboardInterrupt:
        current.console.print("interrupted")
        # work cut off midway (openpyxl's sheet writers) is collected at exit and would
        # print "Exception ignored ..." tracebacks after the one line
        sys.unraisablehook = lambda unraisable: None
        raise typer.Exit(130) from None
