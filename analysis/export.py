"""Export a loaded study's tables to a folder (the tables later notebooks and analysts read)."""

from __future__ import annotations

from pathlib import Path

from analysis.corpus import Study
from analysis.outputs import write_table

EXPORT_ARTICLE_COLUMNS = [
    "article_id", "file", "outlet", "published", "title", "author", "wire", "duplicate_of",
    "duplicate_cluster", "duplicate_kind", "n_words", "n_removed_lines", "provenance", "format",
    "record", "title_suffix", "language", "url", "text_sha256", "body",
]


def export_corpus(study: Study, out_dir: Path, *, parquet: bool = False) -> list[Path]:
    """Write articles.csv, removed_lines.csv and problems.csv; return the paths written."""
    out_dir = Path(out_dir)
    return [
        write_table(study.articles[EXPORT_ARTICLE_COLUMNS], out_dir / "articles.csv", parquet=parquet),
        write_table(study.removed_lines, out_dir / "removed_lines.csv", parquet=parquet),
        write_table(study.problems, out_dir / "problems.csv", parquet=parquet),
    ]
