"""Quote spans and speakers of reported speech."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.stance.attribution import quote_spans


def test_quote_styles():
    text = 'He said “yes”, then «non», then "maybe" and ‘perhaps’ but Veldoria’s view stood.'
    quoted = [text[s:e] for s, e in quote_spans(text)]
    assert quoted == ["“yes”", "«non»", '"maybe"', "‘perhaps’"]


def test_unbalanced_quote_ends_at_paragraph():
    text = "“We will respond, he said\n\nNext paragraph here."
    [(start, end)] = quote_spans(text)
    assert text[start:end] == "“We will respond, he said"


@given(st.text(alphabet='ab “”"«»‘’\n', max_size=200))
def test_quote_spans_never_fail(text):
    for start, end in quote_spans(text):
        assert 0 <= start < end <= len(text)


@pytest.mark.model
def test_speakers():
    from analysis.nlp.pipeline import build_pipeline
    from analysis.stance.detector import run_stance_stage
    from analysis.studyfile import parse_study_text
    from tests.conftest import MINIMAL_STUDY

    config = parse_study_text(MINIMAL_STUDY)
    nlp = build_pipeline(config)
    doc = run_stance_stage(nlp, config, [nlp("“Alpha will never send arms,” the minister told reporters. "
                                             "Beta will ask again, according to officials in Beta.")])[0]
    speaker_of = {t.text: doc[t._.speaker].text for t in doc if t._.speaker is not None}
    assert speaker_of["send"] == "minister" and doc[1]._.speech == "direct_quote"
    assert speaker_of["ask"] == "officials"
