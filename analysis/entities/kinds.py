"""What kind of thing a name span names, from the words around it (cues NER does not use).

Each rule returns the label the span should take instead of NER's, or None:

- ``GOV`` (not ORG, ruling E2): a name in apposition after a descriptor noun of an NGO, union,
  association, think tank or government body ("the fishers' federation Quimbo-Vex", "the youth
  group Vexing Tide"; resources/non_org_descriptors.txt); a legislature, by its name's Germanic
  "assembly" ending ("-ting", "-tag", "-dag") or by seats and majorities "in the <Name>".
- ``NORP``: a people or community named before "communities", "people", "herders" ...
  ("Vexari coastal communities"; resources/community_nouns.txt).
- ``LOC``: an ORG after a preposition that takes only places ("near <Name>"); a macro-region made
  of region words only ("Indo-Pacific", "Euro-Atlantic";
  resources/region_words.txt), and a name that is the first word of a natural feature's or
  facility's name ("Quimby Shoal", "the Vexa salt flat"; resources/feature_heads.txt).
- ``DROP``: not a name at all: a document or case reference ("G.R. No. 1234"), the plural of an
  abbreviation ("MPs", "NGOs"), a building named with a foreign article that stands for an
  institution ("La Quimbada", unless it is a masthead).

``feature_short_forms`` finds, over a whole corpus, names used mostly as the first word of a
feature's name ("Quimby" beside "Quimby Shoal"), whose bare mentions are that feature too.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from analysis.resources import word_set

# the entity types the workbook counts (mentions, frequencies, co-occurrence)
COUNTED_LABELS = ("PERSON", "GPE", "ORG", "NORP", "LOC")

# a span whose clause names a legislature: "30 of the 77 seats in the <Name>", "a majority in the <Name>"
LEGISLATURE_CUES = {"seat", "seats", "majority", "minority", "speaker", "lawmakers", "legislators", "deputies"}
LEGISLATURE_ENDINGS = ("ting", "thing", "tinget", "tag", "dag", "dagen")
PLACE_PREPOSITIONS = {"near", "off", "nearby"}
FOREIGN_ARTICLES = {"le", "la", "el", "il", "lo", "l'", "der", "das", "het"}
_PLURAL_ABBREVIATION = re.compile(r"^[A-Z]{2,}s$")
_NUMBER = re.compile(r"^\d")


@lru_cache(maxsize=1)
def feature_heads() -> tuple[frozenset[str], frozenset[str]]:
    """(natural-feature heads, facility heads): the first may be lower case ("salt flat"), the
    second only in a name's title case ("Airport")."""
    natural, facility = set(), set()
    for entry in word_set("feature_heads"):
        if entry.startswith("facility:"):
            facility.add(entry.removeprefix("facility:").strip())
        else:
            natural.add(entry)
    return frozenset(natural), frozenset(facility)


def _next_words(doc, i: int, n: int) -> list:
    return [t for t in doc[i:i + n]]


def feature_head_after(doc, end: int) -> bool:
    """A natural feature's head ("Shoal", "salt flat", "reef") or a facility's head in title case
    ("Airport", "International Airport") right after token ``end - 1``: the name is part of a
    longer name (ruling E4)."""
    natural, facility = feature_heads()
    if end >= len(doc):
        return False
    words = _next_words(doc, end, 3)
    for size in (2, 1):
        if len(words) < size:
            continue
        phrase = " ".join(t.lower_ for t in words[:size])
        if phrase in natural:
            return True
        if all(t.is_title for t in words[:size]) and (
                phrase in facility or (size == 2 and words[1].lower_ in facility)):
            return True
    return False


# The dependencies that tie a descriptor noun and a name into one noun phrase: the descriptor
# modifies the name's head ("federation" -compound-> "<Name>") or the name stands in apposition to it
# ("<Name>" -appos-> "group").
_DESCRIPTOR_DEPS = {"compound", "nmod", "appos"}


def _tied_to_name(word, span) -> bool:
    """``word`` and the name ``span`` are one noun phrase in the parse: the descriptor's head is in
    the name, or the name's head hangs on the descriptor. Without a parse nothing is tied."""
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return False
    if span.start <= word.head.i < span.end and word.dep_ in _DESCRIPTOR_DEPS:
        return True
    root = span.root
    return root.head.i == word.i and root.dep_ in _DESCRIPTOR_DEPS


def _descriptor_before(span) -> bool:
    """A lower-case descriptor noun right before the name and in apposition to it ("the youth group
    <Name>"). The parse must tie the two: in "During the <noun> <Name> promised ..." the noun ends a
    prepositional phrase and the name is the next clause's subject."""
    doc = span.doc
    i = span.start - 1
    if i < 0:
        return False
    word = doc[i]
    if word.is_title or word.is_upper or word.lower_ not in word_set("non_org_descriptors"):
        return False
    if word.sent != span.sent or not _tied_to_name(word, span):
        return False
    # "media group", "banking group": a company group, which stays ORG (resources/company_group_words.txt)
    if word.lower_ in {"group", "groups"} and i >= 1 and doc[i - 1].lower_ in word_set("company_group_words"):
        return False
    if word.lower_ == "tank" and not (i >= 1 and doc[i - 1].lower_ == "think"):
        return False
    return True


def is_legislature(span, label: str | None = None) -> bool:
    """A single-word name with a Germanic "assembly" ending ("Vexting", "Quimbytag") that NER called
    an ORG, or a name with seats or a majority in it ("a majority in the <Name>"). ``label`` is NER's
    label (the span's own label when not given). The ending alone does not overrule a PERSON: many
    surnames end in "-ting" ("Zorbting")."""
    doc = span.doc
    label = label or span.label_
    if (label == "ORG" and len(span) == 1 and span[0].is_title and len(span[0]) >= 7
            and span[0].lower_.endswith(LEGISLATURE_ENDINGS)):
        return True
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ in {"in", "of"} and doc[i - 1].lower_ in LEGISLATURE_CUES


def names_a_community(span) -> bool:
    """A title-case name before a community noun, optionally after one adjective ("Vexari
    communities", "Vexari coastal communities")."""
    doc = span.doc
    if len(span) > 2 or not all(t.is_title for t in span):
        return False
    after = _next_words(doc, span.end, 2)
    if not after:
        return False
    nouns = word_set("community_nouns")
    if after[0].lower_ in nouns:
        return True
    return len(after) == 2 and after[0].is_lower and after[0].pos_ == "ADJ" and after[1].lower_ in nouns


def is_macro_region(text: str) -> bool:
    """A name made only of region words ("Indo-Pacific", "Euro-Atlantic", "Latin America")."""
    parts = [p for p in re.split(r"[\s\-–]+", text) if p]
    return len(parts) >= 2 and all(p.lower() in word_set("region_words") for p in parts)


def after_place_preposition(span) -> bool:
    """The object of a preposition that takes only places ("the waters near <Name>", "off <Name>").
    The word must be a preposition, not a particle ("spun off <Company>")."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in PLACE_PREPOSITIONS and doc[i].dep_ == "prep"


def is_document_reference(span) -> bool:
    """A case or document number follows the span ("G.R. No. 1234", "Docket No 12")."""
    doc = span.doc
    after = _next_words(doc, span.end, 3)
    words = [t.text for t in after]
    if words[:1] in (["No."], ["No"], ["Nos."]) and len(words) > 1 and _NUMBER.match(words[1]):
        return True
    return len(words) > 2 and words[0] == "No" and words[1] == "." and bool(_NUMBER.match(words[2]))


def foreign_article_building(text: str, mastheads: frozenset[str]) -> bool:
    """"<foreign article> <Name>" that is no masthead ("La Quimbada"): a building standing for an
    institution, not an organisation of its own."""
    words = text.split()
    return (len(words) == 2 and words[0].lower() in FOREIGN_ARTICLES and words[1] not in mastheads
            and len(words[1]) >= 4)


def span_kind(span, text: str, label: str, mastheads: frozenset[str] = frozenset()) -> str | None:
    """The label a span NER called ``label`` should take instead, or None (see the module doc)."""
    if label not in {"ORG", "PERSON", "GPE", "LOC"}:
        return None
    if _PLURAL_ABBREVIATION.match(text) or is_document_reference(span):
        return "DROP"
    if label in {"ORG", "PERSON"} and (_descriptor_before(span) or is_legislature(span, label)):
        return "GOV"
    if label == "ORG" and foreign_article_building(text, mastheads):
        return "DROP"
    if names_a_community(span):
        return "NORP"
    if label in {"ORG", "GPE"} and is_macro_region(text):
        return "LOC"
    if label in {"ORG", "GPE", "PERSON"} and len(span) == 1 and feature_head_after(span.doc, span.end):
        return "LOC"
    if label == "ORG" and after_place_preposition(span):
        return "LOC"
    return None


def feature_short_forms(texts: list[str], names: set[str]) -> set[str]:
    """Of ``names`` (single words), those the corpus uses at least as often as the first word of a
    feature's or facility's name ("Quimby Shoal", "the Salar de Quimby") as alone: their bare
    mentions name the feature."""
    natural, facility = feature_heads()
    heads = "|".join(sorted({re.escape(h) for h in natural}, key=len, reverse=True))
    fac = "|".join(sorted({re.escape(h.title()) for h in facility}, key=len, reverse=True))
    out = set()
    for name in names:
        if not name[:1].isupper() or " " in name:
            continue
        word = re.escape(name)
        total = Counter()
        pattern = re.compile(rf"(?<![\w-]){word}(?![\w-])")
        after = re.compile(rf"(?<![\w-]){word}\s+(?:(?i:{heads})\b|(?:[A-Z]\w+\s+)?(?:{fac})\b)")
        before = re.compile(rf"(?i:{heads})\s+(?:of|de|del|do|da)\s+(?:the\s+)?{word}(?![\w-])")
        for text in texts:
            if name not in text:
                continue
            total["all"] += len(pattern.findall(text))
            total["feature"] += len(after.findall(text)) + len(before.findall(text))
        if total["feature"] and 2 * total["feature"] >= total["all"]:
            out.add(name)
    return out
