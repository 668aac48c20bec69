"""The package's one Jinja2 environment per templates folder: autoescaping, cached, shipped."""

from __future__ import annotations

import pytest
from jinja2 import TemplateNotFound
from markupsafe import Markup

from fks_graph.core.templates import environment

PACKAGES = ("fks_graph.viz", "fks_graph.analysis", "fks_graph.export", "fks_graph.serve")


@pytest.mark.parametrize("package", PACKAGES)
def test_each_tier_with_pages_has_its_templates(package: str) -> None:
    env = environment(package)
    assert env.autoescape is True
    assert env.list_templates(extensions=["html"])


def test_data_text_is_escaped_and_markup_is_not() -> None:
    template = environment("fks_graph.viz").from_string("{{ text }}|{{ code }}")
    html = template.render(text="</script><script>alert(1)</script>", code=Markup("<b>x</b>"))
    assert html == "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;|<b>x</b>"


def test_an_unknown_template_is_an_error() -> None:
    with pytest.raises(TemplateNotFound, match=r"nothing\.html"):
        environment("fks_graph.viz").get_template("nothing.html")


def test_quotes_are_escaped_as_html_escape_does() -> None:
    template = environment("fks_graph.viz").from_string('<a title="{{ t }}">{{ t }}</a>')
    html = template.render(t='Netzwerk "Wir" O\'Neil &#34;')
    assert html == (
        '<a title="Netzwerk &quot;Wir&quot; O&#x27;Neil &amp;#34;">'
        "Netzwerk &quot;Wir&quot; O&#x27;Neil &amp;#34;</a>"
    )
