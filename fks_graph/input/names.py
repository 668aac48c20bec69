"""Actor identity: which names and cities denote the same actor (the one name-matching module)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["clean_text", "name_key", "registry_key"]

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # cells repeat a lot (ids, types, cities): look them up once
def clean_text(text: str) -> str:
    """Normalise a cell for display: Unicode NFC, single spaces, no surrounding space.

    Examples
    --------
    >>> clean_text("  IHK\\u00a0 Aachen ")
    'IHK Aachen'
    >>> clean_text("Mu\\u0308nster") == "Münster"
    True
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _fold_name(text: str) -> str:
    return clean_text(text).casefold()


def name_key(name: str, city: str | None = None) -> str:
    """The identity key of an actor known by name (and city).

    Two mentions with the same key are the same actor. The key ignores case, Unicode normal
    form and white space. The city is part of the key: the same generic name in two cities is
    two actors, and a name without a city is kept apart from the same name with a city.

    Examples
    --------
    >>> name_key("IHK Aachen") == name_key("ihk  aachen")
    True
    >>> name_key("Volkshochschule", "Bonn") == name_key("Volkshochschule", "Köln")
    False
    >>> name_key("Volkshochschule", "Bonn") == name_key("Volkshochschule")
    False
    >>> name_key("Volkshochschule", "Bonn")
    'name:volkshochschule\\nbonn'
    >>> name_key("Team@Work") == name_key("Team", "Work")
    False
    """
    key = f"name:{_fold_name(name)}"
    if city and clean_text(city):
        # a line break never survives clean_text, so it cannot occur inside name or city
        key += f"\n{_fold_name(city)}"
    return key


def registry_key(actor_id: str) -> str:
    """The identity key of an actor of the registry ``actors.csv``, from its id.

    Examples
    --------
    >>> registry_key("IHK-AC")
    'id:IHK-AC'
    """
    return f"id:{actor_id}"
