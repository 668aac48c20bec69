"""The map: networks at their Kreis or Land, Kreise with networks marked, names escaped, same bytes."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.analysis.bipartite import actor_network_graph, shared_neighbours
from fks_graph.core.errors import UsageError
from fks_graph.registries import kreise, laender, outlines
from fks_graph.synthetic.generate import generate_dataset
from fks_graph.viz import geo
from fks_graph.viz.geo import map_of, outline_paths, place_of, project
from fks_graph.viz.page import render_map, write_page
from fks_graph.viz.views import view_of

from .conftest import HOSTILE, REAL, invoke, write_dataset


@pytest.fixture(scope="module")
def placed(tmp_path_factory) -> Path:
    """Networks at a Kreis (two at the same one), at a Land, in several Länder and nowhere."""
    return write_dataset(
        tmp_path_factory.mktemp("geo") / "placed",
        networks="id,name,state,region,region_code\n"
        "N1,Allianz Mittelsachsen,DE-SN,Landkreis Mittelsachsen,14522\n"
        "N2,Bündnis Mittelsachsen,DE-SN,Mittelsachsen,14522\n"
        "N3,Fachkräftestrategie Sachsen,DE-SN,Freistaat Sachsen,14\n"
        "N4,Lausitz-Netzwerk,DE-BB|DE-SN,,\n"
        "N5,Netz ohne Ort,,,\n"
        "N6,Pakt Rostock,DE-MV,Rostock,99999\n",
        memberships="network_id,actor_name,actor_type,actor_city\n"
        "N1,IHK Chemnitz,IHK,Chemnitz\n"
        "N2,IHK Chemnitz,IHK,Chemnitz\n"
        "N3,IHK Chemnitz,IHK,Chemnitz\n"
        "N1,Agentur für Arbeit Freiberg,employment_agency,Freiberg\n"
        "N2,Agentur für Arbeit Freiberg,employment_agency,Freiberg\n"
        "N2,Firma Eins,company,Freiberg\n"
        "N4,Firma Zwei,company,Cottbus\n"
        "N5,Firma Drei,company,Berlin\n"
        "N6,Firma Vier,company,Rostock\n",
    )


@pytest.fixture(scope="module")
def placed_map(placed):
    return map_of(build_graph(read_dataset(placed)), lang="en")


def _label_point(level: str, code: str) -> tuple[float, float]:
    feature = next(f for f in outlines(level)["features"] if f["id"] == code)
    return project(*feature["properties"]["label_point"])


def test_projection_keeps_germany_upright_and_in_proportion():
    west, east = project(6.0, 51.0), project(15.0, 51.0)
    north, south = project(10.0, 55.0), project(10.0, 47.3)
    assert west[0] < east[0]
    assert north[1] < south[1]
    # a degree of longitude at 51° N is cos 51° of a degree of latitude
    assert (east[0] - west[0]) / 9 == pytest.approx(100 * math.cos(math.radians(51)))
    assert (south[1] - north[1]) / 7.7 == pytest.approx(100)


@pytest.mark.parametrize(
    ("codes", "lands", "place"),
    [
        ({"14522"}, ("DE-SN",), ("kreis", "14522")),
        ({"14522", "14"}, ("DE-SN",), ("kreis", "14522")),
        ({"09"}, ("DE-BY",), ("land", "DE-BY")),
        ({"09"}, (), ("land", "DE-BY")),
        ({"99999"}, ("DE-MV",), ("land", "DE-MV")),  # no such Kreis: its Land
        (set(), ("DE-HB",), ("land", "DE-HB")),
        (set(), ("DE-SN", "DE-BB"), ("laender", "DE-BB|DE-SN")),
        ({"DEA2D"}, (), ("land", "DE-NW")),  # a NUTS code: the Land it lies in
        ({"Aachen"}, (), None),
        (set(), (), None),
    ],
)
def test_place_of(codes, lands, place):
    assert place_of(codes, lands) == place


def test_outlines_become_paths_in_map_units():
    paths = outline_paths("kreise")
    assert [code for code, *_ in paths] == sorted(k.ags for k in kreise())
    assert {code for code, *_ in outline_paths("laender")} == {land.code for land in laender()}
    for _, _, path, (x, y) in paths:
        assert re.fullmatch(r"(M[-\d. ]+Z)+", path)
        assert 0 < x < 620
        assert 0 < y < 800


def test_networks_sit_at_their_kreis_or_land(placed_map):
    by_label = {n.label: n for n in placed_map.networks}
    kreis = _label_point("kreise", "14522")
    n1, n2 = by_label["Allianz Mittelsachsen"], by_label["Bündnis Mittelsachsen"]
    assert (n1.how, n1.key, n2.how, n2.key) == ("kreis", "14522", "kreis", "14522")
    # the larger one in the middle, the other a small step away: not on top of each other
    assert (n2.x, n2.y) == pytest.approx(kreis, abs=0.01)
    assert n1.size < n2.size
    assert max(n1.size, n2.size) < math.dist((n1.x, n1.y), kreis) < 14.01  # near the point
    saxony = by_label["Fachkräftestrategie Sachsen"]
    assert (saxony.how, saxony.key) == ("land", "DE-SN")
    assert (saxony.x, saxony.y) == pytest.approx(_label_point("laender", "DE-SN"), abs=0.01)
    assert saxony.tip[-1] == "Place on the map: middle of the Land (no Kreis given)"
    lausitz = by_label["Lausitz-Netzwerk"]
    middle = [_label_point("laender", c) for c in ("DE-BB", "DE-SN")]
    assert (lausitz.x, lausitz.y) == pytest.approx(
        ((middle[0][0] + middle[1][0]) / 2, (middle[0][1] + middle[1][1]) / 2), abs=0.01
    )
    assert lausitz.land == "several"
    assert (by_label["Pakt Rostock"].how, by_label["Pakt Rostock"].key) == ("land", "DE-MV")
    assert placed_map.unplaced == ["Netz ohne Ort"]
    assert "1 networks without region and Land are not on the map." in placed_map.subtitle


def test_tooltips_say_what_the_graph_pages_say(placed, placed_map):
    n2 = next(n for n in placed_map.networks if n.label == "Bündnis Mittelsachsen")
    assert n2.tip == (
        "Bündnis Mittelsachsen",
        "Network N2",
        "Region: Landkreis Mittelsachsen",  # the region's first name
        "Land: Saxony",
        "Members: 3 (of them in several networks: 2)",
    )
    page = view_of(build_graph(read_dataset(placed)), "overview", lang="en")
    assert next(n.tip for n in page.nodes if n.label == "Bündnis Mittelsachsen") == n2.tip


def test_kreise_with_networks_are_marked(placed_map):
    assert len(placed_map.kreise) == 401
    marked = {k.ags: k.networks for k in placed_map.kreise if k.networks}
    names = {placed_map.networks[i].label for i in marked["14522"]}
    assert list(marked) == ["14522"]
    assert names == {"Allianz Mittelsachsen", "Bündnis Mittelsachsen"}


def test_links_join_the_networks_of_shared_actors(placed_map):
    label = [n.label for n in placed_map.networks]
    links = {
        frozenset((label[link.a], label[link.b])): sorted(
            placed_map.actors[a][0] for a in link.actors
        )
        for link in placed_map.links
    }
    assert links == {
        frozenset(("Allianz Mittelsachsen", "Bündnis Mittelsachsen")): [
            "Agentur für Arbeit Freiberg",
            "IHK Chemnitz",
        ],
        frozenset(("Allianz Mittelsachsen", "Fachkräftestrategie Sachsen")): ["IHK Chemnitz"],
        frozenset(("Bündnis Mittelsachsen", "Fachkräftestrategie Sachsen")): ["IHK Chemnitz"],
    }
    assert {t for _, t in placed_map.actors} == {"chamber_of_commerce", "employment_agency"}


def test_real_dataset_networks_with_an_ags_sit_at_their_kreis():
    view = map_of(build_graph(read_dataset(REAL)))
    ags = {k.ags for k in kreise()}
    at_kreis = [n for n in view.networks if n.how == "kreis"]
    assert len(at_kreis) >= 23
    assert all(n.key in ags for n in at_kreis)
    chemnitz = next(n for n in view.networks if n.label == "Fachkräfteallianz Chemnitz")
    assert chemnitz.key == "14511"
    assert math.dist((chemnitz.x, chemnitz.y), _label_point("kreise", "14511")) < 5
    assert view.unplaced == []
    marked = {n.key for n in at_kreis} | {
        code for n in view.networks if n.how == "kreise" for code in n.key.split("|")
    }
    assert sum(1 for k in view.kreise if k.networks) == len(marked)


def test_a_region_of_several_kreise_sits_in_their_middle():
    view = map_of(build_graph(read_dataset(REAL)))
    bonn = next(n for n in view.networks if n.label == "Bündnis für Fachkräfte Bonn/Rhein-Sieg")
    assert (bonn.how, bonn.key) == ("kreise", "05314|05382")
    middle = [
        (a + b) / 2
        for a, b in zip(*(_label_point("kreise", c) for c in ("05314", "05382")), strict=True)
    ]
    assert math.dist((bonn.x, bonn.y), middle) < 15
    for code in ("05314", "05382"):  # both Kreise are marked as a network's region
        assert any(k.ags == code and k.networks for k in view.kreise)


def _data_block(html: str) -> str:
    return re.search(
        r'<script id="fks-data" type="application/json">(.*?)</script>', html, re.DOTALL
    )[1]


def test_hostile_names_are_escaped(hostile_dataset):
    html = render_map(map_of(build_graph(read_dataset(hostile_dataset))))
    block = _data_block(html)
    assert "<" not in block
    assert ">" not in block
    assert "&" not in block.replace("\\u0026", "")
    data = json.loads(block)
    names = {n["name"] for n in data["networks"]} | {a[0] for a in data["actors"]}
    assert set(HOSTILE) <= names
    for name in HOSTILE:
        if re.search("[<>&'\"]", name):
            assert name not in html  # only escaped
    assert "{{7*7}} ${7*7} Schule" in block  # template syntax stays text, never evaluated
    assert html.count("<script") == 2  # the data block and the page's own script
    assert "window.__pwned" not in html.replace("window.__pwned=", "")


def test_same_graph_same_bytes(placed, tmp_path):
    pages = []
    for name in ("a.html", "b.html"):
        graph = build_graph(read_dataset(placed))
        pages.append(write_page(graph, tmp_path / name, "map").read_bytes())
    assert pages[0] == pages[1]
    assert b"\xc2\xa9 GeoBasis-DE / BKG (2021), dl-de/by-2-0" in pages[0]


def test_csp_allows_only_the_map_script(placed):
    html = render_map(map_of(build_graph(read_dataset(placed))))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
    assert csp.startswith(("default-src &#39;none&#39;", "default-src 'none'"))
    assert csp.count("sha256-") == 1
    assert "<link" not in html
    assert " src=" not in html


def test_unknown_language():
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        map_of(build_graph(read_dataset(REAL)), lang="fr")


def test_cli_writes_the_map(placed, tmp_path):
    page = tmp_path / "map.html"
    code, _, err = invoke("viz", placed, "-o", page, "--view", "map", "--lang", "en")
    assert code == 0, err
    assert "Map: networks and their shared actors" in page.read_text(encoding="utf-8")
    code, _, err = invoke("viz", placed, "-o", page, "--view", "map:DE-SN")
    assert code == 2 or code == 1
    assert "view 'map' takes no id" in err


def test_only_the_strongest_links_above_the_cap(placed, monkeypatch):
    monkeypatch.setattr(geo, "MAX_LINKS", 1)
    view = map_of(build_graph(read_dataset(placed)), lang="en")
    assert [len(link.actors) for link in view.links] == [2]  # the pair sharing two actors
    assert view.links_left_out == 2
    assert "Shown: the 1 links with the most shared actors (of 3)." in view.subtitle


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("national") / "data"
    generate_dataset(folder, networks=150, seed=7)
    return folder


@pytest.mark.parametrize("cap", [1, 7, 40, 300, 100_000])
def test_the_links_above_the_cap_are_the_strongest_pairs_in_order(national, monkeypatch, cap):
    # many pairs share the same number of actors: the cut falls inside a run of ties
    graph = build_graph(read_dataset(national))
    monkeypatch.setattr(geo, "MAX_LINKS", cap)
    view = map_of(graph, lang="en")
    B = actor_network_graph(graph)
    _, shared = shared_neighbours(B, [n.id for n in view.networks])
    assert view.links_left_out == max(0, len(shared.data) - cap)
    everything = np.lexsort((shared.col, shared.row, -shared.data))[:cap]
    first, second = shared.row[everything].tolist(), shared.col[everything].tolist()
    expected = sorted(zip(first, second, strict=True))
    assert [(link.a, link.b) for link in view.links] == expected
