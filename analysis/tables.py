"""The table pipeline, declared once: every table a study yields, what it is computed from, and how.

Each ``Node`` names its inputs (other tables, or the sources ``study``, ``docs`` and
``corrections``) and its outputs, like kedro's ``create_pipeline``. ``compute`` runs the nodes a
set of wanted tables needs, in order, parsing the articles only when a wanted table needs Docs.
``export_study`` (the CLI's ``export``), the notebooks' results (``analysis.report.results``) and the
scale engine (per-article nodes only, one partition at a time) all call ``compute``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import agreement, entities, factors, quantities, stance
from analysis.atomic import write_table
from analysis.corpus.study import CORPUS_TABLES

EXPORT_ARTICLE_COLUMNS = [
    "article_id", "file", "outlet", "published", "title", "author", "wire", "duplicate_of",
    "duplicate_cluster", "duplicate_kind", "n_words", "n_removed_lines", "provenance", "format",
    "record", "title_suffix", "language", "url", "text_sha256", "body_chars", "first_paragraph_chars", "body",
]
SOURCES = ("study", "docs", "corrections")


@dataclass(frozen=True)
class Node:
    """One step: ``func(*inputs)`` returns one table, or a tuple of tables for several outputs.

    ``per_article`` steps need only the articles they are given (the scale engine runs them per
    partition); the others aggregate over the whole corpus.
    """

    func: Callable
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    per_article: bool = True


def _corpus(study) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return study.articles[EXPORT_ARTICLE_COLUMNS], study.removed_lines, study.problems


def _spelling(study) -> pd.DataFrame:
    return entities.spelling_choices(study.articles, study.config.spelling_variants)


def _stance(study, docs, mentions, corrections) -> tuple[pd.DataFrame, pd.DataFrame]:
    evidence, summary, _ = stance.apply_corrections(stance.stance_evidence(study, docs, mentions), corrections)
    return evidence, summary


def _uncorrected(evidence: pd.DataFrame) -> pd.DataFrame:
    return evidence[~evidence["corrected"]]


def _by_articles(func: Callable) -> Callable:
    """A node function ``f(table, study)`` that calls ``func(table, study.articles)``."""
    def run(table, study):
        return func(table, study.articles)

    run.__name__ = func.__name__
    return run


PIPELINE: tuple[Node, ...] = (
    Node(_corpus, ("study",), CORPUS_TABLES),
    Node(entities.extract_mentions, ("study", "docs"), ("mentions",)),
    Node(entities.entity_counts, ("mentions",), ("entity_counts",)),
    Node(entities.merge_audit, ("mentions",), ("entity_merges",)),
    Node(_spelling, ("study",), ("spelling_choices",)),
    Node(_stance, ("study", "docs", "mentions", "corrections"), ("stance_evidence", "stance_summary")),
    Node(lambda study, docs, mentions, evidence: stance.stance_unmapped(study, docs, mentions),
         ("study", "docs", "mentions", "stance_evidence"), ("stance_unmapped",)),
    Node(_by_articles(stance.missing_sides), ("stance_summary", "study"), ("stance_sides",)),
    Node(lambda study, docs, evidence, corrections: factors.factor_evidence(
        study, docs, stance.downstream_evidence(evidence, corrections)),
         ("study", "docs", "stance_evidence", "corrections"), ("factor_evidence",)),
    Node(factors.factor_summary, ("factor_evidence",), ("factor_summary",)),
    Node(quantities.quantity_table, ("study", "docs"), ("quantities",)),
    Node(lambda figures, docs, study: quantities.poll_figures(figures, docs, study.articles),
         ("quantities", "docs", "study"), ("poll_figures",)),
    Node(_by_articles(entities.entity_frequency), ("mentions", "study"), ("entity_frequency",), per_article=False),
    Node(_by_articles(entities.outlet_entity_matrix), ("mentions", "study"), ("entity_outlet",), per_article=False),
    Node(entities.cooccurrence, ("mentions",), ("cooccurrence",), per_article=False),
    Node(_by_articles(stance.actor_outlet_matrix), ("stance_summary", "study"), ("stance_outlet",),
         per_article=False),
    Node(lambda evidence, study: stance.voice_by_outlet(_uncorrected(evidence), study.articles),
         ("stance_evidence", "study"), ("stance_voice",), per_article=False),
    Node(_by_articles(factors.factor_outlet_matrix), ("factor_summary", "study"), ("factor_outlet",),
         per_article=False),
    Node(_by_articles(quantities.compare_across_outlets), ("quantities", "study"), ("quantity_comparison",),
         per_article=False),
    Node(agreement.agreement_tables, ("study", "stance_summary", "stance_evidence", "factor_summary", "factor_evidence"),
         agreement.TABLE_NAMES, per_article=False),
)
TABLES: tuple[str, ...] = tuple(name for node in PIPELINE for name in node.outputs)
PER_ARTICLE_TABLES: tuple[str, ...] = tuple(name for node in PIPELINE if node.per_article for name in node.outputs)


def _producers() -> dict[str, Node]:
    return {name: node for node in PIPELINE for name in node.outputs}


def needed_nodes(wanted: Iterable[str]) -> list[Node]:
    """The nodes that compute ``wanted`` and everything they depend on, in pipeline order."""
    producers, needed, stack = _producers(), set(), list(wanted)
    while stack:
        name = stack.pop()
        if name in SOURCES:
            continue
        if name not in producers:
            raise KeyError(f"no table {name!r}; tables: {', '.join(TABLES)}")
        node = producers[name]
        if node not in needed:
            needed.add(node)
            stack.extend(node.inputs)
    return [node for node in PIPELINE if node in needed]


def needs_docs(wanted: Iterable[str]) -> bool:
    """Whether computing ``wanted`` parses the articles."""
    return any("docs" in node.inputs for node in needed_nodes(wanted))


def compute(study, wanted: Iterable[str] = TABLES, *, docs: Callable[[], list] | list | None = None,
            model: str | None = None, strict: bool = True,
            given: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """Compute the ``wanted`` tables of a loaded study.

    Args:
        study: a loaded ``Study``.
        wanted: table names (default: all of ``TABLES``).
        docs: the parsed Docs, or a function returning them; default: parsed (cached) on first need.
        model: spaCy pipeline name used when the Docs are parsed here.
        strict: whether a bad ``corrections.csv`` row is an error (True) or skipped (False).
        given: tables already at hand (read from a partitioned store); the nodes yielding them are skipped.

    Returns:
        The wanted tables by name, in the order asked.
    """
    wanted = list(wanted)
    values: dict[str, object] = {"study": study, **(given or {})}

    def source(name: str):
        if name not in values:
            if name == "docs":
                if docs is None:
                    from analysis.nlp.parse import parse_study

                    values["docs"] = parse_study(study, model=model)
                else:
                    values["docs"] = docs() if callable(docs) else docs
            elif name == "corrections":
                values["corrections"] = stance.read_corrections(study, strict=strict)
        return values[name]

    for node in needed_nodes(wanted):
        if all(name in values for name in node.outputs):
            continue
        result = node.func(*(source(name) for name in node.inputs))
        outputs = result if len(node.outputs) > 1 else (result,)
        values.update(zip(node.outputs, outputs))
    return {name: values[name] for name in wanted}


def export_study(study, out_dir: Path, *, nlp: bool = True, model: str | None = None,
                 parquet: bool = False) -> list[Path]:
    """Write the study's tables as CSV (and Parquet); ``nlp=False`` writes the corpus tables only."""
    tables = compute(study, TABLES if nlp else CORPUS_TABLES, model=model)
    return [write_table(df, Path(out_dir) / f"{name}.csv", parquet=parquet) for name, df in tables.items()]
