"""Stage 2, language processing: the spaCy pipeline by configurable name (pipeline), parsing with a
Doc cache (parse), Doc utilities (docs), grammar helpers shared by the rules (grammar) and the
project's entity components (components)."""

from analysis.nlp.parse import parse_study, parse_texts
from analysis.nlp.pipeline import build_pipeline, model_name

__all__ = ["build_pipeline", "model_name", "parse_study", "parse_texts"]
