"""Benchmark the large-corpus engine: words per second and peak memory, measured in one run.

Builds a corpus of N articles (sentences of the embedded articles shuffled, seeded) as JSONL and
measures, each in its own process so memory figures do not mix:

- bare spaCy: ``nlp.pipe`` over the same texts with the same pipeline;
- the local engine with 1 and with 2 processes (``python -m analysis annotate --engine local``);
- the dask engine with 1 and with 2 workers;
- the dask engine with 2 workers on a quarter of the corpus, to show peak memory per worker stays
  flat as the corpus grows.

The speed of this VM drifts: the same work took up to 1.2x longer a few minutes later and 1.4x
an hour later. So bare spaCy and the 1-process engine are each measured twice, first and last
(bare, local, ..., local, bare): their ratio is taken from the summed times of both, which drift
affects alike. A short bare spaCy calibration (the first 1,000 articles) also runs before and after
every measurement; the other ratios are printed raw and corrected by the calibrations that bracket
each run.

Prints the figures and the ratios. Targets on a 2-core machine: local 1-process >= 0.8x bare
spaCy; 2 workers >= 1.7x one (reported against both the local engine's 1 process and Dask's 1
worker); peak memory per worker flat. Not a test: ``make benchmark-scale``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
CALIBRATION_ARTICLES = 1000


def build_corpus(root: Path, articles: int, sentences_per_article: int, seed: int = 13) -> Path:
    """A study folder with ``articles`` articles in JSONL files of 2,500 articles each."""
    from analysis.corpus.study import load_study
    from analysis.paths import DEFAULT_STUDY

    study = root / f"study-{articles}"
    (study / "articles").mkdir(parents=True, exist_ok=True)
    (study / "study.yml").write_bytes((DEFAULT_STUDY / "study.yml").read_bytes())
    pool = [s.strip().rstrip(".") + "." for body in load_study(DEFAULT_STUDY).articles["body"]
            for s in body.replace("\n", " ").split(". ") if len(s.split()) > 5]
    rng = random.Random(seed)
    handle = None
    for i in range(articles):
        if i % 2500 == 0:
            if handle:
                handle.close()
            handle = open(study / "articles" / f"part-{i // 2500:03d}.jsonl", "w", encoding="utf-8")
        text = " ".join(rng.sample(pool, sentences_per_article))
        handle.write(json.dumps({"text": text, "title": f"Article {i}", "outlet": f"Outlet {i % 7}"}) + "\n")
    handle.close()
    return study


def measure(kind: str, study: Path, store: Path, workers: int) -> dict:
    """Run one measurement in this process and return its figures."""
    from analysis.corpus.study import iter_article_batches
    from analysis.nlp.pipeline import build_pipeline
    from analysis.scale.engine import annotate_corpus
    from analysis.studyfile import load_study_config

    start = time.perf_counter()
    if kind in ("bare", "calibrate"):
        texts = [t for batch in iter_article_batches(study, batch_size=5000) for t in batch[0]["body"]]
        texts = texts[:CALIBRATION_ARTICLES] if kind == "calibrate" else texts
        words = sum(len(t.split()) for t in texts)
        nlp = build_pipeline(load_study_config(study))
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        seconds = time.perf_counter() - start
        worker_peaks = {}
    else:
        engine = "dask" if kind.startswith("dask") else "local"
        _, stats = annotate_corpus(study, store, engine=engine, workers=workers, partition_size=500,
                                   fresh=True, echo=lambda *a: None)
        seconds = time.perf_counter() - start
        from analysis.scale.store import read_table

        words = int(read_table(store, "articles", columns=["body"])["body"].str.split().str.len().sum())
        worker_peaks = stats.peak_rss_mb
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"kind": kind, "workers": workers, "seconds": round(seconds, 2), "words": words,
            "words_per_second": round(words / seconds), "peak_rss_mb": round(self_peak),
            "children_peak_rss_mb": round(children_peak),
            "worker_peak_rss_mb": {str(k): round(v) for k, v in worker_peaks.items()}}


def run_child(kind: str, study: Path, store: Path, workers: int) -> dict:
    out = subprocess.run([sys.executable, str(HERE), "--measure", kind, "--study", str(study), "--store", str(store),
                          "--workers", str(workers)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--sentences", type=int, default=3, help="sentences per article")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--study", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, Path(args.study), Path(args.store), args.workers)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        full = build_corpus(root, args.articles, args.sentences)
        quarter = build_corpus(root, args.articles // 4, args.sentences)
        runs = [
            ("bare", full, 1), ("local", full, 1), ("dask", full, 1), ("dask", full, 2), ("local", full, 2),
            ("dask", quarter, 2), ("local", full, 1), ("bare", full, 1),
        ]
        results = []
        calibrations = [run_child("calibrate", full, root / "calibrate", 1)["words_per_second"]]
        for kind, study, workers in runs:
            result = run_child(kind, study, root / f"store-{kind}-{workers}-{study.name}", workers)
            calibrations.append(run_child("calibrate", full, root / "calibrate", 1)["words_per_second"])
            result["articles"] = args.articles if study == full else args.articles // 4
            result["calibration_wps"] = round((calibrations[-2] + calibrations[-1]) / 2)
            results.append(result)
            print(json.dumps(result), flush=True)

    bare, local1, dask1, dask2, local2, dask_quarter, local1_again, bare_again = results
    print()
    print(f"corpus: {args.articles:,} articles, {bare['words']:,} words (quarter: {args.articles // 4:,} articles)")
    print(f"{'run (in order)':<30}{'seconds':>9}{'words/s':>10}{'x bare':>8}{'calib.':>8}  peak memory (MB)")
    bare_wps = (bare["words"] + bare_again["words"]) / (bare["seconds"] + bare_again["seconds"])
    for label, r in (("bare spaCy nlp.pipe", bare), ("local engine, 1 process", local1),
                     ("dask engine, 1 worker", dask1), ("dask engine, 2 workers", dask2),
                     ("local engine, 2 processes", local2), ("dask engine, 2 workers, 1/4", dask_quarter),
                     ("local engine, 1 process", local1_again), ("bare spaCy nlp.pipe", bare_again)):
        memory = (", ".join(f"{v}" for v in r["worker_peak_rss_mb"].values()) + " per worker"
                  if r["kind"] == "dask" else f"{r['peak_rss_mb']} (children {r['children_peak_rss_mb']})")
        print(f"{label:<30}{r['seconds']:>9.1f}{r['words_per_second']:>10,}{r['words_per_second'] / bare_wps:>8.2f}"
              f"{r['calibration_wps']:>8,}  {memory}")
    print("(x bare: against both bare runs together)")

    def speed(a: dict, b: dict) -> str:
        raw = a["words_per_second"] / b["words_per_second"]
        corrected = raw * b["calibration_wps"] / a["calibration_wps"]
        return f"{raw:.2f} raw, {corrected:.2f} drift-corrected"

    print(f"calibration (bare spaCy, first {CALIBRATION_ARTICLES:,} articles) before/after each run, words/s: "
          f"{', '.join(str(c) for c in calibrations)}")
    local_time = local1["seconds"] + local1_again["seconds"]
    local1_both = {"words_per_second": (local1["words"] + local1_again["words"]) / local_time,
                   "calibration_wps": (local1["calibration_wps"] + local1_again["calibration_wps"]) / 2}
    bare_time = bare["seconds"] + bare_again["seconds"]
    print(f"local 1 process / bare, both measured first and last: {bare_time / local_time:.2f} "
          f"(first pair {bare['seconds'] / local1['seconds']:.2f}, last pair "
          f"{bare_again['seconds'] / local1_again['seconds']:.2f}) (target >= 0.8)")
    print(f"dask 2 workers / local 1 process (both runs): {speed(dask2, local1_both)}; dask 2 workers / dask 1 "
          f"worker: {speed(dask2, dask1)} (target >= 1.7); local 2 / local 1: {speed(local2, local1_both)}")
    full_peak = max(dask2["worker_peak_rss_mb"].values())
    quarter_peak = max(dask_quarter["worker_peak_rss_mb"].values())
    print(f"peak memory per worker: {quarter_peak} MB at 1/4 corpus, {full_peak} MB at full corpus "
          f"(ratio {full_peak / quarter_peak:.2f}; flat means close to 1)")


if __name__ == "__main__":
    main()
