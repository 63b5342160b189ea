"""Export and CLI: tables written atomically, problems shown, errors as exit codes."""

import pandas as pd

from analysis.cli import main


def test_export_writes_tables(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path)]) == 0
    articles = pd.read_csv(tmp_path / "articles.csv")
    for column in ["article_id", "file", "outlet", "published", "title", "author", "wire",
                   "duplicate_of", "n_words", "body"]:
        assert column in articles.columns
    assert len(articles) == 5 and (articles["n_words"] > 300).all()
    removed = pd.read_csv(tmp_path / "removed_lines.csv")
    assert list(removed.columns[:3]) == ["article_id", "file", "line"] and "rule" in removed
    assert not list(tmp_path.glob(".*tmp"))
    assert "5 articles" in capsys.readouterr().out


def test_cli_reports_problems_and_errors(make_study, tmp_path, capsys):
    root = make_study({"a.txt": "A sentence that is long enough to be prose here.", "b.txt": ""})
    assert main(["export", "--study", str(root), "--out", str(tmp_path / "out")]) == 0
    assert "articles/b.txt: empty file" in capsys.readouterr().err
    (root / "study.yml").write_text("name: x\n")
    assert main(["export", "--study", str(root), "--out", str(tmp_path / "out")]) == 2
    assert "study.yml" in capsys.readouterr().err
