"""The endpoint's query page: one inline script allowed by its hash, every query form in Chromium."""

from __future__ import annotations

import html
import json
import re
import threading

import pytest
from rdflib import Graph

from fks_graph import build_graph, read_dataset
from fks_graph.core.templates import script_hash
from fks_graph.serve.endpoint import make_server
from fks_graph.serve.page import example_text, home_page
from fks_graph.serve.settings import Settings
from fks_graph.sparql.library import list_queries

from .conftest import DATA_2014

NETWORKS = "SELECT ?n WHERE { ?n a <http://www.w3.org/ns/org#OrganizationalCollaboration> }"


def test_the_policy_allows_exactly_the_inline_script() -> None:
    page = home_page()
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1
    policy = html.unescape(re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert f"script-src '{script_hash(scripts[0])}';" in policy
    assert "default-src 'none';" in policy
    assert "<script src" not in page
    assert "<link" not in page


def test_the_examples_are_the_named_queries_as_json() -> None:
    block = re.search(r'<script id="examples" type="application/json">(.*?)</script>', home_page())
    examples = json.loads(block.group(1))
    assert [e["text"] for e in examples] == [example_text(q) for q in list_queries()]
    assert "<" not in block.group(1)  # no query text can end the block


@pytest.fixture(scope="module")
def query_page(browser):
    """The query page of a real endpoint on loopback, open in Chromium."""
    server = make_server(build_graph(read_dataset(DATA_2014)), "127.0.0.1", 0, Settings(workers=1))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    page = browser.new_page()
    outside = []
    page.on("request", lambda r: None if r.url.startswith(url) else outside.append(r.url))
    page.goto(url)
    yield page
    page.close()
    server.shutdown()
    server.server_close()
    assert outside == []


def _run(page, text: str) -> str:
    page.fill("#query", text)
    page.click("#run")
    from playwright.sync_api import expect  # the browser fixture says when it is missing

    expect(page.locator("#status")).not_to_have_text("…")  # no eval: the page's policy forbids it
    return page.text_content("#status")


@pytest.mark.parametrize(
    ("text", "status", "shown"),
    [
        (NETWORKS, "5 rows", "table"),
        ("ASK { ?s ?p ?o }", "true", None),
        ("CONSTRUCT { ?n a ?t } WHERE { ?n a ?t } LIMIT 3", "Turtle", "pre"),
        ("DESCRIBE ?n WHERE { ?n a ?t } LIMIT 1", "Turtle", "pre"),
        ("SELECT * WHERE { ?s ", "SPARQL syntax error", None),
    ],
)
def test_the_page_runs_every_query_form(query_page, text, status, shown) -> None:
    assert _run(query_page, text).startswith(status)
    children = query_page.eval_on_selector_all("#out > *", "nodes => nodes.map(n => n.tagName)")
    assert children == ([shown.upper()] if shown else [])
    if shown == "pre":
        answer = Graph().parse(data=query_page.text_content("#out pre"), format="turtle")
        assert len(answer) >= 1
