"""The command that serves a graph as a SPARQL 1.1 endpoint until it is stopped."""

from __future__ import annotations

import contextlib
from typing import Annotated

import typer

from fks_graph.cli.options import DEFAULT_BASE, BaseOpt, DataArg, QuietOpt, app
from fks_graph.cli.session import Session, session
from fks_graph.core.errors import UsageError

__all__ = ["serve"]

_LOCAL = ("127.0.0.1", "localhost", "::1")


def _stop_on_signals() -> None:
    """SIGINT and SIGTERM stop the server (also when it was started with SIGINT ignored)."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)


def _store(data: str, allow_update: bool, s: Session, resources: contextlib.ExitStack) -> object:
    """The store queries run on: the store folder itself when updates persist, else a copy."""
    from fks_graph.serve.endpoint import dataset_store
    from fks_graph.store.folder import is_store_folder, open_for_update

    if allow_update and is_store_folder(data):  # updates go into the store and persist
        return resources.enter_context(open_for_update(data))
    if allow_update:
        s.tell("warning: updates change the graph in memory only; they are gone when serve stops")
    return dataset_store(data)  # named graphs stay named graphs


@app.command()
def serve(
    ctx: typer.Context,
    data: DataArg,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = 7878,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.01, help="Seconds a query may run.")
    ] = 30.0,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Largest answer sent, in bytes.")
    ] = 50_000_000,
    allow_update: Annotated[
        bool, typer.Option("--allow-update", help="Accept SPARQL updates that carry the token.")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="FKS_SERVE_TOKEN", help="Bearer token for updates."),
    ] = None,
    max_memory: Annotated[
        int,
        typer.Option(
            "--max-memory", min=1, help="Megabytes a query may take beyond the loaded data."
        ),
    ] = 2000,
    cors: Annotated[
        str | None,
        typer.Option(
            "--cors", help="Origin (or *) whose web pages may read the answers.", show_default=False
        ),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Host name accepted besides this machine's addresses (a reverse proxy's; * any).",
            show_default=False,
        ),
    ] = None,
    base: BaseOpt = DEFAULT_BASE,
    quiet: QuietOpt = False,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint, with a query page and graph pages.

    Queries run in worker processes that are stopped after --timeout seconds or --max-memory.
    Named graphs of .nq/.trig files and store folders stay named graphs (the default graph
    is the union of all graphs).

    Example: fks-graph serve out/graph.ttl --port 7878   (then open http://127.0.0.1:7878/)
    """
    from fks_graph.serve.endpoint import make_server
    from fks_graph.serve.settings import Settings

    with session(ctx, quiet) as s:
        if allow_update and not token:
            raise UsageError("--allow-update needs a token (--token or FKS_SERVE_TOKEN)")
        graph = s.open(data, base=base)
        settings = Settings(
            timeout, max_bytes, allow_update, token, max_memory=max_memory * 1_000_000,
            cors=cors, allowed_hosts=tuple(allowed_host or ()),
        )  # fmt: skip
        resources = contextlib.ExitStack()
        store = _store(data, allow_update, s, resources)
        try:
            server = make_server(graph, host, port, settings, store=store)
        except OSError as exc:
            resources.close()
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        resources.callback(server.server_close)
        where = f"http://{server.server_address[0]}:{server.server_address[1]}/"
        if host not in _LOCAL:
            s.tell(f"warning: listening on {host}, not only this machine")
        s.tell(f"serving {data} at {where} (Ctrl-C stops)")
        _stop_on_signals()
        with resources:
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                s.tell("stopped")
