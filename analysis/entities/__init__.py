"""Entities: name mentions with one canonical name each (mentions), the tables built from them
(tables) and outlets' spelling choices (spelling)."""

from analysis.entities.mentions import COUNTED_LABELS, extract_mentions
from analysis.entities.spelling import spelling_by_outlet, spelling_choices
from analysis.entities.tables import (
           cooccurrence,
           entity_counts,
           entity_frequency,
           merge_audit,
           outlet_entity_matrix,
)

__all__ = ["COUNTED_LABELS", "cooccurrence", "entity_counts", "entity_frequency", "extract_mentions",
           "merge_audit", "outlet_entity_matrix", "spelling_by_outlet", "spelling_choices"]
