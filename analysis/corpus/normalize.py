"""Text normalization: Unicode repair, whitespace and bullets; the original text stays available."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c]+")
# Glyphs that open a list item; an em dash is left alone (it opens attributions, not lists).
_BULLET = re.compile(r"^(?:[\u2022\u00b7\u25cf\u25aa\u25e6\u2023\u2219\u25a0\u25a1\u27a2\u2713\u2714*\-\u2013>]"
                     r"|\d{1,2}[.)])\s+(?=\S)")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")


@dataclass(frozen=True)
class Line:
    """One line of an article: where it was in the raw text and what it reads after normalization."""

    number: int          # 1-based line number in the record's text
    start: int           # character offset of the raw line in the record's text
    raw: str             # the line as it was
    text: str            # normalized
    is_list_item: bool


def repair_text(text: str) -> str:
    """Fix mojibake and broken Unicode (ftfy), keeping curly quotes and dashes as written."""
    return ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False,
                         fix_character_width=True, normalization="NFC")


def normalize_line(raw: str) -> tuple[str, bool]:
    """Normalize one line; return the text and whether it is a list item (bullet normalized to '• ')."""
    text = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)
    text = _SPACES.sub(" ", text).strip()
    match = _BULLET.match(text)
    if match and not _NUMBERED.match(text):
        return "\u2022 " + text[match.end():], True
    if match:
        return text, True
    return text, False


def split_lines(text: str) -> list[Line]:
    """Split a record's text into normalized lines with their raw offsets (line numbers as in a file)."""
    lines: list[Line] = []
    pos = 0
    number = 1
    for match in _LINE_BREAK.finditer(text + "\n"):
        raw = text[pos:match.start()]
        repaired = repair_text(raw) if raw.strip() else ""
        normalized, is_item = normalize_line(repaired)
        lines.append(Line(number, pos, raw, normalized, is_item))
        pos = match.end()
        number += 1
        if pos > len(text):
            break
    return lines
