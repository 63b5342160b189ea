"""Issue 16.8: inputs that used to be accepted or dropped silently become listed problems."""

import os

import pytest

from analysis.corpus.study import load_study

TEXT = "Alpha sends weapons to Beta, the Government of Alpha said on Monday.\n"


def _messages(study, file):
    return [m for f, m in zip(study.problems["file"], study.problems["message"]) if f == file]


@pytest.mark.parametrize("csv_text", [
    'title,text\nA,"unterminated\nB,second row\nC,third row\n',
    'title,text\nA,"unterminated\nB,"second row"\nC,third row\n',
])
def test_csv_unterminated_quote_is_a_problem(make_study, csv_text):
    study = load_study(make_study({"a.csv": csv_text}))
    assert any("unterminated quote" in m for m in _messages(study, "articles/a.csv"))


def test_csv_multiline_body_is_not_flagged(make_study):
    study = load_study(make_study({"a.csv": 'title,text\nA,"line one\nline two"\nB,other\n'}))
    assert not any("unterminated" in m for m in _messages(study, "articles/a.csv"))
    assert len(study.articles) == 2


@pytest.mark.parametrize("name", ["a.txt", "b.jsonl", "c.csv"])
def test_utf16_with_bom_is_decoded(make_study, name):
    content = {"a.txt": TEXT, "b.jsonl": '{"text": "%s"}\n' % TEXT.strip(), "c.csv": f'text\n"{TEXT.strip()}"\n'}[name]
    study = load_study(make_study({name: content.encode("utf-16")}))
    assert len(study.articles) == 1, study.problems
    assert "Alpha sends weapons" in study.articles["body"][0]


def test_nul_bytes_after_8k_are_removed_and_listed(make_study):
    body = TEXT * 200  # > 8 KiB
    study = load_study(make_study({"a.txt": "Title here\n\n" + body + "x\x00y\n",
                                   "b.jsonl": ('{"text": "%s"}\n' % TEXT.strip()) * 150 + '{"title": "T\x00", "text": "abc def"}\n'}))
    assert not any("\x00" in str(v) for v in study.articles["title"].tolist() + study.articles["body"].tolist())
    assert any("NUL" in m for m in _messages(study, "articles/a.txt"))
    assert any("NUL" in m for m in _messages(study, "articles/b.jsonl"))


def test_hidden_files_and_folder_links_are_listed(make_study, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.txt").write_text(TEXT)
    root = make_study({"a.txt": TEXT, ".hidden.txt": TEXT, ".cache/b.txt": TEXT})
    os.symlink(root / "articles" / ".cache", root / "articles" / "linked")
    study = load_study(root)
    assert study.articles["file"].tolist() == ["a.txt"]
    files = set(study.problems["file"])
    assert {"articles/.hidden.txt", "articles/.cache", "articles/linked"} <= files


def test_impossible_time_is_not_a_date(make_study):
    from analysis.corpus.metadata import parse_date_value

    assert parse_date_value("2024-11-20T25:61:00") is None
    assert parse_date_value("2024-11-20T10:30:00Z") == "2024-11-20"
    assert parse_date_value("2024-11-20") == "2024-11-20"
    study = load_study(make_study({"a.jsonl": '{"text": "%s", "date": "2024-11-20T25:61:00"}\n' % TEXT.strip()}))
    assert study.articles["published"].isna().all()
    assert any("not an explicit date" in m for m in _messages(study, "articles/a.jsonl"))
