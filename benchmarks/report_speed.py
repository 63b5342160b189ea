"""Benchmark: a whole report (`analysis run`) against `analysis export` on the same study, both with
a warm parse cache, measured in one run.

Builds a 400-article study (the embedded articles repeated, each copy made distinct), parses it
once to warm the Doc cache, then times, each as its own command: `analysis export` (every table,
written as CSV) and `analysis run` (every table computed once into the table cache and the report's
data folder, then the four notebooks read them). The table cache is emptied before each timed
command so both compute the tables. Target: run <= 1.5 x export + 20 s (kernel starts). Not a
test: `make benchmark-report`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.corpus import load_study
from analysis.paths import DEFAULT_STUDY, PROJECT_ROOT


def build_study(root: Path, articles: int) -> Path:
    """A study folder of ``articles`` text files: the embedded bodies, each copy made distinct."""
    study = root / "report-bench"
    (study / "articles").mkdir(parents=True)
    (study / "study.yml").write_bytes((DEFAULT_STUDY / "study.yml").read_bytes())
    bodies = load_study(DEFAULT_STUDY).articles["body"].tolist()
    for i in range(articles):
        text = f"Article {i}\n\n{bodies[i % len(bodies)]}\n\nThis is copy {i} of the story."
        (study / "articles" / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    return study


def timed(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", *args], check=True, env=env, cwd=PROJECT_ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        study = build_study(root, args.articles)
        env = {**os.environ, "NEWS_WORKBOOK_CACHE": str(root / "cache")}
        warm = timed(["export", "--study", str(study), "--out", str(root / "warmup")], env)
        shutil.rmtree(root / "cache" / "tables", ignore_errors=True)
        export = timed(["export", "--study", str(study), "--out", str(root / "export")], env)
        shutil.rmtree(root / "cache" / "tables", ignore_errors=True)
        run = timed(["run", "--study", str(study), "--out", str(root / "report")], env)
        words = int(load_study(study).articles["n_words"].sum())
    target = 1.5 * export + 20
    print(f"study: {args.articles} articles, {words:,} words (parse cache warmed in {warm:.1f} s)")
    print(f"analysis export: {export:6.1f} s")
    print(f"analysis run:    {run:6.1f} s  (target <= 1.5 x export + 20 s = {target:.1f} s: "
          f"{'met' if run <= target else 'missed'})")
    print(f"run / export:    {run / export:6.2f}")


if __name__ == "__main__":
    main()
