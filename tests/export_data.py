"""A small hostile dataset for the export tests: odd text, periods, several memberships per pair."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from fks_graph.analysis.run import add_measurements, analyse
from fks_graph.source import open_graph

from .conftest import write_dataset

BASE = "https://w3id.org/fks-graph/data/"

#: Texts that must come through every export unchanged (umlauts, markup, quotes, formulas).
HOSTILE = (
    'Bündnis "Fachkräfte" <Nord> & Süd',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd",
    "-Minus GmbH & Co. KG",
    "'s-Hertogenbosch Partner",
    "+49 Stadt",
    'Köln "Süd"',
    "<script>alert('x')</script>",
    "Zürich",
)

SCRIPT_ACTOR = f"{BASE}actor/~script-alert-x-script~zuerich"


def iri(kind: str, local: str) -> str:
    """The IRI of a node of the dataset."""
    return f"{BASE}{kind}/{local}"


def export_dataset(folder: Path) -> Path:
    """Three networks (one in two Länder), five actors, memberships with years, days and open
    ends; the IHK is twice in N1 (2011–2013, then since 2015-03-01), DRV in N1 and N3 at
    disjoint times."""
    return write_dataset(
        folder,
        networks="id,name,state\n"
        'N1,"Bündnis ""Fachkräfte"" <Nord> & Süd",DE-NW|DE-RP\n'
        "N2,\"=cmd|' /C calc'!A0\",Bayern\n"
        "N3,@SUM(1+1)*cmd,NRW\n",
        actors="id,name,type,city\n"
        "IHK-AC,IHK Aachen,IHK,Aachen\n"
        'MINUS,-Minus GmbH & Co. KG,company,"Köln ""Süd"""\n'
        "APO,'s-Hertogenbosch Partner,other,+49 Stadt\n"
        "DRV,Deutsche Rentenversicherung,DRV,Köln\n",
        memberships="network_id,actor_id,actor_name,actor_type,actor_city,role,since,until\n"
        "N1,IHK-AC,,,,coordinator,2011,2013\n"
        "N1,IHK-AC,,,,partner,2015-03-01,\n"
        "N2,IHK-AC,,,,partner,,2016-06-30\n"
        "N1,MINUS,,,,member,,\n"
        "N2,MINUS,,,,,2014,2014\n"
        "N3,APO,,,,advisory,2012,\n"
        "N3,,<script>alert('x')</script>,Jobcenter,Zürich,partner,,\n"
        "N2,,<script>alert('x')</script>,Jobcenter,Zürich,,2013-01-01,2013-12-31\n"
        "N1,DRV,,,,partner,2010,2012\n"
        "N3,DRV,,,,partner,2018-01-01,2019-06-30\n",
    )


def export_graph(folder: Path, *, analysed: bool = True) -> Graph:
    """The graph of :func:`export_dataset`, with the analysis results unless told otherwise."""
    graph = open_graph(export_dataset(folder / "data"))
    if analysed:
        add_measurements(graph, analyse(graph, folder / "analysis"))
    return graph
