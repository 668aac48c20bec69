"""Generate a synthetic national ecosystem of networks as CSV files, deterministic from a seed."""

from __future__ import annotations

import csv
import io
import os
import random
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from fks_graph.core.atomic import atomic_write
from fks_graph.input.names import name_key, normal_name

__all__ = ["GeneratedSummary", "generate_dataset"]

# --------------------------------------------------------------------------- codes
# The skos:notation codes of ontology/fks.ttl that the generator emits (tests check them).

_ACTION_FIELDS = ("activation", "family", "education", "qualification", "immigration")
_TARGET_GROUPS = (
    "women", "older_workers", "migrants", "refugees", "low_qualified", "young_people",
    "dropouts", "long_term_unemployed", "disabled", "returners",
)  # fmt: skip
_REGION_TYPES = (
    "boom_city", "strong_county", "city_in_transition", "average_west_county",
    "average_east_county",
)  # fmt: skip
_ROLES = ("coordinator", "partner", "member", "advisory")
_ACTOR_TYPES = (
    "chamber_of_commerce", "chamber_of_crafts", "employment_agency", "jobcenter",
    "municipality", "business_development", "union", "pension_insurance", "university",
    "employers_association", "research", "welfare_organisation", "company", "school",
    "education_provider",
)  # fmt: skip

# German labels real exports use instead of codes (skos:prefLabel or skos:altLabel).
_TYPE_LABELS = {
    "chamber_of_commerce": "IHK", "chamber_of_crafts": "Handwerkskammer",
    "employment_agency": "Agentur für Arbeit", "jobcenter": "Jobcenter",
    "municipality": "Kommune", "business_development": "Wirtschaftsförderung",
    "union": "Gewerkschaft", "pension_insurance": "DRV", "university": "Hochschule",
    "employers_association": "Arbeitgeberverband", "research": "Forschungseinrichtung",
    "welfare_organisation": "Wohlfahrtsverband", "company": "Unternehmen", "school": "Schule",
    "education_provider": "Bildungsträger",
}  # fmt: skip
_FIELD_LABELS = {
    "activation": "Aktivierung und Beschäftigungssicherung",
    "family": "Bessere Vereinbarkeit von Familie und Beruf",
    "education": "Bildungschancen für alle von Anfang an",
    "qualification": "Qualifizierung: Aus- und Weiterbildung",
    "immigration": "Integration und qualifizierte Zuwanderung",
}
_GROUP_LABELS = {
    "women": "Frauen", "older_workers": "Ältere Beschäftigte",
    "migrants": "Menschen mit Migrationshintergrund", "refugees": "Geflüchtete",
    "low_qualified": "Geringqualifizierte", "young_people": "Junge Menschen",
    "dropouts": "Studienabbrecher", "long_term_unemployed": "Langzeitarbeitslose",
    "disabled": "Menschen mit Behinderung", "returners": "Berufsrückkehrende",
}  # fmt: skip

# --------------------------------------------------------------------------- structure
# The 16 Länder in a chain of neighbours (SH, HH, NI, HB, NW, ...): ISO 3166-2 code, AGS prefix,
# name, Kreise, of them kreisfreie Städte, IHKs (79 in all), Handwerkskammern (53 in all).
_LAENDER = (
    ("DE-SH", "01", "Schleswig-Holstein", 15, 4, 3, 2),
    ("DE-HH", "02", "Hamburg", 1, 1, 1, 1),
    ("DE-NI", "03", "Niedersachsen", 45, 8, 7, 6),
    ("DE-HB", "04", "Bremen", 2, 2, 1, 1),
    ("DE-NW", "05", "Nordrhein-Westfalen", 53, 22, 16, 7),
    ("DE-HE", "06", "Hessen", 26, 5, 10, 3),
    ("DE-RP", "07", "Rheinland-Pfalz", 36, 12, 4, 4),
    ("DE-SL", "10", "Saarland", 6, 0, 1, 1),
    ("DE-BW", "08", "Baden-Württemberg", 44, 9, 12, 8),
    ("DE-BY", "09", "Bayern", 96, 25, 9, 6),
    ("DE-TH", "16", "Thüringen", 22, 5, 3, 3),
    ("DE-SN", "14", "Sachsen", 13, 3, 3, 3),
    ("DE-ST", "15", "Sachsen-Anhalt", 14, 3, 2, 2),
    ("DE-BB", "12", "Brandenburg", 18, 4, 3, 3),
    ("DE-BE", "11", "Berlin", 1, 1, 1, 1),
    ("DE-MV", "13", "Mecklenburg-Vorpommern", 8, 2, 3, 2),
)
_AGENCIES = 156  # Agenturen für Arbeit, each covering 2-3 Kreise
_CITY_STATES = ("DE-HH", "DE-HB", "DE-BE")
_EAST = ("DE-BB", "DE-MV", "DE-SN", "DE-ST", "DE-TH")
_NOT_NEXT_TO_PREVIOUS = ("DE-NW", "DE-BW", "DE-MV")  # chain links that are no real border
_KREIS_WORD = {"DE-NW": "Kreis", "DE-SH": "Kreis"}  # elsewhere "Landkreis"
# The 14 regional carriers of the Deutsche Rentenversicherung (real institutional names) and the
# Länder they serve; a Land under two or three carriers is split between them.
_DRV = (
    ("Nord", ("DE-SH", "DE-HH", "DE-MV")),
    ("Braunschweig-Hannover", ("DE-NI",)),
    ("Oldenburg-Bremen", ("DE-NI", "DE-HB")),
    ("Rheinland", ("DE-NW",)),
    ("Westfalen", ("DE-NW",)),
    ("Hessen", ("DE-HE",)),
    ("Rheinland-Pfalz", ("DE-RP",)),
    ("Saarland", ("DE-SL",)),
    ("Baden-Württemberg", ("DE-BW",)),
    ("Bayern Süd", ("DE-BY",)),
    ("Nordbayern", ("DE-BY",)),
    ("Schwaben", ("DE-BY",)),
    ("Mitteldeutschland", ("DE-TH", "DE-SN", "DE-ST")),
    ("Berlin-Brandenburg", ("DE-BB", "DE-BE")),
)
_AWARD_YEARS = (2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2021, 2022)  # no 2020
_AWARDS_PER_YEAR = {2013: 8, 2022: 4}  # otherwise 5

# --------------------------------------------------------------------------- name material


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


_STEMS = _words(
    "Brel Quarn Tolm Fisp Olk Trell Gimm Hasp Kolv Mäd Nesp Prill Quist Ruml Selp Ulv Vell "
    "Wisk Fenn Glöm Hürl Jäs Kniep Lorv Wenn Drosk Flinn Grav Harr Irm Kasp Lumm Mörsk Nubb "
    "Pless Raff Spell Trüb Wäll Zomm Bröck Elv Frisp Göll Helf Jörn Mirl Nöll Ork Röhl Sült "
    "Tisp Volp Weff Zirk Aschl Büll Dross Quell Strüv Kemm Ilm Brasp"
)
_INFIXES = ("", "", "", "", "el", "er", "en", "s")
_SUFFIXES = _words(
    "hausen ingen dorf stedt heim burg feld bach rode beck witz ow au born brück hagen "
    "kirchen stadt weiler berg furt leben roda büttel siek lohe wede ach"
)
_SURNAME_STEMS = _words(
    "Wenn Hölt Kamp Tiet Stroh Grüm Lütt Merk Rött Schall Wiet Fuhl Gaß Haff Jell Knüp Lamm "
    "Moß Nölk Pütt Rill Sieb Trag Uhl Voß Wüll Bär Dörr Flöt Brasp"
)
_SURNAME_ENDS = _words(
    "mann er ling ke hoff berg bach meier hardt städt brink kötter huber inger mayr sen ert wald"
)
_BRANCHES = _words(
    "Maschinenbau|Metallbau|Kunststofftechnik|Präzisionsteile|Elektrotechnik|Logistik|"
    "Spedition|Holzbau|Straßenbau|Großhandel|Lebensmittel|Fleischwaren|Backwaren|Brauerei|"
    "Druckerei|Verpackungen|Anlagenbau|Werkzeugbau|Gießerei|Software|Systemhaus|Medizintechnik|"
    "Pflegedienste|Haustechnik|Sanitär- und Heizungstechnik|Fördertechnik|Landtechnik|"
    "Möbelwerkstätten|Glasveredelung|Textilwerke|Bauunternehmung|Energietechnik|Feinmechanik|"
    "Oberflächentechnik|Gebäudereinigung|Fahrzeugbau|Umwelttechnik|Hotelbetriebe",
    sep="|",
)
_TRADES = _words(
    "Bäckerei Konditorei Autohaus Elektro Sanitär Malerbetrieb Dachdeckerei Tischlerei Zimmerei "
    "Friseursalon Gärtnerei Metzgerei Pflegedienst Steuerbüro Optik Hörakustik Schlosserei"
)
_LEGAL_FORMS = (
    ("GmbH", 40), ("GmbH & Co. KG", 20), ("AG", 5), ("e.K.", 10), ("KG", 6), ("OHG", 3),
    ("eG", 3), ("UG (haftungsbeschränkt)", 3), ("gGmbH", 2),
)  # fmt: skip
_QUARTERS = ("Nord", "Süd", "Ost", "West", "Mitte")
_SCHOOL_KINDS = (
    ("Berufsschule", 30), ("Berufsbildende Schulen", 10), ("Berufskolleg", 8),
    ("Gymnasium", 12), ("Realschule", 10), ("Oberschule", 8), ("Gesamtschule", 8),
    ("Mittelschule", 6), ("Förderzentrum", 3),
)  # fmt: skip
_EDU_KINDS = _words(
    "Bildungswerk {T}|Bildungszentrum {S}|{S} Akademie gGmbH|Berufsförderungswerk {T}|"
    "Weiterbildungszentrum {T} e.V.|Bildungszentrum der Wirtschaft {T}|Sprachschule {S}|"
    "Überbetriebliche Bildungsstätte {T}|Institut für Bildung & Beruf {T}",
    sep="|",
)
_WELFARE_KINDS = _words(
    "Sozialwerk {A} e.V.|Wohlfahrtsverband {A} e.V.|Migrationsdienst {A} gGmbH|"
    "Integrationshilfe {A} e.V.|Kinder- und Familienhilfe {A} gGmbH",
    sep="|",
)
_UNI_KINDS = _words(
    "Hochschule {T}|Universität {T}|Technische Hochschule {T}|Fachhochschule {T}|"
    "Hochschule für angewandte Wissenschaften {T}",
    sep="|",
)
_AGV_KINDS = _words(
    "Arbeitgeberverband {A} e.V.|Unternehmerverband {A}|Unternehmensverband {A} e.V.|"
    "Arbeitgeberverband der {J} Wirtschaft e.V.",
    sep="|",
)
_RESEARCH_KINDS = _words(
    "Institut für Arbeitsmarkt- und Regionalforschung {T}|Forschungszentrum Arbeit & Region {T}|"
    "Zentrum für Fachkräftestudien {T} e.V.|{J} Institut für Sozialforschung",
    sep="|",
)
_HOSTILE_COMPANIES = (
    'Druckhaus "Morgenrot" {S} GmbH',
    "Bäckerei „Zum goldenen Korn“ {S} e.K.",
    "{S}, {S2} & Partner mbB",
    "Ingenieurbüro {S}; Planung & Bau GmbH",
    "{S} & Söhne GmbH",
    "Café „Süß & Salzig“ {T}",
    "{J} Maß- und Straßenbau GmbH & Co. KG",
)
_NETWORK_NAMES = _words(
    "Fachkräftebündnis {R}|Fachkräfteallianz {R}|Netzwerk Fachkräftesicherung {R}|"
    "Bündnis für Fachkräfte {R}|Allianz für Fachkräfte {R}|Fachkräfteinitiative {R}|"
    "Fachkräftenetzwerk {R}|Regionales Fachkräftebündnis {R}|Zukunftsnetzwerk Fachkräfte {R}|"
    "Fachkräfteforum {R}|Initiative Fachkräfte für {R}|Netzwerk Fachkräftesicherung in der "
    "Pflege {R}|MINT-Netzwerk {R}|Welcome Center {R}|Ausbildungsverbund {R}|Wachstumsregion {R}|"
    "Unternehmensnetzwerk {R}|Netzwerk 50plus {R}|Schule & Wirtschaft {R}|Ausbildungspakt {R}|"
    "Netzwerk „Familie und Beruf“ {R}|Bündnis „Arbeit, Bildung, Zukunft“ {R}|"
    'Netzwerk "Wir für {R}"|Fachkräftedialog {R}|Netzwerk Zuwanderung und Arbeit {R}',
    sep="|",
)
# Project templates: name, action fields, target groups.
_PROJECTS = (
    ("Ausbildungsbotschafter {R}", "education qualification", "young_people"),
    ("Welcome Center {R}", "immigration", "migrants refugees"),
    ("Fachkräftemonitor {R}", "activation", ""),
    ("Pflege.Zukunft {R}", "qualification", "returners women"),
    ("MINT-Tage {T}", "education", "young_people women"),
    ("Kompetenzcheck 50+ {R}", "activation qualification", "older_workers"),
    ("Teilzeitausbildung für Mütter in {R}", "family qualification", "women"),
    ("Berufsorientierung „Zukunft Handwerk“ {R}", "education", "young_people"),
    ("Rückkehrbörse {R}", "activation family", "returners"),
    ("Perspektive Ausbildung: Geflüchtete in {R}", "immigration qualification", "refugees"),
    ("Jobmesse {T}", "activation", "young_people long_term_unemployed"),
    ("Familienfreundliche Unternehmen {R}", "family", "women returners"),
    ("Studienabbrecher in die duale Ausbildung ({R})", "qualification", "dropouts"),
    ("Mentoring für Zugewanderte {R}", "immigration", "migrants"),
    ("Sprachkurse im Betrieb – {R}", "immigration qualification", "migrants refugees"),
    ("Girls' Day & Boys' Day {T}", "education", "young_people"),
    ("Inklusion im Betrieb {R}", "activation", "disabled"),
    ("Nachqualifizierung An- und Ungelernter {R}", "qualification", "low_qualified"),
    ("Brücken in Arbeit {R}", "activation", "long_term_unemployed low_qualified"),
    ("Grenzenlos ausbilden {R}", "immigration qualification", "young_people"),
)

# Membership of institutions: (Kreis attribute, probability for the home Kreis, for the others).
_INSTITUTIONS = (
    ("ihk", 0.95, 0.7), ("hwk", 0.88, 0.6), ("aa", 0.95, 0.75), ("jc", 0.9, 0.75),
    ("mun", 0.95, 0.85), ("wf", 0.65, 0.4), ("dgb", 0.6, 0.3), ("drv", 0.45, 0.2),
    ("uni", 0.6, 0.3), ("agv", 0.55, 0.3), ("fi", 0.2, 0.1),
)  # fmt: skip
_COORDINATOR_WEIGHT = {
    "business_development": 3.0, "municipality": 3.0, "chamber_of_commerce": 3.0,
    "employment_agency": 1.5, "chamber_of_crafts": 1.0, "employers_association": 1.0,
    "education_provider": 0.4, "university": 0.4, "jobcenter": 0.4,
}  # fmt: skip
_ADVISORY = ("pension_insurance", "university", "research", "union")
_LOCAL_TYPES = ("company", "school", "education_provider")
_NETWORK_COLUMNS = (
    "id name region region_code region_type state founded legal_form website action_fields "
    "target_groups description source"
)
_DESCRIPTION = (
    "Erfundene Netzwerke zur Fachkräftesicherung mit Akteuren, Mitgliedschaften, Projekten und "
    "Auszeichnungen. Länder, Strukturzahlen und Codes sind real; alle Orts-, Organisations- und "
    "Personennamen sind erfunden."
)


_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class GeneratedSummary:
    """What :func:`generate_dataset` wrote: the folder and the counts of its tables."""

    path: Path
    networks: int
    actors: int
    memberships: int
    projects: int
    awards: int
    cross_network_actors: int


@dataclass(slots=True)
class _Kreis:
    index: int
    land: int
    key: str
    short: str
    label: str
    is_city: bool
    region_type: str
    seat: str
    towns: list[str]
    area: str = ""  # name for Kreis-level actors: short, or label when two Kreise share it
    inst: dict[str, str] = field(default_factory=dict)  # Kreis attribute -> registry id
    welfare: list[str] = field(default_factory=list)


# Names an institution after the Kreis of its area: (name candidates, alias).
_Namer = Callable[[_Kreis, "_Kreis | None"], tuple[tuple[str, ...], str]]


@dataclass(slots=True)
class _Actor:
    id: str
    name: str
    type: str
    city: str
    states: str
    website: str
    alias: str


@dataclass(slots=True)
class _Local:
    name: str
    type: str
    city: str
    uses: int = 0


_CLUMSY = re.compile(r"(.)\1\1|[^aeiouäöüy]{5}", re.IGNORECASE)  # Rafffeld, Aschlfeld


def _slug(text: str) -> str:
    text = text.casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:48].strip("-") or "netz"


def _adjective(town: str) -> str:
    """Brelingen -> Brelinger, Quarnau -> Quarnauer, Tolmrode -> Tolmroder."""
    if town.endswith("ingen"):
        return town[:-1] + "r"
    return town + ("r" if town.endswith("e") else "er")


def _balanced(items: list[_T], parts: int, rng: random.Random) -> list[list[_T]]:
    """Split ``items`` into ``parts`` contiguous runs of near-equal, shuffled sizes."""
    parts = max(1, min(parts, len(items)))
    base, extra = divmod(len(items), parts)
    sizes = [base + 1] * extra + [base] * (parts - extra)
    rng.shuffle(sizes)
    runs, start = [], 0
    for size in sizes:
        runs.append(items[start : start + size])
        start += size
    return runs


def _cumulative(weights: Iterable[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


class _Generator:
    """The state of one generation run: geography, registry, local actors, rows."""

    def __init__(self, networks: int, seed: int) -> None:
        self.n = networks
        self.rng = random.Random(seed)
        self.places: set[str] = set()
        self.kreise: list[_Kreis] = []
        self.registry: dict[str, _Actor] = {}
        self.registry_names: set[str] = set()  # normal names: no two institutions look alike
        self.counters: dict[str, int] = {}
        self.locals: list[_Local] = []
        self.local_index: dict[tuple[str, str], int] = {}
        self.pools: dict[tuple[str, str], list[int]] = {}  # (type, town) -> local ids
        self.school_counts: dict[tuple[str, str], int] = {}
        self.vhs: dict[str, int] = {}
        self.uses: dict[str, int] = {}  # registry id -> networks
        self.network_names: set[str] = set()
        self.networks: list[list[str]] = []
        self.memberships: list[list[str]] = []
        self.projects: list[list[str]] = []
        self.partners: list[list[str]] = []
        self.awards: list[list[str]] = []
        self.founded: list[int] = []
        self.legal_forms = [form for form, _ in _LEGAL_FORMS]
        self.legal_cum = _cumulative(w for _, w in _LEGAL_FORMS)
        self.school_kinds = [kind for kind, _ in _SCHOOL_KINDS]
        self.school_cum = _cumulative(w for _, w in _SCHOOL_KINDS)

    # -- names

    def town(self) -> str:
        rng = self.rng
        while True:
            stem, infix, suffix = rng.choice(_STEMS), rng.choice(_INFIXES), rng.choice(_SUFFIXES)
            name = ("Bad " if rng.random() < 0.03 else "") + stem + infix + suffix
            if name in self.places or _CLUMSY.search(stem + infix + suffix):
                continue
            if infix == "s" and (stem[-1] in "skpz" or suffix[0] == "s"):
                continue
            self.places.add(name)
            return name

    def surname(self) -> str:
        while True:
            name = self.rng.choice(_SURNAME_STEMS) + self.rng.choice(_SURNAME_ENDS)
            if not _CLUMSY.search(name):
                return name

    def pick_unique(self, *candidates: str) -> str:
        for name in candidates:
            if normal_name(name) not in self.registry_names:
                return name
        number = 2
        while normal_name(f"{candidates[0]} {number}") in self.registry_names:
            number += 1
        return f"{candidates[0]} {number}"

    def add_actor(
        self, prefix: str, type_: str, names: tuple[str, ...], kreise: list[_Kreis], alias: str = ""
    ) -> str:
        name = self.pick_unique(*names)
        self.registry_names.add(normal_name(name))
        number = self.counters[prefix] = self.counters.get(prefix, 0) + 1
        actor_id = (
            f"{prefix}{number:03d}"
            if prefix in ("AA", "JC", "KOM", "WF", "WV")
            else (f"{prefix}{number:02d}")
        )
        states: list[str] = []
        for kreis in kreise:
            iso = _LAENDER[kreis.land][0]
            if iso not in states:
                states.append(iso)
        roll = self.rng.random()
        slug = _slug(name)
        website = (
            f"https://www.{slug}.example.org"
            if roll < 0.8
            else f"https://{slug}.invalid"
            if roll < 0.9
            else ""
        )
        self.registry[actor_id] = _Actor(
            actor_id, name, type_, kreise[0].seat, "|".join(states), website, alias or name
        )
        return actor_id

    # -- geography and institutions

    def geography(self) -> None:
        rng = self.rng
        for land, (iso, ags, lname, count, cities, _, _) in enumerate(_LAENDER):
            city_state = iso in _CITY_STATES
            flags = [True] * cities + [False] * (count - cities)
            if not city_state:
                rng.shuffle(flags)
            if city_state:
                keys = [f"{ags}000"] if count == 1 else [f"{ags}0{11 + j}" for j in range(count)]
            else:
                keys = []
                districts = (
                    _balanced(list(range(count)), -(-count // 14), rng)
                    if count >= 10
                    else [list(range(count))]
                )
                for digit, district in enumerate(districts, start=1 if count >= 10 else 0):
                    town_no, county_no = 11, 51
                    for j in district:
                        if flags[j]:
                            keys.append(f"{ags}{digit}{town_no}")
                            town_no += 1
                        else:
                            keys.append(f"{ags}{digit}{county_no}")
                            county_no += 1
            previous: _Kreis | None = None
            for j in range(count):
                if city_state and j == 0:
                    seat = short = lname
                    label = {"DE-HH": "Freie und Hansestadt Hamburg", "DE-BE": "Land Berlin"}.get(
                        iso, f"Stadt {lname}"
                    )
                    towns = [seat]
                elif flags[j]:
                    seat = short = self.town()
                    label, towns = f"Stadt {seat}", [seat]
                else:
                    if previous is not None and previous.is_city and rng.random() < 0.15:
                        seat = short = previous.seat  # Landkreis and Stadt of the same name
                        towns = [seat]
                    else:
                        seat = self.town()
                        towns = [seat]
                        short = seat if rng.random() < 0.85 else f"{seat}-{self.town()}"
                        if short != seat:
                            towns.append(short.split("-", 1)[1])
                    towns += [self.town() for _ in range(rng.randint(2, 5))]
                    label = f"{_KREIS_WORD.get(iso, 'Landkreis')} {short}"
                kreis = _Kreis(
                    len(self.kreise),
                    land,
                    keys[j],
                    short,
                    label,
                    flags[j],
                    self.region_type(iso, flags[j], city_state),
                    seat,
                    towns,
                )
                self.kreise.append(kreis)
                previous = kreis if not (previous is not None and previous.seat == seat) else None
        shorts: dict[str, int] = {}
        for kreis in self.kreise:
            shorts[kreis.short] = shorts.get(kreis.short, 0) + 1
        for kreis in self.kreise:
            kreis.area = kreis.short if shorts[kreis.short] == 1 else kreis.label

    def region_type(self, iso: str, is_city: bool, city_state: bool) -> str:
        roll = self.rng.random()
        east = iso in _EAST
        if city_state:
            return "boom_city" if iso != "DE-HB" or roll < 0.5 else "city_in_transition"
        if is_city:
            return "boom_city" if roll < (0.3 if east else 0.45) else "city_in_transition"
        if east:
            return "strong_county" if roll < 0.1 else "average_east_county"
        return "strong_county" if roll < 0.35 else "average_west_county"

    def by_land(self) -> list[list[_Kreis]]:
        lands: list[list[_Kreis]] = [[] for _ in _LAENDER]
        for kreis in self.kreise:
            lands[kreis.land].append(kreis)
        return lands

    @staticmethod
    def name_kreis(run: list[_Kreis]) -> tuple[_Kreis, _Kreis | None]:
        """The Kreis a run-level institution is named after (a city first), and a second one."""
        main = next((k for k in run if k.is_city), run[0])
        other = next((k for k in run if k is not main and k.short != main.short), None)
        return main, other

    def regional(
        self, prefix: str, type_: str, runs: list[list[_Kreis]], attr: str, make: _Namer
    ) -> None:
        for run in runs:
            main, other = self.name_kreis(run)
            names, alias = make(main, other)
            actor_id = self.add_actor(prefix, type_, names, [main, *run], alias)
            for kreis in run:
                kreis.inst[attr] = actor_id

    def institutions(self) -> None:
        rng = self.rng
        lands = self.by_land()
        agencies = [1 if len(ks) == 1 else -(-len(ks) // 3) for ks in lands]
        ceilings = [max(1, len(ks) // 2) for ks in lands]
        while sum(agencies) < _AGENCIES:
            best = max(
                (i for i in range(len(lands)) if agencies[i] < ceilings[i]),
                key=lambda i: len(lands[i]) / agencies[i],
            )
            agencies[best] += 1

        def ihk(main: _Kreis, other: _Kreis | None) -> tuple[tuple[str, ...], str]:
            a = main.short
            if rng.random() < 0.2 and other is not None:
                return (f"IHK {a}-{other.short}", f"IHK {a}"), f"IHK {a}"
            if rng.random() < 0.6:
                return (f"IHK {a}", f"IHK {main.label}"), f"Industrie- und Handelskammer {a}"
            return (f"Industrie- und Handelskammer {a}", f"IHK {main.label}"), f"IHK {a}"

        def hwk(main: _Kreis, other: _Kreis | None) -> tuple[tuple[str, ...], str]:
            a = main.short
            if rng.random() < 0.25 and other is not None:
                return (f"Handwerkskammer {a}-{other.short}", f"HWK {a}"), f"HWK {a}"
            return (f"Handwerkskammer {a}", f"HWK {main.label}"), f"HWK {a}"

        def agency(main: _Kreis, other: _Kreis | None) -> tuple[tuple[str, ...], str]:
            a = main.short
            if rng.random() < 0.35 and other is not None:
                names = (f"Agentur für Arbeit {a}-{other.short}", f"Agentur für Arbeit {a}")
            else:
                names = (f"Agentur für Arbeit {a}", f"Agentur für Arbeit {main.label}")
            return names, f"Arbeitsagentur {a}"

        def dgb(main: _Kreis, other: _Kreis | None) -> tuple[tuple[str, ...], str]:
            a = main.short
            if rng.random() < 0.4 and other is not None:
                return (f"DGB Region {a}-{other.short}", f"DGB Region {a}"), f"DGB {a}"
            return (f"DGB Region {a}", f"DGB Region {main.label}"), f"DGB {a}"

        def from_kinds(kinds: tuple[str, ...]) -> _Namer:
            def make(main: _Kreis, other: _Kreis | None) -> tuple[tuple[str, ...], str]:
                names = tuple(
                    kind.format(T=main.seat, A=main.short, J=_adjective(main.seat))
                    for kind in rng.sample(kinds, len(kinds))
                )
                return names, names[0]

            return make

        plans = (
            ("IHK", "chamber_of_commerce", "ihk", lambda i, ks: _LAENDER[i][5], ihk),
            ("HWK", "chamber_of_crafts", "hwk", lambda i, ks: _LAENDER[i][6], hwk),
            ("AA", "employment_agency", "aa", lambda i, ks: agencies[i], agency),
            ("DGB", "union", "dgb", lambda i, ks: round(len(ks) / 5), dgb),
            ("HS", "university", "uni", lambda i, ks: round(len(ks) / 3), from_kinds(_UNI_KINDS)),
            (
                "AGV",
                "employers_association",
                "agv",
                lambda i, ks: round(len(ks) / 6),
                from_kinds(_AGV_KINDS),
            ),
            (
                "FI",
                "research",
                "fi",
                lambda i, ks: round(len(ks) / 12),
                from_kinds(_RESEARCH_KINDS),
            ),
        )
        for prefix, type_, attr, how_many, make in plans:
            for i, kreise in enumerate(lands):
                self.regional(
                    prefix, type_, _balanced(kreise, how_many(i, kreise), rng), attr, make
                )
        shares: dict[int, list[list[_Kreis]]] = {}
        for i, kreise in enumerate(lands):
            carriers = [c for c, laender in _DRV if _LAENDER[i][0] in laender]
            shares[i] = _balanced(kreise, len(carriers), rng)
        for carrier, laender in _DRV:
            run: list[_Kreis] = []
            for i in range(len(lands)):
                if _LAENDER[i][0] in laender:
                    position = [c for c, ls in _DRV if _LAENDER[i][0] in ls].index(carrier)
                    run += shares[i][position]
            actor_id = self.add_actor(
                "DRV",
                "pension_insurance",
                (f"Deutsche Rentenversicherung {carrier}",),
                run,
                f"DRV {carrier}",
            )
            for kreis in run:
                kreis.inst["drv"] = actor_id
        for kreis in self.kreise:
            a = kreis.area
            municipal = rng.random() < 0.25
            kreis.inst["jc"] = self.add_actor(
                "JC",
                "jobcenter",
                (
                    f"Kommunales Jobcenter {a}" if municipal else f"Jobcenter {a}",
                    f"Jobcenter {kreis.label}",
                ),
                [kreis],
                f"Jobcenter {kreis.label}",
            )
            office = "Stadtverwaltung" if kreis.is_city else "Kreisverwaltung"
            kreis.inst["mun"] = self.add_actor(
                "KOM", "municipality", (kreis.label,), [kreis], f"{office} {kreis.short}"
            )
            wf = (
                f"Wirtschaftsförderung {a}"
                if rng.random() < 0.6
                else f"Wirtschaftsförderungsgesellschaft {a} mbH"
            )
            kreis.inst["wf"] = self.add_actor(
                "WF",
                "business_development",
                (wf, f"Wirtschaftsförderung {kreis.label}"),
                [kreis],
                f"WiFö {a}",
            )
            for kind in rng.sample(_WELFARE_KINDS, 2):
                kreis.welfare.append(
                    self.add_actor("WV", "welfare_organisation", (kind.format(A=a),), [kreis])
                )

    # -- local actors

    def local(self, type_: str, name: str, town: str) -> tuple[int, bool]:
        """The local actor ``name`` in ``town`` (created if new) and whether it was new."""
        key = (name_key(name, town), town)
        found = self.local_index.get(key)
        if found is not None:
            return found, False
        lid = self.local_index[key] = len(self.locals)
        self.locals.append(_Local(name, type_, town))
        self.pools.setdefault((type_, town), []).append(lid)
        return lid, True

    def company_name(self, town: str) -> str:
        rng = self.rng
        form = rng.choices(self.legal_forms, cum_weights=self.legal_cum)[0]
        roll = rng.random()
        if roll < 0.015:
            return rng.choice(_HOSTILE_COMPANIES).format(
                S=self.surname(), S2=self.surname(), T=town, J=_adjective(town)
            )
        if roll < 0.05:
            return rng.choice(
                (
                    f"Stadtwerke {town} GmbH",
                    f"Sparkasse {town}",
                    f"{_adjective(town)} Volksbank eG",
                    f"Klinikum {town} gGmbH",
                    f"{_adjective(town)} Wohnungsbau eG",
                )
            )
        if roll < 0.30:
            return f"{_adjective(town)} {rng.choice(_BRANCHES)} {form}"
        if roll < 0.55:
            return f"{self.surname()} {rng.choice(_BRANCHES)} {form}"
        if roll < 0.65:
            return f"{self.surname()} {form}"
        if roll < 0.72:
            return f"{self.surname()} & {self.surname()} {form}"
        if roll < 0.82:
            return f"{rng.choice(_BRANCHES)} {self.surname()} {form}"
        trade = rng.choice(_TRADES)
        return f"{trade} {self.surname()}" + (" e.K." if rng.random() < 0.4 else "")

    def school_name(self, town: str) -> str:
        kind = self.rng.choices(self.school_kinds, cum_weights=self.school_cum)[0]
        count = self.school_counts[(kind, town)] = self.school_counts.get((kind, town), 0) + 1
        if kind == "Berufsschule":
            return f"Berufsschule {town} {count}"
        if count == 1:
            return f"{kind} {town}"
        if count <= 1 + len(_QUARTERS):
            return f"{kind} {town}-{_QUARTERS[count - 2]}"
        return f"{kind} {town} {count}"

    def edu_name(self, town: str) -> str:
        return self.rng.choice(_EDU_KINDS).format(T=town, S=self.surname())

    def pick_local(
        self, type_: str, town: str, seen: set[str | int], reuse: float, cap: int
    ) -> int | None:
        rng = self.rng
        pool = self.pools.get((type_, town))
        if pool and rng.random() < reuse:
            lid = rng.choice(pool)
            if self.locals[lid].uses < cap and lid not in seen:
                return lid
        make = {"company": self.company_name, "school": self.school_name}.get(type_, self.edu_name)
        for _ in range(12):
            lid, new = self.local(type_, make(town), town)
            if new or (self.locals[lid].uses < cap and lid not in seen):
                return lid
        return None

    # -- networks

    def span(self, home: _Kreis) -> list[_Kreis]:
        rng = self.rng
        roll = rng.random()
        size = 1 if roll < 0.73 else 2 if roll < 0.93 else 3
        span = [home]
        while len(span) < size:
            ends = {span[0].index, span[-1].index}
            options = []
            for i in sorted(ends):
                for j in (i - 1, i + 1):
                    if 0 <= j < len(self.kreise) and all(k.index != j for k in span):
                        a, b = self.kreise[min(i, j)], self.kreise[max(i, j)]
                        if a.land == b.land or _LAENDER[b.land][0] not in _NOT_NEXT_TO_PREVIOUS:
                            options.append(self.kreise[j])
            if not options:
                break
            span.append(rng.choice(options))
            span[1:] = sorted(span[1:], key=lambda k: k.index)
        return span

    def network_name(self, span: list[_Kreis], legal_form: str) -> tuple[str, str]:
        rng = self.rng
        home = span[0]
        shorts = "-".join(dict.fromkeys(k.short for k in span))
        if len(span) == 1:
            region, r = home.label, home.area
        elif rng.random() < 0.6:
            region, r = " / ".join(k.label for k in span), shorts
        else:
            region, r = f"Region {shorts}", f"{_adjective(home.seat)} Land"
        for attempt in range(30):
            name = rng.choice(_NETWORK_NAMES).format(R=r if attempt < 20 else f"{r} {attempt}")
            if legal_form == "e. V." and rng.random() < 0.6:
                name += " e.V."
            elif legal_form == "GmbH" and rng.random() < 0.5:
                name += " GmbH"
            if name not in self.network_names:
                break
        self.network_names.add(name)
        return name, region

    def codes(
        self, codes: tuple[str, ...], low: int, high: int, labels: dict[str, str]
    ) -> list[str]:
        chosen = self.rng.sample(codes, self.rng.randint(low, high))
        return [labels[c] if self.rng.random() < 0.04 else c for c in codes if c in chosen]

    def members(self, span: list[_Kreis]) -> list[tuple[str | int, str]]:
        """The network's members in order: (registry id or local index, actor type)."""
        rng = self.rng
        members: list[tuple[str | int, str]] = []
        seen: set[str | int] = set()
        for attr, p_home, p_other in _INSTITUTIONS:
            ids = []
            for kreis in span:
                if kreis.inst[attr] not in ids:
                    ids.append(kreis.inst[attr])
            for position, actor_id in enumerate(ids):
                if rng.random() < (p_home if position == 0 else p_other):
                    members.append((actor_id, self.registry[actor_id].type))
                    seen.add(actor_id)
        for position, kreis in enumerate(span):
            for actor_id in kreis.welfare:
                if rng.random() < (0.45 if position == 0 else 0.2):
                    members.append((actor_id, "welfare_organisation"))
                    seen.add(actor_id)
        towns: list[str] = []
        weights: list[float] = []
        for position, kreis in enumerate(span):
            for t, town in enumerate(kreis.towns):
                towns.append(town)
                weights.append((3.0 if position == 0 else 1.5) if t == 0 else 1.0)
        cum = _cumulative(weights)

        def add(type_: str, reuse: float, cap: int, town: str | None = None) -> int | None:
            town = town or rng.choices(towns, cum_weights=cum)[0]
            lid = self.pick_local(type_, town, seen, reuse, cap)
            if lid is not None:
                members.append((lid, type_))
                seen.add(lid)
            return lid

        for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
            lid = add("school", 0.2, 4)
            if lid is not None and rng.random() < 0.35:
                name = self.locals[lid].name
                if name.startswith("Berufsschule "):  # a numbered sibling
                    town = self.locals[lid].city
                    number = self.school_counts[("Berufsschule", town)] = (
                        self.school_counts[("Berufsschule", town)] + 1
                    )
                    sibling, _ = self.local("school", f"Berufsschule {town} {number}", town)
                    members.append((sibling, "school"))
                    seen.add(sibling)
        if rng.random() < 0.55:
            town = rng.choices(towns, cum_weights=cum)[0]
            if town not in self.vhs:
                name = "Volkshochschule" if rng.random() < 0.85 else f"Volkshochschule {town}"
                self.vhs[town] = self.local("education_provider", name, town)[0]
            if self.vhs[town] not in seen:
                members.append((self.vhs[town], "education_provider"))
                seen.add(self.vhs[town])
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            add("education_provider", 0.25, 4)
        companies = rng.randint(3, 16)
        if rng.random() < 0.35:
            companies += rng.randint(5, 35)
        if rng.random() < 0.04:
            companies += rng.randint(30, 90)
        companies = max(companies, 5 - len(members))
        for _ in range(companies):
            add("company", 0.06, 3)
        return members

    def since(self, founded: int) -> tuple[str, str]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            since, year = "", founded
        else:
            year = founded + min(rng.randint(0, 6), rng.randint(0, 12))
            year = min(year, 2023)
            since = str(year)
            if roll > 0.9:
                since = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        until = ""
        if rng.random() < 0.05 and year < 2024:
            until = str(rng.randint(year + 1, 2024))
        return since, until

    def network(self, number: int, home: _Kreis) -> None:
        rng = self.rng
        nid = f"N{number:04d}"
        span = self.span(home)
        founded = rng.choices(range(2008, 2017), cum_weights=(1, 3, 6, 10, 16, 22, 27, 30, 32))[0]
        legal_form = rng.choices(("agreement", "e. V.", "GmbH"), cum_weights=(6, 9, 10))[0]
        name, region = self.network_name(span, legal_form)
        states: list[str] = []
        for kreis in span:
            iso = _LAENDER[kreis.land][0]
            if iso not in states:
                states.append(iso)
        if rng.random() < 0.07:
            states = [next(land[2] for land in _LAENDER if land[0] == s) for s in states]
        slug = _slug(name)
        roll = rng.random()
        website = (
            f"https://www.{slug}.example.org/"
            if roll < 0.6
            else f"https://{slug}.invalid"
            if roll < 0.75
            else f"www.{slug}.example.org"
            if roll < 0.85
            else ""
        )
        fields = self.codes(_ACTION_FIELDS, 1, 4, _FIELD_LABELS)
        groups = self.codes(_TARGET_GROUPS, 1, 5, _GROUP_LABELS)
        field_codes = [f for f in _ACTION_FIELDS if f in fields or _FIELD_LABELS[f] in fields]
        description = (
            f"{name} bündelt seit {founded} Kammern, Arbeitsverwaltung, Kommunen, Schulen und "
            f"Unternehmen; Region: {region}. Schwerpunkte: "
            + "; ".join(_FIELD_LABELS[f] for f in field_codes)
            + "."
        )
        if rng.random() < 0.1:
            description += " Motto: „Gemeinsam für Fachkräfte – hier bei uns“."
        self.networks.append(
            [
                nid,
                name,
                region,
                home.key,
                home.region_type,
                "|".join(states),
                str(founded),
                legal_form,
                website,
                "|".join(fields),
                "|".join(groups),
                description,
                f"https://innovationsbuero.example.org/netzwerke/{nid}",
            ]
        )
        self.founded.append(founded)
        members = self.members(span)
        weights = [_COORDINATOR_WEIGHT.get(type_, 0.0) for _, type_ in members]
        if not any(weights):
            weights = [1.0] * len(members)
        coordinator = rng.choices(range(len(members)), weights=weights)[0]
        for position, (who, type_) in enumerate(members):
            self.membership(nid, founded, who, type_, position == coordinator)
        self.project_rows(nid, founded, span, field_codes, members, coordinator)

    def membership(
        self, nid: str, founded: int, who: str | int, type_: str, coordinator: bool
    ) -> None:
        rng = self.rng
        if coordinator:
            role = "coordinator"
        elif type_ in _LOCAL_TYPES:
            role = "member" if rng.random() < (0.75 if type_ == "company" else 0.4) else "partner"
        else:
            roll = rng.random()
            advisory = 0.35 if type_ in _ADVISORY else 0.08
            role = "advisory" if roll < advisory else "member" if roll > 0.9 else "partner"
        since, until = self.since(founded)
        label = _TYPE_LABELS[type_] if rng.random() < 0.12 else type_
        if isinstance(who, int):
            local = self.locals[who]
            local.uses += 1
            if label == "school" and local.name.startswith("Berufsschule") and rng.random() < 0.5:
                label = "Berufsschule"
            elif local.name.startswith("Volkshochschule") and rng.random() < 0.3:
                label = "Volkshochschule"
            row = [nid, "", local.name, label, local.city, role, since, until]
        else:
            actor = self.registry[who]
            self.uses[who] = self.uses.get(who, 0) + 1
            roll = rng.random()
            if roll < 0.08:  # by name and city only: the reader resolves it against actors.csv
                row = [nid, "", actor.name, label, actor.city, role, since, until]
            else:
                name = actor.name if roll > 0.95 else actor.alias if roll > 0.9 else ""
                shown = label if rng.random() < 0.4 else ""
                row = [nid, who, name, shown, "", role, since, until]
        self.memberships.append(row)

    def project_rows(
        self,
        nid: str,
        founded: int,
        span: list[_Kreis],
        field_codes: list[str],
        members: list[tuple[str | int, str]],
        coordinator: int,
    ) -> None:
        rng = self.rng
        home = span[0]
        r = home.area if len(span) == 1 else "-".join(dict.fromkeys(k.short for k in span))
        fitting = [p for p in _PROJECTS if set(p[1].split()) & set(field_codes)] or list(_PROJECTS)
        for template, fields, groups in rng.sample(
            fitting, min(len(fitting), rng.choice((1, 2, 2, 3)))
        ):
            pid = f"P{len(self.projects) + 1:05d}"
            start_year = rng.randint(max(founded, 2010), 2022)
            start = str(start_year)
            if rng.random() < 0.3:
                start = f"{start_year}-{rng.randint(1, 12):02d}-01"
            end = str(start_year + rng.randint(1, 4)) if rng.random() < 0.7 else ""
            project_fields = [f for f in fields.split() if f in field_codes] or fields.split()
            name = template.format(R=r, T=home.seat)
            self.projects.append(
                [
                    pid,
                    name,
                    nid,
                    start,
                    end,
                    "|".join(project_fields),
                    "|".join(groups.split()),
                    (
                        f"{name}: ein Projekt von {self.networks[-1][1]} "
                        f"({', '.join(_FIELD_LABELS[f] for f in project_fields)})."
                    ),
                ]
            )
            lead = coordinator if rng.random() < 0.7 else rng.randrange(len(members))
            others = [i for i in range(len(members)) if i != lead]
            chosen = [lead, *rng.sample(others, min(len(others), rng.randint(1, 5)))]
            for position, index in enumerate(chosen):
                who, type_ = members[index]
                role = "coordinator" if position == 0 else "partner"
                if isinstance(who, int):
                    local = self.locals[who]
                    self.partners.append([pid, "", local.name, type_, local.city, role])
                elif rng.random() < 0.1:
                    actor = self.registry[who]
                    self.partners.append([pid, "", actor.name, type_, actor.city, role])
                else:
                    self.partners.append([pid, who, "", "", "", role])

    def award_rows(self) -> None:
        rng = self.rng
        winners: set[int] = set()
        for number, year in enumerate(_AWARD_YEARS, start=1):
            eligible = [i for i, f in enumerate(self.founded) if f < year and i not in winners]
            for i in sorted(
                rng.sample(eligible, min(len(eligible), _AWARDS_PER_YEAR.get(year, 5)))
            ):
                winners.add(i)
                self.awards.append(
                    [
                        self.networks[i][0],
                        "Innovative Netzwerke",
                        str(year),
                        f"{number}. Innovationstag",
                        f"https://innovationsbuero.example.org/innovationstag/{year}",
                    ]
                )

    def run(self) -> None:
        self.geography()
        self.institutions()
        weights = []
        for kreis in self.kreise:
            iso = _LAENDER[kreis.land][0]
            weight = {"boom_city": 1.6, "strong_county": 1.2, "city_in_transition": 1.1}.get(
                kreis.region_type, 1.0
            )
            weight *= {"DE-BE": 4.0, "DE-HH": 3.0, "DE-HB": 1.5}.get(iso, 1.0)
            weights.append(weight)
        homes = self.rng.choices(self.kreise, cum_weights=_cumulative(weights), k=self.n)
        for number, home in enumerate(homes, start=1):
            self.network(number, home)
        self.award_rows()

    def cross_network(self) -> int:
        registry = sum(1 for uses in self.uses.values() if uses >= 2)
        return registry + sum(1 for local in self.locals if local.uses >= 2)


def _write_csv(folder: Path, name: str, header: list[str], rows: Iterable[list[str]]) -> None:
    """Write a CSV file atomically: a temporary file in the same folder, then a rename."""
    with atomic_write(folder / name) as out:
        stream = io.TextIOWrapper(out, encoding="utf-8", newline="")
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        stream.flush()
        stream.detach()  # leave the binary file to atomic_write, which renames it


def generate_dataset(
    out_dir: str | os.PathLike, *, networks: int = 600, seed: int = 1
) -> GeneratedSummary:
    """Generate a synthetic national ecosystem of networks as a folder of CSV files.

    The geography follows the real structure (16 Länder, about 400 Kreise in real proportion,
    79 IHKs, 53 Handwerkskammern, 156 Agenturen für Arbeit, a Jobcenter per Kreis, the 14 regional
    carriers of the Deutsche Rentenversicherung), but every place, organisation and person name
    is invented (the Länder and the Rentenversicherung carriers are real). Institutions are
    shared by the networks of their area and named by ``actor_id`` into ``actors.csv``; local
    actors (companies, schools, Volkshochschulen) by name, type and city. The same arguments
    give byte-identical files.

    Parameters
    ----------
    out_dir
        Folder to write into (created if needed). Each file is written to a temporary file in
        the folder and renamed.
    networks
        Number of networks (at least 1); about 33 memberships each.
    seed
        Seed of the random generator.

    Returns
    -------
    GeneratedSummary
        The folder and the counts: networks, distinct actors, membership rows, projects, awards
        and actors in two or more networks.

    Raises
    ------
    ValueError
        If ``networks`` is less than 1.

    Examples
    --------
    >>> import shutil, tempfile
    >>> summary = generate_dataset(tempfile.mkdtemp(), networks=20, seed=3)
    >>> summary.networks, summary.memberships > 20 * 15
    (20, True)
    >>> sorted(p.name for p in summary.path.iterdir())  # doctest: +NORMALIZE_WHITESPACE
    ['actors.csv', 'awards.csv', 'dataset.csv', 'memberships.csv', 'networks.csv',
     'project_partners.csv', 'projects.csv']
    >>> (summary.path / "dataset.csv").read_text(encoding="utf-8").splitlines()[3]
    'synthetic,true'
    >>> shutil.rmtree(summary.path)
    """
    if networks < 1:
        raise ValueError(f"networks must be at least 1, not {networks}")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    gen = _Generator(networks, seed)
    gen.run()
    used = [actor for actor in gen.registry.values() if actor.id in gen.uses]
    parameters = f"networks={networks} seed={seed}"
    dataset = [
        ["title", f"Synthetisches nationales Ökosystem ({networks} Netzwerke, Seed {seed})"],
        ["description", _DESCRIPTION],
        ["synthetic", "true"],
        ["generator", "fks-graph generate"],
        ["parameters", parameters],
        ["license", "CC0-1.0"],
    ]
    tables = (
        ("networks.csv", _NETWORK_COLUMNS, gen.networks),
        (
            "actors.csv",
            "id name type city state website same_as",
            ([a.id, a.name, a.type, a.city, a.states, a.website, ""] for a in used),
        ),
        (
            "memberships.csv",
            "network_id actor_id actor_name actor_type actor_city role since until",
            gen.memberships,
        ),
        (
            "projects.csv",
            "id name network_id start end action_fields target_groups description",
            gen.projects,
        ),
        (
            "project_partners.csv",
            "project_id actor_id actor_name actor_type actor_city role",
            gen.partners,
        ),
        ("awards.csv", "network_id award year event source", gen.awards),
        ("dataset.csv", "key value", dataset),
    )
    for name, header, rows in tables:
        _write_csv(folder, name, header.split(), rows)
    return GeneratedSummary(
        path=folder,
        networks=networks,
        actors=len(used) + len(gen.locals),
        memberships=len(gen.memberships),
        projects=len(gen.projects),
        awards=len(gen.awards),
        cross_network_actors=gen.cross_network(),
    )
