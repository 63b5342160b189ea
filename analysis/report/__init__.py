"""The report: the notebooks' tables (results), figures (plots), where a notebook writes (outputs),
and the headless run of every notebook into an HTML report (runner)."""

from analysis.report.outputs import OutputFolder
from analysis.report.results import Results, load_corpus, load_results

__all__ = ["OutputFolder", "Results", "load_corpus", "load_results"]
