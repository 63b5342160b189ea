"""Stance cues: the general lexicon (resources/stance_cues.csv) and a study's own additions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis.resources import csv_rows


@dataclass(frozen=True)
class StanceCue:
    """A stance cue: lemma sequence, its stance, and the stance when negated ('none' = no stance)."""

    cue: str
    stance: str
    negated_stance: str
    source: str = "resources"


@lru_cache(maxsize=1)
def stance_cues() -> tuple[StanceCue, ...]:
    return tuple(StanceCue(r["cue"], r["stance"], r["negated_stance"]) for r in csv_rows("stance_cues.csv"))


def cues_for_study(config) -> tuple[StanceCue, ...]:
    """The general cues, with the study's own ``stance_cues`` added (a study entry replaces a general one)."""
    own = {c.cue.lower(): StanceCue(c.cue, c.stance, c.negated_stance, "study")
           for c in getattr(config, "stance_cues", [])}
    general = [c for c in stance_cues() if c.cue.lower() not in own]
    return tuple(general) + tuple(own.values())
