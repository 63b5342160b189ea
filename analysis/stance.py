"""Stance toward the study's target proposition: who favours, opposes or is undecided, with evidence.

Two spaCy components do the detection (``news_workbook_attribution`` and ``news_workbook_stance``):
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

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc, Token

from analysis.actors import FIRST_PERSON, GENERIC, ActorMapper
from analysis.attribution import subject_of
from analysis.corpus import with_outlet
from analysis.cues import SentenceIndex, cue_matcher, sentence_text
from analysis.frames import iter_rows
from analysis.lexicon import StanceCue, cues_for_study, words

EVIDENCE_COLUMNS = ["article_id", "file", "sentence_id", "holder", "actor", "stance", "cue", "negated", "hedged",
                    "past", "attribution", "sentence", "evidence_id"]
SUMMARY_COLUMNS = ["article_id", "file", "actor", "stance", "n_evidence", "mixed", "cue", "sentence_id", "corrected"]
VERB_ONLY = {"support", "back", "object", "block", "watch", "call for", "ask for", "press for", "push for"}
FLIP = {"favor": "against", "against": "favor", "undecided": "undecided"}

if not Doc.has_extension("stance_claims"):
    Doc.set_extension("stance_claims", default=None)


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


def _is_negated(token: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("det", "advmod") for c in token.children):
        return True
    head = token.head
    return token.dep_ in ("xcomp", "acomp") and any(c.dep_ == "neg" for c in head.children)


CLAUSE_BOUNDARIES = {"advcl", "relcl", "ccomp", "parataxis", "acl", "csubj", "ROOT"}


def clause_of(token: Token) -> Token:
    """The head of the clause a token belongs to (climbing until a clause boundary)."""
    current = token
    while current.dep_ not in CLAUSE_BOUNDARIES and current.head is not current:
        current = current.head
    return current


def _names_someone(token: Token) -> bool:
    """A name or a nationality-marked group ("Ukrainian forces"), not a thing ("air defence systems")."""
    return token.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") or any(
        c.ent_type_ in ("NORP", "GPE") for c in token.children if c.dep_ in ("amod", "compound"))


def _subtree_holds(head: Token, indices: set[int]) -> bool:
    """Whether any token of ``indices`` is in the subtree of ``head`` (walks up from those few
    tokens instead of building the subtree)."""
    doc = head.doc
    return any(i == head.i or head.is_ancestor(doc[i]) for i in indices)


def _governing_chain(token: Token, depth: int = 3) -> list[Token]:
    chain, current = [token], token
    for _ in range(depth):
        if current.head is current:
            break
        current = current.head
        chain.append(current)
    return chain


class StanceDetector:
    """Find stance claims toward the target in a Doc already parsed and attributed."""

    def __init__(self, nlp: Language, name: str, cues: list[list[str]], topic_cues: list[str],
                 reference_cues: list[str]):
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
        if _subtree_holds(clause, topic_tokens):
            return True
        while clause.dep_ in ("ccomp", "conj") and clause.head is not clause:
            clause = clause_of(clause.head) if clause.dep_ == "conj" else clause.head
            if clause.lemma_.lower() in self.reporting:
                return _subtree_holds(clause, topic_tokens)
        return False

    def _claims(self, doc: Doc, sid: int, cue: StanceCue, span, anchor: Token) -> list[Claim]:
        negated = _is_negated(anchor)
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
        chain = _governing_chain(anchor)
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
                                    _is_negated(anchor.head), hedged, past, [(agent.i, "reported")]))
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
                    if objects and (preposition != "for" or _names_someone(objects[0])):
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
                  default_config={"cues": [], "topic_cues": [], "reference_cues": []})
def make_stance(nlp: Language, name: str, cues: list[list[str]], topic_cues: list[str],
                reference_cues: list[str]) -> StanceDetector:
    """Factory: ``cues`` is a list of [cue, stance, negated_stance]."""
    return StanceDetector(nlp, name, cues, topic_cues, reference_cues)


_COMPONENTS: dict[tuple, list] = {}


def stance_components(nlp: Language, config) -> list:
    """The attribution and stance components for a study, built once per process for ``nlp``."""
    import json

    import analysis.attribution  # noqa: F401 - registers the factory

    cues = [[c.cue, c.stance, c.negated_stance] for c in cues_for_study(config)]
    key = (id(nlp), json.dumps([cues, config.target.topic_cues, config.target.reference_cues]))
    if key not in _COMPONENTS:
        _COMPONENTS[key] = _build_stance_components(nlp, config, cues)
    return _COMPONENTS[key]


def _build_stance_components(nlp: Language, config, cues: list) -> list:
    return [
        nlp.create_pipe("news_workbook_attribution"),
        nlp.create_pipe("news_workbook_stance", config={
            "cues": cues, "topic_cues": list(config.target.topic_cues),
            "reference_cues": list(config.target.reference_cues)}),
    ]


def stance_evidence(study, docs: list[Doc], mentions: pd.DataFrame, *, nlp=None) -> pd.DataFrame:
    """One row per stance claim mapped to an actor (see ``EVIDENCE_COLUMNS``)."""
    from analysis.nlp import build_pipeline

    nlp = nlp or build_pipeline(study.config)
    components = stance_components(nlp, study.config)
    mapper = ActorMapper(study.config, mentions)
    rows = []
    for (article_id, file), doc in zip(iter_rows(study.articles, ["article_id", "file"]), docs):
        for component in components:
            doc = component(doc)
        article_mentions = mapper.article_mentions(article_id)
        for claim in doc._.stance_claims:
            for actor, holder_text, attribution in _mapped_holders(claim, doc, mapper, article_mentions):
                rows.append({
                    "article_id": article_id, "file": file, "sentence_id": claim.sentence_id,
                    "holder": holder_text, "actor": actor, "stance": claim.stance, "cue": claim.cue,
                    "negated": claim.negated, "hedged": claim.hedged, "past": claim.past,
                    "attribution": attribution, "sentence": sentence_text(doc, claim.sentence_id),
                    "_order": claim.cue_start,
                })
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS[:-1] + ["_order"])
    # The same actor, cue and stance reached twice (by grammar and by speaker) is one piece of evidence.
    evidence = evidence.drop_duplicates(["article_id", "actor", "stance", "_order"])
    evidence = evidence.sort_values(["article_id", "_order"], kind="stable").drop(columns="_order")
    evidence["evidence_id"] = [f"{a}:{s}:{i}" for i, (a, s) in enumerate(zip(evidence["article_id"],
                                                                            evidence["sentence_id"]))]
    return evidence.reset_index(drop=True)


def _mapped_holders(claim: Claim, doc: Doc, mapper: ActorMapper, article_mentions: list):
    """Actors of a claim: every grammatical holder that maps to an actor (conjuncts), else the speaker."""
    found = []
    speaker_route = claim.holders[-1] if claim.holders and claim.holders[-1][1] in ("indirect", "direct_quote") \
        and len(claim.holders) > 1 else None
    for index, attribution in claim.holders:
        if (index, attribution) == speaker_route and found:
            break
        token = doc[index]
        actor, holder_text = mapper.actor_for(token, article_mentions)
        if actor is None and token.dep_ in ("dobj", "obj") and token.pos_ == "NOUN" \
                and token.head.lemma_.lower() in words("light_verbs") | words("reporting_verbs") | {"release", "issue"}:
            agent = subject_of(token.head)  # "released a statement saying ..." -> who released it
            if agent is not None and agent is not token:
                actor, holder_text = mapper.actor_for(agent, article_mentions)
        if actor is not None:
            found.append((actor, holder_text, attribution))
    return found


def stance_summary(evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, actor): the stance by the summary rule, with how much evidence and mixed."""
    if evidence.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    data = evidence.reset_index(drop=True)
    past, hedged = data["past"].astype(bool), data["hedged"].astype(bool)
    data = data.assign(_rank=(~past).astype(int) + (~past & ~hedged).astype(int), _order=range(len(data)))
    keys = ["article_id", "file", "actor"]
    grouped = data.groupby(keys, sort=False)
    best = data.sort_values(["_rank", "_order"]).groupby(keys, sort=False).tail(1).set_index(keys)
    table = pd.DataFrame({
        "first": grouped["_order"].min(),
        "n_evidence": grouped.size(),
        "mixed": data[~past].groupby(keys, sort=False)["stance"].nunique().gt(1),
    }).join(best[["stance", "cue", "sentence_id"]])
    table["mixed"] = table["mixed"].fillna(False).astype(bool)
    table = table.sort_values("first").reset_index()
    table["sentence_id"] = table["sentence_id"].astype(int)
    table["corrected"] = False
    return table[SUMMARY_COLUMNS]


CORRECTION_STANCES = {"favor", "against", "undecided", "none", "wrong"}


def read_corrections(study, *, strict: bool = True) -> pd.DataFrame:
    """The study's ``corrections.csv`` (article, actor, stance, sentence_id, note), validated.

    ``stance`` favor/against/undecided sets an actor's stance in an article, ``none`` removes it;
    ``wrong`` with a ``sentence_id`` marks that actor's evidence in that sentence as wrong.

    With ``strict=False`` (one partition of a large corpus), rows for articles outside
    ``study.articles`` are skipped instead of refused.

    Raises:
        StudyError: naming the file and line of an invalid row.
    """
    from analysis.errors import StudyError

    path = study.path / "corrections.csv"
    columns = ["article", "actor", "stance", "sentence_id", "note", "line"]
    if not path.exists():
        return pd.DataFrame(columns=columns)
    import csv

    rows = []
    known_articles = set(study.articles["article_id"]) | set(study.articles["file"])
    actors = set(study.config.actor_ids())
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            line = reader.line_num
            article, actor = (row.get("article") or "").strip(), (row.get("actor") or "").strip()
            stance, sentence = (row.get("stance") or "").strip().lower(), (row.get("sentence_id") or "").strip()
            if article not in known_articles and not strict:
                continue
            if article not in known_articles:
                raise StudyError(f"unknown article {article!r} (use a file name or article_id)", file=str(path), line=line)
            if actor not in actors:
                raise StudyError(f"unknown actor {actor!r}; actors: {', '.join(sorted(actors))}", file=str(path), line=line)
            if stance not in CORRECTION_STANCES:
                raise StudyError(f"stance must be one of {', '.join(sorted(CORRECTION_STANCES))}", file=str(path), line=line)
            if stance == "wrong" and not sentence.isdigit():
                raise StudyError("a 'wrong' row needs the sentence_id of the evidence", file=str(path), line=line)
            rows.append({"article": article, "actor": actor, "stance": stance,
                         "sentence_id": int(sentence) if sentence.isdigit() else None,
                         "note": row.get("note") or "", "line": line})
    return pd.DataFrame(rows, columns=columns)


def _article_key(frame: pd.DataFrame, article: str) -> pd.Series:
    return (frame["article_id"] == article) | (frame["file"] == article)


def apply_corrections(evidence: pd.DataFrame, corrections: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Evidence without rows marked wrong, the summary with analysts' stances, and how many results changed."""
    evidence = evidence.copy()
    evidence["corrected"] = False
    n = 0
    for row in corrections[corrections["stance"] == "wrong"].itertuples():
        hit = _article_key(evidence, row.article) & (evidence["actor"] == row.actor) & (
            evidence["sentence_id"] == row.sentence_id)
        n += int(hit.sum())
        evidence.loc[hit, "corrected"] = True
    kept = evidence[~evidence["corrected"]]
    summary = stance_summary(kept)
    for row in corrections[corrections["stance"] != "wrong"].itertuples():
        hit = _article_key(summary, row.article) & (summary["actor"] == row.actor)
        if row.stance == "none":
            n += int(hit.sum())
            summary = summary[~hit]
            continue
        if hit.any():
            summary.loc[hit, ["stance", "corrected"]] = [row.stance, True]
        else:
            match = evidence if _article_key(evidence, row.article).any() else None
            article_id, file = (row.article, row.article)
            if match is not None:
                first = match[_article_key(match, row.article)].iloc[0]
                article_id, file = first["article_id"], first["file"]
            summary = pd.concat([summary, pd.DataFrame([{
                "article_id": article_id, "file": file, "actor": row.actor, "stance": row.stance,
                "n_evidence": 0, "mixed": False, "cue": "analyst correction", "sentence_id": -1,
                "corrected": True}])], ignore_index=True)
        n += 1
    return evidence, summary.reset_index(drop=True), n


def actor_outlet_matrix(summary: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and actor: articles presenting the actor as favor / against / undecided, and the
    net position (favor - against) / articles in [-1, 1]."""
    data = with_outlet(summary, articles)
    table = (data.pivot_table(index=["outlet", "actor"], columns="stance", values="article_id",
                              aggfunc="count", fill_value=0)
             .reindex(columns=["favor", "against", "undecided"], fill_value=0).reset_index())
    total = table[["favor", "against", "undecided"]].sum(axis=1)
    table["articles"] = total
    table["net"] = ((table["favor"] - table["against"]) / total.clip(lower=1)).round(2)
    return table


def voice_by_outlet(evidence: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and actor: evidence quoted directly, paraphrased, reported, or only described."""
    data = with_outlet(evidence, articles)
    table = (data.pivot_table(index=["outlet", "actor"], columns="attribution", values="sentence_id",
                              aggfunc="count", fill_value=0)
             .reindex(columns=["direct_quote", "indirect", "reported", "author"], fill_value=0).reset_index())
    table["voice"] = table.apply(lambda r: "quoted" if r["direct_quote"] else (
        "paraphrased" if r["indirect"] else "described"), axis=1)
    return table


def missing_sides(summary: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: which actors it presents as favor and as against, and which side gets no voice."""
    lists: dict[tuple[str, str], list[str]] = {}
    for article_id, actor, stance in iter_rows(summary, ["article_id", "actor", "stance"]):
        lists.setdefault((article_id, stance), []).append(actor)
    rows = []
    for article_id, file in iter_rows(articles, ["article_id", "file"]):
        favor, against, undecided = (sorted(lists.get((article_id, s), [])) for s in ("favor", "against", "undecided"))
        missing = "against" if favor and not against else "favor" if against and not favor else (
            "both" if not favor and not against else "")
        rows.append({"article_id": article_id, "file": file, "favor": ", ".join(favor),
                     "against": ", ".join(against), "undecided": ", ".join(undecided), "no_voice_for": missing})
    return pd.DataFrame(rows, columns=["article_id", "file", "favor", "against", "undecided", "no_voice_for"])
