"""Comparison keys of text: folding case, umlauts, ß, accents and word separation."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "key"]


def fold(text: str) -> str:
    """Fold a header or code for comparison: case, umlauts, ß, accents, spaces, dashes.

    Examples
    --------
    >>> fold(" Gründungs-Jahr ")
    'gruendungs_jahr'
    >>> fold("Straße")
    'strasse'
    >>> fold("Agentur für  Arbeit")
    'agentur_fuer_arbeit'
    """
    text = unicodedata.normalize("NFC", text).strip().casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    if not text.isascii():  # accents: decomposed, then the combining marks dropped
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub("_", text).strip("_")


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def key(text: str) -> str:
    """A comparison key that also ignores where words are separated (``Job-Center`` = ``Jobcenter``).

    Examples
    --------
    >>> key("Gründungs-Jahr") == key("gruendungsjahr") == key("Gründungs Jahr")
    True
    >>> key("network_id") == key("Netzwerk-ID")
    False
    >>> key("project-partners") == key("project_partners")
    True
    """
    return fold(text).replace("_", "")
