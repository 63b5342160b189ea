"""news-workbook: load a study of news articles and analyse how outlets covered one event."""

from analysis.corpus.study import Study, load_study
from analysis.errors import ModelNotFoundError, StudyError

__version__ = "0.1.0"

__all__ = ["ModelNotFoundError", "Study", "StudyError", "__version__", "load_study"]
