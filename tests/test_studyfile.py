"""study.yml: the embedded file validates; errors name the key and the line."""

import pytest

from analysis.errors import StudyError
from analysis.studyfile import parse_study_text
from tests.conftest import MINIMAL_STUDY

EMBEDDED_ACTORS = ["ukraine_gov", "sk_gov", "sk_public", "sk_opposition", "russia", "us",
                   "western_allies", "experts", "china", "north_korea"]
EMBEDDED_FACTORS = ["public_opinion", "political_opposition", "legal_constraints",
                    "leadership_standing", "nk_russia_cooperation", "russian_pressure",
                    "ukraine_request", "allied_pressure", "us_politics", "regional_relations",
                    "defense_industry"]


def test_embedded_study_uses_the_agreed_ids(embedded_study):
    config = embedded_study.config
    assert config.actor_ids() == EMBEDDED_ACTORS
    assert [f.id for f in config.factors] == EMBEDDED_FACTORS
    assert [q.id for q in config.quantities] == ["nk_troops", "poll_oppose_pct"]
    assert config.target.proposition == "South Korea supplies weapons to Ukraine"


def test_minimal_study_parses():
    config = parse_study_text(MINIMAL_STUDY)
    assert config.name == "tiny"
    assert config.entities[0].aliases == ["Republic of Alpha"]


def test_missing_key_is_named():
    text = MINIMAL_STUDY.replace("title: A tiny study\n", "")
    with pytest.raises(StudyError, match="key 'title'"):
        parse_study_text(text)


def test_wrong_value_names_nested_key_and_line():
    text = MINIMAL_STUDY.replace("direction: away", "direction: sideways")
    with pytest.raises(StudyError) as info:
        parse_study_text(text, file="study.yml")
    assert "factors.0.direction" in str(info.value)
    assert info.value.line == text.splitlines().index(
        next(line for line in text.splitlines() if "sideways" in line)) + 1


def test_unknown_key_is_refused_with_its_line():
    text = MINIMAL_STUDY + "colour: blue\n"
    with pytest.raises(StudyError) as info:
        parse_study_text(text)
    assert "colour" in str(info.value)
    assert info.value.line == len(text.splitlines())


def test_duplicate_actor_id():
    text = MINIMAL_STUDY.replace("id: b_gov", "id: a_gov")
    with pytest.raises(StudyError, match="duplicate id 'a_gov'"):
        parse_study_text(text)


def test_entity_with_unknown_actor():
    text = MINIMAL_STUDY.replace("actor: a_gov", "actor: nobody")
    with pytest.raises(StudyError, match="unknown actor 'nobody'"):
        parse_study_text(text)


def test_yaml_syntax_error_names_line():
    text = MINIMAL_STUDY.replace("title: A tiny study", "title: [unclosed")
    with pytest.raises(StudyError) as info:
        parse_study_text(text)
    assert info.value.line is not None and "not valid YAML" in str(info.value)


def test_aliases_are_refused():
    text = "name: x\ntitle: &t hello\ndescription: *t\ntarget: {proposition: abc}\n"
    with pytest.raises(StudyError, match="aliases") as info:
        parse_study_text(text)
    assert info.value.line == 3


@pytest.mark.parametrize("text", ["", "- a\n- b\n", "just a string"])
def test_not_a_mapping(text):
    with pytest.raises(StudyError, match="mapping"):
        parse_study_text(text)


def test_missing_study_file_names_the_path(tmp_path):
    from analysis.studyfile import load_study_config

    with pytest.raises(StudyError, match="study.yml"):
        load_study_config(tmp_path)
