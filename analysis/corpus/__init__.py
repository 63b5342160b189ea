"""Stage 1, the corpus: read raw files (readers), repair text (normalize), remove page chrome
line by line (cleaning), find metadata (metadata, manifest), flag copies (duplicates), and build
the ``Study`` (study): one row per article with its cleaned body, every line's fate, every problem."""

from analysis.corpus.study import Study, article_body, load_study, outlet_labels, with_outlet

__all__ = ["Study", "article_body", "load_study", "outlet_labels", "with_outlet"]
