"""Page-layout lines: bylines, headline suffixes, mastheads, copyright lines, the page's outlet and
author (invented names)."""

from analysis.corpus import layout


def test_bylines():
    assert layout.find_byline("By Vesna Korro") == "Vesna Korro"
    assert layout.find_byline("Nov. 27, 2024 - 19:33 By Vesna Korro") == "Vesna Korro"
    assert layout.find_byline("By Reuters") is None
    assert layout.find_byline("The talks ended by noon.") is None


def test_title_suffix():
    assert layout.split_title_suffix("Veldoria weighs arms aid | The Example Times") == (
        "Veldoria weighs arms aid", "The Example Times")
    assert layout.split_title_suffix("Alpha - Beta ties deepen") == (
        "Alpha - Beta ties deepen", None)


def test_masthead_in_capitals_takes_the_styling_of_the_copyright_line():
    page = [("THE QUILLBY OBSERVER", "dateline"), ("Home | Local | Sport", "header"),
            ("The mayor said the ferry would run again in May.", None),
            ("© 2025 The Quillby Observer. All rights reserved.", "footer")]
    assert layout.page_outlet(page) == ("The Quillby Observer", "masthead line 1")


def test_masthead_of_two_words_confirmed_by_a_photo_credit_or_a_head_word():
    credit = [("Diario Las Vetas", "header"), ("(Photo: Las Vetas)", "caption"), ("Body text here.", None)]
    assert layout.page_outlet(credit)[0] == "Diario Las Vetas"
    head = [("MARROWVALE COURIER", "dateline"), ("Body text here.", None)]
    assert layout.page_outlet(head)[0] == "Marrowvale Courier"


def test_masthead_that_the_page_does_not_confirm_is_not_taken():
    assert layout.page_outlet([("Storm Hits Varnholm", "header"), ("Varnholm was flooded on Monday.", None)])[0] is None
    assert layout.page_outlet([("World News", "header"), ("Body text.", None)])[0] is None
    # one word: only a copyright line or a credit confirms it
    assert layout.page_outlet([("Kestrelbladet", "header"), ("Kestrelbladet readers wrote in.", None)])[0] is None
    assert layout.page_outlet([("Kestrelbladet", "header"), ("Photo: Kestrelbladet", "caption")])[0] == "Kestrelbladet"


def test_masthead_with_tagline_or_acronym_segment():
    assert layout.masthead_name("Quillby Post 24 — Breaking News • Viral • Deals") == "Quillby Post 24"
    assert layout.masthead_name("QRN | Quillby Radio Network") == "Quillby Radio Network"
    assert layout.masthead_name("Latest News | Home") is None


def test_one_word_names_that_are_not_only_section_words():
    # "Metro" and "The Nation" are publications; "English", "More", "Story" are surnames
    assert layout.masthead_name("Metro") == "Metro"
    assert layout.masthead_name("The Nation — Quillby edition") == "The Nation"
    for surname in ("English", "More", "Story"):
        assert layout.is_person_name_line(f"Quorin {surname}")
        assert layout.is_person_name_line(f"Mirelle Talvek {surname}")
    assert not layout.is_person_name_line("World News")


def test_copyright_holder_without_years_company_suffix_and_notice():
    assert layout.copyright_holder("Copyright The Fennick Ledger Ltd 2025. All rights reserved.") == "The Fennick Ledger"
    assert layout.copyright_holder("© Orrin Institute for Tides 2024. Registered charity no. 1.") == "Orrin Institute for Tides"
    assert layout.copyright_holder("The talks were about copyright law, she said.") is None


def test_copyright_line_names_the_outlet_when_there_is_no_masthead():
    page = [("Search", "share_widget"), ("Body text.", None), ("Copyright © 2024 Brindle Daily. All rights reserved.", "footer")]
    assert layout.page_outlet(page) == ("Brindle Daily", "copyright line")


def test_headline_suffix_names_the_outlet_with_a_head_word_only():
    assert layout.page_outlet([("Body.", None)], "The Varnholm Gazette") == ("The Varnholm Gazette", "headline suffix")
    assert layout.page_outlet([("Body.", None)], "Analysis")[0] is None


def test_bilingual_byline_label_and_name_particles():
    assert layout.find_byline("Ni/By: Quirina dela Vexa") == "Quirina dela Vexa"
    assert layout.byline_author("By Tomas Ebbe Friday, 13 June 2025") == "Tomas Ebbe"


def test_desk_byline_alone_or_in_the_meta_line():
    assert layout.staff_byline("Updated 2 hours ago | Harbour Desk | 3 min read") == "Harbour Desk"
    assert layout.staff_byline("Quill Staff · 2 hours ago") == "Quill Staff"
    assert layout.staff_byline("by the Quill English desk") is None


def test_wire_credit_reporter_not_editors_or_additional_reporting():
    assert layout.credit_author("(Reporting by Ana Vell; additional reporting by Bo Kim in Brenvik; "
                                  "Editing by Cy Dunn)") == "Ana Vell"
    assert layout.credit_author("(Additional reporting by Bo Kim)") is None


def test_page_author_sources_in_order():
    name_line = [("Harbour plans stall as council waits for funds", "headline", "header"),
                 ("Mira Tallow", "header", "header"), ("18 June 2025", "timestamp", "header"),
                 ("Body.", None, "body")]
    assert layout.page_author(name_line, "Harbour plans stall as council waits for funds")[0] == "Mira Tallow"
    after = [("Body.", None, "body"), ("By Oren Pask, Political Correspondent | op@example.org", "byline", "footer")]
    assert layout.page_author(after)[0] == "Oren Pask"
    desk = [("Body.", None, "body"), ("(With inputs from agencies)", "end_credit", "footer"),
            ("Quillby Foreign Desk", "footer", "footer")]
    assert layout.page_author(desk)[0] == "Quillby Foreign Desk"
    bio = [("Body.", None, "body"), ("Edda Runk is a former lighthouse keeper.", "author_bio", "footer")]
    assert layout.page_author(bio)[0] == "Edda Runk"
    caption = [("Photo by Lu Ves/Quill Times", "caption", "header"), ("Body.", None, "body")]
    assert layout.page_author(caption) == (None, "")


def test_masthead_head_word_needs_a_separate_headline_and_wire_notices_are_no_outlet():
    page = [("Mayor Meets Press", "header"), ("The mayor met reporters on Monday.", None)]
    assert layout.page_outlet(page, headline=None)[0] is None
    assert layout.page_outlet(page, headline="Harbour reopens after repairs")[0] == "Mayor Meets Press"
    notice = [("Body.", None), ("Copyright 2025 The Associated Press. All rights reserved.", "footer")]
    assert layout.page_outlet(notice)[0] is None
    caption = [("Body.", None), ("Ships in the bay. © 2024 Jo Vale", "caption")]
    assert layout.page_outlet(caption)[0] is None
