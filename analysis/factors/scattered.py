"""Multi-word factor cues whose words stand apart in the sentence but belong together in its parse:
"public support" in "support among the public", "export control" in "controls on exports",
"arms deal" in "a deal on arms". The exact cue matcher only finds the words side by side."""

from __future__ import annotations

from itertools import product

from spacy.tokens import Doc, Span

MAX_ARCS = 3  # "fears of coastal towns": fears -> of -> towns -> coastal
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}


class ScatteredCues:
    """Per factor, the content lemmas of each cue of two or three content words."""

    def __init__(self, nlp, config):
        self.cues: dict[str, list[tuple[str, ...]]] = {}
        for factor in config.factors:
            phrases = [c for c in factor.cues if len(c.split()) > 1]
            for doc in nlp.pipe(phrases):
                lemmas = tuple(dict.fromkeys(t.lemma_.lower() for t in doc
                                             if t.pos_ in CONTENT_POS and not t.is_stop))
                if 2 <= len(lemmas) <= 3:
                    self.cues.setdefault(factor.id, []).append(lemmas)

    def find(self, doc: Doc, bounds: list[tuple[int, int]], skip: set[tuple[str, int]]) -> dict[tuple[str, int], list[Span]]:
        """(factor, sentence) -> spans covering a cue's words found within ``MAX_ARCS`` arcs of each
        other; sentences in ``skip`` (already matched) are left out."""
        found: dict[tuple[str, int], list[Span]] = {}
        for sid, (start, end) in enumerate(bounds):
            by_lemma: dict[str, list] = {}
            for token in doc[start:end]:
                by_lemma.setdefault(token.lemma_.lower(), []).append(token)
            for factor_id, cues in self.cues.items():
                if (factor_id, sid) in skip:
                    continue
                for lemmas in cues:
                    if not all(lemma in by_lemma for lemma in lemmas):
                        continue
                    span = self._connected(doc, [by_lemma[lemma] for lemma in lemmas])
                    if span is not None:
                        found.setdefault((factor_id, sid), []).append(span)
                        break
        return found

    @staticmethod
    def _connected(doc: Doc, candidates: list[list]) -> Span | None:
        """The span of the first choice of one token per cue word where one of them governs the
        others, each within ``MAX_ARCS`` arcs ("support among the public"), not words that only
        modify a third one ("local and outside economic forces"), nor parts of a hyphenated word
        ("flood-hit town" is no "town in a flood"), nor coordinated words. Adjacent words are the
        exact matcher's."""
        for tokens in product(*candidates):
            indices = sorted(t.i for t in tokens)
            if len(set(indices)) < len(indices) or indices[-1] - indices[0] < len(indices):
                continue
            if any(_hyphenated(doc, t) for t in tokens):
                continue
            for top in tokens:
                if all(t is top or _governs(top, t) for t in tokens):
                    return doc[indices[0]:indices[-1] + 1]
        return None


def _governs(top, token) -> bool:
    """``top`` is above ``token`` within ``MAX_ARCS`` arcs, with no coordination on the way ("river and
    trade" are two things, not "river trade")."""
    arcs, current = 0, token
    while current.i != top.i:
        if current.dep_ == "conj" or current.head.i == current.i or arcs == MAX_ARCS:
            return False
        current, arcs = current.head, arcs + 1
    return True


def _hyphenated(doc: Doc, token) -> bool:
    """Part of a hyphenated word ("war-torn", "Alpha-made")."""
    return any(0 <= j < len(doc) and doc[j].text == "-" and not doc[j].whitespace_
               and not doc[min(j, token.i)].whitespace_ for j in (token.i - 1, token.i + 1))
