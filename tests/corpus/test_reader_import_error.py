"""Issue 16.6: a reader that cannot run (ImportError) lists a problem per file and the load goes on."""

import analysis.corpus.readers as readers
from analysis.corpus.study import load_study


def test_missing_html_dependency_is_a_problem_per_file(make_study, monkeypatch):
    def broken(html):
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")

    monkeypatch.setattr(readers, "html_to_text", broken)
    root = make_study({"a.html": "<html><body><p>Alpha.</p></body></html>",
                       "b.htm": "<html><body><p>Beta.</p></body></html>", "c.txt": "Gamma said so.\n"})
    study = load_study(root)
    assert study.articles["file"].tolist() == ["c.txt"]
    problems = study.problems[study.problems["message"].str.contains("HTML reader unavailable")]
    assert sorted(problems["file"]) == ["articles/a.html", "articles/b.htm"]
