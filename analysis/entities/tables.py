"""Entity tables from the mentions: counts per article, the merge audit, corpus frequency and
prominence, the outlet x entity matrix and sentence co-occurrence."""

from __future__ import annotations

import re

import pandas as pd

from analysis.corpus.study import outlet_labels
from analysis.entities.kinds import COUNTED_LABELS
from analysis.frames import iter_rows


def entity_counts(mentions: pd.DataFrame, labels: tuple[str, ...] = COUNTED_LABELS) -> pd.DataFrame:
    """Per article and canonical entity: mentions and the '|'-joined surface forms."""
    data = mentions[mentions["label"].isin(labels)]
    keys = ["article_id", "file", "canonical", "label"]
    counts = data.groupby(keys, sort=True).size().rename("mentions").reset_index()
    # Surface forms in order of first appearance, one pass over the rows instead of one call per group.
    forms: dict[tuple, dict[str, None]] = {}
    for *key, text in iter_rows(data, keys + ["text"]):
        forms.setdefault(tuple(key), {})[text] = None
    counts["variants"] = ["|".join(forms[key]) for key in iter_rows(counts, keys)]
    return counts.sort_values(["article_id", "mentions"], ascending=[True, False],
                              kind="stable").reset_index(drop=True)


def merge_audit(mentions: pd.DataFrame) -> pd.DataFrame:
    """Which surface forms went into which canonical name, by which rule, how often."""
    audit = (mentions.groupby(["canonical", "label", "text", "rule"]).size().rename("mentions")
             .reset_index().rename(columns={"text": "surface_form"}))
    return audit.sort_values(["canonical", "mentions"], ascending=[True, False]).reset_index(drop=True)


def _body_shape(articles: pd.DataFrame) -> dict[str, pd.Series]:
    """Body length and first-paragraph length per article (from the columns, or from the bodies)."""
    if {"body_chars", "first_paragraph_chars"} <= set(articles.columns):
        return {"body_chars": articles["body_chars"], "first_paragraph_chars": articles["first_paragraph_chars"]}
    body = articles["body"]
    first = body.str.find("\n\n")
    return {"body_chars": body.str.len(), "first_paragraph_chars": first.where(first >= 0, body.str.len())}


def entity_frequency(mentions: pd.DataFrame, articles: pd.DataFrame,
                     labels: tuple[str, ...] = COUNTED_LABELS) -> pd.DataFrame:
    """Corpus frequency: mentions, per 1,000 words, articles and outlets mentioning, prominence.

    Prominence: in how many titles the entity appears (any of its surface forms), in how many
    first paragraphs it is mentioned, and the mean position of its first mention (0 = start of
    the body, 1 = end).
    """
    shape = articles[["article_id", "title"]].assign(outlet=outlet_labels(articles), **_body_shape(articles))
    data = mentions[mentions["label"].isin(labels)].merge(shape, on="article_id")
    total_words = max(int(articles["n_words"].sum()), 1)
    data["in_first_paragraph"] = data["start"] < data["first_paragraph_chars"]
    data["position"] = data["start"] / data["body_chars"].clip(lower=1)
    rows = []
    titles = articles["title"].dropna().tolist()
    for (canonical, label), group in data.groupby(["canonical", "label"]):
        forms = sorted(set(group["text"]) | {canonical}, key=len, reverse=True)
        firsts = group.groupby("article_id")["position"].min()
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
        in_title = sum(1 for t in titles if pattern.search(t))
        rows.append({
            "canonical": canonical, "label": label, "mentions": len(group),
            "per_1000_words": round(1000 * len(group) / total_words, 2),
            "n_articles": group["article_id"].nunique(), "n_outlets": group["outlet"].nunique(),
            "in_titles": in_title,
            "in_first_paragraphs": int(group.groupby("article_id")["in_first_paragraph"].any().sum()),
            "mean_first_position": round(float(firsts.mean()), 3),
            "variants": "|".join(sorted(set(group["text"]))),
        })
    table = pd.DataFrame(rows, columns=["canonical", "label", "mentions", "per_1000_words", "n_articles",
                                        "n_outlets", "in_titles", "in_first_paragraphs",
                                        "mean_first_position", "variants"])
    return table.sort_values(["mentions", "canonical"], ascending=[False, True]).reset_index(drop=True)


def outlet_entity_matrix(mentions: pd.DataFrame, articles: pd.DataFrame,
                         labels: tuple[str, ...] = COUNTED_LABELS) -> pd.DataFrame:
    """Mentions per 1,000 words, outlet x canonical entity (long form: outlet, canonical, mentions, per_1000_words)."""
    outlets = articles.assign(outlet=outlet_labels(articles))
    words = outlets.groupby("outlet")["n_words"].sum()
    data = mentions[mentions["label"].isin(labels)].merge(outlets[["article_id", "outlet"]], on="article_id")
    table = data.groupby(["outlet", "canonical"]).size().rename("mentions").reset_index()
    table["per_1000_words"] = (1000 * table["mentions"] / table["outlet"].map(words)).round(2)
    return table


def cooccurrence(mentions: pd.DataFrame, labels: tuple[str, ...] = COUNTED_LABELS) -> pd.DataFrame:
    """Pairs of canonical entities named in the same sentence: sentences and articles together.

    One self-join of the sentences' distinct names (pairs ordered a < b), counted by pandas."""
    names = (mentions.loc[mentions["label"].isin(labels), ["article_id", "sentence_id", "canonical"]]
             .drop_duplicates())
    pairs = names.merge(names, on=["article_id", "sentence_id"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["canonical_a"] < pairs["canonical_b"]]
    table = (pairs.groupby(["canonical_a", "canonical_b"])
             .agg(sentences=("sentence_id", "size"), articles=("article_id", "nunique")).reset_index()
             .rename(columns={"canonical_a": "entity_a", "canonical_b": "entity_b"}))
    table = table.astype({"sentences": "int64", "articles": "int64"})[["entity_a", "entity_b", "sentences", "articles"]]
    return table.sort_values(["sentences", "entity_a", "entity_b"], ascending=[False, True, True]).reset_index(drop=True)
