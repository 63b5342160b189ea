"""Annotation cache: a rerun parses nothing; a change re-parses exactly what it affects."""

import pytest

from analysis.corpus.study import load_study
from analysis.nlp.parse import AnnotationStats, parse_study
from tests.conftest import MINIMAL_STUDY

pytestmark = pytest.mark.model

A = "Alpha said on Monday it would not send weapons to Beta, officials in Alphaville said.\n"
B = "Beta asked the Republic of Alpha for arms again, its foreign minister said on Tuesday.\n"


def test_cache_reuse_and_invalidation(make_study, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(tmp_path / "cache"))
    root = make_study({"a.txt": A, "b.txt": B})

    def run():
        stats = AnnotationStats()
        docs = parse_study(load_study(root), stats=stats)
        return stats, docs

    first, docs = run()
    assert (first.parsed, first.cached) == (2, 0)
    again, cached_docs = run()
    assert (again.parsed, again.cached) == (0, 2)
    assert [d.to_json() for d in cached_docs] == [d.to_json() for d in docs]
    assert any(e.ent_id_ == "Alpha" for e in cached_docs[1].ents)  # canonical ids survive the cache

    (root / "articles" / "b.txt").write_text(B.replace("Tuesday", "Friday"))
    one, _ = run()
    assert (one.parsed, one.cached) == (1, 1)

    (root / "study.yml").write_text(MINIMAL_STUDY.replace("aliases: [Republic of Alpha]",
                                                          "aliases: [Republic of Alpha, Alfa]"))
    changed, _ = run()
    assert (changed.parsed, changed.cached) == (2, 0)
    assert not list((root).rglob("*.spacy"))  # the cache never lives in the study folder


def test_no_cache_parses_everything(make_study, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(tmp_path / "cache"))
    study = load_study(make_study({"a.txt": A}))
    stats = AnnotationStats()
    parse_study(study, stats=stats, use_cache=False)
    parse_study(study, stats=stats, use_cache=False)
    assert stats.parsed == 2 and not (tmp_path / "cache").exists()


def test_parse_cache_key_covers_the_parse_time_word_lists(monkeypatch):
    # the masthead list the outlet-names component reads changes the parse, so it changes the key
    import spacy

    from analysis.nlp import components
    from analysis.nlp.parse import pipeline_id

    class Config:
        entities = []

    nlp = spacy.blank("en")
    monkeypatch.setattr("analysis.nlp.parse.study_components_config", lambda config: {"entities": []})
    before = pipeline_id(nlp, Config())
    monkeypatch.setattr(components, "outlet_heads", lambda: frozenset({"Quimbogram"}))
    assert pipeline_id(nlp, Config()) != before
