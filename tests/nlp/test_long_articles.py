"""Issue 16.2: a body over spaCy's max_length (E088) is parsed in chunks; the study is still analysed."""

import pytest

import analysis.nlp.parse as parse
from analysis.corpus.study import load_study
from analysis.nlp.parse import parse_study, split_chunks

PARA = "Alpha said on Monday it would not send weapons to Beta, officials in Alphaville said."


def test_split_chunks_is_lossless_and_bounded():
    text = "\n\n".join([PARA] * 30) + " " + "x" * 500
    chunks = split_chunks(text, 200)
    assert "".join(chunks) == text
    assert all(len(c) <= 200 for c in chunks)


@pytest.mark.model
def test_article_over_max_length_is_parsed_in_chunks(make_study, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_WORKBOOK_CACHE", str(tmp_path / "cache"))
    real = parse.build_pipeline

    def small_limit(config, model=None):
        nlp = real(config, model)
        nlp.max_length = 1000  # stands for spaCy's 1,000,000 characters
        return nlp

    monkeypatch.setattr(parse, "build_pipeline", small_limit)
    long_body = "\n\n".join([PARA] * 40)  # ~3,500 characters
    root = make_study({"long.txt": long_body, "short.txt": PARA + "\n"})
    study = load_study(root)
    docs = parse_study(study, use_cache=False, progress=False)
    assert len(docs) == 2
    bodies = study.articles["body"].tolist()
    for doc, body in zip(docs, bodies):
        assert doc.text == body
    long_doc = docs[bodies.index(max(bodies, key=len))]
    assert len(list(long_doc.sents)) >= 40
    assert sum(1 for e in long_doc.ents if e.text == "Alpha") >= 30
