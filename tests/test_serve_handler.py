"""The endpoint's request handler: content negotiation (the rest is tested through the server)."""

from __future__ import annotations

import pytest

from fks_graph.serve.handler import choose


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [("text/csv;q=0, */*;q=0.1", "application/sparql-results+json"), ("image/png", None)],
)
def testchoose(accept, chosen):
    offered = {"application/sparql-results+json": 1, "text/csv": 2}
    assert choose(accept, offered, "application/sparql-results+json") == chosen
