"""Tests of fks_graph.synthetic.codes: the generator's codes and labels from the vocabulary."""

from __future__ import annotations

from fks_graph.synthetic.codes import SHORT_TYPE_LABELS, Codes
from fks_graph.terms.vocab import vocabulary


def test_codes_keep_the_order_the_generated_files_depend_on() -> None:
    """The generator draws from these tuples: another order gives other files for a seed."""
    codes = Codes.from_vocabulary()
    assert codes.action_fields == (
        "activation", "family", "education", "qualification", "immigration",
    )  # fmt: skip
    assert codes.target_groups == (
        "women", "older_workers", "migrants", "refugees", "low_qualified", "young_people",
        "dropouts", "long_term_unemployed", "disabled", "returners",
    )  # fmt: skip


def test_short_type_labels_are_alternative_labels_of_their_type() -> None:
    types = vocabulary().actor_types
    for code, label in SHORT_TYPE_LABELS.items():
        assert label in types.get(code).alt_labels
        assert types.lookup(label) is types.get(code)
    labels = Codes.from_vocabulary().type_labels
    assert labels["chamber_of_commerce"] == "IHK"
    assert labels["chamber_of_crafts"] == "Handwerkskammer"
    assert set(labels) == set(types.codes)
