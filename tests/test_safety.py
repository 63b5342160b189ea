"""Issue 16.1: an output folder must never overlap the study, and only our own folders are replaced."""

from __future__ import annotations

import pytest

from analysis.cli import main
from analysis.errors import StudyError
from analysis.safety import MARKER, check_ours

ARTICLE = "Alpha sends weapons to Beta.\n\nThe Government of Alpha said so on Monday.\n"


@pytest.fixture
def study(make_study):
    root = make_study({"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Monday", "Tuesday")},
                      manifest="file,outlet\na.txt,Daily\n")
    (root / "gold").mkdir()
    (root / "gold" / "stances.csv").write_text("file,actor,stance\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("command,out", [
    ("run", "articles"), ("run", "."), ("run", ".."), ("export", "articles"), ("export", "articles/sub"),
    ("annotate", "."), ("annotate", "articles"), ("evaluate", "."), ("evaluate", "gold"),
])
def test_output_overlapping_the_study_is_refused_and_nothing_deleted(study, snapshot, capsys, command, out):
    before = snapshot(study)
    argv = [command, "--study", str(study), "--out", str(study / out)]
    if command == "annotate":
        argv.append("--fresh")
    assert main(argv) == 2
    assert "study folder" in capsys.readouterr().err
    assert snapshot(study) == before


def test_annotate_fresh_refuses_a_folder_that_is_not_a_store(study, tmp_path, capsys):
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    assert main(["annotate", "--study", str(study), "--out", str(precious), "--fresh"]) == 2
    assert "not a store folder" in capsys.readouterr().err
    assert (precious / "thesis.tex").read_text() == "years of work"


def test_run_refuses_to_replace_a_folder_that_is_not_a_report(study, tmp_path, capsys):
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "notes.md").write_text("keep")
    assert main(["run", "--study", str(study), "--out", str(precious)]) == 2
    assert "not a report folder" in capsys.readouterr().err
    assert (precious / "notes.md").read_text() == "keep"


def test_store_gets_a_marker_and_can_then_be_replaced(study, tmp_path):
    from analysis.scale.engine import _check_run

    store = tmp_path / "store"
    _check_run(store, {"x": 1}, fresh=False)
    assert (store / MARKER).is_file()
    _check_run(store, {"x": 2}, fresh=True)  # ours: replaced
    assert (store / MARKER).is_file()
    check_ours(store, "store")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "f").write_text("x")
    with pytest.raises(StudyError):
        check_ours(tmp_path / "other", "store")
