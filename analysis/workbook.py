"""The analysis notebooks' data: computed in memory for a study, or read from a partitioned store.

``load_results(study_dir)`` loads the study, annotates it (cached) and computes every per-article
table; ``load_results(study_dir, store_dir=...)`` reads the same tables from the store that
``python -m analysis annotate`` wrote, without the article bodies, so a corpus far larger than
memory can be analysed. Either way the notebooks see the same columns. ``load_corpus`` does the same
for the corpus overview (articles, removed lines, problems), without annotating.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.paths import resolve_output_dir, resolve_study_dir
from analysis.study import StudyConfig, load_study_config

TABLES = ["mentions", "entity_counts", "entity_merges", "spelling_choices", "stance_evidence", "stance_summary",
          "stance_sides", "factor_evidence", "factor_summary", "quantities", "poll_figures"]


@dataclass
class Results:
    """A study's per-article tables; ``articles`` has no bodies when read from a store."""

    path: Path
    config: StudyConfig
    articles: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    source: str = "memory"
    store: Path | None = None

    def body(self, article_id: str) -> str:
        """One article's cleaned body (read from the store when the table has no bodies)."""
        if "body" in self.articles.columns:
            from analysis.corpus import article_body

            return article_body(self.articles, article_id)
        import pyarrow.dataset as ds

        from analysis.store import read_table

        rows = read_table(self.store, "articles", columns=["body"], filter=ds.field("article_id") == article_id)
        if rows.empty:
            raise KeyError(article_id)
        return rows["body"].iloc[0]

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def n_corrected(self) -> int:
        """Results changed by the analyst's corrections.csv (evidence marked wrong, stances set or removed)."""
        evidence = self.tables.get("stance_evidence", pd.DataFrame(columns=["corrected"]))
        summary = self.tables.get("stance_summary", pd.DataFrame(columns=["corrected"]))
        return int(evidence["corrected"].astype(bool).sum() + summary["corrected"].astype(bool).sum())


def load_results(study_dir: str | os.PathLike | None = None, *, store_dir: str | os.PathLike | None = None,
                 spacy_model: str | None = None) -> Results:
    """Per-article tables of a study, computed (default) or read from ``store_dir``."""
    if store_dir:
        return _from_store(resolve_study_dir(study_dir), resolve_output_dir(store_dir))
    return _in_memory(study_dir, spacy_model)


def _in_memory(study_dir, spacy_model: str | None) -> Results:
    from analysis.annotate import annotate
    from analysis.corpus import load_study
    from analysis.export import entity_tables, factor_tables, stance_tables

    study = load_study(study_dir)
    docs = annotate(study, model=spacy_model or None)
    tables = entity_tables(study, docs, aggregates=False)
    tables.update(stance_tables(study, docs, tables["mentions"], aggregates=False))
    kept = tables["stance_evidence"][~tables["stance_evidence"]["corrected"]]
    tables.update(factor_tables(study, docs, kept, aggregates=False))
    return Results(path=study.path, config=study.config, articles=study.articles, tables=tables)


def load_corpus(study_dir: str | os.PathLike | None = None, *, store_dir: str | os.PathLike | None = None) -> Results:
    """The corpus overview's tables (articles, removed_lines, problems): loaded and cleaned in memory,
    or read from ``store_dir`` without the bodies."""
    if not store_dir:
        from analysis.corpus import load_study

        study = load_study(study_dir)
        return Results(path=study.path, config=study.config, articles=study.articles,
                       tables={"removed_lines": study.removed_lines, "problems": study.problems})
    from analysis.store import read_table

    study_path, store = resolve_study_dir(study_dir), resolve_output_dir(store_dir)
    tables = {name: read_table(store, name) for name in ("removed_lines", "problems")}
    return Results(path=study_path, config=load_study_config(study_path), articles=_store_articles(store),
                   tables=tables, source="store", store=store)


def _store_articles(store: Path) -> pd.DataFrame:
    """The store's article metadata (no bodies) with the corpus-wide duplicate clusters."""
    from analysis.errors import StudyError
    from analysis.store import done_partitions, read_table

    if not done_partitions(store):
        raise StudyError(f"no finished partitions in {store}; run `python -m analysis annotate --out {store}` first",
                         file=str(store))
    from analysis.export import EXPORT_ARTICLE_COLUMNS

    metadata = [c for c in EXPORT_ARTICLE_COLUMNS if c != "body" and not c.startswith("duplicate")]
    articles = read_table(store, "articles", columns=metadata)
    duplicates_file = store / "duplicates.parquet"
    if duplicates_file.exists():
        duplicates = pd.read_parquet(duplicates_file, columns=["article_id", "duplicate_of", "kind"]).rename(
            columns={"kind": "duplicate_kind"})
        articles = articles.merge(duplicates, on="article_id", how="left")
        heads = set(duplicates["duplicate_of"])
        articles["duplicate_cluster"] = articles["duplicate_of"].where(
            articles["duplicate_of"].notna(), articles["article_id"].where(articles["article_id"].isin(heads)))
    return articles


def _from_store(study_dir: Path, store: Path) -> Results:
    from analysis.store import read_table

    articles = _store_articles(store)
    tables = {name: read_table(store, name) for name in TABLES}
    return Results(path=study_dir, config=load_study_config(study_dir), articles=articles, tables=tables,
                   source="store", store=store)
