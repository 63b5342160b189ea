"""Benchmark issue 16.2: a 50 MB article and a 100,000-line article beside the embedded study.

For each case, builds a study in a temp folder (the embedded ``study.yml`` and its 5 articles plus
the long article) and runs ``python -m analysis export`` on it in a child process. Prints, per case:
seconds, the child's peak RSS (``getrusage(RUSAGE_CHILDREN).ru_maxrss``, measured in a fresh
intermediate process so the cases do not mix), whether the long article is in ``articles.csv``,
whether it was parsed (rows in ``tokens``-based tables) or listed in ``problems.csv``, and whether
the 5 normal articles were analysed (rows in ``stance_summary.csv`` / ``entity_counts.csv``).

Target: peak < 1,500 MB and the study analysed. Not a test: ``make benchmark-long``.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
EMBEDDED = ROOT / "data" / "umerov-seoul-2024"
TARGET_MB = 1500

PROSE = [
    "The defence minister said on Tuesday that talks with his counterpart in Seoul had covered "
    "supplies of artillery shells and air defence systems.",
    "Officials in Kyiv said the visit was meant to secure support before the winter, when attacks "
    "on power stations are expected to grow.",
    "South Korea has so far refused to send lethal weapons directly, citing a law that bars arms "
    "exports to countries at war.",
    "Analysts in Washington said the talks showed how far the war now reaches beyond Europe.",
]

csv.field_size_limit(sys.maxsize)


def build_study(folder: Path, case: str) -> tuple[Path, str]:
    """A study with the embedded articles plus one long article; returns (study, long file name)."""
    study = folder / f"study-{case}"
    (study / "articles").mkdir(parents=True)
    (study / "study.yml").write_bytes((EMBEDDED / "study.yml").read_bytes())
    for path in sorted((EMBEDDED / "articles").iterdir()):
        if path.is_file():
            (study / "articles" / path.name).write_bytes(path.read_bytes())
    name = f"long_{case}.txt"
    with open(study / "articles" / name, "w", encoding="utf-8") as out:
        out.write("A very long article\n\n")
        if case == "50mb":
            paragraph = " ".join(PROSE) + "\n\n"
            out.write(paragraph * (50 * 1024 * 1024 // len(paragraph) + 1))
        else:  # 100,000 short prose lines
            for i in range(100_000):
                out.write(f"Line {i}: {PROSE[i % len(PROSE)][:60].rstrip()}.\n")
    return study, name


def measure(study: Path, out: Path) -> None:
    """Run the export in a child and print its seconds and peak RSS (this process runs only that child)."""
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "analysis", "export", "--study", str(study), "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "returncode": run.returncode,
                      "stderr": run.stderr[-2000:]}))


def read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run_case(folder: Path, case: str) -> dict:
    study, name = build_study(folder, case)
    size_mb = (study / "articles" / name).stat().st_size / 1024 / 1024
    out = folder / f"out-{case}"
    env_python = [sys.executable, str(HERE), "--measure", str(study), str(out)]
    measured = json.loads(subprocess.run(env_python, check=True, capture_output=True, text=True,
                                         cwd=ROOT).stdout.strip().splitlines()[-1])
    articles = read_csv(out / "articles.csv")
    ids = {row["file"]: row["article_id"] for row in articles}
    long_id = next((aid for f, aid in ids.items() if f.endswith(name)), None)
    normal = {aid for f, aid in ids.items() if not f.endswith(name)}
    problems = [p for p in read_csv(out / "problems.csv") if p["file"].endswith(name)]
    analysed = {}
    for table in ("stance_summary", "entity_counts"):
        rows = read_csv(out / f"{table}.csv")
        analysed[table] = len({r.get("article_id") for r in rows} & normal)
    long_parsed = any(r.get("article_id") == long_id for r in read_csv(out / "entity_counts.csv"))
    return {"case": case, "file_mb": size_mb, **measured, "long_in_articles": long_id is not None,
            "long_parsed": long_parsed, "long_problems": [p["message"] for p in problems],
            "normal_articles": len(normal), "analysed": analysed}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", nargs=2, metavar=("STUDY", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--case", choices=["50mb", "100k-lines"], action="append")
    args = parser.parse_args(argv)
    if args.measure:
        measure(Path(args.measure[0]), Path(args.measure[1]))
        return 0
    ok = True
    with tempfile.TemporaryDirectory(prefix="news-workbook-long-") as tmp:
        for case in args.case or ["50mb", "100k-lines"]:
            r = run_case(Path(tmp), case)
            met = (r["returncode"] == 0 and r["peak_mb"] < TARGET_MB and r["long_in_articles"]
                   and all(n == r["normal_articles"] for n in r["analysed"].values()))
            ok &= met
            print(f"{case}: file {r['file_mb']:.1f} MB, export {r['seconds']:.1f} s, "
                  f"peak RSS {r['peak_mb']:.0f} MB (target < {TARGET_MB}), exit {r['returncode']}")
            print(f"  long article in articles.csv: {r['long_in_articles']}; parsed: {r['long_parsed']}; "
                  f"in problems.csv: {len(r['long_problems'])}")
            for message in r["long_problems"]:
                print(f"    - {message}")
            print("  normal articles analysed: " + ", ".join(
                f"{t} {n}/{r['normal_articles']}" for t, n in r["analysed"].items()))
            if r["returncode"]:
                print("  stderr: " + r["stderr"].replace("\n", "\n    "))
            print(f"  target {'met' if met else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
