"""Agreement with the analyst's gold: the embedded study, a study coded in part, a study without gold."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from analysis import agreement
from analysis import evaluation as ev
from analysis.corpus import load_study
from analysis.paths import DEFAULT_STUDY
from analysis.tables import compute
from tests.conftest import MINIMAL_STUDY

ASKED = ("MARTENBURG (AP) - Dravonia asked Alpha for weapons on Monday, the defence ministry said in a statement.\n"
         "Alpha's government said it was reviewing the request and had not ruled out sending arms.\n")
URGED = ("Beta urged Alpha to send weapons quickly, its foreign minister said on Tuesday.\n"
         "A poll showed that 70 percent of Alpha's voters oppose sending arms to Beta.\n")


def _agreement(study) -> dict[str, pd.DataFrame]:
    return compute(study, agreement.TABLE_NAMES)


def test_cohen_kappa_by_hand():
    # observed 3/4; chance (2*1 + 2*3) / 16 = 1/2; kappa (3/4 - 1/2) / (1 - 1/2)
    assert agreement.cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]) == 0.5
    assert agreement.cohen_kappa(["a", "b"], ["b", "a"]) == -1.0
    assert math.isnan(agreement.cohen_kappa(["a", "a"], ["a", "a"]))  # no variation: undefined
    assert math.isnan(agreement.cohen_kappa([], []))


@pytest.fixture(scope="module")
def embedded_tables():
    return _agreement(load_study(DEFAULT_STUDY))


def test_embedded_study_matches_the_evaluate_command(embedded_tables):
    """Pooled over every actor and factor, the figures are the ``evaluate`` command's on the same study."""
    from analysis.evaluation_run import predict, score_tables

    study = load_study(DEFAULT_STUDY)
    gold = {name: ev.read_gold(study.path, name) for name in ev.GOLD_TABLES}
    figures, details = score_tables(predict(study), gold)
    actors, factors = embedded_tables["agreement_actors"], embedded_tables["agreement_factors"]
    pooled = actors.set_index("actor").loc[agreement.ALL]
    assert (pooled["found"], pooled["extra"], pooled["missed"]) == tuple(
        figures["stance_pairs"][k] for k in ("tp", "fp", "fn"))
    assert pooled["same_stance"] == figures["stance_triples"]["tp"]
    assert pooled["analyst_rows"] == len(gold["stances"]) and pooled["coded_articles"] == len(study.articles)
    per_actor = actors[actors["actor"] != agreement.ALL]
    assert per_actor["analyst_rows"].sum() == len(gold["stances"])
    assert set(gold["stances"]["actor"]) <= set(per_actor["actor"])
    pooled = factors.set_index("factor").loc[agreement.ALL]
    assert (pooled["found"], pooled["extra"], pooled["missed"]) == tuple(
        figures["factors"][k] for k in ("tp", "fp", "fn"))
    assert pooled["same_direction"] == figures["factors"]["direction_correct"]
    wrong = (len(details["factors"]["missing"]) + len(details["factors"]["extra"])
             + len(details["factors"]["wrong_direction"]))
    stance_pairs = {(f, a) for f, a, _ in details["stances"]["missing"] + details["stances"]["extra"]}
    disagreements = embedded_tables["agreement_disagreements"]
    assert len(disagreements) == wrong + len(stance_pairs)


def test_embedded_disagreements_carry_both_cues(embedded_tables):
    """Every listed disagreement shows the analyst's cue (verbatim in the body) and the machine's
    sentence holding its cue, so the analyst can audit it."""
    study = load_study(DEFAULT_STUDY)
    bodies = dict(zip(study.articles["article_id"], study.articles["body"]))
    rows = embedded_tables["agreement_disagreements"]
    assert not rows.empty  # the embedded gold and the rules differ somewhere
    for row in rows.itertuples():
        if row.analyst_value != agreement.NONE:
            assert row.analyst_cue.lower() in " ".join(bodies[row.article_id].split()).lower()
        if row.machine_value != agreement.NONE and not row.machine_corrected:
            assert row.machine_cue.lower() in row.machine_sentence.lower()
            assert row.machine_sentence[:40] in bodies[row.article_id]


@pytest.fixture
def partly_coded(make_study):
    """Five articles (two in one jsonl file); gold for a.txt, b.txt and wire.jsonl#2 only; no factors.csv."""
    study = make_study({"a.txt": ASKED, "b.txt": URGED, "c.txt": ASKED.replace("Monday", "Friday"),
                        "wire.jsonl": "\n".join(json.dumps({"text": t, "title": f"wire {i}"}) for i, t in
                                                enumerate([URGED.replace("Tuesday", "Wednesday"),
                                                           ASKED.replace("Monday", "Sunday")], start=1)) + "\n"},
                       study=MINIMAL_STUDY.replace("direction: away}", "direction: away, cues: [poll, oppose]}"))
    gold = study / "gold"
    gold.mkdir()
    (gold / "body.csv").write_text(
        "file,body_first_words,body_last_words\n"
        "a.txt,MARTENBURG (AP) - Dravonia asked Alpha for weapons,not ruled out sending arms.\n"
        "b.txt,Beta urged Alpha to send weapons quickly,of Alpha's voters oppose sending arms to Beta.\n"
        "wire.jsonl#2,MARTENBURG (AP) - Dravonia asked Alpha for weapons,not ruled out sending arms.\n")
    # Under the annotation rules a poll of voters is the public, not the government of Alpha: b.txt
    # gives no a_gov row; the rules give one (an extra). b_gov's "urged" is favor.
    (gold / "stances.csv").write_text(
        "file,actor,stance,explicit,cue\n"
        "a.txt,a_gov,undecided,yes,was reviewing the request\n"
        "b.txt,b_gov,favor,yes,Beta urged Alpha to send weapons\n"
        "wire.jsonl#2,a_gov,undecided,yes,was reviewing the request\n")
    return study


def test_only_coded_articles_are_compared(partly_coded):
    """c.txt and wire.jsonl#1 have no gold row: the machine's stances there (a_gov in both, b_gov in
    wire.jsonl#1) are not counted; computed over every article, a_gov would have three extras."""
    study = load_study(partly_coded)
    tables = _agreement(study)
    articles = tables["agreement_articles"].set_index("file")
    assert articles["coded"].to_dict() == {"a.txt": True, "b.txt": True, "c.txt": False,
                                           "wire.jsonl#1": False, "wire.jsonl#2": True}
    assert articles.loc["b.txt", "gold_files"] == "body, stances" and articles.loc["c.txt", "gold_files"] == ""
    machine = ev.keyed(compute(study, ["stance_summary"])["stance_summary"], study.articles)
    uncoded = machine[machine["file"].isin(["c.txt", "wire.jsonl#1"])]
    assert set(uncoded["actor"]) == {"a_gov", "b_gov"}  # the machine did find stances there
    assert ev.stance_scores(machine[machine["actor"] == "a_gov"], pd.DataFrame(
        {"file": ["a.txt", "wire.jsonl#2"], "actor": ["a_gov"] * 2, "stance": ["undecided"] * 2}))["actors"]["fp"] == 3

    actors = tables["agreement_actors"].set_index("actor")
    a_gov = actors.loc["a_gov"]
    assert (a_gov["coded_articles"], a_gov["analyst_rows"], a_gov["machine_rows"]) == (3, 2, 3)
    assert (a_gov["found"], a_gov["missed"], a_gov["extra"], a_gov["same_stance"]) == (2, 0, 1, 2)
    assert a_gov["stance_agreement"] == 1.0 and a_gov["article_agreement"] == round(2 / 3, 4)
    # a.txt undecided/undecided, b.txt none/against, wire.jsonl#2 undecided/undecided: (2/3 - 4/9) / (5/9)
    assert a_gov["kappa"] == 0.4
    b_gov = actors.loc["b_gov"]
    assert (b_gov["machine_rows"], b_gov["found"], b_gov["extra"]) == (1, 1, 0)

    disagreements = tables["agreement_disagreements"]
    assert len(disagreements) == 1
    row = disagreements.iloc[0]
    assert (row["file"], row["item"], row["disagreement"]) == ("b.txt", "a_gov", "extra")
    assert (row["analyst_value"], row["machine_value"]) == ("none", "against")
    assert row["machine_cue"] in row["machine_sentence"] and "70 percent" in row["machine_sentence"]


def test_missing_gold_file_leaves_its_table_empty(partly_coded):
    tables = _agreement(load_study(partly_coded))
    files = tables["agreement_gold_files"].set_index("gold_file")
    assert not files.loc["factors.csv", "present"] and files.loc["stances.csv", "present"]
    assert files.loc["body.csv", "articles"] == 3
    assert tables["agreement_factors"].empty
    assert list(tables["agreement_factors"].columns) == agreement.FACTOR_COLUMNS
    assert set(tables["agreement_disagreements"]["kind"]) == {"actor"}


def test_gold_naming_no_article_is_listed_not_counted(partly_coded):
    with open(partly_coded / "gold" / "stances.csv", "a") as f:
        f.write("d.txt,b_gov,favor,yes,Beta urged Alpha\n")
    tables = _agreement(load_study(partly_coded))
    files = tables["agreement_gold_files"].set_index("gold_file")
    assert files.loc["stances.csv", "unknown_files"] == "d.txt" and files.loc["stances.csv", "articles"] == 3
    assert tables["agreement_actors"].set_index("actor").loc["b_gov", "missed"] == 0
    assert "d.txt" not in set(tables["agreement_articles"]["file"])


def test_no_gold_folder_gives_empty_tables_with_columns(make_study):
    tables = _agreement(load_study(make_study({"a.txt": ASKED})))
    for name, columns in zip(agreement.TABLE_NAMES, agreement.empty_tables().values()):
        assert tables[name].empty and list(tables[name].columns) == list(columns.columns)


def test_gold_changes_the_table_cache_key(partly_coded, tmp_path, monkeypatch):
    from analysis.report import results

    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(tmp_path / "cache"))
    key = results.table_cache_key(partly_coded)
    with open(partly_coded / "gold" / "stances.csv", "a") as f:
        f.write("c.txt,a_gov,undecided,yes,was reviewing the request\n")
    assert results.table_cache_key(partly_coded) != key


def test_page_words_follow_the_tables(partly_coded, make_study):
    """The page and the index say what the tables hold: coded articles, a missing gold file, no gold."""
    from analysis.report import gold

    tables = _agreement(load_study(partly_coded))
    assert "3 of 5 articles are coded" in gold.status(tables) and "`factors.csv`" in gold.status(tables)
    assert gold.missing_note(tables, "stances") is None
    assert "file,factor,direction,cue" in gold.missing_note(tables, "factors")
    line = gold.index_line(tables)
    assert "3 of 5 articles coded" in line and "same stance on 3 of 3" in line and "no gold for factors" in line
    assert list(gold.disagreements_view(tables["agreement_disagreements"])["machine sentence"])[0].startswith("A poll")
    empty = _agreement(load_study(make_study({"a.txt": ASKED}, name="no-gold")))
    assert "no `gold/` folder" in gold.status(empty) and "gold/stances.csv" in gold.status(empty)
    assert gold.index_line(empty).startswith("No gold/ folder")


def test_a_gold_file_without_a_needed_column_is_a_clear_error(tmp_path):
    from analysis.errors import StudyError
    from analysis.evaluation import read_gold

    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "stances.csv").write_text("file,actor,stance\nalpha.txt,zorvan_gov,favor\n")
    with pytest.raises(StudyError, match=r"stances\.csv:1: gold file lacks column\(s\) explicit, cue"):
        read_gold(tmp_path, "stances")
