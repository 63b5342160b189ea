"""Canonical entities: cleaning, short forms, folds, against the hand-made gold of the embedded study."""

import pytest
from spacy.tokens import Span

from analysis.entities import (
    cooccurrence,
    entity_counts,
    entity_frequency,
    extract_mentions,
    merge_audit,
    spelling_choices,
)
from analysis.entities.mentions import clean_surface, fold, is_gov_body
from analysis.evaluation import entity_scores, read_gold
from analysis.paths import DEFAULT_STUDY

pytestmark = pytest.mark.model


def test_clean_surface():
    assert clean_surface("the Martenburg Independent", 10) == ("Martenburg Independent", 14, 36)
    assert clean_surface("North Pellaria’s", 0) == ("North Pellaria", 0, 14)
    assert clean_surface("Tormel Oblast.\n\n", 5) == ("Tormel Oblast", 5, 18)


def test_fold_and_gov_bodies():
    assert fold("Vael Dor-Min") == fold("Vael Dor Min") == fold("vael dor-min")
    assert is_gov_body("Veldorian Presidential Office") and is_gov_body("defence ministry")
    assert not is_gov_body("Pollmark Veldoria")


@pytest.fixture(scope="module")
def embedded_mentions(embedded_study):
    from analysis.nlp.parse import parse_study

    return extract_mentions(embedded_study, parse_study(embedded_study))


def test_embedded_study_against_gold(embedded_mentions):
    gold = read_gold(DEFAULT_STUDY, "entities")
    counts = entity_counts(embedded_mentions)
    people_places = entity_scores(counts, gold, types=("PERSON", "GPE"))
    assert people_places["f1"] >= 0.97, people_places
    assert people_places["splits"] == 0, people_places["split_detail"]
    assert people_places["exact_count_share"] >= 0.92
    orgs = entity_scores(counts, gold, types=("ORG",))
    assert orgs["f1"] >= 0.8, orgs


def test_one_canonical_per_entity_across_corpus(embedded_mentions):
    forms = embedded_mentions.groupby("text")["canonical"].nunique()
    assert (forms == 1).all(), forms[forms > 1]
    labels = embedded_mentions.groupby("canonical")["label"].nunique()
    assert (labels == 1).all()


def test_merge_audit_says_why(embedded_mentions):
    audit = merge_audit(embedded_mentions)
    row = audit[(audit["surface_form"] == "Yun Suk Yeol")].iloc[0]
    assert row["canonical"] == "Yoon Suk Yeol" and row["rule"] == "study_alias"
    short = audit[(audit["surface_form"] == "Umerov")]
    assert set(short["canonical"]) == {"Rustem Umerov"}
    assert set(short["rule"]) <= {"short_form_article", "recovered"}


def test_mentions_point_into_the_body(embedded_study, embedded_mentions):
    bodies = embedded_study.articles.set_index("article_id")["body"]
    for row in embedded_mentions.itertuples():
        assert bodies[row.article_id][row.start:row.end] == row.text


def test_tables(embedded_study, embedded_mentions):
    freq = entity_frequency(embedded_mentions, embedded_study.articles)
    top = freq.set_index("canonical")
    assert top.at["Ukraine", "n_articles"] == 5 and top.at["Rustem Umerov", "in_first_paragraphs"] == 5
    assert 0 <= top["mean_first_position"].min() and top["mean_first_position"].max() <= 1
    pairs = cooccurrence(embedded_mentions)
    assert (pairs["entity_a"] < pairs["entity_b"]).all()
    choices = spelling_choices(embedded_study.articles, embedded_study.config.spelling_variants)
    yun = choices[(choices["variant"] == "Yun")]
    assert yun["count"].sum() == 2


def test_unseen_names_merge_without_study_knowledge(make_study):
    from analysis.corpus.study import load_study
    from analysis.nlp.parse import parse_study

    text = ("BERLIN (dpa) - German Chancellor Olaf Scholz refused to send Taurus missiles to Lvov on Monday.\n"
            "Scholz said Defence Minister Boris Pistorius agreed. Pistorius spoke in Berlin.\n"
            "Opposition leader Friedrich Merz urged Scholz to change course, and Merz met Maravsky in Lviv.\n")
    study = load_study(make_study({"a.txt": text}))
    counts = entity_counts(extract_mentions(study, parse_study(study, use_cache=False)))
    got = dict(zip(counts["canonical"], counts["mentions"]))
    assert got["Olaf Scholz"] == 3 and got["Boris Pistorius"] == 2 and got["Friedrich Merz"] == 2
    assert got["Lviv"] == 2 and got["Berlin"] == 2  # Lvov merged (canonical_names.csv); the dateline counts
    assert "Scholz" not in got and "Pistorius" not in got and "Lvov" not in got


@pytest.mark.parametrize("name", [
    "Zorblat Senate", "Quimby Institute of Vexology", "Universidad de Zorblat", "Zorblat Armed Forces",
    "Vexian Fishers' Federation", "Zorblat Basing Agreement", "Quimby Ridge", "Zorblat Coast Guard",
])
def test_e2_bodies_are_not_org(name):
    # ruling E2: parliaments, institutes, universities, armed forces, unions, agreements, natural features
    assert is_gov_body(name)


def test_name_completing_a_body_is_not_org(make_study):
    # "Ministry of Vexing Affairs": the name after "Ministry of" completes the body's name (E2, E4)
    from analysis.corpus.study import load_study
    from analysis.nlp.parse import parse_study

    text = "The Ministry of Foreign Affairs said Quimby Corp and the Department of Energy met in Zorblat.\n"
    study = load_study(make_study({"a.txt": text}))
    mentions = extract_mentions(study, parse_study(study, use_cache=False))
    orgs = set(mentions.loc[mentions["label"] == "ORG", "text"])
    assert "Foreign Affairs" not in orgs and "Energy" not in orgs


def test_title_inside_a_name_starts_a_person(make_study):
    # "<Place> Governor <Given> <Family>": the words after a title inside a span are the person
    from analysis.corpus.study import load_study
    from analysis.nlp.parse import parse_study

    text = "Zorblat Governor Quimby Vexley said the port would open. Vexley spoke on Monday.\n"
    study = load_study(make_study({"a.txt": text}))
    mentions = extract_mentions(study, parse_study(study, use_cache=False))
    assert "Zorblat Governor Quimby Vexley" not in set(mentions["text"])
    assert "Quimby Vexley" in set(mentions.loc[mentions["label"] == "PERSON", "text"])


def test_portfolio_before_a_title_is_not_org(make_study):
    # "<Portfolio> Secretary <Name>": the words before the title name an office, not an ORG
    from analysis.corpus.study import load_study
    from analysis.nlp.parse import parse_study

    text = "Vexing Affairs Secretary Quimby Vexley met Zorblat Holdings on Monday.\n"
    study = load_study(make_study({"a.txt": text}))
    mentions = extract_mentions(study, parse_study(study, use_cache=False))
    assert "Vexing Affairs" not in set(mentions.loc[mentions["label"] == "ORG", "text"])


def test_staff_dateline_city_is_a_place(make_study):
    # an all-caps city opening the body before a dash, without an agency, is a place (ruling E4)
    from analysis.corpus.study import load_study
    from analysis.nlp.parse import parse_study

    text = "ZORBLATON, Vexland, March 3 — Officials in Zorblaton said the port would reopen on Monday.\n"
    study = load_study(make_study({"a.txt": text}))
    counts = entity_counts(extract_mentions(study, parse_study(study, use_cache=False)))
    got = dict(zip(counts["canonical"], zip(counts["label"], counts["mentions"])))
    assert got["Zorblaton"] == ("GPE", 2) and "ZORBLATON" not in got


def test_all_caps_family_name_is_put_in_customary_order():
    # a capitalised family name, written first or last, gives "Given Family" in title case (E4)
    from analysis.entities.mentions import family_first

    assert family_first("VEXLEY Quimby") == "Quimby Vexley"
    assert family_first("Quimby-Ann VEXLÉ") == "Quimby-Ann Vexlé"
    assert family_first("Quimby Vexley") is None and family_first("NATO") is None


def test_outlet_short_forms():
    # an outlet is named in its copy by its acronym, an agency's first word, or a newspaper's masthead word
    from analysis.entities.mentions import outlet_forms

    assert outlet_forms("Agence Zorblatienne de Presse")["AZP"] == "Agence Zorblatienne de Presse"
    assert outlet_forms("Quimbo Wire")["Quimbo"] == "Quimbo Wire"
    assert outlet_forms("The Zorblat Courier")["Courier"] == "Zorblat Courier"
    assert "Zorblat" not in outlet_forms("The Zorblat Courier")


def test_datelines_with_double_dash_or_slashed_agency():
    # "CITY, date (AGENCY) --" and "CITY, date. /AGENCY/." open a wire dateline like "CITY (AGENCY) -"
    from analysis.entities.mentions import _DATELINE

    assert _DATELINE.match("ZORBLATON, June 4 (ZPA) -- Officials said")
    assert _DATELINE.match("ZORBLATON, April 9. /QPA/. Officials said")
    assert not _DATELINE.match("ZORBLAT officials said on Monday")


def test_numbered_convention_names_its_organisation():
    # "<Org> Convention 169": the agreement is not annotated (E2), the organisation is the mention
    from analysis.entities.mentions import _NUMBERED_CONVENTION

    assert _NUMBERED_CONVENTION.match("QVO Convention 12").group(1) == "QVO"
    assert _NUMBERED_CONVENTION.match("Quimby Vexing Organization Convention 12").group(1) == (
        "Quimby Vexing Organization")
    assert not _NUMBERED_CONVENTION.match("Zorblat Convention")


def test_short_forms_and_acronyms_resolve(make_study):
    # a family-name-first short form, a misspelt surname, an ORG acronym and an outlet's own short
    # form all take the full name of the article
    from analysis.corpus.study import load_study
    from analysis.nlp.parse import parse_study

    text = ("Foreign Minister Quan Lixiang met Prime Minister Jonathan Whitmoreland in London on Monday. "
            "Quan said the talks went well. Whitmorland said he agreed. "
            "The International Fishery Organization said the IFO would meet again in Paris.\n")
    study = load_study(make_study({"a.txt": text}))
    counts = entity_counts(extract_mentions(study, parse_study(study, use_cache=False)))
    got = dict(zip(counts["canonical"], counts["mentions"]))
    assert got["Quan Lixiang"] == 2 and got["Jonathan Whitmoreland"] == 2
    assert got.get("International Fishery Organization") == 2 and "IFO" not in got


def test_things_named_like_people_are_not_people():
    # "<foreign article> <masthead>" is an outlet (ORG), "<foreign article> <Name>" and a word before a
    # weapon or product noun are not people
    import spacy

    from analysis.entities.mentions import _not_a_person

    doc = spacy.blank("en")("Vexley told Le Monde and La Quimbada about Vexor missiles")
    assert _not_a_person(doc[2:4], "Le Monde") == "ORG"
    assert _not_a_person(doc[5:7], "La Quimbada") == "DROP"
    assert _not_a_person(doc[8:9], "Vexor") == "DROP"
    assert _not_a_person(doc[0:1], "Vexley") is None


def test_single_word_after_the_is_not_a_person():
    # "the Quilby" shortens no person's name: dropped, or the outlet whose masthead word it is
    from analysis.entities.mentions import _Raw, _resolve

    raws = [_Raw("a", "a.txt", 0, 0, 6, "Quilby", "PERSON", None, None, after_the=True),
            _Raw("a", "a.txt", 0, 10, 17, "Courier", "PERSON", None, None, after_the=True),
            _Raw("a", "a.txt", 0, 20, 26, "Vexley", "PERSON", None, None, after_the=False)]
    _resolve(raws, {}, set(), {"a": "The Zorblat Courier"})
    assert [r.label for r in raws] == ["DROP", "ORG", "PERSON"]
    assert raws[1].canonical == "Zorblat Courier"


def test_end_credit_and_currency_are_not_counted():
    # ruling E4: an agency in the end credit that closes the body and a country in a currency name do not count
    from analysis.entities.mentions import _counted, _Raw

    text = "Zorblat paid 5 million US dollars to Vexland. (Quimby Press)"
    credit = text.index("(")
    u, v = text.index("US"), text.index("Vexland")
    us = _Raw("a", "a.txt", 0, u, u + 2, "US", "GPE", "United States", "study_alias")
    vex = _Raw("a", "a.txt", 0, v, v + 7, "Vexland", "GPE", "Vexland", "identity")
    agency = _Raw("a", "a.txt", 0, credit + 1, credit + 13, "Quimby Press", "ORG", "Quimby Press", "identity")
    assert [_counted(r, text, credit) for r in (us, vex, agency)] == [False, True, False]


def test_own_outlet_masthead_word(make_study):
    # in an outlet's own copy, its masthead word ("told the Vexbeacon") is the outlet, even when the
    # word is not a common masthead word
    from analysis.entities.mentions import outlet_forms

    assert outlet_forms("Zorblat Vexbeacon")["Vexbeacon"] == "Zorblat Vexbeacon"
    assert "Institute" not in outlet_forms("Zorblat Maritime Institute")  # a think tank is not ORG (E2)


def test_dateline_city_inside_a_longer_span(make_study):
    # an NER span running over the dateline's dash ("CITY - Vexian President ...") leaves the city a place
    from analysis.corpus.study import load_study
    from analysis.nlp.parse import parse_study

    text = "ZORBLATON - Vexian President Quimby Vexley said on Monday that Zorblaton would host the talks.\n"
    study = load_study(make_study({"a.txt": text}))
    counts = entity_counts(extract_mentions(study, parse_study(study, use_cache=False)))
    got = dict(zip(counts["canonical"], counts["mentions"]))
    assert got.get("Zorblaton") == 2


def test_names_resolved_across_partitions():
    # a surname or spelling left alone in one partition takes the full name found in another
    import pandas as pd

    from analysis.entities.mentions import apply_name_map, corpus_name_map

    mentions = pd.DataFrame({
        "article_id": ["p1#1", "p1#1", "p2#1", "p2#1"], "canonical": ["Quimby Vexley", "Quimby Vexley", "Vexley", "Quimby Vex-ley"],
        "label": ["PERSON", "PERSON", "PERSON", "PERSON"], "rule": ["identity"] * 4})
    mapping = corpus_name_map(mentions)
    assert mapping == {"Vexley": "Quimby Vexley", "Quimby Vex-ley": "Quimby Vexley"}
    out = apply_name_map(mentions, mapping, {"Quimby Vexley": "PERSON"})
    assert set(out["canonical"]) == {"Quimby Vexley"} and list(out["rule"])[2:] == ["corpus", "corpus"]


def test_single_portfolio_word_before_a_title_is_not_org():
    # "Energy Minister Quimby Vexley": one portfolio word before a title is an office, not an ORG;
    # "Zorblat Holdings Chairman" keeps the company, and "Ministry of Trade and Energy" is a body (E2, E4)
    import spacy

    from analysis.entities.mentions import _part_of_body, _portfolio

    doc = spacy.blank("en")("Energy Minister Quimby Vexley met Zorblat Chairman Vexley at the Ministry of Trade and Energy")
    assert _portfolio(doc[0:1]) and not _portfolio(doc[5:6])
    assert _part_of_body(doc[14:15]) and _part_of_body(doc[12:13])


def test_pollster_for_outlet_is_two_names():
    # "<Pollster> for <Outlet>": the pollster and the outlet are two names when the outlet is in the corpus
    import spacy

    from analysis.entities.mentions import _split_commissioner

    doc = spacy.blank("en")("Vexo Research for the Zorblat Courier found")
    parts = _split_commissioner(doc[0:6], {"Zorblat Courier"})
    assert [p.text for p in parts] == ["Vexo Research", "Zorblat Courier"]
    assert [p.text for p in _split_commissioner(doc[0:6], set())] == ["Vexo Research for the Zorblat Courier"]


def test_place_with_lower_case_administrative_word(make_study):
    # "Quimbara province": the place is "Quimbara", counted with its bare mentions
    from analysis.corpus.study import load_study
    from analysis.nlp.parse import parse_study

    text = ("Officials in Quimbara province said on Monday that the new port in Quimbara would open in May, "
            "and farmers across Quimbara welcomed the news.\n")
    study = load_study(make_study({"a.txt": text}))
    counts = entity_counts(extract_mentions(study, parse_study(study, use_cache=False)))
    got = dict(zip(counts["canonical"], counts["mentions"]))
    assert "Quimbara province" not in got


def test_cue_holds_for_every_mention_of_the_name():
    # "the youth group Vexing Tide" once: "Vexing Tide" is not an ORG anywhere in the corpus
    from analysis.entities.mentions import _apply_cues, _Raw

    raws = [_Raw("a", "a.txt", 0, 0, 11, "Vexing Tide", "GOV", "Vexing Tide", "identity", cue="GOV"),
            _Raw("b", "b.txt", 0, 0, 11, "Vexing Tide", "ORG", "Vexing Tide", "identity")]
    _apply_cues(raws, ["the youth group Vexing Tide", "Vexing Tide sued"])
    assert [r.label for r in raws] == ["GOV", "GOV"]


def test_stray_cue_does_not_relabel_a_person_named_elsewhere():
    # one cue (a word before the name misread as a descriptor) against four PERSON
    # mentions in other articles: the cue holds in its own article only
    from analysis.entities.mentions import _apply_cues, _Raw

    raws = [_Raw("a", "a.txt", 0, 0, 8, "Quellman", "GOV", "Quellman", "identity", cue="GOV"),
            _Raw("a", "a.txt", 1, 20, 28, "Quellman", "PERSON", "Quellman", "identity")]
    raws += [_Raw(art, f"{art}.txt", 0, 0, 8, "Quellman", "PERSON", "Quellman", "identity") for art in "bcd"]
    _apply_cues(raws, ["Quellman said. Later Quellman left.", "Quellman", "Quellman", "Quellman"])
    assert [r.label for r in raws] == ["GOV", "GOV", "PERSON", "PERSON", "PERSON"]


def test_other_name_order_and_second_surname_take_the_established_name():
    # "Lixiang Quan" (other order) and "Marisol Vexo Quimbar" (second surname) take the known name
    from collections import Counter

    from analysis.entities.mentions import other_order_or_second_surname

    people = Counter({"Quan Lixiang": 3, "Lixiang Quan": 1})
    assert other_order_or_second_surname("Lixiang Quan", people, {}) == "Quan Lixiang"
    assert other_order_or_second_surname("Marisol Vexo Quimbar", Counter(), {"Marisol Vexo": "PERSON"}) == "Marisol Vexo"
    assert other_order_or_second_surname("Quan Lixiang", people, {}) is None


def test_region_of_a_place_is_the_place_region():
    # "the Region of Zorblat" is canonically "Zorblat Region"
    from analysis.entities.mentions import _REGION_OF

    match = _REGION_OF.match("Region of Zorblat")
    assert f"{match.group(2)} {match.group(1)}" == "Zorblat Region"


def test_capital_family_name_joins_a_person_span():
    # "the General Quimby-Ann VEXLÉ" found as "Quimby": the span runs to the family name in capitals
    import spacy

    from analysis.entities.mentions import _with_capital_family_name

    doc = spacy.blank("en")("the General Quimby-Ann VEXLE said")
    span = _with_capital_family_name(Span(doc, 2, 3, label="GPE"))
    assert span.text == "Quimby-Ann VEXLE" and span.label_ == "PERSON"


def test_place_before_a_territorial_title():
    # "Zorblat Governor Quimby Vexley" in one span: "Zorblat" is the place
    import spacy

    from analysis.entities.mentions import _place_before_title

    doc = spacy.blank("en")("Zorblat Governor Quimby Vexley said no")
    assert _place_before_title(Span(doc, 0, 4, label="ORG")).text == "Zorblat"
    assert _place_before_title(Span(doc, 2, 4, label="PERSON")) is None


def test_dateline_agency_is_a_mention():
    # "ZORBLATON, April 9. /QPA/." counts the agency (ruling E4)
    import spacy

    from analysis.entities.mentions import _dateline_agency

    doc = spacy.blank("en")("ZORBLATON, April 9. /QPA/. Officials said no.")
    raws = _dateline_agency("a", "a.txt", doc, [])
    assert [(r.text, r.label) for r in raws] == [("QPA", "ORG")]


def test_masthead_word_tagged_as_a_product_is_the_outlet():
    # "told the Clarion" tagged PRODUCT: the study's outlet whose masthead word it is
    import spacy

    from analysis.entities.mentions import _collect, _resolve

    doc = spacy.blank("en")("Vexley told the Clarion on Monday.")
    doc.ents = [Span(doc, 3, 4, label="PRODUCT")]
    raws = _collect("a", "a.txt", doc, {"Zorblat Clarion": "ORG"})
    _resolve(raws, {"Zorblat Clarion": "ORG"}, {"Zorblat Clarion"}, {})
    assert [(r.canonical, r.label) for r in raws] == [("Zorblat Clarion", "ORG")]


def test_government_common_nouns_are_not_names():
    # "the State", "the Executive" capitalised in translated copy are not organisations
    from analysis.entities.mentions import stoplist

    assert {"state", "executive", "legislature"} <= stoplist()


def test_foreign_acronyms_of_international_organisations():
    # OIT (French, Spanish) is the ILO; OTAN is NATO
    from analysis.resources import csv_rows

    rows = {r["variant"]: r["canonical"] for r in csv_rows("canonical_names.csv")}
    assert rows["OIT"] == rows["ILO"] == "International Labour Organization" and rows["OTAN"] == "NATO"
