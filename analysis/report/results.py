"""The notebooks' data: a study's tables from the table pipeline, computed once and cached, or read
from a partitioned store.

``load_results(study_dir)`` returns every table of ``analysis.tables`` for a study. The tables are
cached on disk (``.cache/tables/<key>/``, or under ``NEWS_WORKBOOK_CACHE``), keyed by what changes
them: the bytes of the study's files (study.yml, manifest, corrections, articles), the spaCy
pipeline's name and version, and the package's own code and resources. ``analysis run`` computes
them once before the notebooks start; each notebook then reads them, and a notebook run alone in
JupyterLab computes them through the same pipeline and cache, so both see the same tables. A
parameter that only changes what a notebook shows (``actors``, ``labels``) is not part of the key.

``load_results(study_dir, store_dir=...)`` reads the per-article tables from the store that
``python -m analysis annotate`` wrote, without the article bodies, so a corpus far larger than
memory can be analysed. ``load_corpus`` gives the corpus overview's tables without parsing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.atomic import write_text
from analysis.corpus.study import CORPUS_TABLES
from analysis.paths import PACKAGE_DIR, cache_dir, resolve_output_dir, resolve_study_dir
from analysis.studyfile import StudyConfig, load_study_config

TABLE_CACHE_FORMAT = "1"


@dataclass
class Results:
    """A study's tables by name (``results["stance_evidence"]``); ``articles`` has no bodies when
    read from a store."""

    path: Path
    config: StudyConfig
    articles: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    source: str = "memory"
    store: Path | None = None

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.tables:
            raise KeyError(f"no table {name!r} here; tables: {', '.join(self.tables)}")
        return self.tables[name]

    def body(self, article_id: str) -> str:
        """One article's cleaned body (read from the store when the table has no bodies)."""
        if "body" in self.articles.columns:
            from analysis.corpus import article_body

            return article_body(self.articles, article_id)
        import pyarrow.dataset as ds

        from analysis.scale.store import read_table

        rows = read_table(self.store, "articles", columns=["body"], filter=ds.field("article_id") == article_id)
        if rows.empty:
            raise KeyError(article_id)
        return rows["body"].iloc[0]

    @property
    def n_corrected(self) -> int:
        """Results changed by the analyst's corrections.csv (evidence marked wrong, stances set or removed)."""
        evidence = self.tables.get("stance_evidence", pd.DataFrame(columns=["corrected"]))
        summary = self.tables.get("stance_summary", pd.DataFrame(columns=["corrected"]))
        return int(evidence["corrected"].astype(bool).sum() + summary["corrected"].astype(bool).sum())


def _files_digest(digest, root: Path, paths: Iterable[Path]) -> None:
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())


def study_fingerprint(study_dir: Path) -> str:
    """Digest of every file a study's tables are computed from (the gold/ CSVs: the agreement tables)."""
    digest = hashlib.sha256()
    _files_digest(digest, study_dir, [study_dir / name for name in ("study.yml", "manifest.csv", "corrections.csv")])
    for folder in ("articles", "gold"):
        if (study_dir / folder).is_dir():
            _files_digest(digest, study_dir, (study_dir / folder).rglob("*"))
    return digest.hexdigest()


def code_fingerprint() -> str:
    """Digest of the package's code and resources: any change to the rules changes the tables."""
    digest = hashlib.sha256(TABLE_CACHE_FORMAT.encode())
    _files_digest(digest, PACKAGE_DIR, [p for p in PACKAGE_DIR.rglob("*")
                                        if p.suffix in (".py", ".txt", ".csv", ".yml", ".yaml")])
    return digest.hexdigest()


def table_cache_key(study_dir: Path, spacy_model: str | None = None) -> str:
    """The cache key of a study's tables: its files, the pipeline's name and version, the code."""
    from analysis.nlp.pipeline import model_name
    from analysis.parse_limit import max_parse_chars

    model = model_name(spacy_model or None, load_study_config(study_dir).spacy_model)
    # versions from the installed packages' metadata: a notebook that only reads tables never imports spaCy
    parts = [study_fingerprint(study_dir), model, _package_version(model), _package_version("spacy"),
             code_fingerprint(), str(max_parse_chars())]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def _package_version(name: str) -> str:
    """An installed distribution's version ("" when it is not installed, or is a path)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except (PackageNotFoundError, ValueError):
        return ""


ALL_TABLES_FILE = "tables.txt"  # the names of every table, when the cache folder holds them all


def _read_cached(folder: Path, names: Iterable[str] | None) -> dict[str, pd.DataFrame] | None:
    """The named tables from a cache folder (None: every table, listed in ``tables.txt``); None
    when one is missing."""
    if names is None:
        listing = folder / ALL_TABLES_FILE
        if not listing.exists():
            return None
        names = listing.read_text(encoding="utf-8").split()
    files = {name: folder / f"{name}.parquet" for name in names}
    if not all(path.exists() for path in files.values()):
        return None
    return {name: pd.read_parquet(path) for name, path in files.items()}


def study_tables(study_dir: str | os.PathLike | None = None, *, spacy_model: str | None = None,
                 wanted: Iterable[str] | None = None, use_cache: bool = True, loaded=None) -> dict[str, pd.DataFrame]:
    """The ``wanted`` tables of a study (default: all of ``analysis.tables.TABLES``): read from the
    table cache, or computed by the table pipeline and cached (every table a computation needs is
    stored with it). ``loaded``: the study already loaded from ``study_dir``, if the caller has it.

    The pipeline module is imported only to compute: a notebook reading cached tables stays light."""
    from analysis.atomic import atomic_path

    study_path = resolve_study_dir(study_dir)
    wanted = None if wanted is None else list(wanted)
    folder = cache_dir() / "tables" / table_cache_key(study_path, spacy_model) if use_cache else None
    if folder is not None and (cached := _read_cached(folder, wanted)) is not None:
        return cached
    from analysis.corpus import load_study
    from analysis.frames import parquet_safe
    from analysis.tables import TABLES, compute, needs_docs

    wanted = list(TABLES if wanted is None else wanted)
    names = TABLES if needs_docs(wanted) else list(dict.fromkeys([*CORPUS_TABLES, *wanted]))
    computed = {name: parquet_safe(df) for name, df in
                compute(loaded or load_study(study_path), names, model=spacy_model or None).items()}
    if folder is not None:
        try:
            for name, df in computed.items():
                with atomic_path(folder / f"{name}.parquet") as tmp:
                    df.to_parquet(tmp, index=False)
            if set(names) >= set(TABLES):  # written last: the folder holds every table
                write_text(folder / ALL_TABLES_FILE, "\n".join(TABLES) + "\n")
            return _read_cached(folder, wanted)
        except OSError as exc:  # unwritable cache: the tables are still computed
            import warnings

            warnings.warn(f"table cache {folder} cannot be written ({exc.strerror}); continuing without it "
                          "(set NEWS_WORKBOOK_CACHE to a writable folder)", stacklevel=2)
    return {name: computed[name] for name in wanted}


def load_results(study_dir: str | os.PathLike | None = None, *, store_dir: str | os.PathLike | None = None,
                 spacy_model: str | None = None) -> Results:
    """Every table of a study, from the table cache (computed on first need) or from ``store_dir``."""
    study_path = resolve_study_dir(study_dir)
    if store_dir:
        from analysis.tables import PER_ARTICLE_TABLES

        return _from_store(study_path, resolve_output_dir(store_dir), PER_ARTICLE_TABLES)
    tables = study_tables(study_path, spacy_model=spacy_model)
    return Results(path=study_path, config=load_study_config(study_path), articles=tables["articles"],
                   tables=tables)


def load_corpus(study_dir: str | os.PathLike | None = None, *, store_dir: str | os.PathLike | None = None) -> Results:
    """The corpus overview's tables (articles, removed_lines, problems), without parsing; from
    ``store_dir`` without the bodies."""
    study_path = resolve_study_dir(study_dir)
    if store_dir:
        return _from_store(study_path, resolve_output_dir(store_dir), ("removed_lines", "problems"))
    tables = study_tables(study_path, wanted=CORPUS_TABLES)
    return Results(path=study_path, config=load_study_config(study_path), articles=tables["articles"],
                   tables=tables)


def _store_articles(store: Path) -> pd.DataFrame:
    """The store's article metadata (no bodies) with the corpus-wide duplicate clusters."""
    from analysis.errors import StudyError
    from analysis.scale.store import done_partitions, read_table

    if not done_partitions(store):
        raise StudyError(f"no finished partitions in {store}; run `python -m analysis annotate --out {store}` first",
                         file=str(store))
    from analysis.tables import EXPORT_ARTICLE_COLUMNS

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


def _from_store(study_dir: Path, store: Path, names: Iterable[str]) -> Results:
    from analysis.scale.store import read_table

    from analysis.tables import PER_ARTICLE_TABLES, TABLES, compute

    articles = _store_articles(store)
    tables = {name: read_table(store, name) for name in names if name != "articles"}
    results = Results(path=study_dir, config=load_study_config(study_dir), articles=articles,
                      tables={"articles": articles, **tables}, source="store", store=store)
    if set(PER_ARTICLE_TABLES) <= set(results.tables):  # the corpus-wide tables, from the per-article ones
        rest = [name for name in TABLES if name not in results.tables]
        results.tables.update(compute(results, rest, given=results.tables))
    return results
