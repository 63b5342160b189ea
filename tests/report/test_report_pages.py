"""The built report on a tiny study: every figure shown, readable evidence, an index that answers first."""

import json
import re

import pytest

from analysis.report.runner import run_report
from tests.conftest import MINIMAL_STUDY

ARTICLE = ("KYIV (AP) - Ukraine asked Alpha for weapons on Monday, the defence ministry said in a statement.\n"
           "Alpha's government said it was reviewing the request and had not ruled out sending arms, "
           "a decision that officials described as one of the most consequential of the year for the region.\n"
           "Public opinion in Alpha opposes sending weapons to Ukraine, a poll found.\n")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    study = root / "study"
    (study / "articles").mkdir(parents=True)
    (study / "study.yml").write_text(MINIMAL_STUDY.replace(
        "{id: opinion, label: Public opinion, direction: away}",
        "{id: opinion, label: Public opinion, direction: away, cues: [poll, opposes]}"), encoding="utf-8")
    (study / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (study / "articles" / "b.txt").write_text(ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    (study / "manifest.csv").write_text("file,url\na.txt,https://www.example-news.com/2024/a\nb.txt,\n",
                                        encoding="utf-8")
    return run_report(study, root / "out", echo=lambda *a, **k: None)


def test_every_saved_figure_is_shown(report):
    pages = sorted(report.glob("[0-9][0-9]-*.html"))
    assert len(pages) == 4
    for page in pages:
        shown = len(re.findall(r'<img[^>]*src="data:image/png', page.read_text()))
        saved = len(list((report / page.stem / "figures").glob("*.png")))
        assert saved > 0 or page.stem == "04-pressure-factors"
        assert shown == saved, f"{page.name}: {shown} figures shown, {saved} saved"
