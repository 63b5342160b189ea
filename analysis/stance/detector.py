"""Stance toward the study's target proposition: who favours, opposes or is undecided, with evidence.

Two spaCy components (this module and ``analysis.stance.attribution``) do the detection (``news_workbook_attribution`` and ``news_workbook_stance``):
a sentence bears on the target when it holds a topic or reference cue of the study; in such a
sentence every stance cue of the lexicon (matched on lemmas) becomes a claim with its holder,
found through the dependency parse: the subject of a cue verb (through conjunctions, complements
and control), the possessor, "from"/"by" phrase or modifier of a cue noun, the subject of a
support verb ("voiced frustration"; a partitive subject, "several of its lawmakers", through
its "of" object), or else the speaker of the quote or reported clause.
A cue the tagger takes for a noun but that heads a clause with a subject is a verb.
Negation turns a cue to its negated stance ("has not ruled it out" is undecided, "did not refuse"
is no stance), a verb of dismissal turns its object's stance ("dismissed Alpha's warning"),
also when it heads a relative clause on the cue noun ("a warning that X dismissed"),
hedges and past markers are recorded. Holders are then mapped to the study's actors.

Discourse (what is confirmed or disclosed is a fact, never the plan): a one-noun reference cue ("the plan") also matches with a possessive or demonstrative
determiner ("Veldoria's plan", "this plan"); "it"/"this" as an object within two sentences after an on-topic sentence is the plan (and
makes its sentence on-topic, so the reference chains), and so is a position noun dismissed or
rejected there ("dismissed the fears of X") or owned with no complement ("its legal challenge");
a favour/against verb with no object, or with
an addressee and a bare infinitive ("Gamma has also objected", "urged Beta to reconsider"), up to two
sentences after an on-topic sentence bears on it and carries the topic on (a bare definite object,
"queried the timing", counts as none: bridging), and so does a threat ("threatens to close its
borders") in a sentence with no condition, an undecided verb on a decision noun ("still weighing its
choice") and a pledge or offer of money; a cue modifying a topic
noun ("the licence requested by X", "the sites X wants") bears on it. Poll shares: a share phrase
right before a cue makes it a verb held by the population ("six in 10 voters back"); a share limited
to a region ("in the northern regions") gives no public row (ruling S2). Options weighed that
include a withdrawal ("study each option, including quitting") are against. Filing an appeal, a
petition or a suit is a legal challenge (against); the plan as the object of a verb after "rather
than" ("will resign rather than sign it") is refused (against). What is weighed is no position of the weigher,
but a position noun with its own holder ("weighing Gamma's request") stays that holder's, and a
relative clause inside a "whether" clause asserts on its own. A requirement, permission or deadline
("requires that X approve it", "has until March to sign it") is no position of its subject.

Nouns: a noun of force ("pressure") states a position only with what it pushes for; a country's
"opposition" with no complement is its opposition parties; a threat "posed by" X is a danger; "against"
after a noun of protesters or protest is held by them or by whoever wages the protest. Refusals:
backing a refusal of the plan ("supports the decision not to send them", "the chancellor's no") is
against it, opposing one is for it. Judgements ("would be a mistake", "is correct", "makes little
sense") are held by the judge, as predicates of the plan or of a refusal of it.

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
from analysis.stance.actors import FIRST_PERSON, GENERIC, PERSONAL, PROTEST_EVENTS, stance_words
from analysis.stance.attribution import in_dateline, subject_of
from analysis.stance.cues import StanceCue, cues_for_study

VERB_ONLY = {"support", "back", "object", "block", "watch", "call for", "ask for", "press for", "push for", "ask",
             "press", "want", "champion", "question", "fear", "study", "lobby", "sign"}
DEONTIC = {"should", "must", "ought"}
LEGAL_WORDS = stance_words("legal_word")
JUDGING_VERBS = stance_words("judging_verb")
OBJECT_EVALUATIVE = stance_words("object_evaluative")  # judged as objects ("makes sense", "sees little upside")
OPENNESS = {"openness", "open to"}
AGENT_NOUNS = {"supporter", "backer", "proponent", "advocate", "opponent", "critic"}
SHARE_HEADS = {"percent", "cent", "%", "two-thirds", "three-quarters", "majority"}
CONDITION_MARKS = {"if", "unless", "should", "once"}
SHARE_WORDS = {"majority": 60.0, "most": 60.0, "half": 50.0, "two-thirds": 67.0, "three-quarters": 75.0,
               "one-third": 33.0, "one-quarter": 25.0}
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten".split())}
DISCLOSURE_NOUNS = {"comment", "detail", "clarification", "information", "explanation", "reaction"}
THREATS = {"threaten", "threat"}  # a threat right after an on-topic sentence is one against the plan
FILING_VERBS = {"file", "lodge", "submit", "bring"}
CONCESSIVE_PREPOSITIONS = stance_words("concessive_preposition")
CHALLENGE_VERBS = FILING_VERBS | stance_words("challenge_verb")  # "launched a challenge"
LEGAL_FILINGS = {"appeal", "petition", "lawsuit", "suit", "writ", "complaint", "case", "challenge", "injunction"}
MONEY_OFFERS = {"pledge", "promise", "offer"}
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
        self.cue_matcher = cue_matcher(nlp, {cue: [cue] for cue in self.cues}, words_as_lemmas=True)
        # Topic cues match on lemmas and on words; the plural word as well, since the lemmatizer may
        # miss it ("bases" -> "basis" would lose the cue "base").
        plurals = [c + "s" for c in topic_cues if c[-1:].isalpha() and c[-1:].islower() and c[-1] not in "sxzh"]
        self.topic_matcher = cue_matcher(nlp, {"TOPIC": [*topic_cues, *plurals], "REFERENCE": reference_cues})
        # "the plan" also as "Veldoria's plan", "its plan", "this plan": a one-noun reference cue with
        # another definite determiner.
        self.reference_nouns = {c.lower().split()[1] for c in reference_cues
                                if len(c.split()) == 2 and c.lower().startswith("the ")}
        self.hedges = words("hedges")
        self.past = words("past_markers")
        self.light = words("light_verbs")
        self.reporting = words("reporting_verbs")
        self.disclosure = words("disclosure_verbs")
        self.counter = words("counter_attitude_verbs")
        self.reversal = words("reversal_verbs")
        self.diminishers = words("diminishers")
        self.subgroup = words("subgroup_words")
        self.decision_nouns = words("decision_nouns")
        self.force = words("force_nouns")
        self.evaluative = words("evaluative_cues")
        self.protest_heads = words("protest_heads")

    def __call__(self, doc: Doc) -> Doc:
        sentence_of = SentenceIndex(doc)
        topic_tokens = {i for _, start, end in self.topic_matcher(doc) for i in range(start, end)}
        topic_tokens |= self._determined_references(doc)
        on_topic = {sentence_of[i] for i in topic_tokens}
        # Anaphora: "it"/"this" as an object in or within two sentences after an on-topic sentence refers
        # to the plan ("the Omega bloc is against it"); a sentence so resolved carries the reference on
        # ("Many are against it. Gamma is against it too.").
        for token in doc:
            sid = sentence_of[token.i]
            if token.lower_ in ("it", "this") and token.dep_ in ("dobj", "pobj") and (
                    {sid, sid - 1, sid - 2} & on_topic) and token.head.lemma_.lower() not in self.disclosure:
                topic_tokens.add(token.i)
                on_topic.add(sid)
            elif (self._countered_position(token) or self._owned_position(token)) and (
                    {sid - 1, sid - 2} & on_topic):
                topic_tokens.add(token.i)
                on_topic.add(sid)
        on_topic = {sentence_of[i] for i in topic_tokens}
        self._topic = topic_tokens
        claims: list[Claim] = []
        seen: set[tuple[int, str]] = set()
        matches = sorted(self.cue_matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        covered: set[int] = set()
        for key, start, end in matches:
            if any(i in covered for i in range(start, end)):
                continue  # a longer cue already claimed these tokens ("every conceivable outcome")
            sid = sentence_of[start]
            span = doc[start:end]
            cue = self.cues[self.cue_matcher.key(key)]
            anchor = span.root
            declined = self._declined_comment(cue, anchor)
            follows = sid not in on_topic and bool({sid - 1, sid - 2} & on_topic)
            elliptic = follows and cue.stance in ("favor", "against") \
                and (self._objectless(anchor, span) or anchor.lemma_.lower() in THREATS
                     and not any(t.lower_ in CONDITION_MARKS for t in span.sent))
            elliptic = elliptic or follows and (cue.stance == "undecided" and self._pending_decision(anchor, span)
                                                or cue.stance == "favor" and self._bare_reversal(anchor))
            funding = ({sid, sid - 1, sid - 2} & on_topic) and self._money_offer(cue.cue.lower(), anchor)
            carries = elliptic  # only a bare request or verb with no object carries the topic on
            elliptic = elliptic or bool(funding)
            if sid not in on_topic and not declined and not elliptic:
                continue
            if cue.cue.lower() in VERB_ONLY and anchor.pos_ not in ("VERB", "AUX") and not _verbal(anchor) \
                    and not (anchor.pos_ in ("NOUN", "ADV", "ADJ", "ADP") and self._share_head(anchor) is not None):  # "63 percent of voters support ...", misparsed as a noun
                continue
            if not self._admissible(cue.cue.lower(), anchor):
                continue
            covered.update(range(start, end))
            if self._in_condition(anchor):
                continue  # "will resign if the scheme passes": the condition is nobody's position
            if not declined and not elliptic and not self._bears_on_target(anchor, span, topic_tokens):
                continue  # the cue is in a clause that does not bear on the target
            for claim in self._claims(doc, sid, cue, span, anchor):
                marker = (claim.cue_start, tuple(claim.holders), claim.stance)
                if marker not in seen:
                    seen.add(marker)
                    claims.append(claim)
                if carries:
                    on_topic.add(sid)  # an elliptic claim carries the topic on ("Gamma has asked. Delta has asked.")
        for claim in self._conditional_threats(doc, sentence_of, on_topic, topic_tokens):
            marker = (claim.cue_start, tuple(claim.holders), claim.stance)
            if marker not in seen:
                seen.add(marker)
                claims.append(claim)
        for token in doc:
            sid = sentence_of[token.i]
            if sid in on_topic and token.pos_ == "VERB" and (token.lemma_.lower() in ("go", "take") and self._to_court(
                    token) or self._legal_filing(token)) and not self._in_condition(token):
                holder = subject_of(token)
                if holder is not None and holder.pos_ in ("NOUN", "PROPN"):
                    claims.append(Claim(sid, token.text, token.idx, "against", False, False, False,
                                        [(holder.i, "reported")]))
        for token in doc:
            if sentence_of[token.i] in on_topic and self._rather_than(token, topic_tokens):
                holder = self._agent(token.head if token.dep_ == "conj" else token)
                if holder is not None:
                    stance = "favor" if self._reversal(token) else "against"
                    claims.append(Claim(sentence_of[token.i], f"rather than {token.text}", token.idx, stance,
                                        False, False, False, [(holder.i, "reported")]))
        claims.sort(key=lambda c: c.cue_start)
        doc._.stance_claims = claims
        return doc

    def _countered_position(self, token: Token) -> bool:
        """A position noun dismissed, rejected or defied ("dismissed the fears of X", "rejected Beta's
        request"): right after an on-topic sentence, the position is one on the plan (a reference)."""
        cue = self.cues.get(token.lemma_.lower())
        return token.pos_ == "NOUN" and cue is not None and cue.stance in ("favor", "against") \
            and token.dep_ in ("dobj", "obj") and token.head.lemma_.lower() in self.counter

    def _owned_position(self, token: Token) -> bool:
        """A position noun with a possessor and no complement of its own ("its court challenge", "the
        opposition's request"): right after an on-topic sentence, a position already named, on the plan."""
        cue = self.cues.get(token.lemma_.lower())
        return token.pos_ == "NOUN" and cue is not None and cue.stance in ("favor", "against") \
            and any(c.dep_ == "poss" for c in token.children) and not any(c.dep_ in ("prep", "acl", "relcl")
                                                                         for c in token.children)

    def _determined_references(self, doc: Doc) -> set[int]:
        """Tokens of a reference noun ("plan") with a possessive or demonstrative determiner ("Veldoria's
        plan", "its plan", "this plan"): definite like "the plan"."""
        return {t.i for t in doc if t.lower_ in self.reference_nouns and t.pos_ == "NOUN" and any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those")
            for c in t.children)}

    @staticmethod
    def _money_offer(cue: str, anchor: Token) -> bool:
        """A pledge, promise or offer of a sum of money in or right after an on-topic sentence is funding
        for the plan, whatever the clause says it is for ("has offered €9m for freight")."""
        if cue not in MONEY_OFFERS:
            return False
        scope = [c for c in anchor.children if c.dep_ in ("dobj", "obj", "prep", "dative")]
        return any(t.ent_type_ == "MONEY" or t.is_currency for c in scope for t in c.subtree)

    def _exit_option(self, anchor: Token) -> bool:
        """Options weighed that name a withdrawal ("study each option, including quitting the market",
        "consider all steps, even quitting") are a threat against the plan, not indecision."""
        for token in anchor.subtree:
            if token.lower_ in ("including", "even") and token.i > anchor.i:
                for target in token.subtree:
                    if target.i > token.i and target.pos_ in ("VERB", "NOUN") and self._reversal(target):
                        return True
        return False

    def _subgroup(self, anchor: Token) -> bool:
        """A poll share restricted to a part of the country or population: an "in"/"among" phrase on
        the cue, the share or their governors whose noun (or its modifier) is a word of place, or an
        "among" phrase naming a kind of voter ("among young voters", "among the party's supporters")."""
        share = self._share_head(anchor)
        heads = governing_chain(anchor)[:4] + ([share, share.head] if share is not None else [])
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "among", "across"):
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and any(w.lemma_.lower() in self.subgroup or w.lower_ in self.subgroup
                                                  for w in [obj, *obj.children]):
                        return True
                    if obj.dep_ == "pobj" and prep.lower_ == "among" and any(  # "among young voters", "among X's voters"
                            c.dep_ in ("amod", "compound", "poss", "prep") for c in obj.children):
                        return True
        return False

    @staticmethod
    def _objectless(anchor: Token, span=None) -> bool:
        """A stance verb used without object or complement ("Gamma has also objected.") right after an
        on-topic sentence bears on the topic of that sentence (ellipsis)."""
        if anchor.pos_ not in ("VERB", "ADJ") or anchor.dep_ not in ("ROOT", "conj"):
            return False
        bare = ("dobj", "obj", "xcomp", "ccomp", "prep", "dative", "attr", "acomp")
        circumstances = ("despite", "on", "in", "at", "after", "before", "during", "since", "amid")
        own = {t.i for t in span} if span is not None else set()
        if not any(c.dep_ in bare and not (c.dep_ == "prep" and c.lower_ in circumstances)
                   and not _bridging(c) and c.i not in own for c in anchor.children):
            return True
        # "urged Beta to reconsider": an addressee and an infinitive with no object of its own
        complements = [c for c in anchor.children if c.dep_ in ("xcomp", "ccomp")]
        return len(complements) == 1 and complements[0].tag_ == "VB" \
            and not any(c.dep_ in bare for c in complements[0].children) \
            and all(c.dep_ in ("xcomp", "ccomp") or c.dep_ in ("dobj", "obj") and c.pos_ == "PROPN"
                    for c in anchor.children if c.dep_ in bare)

    def _declined_comment(self, cue: StanceCue, anchor: Token) -> bool:
        """"X declined to comment": in a report on the decision, a refusal to comment is about it (ruling S4)."""
        return cue.cue.lower() in ("decline", "refuse") and not is_negated(anchor) and any(
            c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in self.disclosure for c in anchor.children)

    @staticmethod
    def _to_court(verb: Token) -> bool:
        """"go to court", "take the government to court": a legal challenge."""
        return any(c.dep_ == "prep" and c.lower_ == "to" and any(o.lemma_.lower() in ("court", "tribunal")
                                                                  for o in c.children) for c in verb.children)

    @staticmethod
    def _legal_filing(verb: Token) -> bool:
        """"filed a suit in the tribunal", "lodged an appeal": a legal challenge."""
        return verb.lemma_.lower() in FILING_VERBS and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in LEGAL_FILINGS for c in verb.children)

    def _admissible(self, cue: str, anchor: Token) -> bool:
        """Cue-specific grammar: "against" as a predicate or after protest; "ask"/"invite" with a
        to-infinitive; "sign" with the plan as object; "apply" for or to; "afford" with the plan as
        object; "makes sense"; "call" not as naming ("calling the plan unlawful"); "challenge" as a
        challenge brought, not a difficulty."""
        if anchor.pos_ == "VERB" and anchor.dep_ == "amod":
            return False  # an attributive participle ("so-called", "the requested jets") states no position
        if anchor.dep_ in ("dobj", "obj") and self._legal_filing(anchor.head):
            return False  # "lodged an appeal": a legal challenge (against), not a request
        if cue == "sign":  # the plan itself is signed, not a letter about it
            return any(c.dep_ in ("dobj", "obj") and (c.lower_ == "it" or any(
                t.i in self._topic for t in [c, *c.children] if t is c or t.dep_ in ("compound", "amod", "nmod")))
                for c in anchor.children)
        if cue == "against":
            head = anchor.head
            return anchor.dep_ == "prep" and head.lemma_.lower() in self.protest_heads
        if cue in ("ask", "invite"):
            if anchor.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in anchor.children):
                return False  # "Asked about it, 63 per cent said ...": the asker is not a holder
            # "asked Beta to approve it", "invited Beta to vote for it"; "asked Beta in May for access", but
            # not "asked for comment"; "Gamma has asked." alone (ellipsis), but not a question reported
            return any(c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VB" for c in anchor.children) or cue == "ask" and (
                any(c.dep_ == "prep" and c.lower_ == "for" and not any(o.lemma_.lower() in DISCLOSURE_NOUNS
                                                                     for o in c.children) for c in anchor.children)
                or self._bare_request(anchor))
        if cue == "apply":  # "applied for a permit", "applied to build", not "the rule applies to all"
            return any(c.lower_ == "for" and c.dep_ in ("prep", "prt") or c.dep_ in ("xcomp", "advcl") and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in anchor.children)
        if cue == "afford":  # "cannot afford this venture": only with the plan itself as the object
            return any(c.dep_ in ("dobj", "obj") and subtree_holds(c, self._topic) for c in anchor.children)
        if cue == "sense":
            return anchor.head.lemma_.lower() == "make"  # "makes (little) sense"
        if cue == "challenge" and anchor.pos_ == "NOUN":  # a challenge brought, not a difficulty ("a great challenge")
            return any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("to", "against")
                       or c.dep_ in ("amod", "compound") and c.lemma_.lower() in LEGAL_WORDS for c in anchor.children) \
                or anchor.dep_ in ("dobj", "obj") and anchor.head.lemma_.lower() in CHALLENGE_VERBS
        if cue in ("call", "call on"):
            return not any(c.dep_ in ("oprd", "ccomp") for c in anchor.children)
        return True

    def _pending_decision(self, anchor: Token, span) -> bool:
        """An undecided cue on a noun of the decision ("are still weighing their choice", "no decision has yet
        been made"): right after an on-topic sentence, the decision weighed is the one on the plan."""
        nouns = [t for t in span if t.pos_ == "NOUN"] + [c for c in anchor.children if c.dep_ in ("dobj", "obj")]
        return any(t.lower_ in self.decision_nouns and all(c.dep_ in ("det", "poss", "amod") for c in t.children)
                   for t in nouns)

    def _bare_reversal(self, anchor: Token) -> bool:
        """A favour verb whose object is a bare noun of stopping ("favours a freeze", "wants a moratorium"): right
        after an on-topic sentence, the pause is one of that plan (and so against it)."""
        return anchor.pos_ == "VERB" and any(
            c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN" and self._reversal(c)
            and all(g.dep_ in ("det", "amod") for g in c.children) for c in anchor.children)

    def _bare_request(self, anchor: Token) -> bool:
        """A request verb with nothing after it ("Zorblat has asked."): the request is elliptic, on the topic
        of the sentences before; not the report of a question ("'Why now?' she asked.")."""
        sent = anchor.sent
        before = anchor.doc[sent.start - 1] if sent.start > 0 else None
        return self._objectless(anchor) and not any(c.dep_ in ("ccomp", "parataxis", "dobj", "dative") for c in
                                                    anchor.children) \
            and not any(t._.in_quote or t.text in ('"', "?") for t in sent) \
            and not (before is not None and any(t.text == "?" for t in before.sent[-3:]))

    @staticmethod
    def _condition(token: Token) -> Token | None:
        """The conditional clause ("if ...", "unless ...") a token heads, if it heads one."""
        if token.dep_ in ("advcl", "ccomp") and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS
                                                    for c in token.children):  # the parse may make it a ccomp
            return token
        return None

    def _in_condition(self, anchor: Token) -> bool:
        current = anchor
        for _ in range(4):
            if self._condition(current) is not None:
                return True
            if current.dep_ in ("ROOT", "ccomp", "relcl", "parataxis") or current.head.i == current.i:
                return False
            current = current.head
        return False

    def _reversal(self, token: Token) -> bool:
        """A verb (with its particle) or noun of stopping, abandoning, leaving or challenging a plan."""
        lemma = token.lemma_.lower()
        particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
        if lemma in self.reversal or any(f"{lemma} {p}" in self.reversal for p in particles):
            return True
        if token.lower_ == "no" and any(c.dep_ == "poss" for c in token.children):
            return True  # "the chancellor's no": a refusal
        # "the decision not to send them": a decision, choice or position whose content is negated
        # (not "a promise not to block it": not stopping it is no refusal)
        return token.lower_ in self.decision_nouns and any(
            c.dep_ in ("acl", "relcl") and any(g.dep_ == "neg" for g in c.children)
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            and not (c.lemma_.lower() in self.reversal or any(
                f"{c.lemma_.lower()} {p.lower_}" in self.reversal for p in c.children if p.dep_ == "prt"))
            for c in token.children)

    def _reversal_target(self, anchor: Token) -> bool:
        """A request, wish or welcome whose object is to stop the plan ("urged Beta to drop it", "favours a
        freeze", "welcomed the delay", "called on Beta to block it")."""
        against = {c for c, cue in self.cues.items() if cue.stance == "against"}
        candidates = list(anchor.children)
        candidates += [g for c in anchor.children if c.dep_ in ("dobj", "pobj")
                       or c.dep_ == "prep" and c.lower_ in ("for", "on", "to") for g in c.children]
        candidates = [c for c in candidates if not (c.dep_ == "prep" and c.lower_ not in ("for", "on", "to"))]
        for child in candidates:
            if (child.dep_ == "xcomp" or child.dep_ == "ccomp" and child.tag_ == "VB") and child.head.i >= anchor.i - 1:
                if self._reversal(child) or child.lemma_.lower() in against:
                    return True
                if any(o.dep_ in ("dobj", "obj") and self._reversal(o) for o in child.children):
                    return True
            if child.dep_ in ("dobj", "obj", "pobj", "nsubjpass") and child.pos_ != "VERB" and self._reversal(child):
                return True  # "welcomed the delay", "X's refusal is supported by Y"
        return False

    def _judged(self, anchor: Token) -> list[Token]:
        """What a predicate judgement judges: the subject of its "be", or the object of "call"/"consider"."""
        return [c for c in anchor.head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "dobj") and c.i != anchor.i]

    def _judges_the_plan(self, anchor: Token) -> bool:
        """The judged thing holds the plan or is a refusal of it ("sending them would be a mistake", "the
        no is correct"), not a report about it ("reports that X will send them are correct")."""
        def report(noun: Token) -> bool:  # a noun with a "that" clause: a fact or claim about the plan
            return any(c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" for g in c.children) for c in noun.children)

        return any(self._reversal(c) or c.lower_ in ("it", "this")
                   or subtree_holds(c, self._topic) and not report(c) for c in self._judged(anchor))

    def _judges_a_refusal(self, anchor: Token) -> bool:
        """The judged subject is a refusal of the plan ("the chancellor's no is correct", "called the
        veto a mistake")."""
        return any(self._reversal(c) for c in self._judged(anchor))

    def _refusal_object(self, anchor: Token) -> bool:
        """A verb of opposing whose object is a refusal of the plan ("criticised the decision not to
        send them", "attacked the chancellor's veto", "the refusal was condemned by X"): it opposes
        the refusal, so it favours the plan."""
        return anchor.pos_ == "VERB" and any(
            c.dep_ in ("dobj", "obj", "nsubjpass") and c.pos_ != "VERB" and self._reversal(c) for c in anchor.children)

    @staticmethod
    def _rather_than(verb: Token, topic_tokens: set[int]) -> bool:
        """"will leave the cabinet rather than sign it": the plan as the object of a verb after
        "rather than" is what the subject refuses (or, for a verb of stopping, what it keeps)."""
        if verb.pos_ != "VERB" or not any(o.dep_ in ("dobj", "obj") and subtree_holds(o, topic_tokens)
                                          for o in verb.children):
            return False
        marks = [c for c in verb.children if c.dep_ in ("cc", "mark", "prep") and c.lower_ == "than"]
        return any(m.i > 0 and m.doc[m.i - 1].lower_ == "rather" for m in marks) or (
            verb.i > 1 and verb.doc[verb.i - 1].lower_ == "than" and verb.doc[verb.i - 2].lower_ == "rather")

    @staticmethod
    def _agent(verb: Token) -> Token | None:
        """The subject of a verb as a holder: a noun, or the speaker of the clause for "it"/"we"."""
        holder = subject_of(verb)
        if holder is None or holder.pos_ not in ("NOUN", "PROPN", "PRON"):
            return None
        if holder.pos_ == "PRON" and holder.lower_ in FIRST_PERSON | GENERIC and verb._.speaker is not None:
            return verb.doc[verb._.speaker]
        return holder

    def _conditional_threats(self, doc: Doc, sentence_of, on_topic: set[int], topic_tokens: set[int]) -> list[Claim]:
        """"X will quit the cabinet if the scheme passes": a step of withdrawal or challenge (or a
        refusal) announced for the case that the plan goes ahead is X against it; announced for the case
        that it is blocked ("if the veto stands"), X for it."""
        claims = []
        against = {c for c, cue in self.cues.items() if cue.stance == "against"}
        for token in doc:
            condition = self._condition(token)
            if condition is None or sentence_of[token.i] not in on_topic or not subtree_holds(condition, topic_tokens):
                continue
            main = condition.head
            if main.pos_ not in ("VERB", "AUX") or main.lemma_.lower() in self.cues:
                continue
            chain = governing_chain(main)
            modal = any(c.lower_ in ("will", "would", "wo", "'ll", "shall") for t in chain[:2] for c in t.children
                        if c.dep_ == "aux") or any(t.lemma_.lower() in ("threaten", "vow", "warn", "pledge")
                                                   for t in chain[1:3])
            if not modal or not (self._reversal(main) or is_negated(main) or self._to_court(main)):
                continue
            holder = subject_of(main)
            if holder is None or holder.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            if holder.pos_ == "PRON" and (holder.lower_ in FIRST_PERSON | GENERIC) and main._.speaker is not None:
                holder = doc[main._.speaker]
            blocked = any(t.dep_ == "neg" or t.lemma_.lower() in against for t in condition.subtree)
            chain_text = doc[main.i:main.i + 1]
            claims.append(Claim(sentence_of[main.i], chain_text.text, chain_text.start_char,
                                "favor" if blocked else "against", False, False, False, [(holder.i, "reported")]))
        return claims

    def _bears_on_target(self, anchor: Token, span, topic_tokens: set[int]) -> bool:
        """A topic or reference cue is in the cue's clause, or in the report that clause belongs to."""
        if any(t.i in topic_tokens for t in span):
            return True
        if anchor.dep_ in ("acl", "relcl") and any(t.i in topic_tokens for t in anchor.head.subtree
                                                   if t.i < anchor.left_edge.i or t.i == anchor.head.i):
            return True  # the cue modifies a topic noun: "the licence requested by X", "the sites X wants"
        clause = clause_of(anchor)
        if subtree_holds(clause, topic_tokens):
            return True
        while clause.dep_ in ("ccomp", "conj") and clause.head.i != clause.i:
            clause = clause_of(clause.head) if clause.dep_ == "conj" else clause.head
            if clause.lemma_.lower() in self.reporting:
                return subtree_holds(clause, topic_tokens)
        return False

    def _under_deliberation(self, anchor: Token) -> bool:
        """A cue that is the matter weighed ("weighing a veto", "has not excluded any step, including a
        veto", "decide whether to approve") states no position."""
        holder = self._noun_holder(anchor) if anchor.pos_ == "NOUN" else None
        if holder is not None and holder.pos_ != "PRON" and holder.head.i != holder.i and anchor.is_ancestor(holder):
            return False  # "weighing Gamma's request": the request is Gamma's position, whoever weighs it
        current = anchor
        for _ in range(5):
            if any(c.dep_ == "mark" and c.lower_ == "whether" for c in current.children):
                return True
            if current.dep_ in ("ROOT", "relcl") or current.head.i == current.i:
                return False  # a relative clause asserts on its own ("whether X, which has applied, ...")
            if current.dep_ == "conj" and current.pos_ in ("VERB", "AUX"):
                return False  # so does a conjoined clause ("it is studied and nothing is settled")
            current = current.head
            lemma = current.lemma_.lower()
            cue = self.cues.get(lemma)
            if lemma in self.disclosure and current.dep_ == "xcomp" and current.head.lemma_.lower() in (
                    "decline", "refuse"):
                return True  # "declined to comment on how she would rule on the matter"
            if cue is not None and cue.stance == "undecided" or lemma == "rule" and any(
                    c.dep_ == "prt" and c.lower_ == "out" for c in current.children):
                return True
        return False

    def _infinitive_content(self, anchor: Token) -> bool:
        """A to-infinitive that is the content of another cue ("wants parliament to approve it": the
        want is the stance, parliament is addressed) or that modifies a noun ("has ten weeks to sign it",
        "little scope to veto it") states no position of its own subject; so does a bare subjunctive
        after a cue ("demanded the cabinet reject it": the demand is the stance)."""
        if anchor.dep_ == "ccomp" and anchor.tag_ == "VB" and anchor.head.lemma_.lower() in self.cues \
                and not any(c.dep_ == "aux" for c in anchor.children):
            return True
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children):
            return False
        if anchor.dep_ in ("acl", "relcl") and anchor.head.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ == "nsubj" for c in anchor.children):
            return True
        if anchor.dep_ == "advcl" and not any(c.dep_ == "nsubj" for c in anchor.children) and anchor.i >= 2 \
                and anchor.doc[anchor.i - 2].pos_ == "NOUN" and anchor.doc[anchor.i - 2].dep_ in ("dobj", "obj") \
                and anchor.doc[anchor.i - 2].head.i == anchor.head.i:
            return True  # "gave her little scope to veto it": the infinitive is the noun's, parsed as a clause
        return anchor.dep_ in ("ccomp", "xcomp") and anchor.head.lemma_.lower() in self.cues \
            and (any(c.dep_ == "nsubj" for c in anchor.children) or any(c.dep_ == "dobj" for c in anchor.head.children))

    def _claims(self, doc: Doc, sid: int, cue: StanceCue, span, anchor: Token) -> list[Claim]:
        if self._under_deliberation(anchor) or self._infinitive_content(anchor) or _modal_complement(anchor):
            return []
        if anchor.pos_ == "NOUN" and (self._bare_force(anchor) or _group_name(anchor) or _danger(anchor)):
            return []
        lemma = anchor.lemma_.lower()
        if lemma in self.evaluative and lemma not in OBJECT_EVALUATIVE and (
                anchor.dep_ not in ("acomp", "attr", "oprd") or not self._judges_the_plan(anchor)):
            return []  # a judgement only as a predicate ("the right to" is none), and of the plan or a refusal of it
        if cue.stance == "undecided" and self._caused_shift(anchor):
            return []
        # a cue that holds its own negator ("no decision", "no indication") is not negated by it
        own_negator = any(t.lower_ in ("no", "not", "never") for t in span)
        negated = is_negated(anchor) and not own_negator or anchor.pos_ == "NOUN" and any(
            c.dep_ in ("amod", "det") and c.lemma_.lower() in self.diminishers for c in anchor.children)
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
        if lemma in self.evaluative and self._judges_a_refusal(anchor):
            stance = FLIP[stance]  # "the refusal is correct": against the plan
        elif stance == "favor" and cue.stance == "favor" and self._reversal_target(anchor):
            stance = "against"
        elif stance == "against" and cue.stance == "against" and self._refusal_object(anchor):
            stance = "favor"
        if stance == "undecided" and self._exit_option(anchor):
            stance = "against"  # "will study each option, including quitting": a threat of exit
        if stance == "favor" and cue.cue.lower() in OPENNESS and any(
                t.pos_ == "VERB" and (c := self.cues.get(t.lemma_.lower())) is not None and c.stance == "undecided"
                for t in span.sent):
            stance = "undecided"  # ruling S1: open to it while still deciding
        chain = governing_chain(anchor)
        hedged = any(t.lemma_.lower() in self.hedges for t in chain[:3] for t in [t, *t.children]
                     if t.dep_ in ("aux", "advmod", "amod") or t.i == anchor.i)
        past = any(c.lower_ in self.past for t in chain[:3] for c in t.children
                   if c.dep_ in ("advmod", "npadvmod", "prep", "advcl")) or span.sent[0].lower_ in self.past \
            or self._past_perfect(anchor)
        holders = [h for h in self._holders(anchor) if not self._in_dateline(doc[h[0]])]
        if holders and holders[0][0] in self._topic and anchor.pos_ in ("VERB", "AUX") \
                and doc[holders[0][0]].pos_ == "NOUN" and not doc[holders[0][0]].ent_type_:
            return []  # the plan itself "needs" or "requires" something: a condition of it, nobody's stance
        if any(self._minority_share(doc[h]) for h, _ in holders):
            return []  # ruling S2: a minority share of a poll gives no position of the public
        if self._share_head(anchor) is not None and self._subgroup(anchor):
            return []  # ruling S2: only the headline share speaks for the public, not a region's
        if anchor._.in_quote and anchor._.speaker is not None:
            holders = [(h, "direct_quote") for h, _ in holders]
        claims = [Claim(sid, span.text, span.start_char, stance, negated, hedged, past, holders)] if holders else []
        # Dismissing a warning is favouring what was warned against; also in a relative clause on the
        # warning ("a warning that bankers dismissed as a ploy").
        counters = [anchor.head] if anchor.dep_ in ("dobj", "obj") else []
        counters += [c for c in anchor.children if c.dep_ == "relcl" and not any(
            o.dep_ in ("dobj", "obj") and o.lower_ not in ("that", "which") for o in c.children)]
        for counter in counters:
            if counter.lemma_.lower() not in self.counter:
                continue
            agent = subject_of(counter)
            if agent is not None and agent.lower_ not in ("that", "which"):
                claims.append(Claim(sid, f"{counter.text} … {span.text}", counter.idx, FLIP[stance],
                                    is_negated(counter), hedged, past, [(agent.i, "reported")]))
        return claims

    def _bare_force(self, noun: Token) -> bool:
        """"pressure from X" with nothing saying what it pushes for: no stance ("pressure from X to
        send arms" and "pressure on Y to approve" are)."""
        if noun.lemma_.lower() not in self.force or any(c.dep_ == "prep" and c.lower_ == "for" for c in noun.children):
            return False
        above = {noun.i, *(t.i for t in noun.ancestors)}  # the parse may hang "to send" on the verb above
        return not any(t.i > noun.i and t.dep_ in ("acl", "relcl", "advcl", "xcomp") and t.head.i in above
                       and any(g.dep_ == "aux" and g.lower_ == "to" for g in t.children) for t in noun.sent)

    def _caused_shift(self, verb: Token) -> bool:
        """"X's deployment has shifted that stance": a change verb on someone's position (a decision noun
        with no possessor) whose subject is an event, not someone - the event caused the change, it
        holds no position. An event here is a common noun carrying its own agent ("X's deployment",
        "the attack by X")."""
        if verb.pos_ not in ("VERB", "AUX") or not any(
                c.dep_ in ("dobj", "obj") and c.lower_ in self.decision_nouns
                and not any(g.dep_ == "poss" for g in c.children) for c in verb.children):
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.pos_ == "NOUN" and not subject.ent_type_ and any(
            c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("of", "by") for c in subject.children)

    @staticmethod
    def _past_perfect(anchor: Token) -> bool:
        """A past perfect is an earlier state. Its auxiliary also scopes the object noun of its verb and
        a conjoined verb with no subject or auxiliary of its own ("had expressed openness but wanted ...")."""
        verb = anchor
        while verb.dep_ in ("dobj", "obj", "pobj", "prep") and verb.head.i != verb.i:
            verb = verb.head  # a noun cue takes the tense of the verb it is the object of
        verbs = [verb]
        if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children):
            verbs.append(verb.head)
        return any(c.dep_ == "aux" and c.lower_ == "had" for v in verbs for c in v.children)

    def _holders(self, anchor: Token) -> list[tuple[int, str]]:
        """Holder heads of a cue (conjuncts included), best first, and how each was found; the
        speaker of the clause comes last, as the route used when the grammar names no actor."""
        head = None
        how = "reported"
        share = self._share_head(anchor)
        if share is not None:
            return [(share.i, how)]
        if anchor.lower_ == "against" and anchor.head.pos_ in ("NOUN", "PROPN") and anchor.head.lemma_.lower() != "case":
            noun = anchor.head  # "activists against the mine", "a movement against it": the noun holds it ...
            if noun.lemma_.lower() in PROTEST_EVENTS and noun.dep_ in ("dobj", "obj"):
                agent = subject_of(noun.head)  # ... unless someone wages it: "X widened its campaign against it"
                if agent is not None and agent.pos_ != "PRON" and not subtree_holds(agent, self._topic):
                    return [(agent.i, how)]  # (not the plan itself: "the deal revived a movement against it")
            return [(noun.i, how)]
        if anchor.lemma_.lower() in self.evaluative:
            # "the plan makes little sense, X said": the subject is what is judged; the judge holds it -
            # whoever thinks, finds or calls it so, else the speaker.
            for verb in (anchor.head, anchor.head.head):
                judge = subject_of(verb) if verb.lemma_.lower() in JUDGING_VERBS and verb.i != anchor.i else None
                if judge is not None and judge.pos_ != "PRON":
                    return [(judge.i, "reported")]
            speaker = anchor._.speaker
            return [(speaker, "direct_quote" if anchor._.in_quote else "indirect")] if speaker is not None else []
        if anchor.pos_ in ("NOUN", "PROPN", "NUM") and not _verbal(anchor):
            how = "author"
            head = self._noun_holder(anchor)
            if anchor.lemma_.lower() in AGENT_NOUNS:
                # "opponents say ...": the noun is its own holder, never the speaker of the clause
                return [(head.i, how)] if head is not None else []
        else:
            head = _partitive(subject_of(anchor))
            if head is not None and head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
                head = None
        if head is not None and anchor._.in_quote and head.lower_ in ("it", "they"):
            return []  # in a quote, "it"/"they" is someone the speaker talks about, not the speaker
        if any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in anchor.children) and head is not None:
            head = None  # "Beta should approve it": a recommendation by whoever says so, not Beta's stance
            if anchor._.speaker is None:
                return [(anchor.i, "recommendation")]  # the author's: a row only for a think tank (S3)
        if head is not None and head.pos_ == "PRON" and head.lower_ in FIRST_PERSON | (GENERIC - {"its", "their"}):
            head = None  # the speaker holds it
        speaker = anchor._.speaker
        if head is not None and head.lower_ in PERSONAL and speaker is not None \
                and anchor.doc[speaker].pos_ in ("PROPN", "NOUN") and not self._in_dateline(anchor.doc[speaker]):
            head = None  # "Smith said she is against it": the pronoun is the speaker
        relational = how == "author" and self.cues.get(anchor.lemma_.lower(), None) is not None \
            and self.cues[anchor.lemma_.lower()].stance == "favor"
        if how == "author" and head is None and anchor.dep_ == "pobj" and anchor.head.lower_ in CONCESSIVE_PREPOSITIONS:
            return []  # "despite the public's opposition, X said ...": the opposition is not the speaker's
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
    def _share_head(anchor: Token) -> Token | None:
        """The share of a poll a cue hangs on ("63 percent in favour", "23 percent opposed")."""
        doc = anchor.doc
        for i in range(anchor.i - 1, max(anchor.sent.start, anchor.i - 3) - 1, -1):
            if doc[i].is_punct or doc[i].pos_ in ("CCONJ", "SCONJ", "VERB"):
                break
            if doc[i].lower_ in SHARE_HEADS:
                return doc[i]  # "23 percent opposed", "36 per cent are against", "two-thirds of voters back"
        # "six in 10 voters back ...", "two-thirds of voters back ...": a share phrase right before the cue
        # (the parse may tag the cue as anything); the population noun holds it.
        start = _phrase_start(anchor)
        before = doc[anchor.i - 1] if anchor.i > anchor.sent.start else None
        if start < anchor.i and before is not None and before.pos_ in ("NOUN", "PROPN") \
                and (before.tag_ in ("NNS", "NNPS") or before.ent_type_ == "NORP") \
                and share_value(doc[start:anchor.i].text.lower()) is not None:
            subject = [c for c in anchor.children if c.dep_ == "nsubj" and start <= c.i < anchor.i]
            return subject[0] if subject else before  # "seven in 10 townsfolk of X oppose": the townsfolk
        if anchor.pos_ == "NOUN" and anchor.dep_ == "pobj" and anchor.head.lower_ == "of":
            return None  # "90% of the region's needs": the noun is what the share measures, not a stance of it
        current = anchor
        for _ in range(2):
            if current.dep_ not in ("prep", "amod", "acl", "conj", "appos", "advmod", "pobj", "npadvmod"):
                return None
            current = current.head
            if current.lemma_.lower() in ("percent", "cent", "%") or current.lower_ in ("percent", "cent", "%"):
                return current
        return None

    @staticmethod
    def _in_dateline(token: Token) -> bool:
        """A wire dateline ("CITY (Agency) -") opening a sentence is never a holder."""
        return in_dateline(token)

    @staticmethod
    def _minority_share(token: Token) -> bool:
        """Whether a holder phrase is a poll share below half ("nearly two in 10 voters", "23 percent")."""
        doc = token.doc
        start = min(token.left_edge.i, _phrase_start(doc[token.i + 1]) if token.i + 1 < len(doc) else token.i)
        if token.lower_ in SHARE_HEADS:  # the figure of "36 per cent" may hang elsewhere in the parse
            start = min(start, max(token.sent.start, token.i - 3))
        phrase = doc[start:token.i + 1].text.lower()
        value = share_value(phrase)
        return value is not None and value < 50

    @staticmethod
    def _generic(token: Token) -> bool:
        return token.lower_ in GENERIC and not any(c.dep_ in ("amod", "compound", "poss") or c.dep_ == "prep"
                                                   and c.lower_ == "of" for c in token.children)

    def _noun_holder(self, noun: Token) -> Token | None:
        if noun.lemma_.lower() in AGENT_NOUNS:
            # "X is the scheme's staunchest supporter": the holder is who the noun describes, not the possessor.
            if noun.dep_ in ("attr", "oprd"):
                return subject_of(noun.head)
            if noun.dep_ == "appos":
                return noun.head
            return noun if noun.dep_ in ("nsubj", "nsubjpass") else None
        for child in noun.children:
            if child.dep_ == "poss":
                if child.pos_ == "PRON" and child.lower_ in ("its", "their", "his", "her", "our", "my"):
                    if child.lower_ in ("his", "her"):
                        return child
                    return subject_of(noun.head) if noun.dep_ in ("dobj", "pobj", "nsubj") else None
                return child
        for preposition in ("from", "by", "for", "of"):
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == preposition:
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and (preposition not in ("for", "of") or names_someone(objects[0])
                                    or preposition == "of" and objects[0].tag_ in ("NNS", "NNPS")):
                        return objects[0]
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod") and (child.ent_type_ or child.pos_ == "PROPN"):
                return child
        governor = noun.head
        if noun.dep_ in ("dobj", "obj", "attr") and governor.lemma_.lower() in self.light | self.reporting:
            return subject_of(governor)
        if noun.dep_ == "pobj" and governor.dep_ == "prep" and governor.head.dep_ in ("dobj", "obj"):
            # "a set of demands": climb to the verb whose object holds the noun.
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


# Verbs whose complement is a requirement or a permission, not a position of its subject.
MODAL_VERBS = {"require", "oblige", "compel", "force", "mandate", "allow", "permit", "enable", "empower",
               "authorise", "authorize"}


def _modal_complement(anchor: Token) -> bool:
    """"requires that the Council ratify it", "allows the cabinet to sign it", "has until March to sign
    it": the clause is a requirement, a permission or a deadline, no position of its subject."""
    if anchor.dep_ not in ("ccomp", "xcomp"):
        return False
    head = anchor.head.lemma_.lower()
    return head in MODAL_VERBS or head == "have" and anchor.head.pos_ == "VERB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children)


GROUP_NAMING = {"opposition"}  # a stance noun that also names a group ("the country's opposition")
POSITION_PREPOSITIONS = {"to", "against", "toward", "towards", "over", "from"}


def _group_name(noun: Token) -> bool:
    """"Veldoria's opposition" with no "to ..." names the country's opposition parties, not a stance."""
    return noun.lemma_.lower() in GROUP_NAMING and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in noun.children) \
        and not any(c.dep_ == "prep" and c.lower_ in POSITION_PREPOSITIONS for c in noun.children)


def _danger(noun: Token) -> bool:
    """"the threats posed by X": a danger X poses, not a position X takes."""
    return any(c.dep_ == "acl" and c.lemma_.lower() == "pose" for c in noun.children)


def _verbal(token: Token) -> bool:
    """A word tagged as a noun that heads a clause with a subject ("Fishermen fear being kept out"):
    a verb the tagger missed."""
    return token.pos_ == "NOUN" and token.dep_ in ("ROOT", "conj", "ccomp") and token.tag_ in ("NN", "NNS") \
        and any(c.dep_ == "nsubj" and c.i < token.i for c in token.children) \
        and not any(c.dep_ == "det" for c in token.children)


def _partitive(token: Token | None) -> Token | None:
    """The group of a partitive quantifier ("several of its lawmakers", "some of them"): the "of" object."""
    if token is None or token.pos_ not in ("ADJ", "DET", "NUM", "PRON") or token.ent_type_:
        return token
    groups = [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
              if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN", "PRON")]
    return groups[0] if groups else token


def _bridging(token: Token) -> bool:
    """A bare definite object ("have questioned the cost", "criticised the timing"): a singular common
    noun with only "the" refers to an aspect of what the previous sentence names (bridging anaphora)."""
    return token.dep_ in ("dobj", "obj") and token.tag_ == "NN" and not token.ent_type_ \
        and [c.lower_ for c in token.children] == ["the"]


def _phrase_start(token: Token, width: int = 6) -> int:
    """Start of the run of up to ``width`` words before ``token`` with no punctuation, verb or conjunction."""
    start = token.i
    for i in range(token.i - 1, max(token.sent.start, token.i - width) - 1, -1):
        t = token.doc[i]
        if t.is_punct and t.text != "-" or t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ"):
            break
        start = i
    return start


def share_value(text: str) -> float | None:
    """The share in per cent a phrase gives ("63 percent", "four in 10", "two in three", "a majority")."""
    import re

    found = re.search(r"(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)", text)
    if found:
        return float(found.group(1))
    found = re.search(r"\b(\w+)[- ](?:in|out of)[- ](\w+)\b", text)
    if found:
        numbers = [NUMBER_WORDS.get(w, int(w) if w.isdigit() else None) for w in found.groups()]
        if None not in numbers and numbers[1]:
            return 100.0 * numbers[0] / numbers[1]
    for word, value in SHARE_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            return value
    return None


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
