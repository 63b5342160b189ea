"""Issue 16.4: a study-file string shown through Markdown/HTML never runs or renders as markup."""

import pytest

from analysis.report.text import escape_html, escape_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "Country *A* supplies _weapons_ to `B` $x^2$",
    "first line\n# a heading\n<iframe src='//evil'></iframe>",
    "A & B's \"arms\" | table | ~~gone~~",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_proposition_renders_as_plain_text(text):
    import mistune  # nbconvert's Markdown renderer

    rendered = mistune.html(f"# Who favours or opposes: *{escape_markdown(text)}*")
    lowered = rendered.lower()
    for tag in ("<script", "<img", "<iframe", "<a ", "<code", "<strong", "<del", "<table"):
        assert tag not in lowered
    assert lowered.count("<em>") == 1 and lowered.count("<h1>") == 1  # only our own markup


def test_escape_html():
    assert escape_html("<b>&'\"") == "&lt;b&gt;&amp;&#x27;&quot;"
    assert escape_html(None) == ""

