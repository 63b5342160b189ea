"""Spelling choices (house style): how often each outlet writes each variant of the study's
spelling groups, counted over the cleaned bodies."""

from __future__ import annotations

import re

import pandas as pd

from analysis.corpus.study import outlet_labels


def spelling_choices(articles: pd.DataFrame, groups) -> pd.DataFrame:
    """How often each article (and so each outlet) writes each variant of the study's spelling groups.

    Variants are matched as whole words; a variant written in lower case in the study file is
    matched in any case ("defence" finds "Defence"), otherwise case-sensitively.
    """
    from analysis.entities.mentions import name_pattern

    texts = list(zip(articles["article_id"].tolist(), outlet_labels(articles).tolist(), articles["body"].tolist()))
    rows = []
    for group in groups:
        for variant in group.variants:
            flags = re.IGNORECASE if variant == variant.lower() else 0
            pattern = name_pattern(variant, flags)
            for article_id, outlet, body in texts:
                rows.append({"article_id": article_id, "group": group.name, "variant": variant, "outlet": outlet,
                             "count": len(pattern.findall(body))})
    return pd.DataFrame(rows, columns=["article_id", "group", "variant", "outlet", "count"])


def spelling_by_outlet(choices: pd.DataFrame) -> pd.DataFrame:
    """Per-article spelling counts summed per spelling group, outlet and variant."""
    if choices.empty:
        return pd.DataFrame(columns=["group", "outlet", "variant", "count"])
    return choices.groupby(["group", "outlet", "variant"], sort=False)["count"].sum().reset_index()
