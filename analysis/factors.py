"""Pressure factors: which pressures each article cites, in which direction, from whom, with evidence.

A factor mention is a sentence where one of the factor's cue phrases matches (spaCy Matcher over
lemmas, the cue's own words also taken as lemmas: "warning" finds "warnings") and, when the factor has
``context`` phrases, one of them too; a paraphrase: a sentence sharing three content lemmas with the
factor's description and cues that neither the topic nor another factor's description uses
("longstanding rules against arming parties to a conflict"); or a sentence where one of the factor's
``actors`` takes a stance (the stance layer's evidence). Direction starts from the factor's default and
is refined by the sentence: ``toward_cues``/``away_cues`` (negation and diminishers such as "limited"
turn them around, a negation inside the cue - "not consulted" - does not; a toward cue governing
another cue takes its direction: "backs a pause"), then the stance of the factor's actor in that
sentence (favor -> toward, against -> away, undecided -> mixed); a cue whose clause only denies the
pressure ("is no obstacle", "will not be banned", "X, not the court") turns the default (ruling
F2). Per article, a factor whose mentions point both ways, or that is dismissed where it is raised
("dismissed the warnings", "so-called", "fears of X are overblown", "..., a warning analysts dismissed")
or countered ("Yes, ...", "..., but not literally", "..., but it misjudges", a next sentence opening with
"But" unless it upholds the point, one two sentences on when the cue is what its sentence states, a
retort such as "Let them."), is ``mixed`` (rulings F1, F3) - except that plain mentions (the factor named
in its own sense) outnumbering contrary readings two to one set the direction, unless the contrary
reading is a denial (``_combined_direction``).
"""

from __future__ import annotations

import pandas as pd
from spacy.tokens import Doc, Span

from analysis.frames import iter_rows
from analysis.nlp.docs import (
    SentenceIndex,
    cue_matcher,
    hashes,
    norms,
    sentence_bounds,
    sentence_text,
)
from analysis.nlp.grammar import clause_of, is_negated
from analysis.resources import word_set as words

EVIDENCE_COLUMNS = ["article_id", "file", "sentence_id", "factor", "direction", "actor", "cue", "negated",
                    "hedged", "sentence", "dismissed", "countered", "plain"]
SUMMARY_COLUMNS = ["article_id", "file", "factor", "direction", "n_evidence", "cue", "sentence_id"]
STANCE_DIRECTION = {"favor": "toward", "against": "away", "undecided": "mixed"}
FLIP = {"toward": "away", "away": "toward", "mixed": "mixed"}


def _turned(span: Span) -> bool:
    """Negated (also by a negative subject: "nothing forbids"), or weakened by a diminisher ("limited
    support", "no appetite"). A negation inside the cue is the cue's own ("not consulted", "no
    consent" as an away cue): it does not turn it."""
    diminishers = words("diminishers")
    root = span.root
    if any(t.dep_ == "neg" or t.lower_ in ("no", "never", "without") for t in span):
        return False
    if is_negated(root):
        return True
    return any(c.lower_ in diminishers or (c.dep_ == "det" and c.lower_ == "no")
               or (c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in NEGATING_SUBJECTS)  # "nothing forbids"
               for c in root.children)


OBJECT_PATH = {"dobj", "pobj", "poss", "compound", "nsubjpass", "prep", "amod", "nmod", "appos", "attr"}


def _dismissed(span: Span) -> bool:
    """The pressure is raised and dismissed in one passage (rulings F1, F3): a word that denies its
    reality or force governs the cue as its object ("waved off the warnings", "the warnings were
    rebuffed") or stands beside it ("the threat is overblown", "the so-called crisis")."""
    denying = words("dismissal_words")
    root = span.root

    def denies(token) -> bool:  # "so-called" is three tokens: the word with its modifiers
        return (token.lemma_.lower() in denying or token.lower_ in denying
                or "".join(t.text for t in token.subtree).lower() in denying)

    current = root
    for _ in range(4):  # up the object path: cue -> of -> warnings -> dismissed
        if current.dep_ not in OBJECT_PATH or current.head.i == current.i:
            break
        current = current.head
        if denies(current):
            return True
    neighbours = list(root.children) + list(root.head.children if root.dep_ in ("nsubj", "nsubjpass") else [])
    if any(denies(token) for token in neighbours if token is not root):
        return True
    return _in_dismissed_subject(root, denies) or _dismissed_by_relative(root, denies)


def _dismissed_by_relative(root, denies) -> bool:
    """The cue, a word above it, or a noun after it summing up the clause (parsers attach it to the
    nearest noun) carries a relative clause that dismisses it ("threatened to freeze the plant, a
    warning that analysts dismissed as a tactic")."""
    nouns = [root, *root.ancestors] + [t for t in root.sent if t.i > root.i and t.pos_ == "NOUN"
                                       and t.dep_ in ("appos", "npadvmod", "dobj")]
    return any(c.dep_ == "relcl" and denies(c) for noun in nouns for c in noun.children)


def _in_dismissed_subject(root, denies) -> bool:
    """The cue lies deep in the subject of a clause whose predicate denies it ("worries about the
    quarry drawing raiders are overblown", "talk of a boycott was dismissed")."""
    for clause in root.ancestors:
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")):
            if subject.left_edge.i <= root.i <= subject.right_edge.i:
                predicate = [clause] + [c for c in clause.children if c.dep_ in ("acomp", "attr", "xcomp", "oprd")]
                if any(denies(token) for token in predicate):
                    return True
    return False


CONTRAST_TOKENS = {"but", "yet", "however"}
OBJECT_DEPS = {"dobj", "xcomp"}
NEGATING_SUBJECTS = {"nothing", "none", "nobody", "neither"}


def _negated_clause(head) -> bool:
    """A clause that says "not": a negation on its verb (or on the verb's complement, "is not to go"),
    or a negative pronoun as its subject."""
    tokens = list(head.children)
    tokens += [g for c in tokens if c.dep_ in ("xcomp", "acomp", "attr") for g in c.children]
    return any(c.dep_ == "neg" or (c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in NEGATING_SUBJECTS)
               for c in tokens)


def _countered(span: Span) -> set[str]:
    """Which ways the cue's sentence raises the pressure and then counters it (ruling F1):
    ``concession`` - the cue sits in a sentence opened by a concessive word and a comma ("Yes, ...",
    "Admittedly, ..."), which grants a point the text goes on to answer (a concessive subordinate
    clause, "while X, Y", is not enough: it often only sets two findings side by side);
    ``contrast`` - after the cue's clause a "but"/"yet" clause says "not" or dismisses ("X deserves to
    be heard, but not obeyed", "X is fair, but the cure is not Y", "X is tempting, but it misjudges"); ``next`` - the next sentence opens with
    "But"/"Yet"/"However" (unless it upholds: "But the risk is real.");
    ``later`` - the sentence after next does so, and the cue is what its sentence states (its main
    verb chain or their subject: "Beta warned of reprisals. It has the means. Yet its threats were
    empty."); ``reply`` - the next sentence is a short retort ("Let them.")."""
    found = set()
    sent, doc = span.sent, span.doc
    concessive = words("concession_markers")
    first = next((t for t in sent if not t.is_punct and not t.is_space
                  and not (t.dep_ == "cc" and t.i < sent.start + 2)), None)  # "And yes, ..." as "Yes, ..."
    if (first is not None and first.lower_ in concessive
            and first.i + 1 < sent.end and doc[first.i + 1].text == ","):
        found.add("concession")
    top = sent.root
    for token in sent:
        if token.i < span.end or token.lower_ not in CONTRAST_TOKENS or token.dep_ != "cc":
            continue
        if token.head.i != top.i or top.i > token.i:
            continue
        after = doc[token.i + 1] if token.i + 1 < sent.end else None
        if after is not None and after.dep_ == "neg":
            found.add("contrast")  # "..., but not literally"
        for conj in (c for c in top.children if c.dep_ == "conj" and c.i > token.i):
            if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children) and (
                    _negated_clause(conj) or conj.lemma_.lower() in words("dismissal_words")):
                found.add("contrast")  # "..., but the cure is not ...", "..., but it misjudges ..."
    if sent.end < len(doc) and doc[sent.end].lower_ in CONTRAST_TOKENS and not _upholds(doc[sent.end].sent):
        found.add("next")
    after = doc[sent.end].sent if sent.end < len(doc) else None  # one sentence of elaboration between
    if (after is not None and after.end < len(doc) and doc[after.end].lower_ in CONTRAST_TOKENS
            and not _upholds(doc[after.end].sent) and _states(span)):
        found.add("later")
    if sent.end < len(doc) and _is_reply(doc[sent.end].sent) and _states(span):
        found.add("reply")
    return found


def _states(span: Span) -> bool:
    """The cue is what its sentence states: the main verb or its chain of complements ("threaten to
    close"), or their subject - not a noun further down ("close their borders")."""
    top = span.sent.root
    token = span.root
    if token.dep_ in ("nsubj", "nsubjpass"):
        token = token.head
    while token.i != top.i and token.dep_ in ("xcomp", "ccomp", "aux", "conj"):
        token = token.head
    return token.i == top.i


UPHOLDING = {"real", "genuine", "serious", "true", "valid"}


def _upholds(sent: Span) -> bool:
    """The sentence affirms that something is real ("But the capital at stake is real."): a "But" that
    upholds the pressure after questioning it, not a counter (ruling F1)."""
    root = sent.root
    return not _negated_clause(root) and any(
        c.dep_ in ("acomp", "attr") and c.lower_ in UPHOLDING for c in root.children)


def _is_reply(sent: Span) -> bool:
    """A short sentence that brushes aside the one before it ("Let them.", "So what?")."""
    text = " ".join(t.lower_ for t in sent if not t.is_punct and not t.is_space)
    return len(text) < 30 and text in words("dismissal_replies")




def _denied(span: Span) -> bool:
    """The cue's clause states the pressure only to deny it (ruling F2): "is no obstacle", "nothing in
    the accord bars it", "will not be banned": a negated verb of prohibiting with the cue as its subject, a
    "no" predicate noun, a negative pronoun as subject, or the cue set aside ("X, not the court")."""
    root = span.root
    clause = clause_of(root)
    if clause.sent.start != root.sent.start:
        return False
    if root.pos_ in ("NOUN", "PROPN") and (
            any(c.dep_ == "neg" and c.i < root.i for c in root.children)
            or (root.dep_ == "appos" and any(c.dep_ == "neg" and root.head.i < c.i < root.i for c in root.head.children))):
        return True  # "the president, not the court, will decide": the cue named only to be set aside
    if (clause.lemma_.lower() in PROHIBITING and _negated_clause(clause) and root.head.i == clause.i
            and root.dep_ in ("nsubj", "nsubjpass")):
        return True  # "the herders will not be banned from grazing", "does not bar"
    for child in clause.children:
        if child.dep_ in ("attr", "dobj") and any(c.lower_ == "no" and c.dep_ == "det" for c in child.children):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in NEGATING_SUBJECTS \
                and child.left_edge.i <= root.i <= child.right_edge.i:
            return True  # "nothing in the accord bars ...": the cue in the denied subject, not its object
    return False


PROHIBITING = {"forbid", "prohibit", "bar", "ban", "outlaw", "preclude", "prevent", "block", "restrict"}


NAME_LABELS = ("ORG", "PERSON", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT")


def _inside_longer_name(ents: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when the tokens lie inside a name (``ents``: token spans of names) that extends beyond them."""
    return any(s <= start and end <= e and (s < start or end < e) for s, e in ents)


PERCENT_WORDS = {"%", "percent", "per"}


def _share(span: Span) -> float | None:
    """The share of people the cue's clause speaks for ("54 per cent of Alphans oppose", "eight in 10
    ... are against"): a percentage in the subject of the nearest verb above the cue that has one (so
    "..., and only a third are in favour" speaks for its own subject); None when there is none."""
    from analysis.quantities import _number_value, _written_figure

    head = next((t for t in [span.root, *span.root.ancestors]
                 if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)), clause_of(span.root))
    doc = span.doc
    for subject in (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")):
        for token in subject.subtree:
            written = _written_figure(doc, token.i)
            if written is not None and written[1] == "percent":
                return written[0]
            after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
            if token.like_num and (after in PERCENT_WORDS or token.text.endswith("%")):
                return _number_value(token.text.rstrip("%"))
    return None


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
    return {k: frozenset(l for l in v if counts[l] == 1 and l not in topic) for k, v in lemmas.items()}


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

    def _by_sentence(self, doc: Doc, sentence_of: SentenceIndex) -> dict[tuple[str, str, int], list[Span]]:
        """(kind, factor, sentence) -> matched spans, names inside longer names left out."""
        found: dict[tuple[str, str, int], list[Span]] = {}
        names = [(e.start, e.end) for e in doc.ents if e.label_ in NAME_LABELS]
        for key, start, end in self.matcher(doc):
            if _inside_longer_name(names, start, end):
                continue  # "China" inside "South China Morning Post"
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
        cue as its object takes that cue's direction ("backs a pause" is away; "threatens to withdraw"
        stays away); when both kinds come with a
        share of people ("54 per cent oppose, while 38 per cent are in favour"), the larger share's."""
        directions, negated = [], False
        spans = {kind: found.get((kind, factor_id, sid), []) for kind in ("toward", "away")}
        if spans["toward"] and spans["away"]:  # two shares set side by side: the larger one speaks (S2)
            shares = {kind: [v for v in map(_share, spans[kind]) if v is not None] for kind in spans}
            if shares["toward"] and shares["away"] and max(shares["toward"]) != max(shares["away"]):
                smaller = min(shares, key=lambda kind: max(shares[kind]))
                spans[smaller] = []
        kept = {kind: [span for span in spans[kind] if not any(
                    o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in spans[FLIP[kind]])]
                for kind in ("toward", "away")}  # "halt" inside "refused to halt": the longer cue reads it
        objects = {span.root.i: kind for kind in kept for span in kept[kind] if span.root.dep_ in OBJECT_DEPS}
        backing = {span.root.i for span in kept["toward"]}
        for kind in ("toward", "away"):
            for span in kept[kind]:
                if span.root.dep_ in OBJECT_DEPS and span.root.head.i in backing:
                    continue  # read with the cue that backs it
                own = next((objects[c.i] for c in span.root.children if c.i in objects), None)
                if kind == "toward" and own is not None:  # "backs a pause": backing takes its object's direction
                    kind = own
                turned = _turned(span)
                negated |= turned
                directions.append(FLIP[kind] if turned else kind)
        return directions, negated

    def mentions(self, doc: Doc, stance_rows: list[tuple[int, str, str, str]]) -> list[dict]:
        """Factor mentions of one Doc: factor, sentence, direction, actor, cue, negated, hedged.

        ``stance_rows`` are the Doc's stance evidence as (sentence_id, actor, stance, cue).
        """
        bounds = sentence_bounds(doc)
        found = self._by_sentence(doc, SentenceIndex(doc))
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
                    shared = [lemmas[l] for l in described if l in lemmas]
                    if len(shared) >= PARAPHRASE_MIN:
                        paraphrased[(factor_id, sid)] = [doc[t.i:t.i + 1] for t in sorted(shared, key=lambda t: t.i)]
            candidates |= set(paraphrased)
        rows = []
        order = {factor_id: i for i, factor_id in enumerate(self.factors)}
        for factor_id, sid in sorted(candidates, key=lambda c: (order[c[0]], c[1])):
            factor, (start, end) = self.factors[factor_id], bounds[sid]
            spans = found.get(("cue", factor_id, sid), []) or paraphrased.get((factor_id, sid), [])
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
            dismissed = any(_dismissed(span) for span in spans)
            countered = sorted(set().union(*(_countered(span) for span in spans))) if spans else []
            if not directions and spans and not by_actor and factor.direction in FLIP and any(_denied(sp) for sp in spans):
                directions, negated = [FLIP[factor.direction]], True
            elif (not directions and not by_actor and (factor_id, sid) in paraphrased and factor.direction in FLIP
                    and any(_turned(sp) for sp in spans)):
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


PLAIN_MAJORITY = 2


def _combined_direction(directions: set[str], counts: dict | None = None) -> str:
    """One direction for a factor in an article: the common one, or mixed when they oppose or the
    pressure is dismissed. ``counts`` ((direction, plain) -> mentions) lets the article's thread win:
    when one side is only plain mentions (the factor named in its own sense) and outnumbers the other
    side, whose direction was read from cues or stances, ``PLAIN_MAJORITY`` to one, a contrary reading in
    a minority of the mentions is a side remark, not both sides presented - unless it is a negation
    ("not prohibited"): a denial answers the pressure (ruling F2)."""
    if "dismissed" in directions:
        return "mixed"
    if counts and {"toward", "away"} <= directions:
        for side, other in (("toward", "away"), ("away", "toward")):
            plain, read = counts.get((side, True), 0), counts.get((side, False), 0)
            if (not read and not counts.get((other, True)) and not counts.get((other, "denied"))
                    and plain >= PLAIN_MAJORITY * counts.get((other, False), 0)):
                return side
    if directions in ({"toward"}, {"away"}, {"mixed"}):
        return next(iter(directions))
    if "toward" in directions and "away" not in directions:
        return "toward"
    if "away" in directions and "toward" not in directions:
        return "away"
    return "mixed"


def factor_summary(evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, factor): toward, away or mixed, with the first evidence as example.
    A pressure the article raises and also dismisses (a ``dismissed`` mention) or counters (a
    ``countered`` mention: conceded with "Yes, ...", answered by "but ... not", or followed by a
    sentence opening with "But"/"However" or by a retort) is mixed (rulings F1, F3); otherwise see
    ``_combined_direction``."""
    defaults = {"dismissed": False, "countered": "", "plain": False, "negated": False}
    for column, value in defaults.items():
        if column not in evidence.columns:
            evidence = evidence.assign(**{column: value})
    groups: dict[tuple[str, str, str], list] = {}
    for article_id, file, factor, direction, cue, sid, dismissed, countered, plain, negated in iter_rows(
            evidence, ["article_id", "file", "factor", "direction", "cue", "sentence_id", "dismissed",
                       "countered", "plain", "negated"]):
        entry = groups.setdefault((article_id, file, factor), [set(), 0, cue, int(sid), {}])
        entry[0].add("dismissed" if dismissed or (isinstance(countered, str) and countered) else direction)
        entry[1] += 1
        kind = "denied" if negated is True and plain is not True else plain is True
        entry[4][(direction, kind)] = entry[4].get((direction, kind), 0) + 1
    rows = [{"article_id": a, "file": f, "factor": factor, "direction": _combined_direction(directions, counts),
             "n_evidence": n, "cue": cue, "sentence_id": sid}
            for (a, f, factor), (directions, n, cue, sid, counts) in groups.items()]
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def factor_outlet_matrix(summary: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and factor: articles citing it toward, away, mixed; balance (toward - away) / articles."""
    from analysis.corpus.study import with_outlet

    data = with_outlet(summary, articles)
    table = (data.pivot_table(index=["outlet", "factor"], columns="direction", values="article_id",
                              aggfunc="count", fill_value=0)
             .reindex(columns=["toward", "away", "mixed"], fill_value=0).reset_index())
    table["articles"] = table[["toward", "away", "mixed"]].sum(axis=1)
    table["balance"] = ((table["toward"] - table["away"]) / table["articles"].clip(lower=1)).round(2)
    return table
