"""Stance toward the study's target: who speaks (attribution), stance cues (cues), claims in
on-topic sentences (detector), holders mapped to the study's actors (actors), holder phrases that
the parse cut or that refer back (references), evidence and the per-article summary (evidence),
the analyst's corrections (corrections) and cross-tabs (tables)."""

from analysis.stance.corrections import apply_corrections, downstream_evidence, read_corrections
from analysis.stance.evidence import stance_evidence, stance_summary, stance_unmapped
from analysis.stance.tables import actor_outlet_matrix, missing_sides, voice_by_outlet

__all__ = ["actor_outlet_matrix", "apply_corrections", "downstream_evidence", "missing_sides", "read_corrections",
           "stance_evidence", "stance_summary", "stance_unmapped", "voice_by_outlet"]
