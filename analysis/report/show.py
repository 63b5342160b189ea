"""How the notebooks show their tables: readable labels from the study file and interactive tables.

``outlet_labels`` (from ``analysis.corpus``, which the pipeline's tables use too) gives every article one
outlet label used in tables, figures and the index alike:
the stated outlet, else the site name of the article's URL, else ``unknown outlet (<article id>)``.
``readable(study)`` relabels a study's articles that way and turns on interactive tables (itables,
offline: the DataTables bundle is embedded in the notebook, no CDN) with full, wrapped cell text and
pagination instead of truncation.
"""

from __future__ import annotations

import pandas as pd

from analysis.corpus.study import (  # noqa: F401 - shown here too
    UNKNOWN_OUTLET,
    outlet_label,
    outlet_labels,
    site_name,
)


def with_outlet_labels(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles with ``outlet`` replaced by its label (the stated value stays in ``outlet_stated``)."""
    if "outlet_stated" in articles.columns:
        return articles
    labelled = articles.copy()
    labelled.insert(labelled.columns.get_loc("outlet") + 1, "outlet_stated", articles["outlet"])
    labelled["outlet"] = outlet_labels(articles)
    return labelled


def actor_labels(config) -> dict[str, str]:
    """Actor id -> label from the study file."""
    return {a.id: a.label for a in config.actors}


def factor_labels(config) -> dict[str, str]:
    """Factor id -> label from the study file."""
    return {f.id: f.label for f in config.factors}


def label_column(table: pd.DataFrame, column: str, labels: dict[str, str]) -> pd.DataFrame:
    """``table`` with the ids in ``column`` shown as their labels (unknown ids kept as they are)."""
    if column not in table.columns:
        return table
    return table.assign(**{column: table[column].map(lambda v: labels.get(v, v))})


def int_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding only whole numbers (counts after a pivot or merge) shown as integers."""
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values) and values.notna().all() and (values % 1 == 0).all():
            out[column] = values.astype("int64")
    return out


def interactive_tables() -> None:
    """Every DataFrame shown as an interactive table (sort, filter, search, pages), offline; full text, wrapped."""
    import itables

    pd.set_option("display.max_colwidth", None)
    # The plain-text fallback stays truncated (pandas' default rows): the page shows the interactive
    # table, and a full text copy of a 4,000-row table would double the notebook's size.
    pd.set_option("display.max_columns", None)
    itables.options.maxBytes = 0  # never downsample: every row and every full sentence is kept
    itables.options.classes = "display compact cell-border"  # no "nowrap": long sentences wrap
    itables.options.lengthMenu = [10, 25, 50, 100, -1]
    itables.options.pageLength = 10
    itables.options.showIndex = "auto"  # a pivot's row labels are shown, a plain 0..n-1 index is not
    itables.options.column_filters = "footer"
    itables.options.style = "table-layout:auto;width:auto;margin:0;caption-side:bottom"
    itables.options.autoWidth = False  # the browser sizes columns: short ones narrow, sentences wide
    itables.init_notebook_mode(all_interactive=True, connected=False)
    pd.DataFrame._repr_html_ = _datatable_html
    from IPython.display import HTML, display

    # Long text (sentences, titles) wraps within a readable width; short cells stay on one line.
    # A wide table scrolls sideways inside the page instead of running off it.
    display(HTML("<style>.dt-container{overflow-x:auto}.dt-container td{white-space:normal;max-width:36rem;"
                 "min-width:2rem;overflow-wrap:break-word;vertical-align:top;text-align:left}"
                 ".dt-container th{text-align:left;white-space:nowrap}"
                 ".dt-container td.long-text{min-width:22rem}.dt-container tfoot input{width:100%;min-width:2.5rem;box-sizing:border-box}</style>"))


LONG_TEXT = 60  # characters: a text column with longer values gets a wide, wrapping column


def _long_text_columns(df: pd.DataFrame) -> list[int]:
    """Positions (as DataTables counts them, the shown index first) of columns holding long text."""
    plain_index = isinstance(df.index, pd.RangeIndex) and df.index.name is None
    offset = 0 if plain_index else df.index.nlevels
    found = []
    for i, column in enumerate(df.columns):
        values = df.iloc[:, i]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            if values.dropna().astype(str).str.len().max() > LONG_TEXT if values.notna().any() else False:
                found.append(offset + i)
    return found


def _datatable_html(df: pd.DataFrame) -> str:
    """An interactive table (itables, offline) whose long-text columns are wide and wrap."""
    from itables.javascript import to_html_datatable

    long = _long_text_columns(df)
    extra = {"columnDefs": [{"targets": long, "className": "long-text"}]} if long else {}
    return to_html_datatable(blank_missing_text(df), connected=False, **extra)


def blank_missing_text(df: pd.DataFrame) -> pd.DataFrame:
    """For display: a missing value in a text column (no actor, no author) shown as an empty cell,
    not "NaN" or "None"; number columns keep their type, so they still sort as numbers."""
    text = [c for c in df.columns if (df[c].dtype == object or pd.api.types.is_string_dtype(df[c]))
            and df[c].isna().any()]
    if not text:
        return df
    out = df.copy()
    out[text] = blank_missing(df[text])
    return out


def readable(study):
    """Relabel the study's articles (one outlet label everywhere) and turn on interactive tables."""
    study.articles = with_outlet_labels(study.articles)
    if "articles" in study.tables:
        study.tables["articles"] = study.articles
    interactive_tables()
    return study


def add_outlet(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``table`` with each row's outlet label right after its ``article_id`` (rows and order kept)."""
    outlets = dict(zip(articles["article_id"], outlet_labels(articles)))
    out = table.drop(columns=["outlet"], errors="ignore")
    position = out.columns.get_loc("article_id") + 1 if "article_id" in out.columns else 0
    out.insert(position, "outlet", out["article_id"].map(outlets))
    return out


def blank_missing(table: pd.DataFrame) -> pd.DataFrame:
    """A table for display with empty cells where a value is missing (a pivot's "not cited"), not "NaN"."""
    return table.astype(object).where(table.notna(), "")
