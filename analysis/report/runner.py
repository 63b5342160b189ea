"""Headless report: execute the notebooks with papermill, convert them to HTML, write an index.

Every table is computed once (``analysis.report.results.study_tables``) and written to the report's
``data/`` folder (Parquet and CSV) before the notebooks run; each notebook reads the same tables from
the table cache. The report is built in a temporary folder and moved into place only when every notebook ran, so a
failed run never replaces the previous good report; the failed run is kept as ``<report>.failed``.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.atomic import atomic_dir, recover_dir, write_table, write_text
from analysis.errors import StudyError
from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT, REPORTS_DIR, resolve_study_dir
from analysis.report.results import study_tables
from analysis.safety import check_ours, check_output_outside_study, write_marker

INJECTED = ("study_dir", "output_dir")


class NotebookFailed(StudyError):
    """A notebook raised while executing; names the notebook and the failing cell."""


@dataclass
class NotebookResult:
    name: str
    seconds: float
    ipynb: str
    html: str
    tables: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)


def list_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The analysis notebooks, in order (``NN-topic.ipynb``)."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def parse_parameter_value(text: str):
    """A ``-p NAME VALUE`` value: YAML scalars and lists (10, true, [a, b]); plain text otherwise."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def notebook_parameters(path: Path) -> dict[str, dict]:
    """Parameters declared in a notebook's ``parameters`` cell (via papermill)."""
    import papermill

    return papermill.inspect_notebook(str(path))


def check_parameters(notebooks: list[Path], params: dict) -> None:
    """Refuse a parameter that no selected notebook declares (papermill itself only warns)."""
    declared: set[str] = set()
    for nb in notebooks:
        declared |= set(notebook_parameters(nb))
    unknown = sorted(set(params) - declared)
    if unknown:
        raise StudyError(
            f"unknown parameter(s) {', '.join(unknown)}; valid parameters: {', '.join(sorted(declared))}")


def to_html(ipynb: Path, target: Path) -> None:
    """Convert an executed notebook to standalone HTML without input/output prompts."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    # Nothing in the report needs JavaScript from a CDN: tables, text and images are inline.
    exporter.mathjax_url = ""
    exporter.require_js_url = ""
    body, _ = exporter.from_notebook_node(nbformat.read(str(ipynb), as_version=4))
    write_text(target, body)


def _files(folder: Path, pattern: str, root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in folder.glob(pattern)) if folder.exists() else []


def run_notebook(nb: Path, work: Path, params: dict, study_dir: Path) -> NotebookResult:
    """Execute one notebook into ``work``; raise NotebookFailed naming the failing cell."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out_dir = work / nb.stem
    executed = work / f"{nb.stem}.ipynb"
    parameters = {**params, "study_dir": str(study_dir), "output_dir": str(out_dir)}
    accepted = notebook_parameters(nb)
    parameters = {k: v for k, v in parameters.items() if k in accepted}
    start = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(nb), str(executed), parameters=parameters, kernel_name="python3",
            cwd=str(PROJECT_ROOT), progress_bar=False, log_output=False,
        )
    except PapermillExecutionError as exc:
        raise NotebookFailed(
            f"notebook {nb.name} failed in cell {exc.exec_count} (code cell #{exc.cell_index}): "
            f"{exc.ename}: {exc.evalue}; the previous report is left as it was",
            file=str(nb)) from None
    seconds = time.perf_counter() - start
    to_html(executed, work / f"{nb.stem}.html")
    return NotebookResult(
        name=nb.stem, seconds=seconds, ipynb=executed.name, html=f"{nb.stem}.html",
        tables=_files(out_dir / "tables", "*.csv", work) + _files(out_dir / "tables", "*.parquet", work),
        figures=_files(out_dir / "figures", "*.png", work),
    )


def _collect_results(work: Path, fresh: list[NotebookResult]) -> list[NotebookResult]:
    """Results for every notebook in the report folder: this run's, and earlier ones kept by --only."""
    import json

    record = work / "run.json"
    seconds = json.loads(record.read_text()) if record.exists() else {}
    seconds.update({r.name: r.seconds for r in fresh})
    write_text(record, json.dumps(seconds, indent=1, sort_keys=True))
    results = []
    for ipynb in sorted(work.glob("[0-9][0-9]-*.ipynb")):
        name = ipynb.stem
        folder = work / name
        results.append(NotebookResult(
            name=name, seconds=seconds.get(name, float("nan")), ipynb=ipynb.name, html=f"{name}.html",
            tables=_files(folder / "tables", "*.csv", work) + _files(folder / "tables", "*.parquet", work),
            figures=_files(folder / "figures", "*.png", work)))
    return results


def write_index(work: Path, *, title: str, study_name: str, n_articles: int, n_words: int,
                results: list[NotebookResult]) -> Path:
    """The report's front page: study, corpus size, run date, version, links to everything."""
    from analysis import __version__

    results = _collect_results(work, results)
    esc = html.escape
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{esc(title)}</title>",
        ("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
         "color:#222}h1{font-size:1.6rem}li{margin:.2rem 0}img{max-width:18rem;border:1px solid #ddd;"
         "margin:.3rem}.meta{color:#555}</style></head><body>"),
        f"<h1>{esc(title)}</h1>",
        (f"<p class='meta'>Study <code>{esc(study_name)}</code> · {n_articles} articles, "
         f"{n_words:,} words · run {esc(dt.datetime.now().strftime('%Y-%m-%d %H:%M'))} · "
         f"news-workbook {esc(__version__)}</p>"),
    ]
    for r in results:
        parts.append(f"<h2>{esc(r.name)}</h2><p><a href='{esc(r.html)}'>report (HTML)</a> · "
                     f"<a href='{esc(r.ipynb)}'>executed notebook</a> · {r.seconds:.1f} s</p>")
        if r.tables:
            parts.append("<p>Tables:</p><ul>" + "".join(
                f"<li><a href='{esc(t)}'>{esc(t)}</a></li>" for t in r.tables) + "</ul>")
        if r.figures:
            parts.append("<p>Figures:</p>" + "".join(
                f"<a href='{esc(f)}'><img src='{esc(f)}' alt='{esc(f)}'></a>" for f in r.figures))
    parts.append("</body></html>")
    return write_text(work / "index.html", "\n".join(parts))


def run_report(study: str | os.PathLike | None = None, out: str | os.PathLike | None = None, *,
               params: dict | None = None, only: list[str] | None = None,
               notebooks_dir: Path = NOTEBOOKS_DIR, echo=print) -> Path:
    """Execute the notebooks on a study and build the report folder; return its path.

    Args:
        study: study folder (None: the embedded study).
        out: report folder (default ``reports/<study name>``).
        params: extra notebook parameters (names checked against the notebooks).
        only: notebook names or stems to run (default: all).
        notebooks_dir: folder of the notebooks to run.
        echo: where progress lines go.

    Raises:
        StudyError: bad study, unknown parameter or notebook; NotebookFailed when a notebook fails.
    """
    from analysis.corpus.study import load_study

    params = dict(params or {})
    for name in INJECTED:
        if name in params:
            raise StudyError(f"parameter {name!r} is set by the runner; use --study/--out instead")
    study_dir = resolve_study_dir(study)
    if out:
        check_output_outside_study(out, study_dir, what="report")
        check_ours(Path(out).resolve(), "report")
    loaded = load_study(study_dir)
    notebooks = list_notebooks(notebooks_dir)
    if not notebooks:
        raise StudyError(f"no notebooks (NN-name.ipynb) in {notebooks_dir}")
    if only:
        wanted = {Path(o).stem for o in only}
        notebooks = [nb for nb in notebooks if nb.stem in wanted or nb.stem.split("-", 1)[0] in wanted]
        if not notebooks:
            raise StudyError(f"no notebook matches {', '.join(only)}; notebooks: "
                             f"{', '.join(nb.stem for nb in list_notebooks(notebooks_dir))}")
    check_parameters(notebooks, params)
    target = Path(out).resolve() if out else REPORTS_DIR / loaded.name
    check_output_outside_study(target, study_dir, what="report")
    recover_dir(target)  # a run killed during the final swap left only .<report>.old
    check_ours(target, "report")
    # The kernel must run this interpreter (the one with the package installed).
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    # Every table is computed once, here; the notebooks read them from the same table cache.
    start = time.perf_counter()
    tables = study_tables(study_dir, spacy_model=params.get("spacy_model") or None)
    echo(f"tables: {len(tables)} computed or read in {time.perf_counter() - start:.1f} s", flush=True)
    results: list[NotebookResult] = []
    with atomic_dir(target) as work:
        if only and target.is_dir():  # keep the other notebooks' results
            shutil.copytree(target, work, dirs_exist_ok=True)
        write_marker(work, "report")
        for name, df in tables.items():
            write_table(df, work / "data" / f"{name}.csv", parquet=True)
        for i, nb in enumerate(notebooks, start=1):
            try:
                result = run_notebook(nb, work, params, study_dir)
            except NotebookFailed as exc:
                echo(f"[{i}/{len(notebooks)}] {nb.stem} FAILED", flush=True)
                kept = target.with_name(target.name + ".failed") / f"{nb.stem}.ipynb"
                raise NotebookFailed(f"{exc.message} (kept at {kept})", file=exc.file) from None
            echo(f"[{i}/{len(notebooks)}] {nb.stem} ok ({result.seconds:.1f} s)", flush=True)
            results.append(result)
        write_index(work, title=loaded.config.title, study_name=loaded.name,
                    n_articles=len(loaded.articles), n_words=int(loaded.articles["n_words"].sum()),
                    results=results)
    echo(f"report: {target / 'index.html'}")
    return target
