"""Scorers against gold (small hand-made frames) and the ``evaluate`` command on the embedded study."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from analysis.evaluation import (
    article_keys,
    body_scores,
    date_scores,
    entity_scores,
    factor_scores,
    gold_key,
    keyed,
    prf,
    quantity_scores,
    stance_scores,
)
from analysis.evaluation_run import COLUMNS, format_table, micro
from analysis.paths import DEFAULT_STUDY


def _df(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


@pytest.fixture
def articles():
    """Two records of wire.jsonl (record 1 and 2, as the project numbers them) and one page."""
    return pd.DataFrame({
        "article_id": ["01_page", "wire#1", "wire#2"],
        "file": ["01_page.txt", "wire.jsonl", "wire.jsonl"],
        "record": pd.array([pd.NA, 1, 2], dtype="Int64"),
        "published": ["2025-04-08", "2025-04-07", None],
        "provenance": ["published:text", "published:record", "title:record"],
        "body": ["one two three four five six seven eight nine ten",
                 "BRENVIK, April 7 (Tallis Press) - Veldoria's   government will decide. End of the first wire story here.",
                 "MARISPORT, April 9 - Gorvania is calling on Veldoria to renounce mining, it said on Friday."],
    })


def test_gold_key_names_records_one_based(articles):
    assert gold_key("a.txt", None) == "a.txt"
    assert gold_key("a.txt", pd.NA) == "a.txt"
    assert gold_key("wire.jsonl", 2) == "wire.jsonl#2"
    assert article_keys(articles) == {"01_page": "01_page.txt", "wire#1": "wire.jsonl#1", "wire#2": "wire.jsonl#2"}
    table = _df(article_id=["wire#2", "01_page", "wire#1"], file=["wire.jsonl", "01_page.txt", "wire.jsonl"],
                actor=["a", "b", "c"])
    assert list(keyed(table, articles)["file"]) == ["wire.jsonl#2", "01_page.txt", "wire.jsonl#1"]
    assert list(table["file"]) == ["wire.jsonl", "01_page.txt", "wire.jsonl"]  # a copy, input untouched


def test_prf_counts_and_empty():
    assert prf(2, 1, 1) == {"tp": 2, "fp": 1, "fn": 1, "precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert prf(0, 0, 0)["f1"] == 1.0
    assert prf(0, 2, 0)["f1"] == 0.0


def test_entity_scores_per_gold_key_with_non_unique_file(articles):
    # Both wire records mention Brenvik: keyed by file alone the (file, canonical) index is not unique
    # (``.at`` failed there); keyed by gold key each record has its own count.
    counts = _df(article_id=["wire#1", "wire#2", "wire#1", "01_page"],
                 file=["wire.jsonl", "wire.jsonl", "wire.jsonl", "01_page.txt"],
                 canonical=["Brenvik", "Brenvik", "Tallis Press", "Veldoria"], label=["GPE", "GPE", "ORG", "GPE"],
                 mentions=[2, 1, 2, 3], variants=["BRENVIK|Brenvik", "Brenvik", "Tallis Press", "Veldoria"])
    gold = _df(file=["wire.jsonl#1", "wire.jsonl#2", "wire.jsonl#1", "01_page.txt", "01_page.txt"],
               canonical=["Brenvik", "Brenvik", "Tallis Press", "Veldoria", "Ivo Marren"],
               type=["GPE", "GPE", "ORG", "GPE", "PERSON"], mentions=["2", "1", "2", "4", "1"],
               variants=["BRENVIK|Brenvik", "Brenvik", "Tallis Press", "Veldoria", "Marren"])
    scores = entity_scores(keyed(counts, articles), gold, types=("PERSON", "GPE"))
    assert (scores["tp"], scores["fp"], scores["fn"]) == (3, 0, 1)
    assert scores["exact_counts"] == 2 and scores["gold_entities"] == 4  # Veldoria 3 != 4, Marren missed
    assert scores["missing"] == [("01_page.txt", "Ivo Marren")]
    assert scores["count_errors"] == [("01_page.txt", "Veldoria", 4, 3)]
    assert entity_scores(keyed(counts, articles), gold, types=("ORG",))["f1"] == 1.0
    # Unkeyed, the duplicate (file, canonical) no longer raises; only the one-article page matches.
    assert entity_scores(counts, gold)["tp"] == 1


def test_entity_splits():
    counts = _df(file=["a.txt", "a.txt"], canonical=["Maravskyy", "Maravsky"], label=["PERSON", "PERSON"],
                 mentions=[2, 1], variants=["Maravskyy", "Maravsky"])
    gold = _df(file=["a.txt"], canonical=["Ivo Maravskyy"], type=["PERSON"], mentions=["3"],
               variants=["Maravskyy|Maravsky"])
    scores = entity_scores(counts, gold)
    assert scores["splits"] == 1
    assert scores["split_detail"] == [("a.txt", "Ivo Maravskyy", ["Maravsky", "Maravskyy"])]


def test_stance_scores_triples_and_pairs(articles):
    summary = _df(article_id=["wire#1", "wire#2", "wire#2", "01_page"],
                  file=["wire.jsonl"] * 3 + ["01_page.txt"],
                  actor=["veldoria_gov", "veldoria_gov", "gorvania_gov", "public"],
                  stance=["undecided", "favor", "against", "against"])
    gold = _df(file=["wire.jsonl#1", "wire.jsonl#2", "wire.jsonl#2", "01_page.txt"],
               actor=["veldoria_gov", "veldoria_gov", "gorvania_gov", "experts"],
               stance=["undecided", "against", "against", "against"], explicit=["yes"] * 4, cue=["c"] * 4)
    scores = stance_scores(keyed(summary, articles), gold)
    assert (scores["actors"]["tp"], scores["actors"]["fp"], scores["actors"]["fn"]) == (3, 1, 1)
    assert (scores["triples"]["tp"], scores["triples"]["fp"], scores["triples"]["fn"]) == (2, 2, 2)
    assert ("wire.jsonl#2", "veldoria_gov", "against") in scores["missing"]
    assert ("wire.jsonl#2", "veldoria_gov", "favor") in scores["extra"]


def test_factor_scores_direction(articles):
    summary = _df(article_id=["wire#1", "wire#2", "01_page"], file=["wire.jsonl", "wire.jsonl", "01_page.txt"],
                  factor=["jobs", "jobs", "climate"], direction=["toward", "away", "away"])
    gold = _df(file=["wire.jsonl#1", "wire.jsonl#2", "01_page.txt"], factor=["jobs", "jobs", "law"],
               direction=["toward", "mixed", "toward"], cue=["c"] * 3)
    scores = factor_scores(keyed(summary, articles), gold)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 1, 1)
    assert scores["direction_accuracy"] == 0.5 and scores["direction_correct"] == 1
    assert scores["wrong_direction"] == [("wire.jsonl#2", "jobs", "mixed", "away")]


def test_quantity_scores_other_percent_and_errors(articles):
    figures = _df(article_id=["wire#1", "wire#1", "wire#2", "01_page"],
                  file=["wire.jsonl"] * 3 + ["01_page.txt"],
                  quantity=["poll_oppose_pct", "other", "jobs", "other"], value=[58.0, 23.0, 1200.0, 40.0],
                  unit=["percent", "percent", "count", "percent"])
    gold = _df(file=["wire.jsonl#1", "wire.jsonl#1", "wire.jsonl#1"], quantity=["poll_oppose_pct",
               "poll_other_pct", "jobs"], value=["58", "23", "1200"], cue=["c"] * 3)
    scores = quantity_scores(keyed(figures, articles), gold)
    # 58 and the other-percent 23 match; 1200 is in record 2, not 1; a stray other 40 is not a row
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 1, 1)
    assert scores["missing"] == [("wire.jsonl#1", "jobs", 1200.0)]
    assert scores["extra"] == [("wire.jsonl#2", "jobs", 1200.0)]


def test_body_scores_start_end_and_unmatched(articles):
    gold = _df(file=["01_page.txt", "wire.jsonl#1", "wire.jsonl#2", "wire.jsonl#3"],
               body_first_words=["one two three four five six seven eight",
                                 "BRENVIK, April 7 (Tallis Press) - Veldoria's government",
                                 "Gorvania is calling on Veldoria to renounce mining,", "x"],
               body_last_words=["three four five six seven eight nine ten",
                                "decide. End of the first wire story here.",
                                "Veldoria to renounce mining, it said on Friday.", "y"])
    scores = body_scores(keyed(articles, articles), gold)
    assert scores["n"] == 4 and scores["both_ok"] == 2 and scores["start_ok"] == 2 and scores["end_ok"] == 3
    assert (scores["both"], scores["start"], scores["end"]) == (0.5, 0.5, 0.75)
    assert scores["unmatched"] == ["wire.jsonl#3"]
    wrong = {e["file"]: e for e in scores["errors"]}
    assert wrong["wire.jsonl#2"]["found_first"].startswith("MARISPORT, April 9")
    assert wrong["wire.jsonl#2"]["end_ok"]


def test_date_scores_exact_and_invented(articles):
    arts = keyed(articles, articles)
    arts.loc[arts["file"] == "wire.jsonl#2", "published"] = "2025-04-09"
    gold = _df(file=["01_page.txt", "wire.jsonl#1", "wire.jsonl#2"], published=["2025-04-08", "2025-04-06", ""])
    scores = date_scores(arts, gold)
    assert (scores["n"], scores["exact"], scores["invented"], scores["undated"]) == (2, 1, 1, 1)
    assert scores["share"] == 0.5
    errors = {e["file"]: e for e in scores["errors"]}
    assert errors["wire.jsonl#1"] == {"file": "wire.jsonl#1", "expected": "2025-04-06", "found": "2025-04-07",
                                      "provenance": "published:record"}
    assert errors["wire.jsonl#2"]["expected"] == "" and errors["wire.jsonl#2"]["found"] == "2025-04-09"


def test_date_scores_missing_date_is_nan():
    arts = _df(file=["a.txt", "b.txt"], published=[float("nan"), "2024-11-26"], provenance=["", ""])
    gold = _df(file=["a.txt", "b.txt"], published=["2024-11-25", "2024-11-26"])
    scores = date_scores(arts, gold)
    assert (scores["exact"], scores["invented"]) == (1, 0)
    assert scores["errors"][0]["found"] == ""


def test_micro_sums_counts_before_rates():
    one = {"articles": 2, "stance_triples": prf(1, 0, 3), "body": {"n": 2, "both_ok": 2, "start_ok": 2,
                                                                   "end_ok": 2, "both": 1.0, "start": 1.0, "end": 1.0}}
    two = {"articles": 8, "stance_triples": prf(9, 1, 1), "body": {"n": 8, "both_ok": 0, "start_ok": 4,
                                                                   "end_ok": 0, "both": 0.0, "start": 0.5, "end": 0.0}}
    total = micro([one, two])
    assert total["articles"] == 10
    assert total["stance_triples"] == prf(10, 1, 4)
    assert (total["body"]["both"], total["body"]["start"], total["body"]["end"]) == (0.2, 0.6, 0.2)


def test_format_table_aligned():
    table = format_table([("tiny", {"articles": 3, "stance_triples": prf(1, 0, 0)}),
                          ("micro dev (1)", {"articles": 3})])
    lines = table.splitlines()
    assert len({len(line) for line in lines}) == 1  # every line the same width
    assert lines[0].split() == ["study"] + [h for h, _, _ in COLUMNS]
    assert lines[2].split()[:2] == ["tiny", "3"] and "1.00" in lines[2]


@pytest.mark.model
def test_evaluate_cli_on_embedded_study(tmp_path, capsys):
    from analysis.cli import main

    assert main(["evaluate", "--study", str(DEFAULT_STUDY), "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    header = next(line for line in printed.splitlines() if line.startswith("study"))
    for measure in ("body", "start", "end", "date", "inv", "PG-F1", "ORG-F1", "cnt=", "split", "st-P", "st-R",
                    "tri-F1", "fac-F1", "dir", "qty-F1"):
        assert measure in header.split(), measure
    row = next(line for line in printed.splitlines() if line.startswith(DEFAULT_STUDY.name)).split()
    cells = dict(zip(header.split(), row))
    assert float(cells["tri-F1"]) >= 0.95
    assert re.fullmatch(r"\d\.\d\d", cells["body"])
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    figures = scores["studies"][DEFAULT_STUDY.name]
    assert figures["stance_triples"]["f1"] >= 0.95
    assert figures["unmatched_gold_keys"] == []
    assert "dev" not in scores["micro"] and "embedded" in scores["micro"]
    assert (tmp_path / f"{DEFAULT_STUDY.name}.md").read_text(encoding="utf-8").startswith("# Evaluation errors")


def test_metadata_scores_fold_case_and_count_invented():
    from analysis.evaluation import metadata_scores

    arts = _df(file=["a.txt", "b.txt", "c.txt"], outlet=["THE HARBOUR  GAZETTE", float("nan"), "Ridge Post"],
               title=["Port vote  delayed", "Mayor’s plan — a primer", "Anything"],
               author=["Ada Vale", None, "Desk"], provenance=["", "", "outlet:text(masthead)"])
    gold = _df(file=["a.txt", "b.txt", "c.txt"], outlet=["The Harbour Gazette", "Ridge Post", ""],
               title=["Port vote delayed", "Mayor's plan - a primer", "Anything"], author=["ada vale", "", ""])
    scores = metadata_scores(arts, gold)
    assert (scores["outlet"]["n"], scores["outlet"]["exact"], scores["outlet"]["invented"]) == (2, 1, 1)
    assert (scores["title"]["exact"], scores["title"]["lenient_exact"]) == (2, 3)
    assert (scores["author"]["share"], scores["author"]["invented"]) == (1.0, 1)
    missed = {e["file"]: e for e in scores["outlet"]["errors"]}
    assert missed["b.txt"]["found"] == "" and missed["c.txt"]["provenance"] == "outlet:text(masthead)"


def test_micro_sums_metadata_fields():
    one = {"articles": 2, "outlet": {"n": 2, "exact": 1, "share": 0.5, "empty": 0, "invented": 1}}
    two = {"articles": 2, "outlet": {"n": 2, "exact": 2, "share": 1.0, "empty": 0, "invented": 0}}
    assert micro([one, two])["outlet"] == {"n": 4, "exact": 3, "share": 0.75, "empty": 0, "invented": 1}
