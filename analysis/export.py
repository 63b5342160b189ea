"""Export a loaded study's tables to a folder (the tables later notebooks and analysts read)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.corpus import Study
from analysis.outputs import write_table

EXPORT_ARTICLE_COLUMNS = [
    "article_id", "file", "outlet", "published", "title", "author", "wire", "duplicate_of",
    "duplicate_cluster", "duplicate_kind", "n_words", "n_removed_lines", "provenance", "format",
    "record", "title_suffix", "language", "url", "text_sha256", "body_chars", "first_paragraph_chars", "body",
]


def corpus_tables(study: Study) -> dict[str, pd.DataFrame]:
    """articles, removed_lines and problems."""
    return {"articles": study.articles[EXPORT_ARTICLE_COLUMNS], "removed_lines": study.removed_lines,
            "problems": study.problems}


def entity_tables(study: Study, docs, *, aggregates: bool = True) -> dict[str, pd.DataFrame]:
    """mentions, entity_counts, entity_merges; with ``aggregates`` also the corpus-level
    entity_frequency, entity_outlet, cooccurrence and spelling_choices."""
    from analysis import entities

    mentions = entities.extract_mentions(study, docs)
    tables = {"mentions": mentions, "entity_counts": entities.entity_counts(mentions),
              "entity_merges": entities.merge_audit(mentions),
              "spelling_choices": entities.spelling_choices(study.articles, study.config.spelling_variants)}
    if not aggregates:
        return tables
    return {
        **tables,
        "entity_frequency": entities.entity_frequency(mentions, study.articles),
        "entity_outlet": entities.outlet_entity_matrix(mentions, study.articles),
        "cooccurrence": entities.cooccurrence(mentions),
    }


def stance_tables(study: Study, docs, mentions: pd.DataFrame, *, strict: bool = True,
                  aggregates: bool = True) -> dict[str, pd.DataFrame]:
    """stance_evidence, stance_summary (analyst corrections applied), stance_sides; with
    ``aggregates`` also stance_outlet and stance_voice."""
    from analysis import stance

    evidence = stance.stance_evidence(study, docs, mentions)
    evidence, summary, _ = stance.apply_corrections(evidence, stance.read_corrections(study, strict=strict))
    tables = {"stance_evidence": evidence, "stance_summary": summary,
              "stance_sides": stance.missing_sides(summary, study.articles)}
    if not aggregates:
        return tables
    return {
        **tables,
        "stance_outlet": stance.actor_outlet_matrix(summary, study.articles),
        "stance_voice": stance.voice_by_outlet(evidence[~evidence["corrected"]], study.articles),
    }


def factor_tables(study: Study, docs, stance_evidence: pd.DataFrame, *,
                  aggregates: bool = True) -> dict[str, pd.DataFrame]:
    """factor_evidence, factor_summary, quantities; with ``aggregates`` also factor_outlet and
    quantity_comparison."""
    from analysis import factors, quantities

    evidence = factors.factor_evidence(study, docs, stance_evidence)
    summary = factors.factor_summary(evidence)
    figures = quantities.quantity_table(study, docs)
    polls = quantities.poll_figures(figures, docs, study.articles)
    if not aggregates:
        return {"factor_evidence": evidence, "factor_summary": summary, "quantities": figures, "poll_figures": polls}
    return {
        "factor_evidence": evidence,
        "factor_summary": summary,
        "factor_outlet": factors.factor_outlet_matrix(summary, study.articles),
        "quantities": figures,
        "poll_figures": polls,
        "quantity_comparison": quantities.compare_across_outlets(figures, study.articles),
    }


def export_study(study: Study, out_dir: Path, *, nlp: bool = True, model: str | None = None,
                 parquet: bool = False) -> list[Path]:
    """Write the study's tables as CSV (and Parquet); ``nlp=False`` writes the corpus tables only."""
    tables = corpus_tables(study)
    if nlp:
        from analysis.annotate import annotate

        docs = annotate(study, model=model)
        tables.update(entity_tables(study, docs))
        tables.update(stance_tables(study, docs, tables["mentions"]))
        kept = tables["stance_evidence"][~tables["stance_evidence"]["corrected"]]
        tables.update(factor_tables(study, docs, kept))
    return [write_table(df, Path(out_dir) / f"{name}.csv", parquet=parquet) for name, df in tables.items()]
