"""Headless report: execute the notebooks with papermill, convert them to HTML, write an index.

Every table is computed once (``analysis.report.results.study_tables``) and written to the report's
``data/`` folder (Parquet and CSV) before the notebooks run; each notebook reads the same tables from
the table cache. The report is built in a temporary folder and moved into place only when every notebook ran, so a
failed run never replaces the previous good report; the failed run is kept as ``<report>.failed``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import re
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.agreement import TABLE_NAMES as AGREEMENT_TABLES
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


def _papermill():
    """papermill, imported without jsonschema's optional IRI-format grammars.

    nbformat validates notebooks with jsonschema, which imports ``rfc3987_syntax`` when installed
    (it is, through jupyter-events) only to check "iri" formats; that import builds 38 Lark parsers,
    2.4 s of CPU at every report run, and notebook validation never checks those formats. Marking
    the module absent (``sys.modules``; a process that already imported it keeps it) skips that.
    """
    sys.modules.setdefault("rfc3987_syntax", None)
    import papermill

    return papermill


def notebook_parameters(path: Path) -> dict[str, dict]:
    """Parameters declared in a notebook's ``parameters`` cell (via papermill)."""
    return _papermill().inspect_notebook(str(path))


def check_parameters(notebooks: list[Path], params: dict) -> None:
    """Refuse a parameter that no selected notebook declares (papermill itself only warns)."""
    declared: set[str] = set()
    for nb in notebooks:
        declared |= set(notebook_parameters(nb))
    unknown = sorted(set(params) - declared)
    if unknown:
        raise StudyError(
            f"unknown parameter(s) {', '.join(unknown)}; valid parameters: {', '.join(sorted(declared))}")


def parameter_defaults(path: Path) -> dict:
    """A notebook's parameter defaults as Python values (None where the default is not a literal)."""
    import ast

    defaults = {}
    for name, info in notebook_parameters(path).items():
        try:
            defaults[name] = ast.literal_eval(info.get("default") or "None")
        except (ValueError, SyntaxError):
            defaults[name] = None
    return defaults


def non_default(notebooks: list[Path], params: dict) -> dict:
    """The parameters of ``params`` that differ from the default of some selected notebook declaring them."""
    changed = {}
    for nb in notebooks:
        for name, default in parameter_defaults(nb).items():
            if name in params and name not in INJECTED and params[name] != default:
                changed[name] = params[name]
    return changed


def _parameters_cell(parameters: dict):
    """A small table of the parameters the notebook ran with (markdown cell, HTML-escaped)."""
    import json

    import nbformat

    rows = "".join(f"<tr><td><code>{html.escape(str(k))}</code></td><td><code>"
                   f"{html.escape(json.dumps(v, ensure_ascii=False))}</code></td></tr>" for k, v in parameters.items())
    cell = nbformat.v4.new_markdown_cell(
        "<details class='run-parameters' open><summary>Parameters of this run</summary>"
        f"<table class='parameters'>{rows}</table></details>")
    cell.metadata["tags"] = ["report-parameters"]
    return cell


TOGGLE = """<style>.jp-Cell.jp-CodeCell .jp-Cell-inputWrapper{display:none}
body.show-code .jp-Cell.jp-CodeCell .jp-Cell-inputWrapper{display:block}
#code-toggle{position:fixed;top:.5rem;right:.5rem;z-index:10;font:13px system-ui,sans-serif}
table.parameters{font-size:12px;border-collapse:collapse}table.parameters td{border:1px solid #ddd;padding:2px 6px}
</style><label id='code-toggle'><input type='checkbox' onchange="document.body.classList.toggle('show-code',this.checked)"> show code</label>"""


def to_html(ipynb: Path, target: Path, parameters: dict | None = None) -> None:
    """Convert an executed notebook to standalone HTML: no prompts, code hidden behind a "show code"
    toggle, the run's ``parameters`` as a small table at the top."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    # Nothing in the report needs JavaScript from a CDN: tables (itables, offline), text and images are inline.
    exporter.mathjax_url = ""
    exporter.require_js_url = ""
    nb = nbformat.read(str(ipynb), as_version=4)
    if parameters is not None:
        nb.cells.insert(0, _parameters_cell(parameters))
    body, _ = exporter.from_notebook_node(nb)
    # The lab template loads mermaid from a CDN when a page has diagrams; ours have none: no CDN at all.
    body = re.sub(r"<script type=\"module\">(?:(?!</script>).)*jp-Mermaid(?:(?!</script>).)*</script>", "", body,
                  flags=re.S)
    head_end = body.find("</head>")
    if head_end != -1:
        style, toggle = TOGGLE.split("</style>", 1)
        body = body[:head_end] + style + "</style>" + body[head_end:]
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + toggle, body, count=1)
    write_text(target, body)


def _relocate(executed: Path, work: Path, target: Path) -> None:
    """Write the report's final folder where the executed notebook names the temporary one it ran in."""
    text = executed.read_text(encoding="utf-8")
    if str(work) in text:
        write_text(executed, text.replace(str(work), str(target)))


def _display_path(path: Path) -> str:
    """A path as the reader knows it: relative to the project folder when inside it."""
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def _files(folder: Path, pattern: str, root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in folder.glob(pattern)) if folder.exists() else []


def run_notebook(nb: Path, work: Path, params: dict, study_dir: Path, target: Path | None = None) -> NotebookResult:
    """Execute one notebook into ``work`` (the temporary folder of the report ``target``); raise
    NotebookFailed naming the failing cell."""
    papermill = _papermill()
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
            # Written once when it ends (or fails), not at every cell: a 4 MB notebook saved 30 times
            # cost more than its HTML page; the run happens in a temporary folder nobody watches.
            request_save_on_cell_execute=False,
            kernel_manager_class="analysis.report.kernel.IPCKernelManager",
        )
    except PapermillExecutionError as exc:
        raise NotebookFailed(
            f"notebook {nb.name} failed in cell {exc.exec_count} (code cell #{exc.cell_index}): "
            f"{exc.ename}: {exc.evalue}; the previous report is left as it was",
            file=str(nb)) from None
    seconds = time.perf_counter() - start
    target = target or work
    _relocate(executed, work, target)
    shown = {k: v for k, v in parameters.items() if k != "output_dir"}
    if "study_dir" in shown:
        shown["study_dir"] = _display_path(Path(shown["study_dir"]))
    shown["output_dir"] = f"{nb.stem}/ (in {_display_path(target)})"
    to_html(executed, work / f"{nb.stem}.html", shown)
    return NotebookResult(
        name=nb.stem, seconds=seconds, ipynb=executed.name, html=f"{nb.stem}.html",
        tables=_files(out_dir / "tables", "*.csv", work) + _files(out_dir / "tables", "*.parquet", work),
        figures=_files(out_dir / "figures", "*.png", work),
    )


def _collect_results(work: Path, fresh: list[NotebookResult], parameters: dict | None = None
                     ) -> tuple[list[NotebookResult], dict]:
    """Results for every notebook in the report folder (this run's, and earlier ones kept by --only),
    and the run record ``run.json``: per notebook, its seconds, run date and non-default parameters."""
    import json

    record_file = work / "run.json"
    record = json.loads(record_file.read_text()) if record_file.exists() else {}
    if "notebooks" not in record:  # the earlier format: {name: seconds}
        record = {"notebooks": {k: {"seconds": v, "parameters": {}} for k, v in record.items()
                                if isinstance(v, (int, float))}}
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    for r in fresh:
        record["notebooks"][r.name] = {"seconds": round(r.seconds, 2), "run": when,
                                       "parameters": dict(parameters or {})}
    write_text(record_file, json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False))
    results = []
    for ipynb in sorted(work.glob("[0-9][0-9]-*.ipynb")):
        name = ipynb.stem
        folder = work / name
        results.append(NotebookResult(
            name=name, seconds=record["notebooks"].get(name, {}).get("seconds", float("nan")), ipynb=ipynb.name,
            html=f"{name}.html",
            tables=_files(folder / "tables", "*.csv", work) + _files(folder / "tables", "*.parquet", work),
            figures=_files(folder / "figures", "*.png", work)))
    return results, record


def _page(results: list[NotebookResult], prefix: str) -> str | None:
    """The HTML page of the notebook whose name starts with ``prefix`` (None when it was not run)."""
    return next((r.html for r in results if r.name.startswith(prefix)), None)


def _see(page: str | None, text: str = "details") -> str:
    return f" <a class='see' href='{html.escape(page)}'>{html.escape(text)} →</a>" if page else ""


def summary_sections(tables: dict, config, results: list[NotebookResult]) -> list[str]:
    """The index's answers, from the report's tables: stances per outlet, most-mentioned entities,
    the balance of pressures, the analyst's corrections and the files with problems (HTML, escaped)."""
    import pandas as pd

    from analysis.report.show import actor_labels, add_outlet, factor_labels

    esc = html.escape
    parts: list[str] = []
    articles = tables.get("articles")
    if articles is None:
        return parts
    stance_page, entity_page = _page(results, "02"), _page(results, "03")
    factor_page, corpus_page = _page(results, "04"), _page(results, "01")
    summary = tables.get("stance_summary")
    if summary is not None:
        actors = actor_labels(config)
        parts.append("<h2>Who is presented as for, against or undecided</h2>"
                     f"<p class='q'>{esc(config.target.proposition)} — per outlet, each actor with the number "
                     f"of its articles presenting it that way.{_see(stance_page)}</p>")
        if summary.empty:
            parts.append("<p>No article attributes a stance to an actor.</p>")
        else:
            data = add_outlet(summary, articles)
            data["actor"] = data["actor"].map(lambda a: actors.get(a, a))
            stances = ["favor", "against", "undecided"]
            head = "".join(f"<th>{esc(s)}</th>" for s in ["outlet", "for", "against", "undecided"])
            # articles per (outlet, stance, actor), most first, actors in name order on ties: one groupby
            counts = (data.groupby(["outlet", "stance", "actor"])["article_id"].nunique().rename("n").reset_index()
                      .sort_values(["outlet", "stance", "n", "actor"], ascending=[True, True, False, True],
                                   kind="stable"))
            cell_text: dict[tuple[str, str], list[str]] = {}
            for outlet, stance, actor, n in counts.itertuples(index=False):
                cell_text.setdefault((outlet, stance), []).append(f"{esc(str(actor))} ({int(n)})")
            rows = [f"<tr><th>{esc(str(outlet))}</th>"
                    + "".join(f"<td>{', '.join(cell_text.get((outlet, stance), []))}</td>" for stance in stances)
                    + "</tr>" for outlet in sorted(data["outlet"].unique())]
            parts.append(f"<table class='answers'><tr>{head}</tr>{''.join(rows)}</table>")
    counts = tables.get("entity_counts")
    if counts is not None and not counts.empty:
        top = (counts.groupby(["canonical", "label"])["mentions"].sum().reset_index()
               .sort_values(["mentions", "canonical"], ascending=[False, True]).head(10))
        n_articles = counts.groupby("canonical")["article_id"].nunique()
        parts.append(f"<h2>Most-mentioned entities</h2>{_see(entity_page, 'all entities')}<ol class='entities'>"
                     + "".join(f"<li>{esc(str(r.canonical))} <span class='meta'>({esc(str(r.label))}) "
                               f"{int(r.mentions)} mentions in {int(n_articles[r.canonical])} articles</span></li>"
                               for r in top.itertuples()) + "</ol>")
    factors = tables.get("factor_summary")
    if factors is not None:
        labels = factor_labels(config)
        parts.append(f"<h2>The balance of pressures</h2><p class='q'>Articles citing each pressure as pushing "
                     f"toward or away from the decision.{_see(factor_page)}</p>")
        if factors.empty:
            parts.append("<p>No article cites a pressure factor of the study.</p>")
        else:
            table = pd.crosstab(factors["factor"], factors["direction"])
            for column in ("toward", "away"):
                if column not in table.columns:
                    table[column] = 0
            others = [c for c in table.columns if c not in ("toward", "away")]
            table = table.assign(total=table.sum(axis=1)).sort_values("total", ascending=False)
            head = "".join(f"<th>{esc(c)}</th>" for c in ["pressure", "toward", "away", *others])
            rows = "".join(
                f"<tr><th>{esc(labels.get(f, str(f)))}</th>"
                + "".join(f"<td>{int(row[c])}</td>" for c in ["toward", "away", *others]) + "</tr>"
                for f, row in table.iterrows())
            parts.append(f"<table class='answers'><tr>{head}</tr>{rows}</table>")
    evidence = tables.get("stance_evidence")
    corrected = sum(int(t["corrected"].astype(bool).sum()) for t in (evidence, summary)
                    if t is not None and "corrected" in t.columns)
    problems = tables.get("problems")
    n_files = int(problems["file"].nunique()) if problems is not None and not problems.empty else 0
    n_problems = len(problems) if problems is not None else 0
    agreement_line = ""
    if all(name in tables for name in AGREEMENT_TABLES):
        from analysis.report.gold import index_line

        agreement_line = (f"<li>Agreement with the analyst's gold: {esc(index_line(tables))}"
                          f"{_see(_page(results, '05'))}</li>")
    parts.append("<h2>Checks</h2><ul>"
                 f"<li>{corrected} result(s) corrected by the analyst (corrections.csv).{_see(stance_page)}</li>"
                 f"<li>{n_files} file(s) had problems while loading ({n_problems} problem(s) listed)."
                 f"{_see(corpus_page)}</li>{agreement_line}</ul>")
    return parts


def write_index(work: Path, *, title: str, study_name: str, n_articles: int, n_words: int,
                results: list[NotebookResult], tables: dict | None = None, config=None,
                parameters: dict | None = None) -> Path:
    """The report's front page: the answers first (stances per outlet, entities, pressures, corrections,
    problems), then study, corpus size, run date, version, parameters and links to everything."""
    from analysis import __version__

    results, record = _collect_results(work, results, parameters)
    esc = html.escape
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{esc(title)}</title>",
        ("<style>body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;"
         "color:#222}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.6rem}li{margin:.2rem 0}"
         "img{max-width:18rem;border:1px solid #ddd;margin:.3rem}.meta{color:#555}"
         "table.answers{border-collapse:collapse;font-size:.92rem}table.answers td,table.answers th{"
         "border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}"
         "table.answers th{background:#f5f7fa}.see{font-size:.9rem}.params{background:#fff8e1;"
         "border:1px solid #f0d58a;padding:.4rem .8rem}</style></head><body>"),
        f"<h1>{esc(title)}</h1>",
        (f"<p class='meta'>Study <code>{esc(study_name)}</code> · {int(n_articles)} articles, "
         f"{int(n_words):,} words · run {esc(dt.datetime.now().strftime('%Y-%m-%d %H:%M'))} · "
         f"news-workbook {esc(__version__)}</p>"),
    ]
    changed = {name: info for name, info in record.get("notebooks", {}).items() if info.get("parameters")}
    if changed:
        parts.append("<div class='params'><p>Not the default parameters:</p><ul>" + "".join(
            f"<li><a href='{esc(name)}.html'>{esc(name)}</a>: " + ", ".join(
                f"<code>{esc(k)} = {esc(json.dumps(v, ensure_ascii=False))}</code>"
                for k, v in info["parameters"].items()) + "</li>" for name, info in changed.items()) + "</ul></div>")
    if tables is not None and config is not None:
        parts.extend(summary_sections(tables, config, results))
    parts.append("<h2>Notebooks and files</h2>")
    for r in results:
        info = record.get("notebooks", {}).get(r.name, {})
        when = f" · run {esc(info['run'])}" if info.get("run") else ""
        parts.append(f"<h3>{esc(r.name)}</h3><p><a href='{esc(r.html)}'>report (HTML)</a> · "
                     f"<a href='{esc(r.ipynb)}'>executed notebook</a> · {r.seconds:.1f} s{when}</p>")
        if r.tables:
            parts.append("<details><summary>Tables</summary><ul>" + "".join(
                f"<li><a href='{esc(t)}'>{esc(t)}</a></li>" for t in r.tables) + "</ul></details>")
        if r.figures:
            parts.append("<p>Figures:</p>" + "".join(
                f"<a href='{esc(f)}'><img src='{esc(f)}' alt='{esc(f)}'></a>" for f in r.figures))
    parts.append("</body></html>")
    return write_text(work / "index.html", "\n".join(parts))


def run_report(study: str | os.PathLike | None = None, out: str | os.PathLike | None = None, *,
               params: dict | None = None, only: list[str] | None = None,
               notebooks_dir: Path = NOTEBOOKS_DIR, echo=print, on_loaded=None) -> Path:
    """Execute the notebooks on a study and build the report folder; return its path.

    Args:
        study: study folder (None: the embedded study).
        out: report folder (default ``reports/<study name>``).
        params: extra notebook parameters (names checked against the notebooks).
        only: notebook names or stems to run (default: all).
        notebooks_dir: folder of the notebooks to run.
        echo: where progress lines go.
        on_loaded: called with the loaded ``Study`` (the CLI lists its problems), so the study is
            loaded once per report.

    Raises:
        StudyError: bad study, unknown parameter or notebook; NotebookFailed when a notebook fails.
    """
    from analysis.corpus.study import load_study
    from analysis.report.show import with_outlet_labels

    params = dict(params or {})
    for name in INJECTED:
        if name in params:
            raise StudyError(f"parameter {name!r} is set by the runner; use --study/--out instead")
    study_dir = resolve_study_dir(study)
    if out:
        check_output_outside_study(out, study_dir, what="report")
        check_ours(Path(out).resolve(), "report")
    loaded = load_study(study_dir)
    if on_loaded is not None:
        on_loaded(loaded)
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
    changed = non_default(notebooks, params)
    if out:
        target = Path(out).resolve()
    elif only and changed:  # a partial run with parameters never replaces the main report's pages
        key = hashlib.sha256(json.dumps(changed, sort_keys=True, default=str).encode()).hexdigest()[:8]
        numbers = "-".join(nb.stem.split("-", 1)[0] for nb in notebooks)
        target = REPORTS_DIR / f"{loaded.name}--only-{numbers}-{key}"
    else:
        target = REPORTS_DIR / loaded.name
    check_output_outside_study(target, study_dir, what="report")
    recover_dir(target)  # a run killed during the final swap left only .<report>.old
    check_ours(target, "report")
    # The kernel must run this interpreter (the one with the package installed).
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    # Every table is computed once, here; the notebooks read them from the same table cache.
    start = time.perf_counter()
    tables = study_tables(study_dir, spacy_model=params.get("spacy_model") or None, loaded=loaded)
    echo(f"tables: {len(tables)} computed or read in {time.perf_counter() - start:.1f} s", flush=True)
    results: list[NotebookResult] = []
    with atomic_dir(target) as work:
        if only and target.is_dir():  # keep the other notebooks' results
            shutil.copytree(target, work, dirs_exist_ok=True)
        write_marker(work, "report")
        # The notebooks only read the tables (from the table cache), so they run side by side, one
        # kernel per core (one more was measured no faster); the report's data/ folder is written
        # while the first kernels start.
        with ThreadPoolExecutor(max_workers=max(1, min(len(notebooks), (os.cpu_count() or 1)))) as pool:
            futures = [pool.submit(run_notebook, nb, work, params, study_dir, target) for nb in notebooks]
            for name, df in tables.items():
                write_table(df, work / "data" / f"{name}.csv", parquet=True)
            for i, (nb, future) in enumerate(zip(notebooks, futures), start=1):
                try:
                    result = future.result()
                except NotebookFailed as exc:
                    echo(f"[{i}/{len(notebooks)}] {nb.stem} FAILED", flush=True)
                    for other in futures:
                        other.cancel()
                    kept = target.with_name(target.name + ".failed") / f"{nb.stem}.ipynb"
                    raise NotebookFailed(f"{exc.message} (kept at {kept})", file=exc.file) from None
                echo(f"[{i}/{len(notebooks)}] {nb.stem} ok ({result.seconds:.1f} s)", flush=True)
                results.append(result)
        write_index(work, title=loaded.config.title, study_name=loaded.name,
                    n_articles=len(loaded.articles), n_words=int(loaded.articles["n_words"].sum()),
                    results=results, tables={**tables, "articles": with_outlet_labels(tables["articles"])},
                    config=loaded.config, parameters=changed)
    echo(f"report: {target / 'index.html'}")
    return target
