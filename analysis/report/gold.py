"""What the agreement page and the index say in words about a study's gold: whether there is a
``gold/`` folder, which of its files are missing, how many articles are coded, the headline figures."""

from __future__ import annotations

import math

import pandas as pd

GOLD_VALUES = {  # what each gold file's columns hold (their names: analysis.evaluation.GOLD_COLUMNS)
    "stances": "stance favor, against or undecided; explicit yes or no",
    "factors": "direction toward, away or mixed",
    "body": "the first and last 8 words of the body",
    "metadata": "published as YYYY-MM-DD or empty",
    "entities": "type PERSON, GPE or ORG; variants separated by |",
    "quantities": "value a whole number",
}
FORMAT_DOC = "`docs/annotation.md` (the coding rules) and the README section *Agreement with the analyst*"


def how_to_add() -> str:
    """Markdown: which files a ``gold/`` folder holds, with their columns."""
    from analysis.evaluation import GOLD_COLUMNS

    rows = "\n".join(f"| `gold/{name}.csv` | `{','.join(GOLD_COLUMNS[name])}` | {note} |"
                     for name, note in GOLD_VALUES.items())
    return ("To measure it, add a `gold/` folder to the study folder with one CSV per thing you coded by hand "
            "(any subset; `stances.csv` and `factors.csv` are the ones compared here). `file` is the file name "
            "in `articles/`, or `FILE#N` for record N (1-based) of a file holding several articles. Code as many "
            "articles as you can, each one completely: an article listed in any gold file counts as coded, and "
            "an actor or factor with no row in a coded article counts as absent.\n\n"
            f"| file | columns | values |\n|---|---|---|\n{rows}\n\nThe rules: {FORMAT_DOC}.")


def _files(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return tables["agreement_gold_files"].set_index("gold_file")


def has_gold(tables: dict[str, pd.DataFrame]) -> bool:
    """Whether the study has a ``gold/`` folder (the gold-files table then has a row per gold CSV)."""
    return not tables["agreement_gold_files"].empty


def status(tables: dict[str, pd.DataFrame]) -> str:
    """Markdown: no gold folder (and how to add one), or which articles are coded and which files are missing."""
    if not has_gold(tables):
        return "**This study has no `gold/` folder**, so there is nothing to compare the machine with.\n\n" + how_to_add()
    articles = tables["agreement_articles"]
    coded = int(articles["coded"].sum())
    files = _files(tables)
    present = [f"`{f}`" for f in files.index[files["present"].astype(bool)]]
    absent = [f"`{f}`" for f in files.index[~files["present"].astype(bool)]]
    text = (f"**{coded} of {len(articles)} articles are coded**: those whose file appears in at least one gold "
            f"file ({', '.join(present) or 'none'}). Every figure below is computed over these articles only; "
            "the machine's results in the other articles are not compared.")
    if absent:
        text += f" Not in `gold/`: {', '.join(absent)}."
    unknown = files[files["unknown_files"].astype(str) != ""]
    if not unknown.empty:
        text += " **Gold rows naming no article of the study** (left out; check the file names): " + "; ".join(
            f"`{f}`: {names}" for f, names in unknown["unknown_files"].items()) + "."
    if coded == 0:
        text += "\n\nNo gold row names an article of the study: nothing is compared.\n\n" + how_to_add()
    return text


def missing_note(tables: dict[str, pd.DataFrame], name: str) -> str | None:
    """Markdown saying that ``gold/<name>.csv`` is missing and what it holds (None when it is there)."""
    if not has_gold(tables):
        return "No `gold/` folder: not compared."
    if bool(_files(tables).loc[f"{name}.csv", "present"]):
        return None
    from analysis.evaluation import GOLD_COLUMNS

    columns = ",".join(GOLD_COLUMNS[name])
    return (f"No `gold/{name}.csv` in this study: not compared. Add it with the columns `{columns}` "
            f"({GOLD_VALUES[name]}).")


def _kappa(value) -> str:
    return "κ undefined" if value is None or (isinstance(value, float) and math.isnan(value)) else f"κ {value:.2f}"


def index_line(tables: dict[str, pd.DataFrame]) -> str:
    """One plain sentence for the report's index: the pooled figures, or that there is no gold."""
    if not has_gold(tables):
        return "No gold/ folder: agreement with an analyst's hand coding is not measured."
    articles = tables["agreement_articles"]
    parts = [f"{int(articles['coded'].sum())} of {len(articles)} articles coded by the analyst"]
    for name, noun, same in (("agreement_actors", "stance", "same_stance"), ("agreement_factors", "factor", None)):
        table = tables[name]
        if table.empty:
            parts.append(f"no gold for {noun}s")
            continue
        pooled = table.iloc[0]  # the first row pools every actor or factor
        if same:
            parts.append(f"same stance on {int(pooled[same])} of {int(pooled['analyst_rows'])} (article, actor) "
                         f"rows, {int(pooled['extra'])} extra ({_kappa(pooled['kappa'])})")
        else:
            parts.append(f"{int(pooled['found'])} of {int(pooled['analyst_rows'])} (article, factor) rows found, "
                         f"{int(pooled['extra'])} extra, same direction on {int(pooled['same_direction'])} "
                         f"({_kappa(pooled['kappa'])})")
    return "; ".join(parts) + f"; {len(tables['agreement_disagreements'])} disagreement(s) listed."


def _headers(table: pd.DataFrame) -> pd.DataFrame:
    """Column names with spaces for underscores, so long headers wrap and the table fits the page."""
    return table.rename(columns=lambda c: c.replace("_", " "))


def _view(table: pd.DataFrame, drop: list[str]) -> pd.DataFrame:
    """``table`` without ``drop``, shares to two decimals, a missing text cell blank; counts and shares
    stay numbers (they sort as numbers; a share that cannot be computed stays NaN)."""
    from analysis.report.show import blank_missing_text

    shown = table.drop(columns=drop)
    shares = shown.select_dtypes("float").columns
    return _headers(blank_missing_text(shown.assign(**{c: shown[c].round(2) for c in shares})))


def actors_view(table: pd.DataFrame) -> pd.DataFrame:
    """The per-actor table as the page shows it: labels, not ids; NaN where a share cannot be computed."""
    return _view(table, ["actor"])


def factors_view(table: pd.DataFrame) -> pd.DataFrame:
    """The per-factor table as the page shows it (``machine_rows`` is ``found`` + ``extra``, left to the CSV)."""
    return _view(table, ["factor", "machine_rows"])


def disagreements_view(table: pd.DataFrame) -> pd.DataFrame:
    """The disagreements as the page shows them: the article's file, then the analyst's value and cue
    beside the machine's value, cue and sentence (ids and ``explicit`` left to the CSV)."""
    return _headers(table[["file", "label", "disagreement", "analyst_value", "analyst_cue", "machine_value",
                           "machine_cue", "machine_sentence", "machine_corrected"]])
