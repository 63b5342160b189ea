"""Figures in the text: numbers and percentages normalized, with their qualifier and what they measure.

Every number written with digits (or with a scale word: "two million") outside dates and times is
a figure: "around 11,000" -> 11000 with qualifier "around"; "3.4 million rounds" -> 3400000;
"82%" -> 82 percent. What it measures is the noun it counts ("North Korean troops") or, for a
share, the predicate it is the subject of ("oppose sending military aid"). A figure is one of the
study's quantities when the units agree, one of the quantity's cues is in what it measures (or in
its clause) and, if the quantity has ``context`` phrases, one of them is in the sentence.
"""

from __future__ import annotations

import re

import pandas as pd
from spacy.tokens import Doc, Token

from analysis.frames import iter_rows
from analysis.nlp.docs import SentenceIndex, cue_matcher, sentence_bounds, sentence_text

COLUMNS = ["article_id", "file", "sentence_id", "quantity", "value", "unit", "qualifier", "measure", "text",
           "sentence"]
SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "dozen": 12, "hundred": 100, "several": None}
QUALIFIERS = ["more than", "less than", "fewer than", "at least", "at most", "up to", "as many as", "as few as",
              "an estimated", "around", "about", "approximately", "roughly", "nearly", "almost", "some", "over",
              "under", "estimated", "reportedly", "just over", "just under", "close to", "upwards of"]
SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}


def _number_value(text: str) -> float | None:
    cleaned = text.replace(",", "").replace("\u202f", "").replace(" ", "")
    try:
        return float(cleaned)
    except ValueError:
        return WORD_NUMBERS.get(text.lower())


def _qualifier(doc: Doc, start: int) -> str:
    before = doc[max(0, start - 3):start].text.lower()
    for phrase in QUALIFIERS:
        if before.endswith(phrase):
            return phrase
    return ""


UNIT_WORDS = {"mm", "cm", "km", "m", "kg", "t", "kilometres", "kilometers", "miles", "-", "caliber", "calibre"}


def _measure(last: Token, unit: str) -> str:
    """What the figure measures: for a share, the words that follow it in its clause ("oppose
    sending military aid"); for a count, the noun it counts with its modifiers ("North Korean troops")."""
    doc = last.doc
    sent_end = last.sent.end
    if unit == "percent":
        words = []
        for token in doc[last.i + 1:sent_end]:
            if token.is_punct and token.text not in ("-",) or len(words) >= 8:
                break
            words.append(token)
        return doc[words[0].i:words[-1].i + 1].text if words else ""
    modifiers = []
    for token in doc[last.i + 1:min(sent_end, last.i + 8)]:
        if token.like_num or token.lower_ in UNIT_WORDS:
            modifiers = []
            continue
        is_noun = token.pos_ == "NOUN" or token.tag_ in ("NN", "NNS")
        if not is_noun and (token.pos_ in ("ADJ", "PROPN") or token.dep_ in ("amod", "compound")):
            modifiers.append(token)
            continue
        if is_noun:
            return doc[(modifiers[0] if modifiers else token).i:token.i + 1].text
        break
    return ""


def find_figures(doc: Doc) -> list[dict]:
    """Every figure of a Doc: sentence, value, unit (count or percent), qualifier, measure, text."""
    from spacy.attrs import LIKE_NUM

    sentence_of = SentenceIndex(doc)
    figures = []
    numeric = doc.to_array(LIKE_NUM).nonzero()[0].tolist()
    last_end = 0
    for i in numeric:
        if i < last_end:
            continue
        token = doc[i]
        if token.ent_type_ in SKIP_ENTS or not any(c.isdigit() for c in token.text):
            continue
        if re.fullmatch(r"(19|20)\d\d", token.text) and token.ent_type_ != "CARDINAL":
            continue
        value = _number_value(token.text)
        if value is None:
            continue
        end = i + 1
        while end < len(doc) and doc[end].lower_ in SCALES:
            value *= SCALES[doc[end].lower_]
            end += 1
        unit = "count"
        if end < len(doc) and (doc[end].text == "%" or doc[end].lower_ in ("percent", "pct")):
            unit, end = "percent", end + 1
        elif end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
            unit, end = "percent", end + 2
        last = doc[end - 1]
        figures.append({
            "sentence_id": sentence_of[i], "value": int(value) if float(value).is_integer() else value,
            "unit": unit, "qualifier": _qualifier(doc, i), "measure": _measure(last, unit),
            "text": doc[i:end].text, "start": i, "end": end,
        })
        last_end = end
    return figures


class QuantityMatcher:
    """Assign figures to the study's quantities by unit, cue and context."""

    def __init__(self, nlp, config):
        self.quantities = list(config.quantities)
        phrases = {f"cue:{q.id}": list(q.cues) for q in self.quantities if q.cues}
        phrases.update({f"context:{q.id}": list(q.context) for q in self.quantities if q.context})
        self.matcher = cue_matcher(nlp, phrases)

    def assign(self, doc: Doc, figure: dict) -> str:
        sentence = doc[figure["start"]].sent
        # What the figure measures: the words right after it and the word it depends on.
        scope = set(range(figure["start"], min(figure["end"] + 8, sentence.end)))
        scope.add(doc[figure["end"] - 1].head.i)
        matches = [(self.matcher.key(k).split(":", 1), s) for k, s, e in self.matcher(doc)]
        cue_hits = {q for (kind, q), s in matches if kind == "cue" and s in scope}
        context_hits = {q for (kind, q), s in matches if kind == "context" and sentence.start <= s < sentence.end}
        for quantity in self.quantities:
            if quantity.unit and quantity.unit != figure["unit"]:
                continue
            if quantity.cues and quantity.id not in cue_hits:
                continue
            if quantity.context and quantity.id not in context_hits:
                continue
            return quantity.id
        return "other"


def quantity_table(study, docs: list[Doc], *, nlp=None) -> pd.DataFrame:
    """All figures of the corpus with their study quantity (or ``other``); see ``COLUMNS``."""
    from analysis.nlp.pipeline import build_pipeline

    nlp = nlp or build_pipeline(study.config)
    matcher = QuantityMatcher(nlp, study.config)
    rows = []
    for (article_id, file), doc in zip(iter_rows(study.articles, ["article_id", "file"]), docs):
        for figure in find_figures(doc):
            rows.append({"article_id": article_id, "file": file, "sentence_id": figure["sentence_id"],
                         "quantity": matcher.assign(doc, figure), "value": figure["value"], "unit": figure["unit"],
                         "qualifier": figure["qualifier"], "measure": figure["measure"], "text": figure["text"],
                         "sentence": sentence_text(doc, figure["sentence_id"])})
    return pd.DataFrame(rows, columns=COLUMNS)


def compare_across_outlets(quantities: pd.DataFrame, articles: pd.DataFrame, *, tolerance: float = 0.05) -> pd.DataFrame:
    """For each study quantity: the figure each article gives, and whether outlets disagree
    (values more than ``tolerance`` apart, or the same value with different qualifiers)."""
    from analysis.corpus.study import with_outlet

    data = with_outlet(quantities[quantities["quantity"] != "other"], articles)
    rows = []
    for quantity, group in data.groupby("quantity"):
        values = group["value"].astype(float)
        spread = (values.max() - values.min()) / max(values.max(), 1e-9)
        disagree = bool(spread > tolerance or group["qualifier"].nunique() > 1)
        for row in group.itertuples():
            rows.append({"quantity": quantity, "outlet": row.outlet, "article_id": row.article_id,
                         "value": row.value, "qualifier": row.qualifier, "text": row.text,
                         "disagreement": disagree and group["outlet"].nunique() > 1, "sentence": row.sentence})
    return pd.DataFrame(rows, columns=["quantity", "outlet", "article_id", "value", "qualifier", "text",
                                       "disagreement", "sentence"])


def poll_figures(quantities: pd.DataFrame, docs: list[Doc], articles: pd.DataFrame) -> pd.DataFrame:
    """Every percentage with the organisations and dates its sentence names (the poll's source and date as reported)."""
    rows = []
    by_article = dict(zip(articles["article_id"], docs))
    for row in quantities[quantities["unit"] == "percent"].itertuples():
        doc = by_article[row.article_id]
        sentence = doc[slice(*sentence_bounds(doc)[row.sentence_id])]
        sources = sorted({e.text for e in sentence.ents if e.label_ == "ORG"})
        dates = sorted({e.text for e in sentence.ents if e.label_ == "DATE"})
        rows.append({"article_id": row.article_id, "quantity": row.quantity, "value": row.value,
                     "measure": row.measure, "source": "; ".join(sources), "date": "; ".join(dates),
                     "sentence": row.sentence})
    return pd.DataFrame(rows, columns=["article_id", "quantity", "value", "measure", "source", "date", "sentence"])
