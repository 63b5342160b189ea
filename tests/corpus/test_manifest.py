"""manifest.csv: bad rows are recorded problems naming the line; paths cannot escape the study."""

import os

from analysis.corpus.manifest import read_manifest, safe_article_path


def test_rows_and_problems(make_study):
    root = make_study({"a.txt": "x"}, manifest=(
        "file,outlet,published,colour\n"
        "a.txt,Example News,2024-11-27,red\n"
        ",No File,,\n"
        "../study.yml,Escape,,\n"
        "/etc/passwd,Absolute,,\n"
        "a.txt,Again,,\n"))
    rows, problems = read_manifest(root)
    assert rows["a.txt"]["outlet"] == "Example News" and rows["a.txt"]["_line"] == 2
    by_line = {p.line: p.message for p in problems}
    assert "colour" in by_line[1]
    assert "without a file" in by_line[3]
    assert "outside" in by_line[4] and "outside" in by_line[5]
    assert "twice" in by_line[6]


def test_unknown_means_no_value(make_study):
    root = make_study({"a.txt": "x"}, manifest="file,outlet\na.txt,unknown\n")
    rows, _ = read_manifest(root)
    assert rows["a.txt"]["outlet"] is None


def test_symlink_out_of_the_study_is_refused(make_study, tmp_path):
    root = make_study({"a.txt": "x"})
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    os.symlink(outside, root / "articles" / "link.txt")
    assert safe_article_path(root / "articles", "link.txt") is None
    assert safe_article_path(root / "articles", "a.txt") is not None


def test_manifest_without_file_column(make_study):
    root = make_study({"a.txt": "x"}, manifest="name,outlet\na.txt,X\n")
    rows, [problem] = read_manifest(root)
    assert rows == {} and "no 'file' column" in problem.message
