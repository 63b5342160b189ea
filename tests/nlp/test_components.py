"""Pipeline components on hand-built Docs (spacy.blank: no model needed)."""

import spacy
from spacy.tokens import Span

import analysis.nlp.components  # noqa: F401 - registers the factories
from analysis.nlp.components import spelling_variants

ENTITIES = [{"canonical": "Martenburg", "type": "GPE", "aliases": ["Martenbourg"]},
            {"canonical": "Vael Dor-min", "type": "PERSON", "aliases": []},
            {"canonical": "Isles of Tamar", "type": "GPE", "aliases": ["Tamar", "IT"]}]


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
    # NER took "Martenbourg" for a person and cut a name short: the study's knowledge wins.
    assert _run(nlp, "Martenbourg thanked Vael Dor-Min today", [(0, 1, "PERSON"), (2, 4, "PERSON")]) == [
        ("Martenbourg", "GPE", "Martenburg"), ("Vael Dor-Min", "PERSON", "Vael Dor-min")]


def test_longer_names_are_kept():
    nlp = _nlp()
    assert _run(nlp, "He toured South Tamar", [(2, 4, "LOC")]) == [("South Tamar", "LOC", "")]
    assert _run(nlp, "the Martenburg Independent reported", [(0, 3, "ORG")]) == [("the Martenburg Independent", "ORG", "")]


def test_alias_is_case_sensitive():
    nlp = _nlp()
    assert _run(nlp, "He said it was about IT", []) == [("IT", "GPE", "Isles of Tamar")]


def test_outlet_names_and_demonyms():
    nlp = _nlp()
    assert _run(nlp, "according to the Veldorian Times today", [(3, 4, "NORP")]) == [("Veldorian Times", "ORG", "")]
    # a row of resources/demonyms.csv: the resource is what is tested, so the demonym is a real one
    assert _run(nlp, "An Estonian delegation arrived", [(1, 2, "GPE")]) == [("Estonian", "NORP", "")]


def test_spelling_variants():
    assert {"Vael Dor Min", "Vael Dor-Min", "Vael Dor min", "Vael Dormin"} <= spelling_variants("Vael Dor-min")
    assert spelling_variants("Veldora") == {"Veldora"}
