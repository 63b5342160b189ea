"""Cue phrases matched on lemmas with spaCy's PhraseMatcher (fast, whatever the number of cues).

A phrase matches a token sequence when their lower-cased lemmas agree ("warned" finds "warn",
"Northern countries" finds "Northern country"), when the text's lemmas are the phrase's words
("warnings" finds "warning", with ``words_as_lemmas``) or when their lower-cased words agree. Pattern
phrases are lemmatized by the same pipeline as the text. To match on lower-cased lemmas, each
token's ``norm_`` is set to its lower-cased lemma (once per Doc).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

_NORMS_SET = "news_workbook_lemma_norms"
_TEXT = "news_workbook_text"
_SENTENCES = "news_workbook_sentence_bounds"
# Per string store (kept alive here, so its id is not reused): lemma hash -> lower-cased lemma hash.
_LOWERED: dict[int, tuple[object, dict[int, int]]] = {}


def set_lemma_norms(doc: Doc) -> Doc:
    """Give every token ``norm_`` = lower-cased lemma (or word), once per Doc."""
    if not doc.user_data.get(_NORMS_SET):
        import numpy as np
        from spacy.attrs import LEMMA, LOWER, NORM

        if len(doc):
            arrays = doc.to_array([LEMMA, LOWER])
            strings = doc.vocab.strings
            # Each distinct lemma is lower-cased once per process; a token without a lemma keeps
            # its lower form.
            lowered = _LOWERED.setdefault(id(strings), (strings, {}))[1]
            for h in set(arrays[:, 0].tolist()) - lowered.keys():
                if h:
                    lowered[h] = strings.add(strings[h].lower())
            norm = np.array([lowered.get(h, low) for h, low in arrays.tolist()], dtype="uint64")
            doc.from_array([NORM], norm.reshape(-1, 1))
        doc.user_data[_NORMS_SET] = True
    return doc


def _words_as_norms(doc: Doc) -> Doc:
    """A pattern Doc whose ``norm_`` is each word lower-cased (marked so lemma norms are not set over it)."""
    for token in doc:
        token.norm_ = token.lower_
    doc.user_data[_NORMS_SET] = True
    return doc


class CueMatcher:
    """Phrases under keys; calling it on a Doc gives sorted (key, start, end) matches."""

    def __init__(self, nlp: Language, phrases: dict[str, list[str]], words_as_lemmas: bool = False):
        self.vocab = nlp.vocab
        self.by_lemma = PhraseMatcher(nlp.vocab, attr="NORM")
        self.by_word = PhraseMatcher(nlp.vocab, attr="LOWER")
        items = [(key, phrase) for key, values in phrases.items() for phrase in values if phrase.strip()]
        lemmatize = "lemmatizer" in nlp.pipe_names
        texts = [phrase for _, phrase in items]
        docs = list(nlp.pipe(texts)) if lemmatize else [nlp.make_doc(t) for t in texts]
        grouped: dict[str, tuple[list, list]] = {}
        for (key, phrase), doc in zip(items, docs):
            lemma_doc, word_doc = grouped.setdefault(key, ([], []))
            lemma_doc.append(set_lemma_norms(doc))
            word_doc.append(nlp.make_doc(phrase))
            if words_as_lemmas:
                # The phrase's own words as lemmas too: a cue "warning" (lemmatized alone as "warn")
                # also finds "warnings" (lemma "warning").
                lemma_doc.append(_words_as_norms(nlp.make_doc(phrase)))
        for key, (lemma_docs, word_docs) in grouped.items():
            self.by_lemma.add(key, lemma_docs)
            self.by_word.add(key, word_docs)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        set_lemma_norms(doc)
        return sorted(set(self.by_lemma(doc)) | set(self.by_word(doc)), key=lambda m: (m[1], m[2], m[0]))

    def key(self, match_id: int) -> str:
        return self.vocab.strings[match_id]


def cue_matcher(nlp: Language, phrases: dict[str, list[str]], words_as_lemmas: bool = False) -> CueMatcher:
    """A CueMatcher for ``nlp``, built once per process for the same phrases."""
    return _cue_matcher(nlp, tuple(sorted((k, tuple(v)) for k, v in phrases.items())), words_as_lemmas)


@lru_cache(maxsize=64)
def _cue_matcher(nlp: Language, phrases: tuple[tuple[str, tuple[str, ...]], ...], words_as_lemmas: bool) -> CueMatcher:
    return CueMatcher(nlp, {key: list(values) for key, values in phrases}, words_as_lemmas)


class SentenceIndex:
    """Sentence number of any token, from the sentence starts (no walk over every token)."""

    def __init__(self, doc: Doc):
        self.starts = [start for start, _ in sentence_bounds(doc)]

    def __getitem__(self, token_index: int) -> int:
        from bisect import bisect_right

        return bisect_right(self.starts, token_index) - 1


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined from the tokens once per Doc (spaCy joins it again on every access)."""
    return _once_per_doc(doc, _TEXT, lambda: doc.text)


def keep_text(doc: Doc, text: str) -> Doc:
    """Record the text a Doc was parsed from as its ``doc_text`` (spaCy's tokenization keeps every
    character, so it equals ``doc.text`` without joining the tokens)."""
    doc.user_data[_TEXT] = text
    return doc


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token offsets of the sentences, as ``doc.sents`` gives them, from one array,
    once per Doc."""
    from spacy.attrs import SENT_START

    def bounds() -> list[tuple[int, int]]:
        n = len(doc)
        if not n:
            return []
        flags = doc.to_array(SENT_START)
        starts = [0, *((flags[1:] == 1).nonzero()[0] + 1).tolist()]
        return list(zip(starts, starts[1:] + [n]))

    return _once_per_doc(doc, _SENTENCES, bounds)


def text_between(doc: Doc, start: int, end: int) -> str:
    """The Doc's text from token ``start`` up to token ``end`` (the whitespace after the last token
    included), cut from ``doc_text`` instead of joined from the tokens."""
    text = doc_text(doc)
    return text[doc[start].idx:doc[end].idx if end < len(doc) else len(text)]


def sentence_text(doc: Doc, sentence_id: int) -> str:
    """The text of sentence ``sentence_id`` (numbered as ``doc.sents``), stripped."""
    return text_between(doc, *sentence_bounds(doc)[sentence_id]).strip()


def _once_per_doc(doc: Doc, key: str, compute):
    """A value derived from a parsed Doc, kept in its user_data (not saved in the DocBin cache)."""
    if key not in doc.user_data:
        doc.user_data[key] = compute()
    return doc.user_data[key]


def norms(doc: Doc):
    """NORM hashes (lower-cased lemmas, see ``set_lemma_norms``) of every token, as a numpy array."""
    from spacy.attrs import NORM

    return set_lemma_norms(doc).to_array(NORM)


def hashes(vocab, words) -> list[int]:
    """String-store hashes of ``words`` (added if new)."""
    return [vocab.strings.add(w) for w in words]
