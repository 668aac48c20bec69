"""Text: comparison keys (case, umlauts, ß, accents, word separation) and unfit characters."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "key", "not_xml", "printable"]


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


# C0 controls other than tab, line feed and carriage return, DEL, and the noncharacters U+FFFE
# and U+FFFF: invisible, and XML 1.0 cannot hold them (nor XLSX, GraphML, GEXF, RDF/XML);
# those Python counts as white space (vertical tab, form feed, the four separators) become one.
# Invisible too, and copied along with text from web pages: the soft hyphen, the zero-width
# space, the word joiner and a byte order mark inside the text (two names that differ only by
# them would be two actors)
_UNFIT = {
    **dict.fromkeys((*range(0x09), *range(0x0E, 0x1C), 0x7F, 0xFFFE, 0xFFFF)),
    **dict.fromkeys((0xAD, 0x200B, 0x2060, 0xFEFF)),
    **dict.fromkeys((0x0B, 0x0C, *range(0x1C, 0x20)), " "),
}


def printable(text: str) -> str:
    r"""``text`` without the control characters no text should hold (invisible; XML cannot).

    Removed: the C0 controls other than tab, line feed and carriage return, DEL, the
    noncharacters U+FFFE and U+FFFF, and the invisible soft hyphen, zero-width space, word
    joiner and byte order mark; vertical tab, form feed and the separators U+001C–U+001F
    (white space to Python, e.g. a line break pasted from Word) become a space.

    Examples
    --------
    >>> printable("IHK Aachen\x01"), printable("Zeile 1\x0bZeile 2"), printable("a\tb\ufffe")
    ('IHK Aachen', 'Zeile 1 Zeile 2', 'a\tb')
    >>> printable("Fachkräfte\u00adallianz"), printable("\ufeffIHK\u200b Köln")
    ('Fachkräfteallianz', 'IHK Köln')
    """
    return text if text.isprintable() else text.translate(_UNFIT)


# what XML 1.0 cannot hold, in UTF-8: the C0 controls other than tab, line feed and carriage
# return, and the noncharacters U+FFFE and U+FFFF (no byte of a longer UTF-8 sequence is < 0x80)
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


def not_xml(data: bytes | memoryview) -> str | None:
    """The first character of UTF-8 ``data`` that XML 1.0 cannot hold, as ``U+XXXX``; ``None``
    if there is none.

    Text from a graph file, a store or an update may hold them: written as XML, the document
    would be ill-formed (no parser reads it), and XML has no way to escape them.

    Examples
    --------
    >>> not_xml("<a>Köln</a>".encode()) is None
    True
    >>> not_xml("<a>IHK\x1b[2J</a>".encode()), not_xml("<a>\ufffe</a>".encode())
    ('U+001B', 'U+FFFE')
    """
    found = _NOT_XML.search(data)
    return None if found is None else f"U+{ord(found.group().decode()):04X}"
