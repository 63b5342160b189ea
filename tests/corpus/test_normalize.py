"""Normalization: Unicode repair, spaces, bullets, raw offsets kept."""

from analysis.corpus.normalize import normalize_line, repair_text, split_lines


def test_mojibake_is_repaired_and_curly_quotes_kept():
    broken = "Veldoria’s stance – “phased”".replace("”", "").encode("utf-8").decode("cp1252")
    assert repair_text(broken) == "Veldoria’s stance – “phased"


def test_spaces_and_invisible_characters():
    text, item = normalize_line("\u00a0 Veldora\u200b  and\tMartenburg\u00ad ")
    assert text == "Veldora and Martenburg" and not item


def test_bullets_become_one_marker():
    for raw in ("  • air defense systems;", "- air defense systems;", "* air defense systems;",
                "– air defense systems;"):
        assert normalize_line(raw) == ("\u2022 air defense systems;", True)


def test_em_dash_attribution_is_not_a_bullet():
    assert normalize_line("— Vesna Korro (@vesna_korro)")[1] is False


def test_numbered_items_keep_their_number():
    assert normalize_line("1. First point.") == ("1. First point.", True)


def test_split_lines_keeps_numbers_and_offsets():
    text = "Title\r\n\r\nBody line.\rLast"
    lines = split_lines(text)
    assert [line.number for line in lines] == [1, 2, 3, 4]
    assert [text[line.start:line.start + len(line.raw)] for line in lines] == ["Title", "", "Body line.", "Last"]
