"""The endpoint's query page: from its template, one inline script allowed by its hash."""

from __future__ import annotations

import html
import json
import re

from fks_graph.core.templates import script_hash
from fks_graph.serve.page import example_text, home_page
from fks_graph.sparql.library import list_queries


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
