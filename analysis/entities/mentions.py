"""Canonical entities: every name mention gets one canonical name, with an audit of every merge.

Resolution, in order (the ``rule`` column of the merge audit says which one applied):

1. ``study_alias``: the study's aliases, then resources/canonical_names.csv
   (labelled in the pipeline by ``news_workbook_study_entities``).
2. ``short_form_article``: a partial name ("Quell", "Vexley") resolves to the one full name in the
   same article that it is the surname of (first token for East Asian names, last token otherwise).
3. ``short_form_corpus``: the same against full names elsewhere in the corpus, when only one fits.
4. ``spelling``: forms equal once case, hyphens, dots and accents are folded ("Pak Zor-Min").
5. ``fuzzy``: transliteration variants of the same length class (rapidfuzz ratio >= 90, lengths
   within 2 characters or a sixth of the name, e.g. "Dmitrey Vexlov" / "Dmitrei Vexlov").
6. ``identity``: the cleaned surface form itself.

Also: ``outlet_short_form`` (the article's outlet by its acronym, an agency's first word or its
masthead word, from the ``outlet`` metadata), ``family_name_first`` (an all-caps family name,
"VEXLEY Quimby" -> "Quimby Vexley"), ``name_order`` (a name in the other order or with a second
surname takes the established name), ``acronym`` (initials of one multiword ORG name of the article,
else the corpus), and ``corpus`` (re-resolved over a whole scale-engine store, ``corpus_name_map``).
A short form takes the final name of its full name. Not people: "<foreign article> <masthead>" (an
outlet, ORG), "<foreign article> <Name>", a word before a product noun, a single word after "the"
that shortens no person. Not counted (E4): an end credit closing the body, a country in a currency.

Surface forms are cleaned first (leading "the", possessives, line breaks, punctuation); spans in
resources/entity_stoplist.txt and government bodies are not counted as named entities. Mentions of
a resolved person by a short form that NER missed are added (``recovered``), as are repeats of a
form NER found elsewhere in the same article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from analysis.entities import kinds
from analysis.frames import iter_rows
from analysis.nlp.components import demonyms
from analysis.nlp.docs import SentenceIndex, doc_text
from analysis.resources import word_set

NER_LABELS = {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"}
NON_ORG_FIRST = {"ministry", "ministerio", "ministère", "department", "office", "university", "universidad",
                 "université", "institute", "court"}
FUZZY_THRESHOLD = 90
MENTION_COLUMNS = ["article_id", "file", "sentence_id", "start", "end", "text", "label", "canonical", "rule"]
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
# a wire dateline "SEOUL (Reuters) -", or a staff one "CITY, Region, March 15 —" / "CITY —"
_DATELINE = re.compile(r"^[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]*){0,3}(?:,[^()/\n—–]{0,40}?)?\s*"
                       r"(?:(?:\([^()]{1,40}\)\s*)?(?:--|[-–—])\s|/[^/\n]{1,30}/\.?\s)")
# an organisation's numbered convention ("ILO Convention 169"): the organisation is the mention
_NUMBERED_CONVENTION = re.compile(r"^((?:[A-Z]{2,6})|(?:[A-Z][\w-]+ )+Organi[sz]ation) Convention (?:No\.? ?)?\d+$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


CONNECTORS = {"of", "the", "and", "for", "de", "von", "van", "al", "bin", "el", "la", "le", "du", "der", "da",
              "di", "del", "y", "&", "-", "'s", "’s"}


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    return word_set("person_titles")


def _name_runs(span) -> list:
    """Split a span NER over-extended ("Zorblat met Quell in Veldoria") at its lower-case words.

    Lower-case connectors ("of", "bin") and parts of hyphenated names ("Zor-min", "Quel-a") stay.
    """
    doc = span.doc

    def hyphenated(token) -> bool:
        before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
        after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
        return before or after

    breaks = [t for t in span if t.is_lower and t.is_alpha and t.lower_ not in CONNECTORS and not hyphenated(t)]
    if not breaks:
        return [span]
    runs, start = [], span.start
    for token in [*breaks, None]:
        end = token.i if token is not None else span.end
        piece = doc[start:end]
        while len(piece) and (piece[0].lower_ in CONNECTORS or not piece[0].is_alpha):
            piece = doc[piece.start + 1:piece.end]
        while len(piece) and (piece[-1].lower_ in CONNECTORS or not piece[-1].is_alpha):
            piece = doc[piece.start:piece.end - 1]
        if len(piece) and (piece[0].is_title or piece[0].is_upper):
            runs.append(piece)
        start = end + 1
    return runs


def _after_title(span) -> tuple[object, bool]:
    """Strip a leading title from the span; say whether a title stood before or at its start."""
    doc = span.doc
    if len(span) > 2 and span[0].lower_ == "the" and span[1].lower_ in person_titles():
        span = doc[span.start + 1:span.end]  # "the Colonel VEXLEY Quimby" in translated wire copy
    if len(span) > 1 and span[0].lower_ in person_titles():
        return doc[span.start + 1:span.end], True
    # a title inside the span: "Northland Governor Jane Doe", "Council President Jane Doe" -> the name after it
    for token in span[1:-1]:
        rest = doc[token.i + 1:span.end]
        if token.lower_ in person_titles() and token.is_title and all(t.is_title for t in rest):
            return rest, True
    previous = doc[span.start - 1] if span.start > 0 else None
    return span, previous is not None and previous.lower_ in person_titles()


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    return word_set("entity_stoplist")


def fold(text: str) -> str:
    """Comparison key: accents, case, hyphens, dots and spaces folded ("Pak Zor-Min" -> "pakzormin")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-‐–.'’]", "", text.lower())


def clean_surface(text: str, start: int) -> tuple[str, int, int]:
    """Strip "the", possessives, line breaks and edge punctuation; return text and new offsets."""
    original = text
    text = text.replace("\n", " ")
    lead = len(text) - len(text.lstrip(" \t\"“”'‘’([{-–—"))
    text = text.strip(" \t\"“”'‘’([{-–—")
    match = _LEADING.match(text)
    if match:
        lead += match.end()
        text = text[match.end():]
    text = re.sub(r"[\s.,;:!?)\]}\"“”]+$", "", text)
    text = _POSSESSIVE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    del original
    return text, start + lead, start + lead + len(text)


def is_gov_body(text: str) -> bool:
    """Ministries, parliaments, courts, armed forces, institutes, universities, associations, agreements,
    facilities ... (not ORG under ruling E2): the name's head word is in resources/non_org_heads.txt."""
    words = text.lower().split()
    if not words:
        return False
    # the head of "Institute of Vexing Things", "Universidad de X" is the word before the preposition
    cut = next((i for i, w in enumerate(words) if w in ("of", "de", "for", "on") and i > 0), len(words))
    heads = word_set("non_org_heads")
    return words[cut - 1] in heads or words[-1] in heads or words[0] in NON_ORG_FIRST


def _portfolio(span) -> bool:
    """A portfolio before an official's title ("Foreign Trade Secretary", "Fisheries Minister"): words
    naming an office, not an organisation; a single acronym ("NATO Secretary General") stays."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is None or after.lower_ not in person_titles() or not after.is_title:
        return False
    if len(span) == 1:  # "Energy Minister": a single portfolio word (resources/portfolios.txt)
        return span[0].lower_ in word_set("portfolios")
    return not any(t.is_upper and len(t) > 1 for t in span)


def _part_of_body(span) -> bool:
    """A name that completes a body's name: "Energy" in "Ministry of Energy", "Foreign Trade" in
    "Department of Foreign Trade", also after other portfolio words ("Energy" in "Ministry of Trade
    and Energy")."""
    doc = span.doc
    i = span.start - 1
    while i >= 1 and (doc[i].lower_ in {"and", "&", ","} or doc[i].is_title):
        i -= 1  # back over the other portfolios of the name
    return (i >= 1 and doc[i].lower_ == "of"
            and doc[i - 1].lower_ in word_set("non_org_heads") | NON_ORG_FIRST)


def family_first(text: str) -> str | None:
    """A name written family name first in capitals ("VEXLEY Quimby") or given name first with the
    family name in capitals ("Quimby-Ann VEXLEY"): the customary English order, title case
    ("Quimby Vexley"). None when the name has no such capitalised family name."""
    tokens = text.split()
    if len(tokens) < 2 or len(tokens) > 4:
        return None
    caps = [t.isupper() and len(t.replace("-", "")) > 2 for t in tokens]
    if all(caps) or not any(caps):
        return None
    if not all(c or t[:1].isupper() for t, c in zip(tokens, caps)):
        return None
    if caps[0]:
        family = [t for t, c in zip(tokens, caps) if c]
        given = [t for t, c in zip(tokens, caps) if not c]
        if caps != [True] * len(family) + [False] * len(given):
            return None
        tokens = given + family
    return " ".join(t.title() if t.isupper() else t for t in tokens)


def _short_forms(full: str) -> set[str]:
    """Surnames a full personal name is shortened to: the last token, and for East Asian names
    (a hyphenated given name or three short tokens) the first token."""
    tokens = full.split()
    if len(tokens) < 2:
        return set()
    forms = {tokens[-1]}
    if "-" in tokens[-1] or (len(tokens) == 3 and all(len(t) <= 5 for t in tokens)):
        forms = {tokens[0]}
    return forms


@dataclass
class _Raw:
    article_id: str
    file: str
    sentence_id: int
    start: int
    end: int
    text: str
    label: str
    canonical: str | None
    rule: str | None
    key: str | None = None  # the name resolution works on, when it differs from the surface text
    after_the: bool = False  # a single word right after "the" ("the Quillbeam", "the Zorbmoon")
    cue: str | None = None  # the kind a context cue gave the name (analysis.entities.kinds), for all its mentions


def _collect_span(span, ent, doc: Doc, article_id: str, file: str, sent_of: SentenceIndex,
                  known_types: dict[str, str], label: str | None = None) -> _Raw | None:
    """One candidate mention from an entity span (or a piece of an over-extended one)."""
    label = label or ent.label_
    if not ent.ent_id_:
        span, titled = _after_title(span)
        if titled and label in {"ORG", "GPE", "NORP", "LOC", "FAC"} and all(t.is_title or t.is_upper for t in span):
            label = "PERSON"
    if label in {"GPE", "LOC"} and len(span) > 1 and span[-1].lower_ in ADMIN_WORDS and span[-1].is_lower:
        span = span.doc[span.start:span.end - 1]  # "Quimby province": the place is "Quimby"
    text, start, end = clean_surface(span.text, span.start_char)
    if span.start_char == 0 and text.isupper() and _DATELINE.match(doc_text(doc)):
        text, label = text.title(), "GPE"  # wire dateline "SEOUL (Reuters) -"
    if not text or not any(c.isalpha() for c in text) or text.lower() in stoplist():
        return None
    words = [t.lower_ for t in span if t.is_alpha]
    if words and all(w in person_titles() for w in words):
        return None  # a title alone ("Lieutenant-General")
    convention = _NUMBERED_CONVENTION.match(text)
    if label == "ORG" and convention:
        text = convention.group(1)
        end = start + len(text)
    canonical, rule, cue = None, None, None
    region = _REGION_OF.match(text) if label in {"GPE", "LOC"} else None
    if not ent.ent_id_:
        cue = kinds.span_kind(span, text, label, _mastheads())
        if cue == "LOC" and text in _countries():
            cue = None  # "South Africa": a country, though made of region words
        if cue == "DROP":
            return None
        label = cue or label
    if ent.ent_id_:
        canonical, rule = ent.ent_id_, "study_alias"
        label = known_types.get(canonical, "GPE" if label == "FAC" else label)
    elif label == "ORG" and (is_gov_body(text) or _part_of_body(span) or _portfolio(span)):
        label = "GOV"
    elif label == "FAC":
        return None
    key = family_first(text) if label == "PERSON" else None
    if region:  # "the Region of Vexa" -> "Vexa Region"
        key = f"{region.group(2)} {region.group(1)}"
    if label == "PERSON" and canonical is None:
        label = _not_a_person(span, text) or label
    after_the = (" " not in text and span.start > 0 and doc[span.start - 1].lower_ == "the") or (
        span[0].lower_ == "the" and len(span) == 2)
    return _Raw(article_id, file, sent_of[span.start], start, end, text, label, canonical, rule, key, after_the,
                cue if cue in {"GOV", "NORP"} else None)


_REGION_OF = re.compile(r"^(Region|Province|Prefecture|Department|District|County|Governorate) of ([A-Z][\w'’-]+)$")


@lru_cache(maxsize=1)
def _mastheads() -> frozenset[str]:
    from analysis.nlp.components import outlet_heads

    return outlet_heads()


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(demonyms().values())


ADMIN_WORDS = {"province", "region", "state", "district", "county", "prefecture", "department", "municipality"}
FOREIGN_ARTICLES = {"le", "la", "les", "l'", "die", "der", "das", "el", "los", "las", "il", "lo", "de", "het"}


def _not_a_person(span, text: str) -> str | None:
    """A PERSON span that names something else: "<foreign article> <masthead>" ("Le Monde", "Die
    Zeit") is an outlet (ORG); another "<foreign article> <Name>" is a building or place that stands
    for an institution (dropped); a single word before a weapon or product noun ("Taurus missiles",
    "a Quimby horse") is dropped."""
    from analysis.nlp.components import outlet_heads

    words = text.split()
    if len(words) >= 2 and words[0].lower() in FOREIGN_ARTICLES:
        return "ORG" if words[-1] in outlet_heads() else "DROP"
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if len(words) == 1 and after is not None and after.lower_ in word_set("product_nouns"):
        return "DROP"
    return None


def _split_commissioner(span, outlets: set[str]) -> list:
    """"<Pollster> for <Outlet>" ("Quimby Polling for the Zorblat Courier"): two names when the part
    after "for" is an outlet of the corpus."""
    doc = span.doc
    for token in span[1:-1]:
        if token.lower_ == "for":
            rest = doc[token.i + 1:span.end]
            if rest.text.removeprefix("the ").removeprefix("The ") in outlets:
                if rest[0].lower_ == "the":
                    rest = doc[rest.start + 1:rest.end]
                return [doc[span.start:token.i], rest]
    return [span]


def _collect(article_id: str, file: str, doc: Doc, known_types: dict[str, str],
             outlets: set[str] = frozenset()) -> list[_Raw]:
    sent_of = SentenceIndex(doc)
    raws: list[_Raw] = []
    for ent in doc.ents:
        if ent.label_ in MASTHEAD_MISLABELS and len(ent) == 1 and ent.start > 0 and (
                doc[ent.start - 1].lower_ == "the" and ent.text in _mastheads()):
            # "told the Quillbeam" tagged PRODUCT or FAC: a masthead word, resolved like "the Herald" below
            raws.append(_Raw(article_id, file, sent_of[ent.start], ent.start_char, ent.end_char, ent.text,
                             "PERSON", None, None, after_the=True))
            continue
        if ent.label_ not in NER_LABELS:
            continue
        ent = _with_capital_family_name(ent)
        pieces = [ent] if ent.ent_id_ else [p for run in _name_runs(ent) for p in _split_commissioner(run, outlets)]
        for piece in pieces:
            raw = _collect_span(piece, ent, doc, article_id, file, sent_of, known_types)
            if raw is not None:
                raws.append(raw)
            place = None if ent.ent_id_ else _place_before_title(piece)
            if place is not None:
                raw = _collect_span(place, ent, doc, article_id, file, sent_of, known_types, label="GPE")
                if raw is not None:
                    raws.append(raw)
    raws += _dateline_agency(article_id, file, doc, raws)
    city = _DATELINE.match(doc_text(doc)) and re.match(r"[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*)*", doc_text(doc))
    if city:
        # a span NER ran over the dateline's dash ("CITY - Vexian ...") is not the city
        raws = [r for r in raws if not (r.start < city.end() < r.end)]
    if city and not any(r.start == 0 for r in raws):
        name = city.group().title()
        raws.insert(0, _Raw(article_id, file, 0, 0, city.end(), name, "GPE",
                            name if known_types.get(name) else None, "dateline" if known_types.get(name) else None))
    return raws


MASTHEAD_MISLABELS = {"PRODUCT", "FAC", "WORK_OF_ART"}
_DATELINE_AGENCY = re.compile(r"\(([^()\n]{1,40})\)\s*(?:--|[-–—])\s|/([^/\n]{1,30})/\.?\s")


def _place_before_title(span):
    """"<Place> Governor <Given> <Family>" in one span: the words before a territorial title
    name the place (the person after it is taken by ``_after_title``; titles in
    resources/territorial_titles.txt)."""
    doc = span.doc
    for token in span[1:-1]:
        rest = doc[token.i + 1:span.end]
        if token.lower_ in word_set("territorial_titles") and token.is_title and all(t.is_title for t in rest):
            before = doc[span.start:token.i]
            if before[0].lower_ == "the":
                before = doc[before.start + 1:before.end]
            if len(before) and all(t.is_title for t in before):
                return before
            return None
    return None


def _dateline_agency(article_id: str, file: str, doc: Doc, raws: list[_Raw]) -> list[_Raw]:
    """The agency of a wire dateline ("CITY (AGENCY) -", "CITY, date. /AGENCY/.") is a mention
    (ruling E4), when NER did not find it."""
    text = doc_text(doc)
    dateline = _DATELINE.match(text)
    if not dateline:
        return []
    agency = _DATELINE_AGENCY.search(text, 0, dateline.end())
    if not agency:
        return []
    group = 1 if agency.group(1) else 2
    start, end = agency.start(group), agency.end(group)
    name = agency.group(group).strip()
    if not name[:1].isupper() or any(r.start < end and start < r.end for r in raws):
        return []
    return [_Raw(article_id, file, 0, start, start + len(name), name, "ORG", None, None)]




def _with_capital_family_name(ent):
    """A PERSON span NER ended before the family name in capitals ("Quimby-Ann VEXLÉ" found as
    "Quimby"): the span up to that family name, so it is put in customary order."""
    doc = ent.doc
    titled = ent.start > 0 and doc[ent.start - 1].lower_ in person_titles()
    if ent.label_ != "PERSON" and not titled:
        return ent
    end = ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and doc[end + 1].is_title:
        end += 2  # "-Ann" of a hyphenated given name
    if end < len(doc) and doc[end].is_upper and doc[end].is_alpha and len(doc[end]) > 2 and (
            end + 1 >= len(doc) or not doc[end + 1].is_upper):
        return Span(doc, ent.start, end + 1, label="PERSON")
    return ent


def _initials(name: str) -> str:
    """The acronym of a name: the initials of its capitalised words ("Agence Vexienne de Presse" -> "AVP")."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def outlet_forms(outlet: str, own: bool = True) -> dict[str, str]:
    """Short forms an outlet is named by in its own copy: its acronym ("Vexland Press Service" ->
    "VPS"), the first word of an agency ("Quimby Wire" -> "Quimby"), the masthead word of a
    newspaper ("the Herald" for "Zorblat Herald"; in the outlet's own copy also a masthead word not
    in resources/outlet_heads.txt); each mapped to the name without a leading "The"."""
    from analysis.nlp.components import outlet_heads

    name = _LEADING.sub("", outlet.strip())
    words = name.split()
    forms = {name: name}
    if len(words) < 2:
        return forms
    acronym = _initials(name)
    if len(acronym) >= 3:
        forms[acronym] = name
    if words[-1] in AGENCY_WORDS and len(words[0]) >= 4 and words[0][:1].isupper():
        forms[words[0]] = name
    elif (words[-1] in outlet_heads() or (own and words[-1].isalpha() and len(words[-1]) >= 4
                                         and words[-1][:1].isupper() and not is_gov_body(name))):
        forms[words[-1]] = name
    return forms


AGENCY_WORDS = {"Wire", "Press", "News", "Agency", "Service", "Presse", "Agence", "Newswire"}


def _resolve(raws: list[_Raw], known_types: dict[str, str], study_canonicals: set[str],
             outlets: dict[str, str] | None = None) -> None:
    """Fill canonical and rule for every unresolved mention (in place)."""
    outlets = outlets or {}
    for r in raws:
        if r.canonical is None and r.label not in {"GOV", "NORP"} and r.article_id in outlets:
            target = outlet_forms(outlets[r.article_id]).get(r.text)
            if target is not None:
                r.canonical, r.rule, r.label = target, "outlet_short_form", "ORG"
    pending = [r for r in raws if r.canonical is None]

    def name(r: _Raw) -> str:
        return r.key or r.text

    person_full: dict[str, set[str]] = defaultdict(set)  # article -> full person names
    for r in raws:
        full = r.canonical or name(r)
        if (r.label == "PERSON" or known_types.get(full) == "PERSON") and len(full.split()) >= 2:
            person_full[r.article_id].add(full)
    corpus_full = set().union(*person_full.values()) if person_full else set()

    def short_match(text: str, names: set[str]) -> list[str]:
        return sorted({n for n in names if text in _short_forms(n)})

    def given_first_match(text: str, names: set[str]) -> list[str]:
        # a two-word name whose first word is the family name ("Quan" for "Quan Lixiang")
        return sorted({n for n in names if len(n.split()) == 2 and n.split()[0] == text})

    def fuzzy_short(text: str, names: set[str]) -> list[str]:
        # a misspelt surname ("Vexlie" for "Quimby Vexley")
        key = fold(text)
        return sorted({n for n in names for short in _short_forms(n)
                       if len(key) >= 6 and fuzz.ratio(key, fold(short)) >= FUZZY_THRESHOLD})

    for r in pending:
        if r.label in {"NORP", "GOV"} or " " in r.text:
            continue
        hits = short_match(r.text, person_full[r.article_id])
        if len(hits) == 1:
            r.canonical, r.rule, r.label = hits[0], "short_form_article", "PERSON"
            continue
        if not hits and r.label in {"PERSON", "ORG"}:
            # a misspelt surname is often labelled ORG by NER; a family name first only when PERSON
            hits = (given_first_match(r.text, person_full[r.article_id]) if r.label == "PERSON" else []) or (
                fuzzy_short(r.text, person_full[r.article_id]))
            if len(hits) == 1:
                r.canonical, r.rule, r.label = hits[0], "short_form_article", "PERSON"
                continue
        hits = short_match(r.text, corpus_full)
        if len(hits) == 1 and r.label == "PERSON":
            r.canonical, r.rule = hits[0], "short_form_corpus"

    # A two-word name in the other order ("Zhoumin Vex" for "Vex Zhoumin") or a name with a second
    # surname ("Marisol Vexa Quimbar" for "Marisol Vexa"): the person's established name, one the study
    # knows or the corpus uses more often.
    people = Counter(r.canonical or name(r) for r in raws if r.label == "PERSON")
    for r in pending:
        if r.canonical is None and r.label == "PERSON":
            target = other_order_or_second_surname(name(r), people, known_types)
            if target is not None:
                r.canonical, r.rule = target, "name_order"

    # A single word after "the" that shortens no person's name is not a person ("the Quillbeam", "the
    # Zorbmoon"): an outlet's masthead word when one outlet of the corpus ends with it, else dropped.
    from analysis.nlp.components import outlet_heads

    corpus_outlets = {_LEADING.sub("", o) for o in outlets.values()} | {
        c for c, t in known_types.items() if t == "ORG" and c.split()[-1] in outlet_heads()}
    for r in pending:
        if r.canonical is None and r.label == "PERSON" and r.after_the and " " not in r.text:
            hits = sorted({o for o in corpus_outlets if o.split()[-1] == r.text and len(o.split()) > 1})
            if r.text in outlet_heads() and len(hits) == 1:
                r.canonical, r.rule, r.label = hits[0], "outlet_short_form", "ORG"
            else:
                r.label = "DROP"

    # Spelling folds and fuzzy transliteration variants, within one label class.
    def group(label: str) -> str:
        return "PLACE" if label in {"GPE", "LOC"} else label

    targets: dict[tuple[str, str], str] = {
        (group(known_types[c]), fold(c)): c for c in study_canonicals if c in known_types}
    frequency = Counter((group(r.label), name(r)) for r in pending if r.canonical is None)
    for (grp, text), _ in sorted(frequency.items(), key=lambda kv: (-len(kv[0][1].split()), -kv[1], kv[0])):
        targets.setdefault((grp, fold(text)), text)
    for r in pending:
        if r.canonical is not None:
            continue
        grp, key = group(r.label), fold(name(r))
        target = targets.get((grp, key))
        # a reordered name that is only itself may still be a transliteration of a study's name
        reordered_alone = bool(r.key) and target == r.key and r.key not in study_canonicals
        if target is not None and target != r.text and not reordered_alone:
            r.canonical, r.rule = target, "family_name_first" if r.key and target == r.key else "spelling"
            continue
        if len(key) >= 6 and grp in {"PERSON", "PLACE", "ORG"}:
            best = None
            for (other_grp, other_key), other in targets.items():
                if (other_grp != grp or other == name(r) or abs(len(other_key) - len(key)) > max(2, len(key) // 6)
                        or len(other.split()) != len(name(r).split())
                        or (reordered_alone and other not in study_canonicals)):
                    continue
                score = fuzz.ratio(key, other_key)
                if score >= FUZZY_THRESHOLD and (best is None or score > best[0]):
                    best = (score, other)
            if best is not None:
                r.canonical, r.rule = best[1], "fuzzy"
                continue
        r.canonical, r.rule = name(r), "family_name_first" if r.key else "identity"

    # Acronyms of multiword organisation names in the article, else the corpus ("QVO" -> "Quimby
    # Vexing Organisation").
    org_names: dict[str, set[str]] = defaultdict(set)
    for r in raws:
        if r.label in {"ORG", "GOV"} and len(r.canonical.split()) >= 2:
            org_names[r.article_id].add(r.canonical)
    corpus_orgs = set().union(*org_names.values()) if org_names else set()
    canonical_label = {r.canonical: r.label for r in raws if r.label in {"ORG", "GOV"}}
    for r in pending:
        if r.rule != "identity" or not r.text.isupper() or not 3 <= len(r.text) <= 6 or r.label not in {"ORG", "GPE"}:
            continue
        hits = sorted({n for n in org_names[r.article_id] if _initials(n) == r.text}) or sorted(
            {n for n in corpus_orgs if _initials(n) == r.text})
        if len(hits) == 1:
            r.canonical, r.rule, r.label = hits[0], "acronym", canonical_label[hits[0]]

    # A short form takes the final name of its full name ("Vexley" -> "Quimby Vexley" -> "Quimby Vexly").
    final = {name(r): r.canonical for r in raws
             if r.rule not in {"short_form_article", "short_form_corpus"} and r.canonical != name(r)}
    for r in raws:
        if r.rule in {"short_form_article", "short_form_corpus"}:
            r.canonical = final.get(r.canonical, r.canonical)


def other_order_or_second_surname(text: str, people: Counter, known_types: dict[str, str]) -> str | None:
    """The established name of a person written in the other order or with a second surname, or None."""
    words = text.split()
    if not all(w[:1].isupper() for w in words):
        return None
    candidates = []
    if len(words) == 2:
        candidates.append(f"{words[1]} {words[0]}")
    if len(words) == 3 and len(words[2]) >= 3:
        candidates.append(f"{words[0]} {words[1]}")
    for other in candidates:
        if known_types.get(other) == "PERSON" and known_types.get(text) != "PERSON":
            return other
        if people.get(other, 0) > people.get(text, 0) and known_types.get(text) != "PERSON":
            return other
    return None


@lru_cache(maxsize=8192)
def name_pattern(form: str, flags: int = 0) -> re.Pattern:
    """A name form as a whole word (kept compiled: the same names recur across a corpus)."""
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", flags)


def _recover(doc: Doc, article_id: str, file: str, raws: list[_Raw], outlet: str | None = None) -> list[_Raw]:
    """Mentions NER missed: short forms of people named in the article, repeats of forms it found."""
    sent_of = SentenceIndex(doc)
    text = doc_text(doc)
    taken = bytearray(len(text) + 1)
    for start, end in [(r.start, r.end) for r in raws] + [
            (e.start_char, e.end_char) for e in doc.ents if e.label_ in NER_LABELS]:
        taken[start:end] = b"\x01" * (end - start)
    forms: dict[str, tuple[str, str]] = {}
    for r in raws:
        if r.label in {"GOV", "NORP"}:
            continue
        forms.setdefault(r.text, (r.canonical, r.label))
        forms.setdefault(r.canonical, (r.canonical, r.label))
        if r.label == "PERSON":
            for short in _short_forms(r.canonical):
                forms.setdefault(short, (r.canonical, "PERSON"))
    if outlet:
        for form, name in outlet_forms(outlet).items():
            forms.setdefault(form, (name, "ORG"))
    ambiguous = Counter(short for r in {x.canonical for x in raws if x.label == "PERSON"}
                        for short in _short_forms(r))
    found: list[_Raw] = []
    for form, (canonical, label) in forms.items():
        if ambiguous.get(form, 0) > 1 or len(form) < 3:
            continue
        if form not in text:
            continue
        for match in name_pattern(form).finditer(text):
            s, e = match.start(), match.end()
            if any(taken[s:e]):
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or not span[0].is_title and not span[0].is_upper:
                continue
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN":
                continue  # part of a longer name NER did not label
            found.append(_Raw(article_id, file, sent_of[span.start], s, e, form, label, canonical, "recovered"))
            taken[s:e] = b"\x01" * (e - s)
    return found


_END_CREDIT = re.compile(r"\(([^()\n]{1,60})\)\s*$")
_CURRENCY_AFTER = re.compile(r"\s?(?:dollars?\b|\$)")


def _counted(r: _Raw, text: str, credit_start: int) -> bool:
    """Not counted (ruling E4): a name in the end credit that closes the body ("... (Quimby Press)")
    and a country in a currency name ("US dollars", "US$")."""
    if r.start >= credit_start:
        return False
    return not (r.label in {"GPE", "LOC"} and _CURRENCY_AFTER.match(text, r.end))


def extract_mentions(study, docs: list[Doc]) -> pd.DataFrame:
    """One row per entity mention: article_id, file, sentence_id, start, end, text, label, canonical, rule."""
    known_types: dict[str, str] = {e.canonical: e.type for e in study.config.entities}
    from analysis.nlp.pipeline import known_entities

    for entry in known_entities(study.config):
        known_types.setdefault(entry["canonical"], entry["type"])
    raws: list[_Raw] = []
    per_article: list[tuple[Doc, str, str, list[_Raw]]] = []
    outlets = {}
    if "outlet" in study.articles.columns:
        outlets = {a: o for a, o in iter_rows(study.articles, ["article_id", "outlet"]) if isinstance(o, str) and o}
    corpus_outlets = {_LEADING.sub("", o) for o in outlets.values()}
    for (article_id, file), doc in zip(iter_rows(study.articles, ["article_id", "file"]), docs):
        collected = _collect(article_id, file, doc, known_types, corpus_outlets)
        per_article.append((doc, article_id, file, collected))
        raws += collected
    _resolve(raws, known_types, set(known_types), outlets)
    _apply_cues(raws, [doc_text(doc) for doc, *_ in per_article])
    raws = [r for r in raws if r.label != "DROP"]
    per_article = [(doc, a, f, [r for r in collected if r.label != "DROP"]) for doc, a, f, collected in per_article]
    for doc, article_id, file, collected in per_article:
        raws += _recover(doc, article_id, file, collected, outlets.get(article_id))
    keep = set()
    for doc, article_id, _, _ in per_article:
        text = doc_text(doc)
        credit = _END_CREDIT.search(text)
        credit_start = credit.start() if credit and credit.start() > 0 else len(text) + 1
        keep |= {id(r) for r in raws if r.article_id == article_id and _counted(r, text, credit_start)}
    raws = [r for r in raws if id(r) in keep]
    # One label per canonical entity: the study's type, else the most frequent label.
    labels: dict[str, Counter] = defaultdict(Counter)
    for r in raws:
        labels[r.canonical][r.label] += 1
    final_label = {c: known_types.get(c) or counts.most_common(1)[0][0] for c, counts in labels.items()}
    rows = [{"article_id": r.article_id, "file": r.file, "sentence_id": r.sentence_id, "start": r.start,
             "end": r.end, "text": r.text, "label": final_label[r.canonical], "canonical": r.canonical,
             "rule": r.rule} for r in raws]
    mentions = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return mentions.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


# The labels NER gives, without a cue, to mentions of a name a cue is right about: a body (GOV) is
# often an ORG, a people (NORP) an ORG. A PERSON label speaks against either cue.
CUE_COMPATIBLE = {"GOV": frozenset({"ORG", "GOV"}), "NORP": frozenset({"NORP", "ORG"})}


def _cue_labels(raws: list[_Raw]) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """The kind a context cue gives a name: corpus-wide when the cue holds for most of the name's
    mentions (they carry the cue or a label that agrees with it), and per article otherwise."""
    by_name: dict[str, list[_Raw]] = defaultdict(list)
    here: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in raws:
        if r.canonical:
            by_name[r.canonical].append(r)
            if r.cue:
                here[(r.article_id, r.canonical)][r.cue] += 1
    corpus = {}
    for canonical, mentions in by_name.items():
        cues = Counter(r.cue for r in mentions if r.cue)
        if not cues:
            continue
        cue = cues.most_common(1)[0][0]
        holds = sum(r.cue == cue or (not r.cue and r.label in CUE_COMPATIBLE[cue]) for r in mentions)
        if holds * 2 > len(mentions):
            corpus[canonical] = cue
    return corpus, {key: counts.most_common(1)[0][0] for key, counts in here.items()}


def _apply_cues(raws: list[_Raw], texts: list[str]) -> None:
    """Kinds given by a context cue hold for every mention of the name when they hold for most of
    them ("the youth group Vexing Tide" once, "Vexing Tide" as an ORG elsewhere), and for the
    mentions of the cue's article only otherwise (one stray cue does not turn a person named five
    times into a body); a name the corpus uses mostly as the first word of a feature's name
    ("Quimby" beside "Quimby Shoal") names that feature (LOC) when it stands alone."""
    corpus, per_article = _cue_labels(raws)
    for r in raws:
        if r.rule == "study_alias" or r.label not in {"ORG", "PERSON", "GPE"}:
            continue
        cue = corpus.get(r.canonical) or per_article.get((r.article_id, r.canonical))
        if cue:
            r.label = cue
    names = {r.canonical for r in raws if r.label in {"GPE", "ORG"} and r.rule != "study_alias"}
    features = kinds.feature_short_forms(texts, names)
    for r in raws:
        if r.canonical in features and r.rule != "study_alias" and r.label in {"GPE", "ORG"}:
            r.label = "LOC"


def demonym_country(text: str) -> str | None:
    """The country a demonym refers to ("Veldorian" -> "Veldoria"), or None."""
    table = demonyms()
    return table.get(text) or table.get(text.removesuffix("s"))


def corpus_name_map(mentions: pd.DataFrame) -> dict[str, str]:
    """Canonical names to re-resolve once the whole corpus is known (the scale engine resolves names
    per partition): a person's full name spelt differently in another partition (same fold), and a
    single-word person name that is the surname of exactly one full name of the corpus."""
    if mentions.empty:
        return {}
    frequency = mentions.groupby(["canonical", "label"]).size()
    label_of = {c: lab for (c, lab), _ in frequency.sort_values(ascending=False).items()}
    count = mentions.groupby("canonical").size().to_dict()
    mapping: dict[str, str] = {}
    by_fold: dict[tuple[str, str], list[str]] = defaultdict(list)
    for canonical, label in label_of.items():
        by_fold[("PLACE" if label in {"GPE", "LOC"} else label, fold(canonical))].append(canonical)
    for names in by_fold.values():
        if len(names) > 1:
            target = sorted(names, key=lambda n: (-count[n], -len(n), n))[0]
            mapping.update({n: target for n in names if n != target})
    full = {mapping.get(c, c) for c, label in label_of.items() if label == "PERSON" and len(c.split()) >= 2}
    for canonical, label in label_of.items():
        if label == "PERSON" and " " not in canonical:
            hits = sorted({f for f in full if canonical in _short_forms(f)})
            if len(hits) == 1:
                mapping[canonical] = hits[0]
    return mapping


def apply_name_map(mentions: pd.DataFrame, mapping: dict[str, str], label_of: dict[str, str]) -> pd.DataFrame:
    """Mentions with canonical names re-resolved by ``corpus_name_map`` (rule ``corpus``)."""
    out = mentions.copy()
    changed = out["canonical"].isin(list(mapping))
    if changed.any():
        out.loc[changed, "canonical"] = out.loc[changed, "canonical"].map(mapping)
        out.loc[changed, "rule"] = "corpus"
        out.loc[changed, "label"] = out.loc[changed, "canonical"].map(label_of).fillna(out.loc[changed, "label"])
    return out
