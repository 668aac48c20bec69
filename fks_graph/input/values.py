"""Check the values of input cells: yes/no flags, counts, web addresses, stated days."""

from __future__ import annotations

import re

import pyoxigraph as ox

from fks_graph.core.dates import parse_date, precision
from fks_graph.core.text import fold

__all__ = ["earliest", "latest", "parse_count", "parse_flag", "parse_stated", "parse_url"]

_TRUE = frozenset({"true", "yes", "ja", "wahr", "1", "x", "unsicher", "uncertain"})
_FALSE = frozenset({"false", "no", "nein", "falsch", "0"})
_URL = re.compile(r"[a-z][a-z0-9+.-]*://[^\s<>\"{}|\\^`]+", re.IGNORECASE)
# a bare domain: labels of letters (umlauts too: www.bücher.de), digits and hyphens, a
# top-level domain of letters, and a path
_DOMAIN = re.compile(
    r"(www\.)?(?:[^\W_]|-)+(\.(?:[^\W_]|-)+)*\.[^\W\d_]{2,}(/[^\s<>\"{}|\\^`]*)?", re.IGNORECASE
)
# bidirectional controls (Trojan Source): they reorder how an address is shown
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def parse_flag(text: str) -> bool:
    """Check a yes/no cell: ``true``/``ja``/``x``/``1`` (also ``?`` for uncertain) or
    ``false``/``nein``/``0``.

    Examples
    --------
    >>> parse_flag("ja"), parse_flag("X"), parse_flag("[?]"), parse_flag("false")
    (True, True, True, False)
    >>> parse_flag("vielleicht")
    Traceback (most recent call last):
    ...
    ValueError: 'vielleicht' is not yes or no (expected true/ja/x/1 or false/nein/0)
    """
    value = fold(text)
    if value in _TRUE or text.strip() in ("?", "[?]"):
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"'{text}' is not yes or no (expected true/ja/x/1 or false/nein/0)")


def parse_count(text: str) -> int:
    """Check a count: a whole number, ``ca.``/``rund``/``about`` and thousands dots allowed.

    Examples
    --------
    >>> parse_count("67"), parse_count("rund 1.200"), parse_count("~300")
    (67, 1200, 300)
    >>> parse_count("²")
    Traceback (most recent call last):
    ...
    ValueError: '²' is not a count (expected a whole number such as 67)
    >>> parse_count("viele")
    Traceback (most recent call last):
    ...
    ValueError: 'viele' is not a count (expected a whole number such as 67)
    """
    digits = re.sub(
        r"^(ca\.?|rund|etwa|about|approx\.?|~)\s*", "", text.strip(), flags=re.IGNORECASE
    )
    digits = re.sub(r"(?<=\d)[.,\u202f ](?=\d{3}\b)", "", digits)
    if not re.fullmatch(r"[0-9]+", digits):
        raise ValueError(f"'{text}' is not a count (expected a whole number such as 67)")
    return int(digits)


def earliest(date: str) -> str:
    """The first day a date may mean, as ISO text comparable with others (a year: its 1 January).

    Examples
    --------
    >>> earliest("2014"), earliest("2014-05-22")
    ('2014-01-01', '2014-05-22')
    """
    return f"{date}-01-01" if precision(date) == "year" else date


def latest(date: str) -> str:
    """The last day a date may mean, as ISO text comparable with others (a year: its 31 December).

    Examples
    --------
    >>> latest("2014"), latest("2014-05-22")
    ('2014-12-31', '2014-05-22')
    """
    return f"{date}-12-31" if precision(date) == "year" else date


def parse_url(text: str) -> str:
    """Check a web address: an absolute URL (``www.x.de`` gets ``https://``), ``ValueError`` else.

    The graph holds it as an IRI, so it must be one by Oxigraph's own check, too.

    Examples
    --------
    >>> parse_url("www.x.de"), parse_url("https://x.de/a?b=c")
    ('https://www.x.de', 'https://x.de/a?b=c')
    >>> parse_url("https://x.de/50%ig")
    Traceback (most recent call last):
    ...
    ValueError: 'https://x.de/50%ig' is not a valid web address (Invalid IRI percent encoding '%ig')

    Only ``http`` and ``https``; no user name or password (not repeated in the message); no
    bidirectional control characters, which can make an address look like another.

    >>> parse_url("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: 'file:///etc/passwd' is not a web address (only http and https, not file:)
    >>> parse_url("https://admin:geheim@x.de/")
    Traceback (most recent call last):
    ...
    ValueError: 'https://…@x.de/' is not a web address (it holds a user name or password)
    """
    text = text.strip()
    if _BIDI.search(text):
        raise ValueError(
            f"'{text}' is not a web address (it holds a bidirectional control character, "
            "which can disguise an address)"
        )
    if _URL.fullmatch(text):
        url = text
    elif _DOMAIN.fullmatch(text):
        url = f"https://{text}"
    else:
        raise ValueError(f"'{text}' is not a web address")
    scheme, rest = url.split("://", 1)
    if scheme.lower() not in ("http", "https"):
        raise ValueError(f"'{text}' is not a web address (only http and https, not {scheme}:)")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" in authority:
        shown = f"{scheme}://…@{authority.rsplit('@', 1)[1]}{rest[len(authority) :]}"
        raise ValueError(f"'{shown}' is not a web address (it holds a user name or password)")
    try:
        ox.NamedNode(url)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a valid web address ({exc})") from None
    return url


def parse_stated(text: str) -> str:
    """A day on which a source states something: a date, a month or a year.

    Examples
    --------
    >>> parse_stated("27.08.2015"), parse_stated("08/2015"), parse_stated("2015")
    ('2015-08-27', '2015-08', '2015')
    """
    return parse_date(text, month=True)
