"""The agreement page's views of the agreement tables (analysis.report.gold)."""

import math

import pandas as pd

from analysis.agreement import ACTOR_COLUMNS, FACTOR_COLUMNS


def _table(columns, kind):
    numbers = {c: [3, 1] for c in columns if c not in (kind, "label")}
    shares = {c: [0.66667, math.nan] for c in ("stance_agreement", "precision", "recall", "direction_agreement",
                                                 "article_agreement", "kappa") if c in columns}
    return pd.DataFrame({kind: ["(all)", "zorvan"], "label": [f"all {kind}s", None], **numbers, **shares},
                        columns=columns)


def test_views_blank_missing_text_and_keep_numbers_numeric():
    from analysis.report import gold

    for view, columns, kind in ((gold.actors_view, ACTOR_COLUMNS, "actor"),
                                (gold.factors_view, FACTOR_COLUMNS, "factor")):
        table = _table(columns, kind)
        shown = view(table)
        assert shown["label"].tolist() == [f"all {kind}s", ""]
        assert pd.api.types.is_integer_dtype(shown["coded articles"]) and shown["found"].tolist() == [3, 1]
        assert pd.api.types.is_float_dtype(shown["kappa"]) and shown["kappa"].iloc[0] == 0.67
        assert math.isnan(shown["article agreement"].iloc[1])  # a share that cannot be computed stays NaN
        assert table["label"].isna().sum() == 1  # input untouched
