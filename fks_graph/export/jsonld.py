"""JSON-LD of actors, networks, memberships and measures: short keys from a published context."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph

from fks_graph.core.atomic import write_text
from fks_graph.core.errors import UsageError
from fks_graph.core.resources import ontology_path
from fks_graph.export.views import Membership, read_measures, read_memberships, view_graph
from fks_graph.registries import entry_iri

__all__ = [
    "CONTEXT_FILE",
    "CONTEXT_URL",
    "check_jsonld_view",
    "context",
    "context_path",
    "jsonld_document",
    "write_jsonld",
]

#: Where the ``@context`` of the exports is meant to be published (the same file ships in the
#: package); exports do not refer to it, since it does not resolve offline.
CONTEXT_URL = "https://w3id.org/fks-graph/context.jsonld"
#: The name of the context file a linked export writes beside the document and refers to.
CONTEXT_FILE = "context.jsonld"


def context_path() -> Path:
    """The JSON-LD context file shipped with the package (``ontology/context.jsonld``).

    Examples
    --------
    >>> context_path().name, context_path().is_file()
    ('context.jsonld', True)
    """
    return ontology_path().with_name("context.jsonld")


@lru_cache(maxsize=1)
def _context_text() -> str:
    return context_path().read_text(encoding="utf-8")


def context() -> dict[str, Any]:
    """The term definitions of the shipped context: short keys and the IRIs they stand for.

    Exports carry it (or refer to a copy beside them), so that no JSON-LD processor has to
    fetch :data:`CONTEXT_URL`.

    Examples
    --------
    >>> terms = context()
    >>> terms["name"], terms["memberOf"]["@id"]
    ('skos:prefLabel', 'org:memberOf')
    """
    return json.loads(_context_text())["@context"]


def _instant(iri: str | None, moment: object) -> dict[str, Any] | None:
    if iri is None:
        return None
    instant: dict[str, Any] = {"id": iri, "type": "Instant"}
    if isinstance(moment, int):
        instant["year"] = f"{moment:04d}"
    elif moment is not None:
        instant["date"] = moment.isoformat()
    return instant


def _membership(m: Membership) -> dict[str, Any]:
    item: dict[str, Any] = {"id": m.iri, "type": "Membership", "organization": m.network}
    if m.role is not None:
        item["role"] = m.role
    if m.interval is not None:
        during: dict[str, Any] = {"id": m.interval, "type": "Interval"}
        for key, iri, moment in (("begin", m.begin, m.since), ("end", m.end, m.until)):
            instant = _instant(iri, moment)
            if instant is not None:
                during[key] = instant
        item["during"] = during
    return item


def jsonld_document(graph: Graph, *, embed_context: bool = True) -> dict[str, Any]:
    """The actors and networks of ``graph`` as a JSON-LD document with short keys.

    Each network and actor is an object of ``@graph`` with ``id`` (its IRI), ``type``
    (``Network`` or ``Actor``), ``name``, ``identifier``, ``land`` (ISO codes), and for
    actors ``actorType`` (a code), ``city``, ``memberOf`` (network IRIs) and
    ``memberships`` (each with ``organization``, ``role`` and the period ``during`` with
    ``begin``/``end`` and their ``year`` or ``date``); the measures of the analysis, when
    present, are ``measurements`` (``metric`` and ``value``) of a node, and objects of their
    own for a pair of networks. Read as RDF, the document gives the graph's own triples, plus
    ``org:memberOf`` (W3C ORG's shortcut for a membership) and measurements as blank nodes.

    Parameters
    ----------
    graph : rdflib.Graph
        A built graph (with the analysis results if wanted).
    embed_context : bool
        Put the term definitions into the document (the default: it is self-contained and
        read offline); ``False`` refers to :data:`CONTEXT_FILE`, the context file beside the
        document (relative to it), which :func:`write_jsonld` then writes too.

    Examples
    --------
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> document = jsonld_document(graph)
    >>> document["@context"]["name"], jsonld_document(graph, embed_context=False)["@context"]
    ('skos:prefLabel', 'context.jsonld')
    >>> ihk = next(n for n in document["@graph"] if n.get("identifier") == "ihk-aachen")
    >>> ihk["type"], ihk["name"], ihk["actorType"], ihk["land"], ihk["memberOf"]
    ('Actor', 'IHK Aachen', 'chamber_of_commerce', ['DE-NW'], ['https://w3id.org/fks-graph/data/network/switch-aachen'])
    >>> ihk["memberships"][0]["role"]
    'partner'
    """
    members = read_memberships(graph)
    measured = read_measures(graph)
    B = view_graph(graph, memberships=members, measures=measured)
    of_actor: dict[str, list[Membership]] = {}
    for m in members:
        if B.has_edge(m.actor, m.network):
            of_actor.setdefault(m.actor, []).append(m)
    nodes = []
    for node, data in B.nodes(data=True):
        item: dict[str, Any] = {"id": node, "type": data["kind"].capitalize()}
        if data["label"] != node:  # the view falls back to the IRI when there is no label
            item["name"] = data["label"]
        keys = (("identifier", "identifier"), ("type", "actorType"), ("city", "city"))
        item.update({key: data[attribute] for attribute, key in keys if attribute in data})
        if "land" in data:
            item["land"] = data["land"].split("|")
        if "code" in data:  # the official registry entry, to join with official statistics
            registry = data["registry"]
            item["registryEntry"] = {
                "id": entry_iri(registry, data["code"]),
                "code": data["code"],
                "inScheme": entry_iri(registry),
            }
        if "region_code" in data:  # a network's region, by its AGS or NUTS code
            item["region"] = {"code": data["region_code"]}
        if node in of_actor:
            item["memberOf"] = sorted({m.network for m in of_actor[node]})
            item["memberships"] = [_membership(m) for m in of_actor[node]]
        values = measured.nodes.get(node, {})
        if values:
            item["measurements"] = [
                {"type": "Measurement", "metric": metric, "value": value}
                for metric, value in sorted(values.items())
            ]
        nodes.append(item)
    for (a, b), values in sorted(measured.pairs.items()):
        nodes.extend(
            {"type": "Measurement", "metric": metric, "measureOf": [a, b], "value": value}
            for metric, value in sorted(values.items())
        )
    return {"@context": context() if embed_context else CONTEXT_FILE, "@graph": nodes}


def check_jsonld_view(view: str) -> str:
    """``view`` if JSON-LD writes it: only ``bipartite``, else a :class:`UsageError`.

    JSON-LD carries the memberships themselves, from which a reader gets either projection.

    Examples
    --------
    >>> check_jsonld_view("actors")
    Traceback (most recent call last):
    ...
    fks_graph.core.errors.UsageError: the JSON-LD export writes the bipartite projection (actors, networks and their memberships), not 'actors'
    """
    if view != "bipartite":
        raise UsageError(
            "the JSON-LD export writes the bipartite projection (actors, networks and their "
            f"memberships), not '{view}'"
        )
    return view


def write_jsonld(
    graph: Graph,
    path: str | os.PathLike[str],
    view: str = "bipartite",
    *,
    embed_context: bool = True,
) -> list[Path]:
    """Write :func:`jsonld_document` as UTF-8 JSON, atomically.

    With ``embed_context=False`` the document refers to :data:`CONTEXT_FILE`, written
    beside it (a copy of the shipped context), instead of carrying the context.

    Raises
    ------
    UsageError
        A view other than ``bipartite`` (see :func:`check_jsonld_view`); a file named
        :data:`CONTEXT_FILE` beside ``path`` that is not this context.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from fks_graph import build_graph, read_dataset
    >>> graph = build_graph(read_dataset("tests/fixtures/innovationstag-2014"))
    >>> (out,) = write_jsonld(graph, pathlib.Path(tempfile.mkdtemp()) / "ecosystem.jsonld")
    >>> json.loads(out.read_text(encoding="utf-8"))["@graph"][0]["type"]
    'Network'
    >>> linked = write_jsonld(graph, out.with_name("linked.jsonld"), embed_context=False)
    >>> [p.name for p in linked]
    ['linked.jsonld', 'context.jsonld']
    """
    check_jsonld_view(view)
    beside = Path(path).with_name(CONTEXT_FILE)
    if not embed_context:  # never replace a file of that name that is not this context
        if Path(path).name == CONTEXT_FILE:
            raise UsageError(
                f"{path}: the context is written as {CONTEXT_FILE}; name the export otherwise"
            )
        if os.path.lexists(beside) and not (
            beside.is_file()
            and beside.read_text(encoding="utf-8", errors="replace") == _context_text()
        ):
            raise UsageError(
                f"{beside} is there and is not fks-graph's context; move it, or embed the "
                "context (--embed-context)"
            )
    document = jsonld_document(graph, embed_context=embed_context)
    text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    written = [write_text(path, text)]
    if not embed_context:
        written.append(write_text(beside, _context_text()))
    return written
