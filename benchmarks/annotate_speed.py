"""Benchmark: words per second of the annotation step against a bare ``nlp.pipe``, and a cached rerun.

Measured in one run on a corpus of about 200,000 words (the embedded articles repeated, each copy
made distinct so the cache cannot serve it). Prints the figures and the ratios; targets: project /
bare >= 0.8, cached rerun >= 20x faster than the cold run. Not a test: run it with `make benchmark`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from analysis.corpus.study import count_words, load_study
from analysis.nlp.parse import AnnotationStats, parse_texts
from analysis.nlp.pipeline import build_pipeline


def make_corpus(target_words: int) -> tuple[list[str], object]:
    study = load_study(None)
    bodies = study.articles["body"].tolist()
    texts, words, n = [], 0, 0
    while words < target_words:
        text = f"{bodies[n % len(bodies)]}\n\nCopy {n}."
        texts.append(text)
        words += count_words(text)
        n += 1
    return texts, study.config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    texts, config = make_corpus(args.words)
    words = sum(count_words(t) for t in texts)
    nlp = build_pipeline(config)
    list(nlp.pipe(texts[:10]))  # warm up

    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        cold_stats, warm_stats = AnnotationStats(), AnnotationStats()
        start = time.perf_counter()
        parse_texts(texts, config, batch_size=args.batch_size, cache_folder=cache, stats=cold_stats)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        parse_texts(texts, config, batch_size=args.batch_size, cache_folder=cache, stats=warm_stats)
        warm = time.perf_counter() - start

    print(f"corpus: {len(texts)} articles, {words:,} words; pipeline {nlp.meta['name']} "
          f"{nlp.meta['version']} + study components: {nlp.pipe_names}")
    print(f"bare nlp.pipe:            {bare:7.2f} s  {words / bare:10,.0f} words/s")
    print(f"annotate, cold (+cache):  {cold:7.2f} s  {words / cold:10,.0f} words/s  parsed {cold_stats.parsed}")
    print(f"annotate, cached rerun:   {warm:7.2f} s  {words / warm:10,.0f} words/s  from cache {warm_stats.cached}")
    print(f"ratio project/bare: {bare / cold:.2f} (target >= 0.8)")
    print(f"cached rerun speed-up: {cold / warm:.1f}x (target >= 20x)")


if __name__ == "__main__":
    main()
