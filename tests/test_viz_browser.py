"""Graph pages in a real headless Chromium (Debian's, driven by Playwright): offline, usable, inert.

Screenshots go to ``$FKS_SCREENSHOTS`` (default: a pytest temporary folder, printed).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.synthetic.generate import generate_dataset
from fks_graph.viz.geo import map_of
from fks_graph.viz.page import KIND_COLORS, LAND_COLORS, write_page
from fks_graph.viz.views import view_of

from .conftest import DATA_2014, HOSTILE, REAL, write_dataset


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("FKS_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {folder}")
    return folder


class Page:
    """A page opened from ``file://`` in an offline browser context, with what it logged."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
        self.page = self.context.new_page()
        self.console: list[tuple[str, str]] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        # the page's CSP forbids eval, so wait on an attribute, not on a JS predicate
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def errors(self) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text in self.console if kind in ("error", "pageerror")]

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def graph_2014():
    return build_graph(read_dataset(DATA_2014))


@pytest.fixture
def page_2014(browser, graph_2014, tmp_path, shots, request):
    path = write_page(graph_2014, tmp_path / "2014.html")
    page = Page(browser, path)
    yield page
    page.page.screenshot(path=shots / f"2014-{request.node.name.removeprefix('test_')}.png")
    page.close()


def test_page_loads_offline_with_the_views_counts(page_2014, graph_2014):
    view = view_of(graph_2014)
    counts = page_2014.js("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [len(view.nodes), len(view.edges)] == [23, 18]
    assert page_2014.js("window.fksReady > 0") is True
    assert page_2014.js("network.physics.options.enabled") is False  # settled and stopped
    assert page_2014.errors() == []
    assert page_2014.requests == [page_2014.url]  # nothing but the page itself


def test_search_focuses_the_node(page_2014):
    page_2014.page.fill("#fks-search", "rwth")
    page_2014.page.press("#fks-search", "Enter")
    rwth = page_2014.js("fksNodes.get({filter: n => n.name === 'RWTH Aachen'})[0].id")
    assert page_2014.js("network.getSelectedNodes()") == [rwth]
    centre = page_2014.js("network.getViewPosition()")
    where = page_2014.js("id => network.getPosition(id)", rwth)
    assert abs(centre["x"] - where["x"]) < 1
    assert abs(centre["y"] - where["y"]) < 1
    assert page_2014.page.text_content("#fks-search-status") == "Gefunden: RWTH Aachen"
    page_2014.page.fill("#fks-search", "Atlantis")
    page_2014.page.press("#fks-search", "Enter")
    assert page_2014.page.text_content("#fks-search-status") == "Kein Knoten mit diesem Namen"
    options = page_2014.js("[...document.querySelectorAll('#fks-labels option')].length")
    assert options == 23


def test_type_and_land_filters_hide_nodes(page_2014):
    hidden = "fksNodes.get({filter: n => n.hidden === true}).map(n => n.fksGroup)"
    page_2014.page.uncheck("input[data-group=chamber_of_commerce]")
    assert sorted(page_2014.js(hidden)) == ["chamber_of_commerce"] * 3
    page_2014.page.check("input[data-group=chamber_of_commerce]")
    assert page_2014.js(hidden) == []
    page_2014.page.select_option("#fks-land", "DE-MV")
    shown = page_2014.js("fksNodes.get({filter: n => !n.hidden}).map(n => n.lands)")
    assert shown
    assert all("DE-MV" in lands for lands in shown)
    page_2014.page.click("#fks-reset")
    assert page_2014.js(hidden) == []


def _hover(page: Page, node_id: str) -> str:
    """Move the mouse onto a node and return the tooltip's text."""
    page.js("id => network.focus(id, {scale: 1.5, animation: false})", node_id)
    spot = page.js("id => network.canvasToDOM(network.getPosition(id))", node_id)
    box = page.page.locator("#mynetwork").bounding_box()
    page.page.mouse.move(box["x"] + spot["x"] + 1, box["y"] + spot["y"] + 1)
    tooltip = page.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip.text_content()


def test_hostile_names_stay_inert(browser, hostile_dataset, tmp_path, shots):
    graph = build_graph(read_dataset(hostile_dataset))
    for view in ("overview", "network:N1", "cross-actors"):
        path = write_page(graph, tmp_path / f"{view.replace(':', '-')}.html", view)
        page = Page(browser, path)
        try:
            labels = page.js("fksNodes.get().map(n => n.name)")
            assert set(HOSTILE) <= set(labels) or view != "overview"
            for node in page.js("fksNodes.get().map(n => [n.id, n.name])"):
                text = _hover(page, node[0])
                assert text.startswith(node[1])  # the name, shown as text
                # nothing in a tooltip is markup: only the elements the page made
                tags = page.js(
                    "[...document.querySelectorAll('div.vis-tooltip *')].map(e => e.tagName)"
                )
                assert set(tags) <= {"DIV", "STRONG"}
            for name in HOSTILE:
                page.js("name => fksFocus(name)", name)
            assert page.js("document.title").startswith(
                "\u2068" + page.js("document.querySelector('h1').textContent") + "\u2069"
            )
            page.page.screenshot(path=shots / f"hostile-{view.replace(':', '-')}.png")
            assert page.js("window.__pwned === undefined") is True
            assert page.dialogs == []
            assert page.errors() == []
            assert page.js("document.querySelectorAll('img, svg, a, b').length") == 0
            assert page.requests == [page.url]
        finally:
            page.close()


def test_a_very_long_name_keeps_the_tooltip_on_screen(browser, tmp_path):
    long = "Fachkräfteallianz" * 600  # 10,200 characters, no space to break at
    data = write_dataset(
        tmp_path / "d",
        networks=f"id,name\nN1,{long}\nN2,Allianz B\n",
        memberships=f"network_id,actor_name\nN1,IHK {long}\nN2,IHK {long}\nN1,HWK\n",
    )
    page = Page(browser, write_page(build_graph(read_dataset(data)), tmp_path / "long.html"))
    try:
        for node, name in page.js("fksNodes.get().map(n => [n.id, n.name])"):
            if len(name) > 10_000:
                _hover(page, node)
                box = page.page.locator("div.vis-tooltip").bounding_box()
                assert box["height"] < 450, box  # 5,900 px before, in a window of 900
                assert box["width"] <= 400, box
        assert page.errors() == []
    finally:
        page.close()


def test_same_input_same_picture(browser, graph_2014, tmp_path):
    positions = []
    for name in ("a.html", "b.html"):
        page = Page(browser, write_page(graph_2014, tmp_path / name, "network:switch-aachen"))
        positions.append(page.js("network.getPositions()"))
        page.close()
    assert positions[0] == positions[1]


@pytest.mark.slow
def test_national_overview_and_ego_view(browser, tmp_path, shots):
    folder = tmp_path / "national"
    generate_dataset(folder, networks=600, seed=1)
    graph = build_graph(read_dataset(folder))
    for view in ("overview", "network:N0001"):
        expected = view_of(graph, view)
        path = write_page(graph, tmp_path / f"{view.replace(':', '-')}.html", view)
        page = Page(browser, path)
        try:
            counts = page.js("[network.body.data.nodes.length, network.body.data.edges.length]")
            assert counts == [len(expected.nodes), len(expected.edges)]
            assert page.errors() == []
            assert page.requests == [page.url]
            label = expected.nodes[-1].label
            page.js("name => fksFocus(name)", label)
            assert page.js("network.getSelectedNodes().length") == 1
            page.page.screenshot(path=shots / f"national-600-{view.replace(':', '-')}.png")
        finally:
            page.close()


# The map (--view map): inline SVG drawn by the page's own script.


@pytest.fixture(scope="module")
def real_map(browser, tmp_path_factory):
    graph = build_graph(read_dataset(REAL))
    path = write_page(graph, tmp_path_factory.mktemp("map") / "map.html", "map")
    page = Page(browser, path)
    yield page, map_of(graph)
    page.close()


def _shown(page: Page, what: str) -> list[int]:
    """Indexes of the circles (``circles``) or lines (``lines``) drawn now."""
    return page.js(
        f"fksMap.{what}.map((e, i) => [e, i]).filter(p => p[0].style.display !== 'none')"
        ".map(p => p[1])"
    )


def test_map_loads_offline_with_outlines_networks_and_links(real_map, shots):
    page, view = real_map
    assert page.js("document.querySelectorAll('path.fks-kreis').length") == 401
    assert page.js("document.querySelectorAll('path.fks-land').length") == 16
    filled = page.js("document.querySelectorAll('path.fks-kreis.fks-has').length")
    assert filled == sum(1 for k in view.kreise if k.networks) >= 23
    assert page.js("fksMap.circles.length") == len(view.networks) == 67
    assert page.js("fksMap.lines.length") == len(view.links) > 0
    # outlines are drawn where the map is: a Kreis's outline has a size on screen
    box = page.js("fksMap.kreise[0].getBoundingClientRect().toJSON()")
    assert box["width"] > 3
    assert box["height"] > 3
    assert "© GeoBasis-DE / BKG" in page.page.text_content("#fks-attribution")
    assert page.page.is_visible("#fks-attribution")
    assert page.errors() == []
    assert page.requests == [page.url]
    page.page.screenshot(path=shots / "map-real.png")


def test_map_filters_by_land_and_actor_type(real_map):
    page, view = real_map
    page.page.select_option("#fks-land", "DE-SN")
    circles = _shown(page, "circles")
    assert circles == [i for i, n in enumerate(view.networks) if "DE-SN" in n.lands]
    lines = _shown(page, "lines")
    assert lines
    assert all({view.links[i].a, view.links[i].b} <= set(circles) for i in lines)
    page.page.select_option("#fks-land", "")
    assert len(_shown(page, "circles")) == len(view.networks)
    boxes = page.js("[...document.querySelectorAll('input[data-type]')].map(b => b.dataset.type)")
    assert "chamber_of_commerce" in boxes
    for code in boxes:
        page.page.uncheck(f"input[data-type={code}]")
    assert _shown(page, "lines") == []
    page.page.check("input[data-type=chamber_of_commerce]")
    lines = _shown(page, "lines")
    expected = [
        i
        for i, link in enumerate(view.links)
        if any(view.actors[a][1] == "chamber_of_commerce" for a in link.actors)
    ]
    assert lines == expected
    assert 0 < len(lines) < len(view.links)
    page.page.click("#fks-reset")
    assert len(_shown(page, "lines")) == len(view.links)


def test_map_colours_by_land_or_kind(real_map):
    page, view = real_map
    fills = "fksMap.circles.map(c => c.getAttribute('fill'))"
    by_land = page.js(fills)
    assert by_land == [LAND_COLORS[n.land] for n in view.networks]
    page.page.check("input[name=fks-colour][value=kind]")
    assert page.js(fills) == [KIND_COLORS[n.kind] for n in view.networks]
    assert page.page.is_visible("#fks-legend-kind")
    assert not page.page.is_visible("#fks-legend-land")
    page.page.check("input[name=fks-colour][value=land]")
    assert page.js(fills) == by_land


def _hover_map(page: Page, element: str) -> str:
    """Move the mouse onto an element of the map; the tooltip's text."""
    box = page.js(f"{element}.getBoundingClientRect().toJSON()")
    page.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.page.locator("#fks-tip").wait_for(state="visible", timeout=5_000)
    return page.page.text_content("#fks-tip")


def test_map_hostile_names_stay_inert(browser, hostile_dataset, tmp_path, shots):
    graph = build_graph(read_dataset(hostile_dataset))
    page = Page(browser, write_page(graph, tmp_path / "map.html", "map"))
    try:
        view = map_of(graph)
        assert {n.label for n in view.networks} | {a for a, _ in view.actors} >= set(HOSTILE)
        for i, network in enumerate(view.networks):
            page.js("i => fksFocusNetwork(i)", i)
            text = _hover_map(page, f"fksMap.circles[{i}]")
            assert text.startswith(network.label)  # the name, shown as text
            tags = page.js("[...document.querySelectorAll('#fks-tip *')].map(e => e.tagName)")
            assert set(tags) <= {"DIV", "STRONG"}
        page.page.click("#fks-reset")
        text = _hover_map(page, "fksMap.lines[0]")
        assert "4 gemeinsame Akteure" in text
        assert all(name in text for name in HOSTILE if name not in {n.label for n in view.networks})
        for name in HOSTILE:
            page.js("name => fksFocus(name)", name)
            assert page.page.text_content("#fks-search-status") == f"Gefunden: {name}"
        page.page.screenshot(path=shots / "hostile-map.png")
        assert page.js("window.__pwned === undefined") is True
        assert page.dialogs == []
        assert page.errors() == []
        assert page.js("document.querySelectorAll('img, a, b, foreignObject').length") == 0
        assert page.js("document.querySelectorAll('svg').length") == 1
        drawn = page.js("[...document.querySelectorAll('svg *')].map(e => e.tagName)")
        assert set(drawn) == {"g", "path", "line", "circle", "text"}  # labels: text only
        assert page.requests == [page.url]
    finally:
        page.close()


def test_map_search_marks_an_actors_networks(real_map):
    page, view = real_map
    page.page.fill("#fks-search", "ihk zu leip")
    page.page.press("#fks-search", "Enter")
    assert page.page.text_content("#fks-search-status") == "Gefunden: IHK zu Leipzig"
    marked = page.js("fksMap.circles.filter(c => c.classList.contains('fks-hit')).length")
    actor = next(i for i, (name, _) in enumerate(view.actors) if name == "IHK zu Leipzig")
    joined = {n for link in view.links if actor in link.actors for n in (link.a, link.b)}
    assert marked == len(joined) >= 2
    # zoomed in, the map names its Kreise and networks
    names = page.js("[...document.querySelectorAll('g.fks-labels text')].map(t => t.textContent)")
    assert "Leipzig, Stadt" in names
    assert "Fachkräfteallianz Leipzig" in names
    assert page.page.is_visible("g.fks-labels")
    page.page.fill("#fks-search", "Atlantis")
    page.page.press("#fks-search", "Enter")
    status = page.page.text_content("#fks-search-status")
    assert status == "Kein Netzwerk oder Akteur mit diesem Namen"
    page.page.click("#fks-reset")
    assert not page.page.is_visible("g.fks-labels")  # the whole map: no names


@pytest.mark.slow
def test_national_map(browser, tmp_path, shots):
    folder = tmp_path / "national"
    generate_dataset(folder, networks=600, seed=1)
    graph = build_graph(read_dataset(folder))
    view = map_of(graph)
    page = Page(browser, write_page(graph, tmp_path / "map.html", "map"))
    try:
        assert page.js("fksMap.circles.length") == len(view.networks) == 600
        assert page.js("fksMap.lines.length") == len(view.links)
        assert page.errors() == []
        assert page.requests == [page.url]
        page.js("name => fksFocus(name)", view.networks[-1].label)
        assert page.page.text_content("#fks-search-status").startswith("Gefunden: ")
        page.page.screenshot(path=shots / "national-600-map.png")
    finally:
        page.close()
