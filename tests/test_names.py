"""Tests of fks_graph.input.names: cleaning cells, normal forms and the identity keys of actors."""

from __future__ import annotations

import unicodedata

import pytest

from fks_graph.input.names import (
    clean_text,
    distinctions,
    is_generic,
    is_regional,
    kinds,
    legal_forms,
    name_key,
    normal_name,
    place_in_name,
    registry_key,
)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("IHK Aachen", "IHK Aachen"),
        ("  IHK Aachen  ", "IHK Aachen"),
        ("IHK   Aachen", "IHK Aachen"),
        ("IHK\u00a0Aachen", "IHK Aachen"),
        ("IHK\u00a0 Aachen", "IHK Aachen"),
        ("IHK\u202fAachen", "IHK Aachen"),
        ("IHK\u2009Aachen", "IHK Aachen"),
        ("IHK\tAachen\n", "IHK Aachen"),
        ("IHK\r\nAachen", "IHK Aachen"),
        ("Mu\u0308nster", "Münster"),
        ("Handwerkskammer Du\u0308sseldorf", "Handwerkskammer Düsseldorf"),
        ("Verein e. V.", "Verein e. V."),
        ("ihk aachen", "ihk aachen"),
        ("", ""),
        (" \u00a0\t ", ""),
        # control characters (invisible, and XML cannot hold them) go; those Python counts
        # as white space (a line break pasted from Word is a vertical tab) become a space
        ("IHK Aachen\x01", "IHK Aachen"),
        ("IHK\x00 \x1b\x7fAachen", "IHK Aachen"),
        ("IHK Aachen\ufffe\uffff", "IHK Aachen"),
        ("Zeile 1\x0bZeile 2\x0cEnde\x1a", "Zeile 1 Zeile 2 Ende"),
        ("\x01\x02", ""),
        # invisible characters copied from web pages: a soft hyphen, a zero-width space
        ("Fachkräfte\u00adallianz", "Fachkräfteallianz"),
        ("IHK\u200b Köln\ufeff", "IHK Köln"),
    ],
)
def test_clean_text(text: str, clean: str) -> None:
    assert clean_text(text) == clean
    assert unicodedata.is_normalized("NFC", clean_text(text))
    assert clean_text(clean_text(text)) == clean_text(text)


def test_clean_text_collapses_every_kind_of_white_space() -> None:
    # every code point Python (and the \s of its regular expressions) calls white space
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert len(spaces) > 20
    for space in spaces:
        assert clean_text(f"{space}IHK{space}{space}Aachen{space}") == "IHK Aachen", hex(ord(space))
    assert clean_text("IHK\u200bAachen") == "IHKAachen"  # zero width: no space, and invisible


def test_clean_text_keeps_case_and_punctuation() -> None:
    assert clean_text(" Müller, Schmidt & Co. KG ") == "Müller, Schmidt & Co. KG"


# --------------------------------------------------------------------------- normal form

SAME = {
    "case and white space": ["IHK Aachen", "ihk  aachen", "IHK AACHEN", " IHK\u00a0Aachen\t"],
    "Unicode normal form": ["Handwerkskammer Münster", "Handwerkskammer Mu\u0308nster"],
    "transliteration": ["Städteregion Aachen", "Staedteregion Aachen", "STÄDTEREGION AACHEN"],
    "sharp s": ["Straßen.NRW Köln", "Strassen.NRW Koeln"],
    "e. V.": ["Förderverein e.V.", "Förderverein e. V.", "Förderverein eV", "Förderverein E.V."],
    "eingetragener Verein": ["Tafel Bonn e.V.", "Tafel Bonn eingetragener Verein"],
    "GmbH": ["Zentis GmbH", "Zentis G.m.b.H.", "Zentis Gmbh", "Zentis GmbH.", "Zentis G. m. b. H."],
    "GmbH & Co. KG": [
        "Haribo GmbH & Co. KG",
        "Haribo GmbH & Co.KG",
        "Haribo GmbH & Co KG",
        "HARIBO GmbH&Co.KG",
        "Haribo GmbH u. Co. KG",
        "Haribo GmbH und Co. KG",
    ],
    "e.K.": ["Bäckerei Moss e.K.", "Bäckerei Moss e. K.", "Bäckerei Moss e.Kfm."],
    "AöR": ["Dürener Service Betrieb AöR", "Dürener Service Betrieb A.ö.R."],
    "UG": ["Startup X UG (haftungsbeschränkt)", "Startup X UG"],
    "IHK": [
        "IHK Aachen",
        "Industrie- und Handelskammer Aachen",
        "Industrie- u. Handelskammer Aachen",
        "Industrie und Handelskammer Aachen",
        "IHK zu Aachen",
        "Industrie- und Handelskammer zu Aachen",
        "I.H.K. Aachen",
        "IHK-Aachen",
    ],
    "IHK für": ["IHK für München und Oberbayern", "IHK München und Oberbayern"],
    "HWK": ["Handwerkskammer Aachen", "HWK Aachen", "Handwerkskammer (HWK) Aachen"],
    "HWK zu": ["Handwerkskammer zu Köln", "HWK Köln", "Handwerkskammer Köln"],
    "Agentur für Arbeit": [
        "Agentur für Arbeit Bonn",
        "Arbeitsagentur Bonn",
        "Agentur f. Arbeit Bonn",
        "Bundesagentur für Arbeit, Agentur für Arbeit Bonn",
        "Bundesagentur für Arbeit – Agentur für Arbeit Bonn",
        "Bundesagentur für Arbeit Agentur für Arbeit Bonn",
    ],
    "DGB": [
        "DGB Region Köln-Bonn",
        "DGB-Region Köln-Bonn",
        "Deutscher Gewerkschaftsbund Region Köln-Bonn",
        "Deutscher Gewerkschaftsbund (DGB) Region Köln-Bonn",
    ],
    "DRV": [
        "DRV Rheinland",
        "Deutsche Rentenversicherung Rheinland",
        "Dt. Rentenversicherung Rheinland",
    ],
    "Jobcenter": ["Jobcenter Bonn", "JobCenter Bonn", "Job-Center Bonn", "Job Center Bonn"],
    "Volkshochschule": ["Volkshochschule Aachen", "VHS Aachen", "vhs Aachen"],
    "universities": ["Universität zu Köln", "Uni Köln"],
    "Fachhochschule": ["Fachhochschule Aachen", "FH Aachen"],
    "Technische Hochschule": ["Technische Hochschule Köln", "TH Köln"],
    "Berufsbildende Schulen": ["Berufsbildende Schulen II Stade", "BBS II Stade"],
    "staatlich": ["Staatliche Berufsschule I Regensburg", "Staatl. Berufsschule I Regensburg"],
    "städtisch": ["Städtisches Krankenhaus Heinsberg", "Städt. Krankenhaus Heinsberg"],
    "administration": ["Stadt Aachen", "Stadtverwaltung Aachen"],
    "Sankt": ["Hochschule St. Augustin", "Hochschule Sankt Augustin"],
    "und": ["Lindt & Sprüngli GmbH", "Lindt und Sprüngli GmbH", "Lindt u. Sprüngli GmbH"],
    "dashes": [
        "Agentur für Arbeit Aachen-Düren",
        "Agentur für Arbeit Aachen - Düren",
        "Agentur für Arbeit Aachen – Düren",
        "Agentur für Arbeit Aachen—Düren",
        "Agentur für Arbeit Aachen/Düren",
        "Agentur für Arbeit Aachen / Düren",
    ],
    "elision": ["Sanitär- und Heizungstechnik Moss", "Sanitär und Heizungstechnik Moss"],
    "dotted abbreviations": ["ver.di Bezirk Köln", "Verdi Bezirk Köln"],
    "quotes": ["Café „Süß & Salzig“", 'Café "Süß & Salzig"', "Café Süß & Salzig"],
}
DIFFERENT = {
    "place": ["IHK Aachen", "IHK Bonn/Rhein-Sieg", "IHK Köln", "IHK Aachen-Düren"],
    "Stadt and StädteRegion": ["Stadt Aachen", "StädteRegion Aachen", "Aachen"],
    "Stadt and Kreis": ["Stadt Düren", "Kreis Düren", "Landkreis Düren"],
    "Jobcenter": ["Jobcenter Bonn", "Jobcenter Rhein-Sieg", "Jobcenter"],
    "legal form": ["Schumacher GmbH", "Schumacher AG", "Schumacher", "Schumacher GmbH & Co. KG"],
    "chambers": ["Handwerkskammer Aachen", "Kreishandwerkerschaft Aachen", "IHK Aachen"],
    "numbered siblings": [
        "Berufsschule Erkelenz 1",
        "Berufsschule Erkelenz 2",
        "Berufsschule Erkelenz",
        "Staatliche Berufsschule II Regensburg",
        "Staatliche Berufsschule I Regensburg",
    ],
    "quarters": ["Gymnasium Brelingen-Nord", "Gymnasium Brelingen-Süd", "Gymnasium Brelingen"],
    "agency and federal agency": ["Agentur für Arbeit Bonn", "Bundesagentur für Arbeit Bonn"],
    "universities": [
        "Universität Bonn",
        "Hochschule Bonn-Rhein-Sieg",
        "Technische Universität Bonn",
    ],
    "carriers": ["DRV Rheinland", "DRV Bund", "DRV Rheinland-Pfalz"],
    "word boundaries": ["Team@Work", "Team Work", "Teamwork"],
}


@pytest.mark.parametrize(("kind", "names"), SAME.items(), ids=SAME)
def test_spellings_of_one_actor_have_one_normal_form(kind: str, names: list[str]) -> None:
    assert len({normal_name(name) for name in names}) == 1, [normal_name(n) for n in names]


@pytest.mark.parametrize(("kind", "names"), DIFFERENT.items(), ids=DIFFERENT)
def test_different_actors_keep_different_normal_forms(kind: str, names: list[str]) -> None:
    assert len({normal_name(name) for name in names}) == len(names), [normal_name(n) for n in names]


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("IHK Köln", "industrie und handelskammer koeln"),
        (
            "Bundesagentur für Arbeit, Agentur für Arbeit Aachen – Düren",
            "agentur fuer arbeit aachen-dueren",
        ),
        (
            "Bundesagentur für Arbeit Regionaldirektion NRW",
            "bundesagentur fuer arbeit regionaldirektion nrw",
        ),
        ("Zentis GmbH & Co. KG", "zentis gmbhcokg"),
        ("IHK Bonn / Rhein-Sieg", "industrie und handelskammer bonn-rhein-sieg"),
        ("- Bonn -", "bonn"),
        ("", ""),
    ],
)
def test_normal_name(name: str, normal: str) -> None:
    assert normal_name(name) == normal
    assert normal_name(normal) == normal  # idempotent


# --------------------------------------------------------------------------- keys


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("IHK Aachen", None), ("ihk  aachen", None)),
        (("IHK Aachen", None), ("Industrie- und Handelskammer zu Aachen", None)),
        (("IHK Aachen", None), ("IHK Aachen", "Aachen")),
        (("IHK Aachen", None), ("IHK", "Aachen")),
        (("IHK Aachen", "Aachen"), ("IHK Aachen", "Düren")),  # a regional institution
        (("Kreishandwerkerschaft Rureifel", "Düren"), ("Kreishandwerkerschaft Rureifel", None)),
        (("Sparkasse KölnBonn", "Bonn"), ("Sparkasse KölnBonn", "Köln")),
        (("IHK Bonn/Rhein-Sieg", "Bonn"), ("IHK Bonn/Rhein-Sieg", None)),
        (("Agentur für Arbeit Aachen-Düren", "Düren"), ("Arbeitsagentur Aachen-Düren", None)),
        (("Jobcenter", "Aachen"), ("Jobcenter Aachen", None)),
        (("Volkshochschule", "Köln"), ("volkshochschule", "KÖLN")),
        (("Volkshochschule", "Köln"), ("VHS", "Koeln")),
        (("Volkshochschule", "Köln"), ("Volkshochschule Köln", None)),
        (("Volkshochschule", "Bad Honnef"), ("Volkshochschule", " bad\u00a0 honnef ")),
        (("Volkshochschule", None), ("Volkshochschule", "")),
        (("Volkshochschule", None), ("Volkshochschule", "\u00a0")),
        (("Verein e. V.", None), ("Verein e.V.", None)),
        (("Stadt Köln", None), ("Stadt Koeln", None)),
        (("Handwerkskammer Münster", None), ("Handwerkskammer Mu\u0308nster", None)),
    ],
)
def test_name_key_equal(first: tuple[str, str | None], second: tuple[str, str | None]) -> None:
    assert name_key(*first) == name_key(*second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Volkshochschule", "Bonn"), ("Volkshochschule", "Köln")),
        (("Volkshochschule", "Bonn"), ("Volkshochschule", None)),
        (("Jobcenter", "Bonn"), ("Jobcenter", "Rhein-Sieg")),
        (("Goethe-Gymnasium", "Bonn"), ("Goethe-Gymnasium", "Köln")),
        (("Goethe-Gymnasium", "Bonn"), ("Goethe-Gymnasium", None)),
        (("Müller Logistik GmbH", "Bonn"), ("Müller Logistik GmbH", "Köln")),
        (("Müller Logistik GmbH", "Bonn"), ("Müller Logistik AG", "Bonn")),
        (("Stadtwerke", "Bonn"), ("Stadtwerke", "Aachen")),
        (
            ("Stadt Neustadt", "Neustadt an der Weinstraße"),
            ("Stadt Neustadt", "Neustadt in Holstein"),
        ),
        (("Volkshochschule Testhausen", "Aachen"), ("Volkshochschule Testhausen", "Bonn")),
        (("IHK Aachen", None), ("IHK Aachen-Düren", None)),
        (("Team@Work", None), ("Team", "Work")),
    ],
)
def test_name_key_different(first: tuple[str, str | None], second: tuple[str, str | None]) -> None:
    assert name_key(*first) != name_key(*second)


@pytest.mark.parametrize(
    ("name", "city", "key"),
    [
        ("Volkshochschule", "Bonn", "name:volkshochschulebonn"),
        ("Volkshochschule", None, "name:volkshochschule"),
        ("  IHK\u00a0 Aachen ", None, "name:industrieundhandelskammeraachen"),
        ("Handwerkskammer Mu\u0308nster", "Mu\u0308nster", "name:handwerkskammermuenster"),
        ("Goethe-Gymnasium", "Köln", "name:goethegymnasiumkoeln"),
        ("DGB", "", "name:deutschergewerkschaftsbund"),
    ],
)
def test_name_key_format(name: str, city: str | None, key: str) -> None:
    assert name_key(name, city) == key
    assert name_key(name, city=city) == key


# --------------------------------------------------------------------------- what sets apart


@pytest.mark.parametrize(
    ("name", "generic", "regional"),
    [
        ("Volkshochschule", True, False),
        ("Jobcenter", True, False),
        ("Stadtwerke GmbH", True, False),
        ("Staatliche Berufsschule II", True, False),
        ("Agentur für Arbeit", True, False),
        ("Jobcenter EU-aktiv", False, True),
        ("Sparkasse KölnBonn", False, True),
        ("Deutsche Rentenversicherung Bayern Süd", False, True),
        ("Volkshochschule Bonn", False, False),
        ("Stadt Neustadt", False, False),
        ("Caritasverband für die Stadt Köln e.V.", False, False),
        ("Goethe-Gymnasium", False, False),
        ("Zentis GmbH & Co. KG", False, False),
        ("St. Marien-Krankenhaus", False, False),
    ],
)
def test_generic_and_regional_names(name: str, generic: bool, regional: bool) -> None:
    assert is_generic(normal_name(name)) is generic
    assert is_regional(normal_name(name)) is regional


@pytest.mark.parametrize(
    ("name", "marks", "forms", "kinds_"),
    [
        ("Berufsschule Erkelenz 2", {"2"}, set(), {"berufsschule"}),
        ("Gymnasium Brelingen-Nord", {"nord"}, set(), {"gymnasium"}),
        ("BBS II Stade", {"ii"}, set(), {"schulen"}),
        ("Haribo GmbH & Co. KG", set(), {"gmbhcokg"}, set()),
        ("StädteRegion Aachen", set(), set(), {"staedteregion"}),
        ("Stadt Aachen", set(), set(), {"stadt"}),
        ("Kreishandwerkerschaft Aachen", set(), set(), {"kreishandwerkerschaft"}),
    ],
)
def test_what_sets_actors_apart(
    name: str, marks: set[str], forms: set[str], kinds_: set[str]
) -> None:
    normal = normal_name(name)
    assert (distinctions(normal), legal_forms(normal), kinds(normal)) == (marks, forms, kinds_)


@pytest.mark.parametrize(
    ("name", "city", "inside"),
    [
        ("IHK Bonn/Rhein-Sieg", "Bonn", True),
        ("IHK Bonn/Rhein-Sieg", "Rhein-Sieg", True),
        ("Volkshochschule Bad Honnef", "Bad Honnef", True),
        ("Volkshochschule Bad Honnef", "Honnef", True),
        ("Jobcenter Rhein-Sieg", "Siegburg", False),
        ("Aachener Bank eG", "Aachen", False),
        ("IHK", "", False),
    ],
)
def test_place_in_name(name: str, city: str, inside: bool) -> None:
    assert place_in_name(normal_name(name), normal_name(city)) is inside


@pytest.mark.parametrize(
    ("actor_id", "key"),
    [("IHK-AC", "id:IHK-AC"), ("a1", "id:a1"), ("A 1", "id:A 1"), ("0042", "id:0042")],
)
def test_registry_key(actor_id: str, key: str) -> None:
    assert registry_key(actor_id) == key


def test_registry_ids_are_exact() -> None:
    assert registry_key("ihk-ac") != registry_key("IHK-AC")


@pytest.mark.parametrize("text", ["IHK Aachen", "id:IHK Aachen", "a1"])
def test_registry_and_name_keys_never_collide(text: str) -> None:
    assert registry_key(text) != name_key(text)
    assert registry_key(text) != name_key(text, "Aachen")
