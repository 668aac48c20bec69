"""Concept schemes: codes, labels and the lookup of input spellings."""

from __future__ import annotations

import pytest

from fks_graph.terms.vocab import vocabulary

ACTOR_TYPES = [
    "chamber_of_commerce",
    "chamber_of_crafts",
    "company",
    "employment_agency",
    "jobcenter",
    "school",
    "university",
    "education_provider",
    "municipality",
    "business_development",
    "employers_association",
    "union",
    "pension_insurance",
    "welfare_organisation",
    "research",
    "other",
]


def test_schemes_hold_the_codes_of_the_input_contract() -> None:
    v = vocabulary()
    assert list(v.actor_types.codes) == ACTOR_TYPES
    assert v.action_fields.codes == (
        "activation",
        "family",
        "education",
        "qualification",
        "immigration",
    )
    assert set(v.target_groups.codes) == {
        "women",
        "older_workers",
        "migrants",
        "refugees",
        "low_qualified",
        "young_people",
        "dropouts",
        "long_term_unemployed",
        "disabled",
        "returners",
    }
    assert len(v.laender.codes) == 16
    assert len(v.region_types.codes) == 5


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("IHK", "chamber_of_commerce"),
        ("Industrie- und Handelskammer", "chamber_of_commerce"),
        ("Handwerkskammer", "chamber_of_crafts"),
        ("Agentur für Arbeit", "employment_agency"),
        ("Agentur fuer Arbeit", "employment_agency"),
        ("JOBCENTER", "jobcenter"),
        ("Job-Center", "jobcenter"),
        ("Gewerkschaft", "union"),
        ("Deutsche Rentenversicherung", "pension_insurance"),
        ("employers_association", "employers_association"),
        ("Unternehmen", "company"),
    ],
)
def test_actor_type_spellings(spelling: str, code: str) -> None:
    assert vocabulary().actor_types.lookup(spelling).code == code


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("DE-NW", "DE-NW"),
        ("de-nw", "DE-NW"),
        ("Nordrhein-Westfalen", "DE-NW"),
        ("NRW", "DE-NW"),
        ("Baden-Wuerttemberg", "DE-BW"),
        ("Thüringen", "DE-TH"),
        ("Bavaria", "DE-BY"),
    ],
)
def test_land_spellings(spelling: str, code: str) -> None:
    assert vocabulary().laender.lookup(spelling).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("NW", "DE-NW"), ("de-nw", "DE-NW"), ("Bayern", "DE-BY"), ("BY", "DE-BY"), ("XX", None)],
)
def test_land_is_the_one_land_lookup(text: str, code: str | None) -> None:
    land = vocabulary().land(text)
    assert (land.code if land else None) == code


@pytest.mark.parametrize(
    ("code", "land"),
    [("09162", "DE-BY"), ("DEA22", "DE-NW"), ("DE80N", "DE-MV"), ("11000", "DE-BE")],
)
def test_land_for_region_code(code: str, land: str) -> None:
    assert vocabulary().land_for_region_code(code).code == land


def test_labels_in_both_languages() -> None:
    concept = vocabulary().laender.get("DE-BY")
    assert (concept.label("de"), concept.label("en")) == ("Bayern", "Bavaria")
    with pytest.raises(KeyError):
        vocabulary().laender.get("DE-XX")
