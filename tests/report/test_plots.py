"""Figures stay readable on large corpora: at most MAX_ROWS outlets or articles drawn, the rest said."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from analysis.report import plots  # noqa: E402


def _articles(n: int) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"a{i:03d}" for i in range(n)], "outlet": [f"Outlet {i}" for i in range(n)],
                         "url": [None] * n, "n_words": [100 + i for i in range(n)]})


def test_largest_rows_keeps_the_heaviest_in_order():
    table = pd.DataFrame({"x": range(40)}, index=[f"o{i:02d}" for i in range(40)])
    kept, left_out = plots.largest_rows(table, table["x"])
    assert len(kept) == plots.MAX_ROWS and left_out == 40 - plots.MAX_ROWS
    assert list(kept.index) == [f"o{i:02d}" for i in range(40 - plots.MAX_ROWS, 40)]
    small = table.head(3)
    kept, left_out = plots.largest_rows(small, small["x"])
    assert left_out == 0 and kept.equals(small)


def test_many_outlets_are_capped_and_the_rest_named_in_the_note():
    articles = _articles(120)
    summary = pd.DataFrame({"article_id": articles["article_id"], "factor": "opinion", "direction": "away"})
    fig = plots.factor_balance(summary, articles)
    ax = fig.axes[0]
    assert len(ax.get_yticks()) == plots.MAX_ROWS
    assert any("90 more outlets in the table" in t.get_text() for t in fig.texts)
    lengths = plots.article_lengths(articles)
    assert lengths.axes[0].get_ylabel() == "articles"  # a histogram, not 120 bars
