"""Holder phrases the parse or a modifier gets wrong, and role nouns that refer back.

- ``name_span``: a capitalised name the parse cut at a lowercase connector ("Citizens Against
  Missiles", "Friends of the Coast"): the whole run of capitalised words and connectors;
- ``head_member``: a multiword member phrase that is the holder's own head ("Gamma's biggest
  business lobby"), which a place name modifying it must not override;
- ``role_antecedent``: "the minister", "the company": the last person named with that title, or
  the last organisation named before it.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

CONNECTORS = {"against", "for", "of", "and", "on", "the", "&"}
WINDOW = 400  # characters back in which "the company" finds the organisation it refers to


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.is_alpha


def name_span(token: Token) -> Span | None:
    """The run of capitalised words around ``token``, through lowercase-able connectors followed by a
    capitalised word, when it is longer than the token's own compound name; else None."""
    if not _capitalised(token) or token.i == token.sent.start and token.lower_ in CONNECTORS:
        return None
    doc, sent = token.doc, token.sent
    start = token.i
    while start - 1 >= sent.start and _capitalised(doc[start - 1]) and doc[start - 1].lower_ != "the":
        start -= 1
    end = token.i + 1
    while end < sent.end:
        if _capitalised(doc[end]) and doc[end].lower_ not in CONNECTORS:
            end += 1
        elif doc[end].lower_ in CONNECTORS and end + 1 < sent.end and _capitalised(doc[end + 1]) \
                and doc[end + 1].lower_ not in CONNECTORS | {"the"} | {"and"}:
            end += 2
        else:
            break
    if not any(doc[i].lower_ in CONNECTORS for i in range(token.i + 1, end)):
        return None
    return doc[start:end]


def head_member(token: Token, members: dict[str, str], key) -> str | None:
    """The actor of a member phrase of two or more words that ends at the holder head and spans only
    its own modifiers ("business lobby" in "Gamma's biggest business lobby")."""
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    doc = token.doc
    for child in sorted(modifiers, key=lambda c: c.i):
        text = key(doc[child.i:token.i + 1].text)
        if len(text.split()) > 1 and text in members:
            return members[text]
    return None


def role_antecedent(token: Token, phrase: Span, mentions: list[tuple[int, int, str, str]],
                    person_roles: frozenset[str], org_nouns: frozenset[str], members) -> Span | None:
    """The name "the minister" / "the company" refers to: the last person mention with that title
    within 60 characters of it; the last organisation mention, or actor member named with a capital,
    in the ``WINDOW`` before it."""
    if token.pos_ != "NOUN" or token.text[:1].isupper() or phrase[0].lower_ != "the" or any(
            t.i not in (phrase.start, token.i) and not (t.dep_ in ("compound", "amod", "nummod") and t.text.islower())
            for t in phrase):
        return None
    doc, word = token.doc, token.lemma_.lower()
    text = doc.text
    earlier = [m for m in mentions if m[1] <= token.idx]
    found = None
    if word in person_roles:
        found = next(((s, e) for s, e, label, _ in reversed(earlier)
                      if label == "PERSON" and word in text[max(0, s - 60):e + 60].lower()), None)
    elif word in org_nouns:
        window = text[max(0, token.idx - WINDOW):token.idx]
        offset = token.idx - len(window)
        candidates = [(s, e) for s, e, label, _ in earlier if label == "ORG" and token.idx - e <= WINDOW]
        places = [(s, e) for s, e, label, _ in earlier if label in ("GPE", "LOC")]
        for member in members:
            at = window.rfind(member)
            begin, end = offset + at, offset + at + len(member)
            if at >= 0 and member[:1].isupper() and not re.match(r"\s+[A-Z]", text[end:end + 3]) \
                    and not any(s <= begin < e for s, e in places):
                candidates.append((begin, end))  # a whole name, not a place or part of a longer name
        found = max(candidates, default=None)
    return doc.char_span(*found, alignment_mode="expand") if found else None
