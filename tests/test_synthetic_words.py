"""Tests of fks_graph.synthetic.words: the name material and the codes its templates carry."""

from __future__ import annotations

from string import Formatter

import pytest

from fks_graph.synthetic.words import (
    AGV_KINDS,
    EDU_KINDS,
    HOSTILE_COMPANIES,
    NETWORK_NAMES,
    PROJECTS,
    PUBLIC_COMPANIES,
    RESEARCH_KINDS,
    UNI_KINDS,
    WELFARE_KINDS,
)
from fks_graph.terms.vocab import vocabulary


def _blanks(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


@pytest.mark.parametrize(
    ("templates", "allowed"),
    [
        (EDU_KINDS, {"T", "S"}),
        (WELFARE_KINDS, {"A"}),
        (UNI_KINDS + AGV_KINDS + RESEARCH_KINDS, {"T", "A", "J"}),
        (HOSTILE_COMPANIES, {"S", "S2", "T", "J"}),
        (PUBLIC_COMPANIES, {"T", "J"}),
        (NETWORK_NAMES, {"R"}),
        (tuple(name for name, _, _ in PROJECTS), {"R", "T"}),
    ],
)
def test_templates_use_only_the_blanks_they_are_given(
    templates: tuple[str, ...], allowed: set[str]
) -> None:
    for template in templates:
        assert _blanks(template) <= allowed, template
    assert len(set(templates)) == len(templates)


def test_project_templates_carry_codes_of_the_vocabulary() -> None:
    fields, groups = vocabulary().action_fields.codes, vocabulary().target_groups.codes
    for name, project_fields, project_groups in PROJECTS:
        assert project_fields.split(), name
        assert set(project_fields.split()) <= set(fields), name
        assert set(project_groups.split()) <= set(groups), name
