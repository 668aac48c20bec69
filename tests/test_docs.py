"""The ontology documentation page: complete, escaped, self-contained, generated from the files."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from fks_graph.core.errors import UsageError
from fks_graph.core.resources import ontology_path, shapes_path
from fks_graph.export.docs import membership_diagram, ontology_html, write_docs
from fks_graph.export.jsonld import context, context_path


@pytest.fixture(scope="module")
def page() -> str:
    return ontology_html()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def _terms(ontology: Graph) -> list[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme)
    terms = {s for kind in kinds for s in ontology.subjects(RDF.type, kind)}
    terms |= set(ontology.subjects(SKOS.inScheme, None))
    return sorted(str(t) for t in terms)


def test_every_term_of_the_ontology_is_on_the_page(page: str, ontology: Graph) -> None:
    terms = _terms(ontology)
    assert len(terms) > 100
    assert [t for t in terms if html.escape(t) not in page] == []


def test_every_label_and_comment_is_on_the_page(page: str, ontology: Graph) -> None:
    texts = {
        str(o)
        for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, RDFS.comment, SKOS.definition)
        for o in ontology.objects(None, p)
        if isinstance(o, Literal) and o.language in ("de", "en")
    }
    assert "Industrie- und Handelskammer" in texts
    assert [t for t in sorted(texts) if html.escape(t) not in page] == []


def test_every_scheme_and_concept_is_defined_in_german_and_english(
    page: str, ontology: Graph
) -> None:
    schemes = set(ontology.subjects(RDF.type, SKOS.ConceptScheme))
    concepts = set(ontology.subjects(SKOS.inScheme, None))
    assert (len(schemes), len(concepts)) >= (7, 63)
    undefined = [
        (str(term), lang)
        for term in sorted(schemes | concepts)
        for lang in ("de", "en")
        if [d.language for d in ontology.objects(term, SKOS.definition)].count(lang) != 1
    ]
    assert undefined == []
    jobcenter = "Träger der Grundsicherung für Arbeitsuchende (SGB II)"
    assert html.escape(jobcenter) in page  # fks-graph docs shows the definitions
    assert html.escape("The 16 federal states (Länder) of Germany") in page


def test_every_shape_and_json_key_is_on_the_page(page: str) -> None:
    shapes = Graph().parse(shapes_path(), format="turtle")
    names = {str(o) for o in shapes.objects(None, SH.name)}
    assert [n for n in sorted(names) if f"<code>{html.escape(n)}</code>" not in page] == []
    terms = context()
    prefixes = {k for k, v in terms.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    keys = [k for k in terms if not k.startswith("@") and k not in prefixes]
    assert "memberOf" in keys
    assert [k for k in keys if f"<td><code>{html.escape(k)}</code></td>" not in page] == []


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_page_is_self_contained_and_links_resolve(page: str) -> None:
    parser = _Collect()
    parser.feed(page)
    tags = parser.tags
    assert not [t for t, a in tags if t in ("script", "link", "img", "iframe", "object")]
    assert not [a for _, a in tags if "src" in a]
    assert not re.search(r"url\((?!#)", page)  # only the page's own arrow marker
    assert "@import" not in page
    ids = [a["id"] for _, a in tags if "id" in a]
    assert len(ids) == len(set(ids))
    internal = {
        a["href"][1:] for t, a in tags if t == "a" and (a.get("href") or "").startswith("#")
    }
    assert internal
    assert internal <= set(ids)


def test_anchors_are_compact_names(page: str) -> None:
    for anchor in (
        "fks-AwardConferral",
        "fks-measureOf",
        "fks-Laender",
        "fksland-DE-NW",
        "fksat-jobcenter",
        "fkssh-MembershipShape",
    ):
        assert f'id="{anchor}"' in page


def test_text_from_the_files_is_escaped(tmp_path: Path) -> None:
    hostile = "<script>alert('x')</script> & \"Süd\""
    text = (
        ontology_path()
        .read_text(encoding="utf-8")
        .replace(
            '"Preis"@de , "prize"@en ;',
            f'"{hostile.replace(chr(34), chr(92) + chr(34))}"@de , "prize"@en ;',
        )
    )
    assert hostile[:8] in text
    ontology = tmp_path / "fks.ttl"
    ontology.write_text(text, encoding="utf-8")
    page = ontology_html(ontology)
    assert "<script>" not in page
    assert html.escape(hostile) in page


def test_the_diagram_shows_the_membership_pattern() -> None:
    svg = membership_diagram()
    for term in ("org:member", "org:organization", "org:role", "org:memberDuring", "time:Interval",
                 "time:hasBeginning", "time:inXSDgYear", "org:FormalOrganization",
                 "org:OrganizationalCollaboration", "fks:ActorType", "fks:Land"):  # fmt: skip
        assert term in svg
    assert len(re.findall(r"<line ", svg)) == 8


def test_write_docs_writes_the_page_and_the_files(tmp_path: Path) -> None:
    written = write_docs(tmp_path / "docs")
    assert [p.name for p in written] == ["index.html", "fks.ttl", "shapes.ttl", "context.jsonld"]
    assert written[0].read_text(encoding="utf-8") == ontology_html()
    for path, source in zip(
        written[1:], (ontology_path(), shapes_path(), context_path()), strict=True
    ):
        assert path.read_bytes() == source.read_bytes()
    assert 'href="fks.ttl"' in written[0].read_text(encoding="utf-8")


def test_write_docs_replaces_earlier_docs_and_refuses_other_folders(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_docs(docs)
    (docs / "stale.html").write_text("older", encoding="utf-8")
    write_docs(docs)  # earlier documentation: replaced whole
    assert sorted(p.name for p in docs.iterdir()) == [
        "context.jsonld",
        "fks.ttl",
        "index.html",
        "shapes.ttl",
    ]
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("my home page", encoding="utf-8")
    with pytest.raises(UsageError, match="holds files that fks-graph did not write"):
        write_docs(site)
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "my home page"
