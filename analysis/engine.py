"""Annotate a corpus of any size: stream it in partitions, process each on the local machine or on a
Dask cluster, and write every table as partitioned Parquet (see ``analysis.store``).

Each partition is cleaned, parsed, and turned into the same tables as the export (articles,
removed lines, problems, mentions, entity counts, stance evidence and summary, factor evidence
and summary, quantities). Names are resolved within a partition. A partition's tables are written
atomically and then marked done, so an interrupted run resumes from the finished partitions and a
failed one never leaves a damaged partition behind. Duplicates across the whole corpus are found
at the end from MinHash signatures (LSH proposes pairs, which are kept only when their estimated
overlap passes the rules of ``analysis.duplicates``). A killed worker's partitions are given to
another worker by Dask; the temporary files it was writing are removed once every partition is done.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.errors import StudyError
from analysis.outputs import write_text
from analysis.store import (
    RUN_FILE,
    done_partitions,
    mark_done,
    read_table,
    remove_leftovers,
    write_partition,
)

ENGINES = ("local", "dask")
# Dask settings for the workers this module starts (and for cluster workers, see the file's note).
DASK_CONFIG_FILE = Path(__file__).parent / "resources" / "dask" / "news-workbook.yaml"
NUM_PERM = 64
SCHEME = "affine32"
SIGNATURE_FORMAT = 2  # MinHash values and shingle counts
# LSH proposes pairs whose Jaccard may be as low as this; each is then checked against the same
# rules as the in-memory search (analysis.duplicates): Jaccard >= 0.5 or containment >= 0.8.
CANDIDATE_JACCARD = 0.3


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


def minhash_signatures(texts: list[str]) -> tuple[list[bytes], list[int]]:
    """MinHash signatures of the bodies' 5-word shingles and the number of shingles of each (for
    corpus-wide near-duplicate search)."""
    from datasketch import MinHash

    from analysis.duplicates import _WORD, SHINGLE

    shingle_sets = []
    for text in texts:
        words = _WORD.findall(text.lower())
        grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))}
        shingle_sets.append([g.encode() for g in grams if g])
    hashers = MinHash.bulk(shingle_sets, num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    return [h.hashvalues.astype("uint64").tobytes() for h in hashers], [len(g) for g in shingle_sets]


def process_partition(study_dir: str, store: str, partition: int, items: list, problems: list, *,
                      model: str | None = None, n_process: int = 1, use_cache: bool = False) -> dict:
    """Clean and annotate one partition of raw records and write its tables; returns its stats.
    Runs in any process (a Dask worker cleans its own partitions)."""
    from analysis.annotate import annotate
    from analysis.corpus import Study, clean_batch
    from analysis.duplicates import text_hash
    from analysis.export import corpus_tables, entity_tables, factor_tables, stance_tables
    from analysis.study import load_study_config

    start = time.perf_counter()
    articles, lines, problems = clean_batch(items, problems)
    study = Study(path=Path(study_dir), config=load_study_config(Path(study_dir)), articles=articles,
                  lines=lines, problems=problems)
    # No progress bar: the engine reports each finished partition.
    docs = annotate(study, model=model, n_process=n_process, use_cache=use_cache, progress=False)
    tables = corpus_tables(study)
    tables.update(entity_tables(study, docs, aggregates=False))
    tables.update(stance_tables(study, docs, tables["mentions"], strict=False, aggregates=False))
    kept = tables["stance_evidence"][~tables["stance_evidence"]["corrected"]]
    tables.update(factor_tables(study, docs, kept, aggregates=False))
    tables["signatures"] = pd.DataFrame({
        "article_id": articles["article_id"], "partition": partition,
        "text_hash": [text_hash(b) for b in articles["body"]],
        **dict(zip(("minhash", "n_shingles"), minhash_signatures(articles["body"].tolist())))})
    store_path = Path(store)
    for name, df in tables.items():
        write_partition(store_path, name, partition, _parquet_safe(df))
    stats = {"partition": partition, "articles": len(articles), "words": int(articles["n_words"].sum()),
             "seconds": round(time.perf_counter() - start, 3), "pid": os.getpid(), "peak_rss_mb": _peak_rss_mb()}
    mark_done(store_path, partition, stats)
    return stats


def _parquet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns holding mixed values become strings so every partition has one schema."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(_as_text)
    return out


def _as_text(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value if isinstance(value, (str, bytes)) else str(value)


def _run_identity(study_dir: Path, partition_size: int, model: str | None) -> dict:
    from analysis import __version__
    from analysis.nlp import model_name
    from analysis.study import load_study_config

    config = load_study_config(study_dir)
    digest = hashlib.sha256((study_dir / "study.yml").read_bytes()).hexdigest()[:16]
    return {"partition_size": partition_size, "model": model_name(model, config.spacy_model),
            "study_yml": digest, "version": __version__, "signatures": SIGNATURE_FORMAT}


def _check_run(store: Path, identity: dict, fresh: bool) -> None:
    import shutil

    run_file = store / RUN_FILE
    if fresh and store.exists():
        shutil.rmtree(store)
    if run_file.exists():
        previous = json.loads(run_file.read_text())
        if previous != identity:
            raise StudyError(
                f"the store {store} was made with other settings ({previous}); rerun with --fresh to start over "
                "or pass the same --partition-size and model", file=str(run_file))
    store.mkdir(parents=True, exist_ok=True)
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
    from analysis.corpus import iter_record_batches
    from analysis.paths import REPORTS_DIR, resolve_study_dir
    from analysis.study import load_study_config

    if engine not in ENGINES:
        raise StudyError(f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}")
    study_dir = resolve_study_dir(study)
    config = load_study_config(study_dir)
    store_path = Path(store).resolve() if store else REPORTS_DIR / config.name / "store"
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
        results = _run_dask(pending(), str(study_dir), str(store_path), workers, scheduler, args, echo)
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
    stats.seconds = time.perf_counter() - start
    echo(f"{stats.partitions} partition(s) done, {stats.skipped} already done; {stats.articles} articles, "
         f"{stats.words:,} words in {stats.seconds:.1f} s -> {store_path}")
    return store_path, stats


def _run_dask(pending, study_dir: str, store: str, workers: int, scheduler: str | None, args: dict, echo) -> list[dict]:
    """Submit partitions to Dask with at most two per worker in flight (bounded memory on the client)."""
    from distributed import Client, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = local_cluster(workers)
        client = Client(cluster)
    results: list[dict] = []
    try:
        limit = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        running = as_completed()
        in_flight = 0

        def collect(future) -> None:
            result = future.result()
            results.append(result)
            echo(f"partition {result['partition']}: {result['articles']} articles in {result['seconds']:.1f} s "
                 f"(worker pid {result['pid']})")

        for partition, items, problems in pending:
            running.add(client.submit(process_partition, study_dir, store, partition, items, problems,
                                      pure=False, **args))
            in_flight += 1
            if in_flight >= limit:
                collect(next(running))
                in_flight -= 1
        for future in running:
            collect(future)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return results


def local_cluster(workers: int):
    """A Dask cluster on this machine: ``workers`` single-threaded worker processes set up by
    ``resources/dask/news-workbook.yaml``."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(worker_config()):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


def worker_config() -> dict:
    """The Dask settings of ``resources/dask/news-workbook.yaml`` merged over Dask's current ones,
    by top-level key (for ``dask.config.set``)."""
    import dask
    import distributed  # noqa: F401 - loads the distributed defaults the file is merged over
    import yaml

    ours = yaml.safe_load(DASK_CONFIG_FILE.read_text(encoding="utf-8"))
    merged = dask.config.merge(dask.config.config, ours)
    return {key: merged[key] for key in ours}


def write_duplicates(store: Path) -> pd.DataFrame:
    """Exact and near duplicates over the whole store from the partitions' signatures.

    Each article is compared with the earlier ones (corpus order) that LSH proposes; it is a near
    duplicate of the first whose estimated shingle overlap passes the rules of
    ``analysis.duplicates`` (Jaccard >= 0.5, or >= 0.8 of the shorter article's shingles).
    """
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    from analysis.duplicates import NEAR_CONTAINMENT, NEAR_JACCARD

    signatures = read_table(store, "signatures")
    rows = []
    if not signatures.empty:
        signatures = signatures.sort_values(["partition", "article_id"], kind="stable").reset_index(drop=True)
        values = np.vstack([np.frombuffer(raw, dtype="uint64") for raw in signatures["minhash"]])
        sizes = signatures["n_shingles"].to_numpy(dtype="float64")
        ids = signatures["article_id"].tolist()
        # Keys in the LSH index are corpus positions, so candidates come back as row numbers.
        lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
        first_by_hash: dict[str, str] = {}
        for i, (article_id, digest) in enumerate(zip(ids, signatures["text_hash"])):
            if digest in first_by_hash:
                rows.append({"article_id": article_id, "duplicate_of": first_by_hash[digest], "kind": "exact",
                             "similarity": 1.0})
                continue
            first_by_hash[digest] = article_id
            # LeanMinHash holds the stored values without regenerating the permutations.
            hasher = LeanMinHash(seed=1, hashvalues=values[i], scheme=SCHEME)
            earlier = np.sort(np.fromiter(lsh.query(hasher), dtype="int64"))
            if len(earlier):
                jaccard = (values[earlier] == values[i]).mean(axis=1)
                shared = jaccard * (sizes[earlier] + sizes[i]) / (1 + jaccard)
                containment = np.minimum(shared / np.maximum(np.minimum(sizes[earlier], sizes[i]), 1), 1.0)
                passing = (jaccard >= NEAR_JACCARD) | (containment >= NEAR_CONTAINMENT)
                if passing.any():
                    k = int(passing.argmax())
                    rows.append({"article_id": article_id, "duplicate_of": ids[earlier[k]], "kind": "near",
                                 "similarity": round(float(max(jaccard[k], containment[k])), 3)})
            lsh.insert(i, hasher)
    table = pd.DataFrame(rows, columns=["article_id", "duplicate_of", "kind", "similarity"])
    from analysis.outputs import write_table

    write_table(table, store / "duplicates.csv", parquet=True)
    return table
