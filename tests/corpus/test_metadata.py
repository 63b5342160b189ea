"""Metadata from text: explicit dates only, wire datelines and credits."""

import datetime as dt

import pytest

from analysis.corpus import metadata


@pytest.mark.parametrize("text,expected", [
    ("10:47 26 Nov 2024", dt.date(2024, 11, 26)),
    ("Nov. 27, 2024 - 19:33 By Vesna Korro", dt.date(2024, 11, 27)),
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


def test_wire_dateline_and_credits():
    assert metadata.dateline_wire("VELDORA, Nov 27 (Reuters) - Veldoria said") == "Reuters"
    assert metadata.dateline_wire("MARTENBURG (AP) — Alpha's defence minister") == "AP"
    assert metadata.dateline_wire("Veldora (and Martenburg) - nothing") is None
    assert metadata.agencies_in("(With inputs from Reuters and AFP)") == ["Reuters", "AFP"]


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

