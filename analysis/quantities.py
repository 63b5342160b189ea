"""Figures in the text: numbers and percentages normalized, with their qualifier and what they measure.

Every number written with digits (with a currency prefix or scale: "$7bn", "2.6 million", "4 000") or
in words read by word2number ("nine in 10" -> 90 percent, "two-thirds of" -> 67 percent, "a thousand")
outside dates, times, ages, identifiers ("Law 214") and margins ("percentage points") is a figure:
"around 13,000" -> 13000 with qualifier "around"; "74%" -> 74 percent. What it measures is the noun it counts ("Veldorian troops") or, for a
share, the predicate it is the subject of ("oppose building the dam"). A figure is one of the
study's quantities when the units agree, one of the quantity's cues is near it (see
``QuantityMatcher.assign``: the closest cue wins) and, if the quantity has ``context`` phrases, one of
them is in the sentence or the one before; both ends of a range share the quantity.
"""

from __future__ import annotations

import re

import pandas as pd
from spacy.tokens import Doc, Token

from analysis.frames import iter_rows
from analysis.nlp.docs import SentenceIndex, cue_matcher, sentence_bounds, sentence_text
from analysis.nlp.grammar import governing_chain
from analysis.resources import word_set

COLUMNS = ["article_id", "file", "sentence_id", "quantity", "value", "unit", "qualifier", "measure", "text",
           "sentence"]
SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "dozen": 12, "hundred": 100, "several": None}
QUALIFIERS = ["more than", "less than", "fewer than", "at least", "at most", "up to", "as many as", "as few as",
              "an estimated", "around", "about", "approximately", "roughly", "nearly", "almost", "some", "over",
              "under", "estimated", "reportedly", "just over", "just under", "close to", "upwards of"]
SKIP_ENTS = {"DATE", "TIME", "ORDINAL"}


NUMBER_TOKEN = re.compile(r"(?P<prefix>[^\d\s]{0,4}?)(?P<number>\d[\d,.\u202f]*)(?P<suffix>bn|mn|m|k)?", re.I)
SUFFIX_SCALES = {"bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}
FRACTIONS = {"half": 50, "halves": 50, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25, "quarters": 25,
             "fifth": 20, "fifths": 20, "tenth": 10, "tenths": 10}
WORD_SCALES = {"hundred", "thousand", "million", "billion", "trillion"}
AGE_WORDS = {"aged", "age", "ages"}
RANGE_WORDS = {"and", "to", "-", "–", "—"}
PERCENT_CUES = word_set("percent_signs")  # "percent", "per cent", "%", "pct"
MARGIN_WORDS = {"point", "points"}  # "0.4 percentage points", "3 points": margins, not figures


def _number_value(text: str, *, grouped_dots: bool = False) -> float | None:
    cleaned = text.replace(",", "").replace("\u202f", "").replace(" ", "")
    if grouped_dots:  # "1.700 millions": dots group thousands
        cleaned = cleaned.replace(".", "")
    try:
        return float(cleaned)
    except ValueError:
        return WORD_NUMBERS.get(text.lower())


def _words_value(text: str) -> float | None:
    """A number written in words ("nine", "one thousand"), read by word2number; None when it is not one."""
    from word2number import w2n

    try:
        return float(w2n.word_to_num(text.replace("-", " ")))
    except ValueError:
        return None


def _is_identifier(doc: Doc, i: int) -> bool:
    """An age ("aged 45") or the number of a law, article, unit or page ("Law 21,210", "Unit 8")."""
    if i == 0:
        return False
    before = doc[i - 1]
    if before.lower_ in AGE_WORDS:
        return True
    return (before.is_title and before.pos_ in ("PROPN", "NOUN") and not before.is_sent_start
            and before.ent_type_ != "MONEY" and not before.text.isupper())


def _written_figure(doc: Doc, i: int) -> tuple[float, str, int] | None:
    """A figure written with words at token ``i``: "nine in 10" (90 percent), "two-thirds of" (67 percent),
    "a fifth of" (20 percent), "one thousand" / "a thousand" / "two billion" (counts); (value, unit, end)."""
    token = doc[i]
    n = len(doc)
    # "N in M": a share
    if i + 2 < n and doc[i + 1].lower_ == "in" and (token.like_num and doc[i + 2].like_num):
        top = _number_value(token.text) if token.text[0].isdigit() else _words_value(token.text)
        bottom = _number_value(doc[i + 2].text) if doc[i + 2].text[0].isdigit() else _words_value(doc[i + 2].text)
        if top and bottom and 0 < top < bottom <= 100 and doc[i + 2].ent_type_ not in SKIP_ENTS:
            return round(100 * top / bottom), "percent", i + 3
    if any(c.isdigit() for c in token.text):
        return None
    # "two-thirds of", "a fifth of", "three quarters of": a share
    j = i + 2 if i + 2 < n and doc[i + 1].text == "-" else i + 1
    if j + 1 < n and doc[j].lower_ in FRACTIONS and doc[j + 1].lower_ == "of":
        top = 1.0 if token.lower_ in ("a", "one") else _words_value(token.text) if token.like_num else None
        if top:
            return round(top * FRACTIONS[doc[j].lower_]), "percent", j + 1
    # "one thousand", "a thousand", "two billion": a count with a scale word
    if not (token.like_num or token.lower_ == "a"):
        return None
    end = i + 1
    while end < n and (doc[end].like_num or doc[end].lower_ in ("and", "-")) and not any(
            c.isdigit() for c in doc[end].text):
        end += 1
    while end > i + 1 and doc[end - 1].lower_ in ("and", "-"):
        end -= 1
    words_ = [t.lower_ for t in doc[i:end]]
    if not WORD_SCALES & set(words_):
        return None
    value = _words_value(" ".join(w for w in words_ if w != "a") or "one") if words_[0] != "a" else (
        _words_value("one " + " ".join(words_[1:])))
    return (value, "count", end) if value else None


def _qualifier(doc: Doc, start: int) -> str:
    before = doc[max(0, start - 3):start].text.lower()
    for phrase in QUALIFIERS:
        if before.endswith(phrase):
            return phrase
    return ""


UNIT_WORDS = {"mm", "cm", "km", "m", "kg", "t", "kilometres", "kilometers", "miles", "-", "caliber", "calibre"}


def _counted_noun(last: Token) -> tuple[Token | None, list[Token]]:
    """The noun a count figure counts, with its modifiers ("2,700 Veldorian troops"): the first
    noun in the words after the figure, before any punctuation or other word; (None, []) if none."""
    doc = last.doc
    modifiers = []
    for token in doc[last.i + 1:min(last.sent.end, last.i + 8)]:
        if token.like_num or token.lower_ in UNIT_WORDS:
            modifiers = []
            continue
        is_noun = token.pos_ == "NOUN" or token.tag_ in ("NN", "NNS")
        if not is_noun and (token.pos_ in ("ADJ", "PROPN") or token.dep_ in ("amod", "compound")):
            modifiers.append(token)
            continue
        return (token, modifiers) if is_noun else (None, [])
    return None, []


def _measure(last: Token, unit: str) -> str:
    """What the figure measures: for a share, the words that follow it in its clause ("oppose
    building the dam"); for a count, the noun it counts with its modifiers ("Veldorian troops")."""
    doc = last.doc
    sent_end = last.sent.end
    if unit == "percent":
        words = []
        for token in doc[last.i + 1:sent_end]:
            if token.is_punct and token.text not in ("-",) or len(words) >= 8:
                break
            words.append(token)
        return doc[words[0].i:words[-1].i + 1].text if words else ""
    noun, modifiers = _counted_noun(last)
    return doc[(modifiers[0] if modifiers else noun).i:noun.i + 1].text if noun is not None else ""


def find_figures(doc: Doc) -> list[dict]:
    """Every figure of a Doc: sentence, value, unit (count or percent), qualifier, measure, text.

    Digits with an optional currency prefix and scale ("$7bn", "GH¢2.4 billion", "4 000"), numbers in
    words ("nine in 10", "two-thirds of", "a thousand"); not dates, times, years, ages or identifiers."""
    sentence_of = SentenceIndex(doc)
    figures = []
    last_end = 0
    n = len(doc)
    for token in doc:
        i = token.i
        if i < last_end or token.ent_type_ in SKIP_ENTS:
            continue
        written = _written_figure(doc, i)
        if written is not None:
            value, unit, end = written
        else:
            match = NUMBER_TOKEN.fullmatch(token.text)
            if not match or (match["prefix"] and not re.fullmatch(r"[A-Z]{0,3}[$€£¥¢]", match["prefix"])):
                continue
            number = match["number"].rstrip(".,")
            if re.fullmatch(r"(19|20)\d\d", number) and token.ent_type_ != "CARDINAL":
                continue
            if _is_identifier(doc, i):
                continue
            end = i + 1
            # "5 000": a number whose thousands are a separate token
            while end < n and re.fullmatch(r"\d{3}", doc[end].text) and doc[end - 1].whitespace_:
                number += doc[end].text
                end += 1
            plural_scale = end < n and doc[end].lower_ in ("millions", "billions")
            value = _number_value(number, grouped_dots=plural_scale and re.fullmatch(r"\d{1,3}(\.\d{3})+", number)
                                  is not None)
            if value is None:
                continue
            if match["suffix"]:
                value *= SUFFIX_SCALES[match["suffix"].lower()]
            while end < n and doc[end].lower_.rstrip("s") in SCALES:
                value *= SCALES[doc[end].lower_.rstrip("s")]
                end += 1
            unit = "count"
            if end < n and (doc[end].text == "%" or doc[end].lower_ in ("percent", "pct")):
                unit, end = "percent", end + 1
            elif end + 1 < n and doc[end].lower_ == "per" and doc[end + 1].lower_ == "cent":
                unit, end = "percent", end + 2
            if end < n and (doc[end].lower_ in MARGIN_WORDS or (
                    doc[end].lower_ == "percentage" and end + 1 < n and doc[end + 1].lower_ in MARGIN_WORDS)):
                continue
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
        """The study quantity of a figure: among the quantities whose unit agrees, whose cue is near the
        figure and whose context is in its sentence or the sentence before (a poll's breakdowns follow its
        headline), the one with a cue outside the figure, then context in the sentence, then the closest cue. A cue inside the figure itself
        ("per cent", "billion", and "%" for a cue "percent") is the weakest evidence; near means the 8
        words after the figure, the 3 before it and the words that govern it ("projects worth $2
        billion"). When the noun a count counts is some quantity's cue, only such quantities may take
        it ("pledged 2,700 soldiers" is no sum of money even near the cue "pledge")."""
        sentence = doc[figure["start"]].sent
        start, end = figure["start"], figure["end"]
        scope = set(range(max(sentence.start, start - 3), min(end + 8, sentence.end)))
        for token in governing_chain(doc[end - 1], 3)[1:]:
            if token.sent.start == sentence.start:
                scope.add(token.i)
        previous = doc[sentence.start - 1].sent if sentence.start > 0 else sentence
        matches = [(self.matcher.key(k).split(":", 1), s) for k, s, e in self.matcher(doc)]
        cue_distance: dict[str, int] = {}
        for (kind, q), s in matches:
            if kind != "cue" or s not in scope:
                continue
            distance = 100 if start <= s < end else (s - end + 1 if s >= end else start - s)
            cue_distance[q] = min(cue_distance.get(q, 1000), distance)
        if figure["unit"] == "percent":  # "64%": the sign is the word "percent"
            for quantity in self.quantities:
                if PERCENT_CUES & {c.lower() for c in quantity.cues}:
                    cue_distance.setdefault(quantity.id, 100)
        counting = None  # "pledged 2,700 soldiers": a figure of soldiers is no sum pledged
        if figure["unit"] == "count":
            noun, _ = _counted_noun(doc[end - 1])
            if noun is not None:
                counting = {q for (kind, q), s in matches if kind == "cue" and s == noun.i} or None
        context_in = {q for (kind, q), s in matches if kind == "context" and sentence.start <= s < sentence.end}
        context_before = {q for (kind, q), s in matches if kind == "context" and previous.start <= s < sentence.start}
        ranked = []
        for order, quantity in enumerate(self.quantities):
            if quantity.unit and quantity.unit != figure["unit"]:
                continue
            if quantity.cues and quantity.id not in cue_distance:
                continue
            if counting is not None and quantity.id not in counting:
                continue
            rank_context = 0
            if quantity.context:
                if quantity.id in context_in:
                    rank_context = 0
                elif quantity.id in context_before:
                    rank_context = 1
                else:
                    continue
            distance = cue_distance.get(quantity.id, 500)
            ranked.append((distance >= 100, rank_context, distance, order, quantity.id))
        return min(ranked)[-1] if ranked else "other"


def quantity_table(study, docs: list[Doc], *, nlp=None) -> pd.DataFrame:
    """All figures of the corpus with their study quantity (or ``other``); see ``COLUMNS``."""
    from analysis.nlp.pipeline import build_pipeline

    nlp = nlp or build_pipeline(study.config)
    matcher = QuantityMatcher(nlp, study.config)
    rows = []
    for (article_id, file), doc in zip(iter_rows(study.articles, ["article_id", "file"]), docs):
        figures = find_figures(doc)
        assigned = [matcher.assign(doc, figure) for figure in figures]
        for k in range(1, len(figures)):  # a range "between 400 and 600 boats": both ends, one quantity
            a, b = figures[k - 1], figures[k]
            if (b["start"] - a["end"] == 1 and doc[a["end"]].lower_ in RANGE_WORDS and a["unit"] == b["unit"]
                    and "other" in (assigned[k - 1], assigned[k])):
                assigned[k - 1] = assigned[k] = assigned[k] if assigned[k] != "other" else assigned[k - 1]
        for figure, quantity in zip(figures, assigned):
            rows.append({"article_id": article_id, "file": file, "sentence_id": figure["sentence_id"],
                         "quantity": quantity, "value": figure["value"], "unit": figure["unit"],
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
