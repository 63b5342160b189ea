"""The cleaner, rule by rule, on small made-up pages (not on the embedded articles)."""

import pytest

from analysis.corpus.cleaning import classify, clean_lines, is_prose
from analysis.corpus.normalize import split_lines

BODY_1 = "VELDORA (Reuters) - Veldoria is weighing whether to send weapons to Dravonia, officials said on Monday."
BODY_2 = "The presidential office said all options were on the table, without giving details."
BODY_3 = "Opposition lawmakers said they would block any shipment of lethal arms to a country at war."


def clean(text):
    return clean_lines(split_lines(text))


def removed(result):
    return {line.text: rule for line, keep, rule in result.lines if rule}


@pytest.mark.parametrize("line,rule", [
    ("fbpx", "tracking_token"),
    ("Share", "share_widget"),
    ("Send to", "share_widget"),
    ("Facebook Twitter WhatsApp Email", "share_widget"),
    ("Read also: Veldora weighs arms for Martenburg", "read_also"),
    ("RELATED ARTICLES", "read_also"),
    ("Subscribe to our newsletter for the latest news", "social_prompt"),
    ("Join our Telegram channel", "social_prompt"),
    ("Leave a comment", "comment_prompt"),
    ("12 Comments", "comment_prompt"),
    ("If you have found a spelling error, please, notify us by selecting that text and pressing Ctrl+Enter.",
     "spelling_widget"),
    ("4 min read", "reading_time"),
    ("Photo: Arlen Vostrik / Facebook", "caption"),
    ("President Tarn Belisov (Yonhap)", "caption"),
    ("Soldiers at a training ground (AP Photo/John Doe)", "caption"),
    ("A soldier fires a howitzer. Getty Images", "caption"),
    ("— Arlen Vostrik (@arlen_vostrik) November 28, 2024", "social_embed"),
    ("(With inputs from Reuters)", "end_credit"),
    ("(Reporting by Jane Doe; Editing by John Roe)", "end_credit"),
    ("(Yonhap)", "end_credit"),
    ("© 2024 Example Media. All rights reserved.", "footer"),
    ("Advertisement", "footer"),
    ("10:47 26 Nov 2024", "timestamp"),
    ("Updated: Nov. 27, 2024 19:33 KST", "timestamp"),
    ("By Jane Doe", "byline"),
    ("Nov. 27, 2024 - 19:33 By Vesna Korro", "byline"),
])
def test_rules_claim_chrome(line, rule):
    assert classify(line) == rule


@pytest.mark.parametrize("line", [
    BODY_1, BODY_2,
    "Popular support for sending arms remains low, a survey showed.",
    "Gorvania's warning to Veldoria",
    "• air defense systems;",
    "The Alderan presidential election could affect support for Dravonia.",
    "Oren Halvik said Alderan supports its ally.",
    "From the start, Veldora has refused to supply lethal arms.",
    # Body sentences that share words with disclaimers, amendment notes and comment prompts.
    "The report was published on Tuesday by the audit office in Varnholm.",
    "The article was amended to exempt the fishing fleet, the clerk said.",
    "Critics said the views of these lawmakers had hardened over the winter.",
    "The vote does not necessarily reflect the mood in the provinces, one analyst said.",
    "The story was written long before the ballot, its author recalled.",
    # Body sentences that resemble the issue 14 rules (comment prompt, standards note, bio, dates).
    "Residents tell us in the comments section of the town forum that fares rose.",
    "Our standards: we check every figure twice before we print it, the editor said.",
    "Principles: the port authority says it will publish a new code.",
    "The fund (Harbour Trust) paid for the new pier in Varnholm, the mayor said.",
    "On 3 de marzo the council met again in Varnholm to vote on the pier.",
])
def test_rules_leave_body_alone(line):
    assert classify(line) is None


def test_header_body_footer():
    page = "\n".join([
        "fbpx", "Nov. 27, 2024 - 19:33 By Jane Doe", "",
        "Veldora weighs sending weapons to Dravonia – The Example Times", "Photo: File / Reuters", "",
        BODY_1, "", "Key points:", "• air defense systems;", "• artillery systems.", "",
        "A crosshead without punctuation", BODY_2, "Read also:", "Veldora and Martenburg talk arms",
        "Another related headline here", BODY_3, "", "(With inputs from Reuters)", "Leave a comment",
    ])
    result = clean(page)
    assert result.body.split("\n\n")[0] == BODY_1
    assert "Key points:\n• air defense systems;\n• artillery systems." in result.body
    assert "A crosshead without punctuation" in result.body
    assert result.body.endswith(BODY_3)
    gone = removed(result)
    assert gone["Veldora weighs sending weapons to Dravonia – The Example Times"] == "headline"
    assert gone["Veldora and Martenburg talk arms"] == "read_also"
    assert gone["Another related headline here"] == "read_also"
    assert gone["(With inputs from Reuters)"] == "end_credit"
    assert gone["Photo: File / Reuters"] == "caption"
    assert result.headline == "Veldora weighs sending weapons to Dravonia – The Example Times"


def test_wire_dateline_stays_and_glued_credit_is_cut():
    result = clean(BODY_1 + "\n" + BODY_2 + " (Yonhap)")
    assert result.body.startswith("VELDORA (Reuters) - Veldoria")
    assert result.body.endswith("without giving details.")
    assert result.trailing_credit == "(Yonhap)"


def test_caption_between_paragraphs_is_removed():
    result = clean("\n".join([BODY_1, "Defense Minister Arlen Vostrik (AFP)", BODY_2]))
    assert "Vostrik (AFP)" not in result.body and BODY_2 in result.body


def test_page_without_prose_keeps_lines_and_says_so():
    result = clean("Short line one\nShort line two")
    assert result.body == "Short line one\n\nShort line two"
    assert result.notes


def test_only_chrome_gives_empty_body():
    assert clean("Share\nLeave a comment\n").body == ""


def test_is_prose():
    assert is_prose(BODY_2)
    assert is_prose('He said it would "fully destroy relations."')
    assert not is_prose("Zorvani delegation visits Quellia seeking trucks")
    assert not is_prose("Veldora silent.")


# Issue 14: page layouts from outlets the cleaner never saw (all lines invented).
@pytest.mark.parametrize("line,rule", [
    ("Jane Doe covers security policy for the Daily Example and previously reported from Brenvik.", "author_bio"),
    ("Tomas Vey is a senior correspondent who writes about energy markets.", "author_bio"),
    ("About the author", "author_heading"),
    ("Rhea Lund is a Senior Research Fellow at the Example Institute.", "author_bio"),
    ("Name * | E-mail | Post comment", "comment_form"),
    ("Your email address will not be published. Required fields are marked *", "comment_prompt"),
    ("Comment policy: keep it civil, abusive posts are deleted.", "comment_prompt"),
    ("We use cookies to tailor adverts. By browsing on you consent to our policy.", "cookie_notice"),
    ("Accept all", "cookie_notice"),
    ("The views expressed here are the writer's and do not necessarily reflect those of the paper.", "disclaimer"),
    ("This story was amended on 3 May 2021 to correct a spelling.", "disclaimer"),
    ("[Editor's note: this piece was translated from Basque by our desk.]", "disclaimer"),
    ("Tags: harbours, budgets, rail", "tags"),
    ("Subscribe to continue reading", "paywall"),
    ("Already a subscriber? Sign in", "paywall"),
    ("Listen to this article (6 min)", "audio_player"),
    ("Start » Regions » Coast", "breadcrumb"),
    ("Follow the Example Gazette on WhatsApp for daily bulletins.", "social_prompt"),
    ("Share 3 | Post | Copy link", "share_widget"),
    ("Cranes at a container terminal in the north. File photo, 3 May 2021.", "caption"),
    ("Cyclists wait at a crossing. Photo credit: Town Hall", "caption"),
    ("Web editor: Ana Person", "end_credit"),
    ("What do you think? Should the town close the pier? Let us know in the comments below.", "comment_prompt"),
    ("Tell us what you think in the comments.", "comment_prompt"),
    ("Our Standards: The Northwind Trust Principles.", "standards_note"),
    ("Editorial standards: Example Wire Code of Practice", "standards_note"),
    ("Ilse Marr is a Senior Research Fellow at the Example Institute for Harbours.", "author_bio"),
])
def test_issue14_rules_claim_chrome(line, rule):
    assert classify(line) == rule


CUT = ("The harbour board met again on Friday and members said the vote on the new quay had been "
       "postponed while the ministry said it would")


def test_cut_last_paragraph_is_kept():
    result = clean("Harbour board delays quay vote\n\n" + BODY_2 + "\n\n" + BODY_3 + "\n\n" + CUT
                   + "\n\nComments (3)\nLeave a comment")
    assert result.body.endswith(CUT)
    assert removed(result)["Leave a comment"] == "comment_prompt"


def test_nothing_after_comment_section_or_paywall_is_body():
    result = clean(BODY_2 + "\n\n" + BODY_3 + "\n\nSubscribe to continue reading\n\n"
                   "Get full access for one coin a month. Cancel whenever you like.")
    assert result.body.endswith(BODY_3)


def test_standfirst_above_byline_and_repeated_lead_are_not_body():
    lead = "Officials signalled no change in policy on the canal toll after a long meeting on Monday."
    page = ("Canal toll stays\n\nA short summary of the story that sits above the byline block.\n\n"
            "By Jane Doe\n12 March 2024\n\n" + lead + "\n\nROME (Agency) - " + lead + "\n\n" + BODY_2 + "\n\n" + BODY_3)
    result = clean(page)
    assert result.body.startswith("ROME (Agency) - Officials")
    assert removed(result)[lead] == "standfirst"
    assert removed(result)["A short summary of the story that sits above the byline block."] == "standfirst"


def test_related_list_under_heading_is_removed():
    result = clean(BODY_2 + "\n\n" + BODY_3 + "\n\nRelated publications\n• Ports and tolls in a warmer sea?\n"
                   "• What the canal vote means")
    assert result.body.endswith(BODY_3)


def test_author_bio_at_the_edge_goes_but_an_expert_introduced_inside_the_story_stays():
    page = "\n".join([
        "Harbour plan divides the council",
        "",
        "The council of Varnholm will vote next week on the harbour plan, officials said on Monday.",
        "",
        "Tom Vale is an analyst at the Harbour Institute who has followed the plan for years.",
        "",
        "He said the vote was likely to be close, given the mood among councillors.",
        "",
        "About the author",
        "Ada Roe is a correspondent for the Example Daily and writes about cities.",
    ])
    cleaned = clean_lines(split_lines(page))
    assert "Tom Vale is an analyst" in cleaned.body
    assert cleaned.body.endswith("given the mood among councillors.")
    rules = {line.text: rule for line, keep, rule in cleaned.lines if not keep and line.text}
    assert rules["About the author"] == "author_heading"
    assert rules["Ada Roe is a correspondent for the Example Daily and writes about cities."] == "author_bio"


def test_a_lead_repeated_without_a_dateline_is_not_a_standfirst():
    para = "The harbour board of Varnholm met again on Thursday to discuss the new quay, members said."
    cleaned = clean_lines(split_lines("\n\n".join([para, para, "A final sentence closes the short story here."])))
    assert cleaned.body.count("The harbour board of Varnholm") == 2


def test_glued_signature_of_any_capitalised_name_is_cut():
    result = clean(BODY_2 + "\n\nThe ferry will resume service to the island in May. (Northwind Press)")
    assert result.body.endswith("resume service to the island in May.")
    assert result.trailing_credit == "(Northwind Press)" and result.trailing_rule == "end_signature"
    wire = clean(BODY_2 + "\n\nThe ferry will resume service in May. (Yonhap)")
    assert wire.trailing_rule == "end_credit"


@pytest.mark.parametrize("last", [
    "The ferry will resume service once the harbour office (Port Authority of Varnholm) agrees.",
    "The ferry will resume service in May, said the harbour office (Port Authority).",
])
def test_a_parenthesis_inside_the_last_sentence_stays(last):
    result = clean(BODY_2 + "\n\n" + last)
    assert result.body.endswith(last) and result.trailing_credit is None


def test_standards_note_after_a_wire_credit_is_not_body():
    result = clean(BODY_2 + "\n\n" + BODY_3 + "\n\n(Reporting by Ana Person; Editing by Ben Person)\n\n"
                   "Our Standards: The Northwind Trust Principles.")
    assert result.body.endswith(BODY_3)
    assert removed(result)["Our Standards: The Northwind Trust Principles."] == "standards_note"


def test_standfirst_marked_by_the_page_markup_is_not_body():
    summary = "A short summary of the harbour story, printed under the headline by the page."
    page = "Harbour plan divides the council\n\n" + summary + "\n\n" + "\n\n".join([BODY_2, BODY_3, CUT + "."])
    result = clean_lines(split_lines(page), standfirsts=[summary])
    assert result.body.startswith(BODY_2)
    assert removed(result)[summary] == "standfirst"
    # the same text inside the body, or no markup: body
    assert clean(page).body.startswith(summary)
    short = clean_lines(split_lines(summary + "\n\n" + BODY_2), standfirsts=[summary])
    assert short.body.startswith(summary)


def test_every_line_outside_the_body_has_a_rule():
    page = "\n".join(["Varnholm Daily", "Harbour plan divides the council", "Some odd header words", "",
                      BODY_2, "", BODY_3, "", "A trailing line without a rule", "Share"])
    result = clean(page)
    for line, keep, rule in result.lines:
        if line.text:
            assert keep or rule, line.text
        if keep:
            assert rule is None
    kept = [line.text for line, keep, _ in result.lines if keep]
    assert kept == [BODY_2, BODY_3]


def test_headline_is_the_line_above_the_meta_line_not_the_masthead_tagline_or_menu():
    page = "\n".join([
        "THE QUILLBY OBSERVER", "Serving the valley since 1901", "Home | Local | Sport | Opinion",
        "Friday, 3 May 2024 | Quillby 21°C Sunny", "POLITICS", "",
        "Ferry service to resume after a winter of repairs",
        "The harbour board approved the money on Thursday after months of delay",
        "By Mira Tallow", "Published: 3 May 2024", "", BODY_1, "", BODY_2,
    ])
    assert clean(page).headline == "Ferry service to resume after a winter of repairs"


def test_headline_above_the_body_when_the_page_has_no_meta_line():
    page = "\n".join(["Quillby Radio", "World > Europe", "", "Harbour reopens to ferries after repairs", "",
                      BODY_1, "", BODY_2])
    assert clean(page).headline == "Harbour reopens to ferries after repairs"


def test_menu_without_separators_is_no_headline():
    page = "\n".join(["Weather Travel Gardening Puzzles Recipes Letters", "", BODY_1, "", BODY_2])
    assert clean(page).headline is None
