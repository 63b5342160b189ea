"""The cleaner, rule by rule, on small made-up pages (not on the embedded articles)."""

import pytest

from analysis.corpus.cleaning import classify, clean_lines, is_prose
from analysis.corpus.normalize import split_lines

BODY_1 = "SEOUL (Reuters) - South Korea is weighing whether to send weapons to Ukraine, officials said on Monday."
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
    ("Read also: Seoul weighs arms for Kyiv", "read_also"),
    ("RELATED ARTICLES", "read_also"),
    ("Subscribe to our newsletter for the latest news", "social_prompt"),
    ("Join our Telegram channel", "social_prompt"),
    ("Leave a comment", "comment_prompt"),
    ("12 Comments", "comment_prompt"),
    ("If you have found a spelling error, please, notify us by selecting that text and pressing Ctrl+Enter.",
     "spelling_widget"),
    ("4 min read", "reading_time"),
    ("Photo: Rustem Umerov / Facebook", "caption"),
    ("President Yoon Suk Yeol (Yonhap)", "caption"),
    ("Soldiers at a training ground (AP Photo/John Doe)", "caption"),
    ("A soldier fires a howitzer. Getty Images", "caption"),
    ("— Rustem Umerov (@rustem_umerov) November 28, 2024", "social_embed"),
    ("(With inputs from Reuters)", "end_credit"),
    ("(Reporting by Jane Doe; Editing by John Roe)", "end_credit"),
    ("(Yonhap)", "end_credit"),
    ("© 2024 Example Media. All rights reserved.", "footer"),
    ("Advertisement", "footer"),
    ("10:47 26 Nov 2024", "timestamp"),
    ("Updated: Nov. 27, 2024 19:33 KST", "timestamp"),
    ("By Jane Doe", "byline"),
    ("Nov. 27, 2024 - 19:33 By Son Ji-hyoung", "byline"),
])
def test_rules_claim_chrome(line, rule):
    assert classify(line) == rule


@pytest.mark.parametrize("line", [
    BODY_1, BODY_2,
    "Popular support for sending arms remains low, a survey showed.",
    "Russia's warning to South Korea",
    "• air defense systems;",
    "The US presidential election could affect support for Ukraine.",
    "Patrick Ryder said the US supports its ally.",
    "From the start, Seoul has refused to supply lethal arms.",
])
def test_rules_leave_body_alone(line):
    assert classify(line) is None


def test_header_body_footer():
    page = "\n".join([
        "fbpx", "Nov. 27, 2024 - 19:33 By Jane Doe", "",
        "Seoul weighs sending weapons to Ukraine – The Example Times", "Photo: File / Reuters", "",
        BODY_1, "", "Key points:", "• air defense systems;", "• artillery systems.", "",
        "A crosshead without punctuation", BODY_2, "Read also:", "Seoul and Kyiv talk arms",
        "Another related headline here", BODY_3, "", "(With inputs from Reuters)", "Leave a comment",
    ])
    result = clean(page)
    assert result.body.split("\n\n")[0] == BODY_1
    assert "Key points:\n• air defense systems;\n• artillery systems." in result.body
    assert "A crosshead without punctuation" in result.body
    assert result.body.endswith(BODY_3)
    gone = removed(result)
    assert gone["Seoul weighs sending weapons to Ukraine – The Example Times"] == "headline"
    assert gone["Seoul and Kyiv talk arms"] == "read_also"
    assert gone["Another related headline here"] == "read_also"
    assert gone["(With inputs from Reuters)"] == "end_credit"
    assert gone["Photo: File / Reuters"] == "caption"
    assert result.headline == "Seoul weighs sending weapons to Ukraine – The Example Times"


def test_wire_dateline_stays_and_glued_credit_is_cut():
    result = clean(BODY_1 + "\n" + BODY_2 + " (Yonhap)")
    assert result.body.startswith("SEOUL (Reuters) - South Korea")
    assert result.body.endswith("without giving details.")
    assert result.trailing_credit == "(Yonhap)"


def test_caption_between_paragraphs_is_removed():
    result = clean("\n".join([BODY_1, "Defense Minister Rustem Umerov (AFP)", BODY_2]))
    assert "Umerov (AFP)" not in result.body and BODY_2 in result.body


def test_page_without_prose_keeps_lines_and_says_so():
    result = clean("Short line one\nShort line two")
    assert result.body == "Short line one\n\nShort line two"
    assert result.notes


def test_only_chrome_gives_empty_body():
    assert clean("Share\nLeave a comment\n").body == ""


def test_is_prose():
    assert is_prose(BODY_2)
    assert is_prose('He said it would "fully destroy relations."')
    assert not is_prose("Ukrainian delegation visits South Korea seeking arms")
    assert not is_prose("Seoul silent.")
