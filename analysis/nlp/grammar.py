"""Grammar helpers shared by the stance and factor rules: negation, clauses, governing chains."""

from __future__ import annotations

from spacy.tokens import Token


def is_negated(token: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("det", "advmod") for c in token.children):
        return True
    head = token.head
    return token.dep_ in ("xcomp", "acomp") and any(c.dep_ == "neg" for c in head.children)


CLAUSE_BOUNDARIES = {"advcl", "relcl", "ccomp", "parataxis", "acl", "csubj", "ROOT"}


def clause_of(token: Token) -> Token:
    """The head of the clause a token belongs to (climbing until a clause boundary)."""
    current = token
    while current.dep_ not in CLAUSE_BOUNDARIES and current.head.i != current.i:
        current = current.head
    return current


def names_someone(token: Token) -> bool:
    """A name or a nationality-marked group ("Veldorian forces"), not a thing ("coastal radar systems")."""
    return token.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") or any(
        c.ent_type_ in ("NORP", "GPE") for c in token.children if c.dep_ in ("amod", "compound"))


def subtree_holds(head: Token, indices: set[int]) -> bool:
    """Whether any token of ``indices`` is in the subtree of ``head`` (walks up from those few
    tokens instead of building the subtree)."""
    doc = head.doc
    return any(i == head.i or head.is_ancestor(doc[i]) for i in indices)


def governing_chain(token: Token, depth: int = 3) -> list[Token]:
    chain, current = [token], token
    for _ in range(depth):
        if current.head.i == current.i:
            break
        current = current.head
        chain.append(current)
    return chain
