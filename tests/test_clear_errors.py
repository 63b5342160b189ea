"""Issue 16.7: inputs and outputs that cannot be used give one clear error line or a listed problem."""

import errno

import pytest

from analysis.cli import main
from analysis.corpus.study import load_study
from analysis.errors import StudyError

TEXT = "Alpha sends weapons to Beta, the Government of Alpha said.\n"


def test_non_utf8_file_name_is_a_listed_problem(make_study, tmp_path, capsys):
    root = make_study({"good.txt": TEXT})
    (root / "articles").joinpath(b"caf\xe9.txt".decode("utf-8", "surrogateescape")).write_text(TEXT)
    study = load_study(root)
    assert study.articles["file"].tolist() == ["good.txt"]
    assert any("not valid UTF-8" in m and "rename" in m for m in study.problems["message"])
    assert main(["export", "--study", str(root), "--out", str(tmp_path / "out"), "--corpus-only"]) == 0
    assert "caf\ufffd.txt" in capsys.readouterr().err


def test_manifest_that_is_a_folder_is_a_listed_problem(make_study):
    root = make_study({"a.txt": TEXT})
    (root / "manifest.csv").mkdir()
    study = load_study(root)
    assert len(study.articles) == 1
    assert "manifest.csv is not a file; ignored" in study.problems["message"].tolist()


def test_non_utf8_corrections_is_a_clear_error(make_study):
    from analysis.stance.corrections import read_corrections

    root = make_study({"a.txt": TEXT})
    (root / "corrections.csv").write_bytes("article,actor,stance\na.txt,a_gov,favor\nnote,caf\xe9\n".encode("latin-1"))
    with pytest.raises(StudyError, match="not valid UTF-8.*save corrections.csv as UTF-8"):
        read_corrections(load_study(root))


def test_full_disk_on_write_is_one_error_line(make_study, tmp_path, capsys, monkeypatch):
    import analysis.atomic

    root = make_study({"a.txt": TEXT})
    out = tmp_path / "out"

    def full(*args, dir=None, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(dir))

    monkeypatch.setattr(analysis.atomic.tempfile, "mkstemp", full)
    assert main(["export", "--study", str(root), "--out", str(out), "--corpus-only"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"error: {out}: No space left on device")
    assert "Traceback" not in "\n".join(err)


def test_unwritable_table_cache_still_gives_the_tables(make_study, tmp_path, monkeypatch):
    from analysis.report.results import CORPUS_TABLES, study_tables

    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(blocker))
    root = make_study({"a.txt": TEXT})
    with pytest.warns(UserWarning, match="cannot be written"):
        tables = study_tables(root, wanted=CORPUS_TABLES)
    assert len(tables["articles"]) == 1


@pytest.mark.model
def test_unwritable_annotation_cache_still_parses(make_study, tmp_path, monkeypatch):
    from analysis.nlp.parse import parse_study

    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(blocker))
    root = make_study({"a.txt": TEXT, "b.txt": TEXT.replace("Beta", "Gamma")})
    with pytest.warns(UserWarning, match="annotation cache"):
        docs = parse_study(load_study(root), progress=False)
    assert len(docs) == 2 and all(len(d) for d in docs)


def test_study_whose_only_file_is_skipped_still_exports(make_study, tmp_path):
    root = make_study({})
    (root / "articles").joinpath(b"caf\xe9.txt".decode("utf-8", "surrogateescape")).write_text(TEXT)
    assert main(["export", "--study", str(root), "--out", str(tmp_path / "out"), "--corpus-only"]) == 0
    assert (tmp_path / "out" / "problems.csv").exists()
