"""The input contract: which tables a dataset has, their columns and the accepted header aliases."""

from __future__ import annotations

from dataclasses import dataclass

from fks_graph.core.text import key

__all__ = ["TABLES", "Column", "TableSpec", "canonical_column", "table_for_name"]


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a table: its canonical name, whether it is required, header aliases."""

    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    multi: bool = False  # cells hold several values separated by "|"


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A table of the input contract: file stem, accepted file/sheet names, columns."""

    name: str
    required: bool
    columns: tuple[Column, ...]
    file_aliases: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        """Canonical column names in contract order."""
        return tuple(c.name for c in self.columns)


_ID = ("ID", "Kennung", "Nr", "Nummer", "Schlüssel")
_NAME = ("Name", "Bezeichnung", "Titel")
_DESCRIPTION = ("Beschreibung",)
_SOURCE = ("Quelle", "URL", "Quellen")
_WEBSITE = ("Webseite", "Internetseite", "Homepage", "Web", "Internet")
_ACTION_FIELDS = ("Handlungsfelder", "Handlungsfeld", "action_field", "Themen")
_TARGET_GROUPS = ("Zielgruppen", "Zielgruppe", "target_group")
_STATE = ("Bundesland", "Land", "Länder", "states")
_CITY = ("Stadt", "Ort", "Sitz", "city")
_ROLE = ("Rolle", "Funktion")
_NETWORK_ID = ("Netzwerk", "Netzwerk-ID", "Netzwerk_ID", "network", "Netz")
_ACTOR_ID = ("Akteur-ID", "Akteur_ID", "Akteursnummer")
_ACTOR_NAME = (
    "Akteur",
    "Akteursname",
    "Akteur-Name",
    "Organisation",
    "Partner",
    "Mitglied",
    "actor",
)
_TYPE = ("Typ", "Art", "Akteurstyp", "Akteursart", "type")
_AS_OF = ("Stand", "Stand vom", "belegt am", "genannt am", "Datum der Quelle", "stated", "as of")
_UNCERTAIN = ("unsicher", "fraglich", "ungesichert", "unclear", "unsure")
_NOTE = ("Anmerkung", "Bemerkung", "Hinweis", "Notiz", "comment", "notes")
_ORGANISER = ("Träger", "Veranstalter", "Ausrichter", "organizer")

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "networks",
            required=True,
            file_aliases=("netzwerke",),
            columns=(
                Column("id", True, (*_ID, "Netzwerk-ID", "network_id")),
                Column("name", True, (*_NAME, "Netzwerk", "Netzwerkname")),
                Column("kind", False, ("Art", "Netzwerkart", "Netzwerktyp", "Form", "type")),
                Column("region", False, ("Region", "Gebiet")),
                Column(
                    "region_code",
                    False,
                    ("Regionalschlüssel", "Kreisschlüssel", "AGS", "NUTS"),
                    multi=True,
                ),
                Column("region_type", False, ("Regionstyp",)),
                Column("state", False, _STATE, multi=True),
                Column(
                    "founded", False, ("Gründungsjahr", "gegründet", "Gründung", "founding_year")
                ),
                Column("legal_form", False, ("Rechtsform",)),
                Column(
                    "part_of",
                    False,
                    ("Teil von", "Dachnetzwerk", "übergeordnetes Netzwerk", "parent", "umbrella"),
                    multi=True,
                ),
                Column("website", False, _WEBSITE),
                Column("action_fields", False, _ACTION_FIELDS, multi=True),
                Column("target_groups", False, _TARGET_GROUPS, multi=True),
                Column("description", False, _DESCRIPTION),
                Column("source", False, _SOURCE),
            ),
        ),
        TableSpec(
            "memberships",
            required=True,
            file_aliases=("mitgliedschaften", "mitglieder"),
            columns=(
                Column("network_id", True, _NETWORK_ID),
                Column("actor_id", False, _ACTOR_ID),
                Column("actor_name", False, _ACTOR_NAME + _NAME),
                Column("actor_type", False, _TYPE),
                Column("actor_city", False, _CITY),
                Column("role", False, _ROLE),
                Column("since", False, ("seit", "von", "ab", "Beginn", "start")),
                Column("until", False, ("bis", "Ende", "end")),
                Column("as_of", False, _AS_OF),
                Column("uncertain", False, _UNCERTAIN),
                Column("source", False, _SOURCE),
                Column("note", False, _NOTE),
            ),
        ),
        TableSpec(
            "actors",
            required=False,
            file_aliases=("akteure",),
            columns=(
                Column("id", True, _ID + _ACTOR_ID + ("actor_id",)),
                Column("name", True, _NAME + _ACTOR_NAME),
                Column("type", False, _TYPE),
                Column("city", False, _CITY),
                Column("state", False, _STATE, multi=True),
                Column("website", False, _WEBSITE),
                Column("same_as", False, ("Wikidata", "sameAs", "owl_same_as", "gleich")),
                Column("source", False, _SOURCE),
            ),
        ),
        TableSpec(
            "projects",
            required=False,
            file_aliases=("projekte",),
            columns=(
                Column("id", True, (*_ID, "Projekt-ID", "project_id")),
                Column("name", True, (*_NAME, "Projekt", "Projektname")),
                Column("network_id", True, _NETWORK_ID),
                Column("start", False, ("Beginn", "Start", "seit", "von")),
                Column("end", False, ("Ende", "bis")),
                Column("action_fields", False, _ACTION_FIELDS, multi=True),
                Column("target_groups", False, _TARGET_GROUPS, multi=True),
                Column("description", False, _DESCRIPTION),
                Column("source", False, _SOURCE),
            ),
        ),
        TableSpec(
            "project_partners",
            required=False,
            file_aliases=("projektpartner",),
            columns=(
                Column("project_id", True, ("Projekt", "Projekt-ID", "Projekt_ID", "project")),
                Column("actor_id", False, _ACTOR_ID),
                Column("actor_name", False, _ACTOR_NAME + _NAME),
                Column("actor_type", False, _TYPE),
                Column("actor_city", False, _CITY),
                Column("role", False, _ROLE),
            ),
        ),
        TableSpec(
            "awards",
            required=False,
            file_aliases=("auszeichnungen", "preise"),
            columns=(
                Column("network_id", True, _NETWORK_ID),
                Column("award", True, ("Preis", "Auszeichnung", "prize")),
                Column("year", True, ("Jahr",)),
                Column("event", False, ("Veranstaltung", "Anlass")),
                Column("source", False, _SOURCE),
            ),
        ),
        TableSpec(
            "events",
            required=False,
            file_aliases=("veranstaltungen",),
            columns=(
                Column("id", True, (*_ID, "Veranstaltungs-ID", "event_id")),
                Column("name", True, (*_NAME, "Veranstaltung")),
                Column("date", False, ("Datum", "Tag")),
                Column("place", False, ("Veranstaltungsort", "Location", "venue")),
                Column("city", False, _CITY),
                Column("applicants", False, ("Bewerbungen", "Bewerber", "Anzahl Bewerbungen")),
                Column(
                    "participants", False, ("Teilnehmende", "Teilnehmer", "Anzahl Teilnehmende")
                ),
                Column("organiser", False, _ORGANISER),
                Column("description", False, _DESCRIPTION),
                Column("source", False, _SOURCE),
            ),
        ),
        TableSpec(
            "programmes",
            required=False,
            file_aliases=("programme", "programs", "foerderprogramme"),
            columns=(
                Column("id", True, (*_ID, "Programm-ID", "programme_id")),
                Column("name", True, (*_NAME, "Programm", "Programmname")),
                Column("organiser", False, _ORGANISER),
                Column("description", False, _DESCRIPTION),
                Column("website", False, _WEBSITE),
                Column("source", False, _SOURCE),
            ),
        ),
        TableSpec(
            "participations",
            required=False,
            file_aliases=("teilnahmen", "programmteilnahmen", "programme_networks"),
            columns=(
                Column("programme_id", True, ("Programm", "Programm-ID", "programme", "program")),
                Column("network_id", True, _NETWORK_ID),
                Column("since", False, ("seit", "von", "ab", "Beginn", "start")),
                Column("until", False, ("bis", "Ende", "end")),
                Column("as_of", False, _AS_OF),
                Column("uncertain", False, _UNCERTAIN),
                Column("source", False, _SOURCE),
                Column("note", False, _NOTE),
            ),
        ),
        TableSpec(
            "aliases",
            required=False,
            file_aliases=("aliasse", "schreibweisen", "namensvarianten", "alias"),
            columns=(
                Column("name", True, (*_NAME, "Schreibweise", "Alias", "Variante")),
                Column("city", False, _CITY),
                Column("actor_id", False, (*_ACTOR_ID, "ID")),
                Column(
                    "canonical_name",
                    False,
                    ("Akteur", "Akteursname", "Hauptname", "richtiger Name", "kanonischer Name"),
                ),
                Column("canonical_city", False, ("Ort des Akteurs", "Akteursort", "Hauptort")),
                Column("registry", False, ("Verzeichnis", "Register")),
                Column("code", False, ("amtlicher Code", "Kennziffer", "official_code")),
            ),
        ),
        TableSpec(
            "dataset",
            required=False,
            file_aliases=("datensatz", "metadata", "metadaten"),
            columns=(
                Column("key", True, ("Schlüssel", "Feld", "field")),
                Column("value", True, ("Wert",)),
            ),
        ),
    )
}


_FILE_INDEX = {
    key(alias): spec.name for spec in TABLES.values() for alias in (spec.name, *spec.file_aliases)
}
_COLUMN_INDEX = {
    spec.name: {
        key(alias): column.name
        for column in reversed(spec.columns)
        for alias in (*column.aliases, column.name)
    }
    for spec in TABLES.values()
}


def table_for_name(stem: str) -> str | None:
    """The table a file stem or sheet name stands for, or ``None`` for an unknown one.

    Examples
    --------
    >>> table_for_name("Netzwerke")
    'networks'
    >>> table_for_name("project-partners")
    'project_partners'
    >>> table_for_name("notes") is None
    True
    """
    return _FILE_INDEX.get(key(stem))


def canonical_column(table: str, header: str) -> str | None:
    """The canonical column a header stands for in ``table``, or ``None`` for an unknown one.

    Exact canonical names win over aliases, so that a header ``name`` in ``memberships``
    is ``actor_name`` but a header ``network_id`` never becomes something else.

    Examples
    --------
    >>> canonical_column("memberships", "Netzwerk")
    'network_id'
    >>> canonical_column("networks", "Gründungsjahr")
    'founded'
    >>> canonical_column("memberships", "seit")
    'since'
    >>> canonical_column("networks", "Farbe") is None
    True
    """
    wanted = key(header)
    for name in TABLES[table].column_names:
        if key(name) == wanted:
            return name
    return _COLUMN_INDEX[table].get(wanted)
