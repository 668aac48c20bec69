"""Query results as text: the SPARQL CSV, TSV and JSON results formats and the table."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from fks_graph.sparql.formats import format_result, format_table
from fks_graph.sparql.run import QueryResult

SAMPLE = QueryResult(
    ("actor", "label", "count", "note"),
    (
        (URIRef("https://w3id.org/fks-graph/data/actor/IHK-AC"), Literal("IHK Aachen"),
         Literal(12), Literal("Komma, \"Zitat\"\tTab\nZeile", lang="de")),
        (URIRef("https://example.org/x"), Literal("Ö", datatype=XSD.string), Literal(3), None),
    ),
    prefixes=(("actor", "https://w3id.org/fks-graph/data/actor/"),),
)  # fmt: skip


def test_csv_parses_back() -> None:
    rows = list(csv.reader(io.StringIO(format_result(SAMPLE, "csv"), newline="")))
    assert rows == [
        ["actor", "label", "count", "note"],
        ["https://w3id.org/fks-graph/data/actor/IHK-AC", "IHK Aachen", "12",
         'Komma, "Zitat"\tTab\nZeile'],
        ["https://example.org/x", "Ö", "3", ""],
    ]  # fmt: skip


def test_json_is_sparql_json_results() -> None:
    document = json.loads(format_result(SAMPLE, "json"))
    assert document["head"] == {"vars": ["actor", "label", "count", "note"]}
    first, second = document["results"]["bindings"]
    assert first == {
        "actor": {"type": "uri", "value": "https://w3id.org/fks-graph/data/actor/IHK-AC"},
        "label": {"type": "literal", "value": "IHK Aachen"},
        "count": {
            "type": "literal",
            "value": "12",
            "datatype": "http://www.w3.org/2001/XMLSchema#integer",
        },
        "note": {"type": "literal", "value": 'Komma, "Zitat"\tTab\nZeile', "xml:lang": "de"},
    }
    assert "note" not in second  # unbound
    assert second["label"] == {"type": "literal", "value": "Ö"}


def test_tsv_is_sparql_tsv_results() -> None:
    lines = format_result(SAMPLE, "tsv").split("\n")
    assert lines[0] == "?actor\t?label\t?count\t?note"
    assert lines[1].split("\t") == [
        "<https://w3id.org/fks-graph/data/actor/IHK-AC>",
        '"IHK Aachen"',
        '"12"^^<http://www.w3.org/2001/XMLSchema#integer>',
        '"Komma, \\"Zitat\\"\\tTab\\nZeile"@de',
    ]
    assert lines[2:] == [
        '<https://example.org/x>\t"Ö"\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>\t',
        "",
    ]


def test_table_is_aligned_and_readable() -> None:
    lines = format_result(SAMPLE, "table").splitlines()
    assert lines[0] == "actor                  label       count  note"
    assert lines[1] == "---------------------  ----------  -----  ------------------------"
    assert lines[2] == 'actor:IHK-AC           IHK Aachen     12  Komma, "Zitat" Tab Zeile'
    assert lines[3] == "https://example.org/x  Ö               3"
    assert lines[4] == "(2 rows)"
    assert format_table(["a"], [["x" * 70]]).splitlines()[2] == "x" * 59 + "…"
    assert format_table(["a"], []).splitlines()[-1] == "(0 rows)"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        format_result(SAMPLE, "xml")
