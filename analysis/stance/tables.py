"""Stance cross-tabs for the report: actor x outlet, attribution style by outlet, missing sides."""

from __future__ import annotations

import pandas as pd

from analysis.corpus.study import with_outlet
from analysis.frames import iter_rows


def actor_outlet_matrix(summary: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and actor: articles presenting the actor as favor / against / undecided, and the
    net position (favor - against) / articles in [-1, 1]."""
    data = with_outlet(summary, articles)
    table = (data.pivot_table(index=["outlet", "actor"], columns="stance", values="article_id",
                              aggfunc="count", fill_value=0)
             .reindex(columns=["favor", "against", "undecided"], fill_value=0).reset_index())
    total = table[["favor", "against", "undecided"]].sum(axis=1)
    table["articles"] = total
    table["net"] = ((table["favor"] - table["against"]) / total.clip(lower=1)).round(2)
    return table


def voice_by_outlet(evidence: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and actor: evidence quoted directly, paraphrased, reported, or only described."""
    data = with_outlet(evidence, articles)
    table = (data.pivot_table(index=["outlet", "actor"], columns="attribution", values="sentence_id",
                              aggfunc="count", fill_value=0)
             .reindex(columns=["direct_quote", "indirect", "reported", "author"], fill_value=0).reset_index())
    table["voice"] = table.apply(lambda r: "quoted" if r["direct_quote"] else (
        "paraphrased" if r["indirect"] else "described"), axis=1)
    return table


def missing_sides(summary: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: which actors it presents as favor and as against, and which side gets no voice."""
    lists: dict[tuple[str, str], list[str]] = {}
    for article_id, actor, stance in iter_rows(summary, ["article_id", "actor", "stance"]):
        lists.setdefault((article_id, stance), []).append(actor)
    rows = []
    for article_id, file in iter_rows(articles, ["article_id", "file"]):
        favor, against, undecided = (sorted(lists.get((article_id, s), [])) for s in ("favor", "against", "undecided"))
        missing = "against" if favor and not against else "favor" if against and not favor else (
            "both" if not favor and not against else "")
        rows.append({"article_id": article_id, "file": file, "favor": ", ".join(favor),
                     "against": ", ".join(against), "undecided": ", ".join(undecided), "no_voice_for": missing})
    return pd.DataFrame(rows, columns=["article_id", "file", "favor", "against", "undecided", "no_voice_for"])
