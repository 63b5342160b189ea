"""Issue 16.8/16.10: duplicate keys, a name under two entities and deep nesting are refused clearly."""

import time

import pytest

from analysis.errors import StudyError
from analysis.studyfile import parse_study_text
from tests.conftest import MINIMAL_STUDY


def test_duplicate_key_is_refused_with_its_line():
    text = MINIMAL_STUDY.replace("title: A tiny study\n", "title: A tiny study\ntitle: Another\n")
    with pytest.raises(StudyError, match="'title' given twice") as exc:
        parse_study_text(text)
    assert exc.value.line == 3


def test_duplicate_key_inside_a_list_item_is_refused():
    text = MINIMAL_STUDY.replace("{id: b_gov, label: Government of B,", "{id: b_gov, id: c_gov, label: Government of B,")
    with pytest.raises(StudyError, match="'id' given twice"):
        parse_study_text(text)


def test_name_under_two_entities_is_refused():
    alpha = "  - {canonical: Alpha, type: GPE, actor: a_gov, aliases: [Republic of Alpha]}\n"
    text = MINIMAL_STUDY.replace(alpha, alpha + "  - {canonical: Beta, type: GPE, aliases: [republic of alpha]}\n")
    assert text != MINIMAL_STUDY
    with pytest.raises(StudyError, match="two entities") as exc:
        parse_study_text(text)
    assert exc.value.line == 11


@pytest.mark.parametrize("deep", ["target: " + "[" * 100_000 + "]" * 100_000 + "\n",
                                  "target: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n",
                                  "".join(" " * i + "k:\n" for i in range(3000))])
def test_deep_nesting_is_refused_fast(deep):
    start = time.perf_counter()
    with pytest.raises(StudyError, match="nested"):
        parse_study_text(MINIMAL_STUDY + deep)
    assert time.perf_counter() - start < 1.0


def test_the_minimal_study_still_parses():
    assert parse_study_text(MINIMAL_STUDY).name == "tiny"
