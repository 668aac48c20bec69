"""The HTML page as a file: self-contained, strict CSP, every data text escaped, written atomically."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from fks_graph import build_graph, read_dataset
from fks_graph.terms.vocab import vocabulary
from fks_graph.viz import page as page_module
from fks_graph.viz.layout import lay_out
from fks_graph.viz.page import COLORS, render_page, write_page
from fks_graph.viz.views import view_of

from .conftest import DATA_2014, HOSTILE, invoke


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each script and heading."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.texts: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag
        if tag == "script":
            self.scripts.append((dict(attrs), ""))

    def handle_endtag(self, tag):
        self._open = None

    def handle_data(self, data):
        if self._open == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._open in ("h1", "title"):
            self.texts[self._open] = self.texts.get(self._open, "") + data


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def html_2014() -> str:
    return render_page(lay_out(view_of(build_graph(read_dataset(DATA_2014)))))


@pytest.fixture
def hostile_html(hostile_dataset: Path) -> str:
    return render_page(lay_out(view_of(build_graph(read_dataset(hostile_dataset)))))


def test_nothing_is_loaded_from_anywhere(html_2014):
    page = _parse(html_2014)
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        assert tag not in ("link", "iframe", "object", "embed", "base"), tag
    assert "sourceMappingURL" not in html_2014


def test_csp_allows_exactly_the_inline_scripts(html_2014):
    page = _parse(html_2014)
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp
    allowed = set(re.findall(r"'sha256-[^']+'", csp))
    executable = [text for attrs, text in page.scripts if attrs.get("type") != "application/json"]
    assert len(executable) == 2
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() + "'"
        for t in executable
    }
    assert hashes == allowed
    assert "unsafe-eval" not in csp
    assert "script-src 'unsafe-inline'" not in csp


def test_page_data_holds_the_view(html_2014):
    page = _parse(html_2014)
    data = json.loads(next(t for a, t in page.scripts if a.get("id") == "fks-data"))
    view = view_of(build_graph(read_dataset(DATA_2014)))
    assert len(data["nodes"]) == len(view.nodes) == 23
    assert len(data["edges"]) == len(view.edges)
    assert {n["shape"] for n in data["nodes"]} == {"diamond", "dot"}
    ihk = next(n for n in data["nodes"] if n["label"] == "IHK Aachen")
    assert ihk["color"] == COLORS["chamber_of_commerce"]
    assert ihk["tip"][1] == "Typ: Industrie- und Handelskammer"
    assert "title" not in ihk  # tooltips are built as DOM elements by the page's script
    assert page.texts["h1"] == "Überblick: alle Netzwerke und ihre Akteure"


def test_drawing_a_page_imports_neither_pyvis_nor_ipython(tmp_path):
    # pyvis's package imports IPython (about 0.3 s): its vis-network files are read, not imported
    code = (
        "import sys\n"
        "from fks_graph import build_graph, read_dataset\n"
        "from fks_graph.viz.page import write_page\n"
        f"graph = build_graph(read_dataset({str(DATA_2014)!r}))\n"
        f"write_page(graph, {str(tmp_path / 'o.html')!r}, 'overview')\n"
        f"write_page(graph, {str(tmp_path / 'm.html')!r}, 'map')\n"
        "print(sorted({'pyvis', 'IPython'} & {m.split('.')[0] for m in sys.modules}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"
    assert "vis.Network" in (tmp_path / "o.html").read_text(encoding="utf-8")


def test_every_actor_type_has_a_colour():
    assert set(vocabulary().actor_types.codes) <= set(COLORS)
    assert len(set(COLORS.values())) == len(COLORS)


def test_hostile_names_are_text_everywhere(hostile_html):
    page = _parse(hostile_html)
    # no element of the data: every tag is one the template writes
    assert {t for t, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "p", "div", "aside",
        "h2", "label", "input", "button", "datalist", "ul", "li", "span", "select", "option",
        "main", "script",
    }  # fmt: skip
    assert sum(t == "script" for t, _ in page.tags) == 3
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    data = json.loads(next(t for a, t in page.scripts if a.get("id") == "fks-data"))
    names = {n["name"] for n in data["nodes"]}
    assert set(HOSTILE) <= names  # the names arrive intact, as data
    assert all(len(n["label"]) <= 40 for n in data["nodes"])  # drawn labels are short
    raw = next(t for a, t in page.scripts if a.get("id") == "fks-data")
    assert "<" not in raw
    assert ">" not in raw
    assert "&" not in raw


def test_hostile_heading_and_legend_are_escaped(hostile_dataset):
    graph = build_graph(read_dataset(hostile_dataset))
    html = render_page(lay_out(view_of(graph, "network:N1")))
    page = _parse(html)
    assert page.texts["h1"] == HOSTILE[0]
    # the name isolated: a right-to-left override in it cannot turn the rest around
    assert page.texts["title"] == "\u2068" + HOSTILE[0] + "\u2069 – fks-graph"
    assert "<img src=x" not in html


def test_write_page_writes_utf8_atomically(tmp_path, monkeypatch):
    graph = build_graph(read_dataset(DATA_2014))
    target = tmp_path / "seite.html"
    write_page(graph, target, "actor:IHK Aachen", lang="en")
    text = target.read_bytes().decode("utf-8")
    assert '<html lang="en">' in text
    assert "Überblick" not in text
    assert "Legend and filters" in text

    def broken(view):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(page_module, "render_page", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_page(graph, tmp_path / "neu.html")
    assert not (tmp_path / "neu.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["seite.html"]


def test_cli_writes_the_page(tmp_path):
    out = tmp_path / "seite.html"
    code, _, err = invoke("viz", DATA_2014, "-o", out, "--view", "network:switch-aachen")
    assert code == 0, err
    assert "SWITCH – verkürzte" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--view", "network:N9"), "no network 'N9' in the graph"),
        (("--view", "planet"), "unknown view 'planet'"),
        (("--view", "state:Atlantis"), "unknown Land 'Atlantis'"),
        (("--lang", "fr"), "'fr' is not one of"),
    ],
)
def test_cli_refuses_bad_views_with_exit_2(tmp_path, args, message):
    out = tmp_path / "seite.html"
    code, out_text, err = invoke("viz", DATA_2014, "-o", out, *args)
    assert code == 2
    assert message in " ".join((out_text + err).split())
    assert not out.exists()
