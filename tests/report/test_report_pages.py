"""The built report on a tiny study: every figure shown, readable evidence, an index that answers first."""

import json
import re

import pytest

from analysis.report.runner import run_report
from tests.conftest import MINIMAL_STUDY

ARTICLE = ("MARTENBURG (AP) - Dravonia asked Alpha for weapons on Monday, the defence ministry said in a statement.\n"
           "Alpha's government said it was reviewing the request and had not ruled out sending arms, "
           "a decision that officials described as one of the most consequential of the year for the region.\n"
           "Public opinion in Alpha opposes sending weapons to Dravonia, a poll found, with respondents describing "
           "the choice as a burden that the country and its neighbours would carry for many years to come.\n")


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
    assert len(pages) == 5
    for page in pages:
        shown = len(re.findall(r'<img[^>]*src="data:image/png', page.read_text()))
        saved = len(list((report / page.stem / "figures").glob("*.png")))
        assert saved > 0 or page.stem in ("04-pressure-factors", "05-agreement")
        assert shown == saved, f"{page.name}: {shown} figures shown, {saved} saved"


def test_agreement_without_gold_says_how_to_add_it(report):
    page, index = (report / "05-agreement.html").read_text(), (report / "index.html").read_text()
    assert "has no <code>gold/</code> folder" in page and "file,actor,stance,explicit,cue" in page
    assert "No gold/ folder: agreement with an analyst" in index and "05-agreement.html" in index


def test_evidence_is_readable_and_interactive_offline(report):
    page = (report / "02-stance.html").read_text()
    assert "itables" in page and "dt-container" in page  # interactive tables, bundle embedded (offline)
    assert "https://cdn" not in page and "code.jquery" not in page and not re.search(r"src=[\"']https?:", page)
    for name, sentence in [
            ("02-stance", "a decision that officials described as one of the most consequential of the year for the region"),
            ("04-pressure-factors", "a burden that the country and its neighbours would carry for many years to come")]:
        text = (report / f"{name}.html").read_text()
        assert sentence in text, f"{name}: a full sentence is cut"
    # every evidence row keeps article, outlet, sentence number and cue
    for name in ("02-stance", "04-pressure-factors"):
        text = (report / f"{name}.html").read_text()
        for column in ("article_id", "outlet", "sentence_id", "cue"):
            assert f"{column}" in text


def test_labels_from_the_study_file_and_one_outlet_label(report):
    stance = (report / "02-stance.html").read_text()
    assert "Government of A" in stance
    index = (report / "index.html").read_text()
    for page in [index, stance, (report / "03-entities.html").read_text()]:
        assert "example-news.com" in page
        assert "unknown: " not in page
    assert "unknown outlet (" in index
    assert "NaN" not in re.sub(r"<script.*?</script>", "", index, flags=re.S)


def test_index_answers_first_and_links_to_pages(report):
    index = (report / "index.html").read_text()
    first_file_list = index.index("Notebooks and files")
    for heading in ("Who is presented as for, against or undecided", "Most-mentioned entities",
                    "The balance of pressures", "corrected by the analyst", "had problems while loading"):
        assert -1 < index.index(heading) < first_file_list, heading
    assert "Dravonia" in index[:first_file_list] and "Public opinion" in index[:first_file_list]
    for page in ("02-stance.html", "03-entities.html", "04-pressure-factors.html", "01-corpus.html"):
        assert f"href='{page}'" in index[:first_file_list]
    assert re.search(r"\(\d+\.0\)|\b\d+\.0 mentions", index) is None  # counts are integers


def test_pages_hide_code_and_show_final_parameters(report):
    for page in sorted(report.glob("[0-9][0-9]-*.html")):
        text = page.read_text()
        assert "Parameters of this run" in text and "show code" in text
        assert "/." + "report" not in text and re.search(r"/\.out\.\w+", text) is None, "temporary path shown"
        assert str(report) in text
    executed = (report / "02-stance.ipynb").read_text()
    assert re.search(r"/\.out\.\w+", executed) is None
    record = json.loads((report / "run.json").read_text())
    assert set(record["notebooks"]) == {p.stem for p in report.glob("[0-9][0-9]-*.ipynb")}
    assert all(info["parameters"] == {} for info in record["notebooks"].values())
