"""The one way to load HTML templates: a Jinja2 environment over a package's ``templates/``."""

from __future__ import annotations

import base64
import hashlib
import html
from functools import cache
from importlib import resources

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

__all__ = ["environment", "script_hash"]


def _escaped(value: object) -> object:
    """A value as HTML text, escaped by :func:`html.escape` (markup stays as it is)."""
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value)))


@cache
def environment(package: str) -> Environment:
    """The Jinja2 environment of the ``templates`` folder of ``package``, autoescaping on.

    Every ``{{ value }}`` is HTML-escaped (text from data is untrusted) as :func:`html.escape`
    does it: ``&``, ``<``, ``>``, ``'`` (``&#x27;``) and ``"`` (``&quot;``); only what a
    caller wraps in :class:`markupsafe.Markup` (our own scripts and style sheets, ``tojson``)
    goes in as it is.
    Templates keep their trailing newline. One environment per package, made once.

    Parameters
    ----------
    package : str
        A package of fks_graph with a ``templates`` folder, e.g. ``"fks_graph.viz"``.

    Returns
    -------
    jinja2.Environment
        The environment; ``environment(package).get_template("page.html")``.

    Examples
    --------
    >>> env = environment("fks_graph.viz")
    >>> env.autoescape, env is environment("fks_graph.viz")
    (True, True)
    >>> env.from_string("<p>{{ name }}</p>").render(name="<b>A & B</b>")
    '<p>&lt;b&gt;A &amp; B&lt;/b&gt;</p>'
    >>> env.from_string("<p title='{{ a }}'>{{ b }}</p>").render(a="O'Neil", b='"Wir"')
    "<p title='O&#x27;Neil'>&quot;Wir&quot;</p>"
    """
    folder = resources.files(package) / "templates"
    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        finalize=_escaped,
        keep_trailing_newline=True,
    )


def script_hash(script: str) -> str:
    """The hash that allows exactly this inline script in a Content-Security-Policy.

    A template writes it in quotes: ``script-src 'sha256-…'``.

    Examples
    --------
    >>> script_hash("alert(1)")
    'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='
    """
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
