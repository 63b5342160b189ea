"""Factor mentions: the sentences where a study's factor is named (cue, paraphrase of its
description, or a stance of its actor), each with its direction and the readings behind it."""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc, Span

from analysis.factors.readings import (
    FLIP,
    OBJECT_DEPS,
    counters_of,
    is_denied,
    is_balanced,
    is_dismissed,
    is_subgroup_share,
    is_turned,
    share_of,
)
from analysis.factors.scattered import ScatteredCues
from analysis.frames import iter_rows
from analysis.nlp.docs import (
    SentenceIndex,
    cue_matcher,
    hashes,
    norms,
    sentence_bounds,
    sentence_text,
)
from analysis.resources import word_set as words

EVIDENCE_COLUMNS = ["article_id", "file", "sentence_id", "factor", "direction", "actor", "cue", "negated",
                    "hedged", "sentence", "dismissed", "countered", "plain"]
STANCE_DIRECTION = {"favor": "toward", "against": "away", "undecided": "mixed"}

NAME_LABELS = ("ORG", "PERSON", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT")


def _inside_longer_name(ents: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when the tokens lie inside a name (``ents``: token spans of names) that extends beyond them."""
    return any(s <= start and end <= e and (s < start or end < e) for s, e in ents)


PARAPHRASE_MIN = 3
PARAPHRASE_POS = {"NOUN", "VERB", "ADJ"}


def _content_lemmas(tokens) -> frozenset[str]:
    """Lower-cased lemmas of the content words (nouns, verbs, adjectives, names; no stop words)."""
    return frozenset(t.lemma_.lower() for t in tokens if t.pos_ in PARAPHRASE_POS and not t.is_stop
                     and len(t.text) > 2)


def _described(nlp, config) -> dict[str, frozenset[str]]:
    """Per factor, the content lemmas of its description and cues that only this factor uses: the
    words shared with the study's topic (proposition, topic cues) or with another factor's
    description say nothing about which pressure a sentence names."""
    lemmas = {f.id: _content_lemmas(nlp(" ; ".join([f.description, *f.cues])))
              for f in config.factors if f.description}
    topic = _content_lemmas(nlp(" ; ".join([config.target.proposition, *config.target.topic_cues])))
    counts: dict[str, int] = {}
    for values in lemmas.values():
        for lemma in values:
            counts[lemma] = counts.get(lemma, 0) + 1
    return {k: frozenset(w for w in v if counts[w] == 1 and w not in topic) for k, v in lemmas.items()}


def _adjective_of_people(token, literal: set[str]) -> bool:
    """A cue naming people ("Veldorians", "voters") found only through its lemma in a word that
    modifies a following noun ("the Veldorian cabinet", "the Veldorian Sea", "voter rolls") names
    the nation's or the people's thing, not the people: not the cue. A cue written as that word
    ("Veldorian") still matches it."""
    return (token.lower_ not in literal and token.dep_ in ("amod", "compound")
            and token.head.i > token.i)


class FactorMatcher:
    """Matchers for every factor of a study, built for one vocabulary."""

    def __init__(self, nlp, config):
        self.factors = {f.id: f for f in config.factors}
        phrases = {}
        for f in config.factors:
            for kind, values in (("cue", f.cues), ("context", f.context), ("toward", f.toward_cues),
                                 ("away", f.away_cues)):
                if values:
                    phrases[f"{kind}:{f.id}"] = list(values)
        self.matcher = cue_matcher(nlp, phrases, words_as_lemmas=True)
        self.literal = {key: {v.lower() for v in values} for key, values in phrases.items()}
        self.hedge_hashes = frozenset(hashes(nlp.vocab, words("hedges")))
        self.described = _described(nlp, config)
        self.scattered = ScatteredCues(nlp, config)

    def _by_sentence(self, doc: Doc, sentence_of: SentenceIndex) -> dict[tuple[str, str, int], list[Span]]:
        """(kind, factor, sentence) -> matched spans, names inside longer names left out."""
        found: dict[tuple[str, str, int], list[Span]] = {}
        names = [(e.start, e.end) for e in doc.ents if e.label_ in NAME_LABELS]
        for key, start, end in self.matcher(doc):
            if _inside_longer_name(names, start, end):
                continue  # "Veldoria" inside "North Veldoria Morning Star"
            name = self.matcher.key(key)
            if end - start == 1 and _adjective_of_people(doc[start], self.literal[name]):
                continue  # cue "Veldorians", text "the Veldorian cabinet"
            kind, factor = name.split(":", 1)
            found.setdefault((kind, factor, sentence_of[start]), []).append(doc[start:end])
        return found

    @staticmethod
    def _sentence_directions(found: dict, factor_id: str, sid: int) -> tuple[list[str], bool]:
        """Directions the sentence's toward/away cues give (turned by negation or a diminisher); a cue
        inside a longer cue of the other kind is left to the longer one; a toward cue governing another
        cue as its object takes that cue's direction ("favours a freeze" is away; "threatens to withdraw"
        stays away); when both kinds come with a
        share of people ("57 per cent oppose, while 29 per cent are in favour"), the larger share's."""
        directions, negated = [], False
        spans = {kind: found.get((kind, factor_id, sid), []) for kind in ("toward", "away")}
        if spans["toward"] and spans["away"]:  # two shares set side by side: the larger one speaks (S2)
            shares = {kind: [v for v in map(share_of, spans[kind]) if v is not None] for kind in spans}
            if shares["toward"] and shares["away"] and max(shares["toward"]) != max(shares["away"]):
                smaller = min(shares, key=lambda kind: max(shares[kind]))
                spans[smaller] = []
        kept = {kind: [span for span in spans[kind] if not any(
                    o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in spans[FLIP[kind]])]
                for kind in ("toward", "away")}  # "pause" inside "declined to pause": the longer cue reads it
        objects = {span.root.i: kind for kind in kept for span in kept[kind] if span.root.dep_ in OBJECT_DEPS}
        backing = {span.root.i for span in kept["toward"]}
        for kind in ("toward", "away"):
            for span in kept[kind]:
                if span.root.dep_ in OBJECT_DEPS and span.root.head.i in backing:
                    continue  # read with the cue that backs it
                own = next((objects[c.i] for c in span.root.children if c.i in objects), None)
                if kind == "toward" and own is not None:  # "favours a freeze": backing takes its object's direction
                    kind = own
                if is_subgroup_share(span):
                    directions.append("mixed")  # a part of the public only: not the public's direction
                    continue
                turned = is_turned(span)
                negated |= turned
                directions.append(FLIP[kind] if turned else kind)
        return directions, negated

    @staticmethod
    def _continued(found: dict, candidates: set) -> dict[tuple[str, int], list[Span]]:
        """Sentences that carry on the factor of the sentence before without naming it: the next
        sentence's subject is one of the factor's direction cues ("A poll shows most back the plan.
        Backing is thinner in the hills."). (factor, sentence) -> those cue spans."""
        continued = {}
        for kind, factor_id, sid in found:
            if kind != "cue" or (factor_id, sid + 1) in candidates:
                continue
            subjects = [span for direction in ("toward", "away") for span in found.get((direction, factor_id, sid + 1), [])
                        if span.root.dep_ in ("nsubj", "nsubjpass") and span.root.pos_ == "NOUN"
                        and span.root.head.dep_ == "ROOT"]
            if subjects:
                continued[(factor_id, sid + 1)] = subjects
        return continued

    def mentions(self, doc: Doc, stance_rows: list[tuple[int, str, str, str]]) -> list[dict]:
        """Factor mentions of one Doc: factor, sentence, direction, actor, cue, negated, hedged.

        ``stance_rows`` are the Doc's stance evidence as (sentence_id, actor, stance, cue).
        """
        bounds = sentence_bounds(doc)
        found = self._by_sentence(doc, SentenceIndex(doc))
        matched = {(factor, sid) for kind, factor, sid in found if kind == "cue"}
        for (factor, sid), spans in self.scattered.find(doc, bounds, matched).items():
            found[("cue", factor, sid)] = spans  # "support among the public" for "public support"
        hedge_tokens = [norm in self.hedge_hashes for norm in norms(doc).tolist()]
        stances: dict[int, list[tuple[str, str, str]]] = {}
        for sid, actor, stance, cue in stance_rows:
            stances.setdefault(int(sid), []).append((actor, stance, cue))
        candidates = {(f, sid) for kind, f, sid in found if kind == "cue"}
        for factor_id, factor in self.factors.items():
            if factor.actors:
                candidates |= {(factor_id, sid) for sid, rows in stances.items()
                               if any(actor in factor.actors for actor, _, _ in rows)}
        paraphrased: dict[tuple[str, int], list[Span]] = {}
        if self.described:
            for sid, (start, end) in enumerate(bounds):
                sent = doc[start:end]
                lemmas = {}
                for t in sent:
                    if t.pos_ in PARAPHRASE_POS and not t.is_stop and len(t.text) > 2:
                        lemmas.setdefault(t.lemma_.lower(), t)
                for factor_id, described in self.described.items():
                    if (factor_id, sid) in candidates:
                        continue
                    shared = [lemmas[w] for w in described if w in lemmas]
                    if len(shared) >= PARAPHRASE_MIN:
                        paraphrased[(factor_id, sid)] = [doc[t.i:t.i + 1] for t in sorted(shared, key=lambda t: t.i)]
            candidates |= set(paraphrased)
        continued = self._continued(found, candidates)
        candidates |= set(continued)
        rows = []
        order = {factor_id: i for i, factor_id in enumerate(self.factors)}
        for factor_id, sid in sorted(candidates, key=lambda c: (order[c[0]], c[1])):
            factor, (start, end) = self.factors[factor_id], bounds[sid]
            spans = (found.get(("cue", factor_id, sid), []) or paraphrased.get((factor_id, sid), [])
                     or continued.get((factor_id, sid), []))
            if spans and factor.context and ("context", factor_id, sid) not in found:
                spans = []
            by_actor = [row for row in stances.get(sid, []) if row[0] in factor.actors]
            if not spans and not by_actor:
                continue
            directions, negated = self._sentence_directions(found, factor_id, sid)
            if not directions and not by_actor and spans and all(
                    all(t.ent_type_ in ("NORP", "GPE") for t in span) for span in spans):
                continue  # only a nationality or place named, nothing said about it as a pressure
            actor = None
            if by_actor:
                actor = by_actor[0][0]
                if not directions:
                    directions = [STANCE_DIRECTION[stance] for _, stance, _ in by_actor]
            dismissed = any(is_dismissed(span) for span in spans)
            countered = sorted(set().union(*(counters_of(span) for span in spans))) if spans else []
            if spans and any(is_balanced(span) for span in spans):
                countered.append("balance")  # "dangers as well as gains": both sides in one breath
            if not directions and spans and not by_actor and factor.direction in FLIP and any(is_denied(sp) for sp in spans):
                directions, negated = [FLIP[factor.direction]], True
            elif (not directions and not by_actor and (factor_id, sid) in paraphrased and factor.direction in FLIP
                    and any(is_turned(sp) for sp in spans)):
                directions, negated = [FLIP[factor.direction]], True  # "factories could not spare the stock"
            plain = not directions  # the factor's own sense: no cue, denial or stance read a direction
            distinct = set(directions)
            direction = factor.direction if not distinct else (distinct.pop() if len(distinct) == 1 else "mixed")
            cue_span = spans[0] if spans else None
            cue = cue_span.text if cue_span is not None else f"{actor}: {by_actor[0][2]}"
            hedged = any(hedge_tokens[start:end])
            rows.append({"sentence_id": sid, "factor": factor_id, "direction": direction, "actor": actor,
                         "cue": cue, "negated": negated, "hedged": hedged, "sentence": sentence_text(doc, sid), "dismissed": dismissed, "plain": plain,
                         "countered": ",".join(countered)})
        return rows


def factor_evidence(study, docs: list[Doc], stance_evidence: pd.DataFrame, *, nlp=None) -> pd.DataFrame:
    """One row per (sentence, factor) mention with direction, actor and cue (see ``EVIDENCE_COLUMNS``)."""
    from analysis.nlp.pipeline import build_pipeline

    nlp = nlp or build_pipeline(study.config)
    matcher = FactorMatcher(nlp, study.config)
    rows = []
    by_article: dict[str, list] = {}
    columns = ["article_id", "sentence_id", "actor", "stance", "cue"]
    for article_id, *row in iter_rows(stance_evidence, columns):
        by_article.setdefault(article_id, []).append(tuple(row))
    for (article_id, file), doc in zip(iter_rows(study.articles, ["article_id", "file"]), docs):
        for row in matcher.mentions(doc, by_article.get(article_id, [])):
            rows.append({"article_id": article_id, "file": file, **row})
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return evidence.sort_values(["article_id", "sentence_id"], kind="stable").reset_index(drop=True)


