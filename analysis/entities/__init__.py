"""Entities: name mentions with one canonical name each (mentions), what kind of thing a name names
(kinds), the tables built from them (tables) and outlets' spelling choices (spelling).

The names below are imported on first use (``analysis.lazy``): the tables and spelling cross-tabs
load without the spaCy-based extraction."""

from analysis.lazy import lazy_exports

_EXPORTS = {
    "COUNTED_LABELS": "kinds",
    "extract_mentions": "mentions",
    "spelling_by_outlet": "spelling",
    "spelling_choices": "spelling",
    "cooccurrence": "tables",
    "entity_counts": "tables",
    "entity_frequency": "tables",
    "merge_audit": "tables",
    "outlet_entity_matrix": "tables",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
