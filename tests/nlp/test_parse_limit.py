"""Issue 16.2: a body over the parse limit is not parsed; it keeps its row, gets an empty Doc and a problem."""

import pytest

from analysis.corpus.study import load_study
from analysis.nlp.parse import AnnotationStats, parse_study
from analysis.tables import compute

PARA = "Alpha said on Monday it would not send weapons to Beta, officials in Alphaville said."


@pytest.mark.model
def test_article_over_parse_limit_is_listed_not_parsed(make_study, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("NEWS_WORKBOOK_MAX_PARSE_CHARS", "300")
    long_body = "\n\n".join([PARA] * 10)  # ~900 characters
    root = make_study({"long.txt": long_body, "short.txt": PARA + "\n", "other.txt": PARA + "\n"})
    study = load_study(root)
    assert study.problems["file"].tolist() == ["articles/long.txt"]  # listed when the study loads
    stats = AnnotationStats()
    docs = parse_study(study, stats=stats, progress=False)
    bodies = study.articles["body"].tolist()
    files = study.articles["file"].tolist()
    long_i = files.index("long.txt")
    assert len(docs[long_i]) == 0
    assert bodies[long_i].count("Alpha said") == 10  # the row keeps its cleaned body
    assert all(len(d) > 5 for i, d in enumerate(docs) if i != long_i)
    assert (stats.parsed, stats.skipped) == (2, 1)

    # the skipped body was not cached as parsed: with the limit raised it is parsed
    monkeypatch.setenv("NEWS_WORKBOOK_MAX_PARSE_CHARS", "100000")
    stats = AnnotationStats()
    docs = parse_study(study, stats=stats, progress=False)
    assert (stats.cached, stats.parsed, stats.skipped) == (2, 1, 0)
    assert len(docs[long_i]) > 100

    monkeypatch.setenv("NEWS_WORKBOOK_MAX_PARSE_CHARS", "300")
    tables = compute(study, ["articles", "problems", "entity_counts"])
    assert "long.txt" in tables["articles"]["file"].tolist()
    listed = tables["problems"][tables["problems"]["file"] == "articles/long.txt"]
    assert len(listed) == 1
    row = listed.iloc[0]
    assert row["severity"] == "warning"
    assert "parse limit of 300 characters" in row["message"]
    assert "NEWS_WORKBOOK_MAX_PARSE_CHARS" in row["message"]
    counted = set(tables["entity_counts"]["article_id"])
    ids = study.articles["article_id"].tolist()
    assert ids[long_i] not in counted
    assert counted == {a for i, a in enumerate(ids) if i != long_i}
