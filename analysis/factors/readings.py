"""Readings of one factor mention's sentence that set or qualify its direction: a cue turned by
negation or a diminisher, dismissed where it is raised, countered by what follows, or stated only to
be denied (rulings F1-F3), and the share of people a poll cue speaks for."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from analysis.nlp.grammar import clause_of, is_negated
from analysis.resources import word_set as words

FLIP = {"toward": "away", "away": "toward", "mixed": "mixed"}


def is_turned(span: Span) -> bool:
    """Negated (also by a negative subject: "nothing forbids"), or weakened by a diminisher ("limited
    support", "no appetite"). A negation inside the cue is the cue's own ("not consulted", "no
    consent" as an away cue): it does not turn it. A subject cue whose predicate is a diminisher is
    turned ("backing is weak"). A cue in the complement of a negated "be" is turned
    too ("is not a threat", "is not the same as training")."""
    diminishers = words("diminishers")
    root = span.root
    if any(t.dep_ == "neg" or t.lower_ in ("no", "never", "without") for t in span):
        return False
    if is_negated(root) or _in_negated_complement(root):
        return True
    if root.dep_ in ("nsubj", "nsubjpass") and any(  # "approval is low", "backing was lower"
            c.dep_ in ("acomp", "attr") and c.lemma_.lower() in diminishers for c in root.head.children):
        return True
    return any(c.lower_ in diminishers or (c.dep_ == "det" and c.lower_ == "no")
               or (c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in NEGATING_SUBJECTS)  # "nothing forbids"
               for c in root.children)


def _in_negated_complement(token) -> bool:
    """The token is the predicate of a negated "be" ("is not a threat") or the object of a preposition
    on such an adjectival predicate ("is not the same as skill", "is not short of funds") - not
    a noun further down ("is not a lack of support": the lack is denied, not the support)."""
    current = token
    if current.dep_ == "pobj" and current.head.dep_ == "prep" and current.head.head.pos_ == "ADJ":
        current = current.head.head  # "same as X", "short of X"
    if current.dep_ == "amod" and current.head.dep_ in ("attr", "acomp"):
        current = current.head  # "not the same as": "same" modifies the predicate noun
    return current.dep_ in ("attr", "acomp") and current.head.lemma_ == "be" and any(
        c.dep_ == "neg" for c in current.head.children)


OBJECT_PATH = {"dobj", "pobj", "poss", "compound", "nsubjpass", "prep", "amod", "nmod", "appos", "attr"}


def is_dismissed(span: Span) -> bool:
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


def counters_of(span: Span) -> set[str]:
    """Which ways the cue's sentence raises the pressure and then counters it (ruling F1):
    ``concession`` - the cue sits in a sentence opened by a concessive word and a comma ("Yes, ...",
    "Admittedly, ..."), which grants a point the text goes on to answer (a concessive subordinate
    clause, "while X, Y", is not enough: it often only sets two findings side by side);
    ``contrast`` - after the cue's clause a "but"/"yet" clause says "not" or dismisses ("X deserves to
    be heard, but not obeyed", "X is fair, but the cure is not Y", "X is tempting, but it misjudges"); ``next`` - the next sentence opens with
    "But"/"Yet"/"However" (unless it upholds: "But the risk is real.");
    ``later`` - the sentence after next does so, and the cue is what its sentence states (its main
    verb chain or their subject: "Beta warned of reprisals. It has the means. Yet its threats were
    empty."), unless the sentence between dismisses it: then the "But" takes the dismissal back
    ("Beta warned of reprisals. Some of it is bluster. But its fleet is near."), the pressure is
    questioned and upheld, not countered; ``reply`` - the next sentence is a short retort ("Let them.")."""
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
            found.add("contrast")  # "..., but not seriously"
        for conj in (c for c in top.children if c.dep_ == "conj" and c.i > token.i):
            if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children) and (
                    _negated_clause(conj) or conj.lemma_.lower() in words("dismissal_words")):
                found.add("contrast")  # "..., but the cure is not ...", "..., but it misjudges ..."
    if sent.end < len(doc) and doc[sent.end].lower_ in CONTRAST_TOKENS and not _upholds(doc[sent.end].sent):
        found.add("next")
    after = doc[sent.end].sent if sent.end < len(doc) else None  # one sentence of elaboration between
    if (after is not None and after.end < len(doc) and doc[after.end].lower_ in CONTRAST_TOKENS
            and not _upholds(doc[after.end].sent) and not _is_dismissal(after) and _states(span)):
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


def _is_dismissal(sent: Span) -> bool:
    """The sentence's predicate is a word that denies a pressure's force ("Some of this is theatre.",
    "Much of it is exaggerated.")."""
    root = sent.root
    predicate = [root] + [c for c in root.children if c.dep_ in ("acomp", "attr", "oprd")]
    return any(t.lemma_.lower() in words("dismissal_words") or t.lower_ in words("dismissal_words")
               for t in predicate)


@cache
def _balance_kinds() -> dict[str, str]:
    from analysis.resources import csv_rows

    return {row["word"].lower(): row["kind"] for row in csv_rows("balance_cues.csv")}


def is_balanced(span: Span) -> bool:
    """The cue's sentence presents the pressure as cutting both ways (ruling F4, both directions
    presented): its clause is said to be split ("the lenders are split on it", "opinion is divided")
    or an upside and a downside are coordinated in one phrase ("dangers as well as gains", "costs
    and benefits")."""
    kinds = _balance_kinds()

    def kind(token) -> str | None:
        return kinds.get(token.lemma_.lower()) or kinds.get(token.lower_) or kinds.get(
            "".join(t.text for t in token.subtree).lower())

    clause = _own_clause(span.root)
    if any(kind(t) == "predicate" for t in [clause, *(c for c in clause.children if c.dep_ in ("acomp", "oprd"))]):
        return True
    return any(token.dep_ == "conj" and {kind(token), kind(token.head)} == {"upside", "downside"}
               and clause.is_ancestor(token) for token in span.sent)  # in the cue's clause or one under it


def _own_clause(token):
    """The head of the clause a token belongs to, a coordinated clause counting as its own ("X split
    in May, and Y warned": "warned" is not said of what split)."""
    current = token
    while current.dep_ not in ("advcl", "relcl", "ccomp", "parataxis", "acl", "csubj", "ROOT", "conj") \
            or current.dep_ == "conj" and current.pos_ not in ("VERB", "AUX"):
        if current.head.i == current.i:
            break
        current = current.head
    return current


def _is_reply(sent: Span) -> bool:
    """A short sentence that brushes aside the one before it ("Let them.", "So what?")."""
    text = " ".join(t.lower_ for t in sent if not t.is_punct and not t.is_space)
    return len(text) < 30 and text in words("dismissal_replies")




def is_denied(span: Span) -> bool:
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
        return True  # "the minister, not the tribunal, will rule": the cue named only to be set aside
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


PERCENT_WORDS = {"%", "percent", "per"}


def is_subgroup_share(span: Span) -> bool:
    """The cue's clause gives a share of people in a part of the population only ("in the coastal
    regions 60 percent back it", "among the young, most oppose it"): a subgroup's reading, not the
    public's, so no direction of its own (the headline share gives that)."""
    if share_of(span) is None:
        return False
    head = _subject_clause(span)
    subgroup = words("subgroup_words")
    return any(c.dep_ == "prep" and c.lower_ in ("in", "among")
               and any(t.lemma_.lower() in subgroup or t.lower_ in subgroup for t in c.subtree)
               for c in head.children)


def _subject_clause(span: Span):
    """The nearest word at or above the cue that has a subject (else the cue's clause head)."""
    return next((t for t in [span.root, *span.root.ancestors]
                 if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)), clause_of(span.root))


def share_of(span: Span) -> float | None:
    """The share of people the cue's clause speaks for ("54 per cent of Alphans oppose", "eight in 10
    ... are against"): a percentage in the subject of the nearest verb above the cue that has one (so
    "..., and only a third are in favour" speaks for its own subject); None when there is none."""
    from analysis.quantities import _number_value, _written_figure

    head = _subject_clause(span)
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


