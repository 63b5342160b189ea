"""What a name span names, from the words around it (analysis.entities.kinds); invented names only."""

import pytest
import spacy
from spacy.tokens import Doc, Span

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


def _parsed(nlp, words: list[str], heads: list[int], deps: list[str], start: int, end: int, label: str) -> Span:
    """A span over a hand-parsed sentence (heads as token indices), as the English parser gives it."""
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, sent_starts=[True] + [False] * (len(words) - 1))
    return Span(doc, start, end, label=label)


def test_descriptor_noun_before_a_name_makes_it_not_org(blank):
    # "the fishers' federation <Name>": the descriptor modifies the name's head, an association
    # (ruling E2), not an ORG
    words = ["The", "fishers", "'", "federation", "Quimbo", "-", "Vex", "said", "it", "would", "protest", "."]
    heads = [1, 3, 1, 6, 6, 6, 7, 7, 10, 10, 7, 7]
    deps = ["det", "poss", "case", "compound", "compound", "punct", "nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"]
    span = _parsed(blank, words, heads, deps, 4, 7, "ORG")
    assert kinds.span_kind(span, "Quimbo-Vex", "ORG") == "GOV"


def test_name_in_apposition_to_a_descriptor_is_not_org(blank):
    # "the youth group <Name>": the name hangs on the descriptor as an apposition
    words = ["The", "youth", "group", "Zorbo", "Action", "marched", "."]
    heads = [2, 2, 5, 4, 2, 5, 5]
    deps = ["det", "compound", "nsubj", "compound", "appos", "ROOT", "punct"]
    span = _parsed(blank, words, heads, deps, 3, 5, "ORG")
    assert kinds.span_kind(span, "Zorbo Action", "ORG") == "GOV"


def test_descriptor_ending_another_phrase_does_not_retag_the_name(blank):
    # "During the campaign <Name> promised ...": the noun ends a prepositional phrase, the name is
    # the subject of the clause, a person (NER may call it an ORG): no relabelling
    words = ["During", "the", "campaign", "Vexley", "promised", "lower", "taxes", "."]
    heads = [4, 2, 0, 4, 4, 6, 4, 4]
    deps = ["prep", "det", "pobj", "nsubj", "ROOT", "amod", "dobj", "punct"]
    for label in ("ORG", "PERSON"):
        span = _parsed(blank, words, heads, deps, 3, 4, label)
        assert kinds.span_kind(span, "Vexley", label) is None


def test_broadcaster_after_network_stays_org(blank):
    # "on the network <Name> TV": a broadcaster, an ORG, though "network" modifies its head
    words = ["He", "spoke", "on", "the", "network", "Quimbo", "TV", "."]
    heads = [1, 1, 1, 4, 6, 6, 2, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "compound", "compound", "pobj", "punct"]
    span = _parsed(blank, words, heads, deps, 5, 7, "ORG")
    assert kinds.span_kind(span, "Quimbo TV", "ORG") is None


def test_descriptor_without_a_parse_does_not_count(blank):
    # without a dependency parse the tie cannot be seen: the adjacent noun alone decides nothing
    span = _span(blank, "The youth group Zorbo Action marched.", "Zorbo Action", "ORG")
    assert kinds.span_kind(span, "Zorbo Action", "ORG") is None


def test_company_group_stays_org(blank):
    # "the media group <Name>" is a company
    words = ["The", "media", "group", "Vexcorp", "bought", "the", "paper", "."]
    heads = [2, 2, 4, 2, 4, 6, 4, 4]
    deps = ["det", "compound", "nsubj", "appos", "ROOT", "det", "dobj", "punct"]
    span = _parsed(blank, words, heads, deps, 3, 4, "ORG")
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
