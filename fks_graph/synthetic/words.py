"""The invented name material of the generator: word stems, name templates, project ideas."""

from __future__ import annotations

__all__ = [
    "AGV_KINDS",
    "BRANCHES",
    "DESCRIPTION",
    "EDU_KINDS",
    "HOSTILE_COMPANIES",
    "INFIXES",
    "LEGAL_FORMS",
    "NETWORK_NAMES",
    "PROJECTS",
    "PUBLIC_COMPANIES",
    "QUARTERS",
    "RESEARCH_KINDS",
    "SCHOOL_KINDS",
    "STEMS",
    "SUFFIXES",
    "SURNAME_ENDS",
    "SURNAME_STEMS",
    "TRADES",
    "UNI_KINDS",
    "WELFARE_KINDS",
]

# Templates name their blanks: {T} a town, {A} an area (a Kreis's short name), {J} the adjective
# of a town (Brelinger), {S} and {S2} surnames, {R} a region.


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


STEMS = _words(
    "Brel Quarn Tolm Fisp Olk Trell Gimm Hasp Kolv Mäd Nesp Prill Quist Ruml Selp Ulv Vell "
    "Wisk Fenn Glöm Hürl Jäs Kniep Lorv Wenn Drosk Flinn Grav Harr Irm Kasp Lumm Mörsk Nubb "
    "Pless Raff Spell Trüb Wäll Zomm Bröck Elv Frisp Göll Helf Jörn Mirl Nöll Ork Röhl Sült "
    "Tisp Volp Weff Zirk Aschl Büll Dross Quell Strüv Kemm Ilm Brasp"
)
INFIXES = ("", "", "", "", "el", "er", "en", "s")
SUFFIXES = _words(
    "hausen ingen dorf stedt heim burg feld bach rode beck witz ow au born brück hagen "
    "kirchen stadt weiler berg furt leben roda büttel siek lohe wede ach"
)
SURNAME_STEMS = _words(
    "Wenn Hölt Kamp Tiet Stroh Grüm Lütt Merk Rött Schall Wiet Fuhl Gaß Haff Jell Knüp Lamm "
    "Moß Nölk Pütt Rill Sieb Trag Uhl Voß Wüll Bär Dörr Flöt Brasp"
)
SURNAME_ENDS = _words(
    "mann er ling ke hoff berg bach meier hardt städt brink kötter huber inger mayr sen ert wald"
)
BRANCHES = _words(
    "Maschinenbau|Metallbau|Kunststofftechnik|Präzisionsteile|Elektrotechnik|Logistik|"
    "Spedition|Holzbau|Straßenbau|Großhandel|Lebensmittel|Fleischwaren|Backwaren|Brauerei|"
    "Druckerei|Verpackungen|Anlagenbau|Werkzeugbau|Gießerei|Software|Systemhaus|Medizintechnik|"
    "Pflegedienste|Haustechnik|Sanitär- und Heizungstechnik|Fördertechnik|Landtechnik|"
    "Möbelwerkstätten|Glasveredelung|Textilwerke|Bauunternehmung|Energietechnik|Feinmechanik|"
    "Oberflächentechnik|Gebäudereinigung|Fahrzeugbau|Umwelttechnik|Hotelbetriebe",
    sep="|",
)
TRADES = _words(
    "Bäckerei Konditorei Autohaus Elektro Sanitär Malerbetrieb Dachdeckerei Tischlerei Zimmerei "
    "Friseursalon Gärtnerei Metzgerei Pflegedienst Steuerbüro Optik Hörakustik Schlosserei"
)
# Legal forms of companies and kinds of schools, with their weights in the draw.
LEGAL_FORMS = (
    ("GmbH", 40), ("GmbH & Co. KG", 20), ("AG", 5), ("e.K.", 10), ("KG", 6), ("OHG", 3),
    ("eG", 3), ("UG (haftungsbeschränkt)", 3), ("gGmbH", 2),
)  # fmt: skip
QUARTERS = ("Nord", "Süd", "Ost", "West", "Mitte")
SCHOOL_KINDS = (
    ("Berufsschule", 30), ("Berufsbildende Schulen", 10), ("Berufskolleg", 8),
    ("Gymnasium", 12), ("Realschule", 10), ("Oberschule", 8), ("Gesamtschule", 8),
    ("Mittelschule", 6), ("Förderzentrum", 3),
)  # fmt: skip
EDU_KINDS = _words(
    "Bildungswerk {T}|Bildungszentrum {S}|{S} Akademie gGmbH|Berufsförderungswerk {T}|"
    "Weiterbildungszentrum {T} e.V.|Bildungszentrum der Wirtschaft {T}|Sprachschule {S}|"
    "Überbetriebliche Bildungsstätte {T}|Institut für Bildung & Beruf {T}",
    sep="|",
)
WELFARE_KINDS = _words(
    "Sozialwerk {A} e.V.|Wohlfahrtsverband {A} e.V.|Migrationsdienst {A} gGmbH|"
    "Integrationshilfe {A} e.V.|Kinder- und Familienhilfe {A} gGmbH",
    sep="|",
)
UNI_KINDS = _words(
    "Hochschule {T}|Universität {T}|Technische Hochschule {T}|Fachhochschule {T}|"
    "Hochschule für angewandte Wissenschaften {T}",
    sep="|",
)
AGV_KINDS = _words(
    "Arbeitgeberverband {A} e.V.|Unternehmerverband {A}|Unternehmensverband {A} e.V.|"
    "Arbeitgeberverband der {J} Wirtschaft e.V.",
    sep="|",
)
RESEARCH_KINDS = _words(
    "Institut für Arbeitsmarkt- und Regionalforschung {T}|Forschungszentrum Arbeit & Region {T}|"
    "Zentrum für Fachkräftestudien {T} e.V.|{J} Institut für Sozialforschung",
    sep="|",
)
HOSTILE_COMPANIES = (
    'Druckhaus "Morgenrot" {S} GmbH',
    "Bäckerei „Zum goldenen Korn“ {S} e.K.",
    "{S}, {S2} & Partner mbB",
    "Ingenieurbüro {S}; Planung & Bau GmbH",
    "{S} & Söhne GmbH",
    "Café „Süß & Salzig“ {T}",
    "{J} Maß- und Straßenbau GmbH & Co. KG",
)
NETWORK_NAMES = _words(
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
# Local utilities and banks, named after their town.
PUBLIC_COMPANIES = (
    "Stadtwerke {T} GmbH",
    "Sparkasse {T}",
    "{J} Volksbank eG",
    "Klinikum {T} gGmbH",
    "{J} Wohnungsbau eG",
)
# Project templates: name, action fields, target groups (codes of the ontology).
PROJECTS = (
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

# The description of a generated dataset (dataset.csv).
DESCRIPTION = (
    "Erfundene Netzwerke zur Fachkräftesicherung mit Akteuren, Mitgliedschaften, Projekten und "
    "Auszeichnungen. Länder, Strukturzahlen und Codes sind real; alle Orts-, Organisations- und "
    "Personennamen sind erfunden."
)
