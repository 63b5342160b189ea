"""Page-layout lines: the outlet, the title and the author a saved page prints, and where.

Read from where pages print them: the masthead at the top, the copyright line of the footer, a
headline suffix ("Title | The Site"), a byline (before or after the body), a desk byline in the meta
line under the headline, a wire story's "(Reporting by ...)" credit, an author bio. Each function
returns None when the page does not say. Dates and wire agencies are in ``analysis.corpus.metadata``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.corpus.metadata import _MONTH, TIME_PATTERN, find_dates, wire_name
from analysis.resources import entries, word_set

_NAME_TOKEN = r"[A-Z][\w'’.-]*"
# "By Ana Ruiz", "Ni/By: Quirina dela Vexa" (a bilingual label), "Reporter: ..."; lower-case name particles inside
BYLINE = re.compile(rf"(?:^|\s|[|–—/-])(?i:by|written by|posted by|reporter):?\s+(?P<name>{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|(?:and|&|dela|della|del|de|das|dos|da|di|du|la|le|van|von|der|den|ter|bin|al-?)(?!\w))){{0,5}})")


def find_byline(text: str) -> str | None:
    """The author named by a byline ("By Pak Zor-min"), or None; agencies are not authors."""
    match = BYLINE.search(text)
    if not match:
        return None
    name = match.group("name").strip(" .,;|")
    if wire_name(name) is not None:
        return None
    words = name.split()
    if not 1 <= len(words) <= 6:
        return None
    return name


TITLE_SUFFIX = re.compile(r"^(?P<title>.{12,}?)\s+[|–—-]\s+(?P<suffix>(?:The\s+)?[A-Z][\w&'’.]*(?:\s+[A-Z][\w&'’.]*){0,5})$")


def split_title_suffix(title: str) -> tuple[str, str | None]:
    """Split a trailing ' – Outlet' or ' | Site' from a headline: (title, suffix or None)."""
    match = TITLE_SUFFIX.match(title)
    if not match:
        return title, None
    return match.group("title").strip(), match.group("suffix").strip()


# lower-case words allowed inside a name ("Institute for ...", "Himig ng ...", "Gaceta El ...")
_CONNECTORS = frozenset("the of for and & de del della des du da das do dos di la le les el los las "
                        "der die den van von y e et ng sa at on in".split())
_NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w&'’.\-]*|[a-z][a-z0-9]*\d[a-z0-9]*|[a-z][\w-]*\.(?:com|net|org|news|co|info)[\w.]*)$")
_MASTHEAD_SPLIT = re.compile(r"\s+[|•·—–]\s+|\s+[-:]\s+")
_COPYRIGHT_LEAD = re.compile(r"^(?:.*?\s)?(?:copyright\s*©?|©|\(c\))\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?,?\s+)?",
                             re.IGNORECASE)
_COMPANY_SUFFIX = re.compile(r"(?:,?\s+(?:Ltd|Limited|Inc|LLC|plc|PLC|GmbH|S\.A|SA|Pty|Co|Corp|AG|AS|ASA|AB|BV|NV)\.?)+$")
_TRAILING_YEAR = re.compile(r"[\s,]+(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?$")
# a staff or desk byline: a capitalised name ending in a newsroom word ("Metro Desk", "Harbour Staff")
STAFF_BYLINE = re.compile(r"^(?:By\s+)?(?P<name>(?:[A-Z][\w&'’.-]*\s+){1,4}(?:Desk|Newsdesk|Staff|Newsroom|Team|Bureau))$")
_CREDIT_AUTHOR = re.compile(r"(?<!additional )(?<!Additional )\breporting by\s+(?P<name>[^;,()]+?)\s*(?:[;,()]|\bin\s+[A-Z]|$)",
                            re.IGNORECASE)


def _words(text: str) -> list[str]:
    return text.split()


def is_name_shaped(text: str, max_words: int = 7) -> bool:
    """True for a short proper name as sites print theirs: capitalised words (or ALL CAPS) with
    lower-case connectors inside ("Institute for ...", "Himig ng ..."), a brand token ("site24",
    "example.com"); no sentence punctuation, no date."""
    words = _words(text)
    if not 1 <= len(words) <= max_words or re.search(r"[,;!?\"“”()\[\]]|:\s|\.\s|\.$", text):
        return False
    if find_dates(text) or TIME_PATTERN.search(text):
        return False
    for i, word in enumerate(words):
        if word.lower() in _CONNECTORS and 0 < i < len(words) - 1:
            continue
        if not _NAME_WORD.match(word):
            return False
    return any(ch.isalpha() for ch in text)


@lru_cache(maxsize=1)
def _section_words() -> frozenset[str]:
    return word_set("section_words")


def is_section_label(text: str) -> bool:
    """True when every word is a generic section or navigation word ("World News", "LOCAL NEWS")."""
    words = [w.strip(".,:;|›»>/").lower() for w in _words(text)]
    return bool(words) and all(w in _section_words() or w in _CONNECTORS or not w for w in words)


def smart_title(text: str) -> str:
    """An ALL-CAPS name in title case, connectors lower-case inside ("THE BAY OF X" -> "The Bay of X")."""
    out = []
    for i, word in enumerate(_words(text)):
        lower = word.lower()
        out.append(lower if i and lower in _CONNECTORS else word[:1].upper() + word[1:].lower())
    return " ".join(out)


def _acronym_of(short: str, long: str) -> bool:
    initials = "".join(w[0] for w in _words(long) if w.lower() not in _CONNECTORS and w[:1].isalpha())
    return short.isupper() and 2 <= len(short) <= 8 and short == initials.upper()


def masthead_name(first_line: str) -> str | None:
    """The publication name a masthead line holds: the line itself, or its first segment when a
    tagline or menu follows ("Example Post — Breaking News • ..."); an acronym segment followed by
    its expansion ("XYZ | Xeno Yard Zine") gives the expansion. None when it is no name."""
    segments = [s.strip() for s in _MASTHEAD_SPLIT.split(first_line.strip()) if s.strip()]
    if not segments:
        return None
    name = segments[0]
    if len(segments) >= 2 and _acronym_of(segments[0], segments[1]) and is_name_shaped(segments[1]):
        name = segments[1]
    if not is_name_shaped(name) or is_section_label(name):
        return None
    return name


def copyright_holder(text: str) -> str | None:
    """The holder named by a copyright line ("© 2025 The Example Post. All rights reserved." ->
    "The Example Post"; "Copyright Example Media Ltd 2025" -> "Example Media"), or None."""
    if not re.search(r"©|\(c\)|\bcopyright\b", text, re.IGNORECASE):
        return None
    rest = _COPYRIGHT_LEAD.sub("", text, count=1)
    rest = re.split(r"\.\s|\.$|\s[|•·—–-]\s|,\s|\ball rights reserved\b", rest, maxsplit=1, flags=re.IGNORECASE)[0]
    rest = _TRAILING_YEAR.sub("", rest.strip(" .,"))
    rest = _COMPANY_SUFFIX.sub("", rest).strip(" .,")
    rest = re.sub(r"^©\s*", "", rest)
    return rest if rest and is_name_shaped(rest) and not is_section_label(rest) else None


def _occurrences(name: str, texts: list[str]) -> list[str]:
    """The forms of ``name`` (any case, whole words) found in ``texts``, in order."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)
    return [m.group(0) for text in texts for m in pattern.finditer(text)]


def _credit_forms(name: str, texts: list[str]) -> bool:
    """True when ``name`` stands in a credit form: 'Photo: X', 'Source: X', '/X/', '(X)', 'X/File'."""
    n = re.escape(name)
    pattern = re.compile(rf"(?:(?:photo|source|image|credit|foto|larawan)s?\s*:\s*{n}\b|/{n}/|\({n}\)|\b{n}/(?:file|archive)\b)",
                         re.IGNORECASE)
    return any(pattern.search(text) for text in texts)


@lru_cache(maxsize=1)
def _outlet_heads_lower() -> frozenset[str]:
    return frozenset(w.lower() for w in entries("outlet_heads"))


def _styled(name: str, texts: list[str]) -> str:
    """``name`` as the page styles it elsewhere (a mixed-case occurrence), else title case for an
    ALL-CAPS name, else as given."""
    if not (name.isupper() or name.islower()):
        return name
    for form in _occurrences(name, texts):
        if not (form.isupper() or form.islower()):
            return form
    return smart_title(name) if name.isupper() else name


_COPYRIGHT_LINE = re.compile(r"^\W{0,3}(?:copyright\b|©|\(c\))|\ball rights reserved\b", re.IGNORECASE)


def page_outlet(lines: list[tuple[str, str | None]], title_suffix: str | None = None,
                headline: str | None = "") -> tuple[str | None, str]:
    """The outlet a saved page names, with why: (name, note) or (None, note saying what was missing).

    ``lines``: the page's non-blank lines in order as (text, rule), rule being the cleaner's verdict
    (None for a body line); ``headline``: the line taken as headline (None: the page has none).
    Sources, first that holds:
    1. masthead: the first line of the page that no chrome rule claims, when it is a short name (not
       a section label) that the page confirms: the name again elsewhere (a copyright line, a credit,
       the text), its last word or words as a short form in a credit form ('Photo: Quillbeam',
       '(Quillbeam)', '/Quillbeam/'; the short form in running text, "told the Quillbeam", does not
       count), or a newspaper head word ending it ("... Courier") when the page has its headline on
       another line; a one-word masthead needs a copyright line or a credit ('Photo: X').
    2. copyright line: "© 2025 The X. All rights reserved." / "Copyright X Ltd 2025".
    3. headline suffix ("Title – The X") when the page names X elsewhere or X ends in a head word.
    """
    texts = [text for text, _ in lines]
    # a copyright footer line (not a photo credit); a wire agency's notice under its copy is no outlet
    holders = [h for text, rule in lines if rule == "footer" and _COPYRIGHT_LINE.search(text)
               for h in [copyright_holder(text)] if h and not wire_name(re.sub(r"^the\s+", "", h, flags=re.I))
               and not wire_name(h)]
    top = next(((i, text) for i, (text, rule) in enumerate(lines[:4])
                if rule in (None, "header", "headline", "dateline", "tracking_token")), None)
    if top is not None:
        index, text = top
        name = masthead_name(text)
        if name:
            others = texts[:index] + texts[index + 1:]
            words = _words(name)
            holder = next((h for h in holders if _occurrences(name, [h])), None)
            if len(words) == 1:
                ok = holder is not None or _credit_forms(name, others)
            else:
                bare = name[4:] if name.lower().startswith("the ") and len(words) > 2 else name
                tails = [" ".join(words[k:]) for k in range(1, len(words))
                         if words[-1].lower() not in _CONNECTORS and (k < len(words) - 1 or words[k].lower() not in _CONNECTORS)]
                # a head word alone confirms it only when the page has its headline elsewhere (a page
                # that opens with a short title-case headline has no masthead)
                head = words[-1].lower() in _outlet_heads_lower() and headline is not None and headline != text
                ok = (bool(_occurrences(bare, others)) or head or any(_credit_forms(tail, others) for tail in tails))
            if ok:
                styled = _styled(name, ([holder] if holder else []) + others)
                return styled, f"masthead line {index + 1}"
    if holders:
        return holders[0], "copyright line"
    if title_suffix and is_name_shaped(title_suffix) and not is_section_label(title_suffix):
        if _occurrences(title_suffix, texts[1:]) or _words(title_suffix)[-1].lower() in _outlet_heads_lower():
            return title_suffix, "headline suffix"
    return None, "no masthead, copyright line or headline suffix naming one"


_CALENDAR_WORD = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$|^" + _MONTH + "$", re.IGNORECASE)


def byline_author(text: str) -> str | None:
    """The author of a byline without a weekday or month glued after the name ("By Ana Ruiz
    Friday, 13 June" -> "Ana Ruiz")."""
    name = find_byline(text)
    if not name:
        return None
    words = _words(name)
    while words and _CALENDAR_WORD.match(words[-1]):
        words.pop()
    return " ".join(words) or None


def staff_byline(text: str) -> str | None:
    """A desk or staff byline ("Metro Desk", "By Harbour Staff"), alone or as one '|'/'·'-separated
    segment of a meta line ("2 hours ago | Metro Desk | 3 min read")."""
    for segment in re.split(r"\s+[|·•]\s+", text.strip()):
        match = STAFF_BYLINE.match(segment.strip())
        if match and wire_name(match.group("name")) is None:
            return match.group("name")
    return None


def credit_author(text: str) -> str | None:
    """The reporter of a wire credit: '(Reporting by Ana Ruiz; Editing by Bo Li)' -> 'Ana Ruiz'
    (not additional reporting, editors or translators)."""
    match = _CREDIT_AUTHOR.search(text)
    if not match:
        return None
    name = match.group("name").strip(" .")
    return name if 1 <= len(_words(name)) <= 8 and name[:1].isupper() and wire_name(name) is None else None


_PERSON_WORD = re.compile(r"^[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)*$|^[A-Z]\.$")


def is_person_name_line(text: str) -> bool:
    """A line holding only a personal name: 2-4 capitalised words, no newspaper head word, no
    section word ("Ada Vale", "Jean-Luc Marr")."""
    words = _words(text)
    if not 2 <= len(words) <= 4:
        return False
    if not all(_PERSON_WORD.match(w) or (w.lower() in _CONNECTORS and 0 < i < len(words) - 1)
               for i, w in enumerate(words)):
        return False
    lowered = {w.lower() for w in words}
    return not (lowered & _outlet_heads_lower()) and not (lowered & _section_words())


def bio_author(text: str) -> str | None:
    """The name that opens an author bio ("Ada Vale is a columnist ...", "Ada Vale covers ...")."""
    match = re.match(r"^(?P<name>(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+),?\s+(?:is|was|covers|writes|reports)\b", text)
    return match.group("name") if match else None


_AUTHOR_SKIP_RULES = {"caption", "disclaimer", "standfirst", "end_credit", "social_embed", "read_also"}


def page_author(lines: list[tuple[str, str | None, str]], headline: str | None = None) -> tuple[str | None, str]:
    """The author a page prints, with where: (name, note) or (None, '').

    ``lines``: non-blank lines in page order as (text, rule, zone), zone 'header', 'body' or 'footer'.
    First that holds: a byline or a desk byline in the header ("By Ana Ruiz", "2 hours ago | Metro
    Desk"); a name alone on the line next to the date line under the headline; a byline after the body
    ("By Ana Ruiz, Staff Writer | email", a desk line "Metro Desk"); a wire credit's reporter
    ("(Reporting by Ana Ruiz; Editing by ...)"); the name opening an author bio at the end."""
    header = [(i, t, r) for i, (t, r, z) in enumerate(lines) if z == "header"]
    for i, text, rule in header:
        if rule in _AUTHOR_SKIP_RULES:
            continue
        name = byline_author(text) or staff_byline(text)
        if name:
            return name, f"byline line {i + 1}"
    after = next((k for k, (_, t, _) in enumerate(header) if headline and t == headline), None)
    for k, (i, text, rule) in enumerate(header):
        if after is None or k <= after or rule not in (None, "header") or not is_person_name_line(text):
            continue
        near = [header[m][1:] for m in (k - 1, k + 1) if 0 <= m < len(header)]
        if any(r in ("timestamp", "byline", "reading_time") or find_dates(t) for t, r in near):
            return text, f"name line {i + 1} beside the date line"
    footer = [(i, t, r) for i, (t, r, z) in enumerate(lines) if z == "footer"]
    for i, text, rule in footer:
        name = (byline_author(text) if rule == "byline" else None) or (
            staff_byline(text) if len(_words(text)) <= 5 else None)
        if name:
            return name, f"byline line {i + 1} after the body"
    for i, (text, rule, zone) in enumerate(lines):
        if rule in ("end_credit", "end_signature") and (name := credit_author(text)):
            return name, f"wire credit line {i + 1}"
    for i, (text, rule, zone) in enumerate(lines):
        if rule == "author_bio" and (name := bio_author(text)):
            return name, f"author bio line {i + 1}"
    return None, ""


def same_outlet(a: str | None, b: str | None) -> bool:
    """True when two outlet names are the same up to case, spacing and a leading 'The'."""
    def key(name):
        return re.sub(r"^the\s+", "", " ".join(str(name).split()).casefold())
    return bool(a) and bool(b) and isinstance(b, str) and key(a) == key(b)
