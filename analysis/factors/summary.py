"""Per article and factor, one direction from the mentions' readings; per outlet, the balance."""

from __future__ import annotations

import pandas as pd

from analysis.frames import iter_rows

SUMMARY_COLUMNS = ["article_id", "file", "factor", "direction", "n_evidence", "cue", "sentence_id"]


PLAIN_MAJORITY = 2
SIDE_REMARK_RATIO = 4


def _combined_direction(directions: set[str], counts: dict | None = None) -> str:
    """One direction for a factor in an article: the common one, or mixed when they oppose or the
    pressure is dismissed. ``counts`` ((direction, plain) -> mentions) lets the article's thread win:
    when one side is only plain mentions (the factor named in its own sense) and outnumbers the other
    side, whose direction was read from cues or stances, ``PLAIN_MAJORITY`` to one, a contrary reading in
    a minority of the mentions is a side remark, not both sides presented - unless it is a negation
    ("not prohibited"): a denial answers the pressure (ruling F2). Likewise, whatever the readings, a
    single contrary mention against ``SIDE_REMARK_RATIO`` or more on one side is a side remark."""
    if "dismissed" in directions:
        return "mixed"
    if counts and {"toward", "away"} <= directions:
        for side, other in (("toward", "away"), ("away", "toward")):
            plain, read = counts.get((side, True), 0), counts.get((side, False), 0)
            if (not read and not counts.get((other, True)) and not counts.get((other, "denied"))
                    and plain >= PLAIN_MAJORITY * counts.get((other, False), 0)):
                return side
        for side, other in (("toward", "away"), ("away", "toward")):
            ours = sum(n for (direction, _), n in counts.items() if direction == side)
            theirs = sum(n for (direction, _), n in counts.items() if direction == other)
            if theirs == 1 and ours >= SIDE_REMARK_RATIO and not counts.get((other, "denied")):
                return side
    if directions in ({"toward"}, {"away"}, {"mixed"}):
        return next(iter(directions))
    if "toward" in directions and "away" not in directions:
        return "toward"
    if "away" in directions and "toward" not in directions:
        return "away"
    return "mixed"


def factor_summary(evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, factor): toward, away or mixed, with the first evidence as example.
    A pressure the article raises and also dismisses (a ``dismissed`` mention) or counters (a
    ``countered`` mention: conceded with "Yes, ...", answered by "but ... not", or followed by a
    sentence opening with "But"/"However" or by a retort) is mixed (rulings F1, F3); otherwise see
    ``_combined_direction``."""
    defaults = {"dismissed": False, "countered": "", "plain": False, "negated": False}
    for column, value in defaults.items():
        if column not in evidence.columns:
            evidence = evidence.assign(**{column: value})
    groups: dict[tuple[str, str, str], list] = {}
    for article_id, file, factor, direction, cue, sid, dismissed, countered, plain, negated in iter_rows(
            evidence, ["article_id", "file", "factor", "direction", "cue", "sentence_id", "dismissed",
                       "countered", "plain", "negated"]):
        entry = groups.setdefault((article_id, file, factor), [set(), 0, cue, int(sid), {}])
        entry[0].add("dismissed" if dismissed or (isinstance(countered, str) and countered) else direction)
        entry[1] += 1
        kind = "denied" if negated is True and plain is not True else plain is True
        entry[4][(direction, kind)] = entry[4].get((direction, kind), 0) + 1
    rows = [{"article_id": a, "file": f, "factor": factor, "direction": _combined_direction(directions, counts),
             "n_evidence": n, "cue": cue, "sentence_id": sid}
            for (a, f, factor), (directions, n, cue, sid, counts) in groups.items()]
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


COUNTER_WORDS = {"concession": "conceded", "contrast": "but ... not", "next": "answered next sentence",
                 "later": "answered two on", "reply": "retort", "balance": "both ways"}


def mention_readings(evidence: pd.DataFrame) -> pd.Series:
    """Why each mention reads as it does, in a few words an analyst can check against its sentence:
    "default" (the factor named in its own sense), "cue or actor" (a direction cue or the stance of the
    factor's actor), "turned (negation)", "dismissed", or how it is answered ("answered next sentence",
    "both ways", ...) - the last two make the article's direction mixed."""
    def reading(plain, negated, dismissed, countered) -> str:
        parts = ["dismissed"] if dismissed is True else []
        parts += [COUNTER_WORDS.get(kind, kind) for kind in str(countered or "").split(",") if kind]
        if negated is True:
            parts.append("turned (negation)")
        if not parts:
            parts.append("default" if plain is True else "cue or actor")
        return "; ".join(parts)

    columns = [evidence.get(c, pd.Series([None] * len(evidence), index=evidence.index))
               for c in ("plain", "negated", "dismissed", "countered")]
    return pd.Series([reading(*row) for row in zip(*columns)], index=evidence.index, dtype=object)


def factor_outlet_matrix(summary: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and factor: articles citing it toward, away, mixed; balance (toward - away) / articles."""
    from analysis.corpus.study import with_outlet

    data = with_outlet(summary, articles)
    table = (data.pivot_table(index=["outlet", "factor"], columns="direction", values="article_id",
                              aggfunc="count", fill_value=0)
             .reindex(columns=["toward", "away", "mixed"], fill_value=0).reset_index())
    table["articles"] = table[["toward", "away", "mixed"]].sum(axis=1)
    table["balance"] = ((table["toward"] - table["away"]) / table["articles"].clip(lower=1)).round(2)
    return table
