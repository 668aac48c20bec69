"""Query results as text: an aligned table, the SPARQL 1.1 CSV, TSV and JSON results formats."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

from fks_graph.core.cells import neutralise
from fks_graph.core.terminal import printable
from fks_graph.sparql.run import QueryResult, Term

__all__ = ["FORMATS", "format_result", "format_table"]

#: Output formats of :func:`format_result`.
FORMATS = ("table", "csv", "tsv", "json")

_STRING, _LANG_STRING = str(XSD.string), str(RDF.langString)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_NUMERIC_TYPES = frozenset(
    str(XSD[name])
    for name in (
        *("integer", "decimal", "double", "float", "int", "long", "short", "byte"),
        *("nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger"),
        *("unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"),
    )
)


def _text(term: Term | None) -> str:
    """A term as a plain value: IRI, lexical form, ``_:id``, or empty when unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _is_number(term: Term | None) -> bool:
    """Whether ``term`` is a numeric literal whose lexical form is a plain number."""
    return (
        isinstance(term, ox.Literal)
        and term.datatype.value in _NUMERIC_TYPES
        and _NUMBER.fullmatch(term.value) is not None
    )


def _cell(term: Term | None, raw: bool) -> str:
    """A CSV cell: the plain value, neutralised unless ``raw`` or a number."""
    text = _text(term)
    return text if raw or _is_number(term) else neutralise(text)


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _ntriples(term: Term | None, raw: bool = True) -> str:
    """A term in N-Triples syntax, as the SPARQL TSV results format writes it.

    Unless ``raw``, the lexical form of a literal that is no number is neutralised
    (:func:`fks_graph.core.cells.neutralise`): a spreadsheet strips the quotes of a cell.
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    lexical = term.value if raw or _is_number(term) else neutralise(term.value)
    text = f'"{_escape(lexical)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype.value == _STRING:
        return text
    return f"{text}^^<{term.datatype.value}>"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    value = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value not in (_STRING, _LANG_STRING):
        value["datatype"] = term.datatype.value
    return value


def _short(term: Term | None, prefixes: Sequence[tuple[str, str]]) -> str:
    text = _text(term)
    if isinstance(term, ox.NamedNode):
        best = max(
            (p for p in prefixes if text.startswith(p[1]) and len(text) > len(p[1])),
            key=lambda p: len(p[1]),
            default=None,
        )
        if best is not None:
            text = f"{best[0]}:{text[len(best[1]) :]}"
    return " ".join(text.split()) if _CONTROL.search(text) else text  # one line per row


def format_table(
    columns: Sequence[str], rows: Iterable[Sequence[str]], *, max_width: int = 60
) -> str:
    """Rows of text as an aligned plain-text table with a header and a row count.

    Columns whose values are all whole numbers are right-aligned; longer cells are cut to
    ``max_width`` characters with ``…``; control characters in a cell are shown as escapes
    (:func:`fks_graph.core.terminal.printable`), so that a value cannot act on the terminal.

    Examples
    --------
    >>> print(format_table(["actor", "networks"], [["IHK Aachen", "12"], ["DGB Region", "3"]]))
    actor       networks
    ----------  --------
    IHK Aachen        12
    DGB Region         3
    (2 rows)
    """
    cells = [
        [
            c if len(c) <= max_width else c[: max_width - 1] + "…"
            for c in (printable(str(v)) for v in row)
        ]
        for row in rows
    ]
    widths = [len(c) for c in columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        bool(cells) and all(re.fullmatch(r"-?\d+", row[i]) or not row[i] for row in cells)
        for i in range(len(columns))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    out.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(out)


def format_result(result: QueryResult, fmt: str = "table", *, raw: bool = False) -> str:
    """A query result as text: ``table``, ``csv``, ``tsv`` or ``json``.

    - ``table``: aligned plain text for reading, IRIs shortened with the graph's prefixes;
    - ``csv``: the SPARQL 1.1 CSV results format (plain values, CRLF line ends);
    - ``tsv``: the SPARQL 1.1 TSV results format (``?var`` header, values in N-Triples
      syntax, so datatypes and languages survive);
    - ``json``: the SPARQL 1.1 JSON results format.

    CSV and TSV are opened in spreadsheets: text (other than numbers) that a spreadsheet
    would take for a formula starts with an apostrophe (:func:`fks_graph.core.cells.neutralise`)
    unless ``raw`` asks for the values exactly as they are (for programs). That is why these
    formats are written here, from the result's Oxigraph terms; the endpoint sends
    Oxigraph's own serialisation of its answers (:func:`fks_graph.sparql.engine.serialize`).

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> r = QueryResult(("network", "members"), ((URIRef("https://example.org/network/N1"), Literal(7)),))
    >>> format_result(r, "csv")
    'network,members\\r\\nhttps://example.org/network/N1,7\\r\\n'
    >>> print(format_result(r, "tsv"), end="")  # doctest: +NORMALIZE_WHITESPACE
    ?network ?members
    <https://example.org/network/N1> "7"^^<http://www.w3.org/2001/XMLSchema#integer>
    >>> print(format_result(r, "json"))  # doctest: +NORMALIZE_WHITESPACE
    {"head": {"vars": ["network", "members"]}, "results": {"bindings": [{"network": {"type": "uri",
     "value": "https://example.org/network/N1"}, "members": {"type": "literal", "value": "7",
     "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}
    >>> print(format_result(QueryResult((), (), boolean=True), "table"))
    true
    >>> hostile = QueryResult(("name", "n"), ((Literal("=1+2"), Literal(-3)),))
    >>> format_result(hostile, "csv"), format_result(hostile, "csv", raw=True)
    ("name,n\\r\\n'=1+2,-3\\r\\n", 'name,n\\r\\n=1+2,-3\\r\\n')
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    if result.boolean is not None:
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        answer = "true" if result.boolean else "false"
        return {"csv": f"boolean\r\n{answer}\r\n", "tsv": f"?boolean\n{answer}\n"}.get(fmt, answer)
    if fmt == "json":
        bindings = [
            {
                name: _json_term(term)
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            }
            for row in result.terms
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([_cell(term, raw) for term in row] for row in result.terms)
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{name}" for name in result.variables)]
        lines.extend("\t".join(_ntriples(term, raw) for term in row) for row in result.terms)
        return "\n".join(lines) + "\n"
    return format_table(
        result.variables,
        ([_short(term, result.prefixes) for term in row] for row in result.terms),
    )
