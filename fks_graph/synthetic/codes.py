"""The ontology's codes the generator writes, and the German labels it writes instead at times."""

from __future__ import annotations

from dataclasses import dataclass

from fks_graph.terms.vocab import vocabulary

__all__ = ["SHORT_TYPE_LABELS", "Codes"]

#: Abbreviations real exports use for two actor types instead of their skos:prefLabel (both are
#: skos:altLabels of the ontology); every other type is written with its German skos:prefLabel.
SHORT_TYPE_LABELS = {"chamber_of_commerce": "IHK", "pension_insurance": "DRV"}


@dataclass(frozen=True, slots=True)
class Codes:
    """Action fields and target groups in the order of the ontology file, and German labels.

    The order matters: the generator draws from these tuples, so that the same seed gives the
    same files as long as ``ontology/fks.ttl`` lists the concepts in the same order.
    """

    action_fields: tuple[str, ...]
    target_groups: tuple[str, ...]
    field_labels: dict[str, str]
    group_labels: dict[str, str]
    type_labels: dict[str, str]

    @classmethod
    def from_vocabulary(cls) -> Codes:
        """The codes and labels of the shipped ontology.

        Examples
        --------
        >>> codes = Codes.from_vocabulary()
        >>> codes.action_fields[:2], codes.field_labels["family"]
        (('activation', 'family'), 'Bessere Vereinbarkeit von Familie und Beruf')
        >>> codes.type_labels["chamber_of_commerce"], codes.type_labels["company"]
        ('IHK', 'Unternehmen')
        """
        vocab = vocabulary()
        fields, groups, types = vocab.action_fields, vocab.target_groups, vocab.actor_types
        return cls(
            action_fields=fields.codes,
            target_groups=groups.codes,
            field_labels={code: fields.get(code).label() for code in fields.codes},
            group_labels={code: groups.get(code).label() for code in groups.codes},
            type_labels={
                code: SHORT_TYPE_LABELS.get(code) or types.get(code).label() for code in types.codes
            },
        )
