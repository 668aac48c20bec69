"""Actor identity: which names and cities denote the same actor (the one name-matching module)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from fks_graph.core.text import printable

__all__ = [
    "LEGAL_FORMS",
    "PARENTS",
    "Parent",
    "clean_text",
    "clear_caches",
    "distinctions",
    "is_generic",
    "is_regional",
    "kinds",
    "legal_forms",
    "main_unit",
    "name_key",
    "needs_place",
    "normal_name",
    "parent_of",
    "place_in_name",
    "registry_key",
    "unit_of",
]


# The caches of this module are unbounded (functools.cache): reading passes over all names
# several times in the same order, and a bounded (least recently used) cache smaller than a
# dataset's names would miss on every lookup (bench/README.md, "Figures behind design
# choices"). clear_caches() empties them once a dataset is read.


@cache  # cells repeat a lot (ids, types, cities): look them up once
def clean_text(text: str) -> str:
    """Normalise a cell for display: Unicode NFC, single spaces, no surrounding space, no
    control characters (:func:`fks_graph.core.text.printable`).

    Examples
    --------
    >>> clean_text("  IHK\\u00a0 Aachen ")
    'IHK Aachen'
    >>> clean_text("Mu\\u0308nster") == "Münster"
    True
    """
    # split() cuts at what str.isspace() calls white space, as \s does: no regex needed
    return " ".join(printable(unicodedata.normalize("NFC", text)).split())


def clear_caches() -> None:
    """Forget the cells and names looked up so far (:func:`clean_text`, :func:`normal_name`,
    :func:`name_key`, :func:`main_unit`, :func:`parent_of`).

    The caches pay off while one dataset is read; afterwards their hundreds of thousands of
    entries (at national scale) would keep the memory of the whole reading from being given
    back (they pin the allocator's arenas; ``bench/README.md`` has the figures).

    Examples
    --------
    >>> _ = normal_name("IHK Aachen")
    >>> clear_caches()
    >>> normal_name.cache_info().currsize
    0
    """
    for cached in (clean_text, normal_name, name_key, main_unit, parent_of):
        cached.cache_clear()


# --------------------------------------------------------------------------- normal form
# A name is case-folded, transliterated and cut into words; then sequences of words are
# replaced by one canonical word (legal forms, the field's institutions) and fillers dropped.
# Word lookups in dictionaries keep a name at a few microseconds.

# characters: German transliteration, quotes dropped, every dash and the slash one joiner "-",
# other punctuation a space ("." stays until dotted abbreviations are joined)
_CHARACTERS = str.maketrans(
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "&": " & ", "+": " + ",
        "„": None, "“": None, "”": None, '"': None, "‚": None, "‘": None, "’": None,
        "'": None, "«": None, "»": None, "‹": None, "›": None, "`": None, "´": None,
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "/": "-",
        ",": " ", ";": " ", ":": " ", "(": " ", ")": " ", "[": " ", "]": " ", "{": " ",
        "}": " ", "!": " ", "?": " ", "*": " ", "#": " ", "|": " ", "\\": " ", "_": " ",
    }
)  # fmt: skip
# "e. V.", "G.m.b.H.", "I.H.K." lose their dots and spaces, and so does "ver.di"
_DOTTED = re.compile(r"\b[a-z](?:\.[a-z])+\b|\b[a-z](?:\. [a-z])+\b|(?<=[a-z])\.(?=[a-z])")
_ELISION = re.compile(r"(?<=\w)-\s+(?=(?:und|oder|bzw|sowie|u)\b)")  # "Industrie- und"
_JOINER = re.compile(r"\s*-[\s-]*")  # "Bonn / Rhein-Sieg" = "Bonn/Rhein-Sieg"

# word sequences -> one canonical word; legal forms first, then the field's institutions
_PHRASES: dict[str, str] = {
    "gmbh & co kg": "gmbhcokg", "gmbh und co kg": "gmbhcokg", "gmbh u co kg": "gmbhcokg",
    "gmbh + co kg": "gmbhcokg", "gmbh & cokg": "gmbhcokg", "gmbh und cokg": "gmbhcokg",
    "gmbh u cokg": "gmbhcokg", "ag & co kg": "agcokg", "ag & cokg": "agcokg",
    "gesellschaft mit beschraenkter haftung": "gmbh", "gemeinnuetzige gmbh": "ggmbh",
    "eingetragener verein": "ev", "e kfm": "ek", "e kfr": "ek", "eingetragener kaufmann": "ek",
    "eingetragene kauffrau": "ek", "eingetragene genossenschaft": "eg",
    "ug haftungsbeschraenkt": "ug", "ug hb": "ug", "a oer": "aoer", "a oe r": "aoer",
    "anstalt des oeffentlichen rechts": "aoer", "anstalt oeffentlichen rechts": "aoer",
    "industrie und handelskammer": "ihk", "industrie u handelskammer": "ihk",
    "industrie & handelskammer": "ihk", "agentur fuer arbeit": "aa", "agentur f arbeit": "aa",
    "bundesagentur fuer arbeit": "ba", "bundesagentur f arbeit": "ba",
    "deutscher gewerkschaftsbund": "dgb", "deutschen gewerkschaftsbundes": "dgb",
    "dt gewerkschaftsbund": "dgb", "deutsche rentenversicherung": "drv",
    "deutschen rentenversicherung": "drv", "dt rentenversicherung": "drv",
    "job center": "jobcenter", "job - center": "jobcenter", "job centre": "jobcenter",
    "technische universitaet": "tu", "technische hochschule": "th",
    "berufsbildende schulen": "bbs", "berufsbildende schule": "bbs",
    "staedte region": "staedteregion", "staedte - region": "staedteregion",
    # the designation of a Fachhochschule, often left out: "Ostfalia Hochschule für
    # angewandte Wissenschaften" = "Ostfalia-Hochschule"
    "hochschule fuer angewandte wissenschaften": "hochschule",
}  # fmt: skip
# single words -> canonical word
_WORDS: dict[str, str] = {
    "aktiengesellschaft": "ag", "kommanditgesellschaft": "kg", "ekfm": "ek", "ekfr": "ek",
    "handwerkskammer": "hwk", "arbeitsagentur": "aa", "jobcentre": "jobcenter",
    "volkshochschule": "vhs", "fachhochschule": "fh", "universitaet": "uni",
    "stadtverwaltung": "stadt", "kreisverwaltung": "kreis", "staatl": "staatliche",
    "staatliches": "staatliche", "staatlicher": "staatliche", "staedt": "staedtische",
    "staedtisches": "staedtische", "staedtischer": "staedtische", "st": "sankt", "dt": "deutsche",
    "u": "und", "&": "und", "f": "fuer",
}  # fmt: skip
_PHRASE_STARTS: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _word in sorted(_PHRASES.items(), key=lambda item: -len(item[0].split())):
    _PHRASE_STARTS.setdefault(_phrase.split()[0], []).append((tuple(_phrase.split()), _word))
_LONG = {
    "ihk": "industrie und handelskammer",
    "hwk": "handwerkskammer",
    "ba": "bundesagentur fuer arbeit",
    "aa": "agentur fuer arbeit",
    "dgb": "deutscher gewerkschaftsbund",
    "drv": "deutsche rentenversicherung",
    "vhs": "volkshochschule",
    "tu": "technische universitaet",
    "th": "technische hochschule",
    "fh": "fachhochschule",
    "uni": "universitaet",
    "bbs": "berufsbildende schulen",
}
# a joiner right after one of these is a space: "IHK-Aachen", "DGB-Region", "Jobcenter-Bonn"
_LOOSE = frozenset({*_LONG, "jobcenter"})
_CHAMBERS = frozenset({"ihk", "hwk"})
# words that start a phrase, are replaced, fill or join: a name without any is done at once
_SPECIAL = frozenset({*_PHRASE_STARTS, *_WORDS, *_LONG, "zu", "-"})


@cache
def normal_name(text: str) -> str:
    """The normal form of an actor name (or city) under which spellings are compared.

    Ignores case, white space, Unicode normal form and umlaut spelling (``ü`` = ``ue``,
    ``ß`` = ``ss``); writes every legal form one way (``e. V.`` = ``e.V.`` = ``eV``,
    ``G.m.b.H.`` = ``GmbH``, ``GmbH & Co. KG`` = ``GmbH & Co.KG``); spells out the field's
    standard abbreviations (IHK, HWK, Arbeitsagentur, DGB, DRV, VHS, FH, Uni, ...), drops the
    ``Bundesagentur für Arbeit`` before an Agentur für Arbeit and the fillers ``zu`` and, after
    a chamber, ``für`` (``IHK zu Köln`` = ``IHK Köln``); writes every dash and slash as one
    joiner without spaces (``Bonn / Rhein-Sieg`` = ``Bonn-Rhein-Sieg``). Words, numbers, legal
    forms and places are kept: ``X GmbH`` and ``X AG``, ``Berufsschule 1`` and ``2`` stay apart.

    Examples
    --------
    >>> normal_name("Industrie- und Handelskammer zu Köln") == normal_name("IHK Koeln")
    True
    >>> normal_name("IHK Köln")
    'industrie und handelskammer koeln'
    >>> normal_name("Bundesagentur für Arbeit, Agentur für Arbeit Aachen – Düren")
    'agentur fuer arbeit aachen-dueren'
    >>> normal_name("Müller GmbH & Co.KG") == normal_name("MUELLER G.m.b.H. u. Co. KG")
    True
    >>> normal_name("Förderverein e. V.") == normal_name("Förderverein eV")
    True
    >>> normal_name("Job-Center Bonn") == normal_name("JobCenter Bonn") == normal_name("Jobcenter Bonn")
    True
    >>> normal_name("Müller GmbH") == normal_name("Müller AG")
    False
    """
    text = clean_text(text).casefold().translate(_CHARACTERS)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group().replace(".", "").replace(" ", ""), text)
        text = text.replace(".", " ")
    if "-" in text:
        text = _JOINER.sub(" - ", _ELISION.sub(" ", text))
    words = text.split()
    if _SPECIAL.isdisjoint(words):
        return " ".join(words)
    tokens: list[str] = []
    joined: list[bool] = []  # whether a token is joined to the one before by a dash or slash
    join = False
    i, count = 0, len(words)
    while i < count:
        word = words[i]
        if word == "-":  # a joiner after a standard abbreviation is a space: "IHK-Aachen"
            join, i = bool(tokens) and tokens[-1] not in _LOOSE, i + 1
            continue
        for phrase, canonical in _PHRASE_STARTS.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                word, i = canonical, i + len(phrase)
                break
        else:
            word, i = _WORDS.get(word, word), i + 1
        previous = tokens[-1] if tokens else None
        if previous is not None and (
            (word == previous and word in _LONG)  # "Handwerkskammer (HWK) Aachen"
            or word == "zu"  # "IHK zu Köln"
            or (word == "fuer" and previous in _CHAMBERS)  # "HWK für München und Oberbayern"
        ):
            pass
        elif word == "aa" and previous == "ba":  # "Bundesagentur für Arbeit, Agentur für ..."
            tokens[-1] = word
        else:
            tokens.append(word)
            joined.append(join)
        join = False
    return "".join(
        [
            ("-" if glued else " ") + _LONG.get(token, token)
            for token, glued in zip(tokens, joined, strict=True)
        ]
    )[1:]


def _parts(normal: str) -> list[str]:
    return normal.replace("-", " ").split()


def place_in_name(name: str, city: str) -> bool:
    """Whether the (normal) city appears in the (normal) name as whole words.

    Examples
    --------
    >>> place_in_name(normal_name("IHK Bonn/Rhein-Sieg"), normal_name("Bonn"))
    True
    >>> place_in_name(normal_name("Jobcenter Rhein-Sieg"), normal_name("Siegburg"))
    False
    """
    words, place = _parts(name), _parts(city)
    size = len(place)
    if size == 1:
        return place[0] in words
    return size > 0 and any(words[i : i + size] == place for i in range(len(words) - size + 1))


@cache
def name_key(name: str, city: str | None = None) -> str:
    """The identity key of an actor known by name (and city).

    Two mentions with the same key are the same actor. The key is the normal form of the name
    (see :func:`normal_name`) followed by the normal form of the city, unless the name already
    contains it (``IHK Aachen`` in Aachen, ``IHK Aachen`` without a city and ``IHK`` in Aachen
    are one actor) or is the name of a regional institution (see :func:`is_regional`), which
    denotes one actor whatever city a row gives. So the same generic name in two cities is two
    actors, and a name without a city is kept apart from the same name with a city the name
    does not contain. A branch designation is cut off (:func:`main_unit`), and where words
    are separated does not matter (``Süd-West-Sachsen`` = ``Südwestsachsen``,
    ``Hildesheim/Holzminden`` = ``Hildesheim Holzminden``).

    Examples
    --------
    >>> name_key("IHK Aachen") == name_key("Industrie- und Handelskammer zu Aachen", "Düren")
    True
    >>> name_key("IHK Chemnitz, Regionalkammer Mittelsachsen") == name_key("IHK Chemnitz")
    True
    >>> name_key("ver.di Bezirk SüdOstniedersachsen") == name_key("Ver.di Bezirk Süd-Ost-Niedersachsen")
    True
    >>> name_key("Volkshochschule", "Bonn") == name_key("Volkshochschule", "Köln")
    False
    >>> name_key("Volkshochschule", "Bonn") == name_key("Volkshochschule")
    False
    >>> name_key("VHS", "Bonn") == name_key("Volkshochschule Bonn")
    True
    >>> name_key("Goethe-Gymnasium", "Bonn") == name_key("Goethe-Gymnasium", "Köln")
    False
    """
    key = unit_of(name)
    place = normal_name(city) if city else ""
    if place and not place_in_name(key, place) and not is_regional(key):
        key = f"{key} {place}"
    return f"name:{_compact(key)}"


# words that name a branch of an institution: "IHK Hannover, Geschäftsstelle Göttingen" is the
# IHK Hannover, "IHK Chemnitz, Regionalkammer Mittelsachsen" the IHK Chemnitz
_BRANCHES = frozenset(
    [
        "regionalkammer",
        "geschaeftsstelle",
        "regionalgeschaeftsstelle",
        "projektbuero",
        "aussenstelle",
        "zweigstelle",
        "niederlassung",
        "servicestelle",
        "regionalbuero",
        "servicezentrum",
        "standort",
    ]
)
_BETWEEN_WORDS = re.compile(r"(?<=\D)[ -]+|[ -]+(?=\D)")


@cache
def main_unit(normal: str) -> str:
    """A normal name without a branch designation: a branch office is its institution.

    Cut at the first branch word (``Geschäftsstelle``, ``Regionalkammer``, ``Projektbüro``,
    ``Außenstelle``, ``Zweigstelle``, ``Niederlassung``, ``Standort``, ...) when what comes before it is a
    name of its own (not generic): the branch speaks for its institution in a network.

    Examples
    --------
    >>> main_unit(normal_name("IHK Hannover, Geschäftsstelle Göttingen"))
    'industrie und handelskammer hannover'
    >>> main_unit(normal_name("Jobcenter Geschäftsstelle Nord"))  # "Jobcenter" alone is generic
    'jobcenter geschaeftsstelle nord'
    """
    words = normal.split(" ")
    for index, word in enumerate(words):
        if word.split("-", 1)[0] in _BRANCHES and index:
            before = " ".join(words[:index])
            return normal if is_generic(before) else before
    return normal


def unit_of(name: str) -> str:
    """The institution a written name stands for: its normal name without a branch designation.

    Examples
    --------
    >>> unit_of("IHK Hannover, Geschäftsstelle Göttingen")
    'industrie und handelskammer hannover'
    """
    return main_unit(normal_name(name))


def _compact(normal: str) -> str:
    """A normal name without the spaces and joiners between words (not between two numbers):
    ``Süd-West-Sachsen`` = ``Südwestsachsen``, ``Hildesheim/Holzminden`` = ``Hildesheim
    Holzminden``; ``Berufsschule 1 2`` stays apart from ``Berufsschule 12``."""
    return _BETWEEN_WORDS.sub("", normal)


@dataclass(frozen=True, slots=True)
class Parent:
    """An organisation that acts through regional units (a DGB region, an Agentur für Arbeit).

    ``name`` is its label, ``type`` its actor type code, ``phrases`` the normal names (see
    :func:`normal_name`) that mark a unit: at the start of a unit's name, or ``anywhere`` in it.
    """

    name: str
    type: str
    phrases: tuple[str, ...]
    anywhere: bool = False
    alt_labels: tuple[str, ...] = ()

    def is_bare(self, normal: str) -> bool:
        """Whether a normal name is only the organisation's own name (no unit named)."""
        return _compact(normal) in {_compact(phrase) for phrase in self.phrases}


#: Organisations that act through regional units, the one list of them. A member named after
#: a unit (``DGB Region Leipzig-Nordsachsen``, ``Agentur für Arbeit Hildesheim``,
#: ``Südwestmetall, Bezirksgruppe Ulm``) is that unit, an actor of its own linked to its
#: organisation; a member named by the organisation alone (``DGB``, ``Südwestmetall``) is the
#: organisation's unit in that network's region, which the name does not say.
PARENTS: tuple[Parent, ...] = (
    Parent("Deutscher Gewerkschaftsbund", "union", ("deutscher gewerkschaftsbund",),
           alt_labels=("DGB",)),
    Parent("IG Metall", "union", ("ig metall",)),
    Parent("ver.di", "union", ("verdi",), alt_labels=("Vereinte Dienstleistungsgewerkschaft",)),
    Parent("IG BCE", "union", ("ig bce",)),
    Parent("IG BAU", "union", ("ig bau",)),
    Parent("Gewerkschaft Nahrung-Genuss-Gaststätten", "union", ("ngg",), alt_labels=("NGG",)),
    Parent("Bundesagentur für Arbeit", "employment_agency",
           ("agentur fuer arbeit", "bundesagentur fuer arbeit", "regionaldirektion"),
           alt_labels=("BA",)),
    Parent("Deutsche Rentenversicherung", "pension_insurance", ("deutsche rentenversicherung",),
           alt_labels=("DRV",)),
    Parent("Südwestmetall", "employers_association", ("suedwestmetall",), anywhere=True,
           alt_labels=("Verband der Metall- und Elektroindustrie Baden-Württemberg",)),
    Parent("Bundesverband mittelständische Wirtschaft", "employers_association",
           ("bvmw", "bundesverband mittelstaendische wirtschaft"), anywhere=True,
           alt_labels=("BVMW",)),
    Parent("Berufsakademie Sachsen", "university",
           ("berufsakademie sachsen", "staatliche studienakademie"), anywhere=True),
    Parent("Ämter für regionale Landesentwicklung (Niedersachsen)", "other",
           ("amt fuer regionale landesentwicklung",), alt_labels=("ArL",)),
)  # fmt: skip


# the parents by the first word of their phrases: a name is looked up in a few dictionaries
_PARENT_STARTS: dict[str, list[tuple[tuple[str, ...], Parent]]] = {}
_PARENT_INSIDE: dict[str, list[tuple[tuple[str, ...], Parent]]] = {}
for _parent in PARENTS:
    for _phrase in _parent.phrases:
        _words = tuple(_phrase.split())
        _PARENT_STARTS.setdefault(_words[0], []).append((_words, _parent))
        if _parent.anywhere:
            _PARENT_INSIDE.setdefault(_words[0], []).append((_words, _parent))


@cache
def parent_of(normal: str) -> Parent | None:
    """The organisation whose regional unit a normal name names, if any (see :data:`PARENTS`).

    Examples
    --------
    >>> parent_of(normal_name("DGB Region Südwestsachsen")).name
    'Deutscher Gewerkschaftsbund'
    >>> parent_of(normal_name("Arbeitgeberverband Südwestmetall Bezirksgruppe Ulm")).name
    'Südwestmetall'
    >>> parent_of(normal_name("IHK Aachen")) is None
    True
    """
    words = _parts(normal)
    if not words:
        return None
    for phrase, parent in _PARENT_STARTS.get(words[0], ()):
        if tuple(words[: len(phrase)]) == phrase:
            return parent
    for index, word in enumerate(words[1:], start=1):
        for phrase, parent in _PARENT_INSIDE.get(word, ()):
            if tuple(words[index : index + len(phrase)]) == phrase:
                return parent
    return None


def needs_place(normal: str) -> bool:
    """Whether a normal name says which actor it is only with a place: a generic name
    (see :func:`is_generic`) or the bare name of an organisation of regional units.

    Given without a city, such a name is the actor of that name in one network only: ``DGB``
    in a network in Niedersachsen and ``DGB`` in one in Bayern are two DGB regions.

    Examples
    --------
    >>> needs_place(normal_name("DGB")), needs_place(normal_name("Südwestmetall"))
    (True, True)
    >>> needs_place(normal_name("DGB Region Nord")), needs_place(normal_name("Jobcenter"))
    (False, True)
    """
    parent = parent_of(normal)
    if parent is not None:  # "DGB Region Nord" names its unit; "DGB" does not
        return parent.is_bare(normal)
    return is_generic(normal)


def registry_key(actor_id: str) -> str:
    """The identity key of an actor of the registry ``actors.csv``, from its id.

    Examples
    --------
    >>> registry_key("IHK-AC")
    'id:IHK-AC'
    """
    return f"id:{actor_id}"


# --------------------------------------------------------------------------- what sets apart


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# kinds of institution: two names of different kinds are never one actor
_KINDS = _set(
    "handelskammer handwerkskammer kreishandwerkerschaft innung agentur bundesagentur "
    "regionaldirektion jobcenter rentenversicherung gewerkschaftsbund volkshochschule "
    "universitaet hochschule fachhochschule berufskolleg berufsschule schule schulen gymnasium "
    "realschule gesamtschule hauptschule grundschule oberschule mittelschule foerderschule "
    "stadt gemeinde kreis landkreis staedteregion bezirk sparkasse kreissparkasse "
    "stadtsparkasse volksbank raiffeisenbank stadtwerke klinikum krankenhaus "
    "wirtschaftsfoerderung wirtschaftsfoerderungsgesellschaft"
)
# kinds of regional institution whose names are unique in Germany (see is_regional)
_REGIONAL = _set(
    "handelskammer handwerkskammer kreishandwerkerschaft agentur regionaldirektion jobcenter "
    "gewerkschaftsbund rentenversicherung sparkasse kreissparkasse stadtsparkasse"
)
# the legal forms as normal_name writes them
LEGAL_FORMS = _set("gmbhcokg agcokg gmbh ggmbh mbh ev ek eg ag kg ug aoer ohg se kgaa gbr mbb")
# quarters and roman numbers: siblings of one name ("Gymnasium X-Nord", "BBS II")
_QUARTERS = _set("nord sued ost west mitte i ii iii iv v vi vii viii ix x")
# words that single out no actor: a name made only of them (and numbers) needs a city
_GENERIC = (
    _KINDS
    | LEGAL_FORMS
    | _set(
        "industrie und fuer arbeit deutscher deutsche technische berufsbildende staatliche "
        "staedtische kommunales kommunale region regional der die das des den dem von im in am an "
        "caritas caritasverband diakonie diakonisches werk awo arbeiterwohlfahrt drk rotes kreuz "
        "kolping kolpingwerk lebenshilfe tafel jugendamt sozialamt wirtschaftsfoerderung "
        "wirtschaftsfoerderungsgesellschaft arbeitgeberverband unternehmerverband handelsverband "
        "bildungswerk bildungszentrum geschaeftsstelle ig metall verdi"
    )
)


def is_generic(normal: str) -> bool:
    """Whether a normal name is made only of generic words (needs a city to be one actor).

    Examples
    --------
    >>> is_generic(normal_name("Volkshochschule")), is_generic(normal_name("Stadtwerke GmbH"))
    (True, True)
    >>> is_generic(normal_name("Zentis GmbH & Co. KG"))
    False
    """
    return all(part in _GENERIC or part.isdigit() or part in _QUARTERS for part in _parts(normal))


def is_regional(normal: str) -> bool:
    """Whether a normal name is that of a regional institution: its name alone says which.

    Chambers (IHK, HWK), Kreishandwerkerschaften, Agenturen für Arbeit, Jobcenter, DGB
    regions, carriers of the Rentenversicherung and Sparkassen are named after the district
    they serve, and each name is given once in Germany; so their (not generic) name denotes
    one actor, whatever city a row gives (often the town of the coordinator or of a branch).
    Other names are not unique: there is a Goethe-Gymnasium, a Volkshochschule Neustadt and a
    Stadt Neustadt in many places, which only the city tells apart.

    Examples
    --------
    >>> is_regional(normal_name("Kreishandwerkerschaft Rureifel"))
    True
    >>> is_regional(normal_name("Jobcenter")), is_regional(normal_name("Stadt Neustadt"))
    (False, False)
    """
    return not _REGIONAL.isdisjoint(_parts(normal)) and not is_generic(normal)


def distinctions(normal: str) -> frozenset[str]:
    """The words of a normal name that set siblings apart: numbers and quarters.

    Examples
    --------
    >>> sorted(distinctions(normal_name("Staatliche Berufsschule II Regensburg-Nord")))
    ['ii', 'nord']
    """
    return frozenset(part for part in _parts(normal) if part.isdigit() or part in _QUARTERS)


def legal_forms(normal: str) -> frozenset[str]:
    """The legal forms in a normal name.

    Examples
    --------
    >>> sorted(legal_forms(normal_name("Zentis GmbH & Co. KG"))), legal_forms("zentis")
    (['gmbhcokg'], frozenset())
    """
    return frozenset(part for part in _parts(normal) if part in LEGAL_FORMS)


def kinds(normal: str) -> frozenset[str]:
    """The kinds of institution a normal name names (``Stadt`` is not ``StädteRegion``).

    Examples
    --------
    >>> sorted(kinds(normal_name("HWK Aachen"))), sorted(kinds(normal_name("Stadt Aachen")))
    (['handwerkskammer'], ['stadt'])
    """
    return frozenset(part for part in _parts(normal) if part in _KINDS)
