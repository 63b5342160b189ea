"""The large-corpus engine: streaming partitions, identical results across engines, resuming."""

import json
import os
import random
import signal
import threading
import time

import pandas as pd
import pytest

from analysis.corpus.study import iter_article_batches, load_study
from analysis.errors import StudyError
from analysis.paths import DEFAULT_STUDY
from analysis.scale import store as store_module
from analysis.scale.cluster import local_cluster
from analysis.scale.engine import annotate_corpus
from analysis.scale.store import done_partitions, read_table
from analysis.tables import PER_ARTICLE_TABLES

pytestmark = pytest.mark.model
TABLES = PER_ARTICLE_TABLES


def _make_study(root, per_file: int):
    """Short articles in two JSONL files: sentences of the embedded bodies, shuffled (seeded)."""
    (root / "articles").mkdir()
    (root / "study.yml").write_bytes((DEFAULT_STUDY / "study.yml").read_bytes())
    sentences = [s.strip() + "." for body in load_study(DEFAULT_STUDY).articles["body"]
                 for s in body.replace("\n", " ").split(". ") if len(s.split()) > 6]
    rng = random.Random(7)
    for name in ("a.jsonl", "b.jsonl"):
        with open(root / "articles" / name, "w", encoding="utf-8") as fh:
            for i in range(per_file):
                text = " ".join(rng.sample(sentences, 3))
                fh.write(json.dumps({"text": text, "title": f"Article {i}", "outlet": f"Outlet {i % 4}"}) + "\n")
    return root


@pytest.fixture(scope="module")
def big_study(tmp_path_factory):
    """240 articles: a few hundred, for the cross-engine comparison."""
    return _make_study(tmp_path_factory.mktemp("big"), 120)


@pytest.fixture(scope="module")
def small_study(tmp_path_factory):
    """60 articles, for resuming and settings."""
    return _make_study(tmp_path_factory.mktemp("small"), 30)


def _tables(path):
    result = {}
    for name in TABLES:
        df = read_table(path, name)
        result[name] = df.sort_values(list(df.columns)[:4], kind="stable").reset_index(drop=True)
    return result


def test_batches_stream_in_bounded_size(big_study):
    sizes = [len(batch[0]) for batch in iter_article_batches(big_study, batch_size=50)]
    assert sizes == [50, 50, 50, 50, 40]


def test_engines_give_identical_results(big_study, tmp_path):
    local, stats = annotate_corpus(big_study, tmp_path / "local", partition_size=60, echo=lambda *a: None)
    assert stats.articles == 240 and stats.partitions == 4
    dask_store, _ = annotate_corpus(big_study, tmp_path / "dask", engine="dask", workers=2, partition_size=60,
                                    echo=lambda *a: None)
    a, b = _tables(local), _tables(dask_store)
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=False)
    assert len(a["mentions"]) > 1000 and len(a["stance_evidence"]) > 50
    duplicates = pd.read_csv(local / "duplicates.csv")
    assert set(duplicates["kind"]) <= {"exact", "near"}


def test_interrupted_run_resumes(small_study, tmp_path, monkeypatch):
    clean, _ = annotate_corpus(small_study, tmp_path / "clean", partition_size=20, echo=lambda *a: None)
    real_write = store_module.write_partition
    calls = {"n": 0}

    def failing_write(store, table, partition, df):
        if partition == 1 and table == "stance_summary":
            raise OSError(28, "No space left on device")  # a full disk, simulated
        calls["n"] += 1
        return real_write(store, table, partition, df)

    monkeypatch.setattr("analysis.scale.engine.write_partition", failing_write)
    with pytest.raises(OSError):
        annotate_corpus(small_study, tmp_path / "broken", partition_size=20, echo=lambda *a: None)
    assert sorted(done_partitions(tmp_path / "broken")) == [0]
    assert not list((tmp_path / "broken").rglob("*.tmp"))  # no half-written file
    monkeypatch.setattr("analysis.scale.engine.write_partition", real_write)
    _, stats = annotate_corpus(small_study, tmp_path / "broken", partition_size=20, echo=lambda *a: None)
    assert (stats.skipped, stats.partitions) == (1, 2)
    a, b = _tables(clean), _tables(tmp_path / "broken")
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=False)


def test_store_refuses_other_settings(small_study, tmp_path):
    annotate_corpus(small_study, tmp_path / "s", partition_size=40, echo=lambda *a: None)
    with pytest.raises(StudyError, match="--fresh"):
        annotate_corpus(small_study, tmp_path / "s", partition_size=25, echo=lambda *a: None)
    _, stats = annotate_corpus(small_study, tmp_path / "s", partition_size=25, fresh=True, echo=lambda *a: None)
    assert stats.partitions == 3
    some = read_table(tmp_path / "s", "mentions", columns=["article_id", "canonical"])
    assert list(some.columns) == ["article_id", "canonical"]


def test_killed_worker_is_replaced_and_the_store_matches_a_clean_run(big_study, tmp_path):
    clean, _ = annotate_corpus(big_study, tmp_path / "clean", partition_size=30, echo=lambda *a: None)
    store = tmp_path / "dask"
    cluster = local_cluster(2)
    try:
        outcome = {}
        run = threading.Thread(target=lambda: outcome.update(result=annotate_corpus(
            big_study, store, engine="dask", scheduler=cluster.scheduler_address, partition_size=30,
            echo=lambda *a: None)))
        run.start()
        deadline = time.monotonic() + 120
        while not done_partitions(store) and time.monotonic() < deadline:
            time.sleep(0.02)
        done_when_killed = len(done_partitions(store))
        victim = next(iter(cluster.workers.values()))
        os.kill(victim.process.process.pid, signal.SIGKILL)  # a worker dies mid-run, no clean-up
        run.join(300)
    finally:
        cluster.close()
    assert 1 <= done_when_killed < 8, "the worker must die while partitions are still pending"
    _, stats = outcome["result"]
    assert stats.articles == 240 and len(done_partitions(store)) == 8
    assert not list(store.rglob("*.tmp"))
    a, b = _tables(clean), _tables(store)
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=False)


def test_workers_started_here_use_the_shipped_dask_settings():
    from distributed import Client

    cluster = local_cluster(1)
    try:
        with Client(cluster) as client:
            env = client.run(lambda: {k: os.environ.get(k) for k in ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS")})
            profiling = client.run(lambda: __import__("dask").config.get("distributed.worker.profile.enabled"))
    finally:
        cluster.close()
    assert list(env.values()) == [{"MALLOC_TRIM_THRESHOLD_": None, "OMP_NUM_THREADS": "1"}]
    assert list(profiling.values()) == [False]


def test_corpus_wide_duplicates_follow_the_in_memory_rules(tmp_path):
    from analysis.corpus.duplicates import find_duplicates

    bodies = load_study(DEFAULT_STUDY).articles["body"].tolist()
    paragraphs = bodies[2].split("\n\n")
    words = bodies[4].split(" ")
    texts = [*bodies,
             "  ".join(bodies[1].split(" ")),  # exact copy, spacing changed
             "\n\n".join(paragraphs[: max(2, len(paragraphs) * 3 // 4)]),  # trimmed copy
             " ".join(w if i % 40 else w.upper() + "s" for i, w in enumerate(words))]  # lightly edited copy
    root = tmp_path / "study"
    (root / "articles").mkdir(parents=True)
    (root / "study.yml").write_bytes((DEFAULT_STUDY / "study.yml").read_bytes())
    with open(root / "articles" / "all.jsonl", "w", encoding="utf-8") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text}) + "\n")
    store, _ = annotate_corpus(root, tmp_path / "store", partition_size=3, echo=lambda *a: None)
    found = pd.read_parquet(store / "duplicates.parquet")
    ids = read_table(store, "articles", columns=["article_id"])["article_id"].tolist()
    expected = find_duplicates(ids, [texts[int(a.split("#")[1]) - 1] for a in ids])
    assert {(a, k) for a, (_, k, _) in expected.items()} == set(zip(found["article_id"], found["kind"]))
    assert set(found["article_id"]) == {"all#6", "all#7", "all#8"}


def test_files_a_killed_writer_left_are_removed_when_the_run_completes(tmp_path):
    import tempfile

    store = tmp_path / "store"
    annotate_corpus(None, store, partition_size=2, echo=lambda *a: None)
    before = _tables(store)
    # What atomic_path leaves when its process is killed between creating and renaming the file.
    fd, orphan = tempfile.mkstemp(prefix=".part-00001.parquet.", suffix=".tmp", dir=store / "mentions")
    os.write(fd, b"PAR1 half a file")
    os.close(fd)
    messages = []
    annotate_corpus(None, store, partition_size=2, echo=messages.append)
    assert not os.path.exists(orphan) and not list(store.rglob("*.tmp"))
    assert any("removed 1 half-written file" in m for m in messages)
    after = _tables(store)
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name])


def test_names_are_resolved_across_partitions(tmp_path):
    # a surname alone in one partition takes the full name another partition gives
    root = tmp_path / "study"
    (root / "articles").mkdir(parents=True)
    (root / "study.yml").write_bytes((DEFAULT_STUDY / "study.yml").read_bytes())
    texts = ["Prime Minister Quimby Vexley visited Zorblat on Monday and met the governor there.",
             "Speaking on Tuesday, Prime Minister Vexley said that the talks in Zorblat had gone well."]
    with open(root / "articles" / "all.jsonl", "w", encoding="utf-8") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text}) + "\n")
    store, _ = annotate_corpus(root, tmp_path / "store", partition_size=1, echo=lambda *a: None)
    mentions = read_table(store, "mentions")
    vexley = mentions[mentions["text"] == "Vexley"]
    assert len(vexley) == 1 and vexley["canonical"].iloc[0] == "Quimby Vexley"
    counts = read_table(store, "entity_counts")
    assert "Vexley" not in set(counts["canonical"])
