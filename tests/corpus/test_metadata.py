"""Metadata from text: explicit dates only, bylines, wire credits, headline suffixes."""

import datetime as dt

import pytest

from analysis.corpus import metadata


@pytest.mark.parametrize("text,expected", [
    ("10:47 26 Nov 2024", dt.date(2024, 11, 26)),
    ("Nov. 27, 2024 - 19:33 By Han Mi-roel", dt.date(2024, 11, 27)),
    ("Published: November 28th, 2024", dt.date(2024, 11, 28)),
    ("2024-11-27T10:00:00Z", dt.date(2024, 11, 27)),
    ("2024.11.27 14:05", dt.date(2024, 11, 27)),
    ("27.11.2024", dt.date(2024, 11, 27)),
    ("Sept. 3, 2023", dt.date(2023, 9, 3)),
    # month names in other languages (issue 14)
    ("Inilathala: Hulyo 4, 2022", dt.date(2022, 7, 4)),
    ("Publicado el 9 de octubre de 2021", dt.date(2021, 10, 9)),
    ("Publié le 12 août 2020", dt.date(2020, 8, 12)),
    ("Veröffentlicht am 3. März 2019", dt.date(2019, 3, 3)),
    ("Pubblicato il 21 settembre 2023", dt.date(2023, 9, 21)),
])
def test_explicit_dates(text, expected):
    assert metadata.find_dates(text)[0][0] == expected


@pytest.mark.parametrize("text", ["on Wednesday", "31 Feb 2024", "11/12/2024", "in October", "Nov. 27",
                                  # year-less datelines and month names alone give no full date
                                  "VARNHOLM, Marso 16 —", "PORTO, 4 de julho —", "Mai 2024", "Marcos 16, 2025"])
def test_no_date_is_invented(text):
    assert metadata.find_dates(text) == []


def test_timestamp_lines():
    assert metadata.is_timestamp_line("10:47 26 Nov 2024")
    assert metadata.is_timestamp_line("Updated: Nov. 27, 2024 19:33 KST")
    assert not metadata.is_timestamp_line("Belisov met Vostrik on Nov. 27, 2024 in Quellport")


def test_bylines():
    assert metadata.find_byline("By Han Mi-roel") == "Han Mi-roel"
    assert metadata.find_byline("Nov. 27, 2024 - 19:33 By Han Mi-roel") == "Han Mi-roel"
    assert metadata.find_byline("By Reuters") is None
    assert metadata.find_byline("The talks ended by noon.") is None


def test_wire_dateline_and_credits():
    assert metadata.dateline_wire("SEOUL, Nov 27 (Reuters) - South Korea said") == "Reuters"
    assert metadata.dateline_wire("KYIV (AP) — Ukraine's defence minister") == "AP"
    assert metadata.dateline_wire("Seoul (and Kyiv) - nothing") is None
    assert metadata.agencies_in("(With inputs from Reuters and AFP)") == ["Reuters", "AFP"]


def test_title_suffix():
    assert metadata.split_title_suffix("Seoul weighs arms aid | The Example Times") == (
        "Seoul weighs arms aid", "The Example Times")
    assert metadata.split_title_suffix("North Korea - Russia ties deepen") == (
        "North Korea - Russia ties deepen", None)


def test_parse_date_value():
    assert metadata.parse_date_value("2024-11-27") == "2024-11-27"
    assert metadata.parse_date_value("27 November 2024") == "2024-11-27"
    assert metadata.parse_date_value("last week") is None


def test_header_publication_date_skips_widgets_and_captions():
    from analysis.corpus.metadata import header_publication_date
    lines = [(1, "Mon, 2 June 2025 | 18°C Lisbon", "header"),
             (3, "Dockers on a pier in Lisbon, 3 May 2021 (Reuters)", "caption"),
             (5, "today, 09:12", "timestamp"),
             (6, "Posted on 28/05/2025, 10:00 | Updated 29/05/2025", "header")]
    assert header_publication_date(lines) == ("2025-05-28", "(line 6, rule header)")
    assert header_publication_date(lines[:3]) == (None, "")
    assert header_publication_date([(1, "Posted 04/05/2025", "header")]) == (None, "")  # day/month order unknown


def test_published_label_in_another_language_wins_over_an_updated_one():
    lines = [(2, "Actualizado: 4 de mayo de 2025", "header"), (3, "Publicado: 2 de mayo de 2025", "header")]
    assert metadata.header_publication_date(lines)[0] == "2025-05-02"
    assert metadata.header_publication_date([(2, "Inilathala: Marso 16, 2024", "header")])[0] == "2024-03-16"


# --- outlet, author: page-layout rules (invented names) -------------------------------------------

def _page(*lines, rule=None):
    return [(text, rule if i else None) for i, text in enumerate(lines)]


def test_masthead_in_capitals_takes_the_styling_of_the_copyright_line():
    page = [("THE QUILLBY OBSERVER", "dateline"), ("Home | Local | Sport", "header"),
            ("The mayor said the ferry would run again in May.", None),
            ("© 2025 The Quillby Observer. All rights reserved.", "footer")]
    assert metadata.page_outlet(page) == ("The Quillby Observer", "masthead line 1")


def test_masthead_of_two_words_confirmed_by_a_photo_credit_or_a_head_word():
    credit = [("Diario Las Vetas", "header"), ("(Photo: Las Vetas)", "caption"), ("Body text here.", None)]
    assert metadata.page_outlet(credit)[0] == "Diario Las Vetas"
    head = [("MARROWVALE COURIER", "dateline"), ("Body text here.", None)]
    assert metadata.page_outlet(head)[0] == "Marrowvale Courier"


def test_masthead_that_the_page_does_not_confirm_is_not_taken():
    assert metadata.page_outlet([("Storm Hits Varnholm", "header"), ("Varnholm was flooded on Monday.", None)])[0] is None
    assert metadata.page_outlet([("World News", "header"), ("Body text.", None)])[0] is None
    # one word: only a copyright line or a credit confirms it
    assert metadata.page_outlet([("Kestrelbladet", "header"), ("Kestrelbladet readers wrote in.", None)])[0] is None
    assert metadata.page_outlet([("Kestrelbladet", "header"), ("Photo: Kestrelbladet", "caption")])[0] == "Kestrelbladet"


def test_masthead_with_tagline_or_acronym_segment():
    assert metadata.masthead_name("Quillby Post 24 — Breaking News • Viral • Deals") == "Quillby Post 24"
    assert metadata.masthead_name("QRN | Quillby Radio Network") == "Quillby Radio Network"
    assert metadata.masthead_name("Latest News | Home") is None


def test_one_word_names_that_are_not_only_section_words():
    # "Metro" and "The Nation" are publications; "English", "More", "Story" are surnames
    assert metadata.masthead_name("Metro") == "Metro"
    assert metadata.masthead_name("The Nation — Quillby edition") == "The Nation"
    for surname in ("English", "More", "Story"):
        assert metadata.is_person_name_line(f"Quorin {surname}")
        assert metadata.is_person_name_line(f"Mirelle Talvek {surname}")
    assert not metadata.is_person_name_line("World News")


def test_copyright_holder_without_years_company_suffix_and_notice():
    assert metadata.copyright_holder("Copyright The Fennick Ledger Ltd 2025. All rights reserved.") == "The Fennick Ledger"
    assert metadata.copyright_holder("© Orrin Institute for Tides 2024. Registered charity no. 1.") == "Orrin Institute for Tides"
    assert metadata.copyright_holder("The talks were about copyright law, she said.") is None


def test_copyright_line_names_the_outlet_when_there_is_no_masthead():
    page = [("Search", "share_widget"), ("Body text.", None), ("Copyright © 2024 Brindle Daily. All rights reserved.", "footer")]
    assert metadata.page_outlet(page) == ("Brindle Daily", "copyright line")


def test_headline_suffix_names_the_outlet_with_a_head_word_only():
    assert metadata.page_outlet([("Body.", None)], "The Varnholm Gazette") == ("The Varnholm Gazette", "headline suffix")
    assert metadata.page_outlet([("Body.", None)], "Analysis")[0] is None


def test_bilingual_byline_label_and_name_particles():
    assert metadata.find_byline("Ni/By: Quirina dela Vexa") == "Quirina dela Vexa"
    assert metadata.byline_author("By Tomas Ebbe Friday, 13 June 2025") == "Tomas Ebbe"


def test_desk_byline_alone_or_in_the_meta_line():
    assert metadata.staff_byline("Updated 2 hours ago | Harbour Desk | 3 min read") == "Harbour Desk"
    assert metadata.staff_byline("Quill Staff · 2 hours ago") == "Quill Staff"
    assert metadata.staff_byline("by the Quill English desk") is None


def test_wire_credit_reporter_not_editors_or_additional_reporting():
    assert metadata.credit_author("(Reporting by Ana Vell; additional reporting by Bo Kim in Oslo; "
                                  "Editing by Cy Dunn)") == "Ana Vell"
    assert metadata.credit_author("(Additional reporting by Bo Kim)") is None


def test_page_author_sources_in_order():
    name_line = [("Harbour plans stall as council waits for funds", "headline", "header"),
                 ("Mira Tallow", "header", "header"), ("18 June 2025", "timestamp", "header"),
                 ("Body.", None, "body")]
    assert metadata.page_author(name_line, "Harbour plans stall as council waits for funds")[0] == "Mira Tallow"
    after = [("Body.", None, "body"), ("By Oren Pask, Political Correspondent | op@example.org", "byline", "footer")]
    assert metadata.page_author(after)[0] == "Oren Pask"
    desk = [("Body.", None, "body"), ("(With inputs from agencies)", "end_credit", "footer"),
            ("Quillby Foreign Desk", "footer", "footer")]
    assert metadata.page_author(desk)[0] == "Quillby Foreign Desk"
    bio = [("Body.", None, "body"), ("Edda Runk is a former lighthouse keeper.", "author_bio", "footer")]
    assert metadata.page_author(bio)[0] == "Edda Runk"
    caption = [("Photo by Lu Ves/Quill Times", "caption", "header"), ("Body.", None, "body")]
    assert metadata.page_author(caption) == (None, "")


def test_masthead_head_word_needs_a_separate_headline_and_wire_notices_are_no_outlet():
    page = [("Mayor Meets Press", "header"), ("The mayor met reporters on Monday.", None)]
    assert metadata.page_outlet(page, headline=None)[0] is None
    assert metadata.page_outlet(page, headline="Harbour reopens after repairs")[0] == "Mayor Meets Press"
    notice = [("Body.", None), ("Copyright 2025 The Associated Press. All rights reserved.", "footer")]
    assert metadata.page_outlet(notice)[0] is None
    caption = [("Body.", None), ("Ships in the bay. © 2024 Jo Vale", "caption")]
    assert metadata.page_outlet(caption)[0] is None
