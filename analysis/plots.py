"""Figures: one function per figure, each returning a matplotlib Figure with a consistent look.

Every figure has a title, axis labels and a note of the corpus size it was drawn from.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "axes.titlesize": 12,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "font.family": "DejaVu Sans",
}
COLOR = "#3b6ea5"
STANCE_COLORS = {"favor": "#2a9d8f", "against": "#d62828", "undecided": "#f4a261", "mixed": "#8d99ae"}


def _figure(width: float = 7.5, height: float = 4.0) -> tuple[Figure, plt.Axes]:
    """A new pyplot figure (shown inline by Jupyter at the end of a cell; close it when done)."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax


def corpus_note(fig: Figure, text: str) -> None:
    """Write a small grey note (corpus size, source) at the bottom-right of the figure."""
    fig.text(0.995, 0.005, text, ha="right", va="bottom", fontsize=8, color="#666666")


def article_label(articles: pd.DataFrame) -> pd.Series:
    """Short readable label per article: outlet (or 'unknown') and the id's first 12 characters."""
    outlet = articles["outlet"].fillna("unknown outlet")
    return outlet.str.slice(0, 22) + " · " + articles["article_id"].astype(str).str.slice(0, 12)


def article_lengths(articles: pd.DataFrame) -> Figure:
    """Horizontal bars: words in each article's cleaned body."""
    data = articles.assign(label=article_label(articles)).sort_values("n_words")
    fig, ax = _figure(7.5, 1.2 + 0.38 * len(data))
    with plt.rc_context(STYLE):
        ax.barh(data["label"], data["n_words"], color=COLOR)
        for y, n in enumerate(data["n_words"]):
            ax.text(n, y, f" {n}", va="center", fontsize=8)
        ax.set_xlabel("words in cleaned body")
        ax.set_ylabel("article")
        ax.set_title("Article length")
    corpus_note(fig, f"{len(articles)} articles, {int(articles['n_words'].sum()):,} words")
    return fig


def publication_timeline(articles: pd.DataFrame) -> Figure:
    """Articles per publication day; articles without a stated date are counted in the note."""
    dates = pd.to_datetime(articles["published"], errors="coerce")
    undated = int(dates.isna().sum())
    counts = dates.dropna().dt.normalize().value_counts().sort_index()
    fig, ax = _figure(7.5, 3.2)
    with plt.rc_context(STYLE):
        if counts.empty:
            ax.text(0.5, 0.5, "no article states a publication date", ha="center", va="center",
                    transform=ax.transAxes)
        else:
            ax.bar(counts.index, counts.values, width=0.8, color=COLOR)
            ax.set_xticks(counts.index, [d.strftime("%Y-%m-%d") for d in counts.index])
            ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("publication date (as stated by the article or manifest)")
        ax.set_ylabel("articles")
        ax.set_title("Publication timeline")
    corpus_note(fig, f"{len(articles)} articles; {undated} without a stated date")
    return fig


def removed_lines_by_rule(removed: pd.DataFrame, n_articles: int) -> Figure:
    """Bars: lines the cleaner removed, by rule."""
    counts = removed["rule"].value_counts().sort_values()
    fig, ax = _figure(7.5, 1.2 + 0.32 * max(len(counts), 1))
    with plt.rc_context(STYLE):
        ax.barh(counts.index, counts.values, color=COLOR)
        ax.set_xlabel("lines removed")
        ax.set_ylabel("cleaning rule")
        ax.set_title("What the cleaner removed")
        ax.xaxis.get_major_locator().set_params(integer=True)
    corpus_note(fig, f"{len(removed)} lines removed from {n_articles} articles")
    return fig
