"""Annotate a corpus of any size: stream it in partitions, process each on the local machine or on a
Dask cluster, and write every table as partitioned Parquet (see ``analysis.scale.store``).

Each partition is cleaned, parsed, and turned into the same tables as the export (articles,
removed lines, problems, mentions, entity counts, stance evidence and summary, factor evidence
and summary, quantities). Names are resolved within a partition, then once more over the whole
store's mentions when every partition is done (``resolve_names_corpus_wide``). A partition's tables are written
atomically and then marked done, so an interrupted run resumes from the finished partitions and a
failed one never leaves a damaged partition behind. Duplicates across the whole corpus are found
at the end from MinHash signatures (LSH proposes pairs, which are kept only when their estimated
overlap passes the rules of ``analysis.corpus.duplicates``). A killed worker's partitions are given to
another worker by Dask; the temporary files it was writing are removed once every partition is done.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.atomic import write_text
from analysis.errors import StudyError
from analysis.frames import parquet_safe
from analysis.scale.store import (
    RUN_FILE,
    done_partitions,
    mark_done,
    read_table,
    remove_leftovers,
    write_partition,
)

ENGINES = ("local", "dask")
SIGNATURE_FORMAT = 2  # MinHash values and shingle counts


@dataclass
class RunStats:
    partitions: int = 0
    skipped: int = 0
    articles: int = 0
    words: int = 0
    seconds: float = 0.0
    peak_rss_mb: dict = field(default_factory=dict)


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_partition(study_dir: str, store: str, partition: int, items: list, problems: list, *,
                      model: str | None = None, n_process: int = 1, use_cache: bool = False) -> dict:
    """Clean and annotate one partition of raw records and write its tables; returns its stats.
    Runs in any process (a Dask worker cleans its own partitions)."""
    from analysis.corpus.duplicates import minhash_signatures, text_hash
    from analysis.corpus.study import Study, clean_batch
    from analysis.nlp.parse import parse_study
    from analysis.studyfile import load_study_config
    from analysis.tables import PER_ARTICLE_TABLES, compute

    start = time.perf_counter()
    articles, lines, problems = clean_batch(items, problems)
    study = Study(path=Path(study_dir), config=load_study_config(Path(study_dir)), articles=articles,
                  lines=lines, problems=problems)
    # No progress bar: the engine reports each finished partition.
    docs = parse_study(study, model=model, n_process=n_process, use_cache=use_cache, progress=False)
    tables = compute(study, PER_ARTICLE_TABLES, docs=docs, strict=False)
    tables["signatures"] = pd.DataFrame({
        "article_id": articles["article_id"], "partition": partition,
        "text_hash": [text_hash(b) for b in articles["body"]],
        **dict(zip(("minhash", "n_shingles"), minhash_signatures(articles["body"].tolist())))})
    store_path = Path(store)
    for name, df in tables.items():
        write_partition(store_path, name, partition, parquet_safe(df))
    stats = {"partition": partition, "articles": len(articles), "words": int(articles["n_words"].sum()),
             "seconds": round(time.perf_counter() - start, 3), "pid": os.getpid(), "peak_rss_mb": _peak_rss_mb()}
    mark_done(store_path, partition, stats)
    return stats


def input_fingerprint(study_dir: Path) -> dict[str, list[int]]:
    """Size and modification time of every input a store depends on: the files of articles/,
    manifest.csv and corrections.csv (study.yml is hashed separately)."""
    found: dict[str, list[int]] = {}
    for name in ("manifest.csv", "corrections.csv"):
        path = study_dir / name
        if path.is_file():
            st = path.stat()
            found[name] = [st.st_size, st.st_mtime_ns]
    articles = study_dir / "articles"
    for root, dirs, names in os.walk(articles, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            try:
                st = path.stat()
            except OSError:
                continue
            rel = "articles/" + path.relative_to(articles).as_posix().encode("utf-8", "surrogateescape").decode(
                "utf-8", "replace")
            found[rel] = [st.st_size, st.st_mtime_ns]
    return found


def _describe_input_changes(before: dict, after: dict, limit: int = 5) -> str:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    parts = []
    for label, names in (("changed", changed), ("added", added), ("removed", removed)):
        if names:
            more = f" and {len(names) - limit} more" if len(names) > limit else ""
            parts.append(f"{label}: {', '.join(names[:limit])}{more}")
    return "; ".join(parts)


def _run_identity(study_dir: Path, partition_size: int, model: str | None) -> dict:
    from analysis import __version__
    from analysis.nlp.pipeline import model_name
    from analysis.studyfile import load_study_config

    config = load_study_config(study_dir)
    digest = hashlib.sha256((study_dir / "study.yml").read_bytes()).hexdigest()[:16]
    return {"partition_size": partition_size, "model": model_name(model, config.spacy_model),
            "study_yml": digest, "version": __version__, "signatures": SIGNATURE_FORMAT,
            "inputs": input_fingerprint(study_dir)}


def _check_run(store: Path, identity: dict, fresh: bool) -> None:
    import shutil

    from analysis.safety import check_ours, write_marker

    run_file = store / RUN_FILE
    check_ours(store, "store")
    if fresh and store.exists():
        shutil.rmtree(store)
    if run_file.exists():
        previous = json.loads(run_file.read_text())
        before, after = previous.get("inputs"), identity.get("inputs")
        settings_same = {k: v for k, v in previous.items() if k != "inputs"} == {
            k: v for k, v in identity.items() if k != "inputs"}
        if settings_same and before is not None and before != after:
            raise StudyError(
                f"the study's inputs changed since the store {store} was started "
                f"({_describe_input_changes(before, after)}); resuming would mix old and new results: "
                "rerun with --fresh to start over", file=str(run_file))
        if previous != identity:
            raise StudyError(
                f"the store {store} was made with other settings ({previous}); rerun with --fresh to start over "
                "or pass the same --partition-size and model", file=str(run_file))
    store.mkdir(parents=True, exist_ok=True)
    write_marker(store, "store")
    write_text(run_file, json.dumps(identity, sort_keys=True))


def annotate_corpus(study: str | os.PathLike | None, store: str | os.PathLike | None = None, *,
                    engine: str = "local", workers: int = 1, scheduler: str | None = None,
                    partition_size: int = 500, model: str | None = None, fresh: bool = False,
                    use_cache: bool = False, echo=print) -> tuple[Path, RunStats]:
    """Annotate a study into a partitioned store; resumes from finished partitions.

    Args:
        study: study folder (None: the embedded study).
        store: output folder (default ``reports/<study>/store``).
        engine: ``local`` (``nlp.pipe`` with ``workers`` processes) or ``dask``.
        workers: processes (local) or Dask workers started here (ignored with ``scheduler``).
        scheduler: address of an existing Dask scheduler (``tcp://host:8786``).
        partition_size: articles per partition.
        model: spaCy pipeline (default: NEWS_WORKBOOK_MODEL, study.yml, the pinned model).
        fresh: discard an existing store first.
        use_cache: also keep parsed Docs in the annotation cache.

    Raises:
        StudyError: bad study, unknown engine, or a store made with other settings.
    """
    from analysis.corpus.study import iter_record_batches
    from analysis.paths import REPORTS_DIR, resolve_study_dir
    from analysis.studyfile import load_study_config

    if engine not in ENGINES:
        raise StudyError(f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}")
    study_dir = resolve_study_dir(study)
    config = load_study_config(study_dir)
    store_path = Path(store).resolve() if store else REPORTS_DIR / config.name / "store"
    from analysis.safety import check_output_outside_study

    check_output_outside_study(store_path, study_dir, what="store")
    _check_run(store_path, _run_identity(study_dir, partition_size, model), fresh)
    finished = done_partitions(store_path)
    stats = RunStats()
    start = time.perf_counter()
    batches = enumerate(iter_record_batches(study_dir, batch_size=partition_size))

    def pending():
        for partition, (items, problems) in batches:
            if partition in finished:
                stats.skipped += 1
                continue
            yield partition, items, problems

    args = {"model": model, "use_cache": use_cache}
    results = []
    if engine == "local":
        for partition, items, problems in pending():
            results.append(process_partition(str(study_dir), str(store_path), partition, items, problems,
                                             n_process=workers, **args))
            echo(f"partition {partition}: {results[-1]['articles']} articles in {results[-1]['seconds']:.1f} s")
    else:
        from analysis.scale.cluster import run_on_dask

        results = run_on_dask(process_partition, pending(), str(study_dir), str(store_path), workers, scheduler,
                              args, echo)
    for result in results:
        stats.partitions += 1
        stats.articles += result["articles"]
        stats.words += result["words"]
        stats.peak_rss_mb[result["pid"]] = max(stats.peak_rss_mb.get(result["pid"], 0), result["peak_rss_mb"])
    # Every partition is written: temporary files left now are a killed worker's half-written ones.
    leftovers = remove_leftovers(store_path)
    if leftovers:
        echo(f"removed {len(leftovers)} half-written file(s) left by a killed worker")
    write_duplicates(store_path)
    resolve_names_corpus_wide(store_path)
    for line, article in unknown_correction_articles(study_dir, store_path):
        echo(f"warning: corrections.csv:{line}: unknown article {article!r} (in no partition); row ignored, "
             "use a file name or article_id")
    stats.seconds = time.perf_counter() - start
    echo(f"{stats.partitions} partition(s) done, {stats.skipped} already done; {stats.articles} articles, "
         f"{stats.words:,} words in {stats.seconds:.1f} s -> {store_path}")
    return store_path, stats


def unknown_correction_articles(study_dir: Path, store: Path) -> list[tuple[int, str]]:
    """Rows of corrections.csv naming an article found in no partition (each partition skips the
    rows of other partitions' articles, so only the whole store can tell): (line, article)."""
    import csv
    import io

    path = study_dir / "corrections.csv"
    if not path.is_file():
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # read_corrections reports these
    known_table = read_table(store, "articles", columns=["article_id", "file"])
    known = set(known_table.get("article_id", [])) | set(known_table.get("file", []))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return [(reader.line_num, article) for row in reader
            if (article := (row.get("article") or "").strip()) not in known]


def resolve_names_corpus_wide(store: Path) -> int:
    """Re-resolve canonical names against the whole corpus: a surname or spelling that one partition
    could not tie to its full name takes the full name found in another partition. Rewrites the
    mentions, entity counts and merge audit of the partitions that change; returns how many."""
    from analysis.entities import entity_counts, merge_audit
    from analysis.entities.mentions import apply_name_map, corpus_name_map
    from analysis.scale.store import part_name

    mentions = read_table(store, "mentions", columns=["canonical", "label"])
    mapping = corpus_name_map(mentions)
    if not mapping:
        return 0
    label_of = mentions.groupby("canonical")["label"].agg(lambda s: s.value_counts().index[0]).to_dict()
    changed = 0
    for partition in sorted(done_partitions(store)):
        path = store / "mentions" / f"{part_name(partition)}.parquet"
        if not path.exists():
            continue
        part = pd.read_parquet(path)
        if not part["canonical"].isin(list(mapping)).any():
            continue
        part = apply_name_map(part, mapping, label_of)
        write_partition(store, "mentions", partition, parquet_safe(part))
        write_partition(store, "entity_counts", partition, parquet_safe(entity_counts(part)))
        write_partition(store, "entity_merges", partition, parquet_safe(merge_audit(part)))
        changed += 1
    return changed


def write_duplicates(store: Path) -> pd.DataFrame:
    """Exact and near duplicates over the whole store, from the partitions' signatures."""
    from analysis.atomic import write_table
    from analysis.corpus.duplicates import signature_duplicates

    table = signature_duplicates(read_table(store, "signatures"))
    write_table(table, store / "duplicates.csv", parquet=True)
    return table
