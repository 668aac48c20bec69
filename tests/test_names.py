"""Tests of fks_graph.input.names: cleaning cells and the identity keys of actors."""

from __future__ import annotations

import unicodedata

import pytest

from fks_graph.input.names import clean_text, name_key, registry_key


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
    ],
)
def test_clean_text(text: str, clean: str) -> None:
    assert clean_text(text) == clean
    assert unicodedata.is_normalized("NFC", clean_text(text))
    assert clean_text(clean_text(text)) == clean_text(text)


def test_clean_text_keeps_case_and_punctuation() -> None:
    assert clean_text(" Müller, Schmidt & Co. KG ") == "Müller, Schmidt & Co. KG"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("IHK Aachen", None), ("ihk  aachen", None)),
        (("IHK Aachen", None), ("IHK AACHEN", None)),
        (("IHK Aachen", None), (" IHK Aachen ", None)),
        (("IHK Aachen", None), ("IHK\u00a0Aachen", None)),
        (("IHK Aachen", None), ("IHK\tAachen", None)),
        (("Handwerkskammer Münster", None), ("Handwerkskammer Mu\u0308nster", None)),
        (("HANDWERKSKAMMER MÜNSTER", None), ("handwerkskammer mu\u0308nster", None)),
        (("Straße der Arbeit", None), ("STRASSE DER ARBEIT", None)),
        (("Volkshochschule", "Köln"), ("volkshochschule", "KÖLN")),
        (("Volkshochschule", "Köln"), ("Volkshochschule", "Ko\u0308ln")),
        (("Volkshochschule", "Bad Honnef"), ("Volkshochschule", " bad\u00a0 honnef ")),
        (("Volkshochschule", None), ("Volkshochschule", "")),
        (("Volkshochschule", None), ("Volkshochschule", "  ")),
        (("Volkshochschule", None), ("Volkshochschule", "\u00a0")),
    ],
)
def test_name_key_equal(first: tuple[str, str | None], second: tuple[str, str | None]) -> None:
    assert name_key(*first) == name_key(*second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Volkshochschule", "Bonn"), ("Volkshochschule", "Köln")),
        (("Volkshochschule", "Bonn"), ("Volkshochschule", None)),
        (("Volkshochschule", "Bonn"), ("Volkshochschule", "")),
        (("Jobcenter", "Aachen"), ("Jobcenter Aachen", None)),
        (("IHK Aachen", None), ("IHK Aachen-Düren", None)),
        (("IHK Aachen", None), ("IHK-Aachen", None)),
        (("Verein e. V.", None), ("Verein e.V.", None)),
        (("Stadt Köln", None), ("Stadt Koeln", None)),
        (("Agentur für Arbeit", None), ("Agentur fuer Arbeit", None)),
        (("Volkshochschule", "Köln"), ("Volkshochschule", "Koeln")),
        (("Wirtschaftsförderung", None), ("Wirtschaftsforderung", None)),
        (("Team@Work", None), ("Team", "Work")),
    ],
)
def test_name_key_different(first: tuple[str, str | None], second: tuple[str, str | None]) -> None:
    assert name_key(*first) != name_key(*second)


@pytest.mark.parametrize(
    ("name", "city", "key"),
    [
        ("Volkshochschule", "Bonn", "name:volkshochschule\nbonn"),
        ("Volkshochschule", None, "name:volkshochschule"),
        ("  IHK\u00a0 Aachen ", None, "name:ihk aachen"),
        ("Handwerkskammer Mu\u0308nster", "Mu\u0308nster", "name:handwerkskammer münster\nmünster"),
        ("DGB", "", "name:dgb"),
    ],
)
def test_name_key_format(name: str, city: str | None, key: str) -> None:
    assert name_key(name, city) == key
    assert name_key(name, city=city) == key


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
