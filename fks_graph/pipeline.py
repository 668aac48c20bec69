"""The main job: build a dataset's graph, validate and analyse it, write everything into one folder."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from fks_graph.analysis.cross_actors import CrossActor, cross_actors_in, to_csv
from fks_graph.analysis.run import AnalysisResult, analyse
from fks_graph.core.atomic import atomic_folder, write_text
from fks_graph.core.errors import Problem
from fks_graph.core.version import version
from fks_graph.graph.build import build_graph
from fks_graph.graph.files import write_graph
from fks_graph.graph.iris import DEFAULT_BASE
from fks_graph.graph.rdf import triple_count
from fks_graph.input.read import read_dataset
from fks_graph.store.target import save_graph
from fks_graph.validate.report import ValidationReport, validate_graph
from fks_graph.viz.page import write_page

if TYPE_CHECKING:
    from rdflib import Graph

    from fks_graph.analysis.ecosystem import Ecosystem

__all__ = ["MANIFEST", "RunResult", "run"]

#: The file a run writes last into its folder: the fks-graph version and the files written.
MANIFEST = "fks-graph-run.json"


@dataclass(frozen=True, slots=True)
class RunResult:
    """What the main job wrote and found."""

    out_dir: Path
    files: tuple[Path, ...]
    triples: int
    networks: int
    actors: int
    memberships: int
    report: ValidationReport
    analysis: AnalysisResult
    cross_actors: tuple[CrossActor, ...]
    warnings: tuple[Problem, ...]

    @property
    def conforms(self) -> bool:
        """Whether the graph conforms to the shapes."""
        return self.report.conforms


def _pages(
    graph: Graph, folder: Path, lang: str, eco: Ecosystem, notify: Callable[[str], object]
) -> list[Path]:
    """Draw the overview page and the map into ``folder``, from what the analysis found."""
    notify("drawing the overview page")
    bipartite = eco.B
    overview = write_page(
        graph,
        folder / "overview.html",
        "overview",
        lang=lang,
        bipartite=bipartite,
        overlaps=eco.overlaps,
    )
    notify("drawing the map")
    return [overview, write_page(graph, folder / "map.html", "map", lang=lang, bipartite=bipartite)]


def run(
    data: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    base: str = DEFAULT_BASE,
    lang: str = "en",
    seed: int = 1,
    page_lang: str = "de",
    store: str | os.PathLike[str] | None = None,
    step: Callable[[str], object] | None = None,
) -> RunResult:
    """Build, validate and analyse the graph of a dataset; write the results into ``out_dir``.

    Writes ``graph.ttl`` and ``graph.nt`` (the graph, with the analysis results as
    ``fks:Measurement`` nodes), ``validation.txt`` and ``validation.json`` (the SHACL
    report), ``cross-actors.csv`` (actors in two or more networks), ``overview.html`` (the
    interactive overview page, see :func:`fks_graph.viz.page.write_page`), ``map.html`` (the
    networks on a map of Germany, see :func:`fks_graph.viz.geo.map_of`), ``warnings.txt``
    (problems that did not stop reading) and ``analysis/`` (CSV tables and ``report.html``,
    see :func:`fks_graph.analysis.run.analyse`), and last ``fks-graph-run.json`` (the
    manifest: version and files). Bad input raises :class:`~fks_graph.core.errors.InputError`
    before anything is written. The folder is written all or nothing: beside ``out_dir``
    first, then renamed into its place (see :func:`fks_graph.core.atomic.atomic_folder`), so it
    never mixes two runs, and an earlier run's folder is replaced whole. A folder that holds
    other files (no manifest) is refused.

    Parameters
    ----------
    data
        A dataset folder or XLSX workbook.
    out_dir
        The output folder (created if missing).
    base
        Base IRI of instance data.
    lang
        Language of the validation report (``en`` or ``de``).
    seed
        Seed of the community detection.
    page_lang
        Language of the overview page and the map (``de`` or ``en``).
    store
        A store folder or SPARQL endpoint URL that also receives the graph (with the
        analysis results) as its own named graph (see
        :func:`fks_graph.store.target.save_graph`); ``None``: no store.
    step
        Called with the name of each step as it starts (for progress display).

    Examples
    --------
    >>> import tempfile
    >>> from fks_graph.core.resources import ontology_path
    >>> data = ontology_path().parent.parent / "tests" / "fixtures" / "innovationstag-2014"
    >>> result = run(data, tempfile.mkdtemp())
    >>> result.conforms, result.networks, sorted(p.name for p in result.files)[:3]
    (True, 5, ['cross-actors.csv', 'graph.nt', 'graph.ttl'])
    >>> sorted(p.name for p in result.out_dir.iterdir())[:3]
    ['analysis', 'cross-actors.csv', 'fks-graph-run.json']
    >>> result.analysis.report.name
    'report.html'
    """
    notify = step or (lambda _: None)
    out = Path(out_dir)
    with atomic_folder(out, marker=MANIFEST) as new:  # refuses a bad target before the work
        notify("reading")
        dataset = read_dataset(data)
        notify("building")
        graph = build_graph(dataset, base=base)
        warnings = dataset.warnings
        counts = len(dataset.networks), len(dataset.actors), len(dataset.memberships)
        del dataset  # the records are in the graph now: their memory serves the later steps
        notify("validating")
        # validation runs in Oxigraph, mostly outside the GIL: beside the analysis, which is
        # mostly Python; the measurements go in while the analysis writes its tables, once
        # validation is done (it checks the graph as built)
        with ThreadPoolExecutor(max_workers=1) as beside:
            validating = beside.submit(validate_graph, graph, lang=lang)
            analysis = analyse(
                graph,
                new / "analysis",
                seed=seed,
                step=notify,
                whole=False,
                add=True,
                ready=validating.result,
            )
            report = validating.result()
        notify("cross-network actors")
        # the analysis' actor–network graph answers this without a second pass over the graph
        bipartite = analysis.ecosystem.B
        brokers = cross_actors_in(bipartite)
        notify("writing")
        # the store serialises outside the GIL: both files at once, while the pages are drawn
        with ThreadPoolExecutor(max_workers=2) as pool:
            writing = pool.map(partial(write_graph, graph), (new / "graph.ttl", new / "graph.nt"))
            files = [
                write_text(new / "validation.txt", report.text() + "\n"),
                write_text(
                    new / "validation.json",
                    json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n",
                ),
                write_text(new / "warnings.txt", "".join(f"{w}\n" for w in warnings)),
                write_text(new / "cross-actors.csv", to_csv(brokers)),
                *_pages(graph, new, page_lang, analysis.ecosystem, notify),
            ]
            files[:0] = list(writing)
        if store is not None:
            notify("storing")
            save_graph(graph, store)
        written = sorted(str(p.relative_to(new)) for p in new.rglob("*") if p.is_file())
        manifest = {"fks-graph run": version(), "files": written}
        write_text(new / MANIFEST, json.dumps(manifest, indent=1) + "\n")  # last: complete

    def moved(path: Path) -> Path:
        return out / path.relative_to(new)

    analysis = replace(
        analysis,
        tables={name: moved(path) for name, path in analysis.tables.items()},
        report=moved(analysis.report),
    )
    return RunResult(
        out_dir=out,
        files=tuple(moved(path) for path in files),
        triples=triple_count(graph),
        networks=counts[0],
        actors=counts[1],
        memberships=counts[2],
        report=report,
        analysis=analysis,
        cross_actors=tuple(brokers),
        warnings=warnings,
    )
