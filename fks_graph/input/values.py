"""Check the values of input cells: yes/no flags, counts, web addresses, stated days, region codes."""

from __future__ import annotations

import re
from functools import cache

import pyoxigraph as ox

from fks_graph.core.dates import parse_date, precision
from fks_graph.core.text import fold
from fks_graph.registries.load import kreise, laender

__all__ = [
    "earliest",
    "latest",
    "parse_count",
    "parse_flag",
    "parse_region_code",
    "parse_stated",
    "parse_url",
]

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
    if not re.fullmatch(r"[0-9]{1,15}", digits):  # more digits: no count of people
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
    >>> parse_url("https:///a")
    Traceback (most recent call last):
    ...
    ValueError: 'https:///a' is not a web address (it names no host)
    >>> parse_url("https://ihk.de:99999/")
    Traceback (most recent call last):
    ...
    ValueError: 'https://ihk.de:99999/' is not a web address (the port '99999' is no port number)
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
    host, port = authority, ""
    if (cut := authority.rfind(":")) > authority.rfind("]"):  # not inside [IPv6]
        host, port = authority[:cut], authority[cut + 1 :]
    if not host.strip("[]"):
        raise ValueError(f"'{text}' is not a web address (it names no host)")
    if port and not (port.isascii() and port.isdigit() and int(port) <= 65535):
        raise ValueError(f"'{text}' is not a web address (the port '{port}' is no port number)")
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


# the lengths of the official keys: Land, Regierungsbezirk, Kreis, Gemeinde (AGS),
# Gemeindeverband, Regionalschlüssel (ARS)
_KEY_LENGTHS = frozenset({2, 3, 5, 8, 9, 12})
_NUTS = re.compile(r"DE[1-9A-G][0-9A-Z]{0,2}")


@cache
def _known_prefixes() -> tuple[frozenset[str], frozenset[str]]:
    """The two-digit keys of the Länder and the five-digit keys of the Kreise."""
    return frozenset(land.ags for land in laender()), frozenset(k.ags for k in kreise())


def parse_region_code(text: str) -> str:
    """Check a region code: an official key (AGS, Kreisschlüssel, Regionalschlüssel) or a
    NUTS code; the leading zero a spreadsheet took from a key stored as a number is put back.

    A key is 2 (Land), 3, 5 (Kreis), 8 (Gemeinde), 9 or 12 digits long (Regionalschlüssel)
    and begins with a Land's two digits; spaces inside it are dropped (``05 3 34``). A number
    one digit short gets its zero back; so does an eight-digit number whose first five digits
    name no Kreis when the zero makes them one (``10540056`` → ``010540056``, Nordfriesland).

    Raises
    ------
    ValueError
        The text is neither.

    Examples
    --------
    >>> parse_region_code("05334"), parse_region_code("5334"), parse_region_code("10540000000")
    ('05334', '05334', '010540000000')
    >>> parse_region_code("1"), parse_region_code("11"), parse_region_code("dea2d")
    ('01', '11', 'DEA2D')
    >>> parse_region_code("10041100"), parse_region_code("10540056")
    ('10041100', '010540056')
    >>> parse_region_code("O5334")
    Traceback (most recent call last):
    ...
    ValueError: 'O5334' is no region code (expected an AGS or Kreisschlüssel such as 05334, a Regionalschlüssel such as 053340002002 or a NUTS code such as DEA2D; several are separated by |)
    """
    code = text.strip().upper()
    digits = re.sub(r"[\s\u202f]", "", code)
    if digits.isascii() and digits.isdigit():
        laender_keys, kreis_keys = _known_prefixes()
        fitting = [
            key
            for key in (digits, "0" + digits)
            if len(key) in _KEY_LENGTHS and key[:2] in laender_keys
        ]
        known = [key for key in fitting if key[:5] in kreis_keys and len(key) >= 5]
        if fitting:
            return (known or fitting)[0]
    elif _NUTS.fullmatch(code):
        return code
    raise ValueError(
        f"'{text}' is no region code (expected an AGS or Kreisschlüssel such as 05334, a "
        "Regionalschlüssel such as 053340002002 or a NUTS code such as DEA2D; several are "
        "separated by |)"
    )
