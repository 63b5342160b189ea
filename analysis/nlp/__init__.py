"""Stage 2, language processing: the spaCy pipeline by configurable name (pipeline), parsing with a
Doc cache (parse), Doc utilities (docs), grammar helpers shared by the rules (grammar) and the
project's entity components (components).

The names below are imported on first use (``analysis.lazy``): ``model_name`` does not load spaCy."""

from analysis.lazy import lazy_exports

_EXPORTS = {
    "build_pipeline": "pipeline",
    "model_name": "pipeline",
    "parse_study": "parse",
    "parse_texts": "parse",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
