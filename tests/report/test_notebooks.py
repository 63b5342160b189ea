"""Notebook hygiene, and each notebook run by papermill with non-default parameters on a tiny study."""

import json

import pandas as pd
import papermill
import pytest

from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from analysis.report.runner import list_notebooks

NOTEBOOKS = list_notebooks()
EXTRA_PARAMETERS = {"03-entities": {"top_n": 5, "min_mentions": 1, "labels": ["PERSON", "GPE"]},
                    "02-stance": {"actors": ["a_gov", "b_gov"], "target": "Country A arms Country B"}}
ARTICLE = ("MARTENBURG (AP) - Dravonia asked Alpha for weapons on Monday, the defence ministry said in a statement.\n"
           "Alpha's government said it was reviewing the request and had not ruled out sending arms.\n")


def test_there_are_notebooks():
    assert [nb.stem for nb in NOTEBOOKS][:1] == ["01-corpus"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_clean(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    first, second = code[0], code[1]
    assert all(line.startswith(("import", "from", "\n")) or not line.strip()
               for line in "".join(first["source"]).splitlines())
    assert "parameters" in second["metadata"].get("tags", [])
    params = "".join(second["source"]).splitlines()
    names = [line.split(":")[0].split("=")[0].strip() for line in params if line.strip()]
    assert names[:2] == ["study_dir", "output_dir"]
    assert all("#" in line for line in params if line.strip())
    assert "/work/" not in path.read_text() and "../" not in "".join(second["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_on_tiny_study(path, make_study, tmp_path, monkeypatch):
    study = make_study({"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Monday", "Tuesday")})
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)  # any working directory
    papermill.execute_notebook(str(path), str(tmp_path / path.name), kernel_name="python3",
                               parameters={"study_dir": str(study), "output_dir": str(out),
                                           **EXTRA_PARAMETERS.get(path.stem, {})},
                               progress_bar=False, cwd=str(tmp_path))
    tables = {p.stem for p in (out / "tables").glob("*.csv")}
    assert tables, "the notebook wrote no tables"
    if path.stem == "01-corpus":
        articles = pd.read_csv(out / "tables" / "articles.csv")
        assert sorted(articles["file"]) == ["a.txt", "b.txt"]
        assert {"article_lengths.png", "publication_timeline.png"} <= {p.name for p in (out / "figures").iterdir()}
    if path.stem == "03-entities":
        counts = pd.read_csv(out / "tables" / "entity_counts.csv")
        assert set(counts["file"]) == {"a.txt", "b.txt"}
        assert "Dravonia" in set(counts["canonical"])
        assert {"top_entities.png", "cooccurrence_network.png"} <= {p.name for p in (out / "figures").iterdir()}
    if path.stem == "02-stance":
        summary = pd.read_csv(out / "tables" / "stance_summary.csv")
        assert ("a.txt", "a_gov") in set(zip(summary["file"], summary["actor"]))
    if path.stem == "04-pressure-factors":
        for name in ["factor_evidence", "factor_summary", "quantities", "quantity_comparison"]:
            assert (out / "tables" / f"{name}.csv").exists()
    if path.stem == "05-agreement":  # the tiny study has no gold/: empty tables with their columns
        from analysis.agreement import empty_tables

        for name, empty in empty_tables().items():
            table = pd.read_csv(out / "tables" / f"{name}.csv")
            assert table.empty and list(table.columns) == list(empty.columns)
        executed = (tmp_path / path.name).read_text()
        assert "no `gold/` folder" in executed and "gold/stances.csv" in executed
    assert (PROJECT_ROOT / "notebooks") == NOTEBOOKS_DIR


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_read_a_partitioned_store(path, make_study, tmp_path):
    from analysis.scale.engine import annotate_corpus
    from tests.conftest import MINIMAL_STUDY

    with_cues = MINIMAL_STUDY.replace("{id: opinion, label: Public opinion, direction: away}",
                                      "{id: opinion, label: Public opinion, direction: away, cues: [weapon, arms]}")
    study = make_study({"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Monday", "Tuesday"),
                        "c.txt": ARTICLE.replace("Alpha", "Beta")}, study=with_cues)
    store, _ = annotate_corpus(study, tmp_path / "store", partition_size=2, echo=lambda *a: None)
    if path.stem == "05-agreement":  # the analyst coded a.txt only
        (study / "gold").mkdir()
        (study / "gold" / "stances.csv").write_text("file,actor,stance,explicit,cue\n"
                                                   "a.txt,a_gov,undecided,yes,was reviewing the request\n")
    out = tmp_path / "out"
    papermill.execute_notebook(str(path), str(tmp_path / path.name), kernel_name="python3", progress_bar=False,
                               parameters={"study_dir": str(study), "output_dir": str(out),
                                           "store_dir": str(store), **EXTRA_PARAMETERS.get(path.stem, {})})
    from analysis.scale.store import read_table

    if path.stem == "05-agreement":  # computed from the store's tables (articles without bodies)
        coded = pd.read_csv(out / "tables" / "agreement_articles.csv").set_index("file")["coded"]
        assert coded.to_dict() == {"a.txt": True, "b.txt": False, "c.txt": False}
        actors = pd.read_csv(out / "tables" / "agreement_actors.csv").set_index("actor")
        assert actors.loc["a_gov", "same_stance"] == actors.loc["a_gov", "machine_rows"] == 1
        return
    table = {"01-corpus": "articles", "02-stance": "stance_evidence", "03-entities": "mentions", "04-pressure-factors": "factor_evidence"}[
        path.stem]
    written = pd.read_csv(out / "tables" / f"{table}.csv")
    assert len(written) == len(read_table(store, table)) > 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_as_jupyterlab_writes_it(path):
    """Opening a notebook in JupyterLab must not change it on disk: the file is byte for byte what
    nbformat (Lab's writer) produces, nbformat 4.5 with cell ids, and the kernel's language_info."""
    import nbformat

    text = path.read_text()
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    assert all("id" in cell for cell in nb.cells)
    assert text == nbformat.writes(nb) + "\n"
    info = nb.metadata["language_info"]
    assert {"codemirror_mode", "file_extension", "mimetype", "name", "nbconvert_exporter",
            "pygments_lexer", "version"} <= set(info)


LIGHT_KERNEL = """
import json, sys
from pathlib import Path
for path in sorted(Path({folder!r}).glob("[0-9][0-9]-*.ipynb")):
    cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    exec("".join(cells[0]["source"]), {{}})
from analysis.report import load_corpus, load_results
load_corpus({study!r}); load_results({study!r})
print("spacy" in sys.modules)
"""


def test_notebooks_read_the_computed_tables_without_loading_spacy():
    """A report kernel only reads tables: its imports and a cached load_results never import spaCy."""
    import subprocess
    import sys

    from analysis.paths import DEFAULT_STUDY
    from analysis.report.results import study_tables

    study_tables(DEFAULT_STUDY)  # computed (or already cached) here, as `analysis run` does first
    script = LIGHT_KERNEL.format(folder=str(NOTEBOOKS_DIR), study=str(DEFAULT_STUDY))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=PROJECT_ROOT)
    assert out.stdout.strip().splitlines()[-1] == "False"
