"""spaCy pipeline components that add study and general knowledge to named-entity recognition.

Registered with ``@Language.factory`` so a user can add them to any English pipeline:

- ``news_workbook_study_entities``: the study's canonical entities and aliases (``Span.ent_id_``
  holds the canonical name); a match replaces what NER found there, unless NER found a longer
  organisation or title around it ("the Veldoria Independent" stays an ORG).
- ``news_workbook_outlet_names``: a place or nationality followed by a newspaper head word
  ("Veldoria Herald", "Veldorian Times") is an outlet (ORG), not a place.
- ``news_workbook_demonyms``: nationality adjectives labelled GPE, LOC or PERSON ("Veldorian delegation")
  become NORP.
- ``news_workbook_paragraphs``: a line break starts a sentence (before the parser), so crossheads
  and list items never merge with the next paragraph.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from analysis.resources import csv_rows, entries


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym (as written, e.g. 'North Veldorian') -> country, from resources/demonyms.csv."""
    return {row["demonym"]: row["country"] for row in csv_rows("demonyms.csv")}


@lru_cache(maxsize=1)
def outlet_heads() -> frozenset[str]:
    return frozenset(entries("outlet_heads"))


def spelling_variants(name: str) -> set[str]:
    """Forms of a name that differ only in hyphenation and the case after a hyphen.

    "Kim Da-yeol" -> {"Kim Da-yeol", "Kim Da Yeol", "Kim Da yeol", "Kim Da-Yeol", "Kim Dayeol"}.
    """
    forms = {name, name.replace("’", "'"), name.replace("'", "’")}
    if "-" in name:
        parts = name.split(" ")
        hyphen_title = " ".join("-".join(p[:1].upper() + p[1:] for p in part.split("-")) for part in parts)
        forms |= {hyphen_title, name.replace("-", " "), hyphen_title.replace("-", " "),
                  name.replace("-", "")}
    return {f for f in forms if f.strip()}


class StudyEntities:
    """Label the study's entities and aliases, with the canonical name in ``ent_id_``."""

    def __init__(self, nlp: Language, name: str, entities: list[dict]):
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels: dict[str, str] = {}
        for entity in entities:
            canonical, label = entity["canonical"], entity["type"]
            forms: set[str] = set()
            for alias in [canonical, *entity.get("aliases", [])]:
                forms |= spelling_variants(alias)
            self.labels[canonical] = label
            self.matcher.add(canonical, [nlp.make_doc(f) for f in sorted(forms)])

    def __call__(self, doc: Doc) -> Doc:
        matches = [Span(doc, start, end, label=self.labels[doc.vocab.strings[key]],
                        span_id=doc.vocab.strings[key])
                   for key, start, end in self.matcher(doc)]
        matches = filter_spans(matches)
        existing = list(doc.ents)
        accepted = []
        for match in matches:
            if not any(_is_longer_name(e, match) for e in existing):
                accepted.append(match)
        kept = [e for e in existing
                if not any(e.start < m.end and m.start < e.end for m in accepted)]
        doc.ents = filter_spans(accepted + kept)
        return doc


def _is_longer_name(ent: Span, match: Span) -> bool:
    """True when ``ent`` holds ``match`` plus more capitalized words ("South Zorblat", "Veldoria Independent")."""
    if not (ent.start <= match.start and ent.end >= match.end and len(ent) > len(match)):
        return False
    extra = [t for t in ent if t.i < match.start or t.i >= match.end]
    return any(t.is_title or t.is_upper for t in extra if t.lower_ != "the" and t.is_alpha)


class OutletNames:
    """A place or nationality followed by a masthead word is the outlet's name (ORG)."""

    def __init__(self, name: str):
        self.name = name
        self.heads = outlet_heads()

    def __call__(self, doc: Doc) -> Doc:
        new_ents = []
        changed = False
        for ent in doc.ents:
            end = ent.end
            while end < len(doc) and end - ent.end < 3 and doc[end].is_title and doc[end].text in self.heads:
                end += 1
            if end > ent.end and ent.label_ in {"GPE", "NORP", "LOC", "PERSON"}:
                new_ents.append(Span(doc, ent.start, end, label="ORG"))
                changed = True
            elif ent.label_ in {"GPE", "LOC"} and ent[-1].text in self.heads and len(ent) > 1:
                new_ents.append(Span(doc, ent.start, ent.end, label="ORG"))
                changed = True
            else:
                new_ents.append(ent)
        if changed:
            doc.ents = filter_spans(new_ents)
        return doc


class Demonyms:
    """Nationality adjectives labelled GPE/LOC/PERSON become NORP ("Veldorian delegation")."""

    def __init__(self, name: str):
        self.name = name
        self.demonyms = set(demonyms())

    def __call__(self, doc: Doc) -> Doc:
        new_ents = []
        changed = False
        for ent in doc.ents:
            text = ent.text.removesuffix("’s").removesuffix("'s")
            if ent.label_ != "NORP" and not ent.ent_id_ and (
                    text in self.demonyms or text.removesuffix("s") in self.demonyms):
                new_ents.append(Span(doc, ent.start, ent.end, label="NORP"))
                changed = True
            else:
                new_ents.append(ent)
        if changed:
            doc.ents = new_ents
        return doc


class Paragraphs:
    """A line break ends a sentence: headings, list items and paragraphs never merge across lines."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text or "\n" in token.whitespace_:
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory("news_workbook_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Paragraphs:
    return Paragraphs(name)


@Language.factory("news_workbook_study_entities", default_config={"entities": []}, assigns=["doc.ents"],
                  requires=["doc.ents"])
def make_study_entities(nlp: Language, name: str, entities: list[dict]) -> StudyEntities:
    """Factory: ``entities`` is a list of {canonical, type, aliases}."""
    return StudyEntities(nlp, name, entities)


@Language.factory("news_workbook_outlet_names", assigns=["doc.ents"], requires=["doc.ents"])
def make_outlet_names(nlp: Language, name: str) -> OutletNames:
    return OutletNames(name)


@Language.factory("news_workbook_demonyms", assigns=["doc.ents"], requires=["doc.ents"])
def make_demonyms(nlp: Language, name: str) -> Demonyms:
    return Demonyms(name)
