"""Figures: one function per figure, each returning a matplotlib Figure with a consistent look.

Every figure has a title, axis labels and a note of the corpus size it was drawn from.
"""

from __future__ import annotations

import math

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


def _tick(label, width: int = 30) -> str:
    """A tick label wrapped on word boundaries (never cut, so the label matches the tables)."""
    import textwrap

    return "\n".join(textwrap.wrap(str(label), width, break_long_words=False)) or str(label)


def _figure(width: float = 7.5, height: float = 4.0) -> tuple[Figure, plt.Axes]:
    """A new pyplot figure (shown inline by Jupyter at the end of a cell; close it when done).

    The figure itself is created outside ``plt.rc_context``: the first pyplot figure of a kernel
    loads the inline backend, which switches matplotlib to interactive mode through rcParams; done
    inside an ``rc_context`` that switch is undone on exit and every later figure stops being shown.
    Only the axes (spines, tick and title sizes) are created with the style.
    """
    fig = plt.figure(figsize=(width, height), layout="constrained", dpi=STYLE["figure.dpi"])
    with plt.rc_context(STYLE):
        ax = fig.add_subplot()
    return fig, ax


def _heatmap(table: pd.DataFrame, labels, *, cmap: str, vmin: float, vmax: float, colorbar: str, xlabel: str,
             ylabel: str, title: str, width: float = 0.75) -> Figure:
    """An annotated heatmap of ``table`` (rows x columns); ``labels(value, row, col)`` gives cell text."""
    fig, ax = _figure(max(6.0, width * len(table.columns) + 3), 1.6 + 0.5 * max(len(table), 1))
    with plt.rc_context(STYLE):
        image = ax.imshow(table.values, aspect="auto", cmap=cmap, vmin=vmin, vmax=vmax)
        ax.set_xticks(range(len(table.columns)), table.columns, rotation=45, ha="right")
        ax.set_yticks(range(len(table.index)), [_tick(i) for i in table.index])
        span = max(abs(vmin), abs(vmax)) or 1
        for y in range(table.shape[0]):
            for x in range(table.shape[1]):
                value = table.values[y, x]
                if not math.isnan(value) and (text := labels(value, y, x)):  # NaN: no cell
                    dark = abs(value - (vmin + vmax) / 2) > 0.45 * (vmax - vmin) if vmin < 0 else value > span / 2
                    ax.text(x, y, text, ha="center", va="center", fontsize=7, color="white" if dark else "black")
        fig.colorbar(image, ax=ax, label=colorbar)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
    return fig


# A figure draws at most this many outlets or articles (the heaviest); its tables keep them all.
MAX_ROWS = 30


def largest_rows(table: pd.DataFrame, weight: pd.Series) -> tuple[pd.DataFrame, int]:
    """At most ``MAX_ROWS`` rows of ``table``, the heaviest by ``weight`` (in their order), and how
    many were left out."""
    if len(table) <= MAX_ROWS:
        return table, 0
    heaviest = set(weight.reindex(table.index).fillna(0).sort_values(ascending=False, kind="stable").index[:MAX_ROWS])
    return table[[i in heaviest for i in table.index]], len(table) - MAX_ROWS


def _more(left_out: int, what: str = "outlets") -> str:
    return f"; {left_out} more {what} in the table" if left_out else ""


def corpus_note(fig: Figure, text: str) -> None:
    """Write a small grey note (corpus size, source) at the bottom-right, below the axes."""
    height = fig.get_figheight()
    margin = min(0.25 / height, 0.15)
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0, margin, 1, 1 - margin))
    fig.text(0.995, 0.005, text, ha="right", va="bottom", fontsize=8, color="#666666")


def article_label(articles: pd.DataFrame) -> pd.Series:
    """Readable label per article: its outlet label and the id's first 12 characters (the unknown-outlet label already names the article)."""
    from analysis.report.show import UNKNOWN_OUTLET, outlet_labels

    outlets = outlet_labels(articles)
    ids = articles["article_id"].astype(str)
    return pd.Series([_tick(o) if o == UNKNOWN_OUTLET.format(i) else _tick(f"{o} · {i[:12]}")
                      for o, i in zip(outlets, ids)], index=articles.index)


def article_lengths(articles: pd.DataFrame) -> Figure:
    """Horizontal bars: words in each article's cleaned body (a histogram past ``MAX_ROWS`` articles)."""
    if len(articles) > MAX_ROWS:
        fig, ax = _figure(7.5, 4.0)
        with plt.rc_context(STYLE):
            ax.hist(articles["n_words"], bins=30, color=COLOR)
            ax.set_xlabel("words in cleaned body")
            ax.set_ylabel("articles")
            ax.set_title("Article length")
        corpus_note(fig, f"{len(articles)} articles, {int(articles['n_words'].sum()):,} words")
        return fig
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


def top_entities(frequency: pd.DataFrame, *, top_n: int = 15, n_articles: int | None = None) -> Figure:
    """Horizontal bars: the most mentioned entities, coloured by type."""
    data = frequency.head(top_n).iloc[::-1]
    palette = {"PERSON": "#3b6ea5", "GPE": "#2a9d8f", "ORG": "#e76f51", "NORP": "#8d99ae", "LOC": "#a8dadc"}
    fig, ax = _figure(7.5, 1.2 + 0.32 * max(len(data), 1))
    with plt.rc_context(STYLE):
        ax.barh(data["canonical"], data["mentions"], color=[palette.get(lab, COLOR) for lab in data["label"]])
        handles = [plt.Rectangle((0, 0), 1, 1, color=c) for lab, c in palette.items() if lab in set(data["label"])]
        ax.legend(handles, [lab for lab in palette if lab in set(data["label"])], loc="upper left",
                  bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False, title="type", title_fontsize=8)
        ax.set_xlabel("mentions in the corpus")
        ax.set_ylabel("entity (canonical name)")
        ax.set_title(f"Top {len(data)} entities")
    corpus_note(fig, f"{int(frequency['mentions'].sum()):,} mentions" + (f" in {n_articles} articles" if n_articles else ""))
    return fig


def outlet_entity_heatmap(matrix: pd.DataFrame, entities: list[str], n_articles: int) -> Figure:
    """Heatmap: mentions per 1,000 words, outlet x entity (each outlet normalized by its length)."""
    table = (matrix[matrix["canonical"].isin(entities)]
             .pivot_table(index="outlet", columns="canonical", values="per_1000_words", fill_value=0.0)
             .reindex(columns=[e for e in entities if e in set(matrix["canonical"])]))
    table, left_out = largest_rows(table, table.sum(axis=1))
    fig = _heatmap(table, lambda v, y, x: f"{v:.0f}" if v else "", cmap="Blues", vmin=0,
                   vmax=float(table.values.max()) if table.size else 1, colorbar="mentions per 1,000 words",
                   xlabel="entity", ylabel="outlet", title="Who each outlet talks about", width=0.55)
    corpus_note(fig, f"{n_articles} articles; normalized by each outlet's word count{_more(left_out)}")
    return fig


def cooccurrence_network(pairs: pd.DataFrame, *, min_sentences: int = 2, n_articles: int | None = None) -> Figure:
    """Network of entities named in the same sentence; edge width = sentences together."""
    import networkx as nx

    data = pairs[pairs["sentences"] >= min_sentences]
    graph = nx.Graph()
    for row in data.itertuples():
        graph.add_edge(row.entity_a, row.entity_b, weight=row.sentences)
    fig, ax = _figure(8.0, 6.0)
    with plt.rc_context(STYLE):
        ax.set_axis_off()
        ax.set_title(f"Entities named in the same sentence (at least {min_sentences} times)")
        if graph.number_of_edges():
            layout = nx.spring_layout(graph, seed=7, weight="weight", k=2.2 / math.sqrt(graph.number_of_nodes()),
                                      iterations=200)
            widths = [0.5 + 3 * graph[a][b]["weight"] / data["sentences"].max() for a, b in graph.edges]
            nx.draw_networkx_edges(graph, layout, ax=ax, width=widths, edge_color="#9aa5b1")
            degree = dict(graph.degree(weight="weight"))
            nx.draw_networkx_nodes(graph, layout, ax=ax, node_color=COLOR, alpha=0.85,
                                   node_size=[80 + 20 * degree[n] for n in graph.nodes])
            _network_labels(ax, layout)
        else:
            ax.text(0.5, 0.5, "no pair reaches the threshold", ha="center", va="center", transform=ax.transAxes)
    corpus_note(fig, f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} pairs"
                + (f"; {n_articles} articles" if n_articles else ""))
    return fig


def _network_labels(ax, layout: dict) -> None:
    """Node names beside their nodes, on a white halo, each moved to the first free spot around its node."""
    import matplotlib.patheffects as pe

    ax.margins(0.15)
    ax.autoscale_view()
    renderer = ax.figure.canvas.get_renderer()
    spots = [((0, 7), "center", "bottom"), ((0, -7), "center", "top"), ((8, 0), "left", "center"),
             ((-8, 0), "right", "center"), ((0, 18), "center", "bottom"), ((0, -18), "center", "top")]
    placed = []
    for name, (x, y) in sorted(layout.items(), key=lambda item: (-item[1][1], item[1][0])):
        text = ax.annotate(str(name), (x, y), xytext=spots[0][0], textcoords="offset points", ha="center",
                           va="bottom", fontsize=8, zorder=5,
                           path_effects=[pe.withStroke(linewidth=3, foreground="white")])
        for offset, ha, va in spots:
            text.xyann, _ = offset, text.set(ha=ha, va=va)
            box = text.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in placed):
                break
        placed.append(text.get_window_extent(renderer))


def stance_heatmap(matrix: pd.DataFrame, n_articles: int, actors: list[str] | None = None,
                   labels: dict[str, str] | None = None) -> Figure:
    """Heatmap: net stance (favor - against, per article) of each actor as each outlet presents it;
    ``labels`` maps actor ids to the study file's labels."""
    table = matrix.pivot_table(index="outlet", columns="actor", values="net")
    if actors:
        table = table.reindex(columns=[a for a in actors if a in table.columns])
    counts = matrix.pivot_table(index="outlet", columns="actor", values="articles").reindex_like(table)
    table, left_out = largest_rows(table, counts.sum(axis=1))
    counts = counts.reindex_like(table)
    table = table.rename(columns=labels or {})
    fig = _heatmap(table, lambda v, y, x: f"{v:+.1f}\n(n={int(counts.values[y, x])})", cmap="RdYlGn", vmin=-1,
                   vmax=1, colorbar="net stance (+1 favor, -1 against)", xlabel="actor", ylabel="outlet",
                   title="How each outlet presents each actor's stance", width=0.8)
    corpus_note(fig, f"{n_articles} articles; blank = the outlet attributes no stance to the actor{_more(left_out)}")
    return fig


def attribution_by_outlet(evidence: pd.DataFrame, articles: pd.DataFrame) -> Figure:
    """Stacked bars: how each outlet conveys stances (quoted, paraphrased, reported, author's framing) and hedged share."""
    from analysis.corpus.study import with_outlet

    data = with_outlet(evidence, articles)
    kinds = ["direct_quote", "indirect", "reported", "author"]
    table = pd.crosstab(data["outlet"], data["attribution"]).reindex(columns=kinds, fill_value=0)
    hedged = data.groupby("outlet")["hedged"].mean()
    table, left_out = largest_rows(table, table.sum(axis=1))
    fig, ax = _figure(7.5, 1.4 + 0.45 * max(len(table), 1))
    colors = ["#264653", "#2a9d8f", "#e9c46a", "#f4a261"]
    with plt.rc_context(STYLE):
        left = pd.Series(0, index=table.index)
        for kind, color in zip(kinds, colors):
            ax.barh([_tick(i) for i in table.index], table[kind], left=left, color=color, label=kind)
            left = left + table[kind]
        for y, outlet in enumerate(table.index):
            ax.text(left[outlet], y, f"  {hedged.get(outlet, 0):.0%} hedged", va="center", fontsize=8)
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
        ax.margins(x=0.18)  # room for the "% hedged" notes after the longest bar
        ax.set_xlabel("stance evidence (sentences x actors)")
        ax.set_ylabel("outlet")
        ax.set_title("How outlets convey stances")
    corpus_note(fig, f"{len(data)} pieces of evidence in {articles['article_id'].nunique()} articles{_more(left_out)}")
    return fig


def factor_heatmap(matrix: pd.DataFrame, n_articles: int, labels: dict[str, str] | None = None) -> Figure:
    """Heatmap: outlet x factor, balance of the articles citing it (+1 toward, -1 away), shown in cells;
    ``labels`` maps factor ids to the study file's labels."""
    table = matrix.pivot_table(index="outlet", columns="factor", values="balance").rename(columns=labels or {})
    table, left_out = largest_rows(table, table.notna().sum(axis=1))
    fig = _heatmap(table, lambda v, y, x: f"{v:+.0f}", cmap="PuOr_r", vmin=-1.3, vmax=1.3,
                   colorbar="direction (+1 toward, -1 away)", xlabel="pressure factor", ylabel="outlet",
                   title="Which pressures each outlet cites, and which way")
    corpus_note(fig, f"{n_articles} articles; blank = not cited{_more(left_out)}")
    return fig


def factor_balance(summary: pd.DataFrame, articles: pd.DataFrame, scopes: dict[str, str] | None = None) -> Figure:
    """Diverging bars per outlet: factors cited as pushing toward (right) and away (left); with
    ``scopes``, bars are split into domestic and foreign pressure."""
    from analysis.corpus.study import with_outlet

    data = with_outlet(summary, articles)
    data["scope"] = data["factor"].map(scopes or {}).replace("", "other").fillna("other")
    sizes = data.groupby("outlet").size()
    shown, left_out = largest_rows(sizes.sort_index().to_frame(), sizes)
    outlets = list(shown.index)
    fig, ax = _figure(7.5, 1.6 + 0.5 * max(len(outlets), 1))
    palette = {"domestic": "#e76f51", "foreign": "#3b6ea5", "other": "#8d99ae"}
    with plt.rc_context(STYLE):
        for direction, sign in (("toward", 1), ("away", -1)):
            left = pd.Series(0.0, index=outlets)
            for scope, color in palette.items():
                part = data[(data["direction"] == direction) & (data["scope"] == scope)].groupby("outlet").size()
                values = part.reindex(outlets, fill_value=0) * sign
                ax.barh([_tick(o) for o in outlets], values, left=left, color=color,
                        label=scope if direction == "toward" and part.sum() else None)
                left = left + values
        ax.axvline(0, color="#333333", linewidth=0.8)
        ax.set_xlabel("factors cited: ← pushing away   |   pushing toward →")
        ax.set_ylabel("outlet")
        ax.set_title("Toward vs away: the balance of pressures by outlet")
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1), title="scope",
                  title_fontsize=8)
    corpus_note(fig, f"{len(data)} (article, factor) citations; mixed ones not drawn{_more(left_out)}")
    return fig
