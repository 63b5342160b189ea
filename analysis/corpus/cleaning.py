"""Boilerplate removal by general rules: keep the article body, record every removed line and why.

The body runs from the first to the last prose line (a line of several words ending like a
sentence) that no boilerplate rule claims. Lines before it are the header (headline, timestamps,
bylines, widgets), lines after it the footer (credits, prompts, widgets). Inside the body, lines
that a boilerplate rule claims (captions, "read also" lists, embeds, prompts) are removed too; all
other lines, short ones and list items included, are kept. An end credit glued to the last body
line ("... said. (AFP)") is cut off and recorded; an opening wire dateline stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.corpus import layout, metadata
from analysis.corpus.normalize import Line
from analysis.resources import word_set, yaml_data

RULES_FILE = "boilerplate_rules.yml"
MIN_PROSE_WORDS = 6
MAX_RULE_LINE = 600  # page chrome is short: longer lines are never matched against the rules
_SENTENCE_END = re.compile(r"[.!?…:;](?:[\"'”’»)\]]*)$|[\"”»](?:[.!?…])?$")
_ALLCAPS_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([^()]{1,30}\))?\s*[-–—:]?$")


@dataclass
class CleanedText:
    """Result of cleaning one record.

    Attributes:
        lines: every line with its verdict: list of (Line, kept, rule); ``rule`` is None for kept lines.
        body: the kept lines joined (paragraphs separated by blank lines, list items on their own line).
        header: normalized header lines (for metadata).
        headline: the line taken as headline, if any.
        trailing_credit: an end credit cut from the last body line, if any.
        trailing_rule: the rule that cut it ('end_credit' or 'end_signature').
        notes: remarks for the problems table (e.g. no prose found).
    """

    lines: list[tuple[Line, bool, str | None]]
    body: str
    header: list[str] = field(default_factory=list)
    headline: str | None = None
    trailing_credit: str | None = None
    trailing_rule: str | None = None
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[tuple[str, re.Pattern], ...]:
    """The compiled rules of resources/boilerplate_rules.yml, in file order."""
    spec = yaml_data(RULES_FILE)
    agency = metadata.agency_regex()
    compiled = []
    for rule in spec:
        for pattern in rule["patterns"]:
            compiled.append((rule["rule"], re.compile(pattern.replace("{AGENCY}", agency), re.IGNORECASE)))
    return tuple(compiled)


def match_rule(text: str) -> str | None:
    """Name of the first boilerplate rule that claims the whole line, or None."""
    for name, pattern in boilerplate_rules():
        if pattern.fullmatch(text):
            return name
    return None


_BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+,?\s+(?:covers\b|writes\b|reports on\b|"
    r"is (?:a|an|the)\b[^.]{0,80}\b(?i:correspondent|columnist|reporter|editor|writer|journalist|contributor|"
    r"fellow|diplomat|analyst|author|researcher)s?\b)")
_SEPARATORS = re.compile(r"[|·•]")
TERMINAL_RULES = {"comment_prompt", "comment_form", "paywall", "author_heading"}
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
CUT_MIN_WORDS = 15


def structural_rule(text: str) -> str | None:
    """Rules that need code rather than one pattern: timestamps, bylines, dateline-only lines,
    author bios, share bars."""
    if _BIO.match(text) and len(text.split()) <= 80:
        return "author_bio"
    if re.match(r"^(share|tweet)\b", text, re.IGNORECASE) and len(_SEPARATORS.findall(text)) >= 2:
        return "share_widget"
    dates = metadata.find_dates(text)
    if metadata.is_timestamp_line(text, dates):
        return "timestamp"
    if dates or metadata.TIME_PATTERN.search(text):
        rest = text
        for _, s, e in sorted(dates, key=lambda x: -x[1]):
            rest = rest[:s] + rest[e:]
        rest = metadata.TIME_PATTERN.sub("", rest).strip(" -–—|,·")
        if layout.find_byline(rest) and len(rest.split()) <= 8:
            return "byline"
    if layout.find_byline(text) and len(text.split()) <= 8 and not _SENTENCE_END.search(text):
        return "byline"
    if _ALLCAPS_DATELINE.match(text) and len(text.split()) <= 5:
        return "dateline"
    return None


def classify(text: str) -> str | None:
    """The rule that removes this line wherever it stands, or None if it may be body."""
    if len(text) > MAX_RULE_LINE:
        return None
    return match_rule(text) or structural_rule(text)


def is_prose(text: str) -> bool:
    """A line of running text: enough words and a sentence-like ending (a glued end credit aside)."""
    text, _ = _trailing_credit(text)
    words = text.split()
    return len(words) >= MIN_PROSE_WORDS and bool(_SENTENCE_END.search(text))


# a signature glued to the end of the last paragraph after a sentence end: a parenthesised name of
# capitalised words ("... the island. (Northwind Press)"), agency list or not
_SIGNATURE = re.compile(
    r"(?<=[.!?”\"’])\s*(\((?:[A-Z][\w&'’.-]*)(?:\s+(?:[A-Z][\w&'’.-]*|of|and|for|de|&)){0,5}\)\.?)\s*$")


def _trailing_credit(text: str) -> tuple[str, str | None]:
    """Cut an end credit glued to a line: '... said. (AFP)' -> ('... said.', '(AFP)')."""
    text, credit, _ = _trailing_credit_rule(text)
    return text, credit


def _trailing_credit_rule(text: str) -> tuple[str, str | None, str | None]:
    """Like _trailing_credit, with the rule that cut it: 'end_credit' for a wire agency or a
    reporting credit, 'end_signature' for any other parenthesised capitalised name."""
    agency = metadata.agency_regex()
    match = re.search(
        rf"(?<=[.!?”\"’])\s*(\((?:with (?:additional )?inputs? from [^()]+|(?:additional )?reporting by [^()]+|"
        rf"{agency})\)\.?|[—–-]\s*(?:{agency}))\s*$", text, re.IGNORECASE)
    rule = "end_credit"
    if not match:
        match, rule = _SIGNATURE.search(text), "end_signature"
    if not match or not text[:match.start()].strip():
        return text, None, None
    return text[:match.start()].rstrip(), match.group(1).strip(), rule


def _is_mid_chrome(text: str) -> bool:
    """A short line of separated items inside the body (share bars, link rows): not prose."""
    return len(_SEPARATORS.findall(text)) >= 2 and not _SENTENCE_END.search(text)


_META_RULES = {"byline", "timestamp", "reading_time", "end_credit"}
_THROUGH_RULES = {"disclaimer", "caption", "standfirst"}  # may stand between a headline and its meta line
_RELATIVE_TIME = re.compile(r"\b(?:ago|today|yesterday)\b", re.IGNORECASE)


def _is_meta_line(text: str, rule: str | None) -> bool:
    """The article's meta line under a headline: byline, timestamp, reading time, source credit, a
    short line stating a date or time ('Tue 8 Mar 2022 09.15 BST', 'today, 10:36'), weather aside."""
    if rule in _META_RULES:
        return True
    if len(text.split()) > 10 or metadata._WIDGET.search(text):
        return False
    return bool(metadata.find_dates(text) or metadata.TIME_PATTERN.search(text) or _RELATIVE_TIME.search(text))


def _is_menu(text: str) -> bool:
    """A navigation row: items separated by '|', '•', '›' ..., or five or more capitalised words with
    no punctuation and no function word ('Politics Economy Regions Opinion Sports';
    resources/function_words.txt)."""
    if len(re.findall(r"[|•·›»>/]", text)) >= 1 and len(text.split()) <= 3 * (len(re.findall(r"[|•·›»>/]", text)) + 1):
        if len(re.findall(r"[|•·›»>]", text)) >= 2 or not re.search(r"[a-z]{3,}\s+[a-z]{3,}", text):
            return True
    words = text.split()
    function_words = word_set("function_words")
    return (len(words) >= 5 and all(w[:1].isupper() or w[:1].isdigit() for w in words)
            and not re.search(r"[^\w\s-]", text) and not any(w.lower() in function_words for w in words))


def _is_headline_candidate(text: str, rule: str | None) -> bool:
    return (rule in (None, "standfirst") and len(text.split()) >= 3 and not _is_menu(text)
            and not metadata.find_dates(text) and not metadata._WIDGET.search(text)
            and not layout.is_section_label(text))


def _pick_headline(lines: list[Line], header: list[tuple[int, Line]], verdicts: dict[int, str | None],
                   first: int) -> int | None:
    """Index of the header line that is the headline. Page layout: masthead, menus, a section label,
    then the headline (maybe a standfirst under it) right above the article's meta line (byline,
    timestamp, reading time) or, without one, above the body. The headline is the top line of the
    run of headline-like lines that ends at the first meta line (or the body) with such a run;
    a masthead (the top line, when it is a name) is never the headline. Otherwise: the first header
    line of several words that no rule claims and that is no menu or date line."""
    indexes = [i for i, _ in header]
    top = next((i for i in indexes if verdicts.get(i) in (None, "dateline", "tracking_token")), None)
    masthead = top if top is not None and layout.masthead_name(lines[top].text) else None
    anchors = [i for i in indexes if _is_meta_line(lines[i].text, verdicts.get(i))] + [first]
    for anchor in anchors:
        run = []
        for j in reversed([i for i in indexes if i < anchor]):
            rule = verdicts.get(j)
            if j == masthead:
                break
            if _is_headline_candidate(lines[j].text, rule):
                run.append(j)
            elif rule not in _THROUGH_RULES:
                break
        if run:
            return min(run)
    for index, line in header:
        if (verdicts.get(index) is None and len(line.text.split()) >= 4 and not line.is_list_item
                and index != masthead and not _is_menu(line.text) and not metadata.find_dates(line.text)):
            return index
    return None


def is_cut_paragraph(text: str) -> bool:
    """A prose paragraph cut off by the page (paywall, length limit, scraper): many words of
    running text that stop without a sentence end ('... the ministry said it would')."""
    words = text.split()
    return (len(words) >= CUT_MIN_WORDS and not _SENTENCE_END.search(text)
            and not _SEPARATORS.search(text)
            and sum(w[:1].islower() for w in words) >= len(words) // 3)


_OPENING_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}(?:,[^-–—]{1,30})?(?:\([^()]{1,30}\))?\s*(?:-{1,2}|–|—)\s*")


def _lead_key(text: str) -> tuple[list[str], bool]:
    """The words of a paragraph after an opening dateline ('ROME (Agency) - ', 'MARISPORT - '), and
    whether it had one."""
    rest = _OPENING_DATELINE.sub("", text)
    return [w.strip(".,;:\"'“”‘’").lower() for w in rest.split()], rest != text


def _text_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def clean_lines(lines: list[Line], standfirsts=()) -> CleanedText:
    """Split lines into header, body and footer; keep the body and record every removed line.

    ``standfirsts``: texts the page's own markup marks as a summary under the headline (an HTML
    standfirst/dek/subtitle element); a prose line that opens the page and is one of them is a
    'standfirst', not body."""
    verdicts = {i: classify(line.text) for i, line in enumerate(lines) if line.text}
    # a "read also"/"related" heading claims the list under it (bullets and short items, no blank between)
    for i in sorted(verdicts):
        if verdicts[i] == "read_also":
            j = i + 1
            while j < len(lines) and lines[j].text and (
                    verdicts[j] in (None, "read_also") and (lines[j].is_list_item or len(lines[j].text.split()) <= 15)):
                verdicts[j] = "read_also"
                j += 1
    prose = [i for i, line in enumerate(lines)
             if line.text and verdicts[i] is None and is_prose(line.text)]
    # an author bio stands at an edge of the article: a line shaped like one between two prose
    # lines introduces a person inside the story ("Tom Vale is an analyst at ...") and is body
    inner = [i for i, rule in verdicts.items() if rule == "author_bio" and prose and prose[0] < i < prose[-1]
             and not match_rule(lines[i].text)]
    if inner:
        for i in inner:
            verdicts[i] = None
        prose = sorted(set(prose) | {i for i in inner if is_prose(lines[i].text)})
    notes: list[str] = []
    if prose:
        # the page ends where a comment section, paywall or copyright notice begins
        terminal = next((i for i in sorted(verdicts) if i > prose[0] and (
            verdicts[i] in TERMINAL_RULES or (verdicts[i] == "footer" and _COPYRIGHT.search(lines[i].text)))), None)
        if terminal is not None and any(i < terminal for i in prose):
            for i in sorted(verdicts):
                if i > terminal and verdicts[i] is None:
                    verdicts[i] = "footer"
            prose = [i for i in prose if i < terminal]
        # standfirst: the opening prose line(s) that the page's markup marks as its summary
        marked = {_text_key(t) for t in ([standfirsts] if isinstance(standfirsts, str) else standfirsts) if t}
        while len(prose) >= 3 and _text_key(lines[prose[0]].text) in marked:
            verdicts[prose[0]] = "standfirst"
            prose = prose[1:]
        # standfirst: prose above the byline/timestamp block that opens the article
        markers = [i for i in sorted(verdicts) if verdicts[i] in ("byline", "timestamp", "reading_time")]
        for m in reversed(markers):
            before = [i for i in prose if i < m]
            if 1 <= len(before) <= 2 and len([i for i in prose if i > m]) >= 2:
                for i in before:
                    verdicts[i] = "standfirst"
                prose = [i for i in prose if i > m]
                break
        # standfirst: a paragraph that the next paragraph repeats (summary above the dateline lead)
        # (only above a dateline paragraph: a story that repeats itself keeps every paragraph)
        if len(prose) >= 2:
            (head, _), (nxt, dated) = _lead_key(lines[prose[0]].text), _lead_key(lines[prose[1]].text)
            if dated and len(head) >= 6 and head[:6] == nxt[:6] and len(nxt) >= len(head) // 2:
                verdicts[prose[0]] = "standfirst"
                prose = prose[1:]
    if prose:
        first, last = prose[0], prose[-1]
        # a cut last paragraph is body: the first unclaimed line after the last prose line
        for j in range(last + 1, len(lines)):
            if not lines[j].text or verdicts[j] is not None:
                continue
            if is_cut_paragraph(lines[j].text):
                last = j
            break
    else:
        candidates = [i for i in verdicts if verdicts[i] is None]
        notes.append("no prose line found; every line that no rule claims was kept")
        first, last = (candidates[0], candidates[-1]) if candidates else (len(lines), -1)

    header = [(i, lines[i]) for i in range(min(first, len(lines))) if lines[i].text]
    headline_index = _pick_headline(lines, header, verdicts, first)

    result: list[tuple[Line, bool, str | None]] = []
    body_parts: list[str] = []
    in_related_list = False
    trailing_credit = trailing_rule = None
    for i, line in enumerate(lines):
        if not line.text:
            result.append((line, False, None))
            continue
        rule = verdicts[i]
        if i < first:
            rule = "headline" if i == headline_index else (rule or "header")
        elif i > last:
            rule = rule or "footer"
        elif rule == "read_also":
            in_related_list = True
        elif in_related_list and rule is None and not is_prose(line.text):
            rule = "read_also"
        else:
            in_related_list = False
        if rule is None and first < i < last and verdicts[i] is None and _is_mid_chrome(line.text):
            rule = "widget"
        if rule is not None:
            result.append((line, False, rule))
            continue
        text = line.text
        if i == last:
            text, trailing_credit, trailing_rule = _trailing_credit_rule(text)
        result.append((line, True, None))
        body_parts.append(text)

    body = _join_body(result, body_parts)
    return CleanedText(
        lines=result,
        body=body,
        header=[line.text for _, line in header],
        headline=lines[headline_index].text if headline_index is not None else None,
        trailing_credit=trailing_credit,
        trailing_rule=trailing_rule,
        notes=notes,
    )


def _join_body(result: list[tuple[Line, bool, str | None]], parts: list[str]) -> str:
    """Join kept lines: list items stay one per line, paragraphs are separated by a blank line."""
    kept = [line for line, keep, _ in result if keep]
    out: list[str] = []
    for line, text in zip(kept, parts):
        if out:
            out.append("\n" if line.is_list_item else "\n\n")
        out.append(text)
    return "".join(out)
