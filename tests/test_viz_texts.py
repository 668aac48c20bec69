"""The pages' texts: every text in both languages, with the same fields to fill in."""

from __future__ import annotations

import string

from fks_graph.viz.texts import MAP_SEARCH_HINT, UI


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_every_text_with_the_same_fields() -> None:
    assert set(UI) == set(MAP_SEARCH_HINT) == {"de", "en"}
    assert UI["de"].keys() == UI["en"].keys()
    for key, german in UI["de"].items():
        assert _fields(german) == _fields(UI["en"][key]), key
