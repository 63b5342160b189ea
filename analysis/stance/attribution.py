"""Who says what: quote spans and the speakers of reported speech, as a spaCy component.

``news_workbook_attribution`` sets on each token:

- ``Token._.in_quote``: inside quote marks (every style; an unclosed quote runs to the paragraph end);
- ``Token._.speaker``: index of the head token of whoever says the clause the token is in
  (subject of a reporting verb governing it, the possessor of a noun of saying whose "that" clause
  it is ("X's argument that ..."), the object of "according to", or the speaker of the
  quote the sentence continues; a quote over several sentences takes the speaker named anywhere in
  it), or None;
- ``Token._.speech``: ``direct_quote`` or ``indirect`` where a speaker is set.

The token attributes are read from two per-Doc lists, ``Doc._.quote_flags`` and ``Doc._.speakers``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from analysis.nlp.docs import doc_text, hashes, norms, sentence_bounds, text_between
from analysis.resources import word_set as words

OPENERS = {"“": "”", "„": "“”", "«": "»", "‹": "›", "「": "」", "『": "』"}
_QUOTE_MARK = re.compile("[" + re.escape("".join(OPENERS) + '"‘') + "]")


def _in_quote(token: Token) -> bool:
    flags = token.doc._.quote_flags
    return bool(flags[token.i]) if flags is not None else False


def _speaker(token: Token) -> int | None:
    speakers = token.doc._.speakers
    return speakers[token.i] if speakers is not None else None


def _speech(token: Token) -> str | None:
    if _speaker(token) is None:
        return None
    return "direct_quote" if _in_quote(token) else "indirect"


def install_extensions() -> None:
    """The component fills two lists per Doc; the Token attributes read them (no per-token writes)."""
    for name in ("quote_flags", "speakers"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, getter in (("in_quote", _in_quote), ("speaker", _speaker), ("speech", _speech)):
        if not Token.has_extension(name):
            Token.set_extension(name, getter=getter)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations; unbalanced marks never fail (an open quote ends its paragraph)."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        found = _QUOTE_MARK.search(text, i)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        closers = None
        if ch in OPENERS:
            closers = OPENERS[ch]
        elif ch == '"':
            closers = '"'
        elif ch == "‘" and (i == 0 or not text[i - 1].isalnum()):
            closers = "’"
        if closers is None:
            i += 1
            continue
        j = i + 1
        paragraph_end = text.find("\n\n", j)
        limit = n if paragraph_end < 0 else paragraph_end
        while j < limit:
            if text[j] in closers and not (text[j] == "’" and j + 1 < n and text[j + 1].isalnum()):
                break
            j += 1
        closed = j < limit
        spans.append((i, j + 1 if closed else limit))
        i = j + 1
    return spans


# Passive verbs of report that raise the subject of their infinitive ("X is said to oppose it").
REPORTED_PASSIVES = {"say", "report", "believe", "think", "understand", "know", "rumour", "rumor"}


def in_dateline(token: Token) -> bool:
    """Whether a token is in a wire dateline ("CITY, Country (Agency) -") opening its sentence."""
    sent = token.sent
    first = sent[0]
    if not (first.text.isupper() and first.is_alpha and len(first.text) > 2):
        return False
    for t in sent[:16]:
        if t.text in ("-", "—", "–", "--"):
            return token.i < t.i
    return False


def subject_of(token: Token, *, hops: int = 4) -> Token | None:
    """The agent of a predicate: its nsubj (or the "by" agent of a passive), climbing through
    conjunctions, complements, participles and relative clauses when it has none; the passive
    subject of a verb of report whose infinitive it is ("X are said to be wary": X)."""
    current = token
    for _ in range(hops + 1):
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj", "expl"):
                if in_dateline(child):
                    # the parse took the dateline's city for the subject; the real one follows the dash,
                    # as a sibling or hung on the city as an apposition
                    after = [a for a in child.children if a.dep_ == "appos" and not in_dateline(a)]
                    if after:
                        return after[0]
                    continue
                if child.lower_ in ("which", "who", "that") and current.dep_ == "relcl":
                    return current.head
                return child
            if child.dep_ == "agent":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
        if current.tag_ == "VBG" and current.i > 0:
            before = current.doc[current.i - 1]
            if before.pos_ in ("PROPN", "NOUN") and before.head.i != current.i and before.dep_ in ("pobj", "dobj"):
                return before  # accusative gerund: "about Alpha warning Beta"
        if current.dep_ in ("acl",) and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head
        if current.dep_ == "relcl":
            return current.head
        if current.head.i == current.i or current.dep_ in ("ROOT", "ccomp", "parataxis", "csubj"):
            return None  # a complement clause has its own subject; it is not the governor's
        if current.dep_ == "xcomp" and any(c.dep_ in ("dobj", "obj") for c in current.head.children):
            return None  # "urged Berlin to reconsider": the action is urged on Berlin, not Berlin's stance
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in REPORTED_PASSIVES:
            passive = [c for c in current.head.children if c.dep_ == "nsubjpass"]
            if passive:
                return passive[0]  # "X are said to be wary": a reported state of X
        current = current.head
    return None


class Attribution:
    """Mark quotes and the speakers of reported speech on every token."""

    def __init__(self, nlp: Language, name: str):
        from spacy.parts_of_speech import AUX, VERB

        install_extensions()
        self.name = name
        self.reporting = words("reporting_verbs")
        self.argument_nouns = words("argument_nouns")
        self.reporting_hashes = frozenset(hashes(nlp.vocab, self.reporting))
        self.according_hash = nlp.vocab.strings.add("according")
        self.verb_pos = frozenset((VERB, AUX))

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LOWER, POS
        from spacy.parts_of_speech import PUNCT, SPACE

        n = len(doc)
        arrays = doc.to_array([POS, LOWER])
        lemma_norms = norms(doc)
        # Set lookups on plain ints: cheaper than numpy's isin on arrays of a few dozen tokens.
        self.is_reporting = [pos in self.verb_pos and norm in self.reporting_hashes
                             for pos, norm in zip(arrays[:, 0].tolist(), lemma_norms.tolist())]
        self.is_according = [lower == self.according_hash for lower in arrays[:, 1].tolist()]
        self.in_quote = [False] * n
        self.speaker: list[int | None] = [None] * n
        quotes = []
        for start, end in quote_spans(doc_text(doc)):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                self.in_quote[span.start:span.end] = [True] * len(span)
                quotes.append((span.start, span.end))
        sentences = sentence_bounds(doc)
        for start, end in sentences:
            self._sentence(doc, start, end)
        for start, end in quotes:
            # a quote over several sentences has one speaker, also where "he said" comes only at its end
            known = next((self.speaker[i] for i in range(start, end) if self.speaker[i] is not None), None)
            if known is not None:
                for i in range(start, end):
                    if self.speaker[i] is None:
                        self.speaker[i] = known
        self._continue_quotes(doc, sentences, (arrays[:, 0] != PUNCT) & (arrays[:, 0] != SPACE) if n else [])
        doc._.quote_flags = self.in_quote
        doc._.speakers = self.speaker
        return doc

    def _sentence(self, doc: Doc, start: int, end: int) -> None:
        verbs = [doc[i] for i in range(start, end) if self.is_reporting[i]]
        # Outer verbs first, so an inner reporting verb overrides its own clause.
        verbs.sort(key=lambda t: len(list(t.ancestors)))
        for verb in verbs:
            speaker = subject_of(verb) or self._detached_subject(verb)
            if speaker is None or speaker.lower_ in ("it", "that", "this"):
                continue
            excluded = {t.i for t in speaker.subtree}
            for token in verb.subtree:
                if token.i not in excluded and token.i != verb.i:
                    self.speaker[token.i] = speaker.i
            # A quote in the same sentence that the parse did not attach to the verb.
            if not self.in_quote[verb.i]:
                for i in range(start, end):
                    if self.in_quote[i] and self.speaker[i] is None:
                        self.speaker[i] = speaker.i
        for i in range(start, end):
            self._argument_content(doc[i])
        for i in range(start, end):
            if not self.is_according[i]:
                continue
            token = doc[i]
            if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
                if not objects:
                    continue
                source = objects[0]
                excluded = {t.i for t in source.subtree} | {token.i, token.i + 1}
                for i in range(start, end):
                    if i not in excluded and self.speaker[i] is None:
                        self.speaker[i] = source.i

    def _argument_content(self, noun: Token) -> None:
        """A noun of saying with a possessor and a "that" clause ("X's argument that the town cannot pay for it"):
        the possessor speaks the clause, as the subject of a reporting verb does."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in self.argument_nouns:
            return
        owners = [c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
        clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
        if owners and clauses:
            for token in clauses[0].subtree:
                if self.speaker[token.i] is None:
                    self.speaker[token.i] = owners[0].i

    @staticmethod
    def _detached_subject(verb: Token) -> Token | None:
        """"Cho, asked whether ..., said ...": the parser hangs the subject on the inserted clause."""
        for child in verb.children:
            if child.dep_ in ("parataxis", "advcl") and child.i < verb.i:
                subjects = [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i]
                if subjects:
                    return subjects[0]
        return None

    def _continue_quotes(self, doc: Doc, sentences: list[tuple[int, int]], is_word) -> None:
        """A sentence wholly inside quote marks with no speaker continues the previous quote's speaker."""
        last_speaker = None
        for start, end in sentences:
            words = [i for i in range(start, end) if is_word[i]]
            if (words and all(self.in_quote[i] for i in words) and all(self.speaker[i] is None for i in words)
                    and last_speaker is not None):
                for i in range(start, end):
                    self.speaker[i] = last_speaker
            speakers = [self.speaker[i] for i in range(start, end)
                        if self.in_quote[i] and self.speaker[i] is not None]
            if speakers:
                last_speaker = speakers[-1]
            elif "\n\n" in text_between(doc, start, end):
                last_speaker = None  # a paragraph break ends the quote a sentence could continue


@Language.factory("news_workbook_attribution", assigns=["doc._.quote_flags", "doc._.speakers"],
                  requires=["doc.sents", "token.dep", "token.lemma"])
def make_attribution(nlp: Language, name: str) -> Attribution:
    return Attribution(nlp, name)
