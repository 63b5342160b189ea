"""The headless runner: report folder, index links, escaping, parameter checks, failure safety."""

import json
import re

import nbformat
import pytest

from analysis.errors import StudyError
from analysis.report.runner import NotebookFailed, check_parameters, list_notebooks, run_report

SCRIPT_ARTICLE = ("Veldora weighs arms <script>alert('x')</script> for Martenburg\n\n"
                  "Veldoria is weighing whether to send weapons to Dravonia, officials said on Monday.\n"
                  "The <b>presidential office</b> said all options were on the table.\n")


def _notebook(folder, name, source):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('study_dir = ""  # study\noutput_dir = "x"  # out')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_code_cell("import pathlib"), params, nbformat.v4.new_code_cell(source)]
    path = folder / name
    nbformat.write(nb, path)
    return path


def test_unknown_parameter_lists_valid_ones():
    with pytest.raises(StudyError, match=r"unknown parameter\(s\) top_m; valid parameters: .*output_dir"):
        check_parameters(list_notebooks(), {"top_m": 3})


def test_report_on_tiny_study_escapes_article_text(make_study, tmp_path):
    study = make_study({"a.txt": SCRIPT_ARTICLE, "b.txt": SCRIPT_ARTICLE.replace("Monday", "Friday")})
    out = tmp_path / "report"
    lines = []
    run_report(study, out, only=["01"], echo=lambda *a, **k: lines.append(" ".join(map(str, a))))
    assert re.match(r"tables: \d+ computed or read in \d+\.\d s", lines[0])
    assert re.match(r"\[1/1\] 01-corpus ok \(\d+\.\d s\)", lines[1])
    assert (out / "data" / "stance_evidence.parquet").is_file() and (out / "data" / "articles.csv").is_file()
    index = (out / "index.html").read_text()
    links = re.findall(r"(?:href|src)='([^']+)'", index)
    assert "01-corpus.html" in links and "01-corpus/tables/articles.csv" in links
    for link in links:
        assert (out / link).is_file(), link
    assert "2 articles" in index and "A tiny study" in index
    page = (out / "01-corpus.html").read_text()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>presidential office</b>" not in page


def test_failed_notebook_keeps_previous_report(make_study, tmp_path):
    study = make_study({"a.txt": SCRIPT_ARTICLE})
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _notebook(nbs, "01-ok.ipynb", "pathlib.Path(output_dir).mkdir(parents=True, exist_ok=True)")
    out = tmp_path / "report"
    run_report(study, out, notebooks_dir=nbs, echo=lambda *a, **k: None)
    before = (out / "index.html").read_text()
    _notebook(nbs, "02-broken.ipynb", "raise RuntimeError('boom')")
    with pytest.raises(NotebookFailed) as info:
        run_report(study, out, notebooks_dir=nbs, echo=lambda *a, **k: None)
    message = str(info.value)
    assert "02-broken.ipynb" in message and "cell" in message and "boom" in message
    assert (out / "index.html").read_text() == before
    assert not (out / "02-broken.ipynb").exists()
    partial = json.loads((tmp_path / "report.failed" / "02-broken.ipynb").read_text())
    assert any(o.get("ename") == "RuntimeError" for c in partial["cells"] for o in c.get("outputs", []))


def test_runner_refuses_injected_and_unknown_notebooks(make_study):
    study = make_study({"a.txt": SCRIPT_ARTICLE})
    with pytest.raises(StudyError, match="set by the runner"):
        run_report(study, params={"study_dir": "x"})
    with pytest.raises(StudyError, match="no notebook matches"):
        run_report(study, only=["99-nothing"])


def _notebook_with_parameter(folder, name):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('study_dir = ""  # study\noutput_dir = "x"  # out\nactors = []  # actors')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_code_cell("import pathlib"), params,
                nbformat.v4.new_code_cell("pathlib.Path(output_dir).mkdir(parents=True, exist_ok=True)\nprint(actors)")]
    nbformat.write(nb, folder / name)


def test_partial_run_with_parameters_gets_its_own_report(make_study, tmp_path, monkeypatch):
    import analysis.report.runner as runner

    study = make_study({"a.txt": SCRIPT_ARTICLE})
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _notebook_with_parameter(nbs, "01-one.ipynb")
    _notebook_with_parameter(nbs, "02-two.ipynb")
    monkeypatch.setattr(runner, "REPORTS_DIR", tmp_path / "reports")
    main = run_report(study, notebooks_dir=nbs, echo=lambda *a, **k: None)
    assert main == tmp_path / "reports" / "tiny"
    before = (main / "02-two.ipynb").read_text()
    partial = run_report(study, only=["02"], params={"actors": ["gorvania"]}, notebooks_dir=nbs,
                         echo=lambda *a, **k: None)
    assert partial != main and re.fullmatch(r"tiny--only-02-[0-9a-f]{8}", partial.name)
    assert (main / "02-two.ipynb").read_text() == before
    record = json.loads((partial / "run.json").read_text())
    assert record["notebooks"]["02-two"]["parameters"] == {"actors": ["gorvania"]}
    index = (partial / "index.html").read_text()
    assert "Not the default parameters" in index and "gorvania" in index
    assert json.loads((main / "run.json").read_text())["notebooks"]["02-two"]["parameters"] == {}
    assert "Not the default parameters" not in (main / "index.html").read_text()
    # the same partial run again goes to the same folder; --out still wins
    assert run_report(study, only=["02"], params={"actors": ["gorvania"]}, notebooks_dir=nbs,
                      echo=lambda *a, **k: None) == partial
    out = run_report(study, tmp_path / "mine", only=["02"], params={"actors": ["gorvania"]}, notebooks_dir=nbs,
                     echo=lambda *a, **k: None)
    assert out == tmp_path / "mine"


@pytest.mark.model
def test_study_file_strings_never_run_as_html_in_the_stance_page(make_study, tmp_path):
    from tests.conftest import MINIMAL_STUDY

    hostile = MINIMAL_STUDY.replace(
        "proposition: Country A supplies weapons to Country B",
        "proposition: 'Arms <iframe src=\"javascript:alert(1)\"></iframe> [x](javascript:alert(2)) for B'")
    study = make_study({"a.txt": SCRIPT_ARTICLE}, study=hostile)
    out = tmp_path / "report"
    run_report(study, out, only=["02"], echo=lambda *a, **k: None)
    page = (out / "02-stance.html").read_text()
    assert "<iframe src=" not in page and 'href="javascript:' not in page
    assert "&lt;iframe" in page


def test_runner_imports_papermill_without_the_iri_grammars():
    """The runner's papermill import skips jsonschema's optional IRI grammars; notebooks still validate."""
    import subprocess
    import sys

    script = ("import sys\nfrom analysis.report.runner import list_notebooks, notebook_parameters\n"
              "nb = list_notebooks()[0]\nassert 'study_dir' in notebook_parameters(nb)\n"
              "import nbformat\nnbformat.validate(nbformat.read(str(nb), as_version=4))\n"
              "print('lark' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
