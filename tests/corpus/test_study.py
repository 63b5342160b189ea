"""load_study on the embedded study (against hand-made gold) and on bad input."""

import csv
import hashlib
import os

import pandas as pd
import pytest

from analysis.corpus.study import load_study
from analysis.errors import StudyError
from analysis.paths import DEFAULT_STUDY

ARTICLE = ("VELDORA (Reuters) - Veldoria is weighing whether to send weapons to Dravonia, officials "
           "said on Monday.\nThe presidential office said all options were on the table.\n")


def test_seed_files_are_byte_identical():
    listed = (DEFAULT_STUDY / "articles.sha256").read_text().split("\n")
    pairs = [line.split() for line in listed if line.strip()]
    assert len(pairs) == 5
    for digest, rel in pairs:
        assert hashlib.sha256((DEFAULT_STUDY / rel).read_bytes()).hexdigest() == digest


def test_bodies_start_and_end_where_a_reader_says(embedded_study):
    with open(DEFAULT_STUDY / "gold" / "body.csv", encoding="utf-8") as fh:
        gold = list(csv.DictReader(fh))
    articles = embedded_study.articles.set_index("file")
    assert sorted(articles.index) == sorted(g["file"] for g in gold)
    for g in gold:
        words = articles.at[g["file"], "body"].split()
        assert " ".join(words[:8]) == g["body_first_words"], g["file"]
        assert " ".join(words[-8:]) == g["body_last_words"], g["file"]


def test_embedded_metadata(embedded_study):
    a = embedded_study.articles.set_index("file")
    assert a.at["004_9843e58ba07119de.txt", "published"] == "2024-11-27"
    assert a.at["004_9843e58ba07119de.txt", "author"] == "Son Ji-hyoung"
    assert a.at["004_9843e58ba07119de.txt", "outlet"] == "The Korea Herald"
    assert a.at["001_620ec4c667e3b7bf.txt", "published"] == "2024-11-26"
    assert a.at["003_3e890ca1079c17d1.txt", "published"] == "2024-11-28"
    assert a.at["000_13060eb4a47889cc.txt", "wire"] == "Reuters"
    assert a["published"].isna().sum() == 2  # 000 and 002 state no publication date
    assert "published:text" in a.at["004_9843e58ba07119de.txt", "provenance"]
    assert "outlet:manifest" in a.at["004_9843e58ba07119de.txt", "provenance"]
    assert embedded_study.problems.empty


def test_list_items_and_tweet_text_survive(embedded_study):
    body = embedded_study.body("001_620ec4c667e3b7bf")
    assert "which will include:\n• air defense systems;\n• artillery systems." in body
    assert "Photo:" not in body and "spelling error" not in body


def test_removed_lines_audit(embedded_study):
    removed = embedded_study.removed_lines
    assert set(removed.columns) == {"article_id", "file", "line", "text", "rule"}
    rules = dict(zip(removed["text"], removed["rule"]))
    assert rules["(With inputs from Reuters)"] == "end_credit"
    assert rules["President Yoon Suk Yeol (Yonhap)"] == "caption"


def test_raw_files_untouched(make_study, snapshot):
    root = make_study({"a.txt": ARTICLE, "b.txt": "\ufeff" + ARTICLE.replace("\n", "\r\n")})
    before = snapshot(root)
    study = load_study(root)
    assert snapshot(root) == before
    assert len(study.articles) == 2


def test_bad_inputs_are_recorded_not_fatal(make_study):
    root = make_study({
        "good.txt": ARTICLE,
        "empty.txt": "",
        "binary.txt": b"\x00\x01\x02\x03",
        "latin.txt": ARTICLE.replace("Monday", "Montag \xe9").encode("cp1252"),
        "notes.docx": b"PK\x03\x04",
        "many.jsonl": '{"text": "One article body here."}\n{broken\n',
    }, manifest="file,outlet\ngood.txt,Example\nmissing.txt,Ghost\n")
    study = load_study(root)
    assert sorted(study.articles["file"]) == ["good.txt", "latin.txt", "many.jsonl"]
    problems = {(p.file, None if pd.isna(p.line) else int(p.line)): p.message
                for p in study.problems.itertuples()}
    assert "empty" in problems[("articles/empty.txt", None)]
    assert "binary" in problems[("articles/binary.txt", None)]
    assert "UTF-8" in problems[("articles/latin.txt", 1)]
    assert "unsupported" in problems[("articles/notes.docx", None)]
    assert "not valid JSON" in problems[("articles/many.jsonl", 2)]
    assert "not in articles/" in problems[("manifest.csv", 3)]
    assert study.articles.set_index("file").at["good.txt", "outlet"] == "Example"


def test_article_ids_are_unique_across_formats(make_study):
    study = load_study(make_study({"a.txt": ARTICLE, "a.json": '[{"text": "x y z."}, {"text": "p q."}]'}))
    assert sorted(study.articles["article_id"]) == ["a", "a#1", "a#2"]


def test_duplicate_cluster(make_study):
    study = load_study(make_study({"a.txt": ARTICLE, "b.txt": "Share\n" + ARTICLE}))
    row = study.articles.set_index("file").loc["b.txt"]
    assert row["duplicate_of"] == "a" and row["duplicate_kind"] == "exact"
    assert row["duplicate_cluster"] == "a"


def test_missing_folder_and_articles(tmp_path, make_study):
    with pytest.raises(StudyError, match="not found"):
        load_study(tmp_path / "nope")
    root = make_study({"a.txt": ARTICLE})
    os.rename(root / "articles", root / "other")
    with pytest.raises(StudyError, match="articles/"):
        load_study(root)


def test_symlinked_article_outside_is_refused(make_study, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE)
    root = make_study({"a.txt": ARTICLE})
    os.symlink(outside, root / "articles" / "z.txt")
    study = load_study(root)
    assert list(study.articles["file"]) == ["a.txt"]
    assert any("outside" in m for m in study.problems["message"])


def test_text_page_outlet_title_and_provenance():
    from analysis.corpus.readers import RawRecord
    from analysis.corpus.study import build_article

    body = ("The harbour board approved the money on Thursday after months of delay, the mayor said. " * 3).strip()
    page = "\n".join(["THE QUILLBY OBSERVER", "Home | Local | Sport", "",
                      "Ferry to resume — Here Is What We Know", "By Mira Tallow", "", body, "",
                      "© 2025 The Quillby Observer. All rights reserved."])
    row, _ = build_article(RawRecord(file="a.txt", record=None, line=1, text=page), "a", {"outlet": "unknown"}, [])
    assert row["outlet"] == "The Quillby Observer" and "outlet:text(masthead line 1)" in row["provenance"]
    assert row["title"] == "Ferry to resume — Here Is What We Know"  # a suffix that is not the outlet stays
    assert row["author"] == "Mira Tallow"
    bare, _ = build_article(RawRecord(file="b.txt", record=None, line=1, text=body), "b", {}, [])
    assert bare["outlet"] is None and "outlet:none(" in bare["provenance"]
