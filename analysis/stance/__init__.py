"""Stance toward the study's target: who speaks (attribution), stance cues (cues), claims in
on-topic sentences (detector), holders mapped to the study's actors (actors), holder phrases that
the parse cut or that refer back (references), evidence and the per-article summary (evidence),
the analyst's corrections (corrections) and cross-tabs (tables).

The names below are imported on first use (``analysis.lazy``): the cross-tabs load without the
spaCy-based detector."""

from analysis.lazy import lazy_exports

_EXPORTS = {
    "apply_corrections": "corrections",
    "downstream_evidence": "corrections",
    "read_corrections": "corrections",
    "stance_evidence": "evidence",
    "stance_summary": "evidence",
    "stance_unmapped": "evidence",
    "actor_outlet_matrix": "tables",
    "missing_sides": "tables",
    "voice_by_outlet": "tables",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
