"""Lexicons of analysis/resources, loaded once: stance cues, reporting verbs, hedges and friends."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache

from analysis.paths import RESOURCES_DIR

STANCES = ("favor", "against", "undecided")


@dataclass(frozen=True)
class StanceCue:
    """A stance cue: lemma sequence, its stance, and the stance when negated ('none' = no stance)."""

    cue: str
    stance: str
    negated_stance: str
    source: str = "resources"

    @property
    def lemmas(self) -> tuple[str, ...]:
        return tuple(self.cue.lower().split())


def word_list(name: str) -> frozenset[str]:
    """A one-entry-a-line resource, '#' comments skipped, lower-cased."""
    lines = (RESOURCES_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def stance_cues() -> tuple[StanceCue, ...]:
    with open(RESOURCES_DIR / "stance_cues.csv", encoding="utf-8") as fh:
        return tuple(StanceCue(r["cue"].strip(), r["stance"].strip(), r["negated_stance"].strip())
                     for r in csv.DictReader(fh))


def cues_for_study(config) -> tuple[StanceCue, ...]:
    """The general cues, with the study's own ``stance_cues`` added (a study entry replaces a general one)."""
    own = {c.cue.lower(): StanceCue(c.cue, c.stance, c.negated_stance, "study")
           for c in getattr(config, "stance_cues", [])}
    general = [c for c in stance_cues() if c.cue.lower() not in own]
    return tuple(general) + tuple(own.values())


@cache
def words(name: str) -> frozenset[str]:
    """Cached ``word_list``: reporting_verbs, hedges, past_markers, light_verbs, disclosure_verbs,
    counter_attitude_verbs, government_roles."""
    return word_list(f"{name}.txt")
