"""What a name span names, from the words around it (analysis.entities.kinds); invented names only."""

import pytest
import spacy
from spacy.tokens import Span

from analysis.entities import kinds


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _span(nlp, text: str, name: str, label: str) -> Span:
    doc = nlp(text)
    start = text.index(name)
    return doc.char_span(start, start + len(name), label=label)


def test_descriptor_noun_before_a_name_makes_it_not_org(blank):
    # "the fishers' federation <Name>": an association (ruling E2), not an ORG
    span = _span(blank, "The fishers' federation Quimbo-Vex said it would protest.", "Quimbo-Vex", "ORG")
    assert kinds.span_kind(span, "Quimbo-Vex", "ORG") == "GOV"


def test_company_group_stays_org(blank):
    # "the media group <Name>" is a company
    span = _span(blank, "The media group Vexcorp bought the paper.", "Vexcorp", "ORG")
    assert kinds.span_kind(span, "Vexcorp", "ORG") is None


def test_legislature_by_its_germanic_ending(blank):
    # a single-word name ending in "-ting"/"-tag"/"-dag" is a legislature
    span = _span(blank, "Quimby told the Vexting that the budget was ready.", "Vexting", "ORG")
    assert kinds.span_kind(span, "Vexting", "ORG") == "GOV"


def test_person_surname_ending_in_ting_stays_a_person(blank):
    # the "-ting" ending makes a legislature only of an ORG: a person's surname keeps its label
    span = _span(blank, "Yesterday Zorbting told reporters the budget was ready.", "Zorbting", "PERSON")
    assert kinds.span_kind(span, "Zorbting", "PERSON") is None
    assert not kinds.is_legislature(span)


def test_legislature_by_seats_in_it(blank):
    # "40 of the 99 seats in the <Name>": a legislature
    span = _span(blank, "The party holds 40 of the 99 seats in the Quimbarat now.", "Quimbarat", "ORG")
    assert kinds.span_kind(span, "Quimbarat", "ORG") == "GOV"


def test_name_before_a_community_noun_is_a_people(blank):
    # "<Name> communities": a people (NORP), not an ORG
    span = _span(blank, "Vexari communities were not consulted.", "Vexari", "ORG")
    assert kinds.span_kind(span, "Vexari", "ORG") == "NORP"


def test_macro_region_of_region_words():
    # a name made only of region words is a region, not an ORG
    assert kinds.is_macro_region("Euro-Arctic") and not kinds.is_macro_region("Euro-Vexia Maritime Forum")


def test_feature_head_after_a_name(blank):
    # "<Name> Shoal", "the <Name> salt flat", "<Name> International Airport" make the name part of a feature
    doc = blank("Boats near Quimby Shoal, the Vexa salt flat, Zorbo International Airport and the Zorbo airport.")
    words = [t.text for t in doc]
    assert kinds.feature_head_after(doc, words.index("Quimby") + 1)
    assert kinds.feature_head_after(doc, words.index("Vexa") + 1)
    assert kinds.feature_head_after(doc, words.index("Zorbo") + 1)
    assert not kinds.feature_head_after(doc, len(words) - 2)  # "the Zorbo airport": the town is named


def test_feature_short_forms_over_a_corpus():
    # a word used mostly as a feature's first word names the feature alone; a town used mostly alone does not
    texts = ["Boats left Quimby Shoal. Guards patrol Quimby Shoal. They fled Quimby.",
             "Zorbo grew. Zorbo is near Zorbo Bay. Zorbo voted."]
    assert kinds.feature_short_forms(texts, {"Quimby", "Zorbo"}) == {"Quimby"}


def test_document_number_and_plural_abbreviation_are_dropped(blank):
    # "Z.Q. No. 4411" is a case reference, "ZQPs" the plural of an abbreviation
    span = _span(blank, "The petition, docketed as Z.Q. No. 4411, was filed.", "Z.Q.", "GPE")
    assert kinds.span_kind(span, "Z.Q", "GPE") == "DROP"
    span = _span(blank, "Send the ZQPs home first.", "ZQPs", "ORG")
    assert kinds.span_kind(span, "ZQPs", "ORG") == "DROP"


def test_foreign_article_building_is_dropped_unless_a_masthead():
    # "La Quimbada" stands for an institution; a foreign article before a masthead word is an outlet
    assert kinds.foreign_article_building("La Quimbada", frozenset({"Vexera"}))
    assert not kinds.foreign_article_building("La Vexera", frozenset({"Vexera"}))


def test_org_after_a_place_preposition_is_a_place():
    # "the waters near <Name>": a place, not an ORG ("spun off <Company>" is a particle)
    nlp = spacy.blank("en")
    doc = nlp("Fishermen work the waters near Quimby Dao every day.")
    doc[4].dep_ = "prep"
    assert kinds.after_place_preposition(Span(doc, 5, 7, label="ORG"))
    doc[4].dep_ = "prt"
    assert not kinds.after_place_preposition(Span(doc, 5, 7, label="ORG"))
