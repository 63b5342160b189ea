"""Stance toward the study's target proposition: who favours, opposes or is undecided, with evidence.

Two spaCy components (this module and ``analysis.stance.attribution``) do the detection (``news_workbook_attribution`` and ``news_workbook_stance``):
a sentence bears on the target when it holds a topic or reference cue of the study; in such a
sentence every stance cue of the lexicon (matched on lemmas) becomes a claim with its holder,
found through the dependency parse: the subject of a cue verb (through conjunctions, complements
and control), the possessor, "from"/"by" phrase or modifier of a cue noun, the subject of a
support verb ("expressed dissatisfaction"), or else the speaker of the quote or reported clause.
Negation turns a cue to its negated stance ("has not ruled out" is undecided, "did not refuse"
is no stance), a verb of dismissal turns its object's stance ("dismissed Russia's warning"),
hedges and past markers are recorded. Holders are then mapped to the study's actors.

Summary rule: an actor's stance in an article is that of its latest evidence in article order
among present, unhedged statements (then present hedged ones, then past ones); ``mixed`` records
that its present evidence holds more than one stance.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from analysis.nlp.docs import SentenceIndex, cue_matcher
from analysis.nlp.grammar import (
    clause_of,
    governing_chain,
    is_negated,
    names_someone,
    subtree_holds,
)
from analysis.resources import word_set as words
from analysis.stance.actors import FIRST_PERSON, GENERIC
from analysis.stance.attribution import subject_of
from analysis.stance.cues import StanceCue, cues_for_study

VERB_ONLY = {"support", "back", "object", "block", "watch", "call for", "ask for", "press for", "push for"}
FLIP = {"favor": "against", "against": "favor", "undecided": "undecided"}

@dataclass
class Claim:
    """A stance cue in an on-topic sentence with the token that holds it."""

    sentence_id: int
    cue: str
    cue_start: int
    stance: str
    negated: bool
    hedged: bool
    past: bool
    holders: list[tuple[int, str]]  # candidate holder heads (token index, attribution), best first


class StanceDetector:
    """Find stance claims toward the target in a Doc already parsed and attributed."""

    def __init__(self, nlp: Language, name: str, cues: list[list[str]], topic_cues: list[str],
                 reference_cues: list[str]):
        if not Doc.has_extension("stance_claims"):
            Doc.set_extension("stance_claims", default=None)
        self.name = name
        self.cues = {c[0].lower(): StanceCue(c[0], c[1], c[2]) for c in cues}
        self.cue_matcher = cue_matcher(nlp, {cue: [cue] for cue in self.cues})
        self.topic_matcher = cue_matcher(nlp, {"TOPIC": topic_cues, "REFERENCE": reference_cues})
        self.hedges = words("hedges")
        self.past = words("past_markers")
        self.light = words("light_verbs")
        self.reporting = words("reporting_verbs")
        self.disclosure = words("disclosure_verbs")
        self.counter = words("counter_attitude_verbs")

    def __call__(self, doc: Doc) -> Doc:
        sentence_of = SentenceIndex(doc)
        topic_tokens = {i for _, start, end in self.topic_matcher(doc) for i in range(start, end)}
        on_topic = {sentence_of[i] for i in topic_tokens}
        claims: list[Claim] = []
        seen: set[tuple[int, str]] = set()
        matches = sorted(self.cue_matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        covered: set[int] = set()
        for key, start, end in matches:
            if any(i in covered for i in range(start, end)):
                continue  # a longer cue already claimed these tokens ("all possible scenarios")
            sid = sentence_of[start]
            if sid not in on_topic:
                continue
            span = doc[start:end]
            cue = self.cues[self.cue_matcher.key(key)]
            anchor = span.root
            if cue.cue.lower() in VERB_ONLY and anchor.pos_ not in ("VERB", "AUX"):
                continue
            covered.update(range(start, end))
            if not self._bears_on_target(anchor, span, topic_tokens):
                continue  # the cue is in a clause that does not bear on the target
            for claim in self._claims(doc, sid, cue, span, anchor):
                marker = (claim.cue_start, tuple(claim.holders), claim.stance)
                if marker not in seen:
                    seen.add(marker)
                    claims.append(claim)
        doc._.stance_claims = claims
        return doc

    def _bears_on_target(self, anchor: Token, span, topic_tokens: set[int]) -> bool:
        """A topic or reference cue is in the cue's clause, or in the report that clause belongs to."""
        if any(t.i in topic_tokens for t in span):
            return True
        clause = clause_of(anchor)
        if subtree_holds(clause, topic_tokens):
            return True
        while clause.dep_ in ("ccomp", "conj") and clause.head is not clause:
            clause = clause_of(clause.head) if clause.dep_ == "conj" else clause.head
            if clause.lemma_.lower() in self.reporting:
                return subtree_holds(clause, topic_tokens)
        return False

    def _claims(self, doc: Doc, sid: int, cue: StanceCue, span, anchor: Token) -> list[Claim]:
        negated = is_negated(anchor)
        stance = cue.negated_stance if negated else cue.stance
        complements = [c for c in anchor.children if c.dep_ in ("xcomp", "ccomp")]
        if cue.cue.lower() in ("decline", "refuse", "refusal") and any(
                c.lemma_.lower() in self.disclosure for c in complements):
            stance = "none" if negated else "undecided"  # "declined to comment"
        if cue.stance == "none" and stance == "against" and not any(
                c.lower_ in ("will", "would", "wo", "shall", "can", "ca", "never") for c in anchor.children):
            return []  # "did not send" is past behaviour; "will not send" is a position
        if stance == "none":
            return []
        chain = governing_chain(anchor)
        hedged = any(t.lemma_.lower() in self.hedges for t in chain[:3] for t in [t, *t.children]
                     if t.dep_ in ("aux", "advmod", "amod") or t is anchor)
        past = any(c.lower_ in self.past for t in chain[:3] for c in t.children
                   if c.dep_ in ("advmod", "npadvmod", "prep", "advcl")) or span.sent[0].lower_ in self.past
        holders = self._holders(anchor)
        if anchor._.in_quote and anchor._.speaker is not None:
            holders = [(h, "direct_quote") for h, _ in holders]
        claims = [Claim(sid, span.text, span.start_char, stance, negated, hedged, past, holders)] if holders else []
        # Dismissing a warning is favouring what was warned against.
        if anchor.dep_ in ("dobj", "obj") and anchor.head.lemma_.lower() in self.counter:
            agent = subject_of(anchor.head)
            if agent is not None:
                claims.append(Claim(sid, f"{anchor.head.text} … {span.text}", anchor.head.idx, FLIP[stance],
                                    is_negated(anchor.head), hedged, past, [(agent.i, "reported")]))
        return claims

    def _holders(self, anchor: Token) -> list[tuple[int, str]]:
        """Holder heads of a cue (conjuncts included), best first, and how each was found; the
        speaker of the clause comes last, as the route used when the grammar names no actor."""
        head = None
        how = "reported"
        if anchor.pos_ in ("NOUN", "PROPN", "NUM"):
            how = "author"
            head = self._noun_holder(anchor)
        else:
            head = subject_of(anchor)
            if head is not None and head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
                head = None
        if head is not None and head.pos_ == "PRON" and head.lower_ in FIRST_PERSON | (GENERIC - {"its", "their"}):
            head = None  # the speaker holds it
        relational = how == "author" and self.cues.get(anchor.lemma_.lower(), None) is not None \
            and self.cues[anchor.lemma_.lower()].stance == "favor"
        if head is None or self._generic(head):
            speaker = None if relational else anchor._.speaker
            if speaker is not None:
                return [(speaker, "direct_quote" if anchor._.in_quote else "indirect")]
            return [(head.i, how)] if head is not None else []
        holders = [head] + [c for c in head.conjuncts if c.pos_ in ("NOUN", "PROPN")]
        result = [(h.i, how) for h in holders]
        if anchor._.speaker is not None and not relational:
            result.append((anchor._.speaker, "direct_quote" if anchor._.in_quote else "indirect"))
        return result

    @staticmethod
    def _generic(token: Token) -> bool:
        return token.lower_ in GENERIC and not any(c.dep_ in ("amod", "compound", "poss") for c in token.children)

    def _noun_holder(self, noun: Token) -> Token | None:
        for child in noun.children:
            if child.dep_ == "poss":
                if child.pos_ == "PRON" and child.lower_ in ("its", "their", "his", "her", "our", "my"):
                    if child.lower_ in ("his", "her"):
                        return child
                    return subject_of(noun.head) if noun.dep_ in ("dobj", "pobj", "nsubj") else None
                return child
        for preposition in ("from", "by", "for"):
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == preposition:
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and (preposition != "for" or names_someone(objects[0])):
                        return objects[0]
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod") and (child.ent_type_ or child.pos_ == "PROPN"):
                return child
        governor = noun.head
        if noun.dep_ in ("dobj", "obj", "attr") and governor.lemma_.lower() in self.light | self.reporting:
            return subject_of(governor)
        if noun.dep_ == "pobj" and governor.dep_ == "prep" and governor.head.dep_ in ("dobj", "obj"):
            # "a list of requests": climb to the verb whose object holds the noun.
            verb = governor.head.head
            if verb.lemma_.lower() in self.light | self.reporting:
                return subject_of(verb)
        return None


@Language.factory("news_workbook_stance",
                  default_config={"cues": [], "topic_cues": [], "reference_cues": []},
                  assigns=["doc._.stance_claims"],
                  requires=["doc.sents", "token.dep", "token.lemma", "doc._.quote_flags", "doc._.speakers"])
def make_stance(nlp: Language, name: str, cues: list[list[str]], topic_cues: list[str],
                reference_cues: list[str]) -> StanceDetector:
    """Factory: ``cues`` is a list of [cue, stance, negated_stance]."""
    return StanceDetector(nlp, name, cues, topic_cues, reference_cues)


STAGE = ("news_workbook_attribution", "news_workbook_stance")


def add_stance_stage(nlp: Language, config) -> tuple[str, ...]:
    """Add the study's attribution and stance components to ``nlp``, disabled, so parsing never
    runs them (and the parse cache does not depend on them); ``run_stance_stage`` runs only them."""
    import analysis.stance.attribution  # noqa: F401 - registers the factory

    if STAGE[1] not in nlp.component_names:
        cues = [[c.cue, c.stance, c.negated_stance] for c in cues_for_study(config)]
        nlp.add_pipe(STAGE[0])
        nlp.add_pipe(STAGE[1], config={"cues": cues, "topic_cues": list(config.target.topic_cues),
                                       "reference_cues": list(config.target.reference_cues)})
        for name in STAGE:
            nlp.disable_pipe(name)
    return STAGE


def run_stance_stage(nlp: Language, config, docs) -> list[Doc]:
    """Parsed Docs through the study's attribution and stance components (``nlp.pipe`` with only
    those enabled); each Doc comes back with ``doc._.stance_claims``."""
    stage = add_stance_stage(nlp, config)
    parsing = [name for name in nlp.pipe_names if name not in stage]
    for name in stage:
        nlp.enable_pipe(name)
    try:
        with nlp.select_pipes(disable=parsing):
            return list(nlp.pipe(docs))
    finally:
        for name in stage:
            nlp.disable_pipe(name)
