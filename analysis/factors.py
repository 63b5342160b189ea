"""Pressure factors: which pressures each article cites, in which direction, from whom, with evidence.

A factor mention is a sentence where one of the factor's cue phrases matches (spaCy Matcher over
lemmas) and, when the factor has ``context`` phrases, one of them too; or a sentence where one of
the factor's ``actors`` takes a stance (the stance layer's evidence). Direction starts from the
factor's default and is refined by the sentence: ``toward_cues``/``away_cues`` (negation and
diminishers such as "limited" turn them around), then the stance of the factor's actor in that
sentence (favor -> toward, against -> away, undecided -> mixed). Per article, a factor whose
mentions point both ways is ``mixed``.
"""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc, Span

from analysis.lexicon import words
from analysis.stance import _is_negated, phrase_matcher

EVIDENCE_COLUMNS = ["article_id", "file", "sentence_id", "factor", "direction", "actor", "cue", "negated",
                    "hedged", "sentence"]
SUMMARY_COLUMNS = ["article_id", "file", "factor", "direction", "n_evidence", "cue", "sentence_id"]
STANCE_DIRECTION = {"favor": "toward", "against": "away", "undecided": "mixed"}
FLIP = {"toward": "away", "away": "toward", "mixed": "mixed"}


def _turned(span: Span) -> bool:
    """Negated, or weakened by a diminisher ("limited support", "no appetite")."""
    diminishers = words("diminishers")
    root = span.root
    if _is_negated(root):
        return True
    return any(c.lower_ in diminishers or (c.dep_ == "det" and c.lower_ == "no") for c in root.children)


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """True when the tokens lie inside a named entity that extends beyond them."""
    for ent in doc.ents:
        if ent.start <= start and end <= ent.end and (ent.start < start or end < ent.end) \
                and ent.label_ in ("ORG", "PERSON", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
            return True
    return False


class FactorMatcher:
    """Matchers for every factor of a study, built for one vocabulary."""

    def __init__(self, nlp, config):
        self.factors = {f.id: f for f in config.factors}
        self.cues = phrase_matcher(nlp.vocab, {f.id: f.cues for f in config.factors})
        self.context = phrase_matcher(nlp.vocab, {f.id: f.context for f in config.factors if f.context})
        self.toward = phrase_matcher(nlp.vocab, {f.id: f.toward_cues for f in config.factors if f.toward_cues})
        self.away = phrase_matcher(nlp.vocab, {f.id: f.away_cues for f in config.factors if f.away_cues})
        self.hedges = words("hedges")

    @staticmethod
    def _by_sentence(doc: Doc, matcher, sentence_of: dict[int, int]) -> dict[tuple[str, int], list[Span]]:
        found: dict[tuple[str, int], list[Span]] = {}
        for key, start, end in matcher(doc):
            if _inside_longer_name(doc, start, end):
                continue  # "China" inside "South China Morning Post"
            found.setdefault((doc.vocab.strings[key], sentence_of[start]), []).append(doc[start:end])
        return found

    def mentions(self, doc: Doc, stance_rows: pd.DataFrame) -> list[dict]:
        """Factor mentions of one Doc: factor, sentence, direction, actor, cue, negated, hedged."""
        sentences = list(doc.sents)
        sentence_of = {t.i: i for i, s in enumerate(sentences) for t in s}
        cues = self._by_sentence(doc, self.cues, sentence_of)
        context = self._by_sentence(doc, self.context, sentence_of)
        toward = self._by_sentence(doc, self.toward, sentence_of)
        away = self._by_sentence(doc, self.away, sentence_of)
        rows = []
        for factor_id, factor in self.factors.items():
            for sid, sent in enumerate(sentences):
                spans = cues.get((factor_id, sid), [])
                if spans and factor.context and (factor_id, sid) not in context:
                    spans = []
                by_actor = stance_rows[(stance_rows["sentence_id"] == sid)
                                       & stance_rows["actor"].isin(factor.actors)] if factor.actors else stance_rows[:0]
                if not spans and by_actor.empty:
                    continue
                directions, negated = [], False
                for span in toward.get((factor_id, sid), []):
                    turned = _turned(span)
                    negated |= turned
                    directions.append(FLIP["toward"] if turned else "toward")
                for span in away.get((factor_id, sid), []):
                    turned = _turned(span)
                    negated |= turned
                    directions.append(FLIP["away"] if turned else "away")
                actor = None
                if not by_actor.empty:
                    actor = by_actor.iloc[0]["actor"]
                    if not directions:
                        directions = [STANCE_DIRECTION[s] for s in by_actor["stance"]]
                distinct = set(directions)
                direction = factor.direction if not distinct else (distinct.pop() if len(distinct) == 1 else "mixed")
                cue_span = spans[0] if spans else None
                cue = cue_span.text if cue_span is not None else f"{actor}: {by_actor.iloc[0]['cue']}"
                hedged = any(t.lemma_.lower() in self.hedges for t in sent)
                rows.append({"sentence_id": sid, "factor": factor_id, "direction": direction, "actor": actor,
                             "cue": cue, "negated": negated, "hedged": hedged, "sentence": sent.text.strip()})
        return rows


def factor_evidence(study, docs: list[Doc], stance_evidence: pd.DataFrame, *, nlp=None) -> pd.DataFrame:
    """One row per (sentence, factor) mention with direction, actor and cue (see ``EVIDENCE_COLUMNS``)."""
    from analysis.nlp import build_pipeline

    nlp = nlp or build_pipeline(study.config)
    matcher = FactorMatcher(nlp, study.config)
    rows = []
    for (article_id, file), doc in zip(study.articles[["article_id", "file"]].itertuples(index=False), docs):
        own = stance_evidence[stance_evidence["article_id"] == article_id]
        for row in matcher.mentions(doc, own):
            rows.append({"article_id": article_id, "file": file, **row})
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return evidence.sort_values(["article_id", "sentence_id"], kind="stable").reset_index(drop=True)


def factor_summary(evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, factor): toward, away or mixed, with the first evidence as example."""
    rows = []
    for (article_id, file, factor), group in evidence.groupby(["article_id", "file", "factor"], sort=False):
        directions = set(group["direction"])
        if directions == {"toward"} or directions == {"away"}:
            direction = directions.pop()
        elif directions <= {"toward", "mixed"} and "toward" in directions:
            direction = "toward"
        elif directions <= {"away", "mixed"} and "away" in directions:
            direction = "away"
        else:
            direction = "mixed"
        first = group.iloc[0]
        rows.append({"article_id": article_id, "file": file, "factor": factor, "direction": direction,
                     "n_evidence": len(group), "cue": first["cue"], "sentence_id": int(first["sentence_id"])})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def factor_outlet_matrix(summary: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and factor: articles citing it toward, away, mixed; balance (toward - away) / articles."""
    from analysis.stance import outlet_labels

    data = summary.merge(articles[["article_id"]].assign(outlet=outlet_labels(articles)), on="article_id")
    table = (data.pivot_table(index=["outlet", "factor"], columns="direction", values="article_id",
                              aggfunc="count", fill_value=0)
             .reindex(columns=["toward", "away", "mixed"], fill_value=0).reset_index())
    table["articles"] = table[["toward", "away", "mixed"]].sum(axis=1)
    table["balance"] = ((table["toward"] - table["away"]) / table["articles"].clip(lower=1)).round(2)
    return table
