"""Pipeline components on hand-built Docs (spacy.blank: no model needed)."""

import spacy
from spacy.tokens import Span

import analysis.nlp.components  # noqa: F401 - registers the factories
from analysis.nlp.components import spelling_variants

ENTITIES = [{"canonical": "Kyiv", "type": "GPE", "aliases": ["Kiev"]},
            {"canonical": "Shin Won-sik", "type": "PERSON", "aliases": []},
            {"canonical": "United States", "type": "GPE", "aliases": ["America", "US"]}]


def _nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("news_workbook_outlet_names")
    nlp.add_pipe("news_workbook_demonyms")
    nlp.add_pipe("news_workbook_study_entities", config={"entities": ENTITIES})
    return nlp


def _run(nlp, text, ents):
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return [(e.text, e.label_, e.ent_id_) for e in doc.ents]


def test_aliases_relabel_and_carry_canonical():
    nlp = _nlp()
    # NER took "Kiev" for a person and cut a name short: the study's knowledge wins.
    assert _run(nlp, "Kiev thanked Shin Won-Sik today", [(0, 1, "PERSON"), (2, 4, "PERSON")]) == [
        ("Kiev", "GPE", "Kyiv"), ("Shin Won-Sik", "PERSON", "Shin Won-sik")]


def test_longer_names_are_kept():
    nlp = _nlp()
    assert _run(nlp, "He toured South America", [(2, 4, "LOC")]) == [("South America", "LOC", "")]
    assert _run(nlp, "the Kyiv Independent reported", [(0, 3, "ORG")]) == [("the Kyiv Independent", "ORG", "")]


def test_alias_is_case_sensitive():
    nlp = _nlp()
    assert _run(nlp, "He told us about the US", []) == [("US", "GPE", "United States")]


def test_outlet_names_and_demonyms():
    nlp = _nlp()
    assert _run(nlp, "according to the Korean Times today", [(3, 4, "NORP")]) == [("Korean Times", "ORG", "")]
    assert _run(nlp, "A Ukrainian delegation arrived", [(1, 2, "GPE")]) == [("Ukrainian", "NORP", "")]


def test_spelling_variants():
    assert {"Shin Won Sik", "Shin Won-Sik", "Shin Won sik", "Shin Wonsik"} <= spelling_variants("Shin Won-sik")
    assert spelling_variants("Seoul") == {"Seoul"}
