"""A browsable HTML page of the ontology, SKOS schemes, shapes and JSON-LD keys, from the files."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, Namespace
from rdflib.term import Node

from fks_graph.core.atomic import write_text
from fks_graph.core.resources import ontology_path, shapes_path
from fks_graph.export.jsonld import CONTEXT_URL, context, context_path
from fks_graph.terms.namespace import FKS

__all__ = ["membership_diagram", "ontology_html", "write_docs"]

_VANN = Namespace("http://purl.org/vocab/vann/")
_LANGS = ("de", "en")

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1100px;
       padding: 1em 2em 4em; color: #1d2430; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 2.2em;
     border-bottom: 2px solid #d8dee8; } h3 { margin: 1.6em 0 .3em; font-size: 1.1em; }
code { font: 13px ui-monospace, monospace; background: #f2f4f8; padding: 0 .25em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
th, td { border: 1px solid #d8dee8; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f2f4f8; font-weight: 600; } td.k { width: 11em; color: #4a5568; }
.de { color: #38598b; } nav ul { columns: 3; } a { color: #1f5fa8; }
.term { scroll-margin-top: 1em; } svg text { font: 13px system-ui, sans-serif; }
"""


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

    def link(self, iri: Node, *, external: bool = False) -> str:
        name = html.escape(self.compact(iri))
        if str(iri) in self.local and not external:
            return f'<a href="#{html.escape(self.anchor(iri), quote=True)}"><code>{name}</code></a>'
        return f'<a href="{html.escape(str(iri), quote=True)}"><code>{name}</code></a>'


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


def _bilingual(texts: dict[str, str]) -> str:
    parts = []
    for lang in _LANGS:
        if lang in texts:
            css = ' class="de"' if lang == "de" else ""
            parts.append(f'<span lang="{lang}"{css}>{html.escape(texts[lang])}</span>')
    if "" in texts:
        parts.append(html.escape(texts[""]))
    return "<br>".join(parts)


def _ordered(text: str, names: _Names, iris: Iterable[Node]) -> list[Node]:
    """The terms in the order their definitions appear in the Turtle text."""

    def position(iri: Node) -> tuple[int, str]:
        found = text.find(f"\n{names.compact(iri)} ")
        return (found if found >= 0 else len(text), str(iri))

    return sorted(set(iris), key=position)


def _rows(rows: Iterable[tuple[str, str]]) -> str:
    return "".join(f'<tr><td class="k">{key}</td><td>{value}</td></tr>' for key, value in rows)


def _term(graph: Graph, names: _Names, iri: Node, rows: list[tuple[str, str]]) -> str:
    anchor = html.escape(names.anchor(iri), quote=True)
    labels = _texts(graph, iri, RDFS.label, SKOS.prefLabel)
    heading = html.escape(names.compact(iri))
    english = f" — {html.escape(labels['en'])}" if "en" in labels else ""
    body = [
        ("IRI", f"<code>{html.escape(str(iri))}</code>"),
        ("label", _bilingual(labels)),
        ("comment", _bilingual(_texts(graph, iri, RDFS.comment, SKOS.definition))),
        *rows,
    ]
    return (
        f'<section class="term" id="{anchor}"><h3>{heading}{english}</h3>'
        f"<table>{_rows((k, v) for k, v in body if v)}</table></section>"
    )


def _links(names: _Names, iris: Iterable[Node]) -> str:
    return ", ".join(names.link(iri) for iri in sorted(set(iris), key=str))


def _classes(graph: Graph, text: str, names: _Names) -> Iterator[str]:
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


def _properties(graph: Graph, text: str, names: _Names) -> Iterator[str]:
    kinds = {OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "datatype property"}
    found = [p for kind in kinds for p in graph.subjects(RDF.type, kind)]
    for prop in _ordered(text, names, found):
        kind = ", ".join(kinds[k] for k in kinds if (prop, RDF.type, k) in graph)
        yield _term(
            graph,
            names,
            prop,
            [
                ("kind", kind),
                ("subproperty of", _links(names, graph.objects(prop, RDFS.subPropertyOf))),
                ("domain", _links(names, graph.objects(prop, RDFS.domain))),
                ("range", _links(names, graph.objects(prop, RDFS.range))),
            ],
        )


def _schemes(graph: Graph, text: str, names: _Names) -> Iterator[str]:
    extra = ((FKS.agsCode, "AGS"), (FKS.nutsCode, "NUTS"))
    for scheme in _ordered(text, names, graph.subjects(RDF.type, SKOS.ConceptScheme)):
        concepts = _ordered(text, names, graph.subjects(SKOS.inScheme, scheme))
        rows = []
        for concept in concepts:
            labels = _texts(graph, concept, SKOS.prefLabel)
            alt = sorted(str(label) for label in graph.objects(concept, SKOS.altLabel))
            codes = [
                f"{name} {html.escape(str(value))}"
                for predicate, name in extra
                for value in graph.objects(concept, predicate)
            ]
            notes = _bilingual(_texts(graph, concept, SKOS.definition))
            rows.append(
                f'<tr class="term" id="{html.escape(names.anchor(concept), quote=True)}">'
                f"<td><code>{html.escape(str(graph.value(concept, SKOS.notation) or ''))}</code>"
                f"<br>{names.link(concept, external=True)}</td>"
                f'<td lang="de" class="de">{html.escape(labels.get("de", ""))}</td>'
                f'<td lang="en">{html.escape(labels.get("en", ""))}</td>'
                f"<td>{html.escape(', '.join(alt))}{'<br>' if alt and codes else ''}"
                f"{'; '.join(codes)}{'<br>' if notes and (alt or codes) else ''}{notes}</td></tr>"
            )
        yield _term(
            graph, names, scheme, [("source", _links(names, graph.objects(scheme, DCTERMS.source)))]
        ) + (
            "<table><tr><th>code</th><th>Deutsch</th><th>English</th>"
            "<th>other spellings, codes, definition</th></tr>" + "".join(rows) + "</table>"
        )


def _path(shapes: Graph, names: _Names, path: Node) -> str:
    if isinstance(path, URIRef):
        return names.link(path)
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path(shapes, names, inverse)
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        return " | ".join(_path(shapes, names, p) for p in Collection(shapes, alternatives))
    if (path, RDF.first, None) in shapes:
        return " / ".join(_path(shapes, names, p) for p in Collection(shapes, path))
    return html.escape(str(path))


def _values(shapes: Graph, names: _Names, shape: Node) -> str:
    parts = [names.link(v) for p in (SH.datatype, SH["class"]) for v in shapes.objects(shape, p)]
    for either in shapes.objects(shape, SH["or"]):
        parts.append(" or ".join(_values(shapes, names, s) for s in Collection(shapes, either)))
    for pattern in shapes.objects(shape, SH.pattern):
        parts.append(f"matching <code>{html.escape(str(pattern))}</code>")
    return ", ".join(parts)


def _count(shapes: Graph, shape: Node) -> str:
    low = shapes.value(shape, SH.minCount)
    high = shapes.value(shape, SH.maxCount)
    return f"{low or 0}..{high if high is not None else 'n'}"


def _shapes(shapes: Graph, text: str, names: _Names) -> Iterator[str]:
    for shape in _ordered(text, names, shapes.subjects(RDF.type, SH.NodeShape)):
        label = _texts(shapes, shape, RDFS.label)
        targets = [f"instances of {names.link(c)}" for c in shapes.objects(shape, SH.targetClass)]
        targets += [
            f"subjects of {names.link(p)}" for p in shapes.objects(shape, SH.targetSubjectsOf)
        ]
        rows = []
        for prop in shapes.objects(shape, SH.property):
            rows.append(
                f"<tr><td><code>{html.escape(str(shapes.value(prop, SH.name) or ''))}</code></td>"
                f"<td>{_path(shapes, names, shapes.value(prop, SH.path))}</td>"
                f"<td>{_count(shapes, prop)}</td><td>{_values(shapes, names, prop)}</td>"
                f"<td>{_bilingual(_texts(shapes, prop, SH.message))}</td></tr>"
            )
        for constraint in shapes.objects(shape, SH.sparql):
            rows.append(
                f"<tr><td><code>{html.escape(str(shapes.value(constraint, SH.name) or ''))}"
                "</code></td><td>SPARQL</td><td></td><td></td>"
                f"<td>{_bilingual(_texts(shapes, constraint, SH.message))}</td></tr>"
            )
        yield (
            f'<section class="term" id="{html.escape(names.anchor(shape), quote=True)}">'
            f"<h3>{html.escape(names.compact(shape))} — {html.escape(label.get('en', ''))} "
            f'(<span lang="de" class="de">{html.escape(label.get("de", ""))}</span>)</h3>'
            f"<p>Checks {', '.join(targets) or 'the nodes its SPARQL target selects'}.</p>"
            "<table><tr><th>input column</th><th>path</th><th>count</th><th>values</th>"
            "<th>message</th></tr>" + "".join(sorted(rows)) + "</table></section>"
        )


def _context_rows(names: _Names) -> Iterator[str]:
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
            coercion = "a code: " + html.escape(definition["@context"]["@vocab"]) + "CODE"
        elif coercion == "@id":
            coercion = "an IRI"
        elif coercion:
            coercion = names.link(URIRef(expand(coercion)))
        shown = (
            f"<code>{html.escape(iri)}</code>"
            if iri.startswith("@")
            else ("inverse of " if reverse else "") + names.link(URIRef(iri))
        )
        key_cell = f"<td><code>{html.escape(key)}</code></td>"
        yield f"<tr>{key_cell}<td>{shown}</td><td>{coercion}</td></tr>"


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


def _label(x1: float, y1: float, x2: float, y2: float, text: str) -> str:
    """An arrow's label beside its middle: above a level arrow, else to the side it leans."""
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    if abs(y2 - y1) < 1:
        x, y, anchor = mx, my - 8, "middle"
    elif x2 < x1:
        x, y, anchor = mx - 8, my, "end"
    else:
        x, y, anchor = mx + 8, my, "start"
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}" fill="#1f5fa8" stroke="#fff" '
        f'stroke-width="4" paint-order="stroke">{html.escape(text)}</text>'
    )


def membership_diagram() -> str:
    """An inline SVG of the membership pattern: actor, membership, network, role, period.

    Examples
    --------
    >>> svg = membership_diagram()
    >>> svg.startswith("<svg") and "org:memberDuring" in svg and "fks:ActorType" in svg
    True
    """
    esc = html.escape
    parts = [
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1040 392" width="100%" '
            'role="img" aria-label="membership pattern">'
        ),
        (
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            'fill="#4a5568"/></marker></defs>'
        ),
    ]
    centre = {name: (x + _W / 2, y + _H / 2) for name, (x, y, *_) in _BOXES.items()}
    labels = []
    for source, target, label in _ARROWS:
        x1, y1 = _edge_point(centre[source], centre[target])
        x2, y2 = _edge_point(centre[target], centre[source])
        parts.append(
            f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#4a5568" '
            'stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
        labels.append(_label(x1, y1, x2, y2, label))
    for x, y, title, term, colour in _BOXES.values():
        dashed = ' stroke-dasharray="5 3"' if colour == _CONCEPT_COLOUR else ""
        parts.append(
            f'<rect x="{x}" y="{y}" width="{_W}" height="{_H}" rx="8" fill="{colour}" '
            f'stroke="#4a5568"{dashed}/>'
            f'<text x="{x + _W / 2:.0f}" y="{y + 21}" text-anchor="middle" '
            f'font-weight="600">{esc(title)}</text>'
            f'<text x="{x + _W / 2:.0f}" y="{y + 40}" text-anchor="middle">{esc(term)}</text>'
        )
    parts.extend(labels)
    parts.append("</svg>")
    return "".join(parts)


def ontology_html(
    ontology: str | os.PathLike[str] | None = None, shapes: str | os.PathLike[str] | None = None
) -> str:
    """The documentation page: ontology, concept schemes, shapes and JSON-LD keys.

    Generated from the Turtle files on each call, so it always says what they say. The page
    is self-contained (inline style and SVG, no scripts, no fetched resources); every text
    from the files is HTML-escaped. Classes, properties, schemes, concepts and shapes have
    anchors named after their compact name (``#fks-Prize``, ``#fksat-jobcenter``).

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
    title = titles.get("en") or titles.get("de") or "fks-graph ontology"

    def code(predicate: URIRef) -> str:
        value = graph.value(root, predicate)
        return "" if value is None else f"<code>{html.escape(str(value))}</code>"

    facts = [
        ("IRI", f"<code>{html.escape(str(root))}</code>" if root is not None else ""),
        ("namespace", code(_VANN.preferredNamespaceUri)),
        ("prefix", code(_VANN.preferredNamespacePrefix)),
        ("version", html.escape(str(graph.value(root, OWL.versionInfo) or ""))),
        ("title", _bilingual(titles)),
        ("description", _bilingual(_texts(graph, root, RDFS.comment))),
        ("licence", _links(names, graph.objects(root, DCTERMS.license))),
        (
            "files",
            (
                '<a href="fks.ttl">fks.ttl</a> (ontology), <a href="shapes.ttl">shapes.ttl</a> '
                '(SHACL shapes), <a href="context.jsonld">context.jsonld</a> (JSON-LD context, '
                f"carried by every JSON-LD export; to be published as "
                f"<code>{html.escape(CONTEXT_URL)}</code>)"
            ),
        ),
    ]
    sections = [
        ("pattern", "The membership pattern", _pattern()),
        ("classes", "Classes", "".join(_classes(graph, text, names))),
        ("properties", "Properties", "".join(_properties(graph, text, names))),
        ("schemes", "Concept schemes (SKOS)", "".join(_schemes(graph, text, names))),
        (
            "shapes",
            "Shapes (SHACL): what the validation checks",
            "".join(_shapes(shape_graph, shape_text, names)),
        ),
        (
            "jsonld",
            "JSON-LD keys",
            "<p>The keys of <code>fks-graph export … -o FILE.jsonld</code> and the RDF terms "
            "they stand for (<code>context.jsonld</code>).</p><table><tr><th>key</th>"
            "<th>RDF term</th><th>value</th></tr>" + "".join(_context_rows(names)) + "</table>",
        ),
    ]
    nav = "".join(f'<li><a href="#{key}">{html.escape(name)}</a></li>' for key, name, _ in sections)
    body = "".join(
        f'<h2 id="{key}">{html.escape(name)}</h2>{content}' for key, name, content in sections
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><table>{_rows((k, v) for k, v in facts if v)}</table>"
        f"<nav><ul>{nav}</ul></nav>{body}</body></html>\n"
    )


def _pattern() -> str:
    return (
        "<p>An actor is a member of a network through a membership node (W3C ORG), which "
        "carries the role and the period: <code>org:memberDuring</code> a "
        "<code>time:Interval</code> whose beginning and end are <code>time:Instant</code>s "
        "with a day (<code>time:inXSDDate</code>) or a year (<code>time:inXSDgYear</code>); "
        "a missing beginning or end is open. Dashed boxes are SKOS concepts of the schemes "
        'below.</p><p lang="de" class="de">Ein Akteur ist über einen Mitgliedschaftsknoten '
        "Mitglied eines Netzwerks; dieser trägt Rolle und Zeitraum.</p>" + membership_diagram()
    )


def write_docs(out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``index.html`` (:func:`ontology_html`) and the files it links to into ``out_dir``.

    Copies ``fks.ttl``, ``shapes.ttl`` and ``context.jsonld`` beside the page, so that the
    folder can be published or opened offline as it is. Each file is written atomically.

    Examples
    --------
    >>> import tempfile
    >>> sorted(p.name for p in write_docs(tempfile.mkdtemp()))
    ['context.jsonld', 'fks.ttl', 'index.html', 'shapes.ttl']
    """
    folder = Path(out_dir)
    written = [write_text(folder / "index.html", ontology_html())]
    for source in (ontology_path(), shapes_path(), context_path()):
        written.append(write_text(folder / source.name, source.read_text(encoding="utf-8")))
    return written
