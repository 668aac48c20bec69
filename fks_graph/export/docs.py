"""A browsable HTML page of the ontology, SKOS schemes, shapes and JSON-LD keys, from the files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from markupsafe import Markup
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, Namespace
from rdflib.term import Node

from fks_graph.core.atomic import atomic_folder, write_text
from fks_graph.core.resources import ontology_path, shapes_path
from fks_graph.core.templates import environment
from fks_graph.export.jsonld import CONTEXT_URL, context, context_path
from fks_graph.terms.namespace import FKS

__all__ = ["membership_diagram", "ontology_html", "write_docs"]

_VANN = Namespace("http://purl.org/vocab/vann/")
_LANGS = ("de", "en")


class _Part(NamedTuple):
    """A piece of the page the template draws by its ``kind`` (a link, a code, texts, ...)."""

    kind: str
    value: Any


class _Names:
    """Compact names, anchors and links of the terms of the page."""

    def __init__(self, graphs: Iterable[Graph]) -> None:
        self.prefixes: list[tuple[str, str]] = []
        for graph in graphs:
            for prefix, namespace in graph.namespaces():
                if prefix and (prefix, str(namespace)) not in self.prefixes:
                    self.prefixes.append((prefix, str(namespace)))
        # the longest namespace first, so that fksat: wins over a shorter match
        self.prefixes.sort(key=lambda item: -len(item[1]))
        self.local: set[str] = set()

    def compact(self, iri: Node) -> str:
        text = str(iri)
        for prefix, namespace in self.prefixes:
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        return text

    def anchor(self, iri: Node) -> str:
        return self.compact(iri).replace(":", "-")

    def link(self, iri: Node, *, external: bool = False) -> dict[str, str]:
        """Where a link to ``iri`` goes (its anchor on the page, else the IRI) and its name."""
        local = str(iri) in self.local and not external
        return {"href": f"#{self.anchor(iri)}" if local else str(iri), "name": self.compact(iri)}


def _texts(graph: Graph, subject: Node, *predicates: URIRef) -> dict[str, str]:
    """Literal values by language tag (``""`` for none), of the first predicate that has any."""
    for predicate in predicates:
        found: dict[str, str] = {}
        for value in graph.objects(subject, predicate):
            if isinstance(value, Literal):
                found.setdefault(value.language or "", str(value))
        if found:
            return found
    return {}


def _bilingual(texts: dict[str, str]) -> _Part:
    """German, English and untagged text, in this order (``texts`` of :func:`_texts`)."""
    return _Part("texts", [(lang, texts[lang]) for lang in (*_LANGS, "") if lang in texts])


def _ordered(text: str, names: _Names, iris: Iterable[Node]) -> list[Node]:
    """The terms in the order their definitions appear in the Turtle text."""

    def position(iri: Node) -> tuple[int, str]:
        found = text.find(f"\n{names.compact(iri)} ")
        return (found if found >= 0 else len(text), str(iri))

    return sorted(set(iris), key=position)


def _term(graph: Graph, names: _Names, iri: Node, rows: list[tuple[str, _Part]]) -> dict:
    labels = _texts(graph, iri, RDFS.label, SKOS.prefLabel)
    body = [
        ("IRI", _Part("code", str(iri))),
        ("label", _bilingual(labels)),
        ("comment", _bilingual(_texts(graph, iri, RDFS.comment, SKOS.definition))),
        *rows,
    ]
    return {
        "anchor": names.anchor(iri),
        "heading": names.compact(iri),
        "english": labels.get("en"),
        "rows": [(key, part) for key, part in body if part.value],
    }


def _links(names: _Names, iris: Iterable[Node]) -> _Part:
    return _Part("links", [names.link(iri) for iri in sorted(set(iris), key=str)])


def _classes(graph: Graph, text: str, names: _Names) -> Iterator[dict]:
    for cls in _ordered(text, names, graph.subjects(RDF.type, OWL.Class)):
        yield _term(
            graph,
            names,
            cls,
            [
                ("subclass of", _links(names, graph.objects(cls, RDFS.subClassOf))),
                ("domain of", _links(names, graph.subjects(RDFS.domain, cls))),
                ("range of", _links(names, graph.subjects(RDFS.range, cls))),
            ],
        )


def _properties(graph: Graph, text: str, names: _Names) -> Iterator[dict]:
    kinds = {OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "datatype property"}
    found = [p for kind in kinds for p in graph.subjects(RDF.type, kind)]
    for prop in _ordered(text, names, found):
        kind = ", ".join(kinds[k] for k in kinds if (prop, RDF.type, k) in graph)
        yield _term(
            graph,
            names,
            prop,
            [
                ("kind", _Part("text", kind)),
                ("subproperty of", _links(names, graph.objects(prop, RDFS.subPropertyOf))),
                ("domain", _links(names, graph.objects(prop, RDFS.domain))),
                ("range", _links(names, graph.objects(prop, RDFS.range))),
            ],
        )


def _schemes(graph: Graph, text: str, names: _Names) -> Iterator[dict]:
    extra = ((FKS.agsCode, "AGS"), (FKS.nutsCode, "NUTS"))
    for scheme in _ordered(text, names, graph.subjects(RDF.type, SKOS.ConceptScheme)):
        concepts = []
        for concept in _ordered(text, names, graph.subjects(SKOS.inScheme, scheme)):
            labels = _texts(graph, concept, SKOS.prefLabel)
            concepts.append(
                {
                    "anchor": names.anchor(concept),
                    "notation": str(graph.value(concept, SKOS.notation) or ""),
                    "link": names.link(concept, external=True),
                    "de": labels.get("de", ""),
                    "en": labels.get("en", ""),
                    "alt": ", ".join(sorted(str(a) for a in graph.objects(concept, SKOS.altLabel))),
                    "codes": [
                        (name, str(value))
                        for predicate, name in extra
                        for value in graph.objects(concept, predicate)
                    ],
                    "notes": _bilingual(_texts(graph, concept, SKOS.definition)).value,
                }
            )
        source = _links(names, graph.objects(scheme, DCTERMS.source))
        yield {"term": _term(graph, names, scheme, [("source", source)]), "concepts": concepts}


def _path(shapes: Graph, names: _Names, path: Node) -> _Part:
    if isinstance(path, URIRef):
        return _Part("link", names.link(path))
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return _Part("inverse", _path(shapes, names, inverse))
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        paths = [_path(shapes, names, p) for p in Collection(shapes, alternatives)]
        return _Part("alternative", paths)
    if (path, RDF.first, None) in shapes:
        return _Part("sequence", [_path(shapes, names, p) for p in Collection(shapes, path)])
    return _Part("text", str(path))


def _values(shapes: Graph, names: _Names, shape: Node) -> list[_Part]:
    parts = [
        _Part("link", names.link(v))
        for p in (SH.datatype, SH["class"])
        for v in shapes.objects(shape, p)
    ]
    for either in shapes.objects(shape, SH["or"]):
        parts.append(_Part("or", [_values(shapes, names, s) for s in Collection(shapes, either)]))
    for pattern in shapes.objects(shape, SH.pattern):
        parts.append(_Part("pattern", str(pattern)))
    return parts


def _count(shapes: Graph, shape: Node) -> str:
    low = shapes.value(shape, SH.minCount)
    high = shapes.value(shape, SH.maxCount)
    return f"{low or 0}..{high if high is not None else 'n'}"


def _shape_rows(shapes: Graph, names: _Names, shape: Node) -> list[dict]:
    """The property and SPARQL constraints of a shape, by their input column."""
    rows = [
        {
            "name": str(shapes.value(prop, SH.name) or ""),
            "path": _path(shapes, names, shapes.value(prop, SH.path)),
            "count": _count(shapes, prop),
            "allowed": _values(shapes, names, prop),
            "message": _bilingual(_texts(shapes, prop, SH.message)).value,
        }
        for prop in shapes.objects(shape, SH.property)
    ]
    rows += [
        {
            "name": str(shapes.value(constraint, SH.name) or ""),
            "path": None,
            "count": "",
            "allowed": [],
            "message": _bilingual(_texts(shapes, constraint, SH.message)).value,
        }
        for constraint in shapes.objects(shape, SH.sparql)
    ]
    # in the order of the rows' HTML, as the page always had them
    shape_row = environment("fks_graph.export").get_template("ontology.html").module.shape_row
    return sorted(rows, key=lambda row: str(shape_row(row)))


def _shapes(shapes: Graph, text: str, names: _Names) -> Iterator[dict]:
    for shape in _ordered(text, names, shapes.subjects(RDF.type, SH.NodeShape)):
        label = _texts(shapes, shape, RDFS.label)
        targets = [("instances of", names.link(c)) for c in shapes.objects(shape, SH.targetClass)]
        targets += [
            ("subjects of", names.link(p)) for p in shapes.objects(shape, SH.targetSubjectsOf)
        ]
        yield {
            "anchor": names.anchor(shape),
            "heading": names.compact(shape),
            "en": label.get("en", ""),
            "de": label.get("de", ""),
            "targets": targets,
            "rows": _shape_rows(shapes, names, shape),
        }


def _context_rows(names: _Names) -> Iterator[tuple[str, _Part, _Part]]:
    """Each JSON-LD key, the RDF term it stands for and how its value is read."""
    terms = context()
    prefixes = {k: v for k, v in terms.items() if isinstance(v, str) and v.endswith(("#", "/"))}

    def expand(value: str) -> str:
        prefix, colon, rest = value.partition(":")
        return prefixes[prefix] + rest if colon and prefix in prefixes else value

    for key, value in terms.items():
        if key.startswith("@") or key in prefixes:
            continue
        definition = value if isinstance(value, dict) else {"@id": value}
        reverse = "@reverse" in definition
        target = definition.get("@reverse") or definition.get("@id")
        iri = expand(target) if target and not target.startswith("@") else target
        coercion = definition.get("@type", "")
        if coercion == "@vocab":
            read = _Part("vocab", definition["@context"]["@vocab"])
        elif coercion == "@id":
            read = _Part("text", "an IRI")
        elif coercion:
            read = _Part("link", names.link(URIRef(expand(coercion))))
        else:
            read = _Part("text", "")
        if iri.startswith("@"):
            shown = _Part("code", iri)
        else:
            shown = _Part("inverse" if reverse else "link", names.link(URIRef(iri)))
        yield key, shown, read


_BOXES = {
    # name: (x, y, title, term, colour); dashed boxes are SKOS concepts
    "actor": (20, 20, "Akteur / actor", "org:FormalOrganization", "#dbe9fb"),
    "membership": (405, 20, "Mitgliedschaft / membership", "org:Membership", "#eceff4"),
    "network": (790, 20, "Netzwerk / network", "org:OrganizationalCollaboration", "#fde8d0"),
    "type": (20, 170, "Akteurstyp / actor type", "fks:ActorType", "#e3f4e1"),
    "role": (277, 170, "Rolle / role", "org:Role", "#e3f4e1"),
    "interval": (533, 170, "Zeitraum / period", "time:Interval", "#efe4f7"),
    "land": (790, 170, "Bundesland / Land", "fks:Land", "#e3f4e1"),
    "instant": (533, 320, "Zeitpunkt / instant", "time:Instant", "#efe4f7"),
    "value": (20, 320, "Tag oder Jahr / day or year", "xsd:date | xsd:gYear", "#ffffff"),
}
_CONCEPT_COLOUR = "#e3f4e1"
_ARROWS = (
    ("membership", "actor", "org:member"),
    ("membership", "network", "org:organization"),
    ("actor", "type", "org:classification"),
    ("membership", "role", "org:role"),
    ("membership", "interval", "org:memberDuring"),
    ("network", "land", "fks:land"),
    ("interval", "instant", "time:hasBeginning, time:hasEnd"),
    ("instant", "value", "time:inXSDDate | time:inXSDgYear"),
)
_W, _H = 230, 52


def _edge_point(box: tuple[float, float], toward: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the centre of a box toward a point leaves the box."""
    (cx, cy), (tx, ty) = box, toward
    dx, dy = tx - cx, ty - cy
    scale = min(
        (_W / 2) / abs(dx) if dx else float("inf"), (_H / 2) / abs(dy) if dy else float("inf")
    )
    return cx + dx * scale, cy + dy * scale


def _label(x1: float, y1: float, x2: float, y2: float, text: str) -> dict[str, str]:
    """An arrow's label beside its middle: above a level arrow, else to the side it leans."""
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    if abs(y2 - y1) < 1:
        x, y, anchor = mx, my - 8, "middle"
    elif x2 < x1:
        x, y, anchor = mx - 8, my, "end"
    else:
        x, y, anchor = mx + 8, my, "start"
    return {"x": f"{x:.0f}", "y": f"{y:.0f}", "anchor": anchor, "text": text}


def membership_diagram() -> Markup:
    """An inline SVG of the membership pattern: actor, membership, network, role, period.

    Examples
    --------
    >>> svg = membership_diagram()
    >>> svg.startswith("<svg") and "org:memberDuring" in svg and "fks:ActorType" in svg
    True
    """
    centre = {name: (x + _W / 2, y + _H / 2) for name, (x, y, *_) in _BOXES.items()}
    lines, labels = [], []
    for source, target, label in _ARROWS:
        x1, y1 = _edge_point(centre[source], centre[target])
        x2, y2 = _edge_point(centre[target], centre[source])
        lines.append([f"{v:.0f}" for v in (x1, y1, x2, y2)])
        labels.append(_label(x1, y1, x2, y2, label))
    boxes = [
        {
            "x": x,
            "y": y,
            "middle": f"{x + _W / 2:.0f}",
            "title_y": y + 21,
            "term_y": y + 40,
            "title": title,
            "term": term,
            "colour": colour,
            "dashed": colour == _CONCEPT_COLOUR,
        }
        for x, y, title, term, colour in _BOXES.values()
    ]
    svg = environment("fks_graph.export").get_template("membership.svg")
    return Markup(svg.render(lines=lines, boxes=boxes, labels=labels, width=_W, height=_H))


def ontology_html(
    ontology: str | os.PathLike[str] | None = None, shapes: str | os.PathLike[str] | None = None
) -> str:
    """The documentation page: ontology, concept schemes, shapes and JSON-LD keys.

    Generated from the Turtle files on each call, so it always says what they say. The page
    is self-contained (inline style and SVG, no scripts, no fetched resources); every text
    from the files is HTML-escaped (``export/templates/ontology.html``). Classes,
    properties, schemes, concepts and shapes have anchors named after their compact name
    (``#fks-Prize``, ``#fksat-jobcenter``).

    Parameters
    ----------
    ontology, shapes : path, optional
        The ontology and the shapes; by default the files shipped with the package.

    Examples
    --------
    >>> page = ontology_html()
    >>> page.startswith("<!DOCTYPE html>"), 'id="fks-AwardConferral"' in page
    (True, True)
    >>> "Industrie- und Handelskammer" in page and "chamber of industry and commerce" in page
    True
    """
    ontology_file = Path(ontology) if ontology is not None else ontology_path()
    shapes_file = Path(shapes) if shapes is not None else shapes_path()
    text = ontology_file.read_text(encoding="utf-8")
    graph = Graph(bind_namespaces="none").parse(data=text, format="turtle")
    shape_text = shapes_file.read_text(encoding="utf-8")
    shape_graph = Graph(bind_namespaces="none").parse(data=shape_text, format="turtle")
    names = _Names([graph, shape_graph])
    names.local = {
        str(s)
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme)
        for s in graph.subjects(RDF.type, kind)
    }
    names.local |= {str(s) for s in graph.subjects(SKOS.inScheme, None)}
    names.local |= {str(s) for s in shape_graph.subjects(RDF.type, SH.NodeShape)}
    root = next(iter(graph.subjects(RDF.type, OWL.Ontology)), None)
    titles = _texts(graph, root, RDFS.label) if root is not None else {}
    return (
        environment("fks_graph.export")
        .get_template("ontology.html")
        .render(
            title=titles.get("en") or titles.get("de") or "fks-graph ontology",
            facts=_facts(graph, root, names),
            context_url=CONTEXT_URL,
            diagram=membership_diagram(),
            classes=list(_classes(graph, text, names)),
            properties=list(_properties(graph, text, names)),
            schemes=list(_schemes(graph, text, names)),
            shapes=list(_shapes(shape_graph, shape_text, names)),
            keys=list(_context_rows(names)),
        )
    )


def _facts(graph: Graph, root: Node | None, names: _Names) -> list[tuple[str, _Part]]:
    """The ontology's IRI, namespace, prefix, version, title, description and licence."""

    def code(predicate: URIRef) -> _Part:
        value = graph.value(root, predicate)
        return _Part("code", "" if value is None else str(value))

    facts = [
        ("IRI", _Part("code", str(root) if root is not None else "")),
        ("namespace", code(_VANN.preferredNamespaceUri)),
        ("prefix", code(_VANN.preferredNamespacePrefix)),
        ("version", _Part("text", str(graph.value(root, OWL.versionInfo) or ""))),
        ("title", _bilingual(_texts(graph, root, RDFS.label) if root is not None else {})),
        ("description", _bilingual(_texts(graph, root, RDFS.comment))),
        ("licence", _links(names, graph.objects(root, DCTERMS.license))),
    ]
    return [(key, part) for key, part in facts if part.value]


def write_docs(out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``index.html`` (:func:`ontology_html`) and the files it links to into ``out_dir``.

    Copies ``fks.ttl``, ``shapes.ttl`` and ``context.jsonld`` beside the page, so that the
    folder can be published or opened offline as it is. ``out_dir`` is created, or replaced
    whole once all files are written; an existing folder must be empty or earlier
    documentation (it holds ``fks.ttl``), another is refused (``UsageError``), so that
    nobody's files are overwritten.

    Examples
    --------
    >>> import tempfile
    >>> sorted(p.name for p in write_docs(tempfile.mkdtemp()))
    ['context.jsonld', 'fks.ttl', 'index.html', 'shapes.ttl']
    """
    folder = Path(out_dir)
    html = ontology_html()
    with atomic_folder(folder, marker=ontology_path().name) as new:
        written = [write_text(new / "index.html", html)]
        for source in (ontology_path(), shapes_path(), context_path()):
            written.append(write_text(new / source.name, source.read_text(encoding="utf-8")))
    return [folder / path.relative_to(new) for path in written]
