"""Pressure factors: which pressures each article cites, in which direction, from whom, with evidence.

A factor mention is a sentence where one of the factor's cue phrases matches (spaCy Matcher over
lemmas, the cue's own words also taken as lemmas: "warning" finds "warnings"; a multi-word cue also
when its words stand apart but one governs the others: "support among the public") and, when the
factor has ``context`` phrases, one of them too; a paraphrase: a sentence sharing three content lemmas
with the factor's description and cues that neither the topic nor another factor's description uses
("longstanding rules against arming parties to a conflict"); a sentence whose subject is one of the
factor's direction cues right after a mention ("Backing is thinner in the hills."); or a sentence where
one of the factor's ``actors`` takes a stance (the stance layer's evidence).

Direction starts from the factor's default and is refined by the sentence: ``toward_cues`` /
``away_cues`` (negation, a diminisher - "limited backing", "backing is weak" - or a negated "be"
above the cue - "is not the same as X" - turn them around; a negation inside the cue - "not
informed" - does not; a toward cue governing another cue takes its direction: "favours a freeze"; a
share of a part of the public only reads as mixed), then the stance of the factor's actor in that
sentence (favor -> toward, against -> away, undecided -> mixed); a cue whose clause only denies the
pressure ("is no obstacle", "will not be banned", "X, not the court") turns the default (ruling F2).

Per article (``summary``), a factor whose mentions point both ways is ``mixed`` (ruling F4), and so is
one dismissed where it is raised ("brushed off the alarm", "so-called", "fears of X are overblown"),
countered ("Yes, ...", "..., but not seriously", a next sentence opening with "But" unless it upholds
the point, one two sentences on unless the sentence between dismisses it, a retort such as "Let
them.") or presented as cutting both ways
("lenders are divided", "dangers as well as gains") (rulings F1, F3); a side remark does not make it
mixed: plain mentions outnumbering contrary readings two to one, or four or more mentions against a
single contrary one, set the direction, unless the contrary reading is a denial.

Modules: ``matcher`` (mentions and their evidence rows), ``readings`` (negation, dismissal, counter,
denial and poll-share readings of a mention's sentence), ``summary`` (one direction per article and
factor, the outlet balance). The names below are imported on first use (``analysis.lazy``): the
summaries load without spaCy."""

from analysis.lazy import lazy_exports

_EXPORTS = {
    "EVIDENCE_COLUMNS": "matcher",
    "FactorMatcher": "matcher",
    "factor_evidence": "matcher",
    "SUMMARY_COLUMNS": "summary",
    "factor_outlet_matrix": "summary",
    "factor_summary": "summary",
    "mention_readings": "summary",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
