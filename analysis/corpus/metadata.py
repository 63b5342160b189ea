"""Metadata read from the text itself: explicit dates and wire agency credits.

Nothing is invented: a date is only returned when a header line states day, month and year.
The outlet, title and author a page's layout prints (masthead, copyright line, headline suffix,
bylines) are read in ``analysis.corpus.layout``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from analysis.resources import entries

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Full month names in other common languages of news pages (Spanish, Portuguese, French, Italian,
# German, Dutch, Filipino/Tagalog, Indonesian/Malay); matched only inside a day-month-year date.
_FOREIGN_MONTHS = {
    1: "enero janeiro janvier gennaio januar januari", 2: "febrero fevereiro février fevrier febbraio februar februari pebrero",
    3: "marzo março marco mars märz maerz maart marso maret", 4: "abril avril aprile april",
    5: "mayo maio mai maggio mei", 6: "junio junho juin giugno juni hunyo",
    7: "julio julho juillet luglio juli hulyo", 8: "agosto août aout augustus agustus",
    9: "septiembre setiembre setembro septembre settembre setyembre", 10: "octubre outubro octobre ottobre oktober oktubre",
    11: "noviembre novembro novembre nobyembre nopember", 12: "diciembre dezembro décembre decembre dicembre dezember disyembre desember",
}
_FOREIGN = {name: number for number, names in _FOREIGN_MONTHS.items() for name in names.split()}
_MONTH = (r"(?P<m>" + "|".join(sorted(_FOREIGN, key=len, reverse=True)) + r"|"
          r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")


def _month_number(name: str) -> int:
    name = name.lower()
    return _FOREIGN.get(name) or _MONTHS[name[:3]]
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|\.(?=\s))?"  # "3rd", German "3. März"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
DATE_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),                 # 26 Nov 2024
    re.compile(rf"\b{_DAY}\s+de\s+{_MONTH}\s+(?:de\s+|del\s+)?{_YEAR}\b", re.IGNORECASE),  # 16 de marzo de 2025
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),                 # Nov. 27, 2024
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),    # 2024-11-27
    re.compile(r"\b(?P<y>(?:19|20)\d\d)[./](?P<mn>[01]?\d)[./](?P<d>[0-3]?\d)\b"),  # 2024.11.27
    re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b"),  # 27.11.2024
    re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b"),  # 18/03/2025 (unambiguous only)
]
TIME_PATTERN = re.compile(r"\b[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:KST|GMT|UTC|EST|EDT|CET|CEST|MSK|BST|PT|ET)\)?)?",
                          re.IGNORECASE)
_TIMESTAMP_FILLER = re.compile(
    r"\b(updated|update|published|posted|last|modified|on|at|am|pm|a\.m\.|p\.m\.|kst|gmt|utc|est|edt|"
    r"cet|cest|msk|bst|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"date|time)\b|[,:|/\-–—·()+.]", re.IGNORECASE)


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every explicit calendar date in ``text`` as (date, start, end), in order of position."""
    found: list[tuple[dt.date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            groups = match.groupdict()
            if groups.get("a"):
                a, b = int(groups["a"]), int(groups["b"])
                if (a <= 12) == (b <= 12):
                    continue  # day/month order cannot be told: no date
                day, month = (a, b) if a > 12 else (b, a)
            elif groups.get("m"):
                month, day = _month_number(groups["m"]), int(groups["d"])
            else:
                month, day = int(groups["mn"]), int(groups["d"])
            date = _date_or_none(int(groups["y"]), month, day)
            if date is not None:
                found.append((date, match.start(), match.end()))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def is_timestamp_line(text: str, dates: list[tuple[dt.date, int, int]] | None = None) -> bool:
    """True for a line that holds only a date and/or a time (and words like 'Updated', 'KST').
    ``dates`` is ``find_dates(text)`` when the caller already has it."""
    spans = [(s, e) for _, s, e in (find_dates(text) if dates is None else dates)]
    spans += [(m.start(), m.end()) for m in TIME_PATTERN.finditer(text)]
    if not spans:
        return False
    rest = text
    for s, e in sorted(spans, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    rest = _TIMESTAMP_FILLER.sub(" ", rest)
    return not rest.strip()


_WIDGET = re.compile(r"°|\b(weather|sunny|cloudy|rain|wind|humidity|tide)\b", re.IGNORECASE)
# "Published" / "Updated" labels, in English and a few other common languages of news pages
_PUBLISHED_LABEL = re.compile(r"\b(published|posted|first published|date|publicado|publié|publie|publicada|"
                              r"pubblicato|veröffentlicht|gepubliceerd|inilathala|diterbitkan|fecha)\b", re.IGNORECASE)
_UPDATED_LABEL = re.compile(r"\b(updated|modified|amended|corrected|actualizado|atualizado|mis à jour|"
                            r"aggiornato|aktualisiert|bijgewerkt|na-update|diperbarui)\b", re.IGNORECASE)
DATE_LINE_RULES = ("timestamp", "byline", "end_credit", "header", "headline", "comment_prompt")


def header_publication_date(lines: list[tuple[int, str, str | None]]) -> tuple[str | None, str]:
    """The page's own publication date from its header lines ((line number, text, rule) triples),
    with its provenance '(line N, rule R)'. Only a date line counts: a timestamp, a byline or credit
    line with a date, a 'Published'/'Posted' line. Captions, weather/date widgets, prose and
    'Updated' stamps give no publication date."""
    candidates = []
    for number, text, rule in lines:
        if rule not in DATE_LINE_RULES or _WIDGET.search(text):
            continue
        dates = find_dates(text)
        if not dates:
            continue
        rest = text
        for _, s, e in sorted(dates, key=lambda x: -x[1]):
            rest = rest[:s] + " " + rest[e:]
        short = len(_TIMESTAMP_FILLER.sub(" ", rest).split()) <= 3
        date_line = (rule in ("timestamp", "byline", "comment_prompt") or short or bool(_PUBLISHED_LABEL.search(text)))
        if not date_line:
            continue
        spans = [(d, s) for d, s, _ in dates if not _UPDATED_LABEL.search(text[max(0, s - 12):s])]
        if not spans:
            continue
        labelled = bool(_PUBLISHED_LABEL.search(text))
        candidates.append((not labelled, number, spans[0][0], rule))
    if not candidates:
        return None, ""
    first = min(candidates, key=lambda c: (c[0], c[1]))
    return first[2].isoformat(), f"(line {first[1]}, rule {first[3]})"


@lru_cache(maxsize=1)
def wire_agencies() -> tuple[str, ...]:
    """Agency names from resources/wire_agencies.txt, longest first."""
    return tuple(sorted(set(entries("wire_agencies")), key=len, reverse=True))


@lru_cache(maxsize=1)
def agency_regex() -> str:
    """Alternation of the agency names, for use inside larger patterns."""
    return "|".join(re.escape(name) for name in wire_agencies())


def wire_name(text: str) -> str | None:
    """The agency's name when ``text`` is exactly an agency name (any case), else None."""
    lowered = text.strip().lower()
    for name in wire_agencies():
        if name.lower() == lowered:
            return name
    return None


def agencies_in(text: str) -> list[str]:
    """Agency names that occur in ``text`` as whole words (case-sensitive, as printed in credits)."""
    found = []
    for name in wire_agencies():
        if (re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
                and not any(name in other for other in found)):
            found.append(name)
    return found


def dateline_wire(first_line: str) -> str | None:
    """Agency named by an opening wire dateline such as 'SEOUL, Nov 27 (Reuters) -'."""
    match = re.match(rf"^[A-Z][\w .,'’/-]{{1,60}}\((?P<agency>{agency_regex()})\)\s*[-–—:]", first_line)
    return match.group("agency") if match else None


def parse_date_value(value: str) -> str | None:
    """ISO date (YYYY-MM-DD) for a manifest or record date value, or None when not explicit."""
    value = value.strip()
    if not value:
        return None
    if len(value) > 10 and value[10] in "T " and value[11:12].isdigit():
        try:  # a date with a time: the time must be valid too (2024-11-20T25:61 is not)
            return dt.datetime.fromisoformat(value).date().isoformat()
        except ValueError:
            return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    dates = find_dates(value)
    return dates[0][0].isoformat() if dates else None

